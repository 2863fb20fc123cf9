"""The ``casualties`` annotator: casualty mentions (killed, wounded, refused, missing, captured, deserted) with
counts, from the casualty decisions of the shared document (:mod:`overheard.annotate.rules.casualties`)."""

from __future__ import annotations

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import CompiledLexicon, Lexicon, compile_lexicon, load_lexicon
from overheard.annotate.rules.casualties import CasualtyDecisions
from overheard.model import Document, Finding, FindingKind

RULES_VERSION = "v44"  # shared with terms: both read the same casualty decisions


def find_casualties(doc: Doc | Document, compiled: CompiledLexicon | None = None) -> CasualtyDecisions:
    """Casualty mentions and rejected readings in ``doc`` (``mentions, rejected = find_casualties(doc)``)."""
    return Doc.of(doc).casualties(compiled or compile_lexicon(load_lexicon()))


class CasualtyAnnotator:
    """Casualty mentions with counts; a group mentioned twice in an utterance is one mention."""

    name = "casualties"
    version = RULES_VERSION
    requires = ("tokens", "term_matches", "numbers", "casualties")
    provides = ("casualty:killed", "casualty:wounded", "casualty:refused", "casualty:missing", "casualty:captured",
                "casualty:deserted")
    default_config: dict = {}

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.version = f"{RULES_VERSION}+lex{self.lexicon.digest[:8]}"

    def annotate(self, doc: Doc) -> list[Finding]:
        """One CASUALTY finding per mention (label = category; attributes: count, approximate, side, term_id)."""
        doc = Doc.of(doc)
        producer = f"{self.name}.{self.version}"
        return [
            Finding(
                kind=FindingKind.CASUALTY, label=m.category, start=m.start, end=m.end,
                text=doc.text[m.start : m.end], score=1.0, producer=producer, explanation=m.explanation,
                attributes={"category": m.category, "count": m.count, "approximate": m.approximate,
                            "side": m.side, "term_id": m.term_id},
            )
            for m in doc.casualties(compile_lexicon(self.lexicon)).mentions
        ]
