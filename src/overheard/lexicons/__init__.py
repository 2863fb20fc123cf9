"""Words as data: coded terms, cue lists, names, places and phrases, each defined once, and their one loader.

The files here are reviewed data, not code. Word lists (cue words, entity cues, unit and phone
patterns, language cues) are read by :mod:`overheard.lexicons.loader`, which requires a ``note`` and a
``source`` on every list and rejects duplicates; ``overheard lexicon validate`` checks every file.
"""
