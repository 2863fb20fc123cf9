"""The ``entities`` annotator, the personal-data detector: people, call signs, units and phones (and places,
organisations), as non-overlapping ENTITY findings (:mod:`overheard.annotate.rules.entities`)."""

from __future__ import annotations

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import Lexicon, compile_lexicon, load_lexicon
from overheard.annotate.rules.entities import entity_candidates
from overheard.annotate.rules.entities.learned import TokenModel, shipped_model
from overheard.model import ENTITY_LABELS, Document, Finding, FindingKind

VERSION = "v48"  # bump whenever the rules or the name model change, so `annotate` reruns
PRODUCER = f"entities.{VERSION}"


class EntityAnnotator:
    """Names, call signs, units, phones, places and organisations; the call's region is the prior for places.

    It declares that it provides the personal-data labels (PER, PHONE, CALLSIGN, UNIT): viewers see only text
    an annotator providing them has checked (:func:`overheard.annotate.registry.detects_personal_data`).
    """

    name = "entities"
    version = VERSION
    requires = ("readable_text", "words", "protected_spans")
    provides = tuple(f"entity:{label}" for label in ENTITY_LABELS)
    default_config = {"ner": True, "name_model": True}

    def __init__(self, ner: bool = True, lexicon: Lexicon | None = None, name_model: bool = True) -> None:
        self.ner = ner  # False: never run the NER model (rules and lexicons only)
        self.lexicon = lexicon or load_lexicon()  # its coded casualty terms are never entities
        # the learned second opinion on names and call signs (lexicons/name_model.json); None: the rules alone
        self.model: TokenModel | None = shipped_model() if name_model else None

    def annotate(self, doc: Doc) -> list[Finding]:
        """Entities of ``doc`` in text order; each quotes the text as written."""
        doc = Doc.of(doc)
        text = doc.readable_text
        codes = doc.protected_spans(compile_lexicon(self.lexicon))
        candidates = entity_candidates(text, doc.words, doc.language, doc.region, codes, self.ner, self.model)
        return [
            Finding(kind=FindingKind.ENTITY, label=c.label, start=c.start, end=c.end, text=doc.text[c.start : c.end],
                    score=c.score, producer=PRODUCER, explanation=c.explanation,
                    attributes=c.attributes | {"over_code": True} if c.over_code else c.attributes)
            for c in candidates
        ]


def find_entities(text: str, language: str = "ru", region: str | None = None) -> list[Finding]:
    """All entities in ``text`` as non-overlapping ENTITY findings, in text order.

    Detection reads the text with look-alike Latin letters made Cyrillic ("Cергей" with a Latin C is a
    name); each finding quotes the original characters, which stay in storage.
    """
    return EntityAnnotator().annotate(Doc(text, language, region=region))


def protected_spans(doc: Doc | Document, lexicon: Lexicon | None = None) -> list[tuple[int, int]]:
    """Spans of the coded casualty terms of ``doc`` (the built-in lexicon's, or ``lexicon``'s) that redaction
    must leave as they are, like entity detection does."""
    return Doc.of(doc).protected_spans(compile_lexicon(lexicon or load_lexicon()))
