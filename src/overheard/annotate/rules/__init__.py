"""Rules: pure functions over a document's readings (tokens, term matches, numbers), no Findings here.

The components in :mod:`overheard.annotate.components` turn what the rules decide into Findings; the
words the rules look for are data (``overheard/lexicons/*.yaml``), read through :mod:`overheard.annotate.cues`.
"""
