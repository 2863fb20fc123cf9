"""The ``analyze`` contract: one text in, coded terms, casualties, entities and themes out.

``analyze_text(text, lang="auto")`` returns::

    {"language": "ru",
     "terms": [{"start", "end", "text", "term_id", "category", "gloss"}],
     "casualties": [{"category", "count", "approximate", "side", "start", "end", "text", "explanation"}],
     "entities": [{"start", "end", "text", "label", "score", "attributes"}],
     "themes": [{"theme", "score", "start", "end", "evidence"}]}

``start``/``end`` are Python string offsets into the text exactly as given; ``gloss`` is the
English gloss; ``count`` is an int or null; ``themes`` lists each theme once per utterance (a
line of the text). ``entities`` is filled by the annotator registered as ``"entities"`` when the
pipeline has one, else it is empty. The pipeline (:class:`overheard.annotate.pipeline.Pipeline`, the
same one ``annotate`` and the web run) is built once per lexicon and reused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from overheard.annotate.doc import Doc
from overheard.annotate.lexicon import Lexicon, compile_lexicon, load_lexicon
from overheard.annotate.pipeline import DEFAULT_PIPELINE, Pipeline
from overheard.annotate.registry import Annotator
from overheard.errors import AnalysisInputError, OverheardError
from overheard.model import Finding, FindingKind, plain
from overheard.text import detect_language

MAX_CHARS = 2_000_000  # one call transcript is far below this; larger input is almost surely a mistake
LANGS = ("ru", "uk", "auto")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f]")  # control characters other than tab, line breaks, form feed
DEFAULT_ANNOTATORS = DEFAULT_PIPELINE


def check_text(text: str, what: str = "input") -> str:
    """Raise AnalysisInputError for empty, binary or oversized text; return the text unchanged."""
    if not isinstance(text, str):
        raise AnalysisInputError(f"{what}: 'text' must be a string")
    if not text.strip():
        raise AnalysisInputError(f"{what}: empty text, nothing to analyse")
    if len(text) > MAX_CHARS:
        raise AnalysisInputError(
            f"{what}: text of {len(text):,} characters is over the {MAX_CHARS:,} limit; split it into calls")
    if "\x00" in text:
        raise AnalysisInputError(f"{what}: looks binary (contains NUL characters), expected text")
    controls = len(_CONTROLS.findall(text, 0, 10000))
    if controls > max(10, len(text[:10000]) // 20):
        raise AnalysisInputError(f"{what}: looks binary (many control characters), expected text")
    return text


def decode_input(data: bytes, what: str = "input") -> str:
    """Decode bytes as UTF-8 text (BOM allowed) or raise a one-line AnalysisInputError."""
    if b"\x00" in data[:65536]:
        raise AnalysisInputError(f"{what}: looks binary (contains NUL bytes), expected UTF-8 text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise AnalysisInputError(
            f"{what}: not UTF-8 text (invalid byte at offset {error.start}); convert it to UTF-8 first") from None


def utterances_of(text: str) -> tuple[tuple[int, int], ...]:
    """Utterance ranges of a plain text: its non-empty lines."""
    ranges, position = [], 0
    for line in text.split("\n"):
        end = position + len(line)
        if line.strip():
            ranges.append((position, end))
        position = end + 1
    return tuple(ranges) if len(ranges) > 1 else ()


@dataclass
class Analyzer:
    """The ``analyze`` contract over a pipeline built once and reused for every text."""

    pipeline: Pipeline

    @classmethod
    def build(cls, lexicon: Lexicon | None = None, names: Iterable[Any] = DEFAULT_ANNOTATORS) -> Analyzer:
        """Build the pipeline of ``names`` (names or ``{name, config}`` items) over ``lexicon``."""
        return cls(Pipeline.from_config(names, lexicon))

    @property
    def lexicon(self) -> Lexicon:
        """The coded-term lexicon of the pipeline."""
        return self.pipeline.lexicon

    @property
    def annotators(self) -> tuple[Annotator, ...]:
        """The annotators of the pipeline, in order."""
        return self.pipeline.annotators

    def run(self, doc: Doc) -> dict[str, list[Finding]]:
        """Findings of every annotator keyed by annotator name."""
        return self.pipeline.by_name(doc)

    def analyze(self, text: str, lang: str = "auto", explain: bool = False) -> dict[str, Any]:
        """The contract object for ``text`` (see the module docstring)."""
        check_text(text)
        if lang not in LANGS:
            raise AnalysisInputError(f"unknown language {lang!r}: use ru, uk or auto")
        language = detect_language(text) if lang == "auto" else lang
        doc = Doc(text=text, language=language, utterances=utterances_of(text))
        out = to_contract(doc, self.run(doc))
        if explain:
            out["rejected"] = [
                {"start": r.start, "end": r.end, "text": text[r.start : r.end], "term_id": r.term_id,
                 "category": r.category, "reason": r.explanation}
                for r in doc.casualties(compile_lexicon(self.lexicon)).rejected
            ]
        return out


def to_contract(doc: Doc, results: dict[str, list[Finding]]) -> dict[str, Any]:
    """Turn pipeline findings into the stable ``analyze`` JSON object."""
    terms = [
        {"start": f.start, "end": f.end, "text": f.text, "term_id": f.attributes["term_id"],
         "category": f.label, "gloss": f.attributes["gloss"]["en"]}
        for f in results.get("terms", [])
    ]
    casualties = [
        {"category": f.label, "count": f.attributes["count"], "approximate": f.attributes["approximate"],
         "side": f.attributes.get("side", "unknown"), "start": f.start, "end": f.end, "text": f.text,
         "explanation": f.explanation}
        for f in results.get("casualties", [])
    ]
    entities = [
        {"start": f.start, "end": f.end, "text": f.text, "label": f.label, "score": f.score,
         "attributes": plain(f.attributes)}
        for f in results.get("entities", []) if f.kind == FindingKind.ENTITY
    ]
    themes = [
        {"theme": f.label, "score": f.score, "start": f.start, "end": f.end, "evidence": f.text}
        for f in results.get("themes", []) if f.attributes.get("scope", "utterance") == "utterance"
    ]
    return {"language": doc.language, "terms": terms, "casualties": casualties, "entities": entities,
            "themes": themes}


@lru_cache(maxsize=4)
def default_analyzer(lexicon_path: str | None = None) -> Analyzer:
    """The shared analyzer for the built-in lexicon (or one merged with ``lexicon_path``)."""
    return Analyzer.build(load_lexicon(lexicon_path) if lexicon_path else None)


def analyze_text(text: str, lang: str = "auto", lexicon: str | Path | None = None,
                 explain: bool = False) -> dict[str, Any]:
    """Analyse one text and return the contract object (raises AnalysisInputError on bad input)."""
    return default_analyzer(str(lexicon) if lexicon else None).analyze(text, lang, explain)


@dataclass
class BatchResult:
    """What a JSONL batch did: objects written and one-line errors for lines that failed."""

    written: int = 0
    errors: list[str] = field(default_factory=list)


def analyze_jsonl(lines: Iterable[bytes | str], lang: str = "auto", lexicon: str | Path | None = None,
                  explain: bool = False) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Analyse JSON Lines ``{"id", "text", "lang"?}``; yields ``(object, None)`` or ``(None, error)`` per line.

    Blank lines are skipped. Errors name the line number and, when known, the id; they never
    contain the text. The pipeline is built once for the whole batch.
    """
    analyzer = default_analyzer(str(lexicon) if lexicon else None)

    def analyze(text: str, record_lang: str, where: str) -> dict[str, Any]:
        check_text(text, where)
        return analyzer.analyze(text, record_lang, explain)

    return map_jsonl(lines, lang, analyze)


