"""The ``terms`` annotator: coded and slang terms of the lexicon (plain casualty words are left to ``casualties``)."""

from __future__ import annotations

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import CompiledLexicon, Lexicon, compile_lexicon, load_lexicon
from overheard.model import Finding, FindingKind

RULES_VERSION = "v44"  # bump whenever matching or counting rules change, so `annotate` reruns


class TermAnnotator:
    """Finds coded and slang terms from the lexicon; a number the casualty rules read as a distance, money or a
    unit number ("в 300 метрах") is not a term."""

    name = "terms"
    version = RULES_VERSION  # the instance's version adds the lexicon digest: "v2+lex91873fd7"
    requires = ("tokens", "term_matches", "casualties")
    provides = ("term:*",)
    default_config: dict = {}

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.version = f"{RULES_VERSION}+lex{self.lexicon.digest[:8]}"

    @property
    def compiled(self) -> CompiledLexicon:
        """The compiled lexicon (built once per lexicon)."""
        return compile_lexicon(self.lexicon)

    def annotate(self, doc: Doc) -> list[Finding]:
        """One TERM finding per coded/slang term match."""
        doc = Doc.of(doc)
        compiled = self.compiled
        producer = f"{self.name}.{self.version}"
        decisions = doc.casualties(compiled)
        not_codes, accepted = decisions.not_codes, decisions.accepted
        findings = []
        for match in doc.term_matches(compiled):
            if (match.start, match.end) in not_codes:
                continue  # "в 300 метрах": the casualty rules say why this number is not a code
            # a casualty reading first when the rules accepted it ("задвухсотили": killed), else the first entry
            # ("задвухсотим": a threat)
            reported = (match.start, match.end) in accepted
            entries = sorted(match.entries, key=lambda e: not (reported and e.is_casualty))
            entry = next((e for e in entries if e.kind != "plain"), None)
            if entry is None:
                continue
            text = doc.text[match.start : match.end]
            readable = doc.readable_text[match.start : match.end]
            findings.append(
                Finding(
                    kind=FindingKind.TERM, label=entry.category, start=match.start, end=match.end, text=text,
                    score=1.0, producer=producer,
                    explanation=f"lexicon entry {entry.id} ({entry.source}) matched {readable!r}; note: {entry.note}",
                    attributes={"term_id": entry.id, "gloss": dict(entry.gloss), "kind": entry.kind,
                                "language": list(entry.language)},
                )
            )
        return findings
