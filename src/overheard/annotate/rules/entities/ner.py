"""natasha/slovnet NER for capitalised names and organisations the lexicons do not know (Russian only).

The model is loaded on first use, once per process, and only run when a capitalised word is left that the
name lexicon, pymorphy3 and the gazetteer cannot explain.
"""

from __future__ import annotations

from functools import lru_cache

from overheard.annotate.rules.entities.morph import patronymic, surname
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start
from overheard.annotate.rules.places import PlaceMatch
from overheard.names import name_lexicon
from overheard.text import fold, parses


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


def needs_ner(text: str, words: list[Word], language: str, places: list[PlaceMatch]) -> bool:
    """Run natasha only when a capitalised word is left that the lexicons cannot explain."""
    lexicon = name_lexicon()
    not_person = entity_cues().not_person
    for i, (start, _end, word) in enumerate(words):
        if not word[:1].isupper() or any(p.start <= start < p.end for p in places):
            continue
        if lexicon.lookup(word) or fold(word) in not_person or patronymic(word, language):
            continue
        if sentence_start(text, words, i) and not surname(word, language):
            top = parses(word.lower(), language)[0]
            if top.is_known and top.score >= 0.3:
                continue
        return True
    return False