def map_jsonl(lines: Iterable[bytes | str | None], lang: str,
              handle: Callable[[str, str, str], dict[str, Any]],
              prepare: Callable[[list[tuple[str, str]]], AbstractContextManager] | None = None,
              chunk: int = 1) -> Iterator[tuple[dict[str, Any] | None, str | None]]:
    """Run ``handle(text, lang, where)`` on each JSON Lines record ``{"id", "text", "lang"?}``.

    Yields ``({"id": ..., **result}, None)`` or ``(None, one-line error)`` per line, in the order of the
    lines; blank lines are skipped, errors name the line and the id but never the text, and one bad line
    never stops the rest.

    With ``prepare``, records are taken ``chunk`` at a time and ``prepare([(text, lang), ...])`` (a context
    manager) is entered once around the ``handle`` calls of a chunk's good records: a model can run over
    the whole chunk at once (:func:`overheard.annotate.rules.entities.ner.prefetched`). A chunk that is
    not full is done as soon as ``lines`` gives ``None`` (no more input is ready: an interactive pipe gets
    its answer without waiting for more lines) or ends. When ``prepare`` fails, each record is handled
    (and fails, if it does) on its own.
    """
    pending: list[tuple[int, str, Any, str, str] | str] = []  # records of this chunk, or their errors

    def done() -> Iterator[tuple[dict[str, Any] | None, str | None]]:
        jobs = [(p[3], p[4]) for p in pending if not isinstance(p, str)]
        context: AbstractContextManager = nullcontext()
        if prepare is not None and jobs:
            try:
                context = prepare(jobs)
                context.__enter__()
            except Exception:  # a prefetch only: each record is then done (or fails) on its own
                context = nullcontext()
        try:
            results = [(None, item) if isinstance(item, str) else _handled(handle, *item[1:]) for item in pending]
        finally:
            context.__exit__(None, None, None)
        pending.clear()
        yield from results

    number = 0
    for raw in lines:
        if raw is None:
            if pending:
                yield from done()
            continue
        number += 1
        try:
            record = _record(number, raw, lang)
        except OverheardError as error:
            record = str(error)
        except Exception as error:  # a bug must not stop the batch; report it without the text
            record = f"E000 line {number}: internal error ({type(error).__name__}); please report it"
        if record is not None:
            pending.append(record)
        if len(pending) >= max(chunk, 1) or prepare is None:
            yield from done()
    if pending:
        yield from done()


