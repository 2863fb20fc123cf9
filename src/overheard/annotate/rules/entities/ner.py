"""natasha/slovnet NER (Russian only): a second opinion on names, and organisations the lexicons do not know.

The model is loaded on first use, once per process, and run on every Russian text with a capital letter
(a PER span it finds is masked even when the rules read the words otherwise).
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _natasha():
    """Load natasha's segmenter and NER tagger (once per process)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def natasha_spans(text: str) -> list[tuple[str, int, int]]:
    """(type, start, end) of natasha's PER/LOC/ORG spans; nothing for all-lower-case text."""
    if not any(ch.isupper() for ch in text):
        return []
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(span.type, span.start, span.stop) for span in doc.spans]
