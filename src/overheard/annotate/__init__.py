"""Annotation: small registered components over one shared document.

``doc.py`` the shared :class:`~overheard.annotate.doc.Doc` and its readings (computed once);
``registry.py`` annotators by name, version, requires/provides and default config (entry points);
``pipeline.py`` the one pipeline built from config (``analyze``, ``annotate`` and the web run it);
``components/`` the built-in annotators (terms, casualties, themes, entities);
``rules/`` pure rules over the readings (tokens, term matching, counts, casualties, themes, entities);
``lexicon.py`` the coded-term lexicon; ``cues.py`` word lists (``overheard/lexicons``) as lookup keys;
``analysis.py`` the ``analyze`` JSON contract.
"""
