"""overheard.text.tokenize gives exactly razdel's tokens (it only skips razdel's work between spaced words)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import razdel

from overheard.text import Token, tokenize, unconfuse

ROOT = Path(__file__).resolve().parents[1]


def razdel_tokens(text: str) -> list[Token]:
    return [Token(t.start, t.stop, t.text) for t in razdel.tokenize(text)]


@pytest.mark.parametrize("text", [
    "",
    "   ",
    "двое двухсотых, трое трёхсотых.",
    "200-х вывезли, 300х тоже; груз-200",
    "кто-то сказал что-то — и ушёл",
    "п'ятисоті, п’ятеро та ще 3,5 км і 1/2 роти",
    "ну... ?! что?!! :-) ;) *** -- __init__ a_b",
    "Yahoo! yahoo!! ΔP Δσ mβж Cергей (Latin C)",
    "тел. +7 (912) 345-67-89, 8-800-555-35-35",
    "«Груз 200» \"кавычки\" (скобки) [ещё] {и так}",
    "строка\nдругая\r\nтретья\tс табом",
    "эмодзи 🙂🙂 и 😀текст",
    "1.2.3 4,5,6 7/8/9 10\\11",
])
def test_tokens_are_razdel_tokens(text: str) -> None:
    assert tokenize(text) == razdel_tokens(text)


def test_tokens_are_razdel_tokens_on_every_bundled_text() -> None:
    texts = []
    for path in [*sorted((ROOT / "corpus").glob("author-*.jsonl")), ROOT / "tests/data/casualty_dev.jsonl",
                 ROOT / "tests/data/pii_dev.jsonl"]:
        texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines() if line.strip()]
    assert len(texts) > 4000
    assert [t for t in texts if tokenize(t) != razdel_tokens(t)] == []


def test_tokens_are_razdel_tokens_on_random_strings() -> None:
    alphabet = list("абвгдёжзийклмнопрстуфхцчшщъыьэюяіїєґ АБВГabcxyzXYZ0123456789 .,;:!?-–—_/\\'’\"«»()*+%№…ΔσΩ🙂\n\t")
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40)))
        assert tokenize(text) == razdel_tokens(text), text


def test_tokens_are_razdel_tokens_on_random_glued_pieces() -> None:
    pieces = ["yahoo", "Yahoo", "!", "?", ".", ",", "...", "-", "—", "_", "/", "\\", "3", "14", "п", "'", "ять",
              "сокіл", "їх", "Δ", "σ", "abc", ":", ")", "(", "«", "»", "*", "🙂", "№", "200", "х", "-ых", "є", "ґ", "=",
              ";"]
    rng = random.Random(170)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) + rng.choice(["", "", "", " ", "\n"]) for _ in range(rng.randint(1, 12)))
        assert tokenize(text) == razdel_tokens(text), text


def test_the_pinned_razdel_takes_the_fast_path() -> None:
    from importlib.metadata import version

    from overheard import text as text_module

    assert version("razdel").startswith(text_module.RAZDEL_CHECKED)  # constraints.txt pins the checked razdel
    assert text_module.FAST_TOKENS


def test_another_razdel_gets_razdel_tokenize_itself(monkeypatch) -> None:
    from overheard import text as text_module

    monkeypatch.setattr(text_module, "FAST_TOKENS", False)  # what a razdel other than the checked one gets
    sample = "двое 200-х, п'ятеро — ушли... Yahoo! 3,5 км"
    assert tokenize(sample) == razdel_tokens(sample)


@pytest.mark.parametrize(("text", "readable"), [
    ("Cергей звонил", "Сергей звонил"),  # Latin C in a Cyrillic word
    ("двухсотыx трое", "двухсотых трое"),  # Latin x
    ("OK, Сергей, ok", "OK, Сергей, ok"),  # words wholly in Latin stay
    ("просто текст без подмен", "просто текст без подмен"),
])
def test_unconfuse_makes_look_alike_letters_cyrillic(text: str, readable: str) -> None:
    assert unconfuse(text) == readable
    assert len(unconfuse(text)) == len(text)


@pytest.mark.parametrize("language", ["ru", "uk"])
def test_a_parse_knows_its_word_as_the_dictionary_does(language: str) -> None:
    """``Parse.is_known`` of the cached analysers is remembered per word form, and is the dictionary's own answer
    (with its ё/е or г/ґ substitutes), for known words, unknown ones and forms with substitutes alike."""
    import pymorphy3

    from overheard.text import morph, parses

    fresh = pymorphy3.MorphAnalyzer(lang=language)  # pymorphy3's own, unremembered answer
    words = ["дом", "слышь", "ещё", "еще", "привет", "ґанок", "ганок", "васильев", "кузькина", "шмыгловец", "абвгд",
             "позывной", "пятисотый", "короче"]
    for word in words:
        for parse in parses(word, language):
            expected = fresh.dictionary.word_is_known(word=parse.word, substitutes_compiled=fresh.char_substitutes)
            assert parse.is_known is expected, (word, parse.word)
            assert parse.is_known is expected  # the remembered answer, read again
    assert type(morph(language).parse("дом")[0]).is_known.__doc__
