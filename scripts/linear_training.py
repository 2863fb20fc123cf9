"""What the trainers of the learned second opinions share (``scripts/train_mention_model.py``,
``train_count_model.py``, ``train_name_model.py``): the annotated records they read, the names of the files trained
on, their command line and the writing of the data file; and, for the two casualty models, the mentions the
casualty rules keep in each record, matched to the gold ones, with the context their features read. The fitting
itself is :meth:`overheard.annotate.rules.linear.LinearModel.fit`.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))


CALL_TEXTS = sorted(glob.glob(str(ROOT / "corpus/*.jsonl"))) + sorted(
    glob.glob(str(ROOT / "tests/data/blind/round*/*.jsonl"))) + [str(ROOT / "tests/data/casualty_dev.jsonl")]
"""The corpus, every folded blind round and the dev set: call texts with every annotation."""
HARD_NEGATIVES = sorted(glob.glob(str(ROOT / "corpus/hard_negatives/*.jsonl")))
"""corpus/hard_negatives: casualties and themes only (no entities, no places)."""


def records(paths: list[str], key: str) -> list[dict]:
    """Annotated records of ``paths`` (JSON lines) that carry ``key`` ("entities", "casualties", "themes")."""
    out = []
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if line.strip():
                record = json.loads(line)
                if key in record:
                    out.append(record)
    return out


def trained_on(paths: list[str]) -> list[str]:
    """The names of the files trained on, as the model's meta keeps them (relative to the repository)."""
    return sorted({str(Path(p).relative_to(ROOT)) if Path(p).is_relative_to(ROOT) else p for p in paths})


def parser(doc: str, out: Path, setting: str, default: float | None, l2: float, epochs: int,
           files: str) -> argparse.ArgumentParser:
    """The command line of a trainer: the annotated files (``files`` says the default ones), ``--out`` (the
    shipped data file ``out``), its decision ``--<setting>``, ``--l2``, ``--epochs`` and ``--held-out``."""
    parsed = argparse.ArgumentParser(description=doc.split("\n")[0])
    parsed.add_argument("files", nargs="*", help=f"annotated JSON lines (default: {files})")
    parsed.add_argument("--out", type=Path, default=out)
    parsed.add_argument(f"--{setting}", type=float, default=default)
    parsed.add_argument("--l2", type=float, default=l2)
    parsed.add_argument("--epochs", type=int, default=epochs)
    parsed.add_argument("--held-out", type=Path, default=None,
                        help="a JSON file of held-out figures (from the model's benchmark) to keep in the meta")
    return parsed


def held_out(path: Path | None) -> dict | None:
    """The held-out figures of ``--held-out`` (None without one)."""
    return json.loads(path.read_text(encoding="utf-8")) if path else None


def write(model: Any, out: Path, summary: str) -> None:
    """Write ``model``'s data file to ``out`` and print what it holds."""
    out.write_text(model.to_json() + "\n", encoding="utf-8")
    print(f"{out}: {summary}")


@dataclass(frozen=True)
class RuleReading:
    """One record as the casualty rules read it: the mentions they keep, each one's prediction (category, count,
    approximate, index ``i``), the gold mention matched to it (by index) and, when any is kept, their context."""

    row: dict
    doc: Any  # overheard.annotate.doc.Doc
    decisions: Any  # its CasualtyDecisions
    predicted: list[dict]
    gold_of: dict[int, dict]
    ctx: Any  # the casualties Context of the kept mentions' features; None when none is kept

    @property
    def kept(self) -> list:
        """The mentions the rules keep."""
        return list(self.decisions.mentions)


def rule_readings(rows: list[dict]) -> Iterator[RuleReading]:
    """Each record of ``rows`` as the casualty rules read it (with whatever second opinions are on: a trainer turns
    its own model off), matched to its gold mentions by category as ``benchmarks/accuracy.py`` does."""
    from accuracy import match_casualties

    from overheard.annotate.doc import Doc
    from overheard.annotate.lexicon import compile_lexicon, load_lexicon
    from overheard.annotate.rules.casualties.context import Context
    from overheard.annotate.rules.casualties.words import casualty_cues
    from overheard.text import detect_language

    lexicon = compile_lexicon(load_lexicon())
    for row in rows:
        lang = row.get("lang") if row.get("lang") in ("ru", "uk") else detect_language(row["text"])
        doc = Doc(row["text"], lang)
        decisions = doc.casualties(lexicon)
        predicted = [{"category": m.category, "count": m.count, "approximate": m.approximate, "i": i}
                     for i, m in enumerate(decisions.mentions)]
        gold_of = {p["i"]: g for g, p in match_casualties(row["casualties"], predicted)[0]}
        ctx = None
        if decisions.mentions:
            matches = doc.term_matches(lexicon)
            casualty = {k for m in matches if any(e.is_casualty for e in m.entries) for k in range(m.first, m.last)}
            numbers = doc.numbers
            ctx = Context(doc.tokens, doc.language, matches, casualty, {e.first: e for e in numbers},
                          {e.last - 1: e for e in numbers}, casualty_cues(), doc.breaks)
        yield RuleReading(row, doc, decisions, predicted, gold_of, ctx)
