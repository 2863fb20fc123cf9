"""The built-in annotators (components): small classes with a ``name``, a ``version`` and ``annotate(doc)``.

Each reads the shared :class:`overheard.annotate.doc.Doc` and turns the rules' decisions into Findings. They
are registered through the same entry-point mechanism as third-party annotators (see
:mod:`overheard.annotate.registry`).
"""
