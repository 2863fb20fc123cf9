"""Speed work never changes a redaction: every bundled text, redacted in every mode, gives exactly the output
recorded in ``tests/data/redaction_digest.json``.

The texts are the sample calls (whole transcripts, with their metadata oblast as the region prior), the
development sets and every blind batch. Each corpus file is redacted three times, once per operator, and the
three runs cover every place mode too: ``mask`` with places masked, ``label`` with places kept and
``pseudonym`` (under a fixed key) with places replaced by their oblast. One redactor serves a whole corpus, so
label numbers and pseudonyms carried from text to text are part of what is compared. The JSON-lines corpora go
through :func:`redact_jsonl` (the path of ``overheard redact --jsonl``, batched), the samples through
:func:`redact_text`; the redacted text and every replacement (offsets, label, operator, key) go into one
SHA-256 per corpus and mode. A second test redacts the personal-data set one text at a time with
:func:`redact_text` and checks it against the same digest as the batched run.

``python tests/test_redaction_digest.py --write`` records the digests anew: do it only with a rule change
made on purpose, and say so in the commit.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import pytest
from helpers import bundled_jsonl_corpora, bundled_samples

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from overheard.jobs.redaction import redact_jsonl, redact_text  # noqa: E402
from overheard.redact import Policy, Redactor  # noqa: E402

GOLDEN = ROOT / "tests/data/redaction_digest.json"
SECRET = b"redaction-digest-key-0123456789a"
POLICIES = {"mask": Policy("mask", "mask"), "label": Policy("label", "keep"),
            "pseudonym": Policy("pseudonym", "oblast")}


def jsonl_corpora() -> list[str]:
    """Every bundled JSON-lines corpus, as a path relative to the repository."""
    return [str(path.relative_to(ROOT)) for path in bundled_jsonl_corpora()]


def _line(result: dict | None, error: str | None, replacements=()) -> bytes:
    row = {"result": result, "error": error, "replacements": [r.as_dict() for r in replacements]}
    return json.dumps(row, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"


def digest(corpus: str, mode: str, batched: bool = True) -> str:
    """SHA-256 over the redaction of every text of ``corpus`` under ``mode``'s policy, in order."""
    redactor = Redactor(SECRET, POLICIES[mode])
    sha = hashlib.sha256()
    if corpus == "samples":
        for index, (text, lang, region) in enumerate(bundled_samples()):
            done = redact_text(text, redactor, lang, region)
            sha.update(_line({"id": index, "text": done.text}, None, done.replacements))
        return sha.hexdigest()
    lines = (ROOT / corpus).read_bytes().splitlines(keepends=True)
    if batched:
        for result, error in redact_jsonl(lines, redactor, "auto"):
            sha.update(_line(result, error))
        return sha.hexdigest()
    for raw in lines:  # one text at a time, as a caller of redact_text does
        if not raw.strip():
            continue
        record = json.loads(raw)
        lang = record.get("lang") or "auto"
        done = redact_text(record["text"], redactor, None if lang == "auto" else lang)
        sha.update(_line({"id": record["id"], "text": done.text}, None))
    return sha.hexdigest()


def names() -> list[str]:
    """Every recorded digest's name: ``corpus [mode]``."""
    return [f"{corpus} [{mode}]" for corpus in ["samples", *jsonl_corpora()] for mode in POLICIES]


@pytest.fixture(scope="module")
def golden() -> dict[str, str]:
    return json.loads(GOLDEN.read_text("utf-8"))


def test_every_corpus_and_mode_is_recorded(golden):
    assert set(golden) == set(names())


@pytest.mark.parametrize("name", names())
def test_redaction_is_unchanged(name, golden):
    corpus, mode = name[:-1].rsplit(" [", 1)
    assert digest(corpus, mode) == golden[name], (
        f"{name}: the redacted output differs from the recorded one; if a rule was changed on purpose, rerun "
        "`python tests/test_redaction_digest.py --write`")


@pytest.mark.parametrize("mode", list(POLICIES))
def test_one_text_at_a_time_gives_the_batched_output(mode, golden):
    corpus = "tests/data/pii_dev.jsonl"
    assert digest(corpus, mode, batched=False) == golden[f"{corpus} [{mode}]"]


if __name__ == "__main__":
    current = {name: digest(*name[:-1].rsplit(" [", 1)) for name in names()}
    if sys.argv[1:] == ["--write"]:
        GOLDEN.write_text(json.dumps(current, indent=1, ensure_ascii=False) + "\n", "utf-8")
        print(f"wrote {GOLDEN.relative_to(ROOT)}")
    else:
        print(json.dumps(current, indent=1, ensure_ascii=False))
