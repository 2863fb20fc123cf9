"""The ``themes`` annotator: themes per utterance and per call (rules over lemmas plus casualty-derived themes, and
what the learned theme model adds where the rules found nothing: ``config: {theme_model: false}`` turns it off).

Utterance findings have ``attributes["scope"] == "utterance"``; when a text has several utterances, one
``"call"`` finding per theme summarises them (score = the best utterance score).
"""

from __future__ import annotations

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import Lexicon, compile_lexicon, load_lexicon
from overheard.annotate.rules.theme_model import ThemeModel, shipped_theme_model
from overheard.annotate.rules.themes import THEMES, ThemeHit, find_themes, theme_rules, with_model_themes
from overheard.model import Finding, FindingKind

RULES_VERSION = "v32"


class ThemeAnnotator:
    """Themes per utterance and per call (rules over lemmas plus casualty-derived themes)."""

    name = "themes"
    version = RULES_VERSION  # the instance's version adds the theme rules' and the lexicon's versions
    requires = ("tokens", "term_matches", "casualties")
    provides = tuple(f"theme:{theme}" for theme in THEMES)
    default_config: dict = {"theme_model": True}

    def __init__(self, lexicon: Lexicon | None = None, theme_model: bool = True) -> None:
        self.lexicon = lexicon or load_lexicon()
        # the learned second opinion on themes (lexicons/theme_model.json); None: the cue rules alone
        self.model: ThemeModel | None = shipped_theme_model() if theme_model else None
        model = f"+model{self.model.meta.get('version', '?')}" if self.model else ""
        self.version = f"{RULES_VERSION}+themes{theme_rules().version}{model}+lex{self.lexicon.digest[:8]}"

    def hits(self, doc: Doc) -> list[ThemeHit]:
        """Themes of every utterance of ``doc``, with evidence and score."""
        doc = Doc.of(doc)
        hits = find_themes(doc.readable_text, doc.tokens, doc.casualties(compile_lexicon(self.lexicon)),
                           doc.utterance_ranges)
        if self.model is None:
            return hits
        return with_model_themes(hits, doc.tokens, doc.utterance_ranges, doc.language, self.model)

    def annotate(self, doc: Doc) -> list[Finding]:
        """THEME findings: one per theme and utterance, and per call when there are several utterances."""
        doc = Doc.of(doc)
        producer = f"{self.name}.{self.version}"
        hits = self.hits(doc)
        findings = [
            Finding(
                kind=FindingKind.THEME, label=hit.theme, start=hit.start, end=hit.end,
                text=doc.text[hit.start : hit.end], score=hit.score, producer=producer,
                explanation=f"{hit.theme} (score {hit.score}) from " + "; ".join(hit.reasons),
                attributes={"scope": "utterance", "utterance": hit.utterance},
            )
            for hit in hits
        ]
        if len(doc.utterance_ranges) > 1:
            best: dict[str, ThemeHit] = {}
            counts: dict[str, int] = {}
            for hit in hits:
                counts[hit.theme] = counts.get(hit.theme, 0) + 1
                if hit.theme not in best or hit.score > best[hit.theme].score:
                    best[hit.theme] = hit
            for theme, hit in best.items():
                findings.append(Finding(
                    kind=FindingKind.THEME, label=theme, start=hit.start, end=hit.end,
                    text=doc.text[hit.start : hit.end], score=hit.score, producer=producer,
                    explanation=f"{theme} in {counts[theme]} utterance(s); strongest evidence in utterance "
                                f"{hit.utterance}",
                    attributes={"scope": "call", "utterances": counts[theme]},
                ))
        return findings