def _record(number: int, raw: bytes | str, lang: str) -> tuple[int, str, Any, str, str] | None:
    """``(number, where, id, text, lang)`` of one JSON line, None for a blank one; AnalysisInputError if bad."""
    where = f"line {number}"
    line = decode_input(raw, where) if isinstance(raw, bytes) else raw
    if not line.strip():
        return None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise AnalysisInputError(f"{where}: not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise AnalysisInputError(f"{where}: expected a JSON object with 'id' and 'text'")
    if "id" not in record or record["id"] in (None, ""):
        raise AnalysisInputError(f"{where}: missing 'id'")
    record_id = record["id"]
    if not isinstance(record_id, str | int):
        raise AnalysisInputError(f"{where}: 'id' must be a string or a number")
    where = f"line {number} (id {_safe_id(record_id)})"
    if "text" not in record:
        raise AnalysisInputError(f"{where}: missing 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise AnalysisInputError(f"{where}: 'text' must be a string")
    record_lang = record.get("lang") or lang
    if record_lang not in LANGS:
        raise AnalysisInputError(f"{where}: unknown lang {str(record_lang)[:10]!r}: use ru, uk or auto")
    return number, where, record_id, text, record_lang


def _handled(handle: Callable[[str, str, str], dict[str, Any]], where: str, record_id: Any, text: str,
             record_lang: str) -> tuple[dict[str, Any] | None, str | None]:
    """``handle``'s result for one record as ``(object, None)``, or ``(None, error)``."""
    try:
        return {"id": record_id, **handle(text, record_lang, where)}, None
    except OverheardError as error:
        return None, str(error)
    except Exception as error:  # a bug must not stop the batch; report it without the text
        return None, f"E000 {where}: internal error ({type(error).__name__}); please report it"


def _safe_id(value: Any) -> str:
    """An id fit for an error line: printable, at most 64 characters."""
    text = str(value)
    if not text.isprintable():
        text = text.encode("unicode_escape").decode()
    return text if len(text) <= 64 else text[:61] + "..."


@dataclass
class Evaluation:
    """Scores of the analyzer against gold-annotated sentences (see ``tests/data/casualty_dev.jsonl``)."""

    casualty_tp: int = 0
    casualty_fp: int = 0
    casualty_fn: int = 0
    count_correct: int = 0
    theme_tp: int = 0
    theme_fp: int = 0
    theme_fn: int = 0
    errors: list[str] = field(default_factory=list)

    @staticmethod
    def _f1(tp: int, fp: int, fn: int) -> float:
        return 2 * tp / (2 * tp + fp + fn) if tp else (1.0 if not fp and not fn else 0.0)

    @property
    def casualty_f1(self) -> float:
        """F1 of casualty mentions matched by category within each sentence."""
        return self._f1(self.casualty_tp, self.casualty_fp, self.casualty_fn)

    @property
    def count_accuracy(self) -> float:
        """Share of matched mentions whose count and approximate flag are both right."""
        return self.count_correct / self.casualty_tp if self.casualty_tp else 1.0

    @property
    def theme_f1(self) -> float:
        """Micro-F1 over (sentence, theme) pairs."""
        return self._f1(self.theme_tp, self.theme_fp, self.theme_fn)


def evaluate(records: Iterable[dict[str, Any]], analyzer: Analyzer | None = None) -> Evaluation:
    """Score the analyzer on gold records ``{"id", "text", "lang", "casualties": [...], "themes": [...]}``."""
    analyzer = analyzer or default_analyzer()
    result = Evaluation()
    for record in records:
        out = analyzer.analyze(record["text"], record.get("lang", "auto"))
        predicted = [(c["category"], c["count"], c["approximate"]) for c in out["casualties"]]
        gold = [(c["category"], c["count"], c["approximate"]) for c in record["casualties"]]
        unmatched = list(predicted)
        problems = []
        for item in sorted(gold, key=lambda g: g not in predicted):
            same = [p for p in unmatched if p[0] == item[0]]
            if not same:
                result.casualty_fn += 1
                problems.append(f"missed {item}")
                continue
            best = item if item in same else same[0]
            unmatched.remove(best)
            result.casualty_tp += 1
            if best == item:
                result.count_correct += 1
            else:
                problems.append(f"count {best} != gold {item}")
        result.casualty_fp += len(unmatched)
        problems += [f"spurious {p}" for p in unmatched]
        themes_out = {t["theme"] for t in out["themes"]}
        themes_gold = set(record["themes"])
        result.theme_tp += len(themes_out & themes_gold)
        result.theme_fp += len(themes_out - themes_gold)
        result.theme_fn += len(themes_gold - themes_out)
        if themes_out != themes_gold:
            problems.append(f"themes +{sorted(themes_out - themes_gold)} -{sorted(themes_gold - themes_out)}")
        if problems:
            result.errors.append(f"{record['id']}: " + "; ".join(problems))
    return result
