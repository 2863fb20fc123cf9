"""Speed work never changes a finding: every bundled text gives exactly the findings recorded in
``tests/data/findings_digest.json``.

The texts are the sample calls (with their metadata oblast as the region prior), the development sets and
every blind batch. Each is run through the ``analyze`` pipeline (terms, casualties, themes, entities
without NER) and, for the samples and the personal-data set, through the entities annotator with natasha's
NER as well; every field of every finding (offsets, label, score, explanation, attributes, producer) and
every rejected casualty reading goes into one SHA-256 per corpus file.

``python tests/test_findings_digest.py --dump FILE`` writes every finding, one line per text, to see
what changed. When a rule is changed on purpose, the digests change too: rerun
``python tests/test_findings_digest.py --write`` and commit the new file with the rule change, saying so.
"""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path

import pytest
from helpers import bundled_jsonl_corpora, bundled_samples

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from overheard.annotate.analysis import utterances_of  # noqa: E402
from overheard.annotate.doc import Doc  # noqa: E402
from overheard.annotate.lexicon import compile_lexicon  # noqa: E402
from overheard.annotate.pipeline import Pipeline  # noqa: E402
from overheard.model import plain  # noqa: E402

GOLDEN = ROOT / "tests/data/findings_digest.json"
PIPELINE = ("terms", "casualties", "themes", {"name": "entities", "config": {"ner": False}})
NER_CORPORA = ("samples", "tests/data/pii_dev.jsonl")  # natasha is slow: these get a second run with NER


def corpora() -> dict[str, list[tuple[str, str, str | None]]]:
    """Every bundled text as ``(text, lang, region)``, grouped by corpus file (relative path)."""
    out: dict[str, list[tuple[str, str, str | None]]] = {}
    out["samples"] = bundled_samples()
    files = bundled_jsonl_corpora()
    for path in files:
        records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
        out[str(path.relative_to(ROOT))] = [(r["text"], r.get("lang", "ru"), r.get("region")) for r in records]
    return out


@cache
def _pipeline(ner: bool) -> Pipeline:
    if ner:
        return Pipeline.from_config([{"name": "entities", "config": {"ner": True}}])
    return Pipeline.from_config(PIPELINE)


def findings(text: str, lang: str, region: str | None, ner: bool = False) -> list:
    """Every field of every finding of ``text`` (and the rejected casualty readings) as plain data."""
    pipeline = _pipeline(ner)
    doc = Doc(text, lang if lang in ("ru", "uk") else "ru", utterances_of(text), region)
    out: list = []
    for annotator, found in pipeline.each(doc):
        out.append([annotator.name, annotator.version])
        out += [[f.kind.value, f.label, f.start, f.end, f.text, f.score, f.producer, f.explanation,
                 plain(f.attributes)] for f in found]
    if not ner:
        out += [["rejected", r.start, r.end, r.term_id, r.category, r.explanation]
                for r in doc.casualties(compile_lexicon(pipeline.lexicon)).rejected]
    return out


def digest(items: list[tuple[str, str, str | None]], ner: bool = False) -> str:
    """SHA-256 over the findings of every text of a corpus, in order."""
    sha = hashlib.sha256()
    for text, lang, region in items:
        line = json.dumps(findings(text, lang, region, ner), ensure_ascii=False, sort_keys=True, default=str)
        sha.update(line.encode("utf-8") + b"\n")
    return sha.hexdigest()


def current() -> dict[str, str]:
    """The digests of every corpus as they come out of the code now."""
    out = {}
    for name, items in corpora().items():
        out[name] = digest(items)
        if name in NER_CORPORA:
            out[f"{name} (with NER)"] = digest(items, ner=True)
    return out


@pytest.fixture(scope="module")
def golden() -> dict[str, str]:
    return json.loads(GOLDEN.read_text("utf-8"))


def test_every_corpus_is_recorded(golden):
    assert set(golden) == set(current_names())


def current_names() -> list[str]:
    names = []
    for name in corpora():
        names.append(name)
        if name in NER_CORPORA:
            names.append(f"{name} (with NER)")
    return names


@pytest.mark.parametrize("name", current_names())
def test_findings_are_unchanged(name, golden):
    base = name.removesuffix(" (with NER)")
    assert digest(corpora()[base], ner=name.endswith("(with NER)")) == golden[name], (
        f"{name}: the findings differ from the recorded ones; if a rule was changed on purpose, rerun "
        "`python tests/test_findings_digest.py --write`")


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        GOLDEN.write_text(json.dumps(current(), indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}")
    elif sys.argv[1:2] == ["--dump"]:  # every finding, one line per text, to diff what changed
        with open(sys.argv[2], "w", encoding="utf-8") as dump:
            for name, items in corpora().items():
                for index, (text, lang, region) in enumerate(items):
                    for ner in (False, True) if name in NER_CORPORA else (False,):
                        row = {"corpus": name, "index": index, "ner": ner,
                               "findings": findings(text, lang, region, ner)}
                        dump.write(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str) + "\n")
    else:
        print(json.dumps(current(), indent=1, ensure_ascii=False))
