"""The coded-term lexicon: validation, every entry exercised by an example, user overrides."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from overheard.annotate.analysis import analyze_text
from overheard.annotate.lexicon import (
    CASUALTY_CATEGORIES,
    TERM_CATEGORIES,
    compile_lexicon,
    iter_examples,
    load_lexicon,
    parse_lexicon,
)
from overheard.annotate.rules.terms import scan
from overheard.annotate.rules.tokens import tokens
from overheard.cli.app import app
from overheard.errors import LexiconError
from overheard.lexicons.loader import WORD_LIST_FILES, check_word_lists

LEXICON = load_lexicon()


def test_builtin_lexicon_is_valid_and_versioned():
    assert LEXICON.version
    assert len(LEXICON.entries) >= 30
    assert len(LEXICON.digest) == 64
    ids = [entry.id for entry in LEXICON.entries]
    assert len(ids) == len(set(ids))
    for entry in LEXICON.entries:
        assert set(entry.gloss) >= {"ru", "uk", "en"}
        assert entry.note
        assert entry.examples, f"{entry.id} has no example sentence"


def test_casualty_categories_all_covered():
    categories = {entry.category for entry in LEXICON.entries}
    assert set(CASUALTY_CATEGORIES) <= categories


@pytest.mark.parametrize(("entry_id", "sentence"), [(e.id, s) for e, s in iter_examples(LEXICON)])
def test_every_entry_matches_its_example(entry_id, sentence):
    _, matches = scan(sentence, compile_lexicon(LEXICON))
    assert entry_id in {entry.id for match in matches for entry in match.entries}


@pytest.mark.parametrize(
    ("word", "entry_id"),
    [
        ("двухсотых", "cas.200"), ("двухсотыми", "cas.200"), ("двухсотому", "cas.200"), ("двохсоті", "cas.200"),
        ("200-й", "cas.200"), ("200-е", "cas.200"), ("200х", "cas.200"), ("200-ых", "cas.200"),
        ("трёхсотыми", "cas.300"), ("трехсотыми", "cas.300"), ("трьохсотих", "cas.300"), ("300-х", "cas.300"),
        ("пятисотым", "cas.500"), ("п'ятисоті", "cas.500"), ("п’ятисотих", "cas.500"), ("500-е", "cas.500"),
        ("СОЧ", "cas.soch"), ("сзч", "cas.soch"), ("сочинцами", "cas.soch"), ("отказников", "cas.refuser"),
        ("мобиков", "who.mobik"), ("птичку", "eq.ptichka"), ("задвухсотим", "threat.zadvuhsotit"),
    ],
)
def test_inflected_forms_match(word, entry_id):
    _, matches = scan(f"ну {word} там", compile_lexicon(LEXICON))
    assert [m.entry.id for m in matches] == [entry_id]


def test_groz_200_is_one_match_with_hyphen_or_space():
    for text in ("груз-200 отправили", "груз 200 отправили", "груз двести отправили"):
        _, matches = scan(text, compile_lexicon(LEXICON))
        assert [(m.entry.id, text[m.start : m.end].replace("-", " ")) for m in matches][0][0] == "cas.200"
        assert matches[0].start == 0


def test_tokens_keep_apostrophe_words_and_split_dashes():
    toks = tokens("п'ятисоті двохсоті—сім 200х")
    assert [t.text for t in toks] == ["п'ятисоті", "двохсоті", "—", "сім", "200х"]
    assert [t.key for t in toks][-1] == "200~"


def test_search_finds_by_inflected_form_and_gloss():
    assert "cas.300" in [e.id for e in LEXICON.search("трёхсотыми")]
    assert "eq.ptichka" in [e.id for e in LEXICON.search("drone")]


def test_user_override_adds_replaces_and_disables(tmp_path):
    (tmp_path / "lexicon.yaml").write_text(
        """
version: "ws-1"
entries:
  - id: slang.kartoshka
    category: equipment
    language: [ru]
    lemmas: [картошка]
    gloss: {ru: мина, uk: міна, en: mine (local slang)}
    note: Local slang of one unit for anti-tank mines.
  - id: eq.ptichka
    disabled: true
  - id: cas.500
    category: refused
    kind: code
    language: [ru]
    lemmas: [пятисотый, отказничок]
    codes: ["500"]
    gloss: {ru: отказник, uk: відмовник, en: refuser (workspace gloss)}
    note: Overridden in this workspace.
""",
        encoding="utf-8",
    )
    lex = load_lexicon(tmp_path)
    assert lex.digest != LEXICON.digest
    assert lex.get("slang.kartoshka").source == "lexicon.yaml"
    with pytest.raises(KeyError):
        lex.get("eq.ptichka")
    result = analyze_text("картошку раскидали, птичка висит, двое пятисотых", lexicon=tmp_path / "lexicon.yaml")
    ids = [t["term_id"] for t in result["terms"]]
    assert "slang.kartoshka" in ids and "eq.ptichka" not in ids
    glosses = {t["term_id"]: t["gloss"] for t in result["terms"]}
    assert glosses["cas.500"] == "refuser (workspace gloss)"
    assert result["casualties"][0]["count"] == 2


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("entries: [{id: x, category: nonsense, gloss: {ru: a, uk: b, en: c}, note: n, lemmas: [a]}]", "category"),
        ("entries: [{id: x, category: killed, gloss: {ru: a, en: c}, note: n, lemmas: [a]}]", "gloss"),
        ("entries: [{id: x, category: killed, gloss: {ru: a, uk: b, en: c}, lemmas: [a]}]", "note"),
        ("entries: [{id: x, category: killed, gloss: {ru: a, uk: b, en: c}, note: n}]", "at least one"),
        ("entries: [{id: x, category: killed, gloss: {ru: a, uk: b, en: c}, note: n, codes: [abc]}]", "code"),
        ("entries: [{id: 'Bad Id', category: killed}]", "id"),
        ("entries: [{id: x, category: killed, gloss: {ru: a, uk: b, en: c}, note: n, lemmas: [a], foo: 1}]",
         "unknown field"),
        ("entries:\n  - id: x\n   bad: [", "YAML"),
        ("entries: [{id: x, category: killed, gloss: {ru: a, uk: b, en: c}, note: n, lemmas: [a]},"
         " {id: x, category: killed, gloss: {ru: a, uk: b, en: c}, note: n, lemmas: [b]}]", "twice"),
    ],
)
def test_invalid_lexicon_is_rejected_with_a_clear_message(yaml_text, message):
    with pytest.raises(LexiconError) as error:
        parse_lexicon(yaml_text, "lexicon.yaml", require_examples=False)
    assert message in str(error.value)
    assert str(error.value).startswith("E007")


def test_lexicon_cli_list_search_validate(tmp_path):
    runner = CliRunner()
    listed = runner.invoke(app, ["lexicon", "list", "--category", "killed"])
    assert listed.exit_code == 0, listed.output
    assert "cas.200" in listed.output and "cas.300" not in listed.output
    found = runner.invoke(app, ["lexicon", "search", "двохсотих"])
    assert found.exit_code == 0 and "cas.200" in found.output
    assert runner.invoke(app, ["lexicon", "search", "zzzzqq"]).exit_code == 1
    ok = runner.invoke(app, ["lexicon", "validate"])
    assert ok.exit_code == 0 and "ok:" in ok.output
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("entries: [{id: x, category: killed}]", encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "validate", str(bad)])
    assert result.exit_code != 0
    assert isinstance(result.exception, LexiconError)


def test_lexicon_cli_uses_the_workspace_lexicon(tmp_path, monkeypatch):
    monkeypatch.setenv("OVERHEARD_WORKSPACE", str(tmp_path))  # restored afterwards (-w sets it process-wide)
    (tmp_path / "lexicon.yaml").write_text(
        "entries:\n  - id: slang.kartoshka\n    category: equipment\n    language: [ru]\n    lemmas: [картошка]\n"
        "    gloss: {ru: мина, uk: міна, en: mine}\n    note: local slang\n", encoding="utf-8")
    runner = CliRunner()
    found = runner.invoke(app, ["-w", str(tmp_path), "lexicon", "search", "картошкой"])
    assert found.exit_code == 0 and "slang.kartoshka" in found.output
    analysed = runner.invoke(app, ["-w", str(tmp_path), "analyze", "-"], input="картошку раскидали")
    assert "slang.kartoshka" in analysed.stdout


# ---------------------------------------------------------------- every list of words is data, defined once


def test_every_word_list_has_a_note_and_a_source_and_no_word_twice():
    lists, problems = check_word_lists()
    assert problems == []
    assert len(lists) >= 90 and {w.file for w in lists.values()} == set(WORD_LIST_FILES)
    for word_list in lists.values():
        assert word_list.note and word_list.source, word_list.name
        assert word_list.lemmas or word_list.forms or word_list.patterns or word_list.table, word_list.name


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        ("lists:\n  a: {note: n, source: s, forms: [x, y, x]}\n", "cues.yaml: list a: 'x' appears twice"),
        ("lists:\n  a: {note: n, source: s, lemmas: [x], forms: [x]}\n", "'x' appears twice (in lemmas and forms)"),
        ("lists:\n  a: {note: n, source: s, forms: [x]}\n  a: {note: n, source: s, forms: [y]}\n",
         "cues.yaml line 3: key 'a' appears twice (lines 2 and 3)"),
        ("lists:\n  a: {source: s, forms: [x]}\n", "cues.yaml: list a: needs a 'note'"),
        ("lists:\n  a: {note: n, forms: [x]}\n", "cues.yaml: list a: needs a 'source'"),
        ("lists:\n  a: {note: n, source: s}\n", "cues.yaml: list a: needs at least one of"),
        ("lists:\n  a: {note: n, source: s, patterns: ['(x']}\n", "pattern '(x' does not compile"),
        ("lists:\n  a: {note: n, source: s, table: {x: 1, x: 2}}\n", "key 'x' appears twice"),
        ("lists:\n  a: {note: n, source: s, words: [x]}\n", "unknown field 'words'"),
        ("lists:\n  a: {note: n, source: s, forms: [нет, не было]}\n",
         "list a: 'не было' has a space inside, but the list is read one token at a time"),
        ("lists:\n  a: {note: n, source: s, lemmas: [по ходу]}\n", "'по ходу' has a space inside"),
        ("lists:\n  a: {note: n, source: s, forms: [x], read_as: words}\n", "read_as must be one of tokens, phrases"),
    ],
)
def test_the_loader_rejects_duplicates_and_lists_without_a_note_or_source(tmp_path, yaml_text, message):
    path = tmp_path / "cues.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    _, problems = check_word_lists([path])
    assert any(message in problem for problem in problems), problems


def test_a_list_of_word_sequences_must_say_so_and_is_read_only_as_sequences(tmp_path):
    """A cue with a space inside never equals one token: the loader refuses it unless the list is read as phrases."""
    from overheard.annotate import cues

    path = tmp_path / "cues.yaml"
    path.write_text("lists:\n  a: {note: n, source: s, read_as: phrases, forms: [чуть не, едва]}\n", encoding="utf-8")
    lists, problems = check_word_lists([path])
    assert problems == [] and lists["a"].read_as == "phrases"
    assert cues.phrases("near_miss") and ("чуть", "не") in cues.phrases("near_miss")
    with pytest.raises(LexiconError, match="read_as: phrases"):
        cues.keys("near_miss")


@pytest.mark.parametrize("cue", ["нет| вода @0.8", "нет |вода", "=не =| хватать", "нет||нету вода"])
def test_validate_reports_a_theme_cue_split_by_a_space_next_to_a_bar(tmp_path, cue):
    """"нет| вода" reads as the positions "нет|" and "вода": the empty alternative is reported, not ignored."""
    import shutil

    from overheard.annotate import validate
    from overheard.lexicons import loader

    copy = tmp_path / "lexicons"
    shutil.copytree(loader.LEXICON_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = (copy / "themes.yaml").read_text(encoding="utf-8")
    (copy / "themes.yaml").write_text(text.replace('      - "голодать|', f'      - "{cue}"\n      - "голодать|', 1),
                                      encoding="utf-8")
    found = validate.problems(directory=copy)
    assert any("supply_shortage: cue" in line and "empty alternative" in line for line in found), found


def test_a_list_name_is_defined_in_one_file_only(tmp_path):
    for name in ("one.yaml", "two.yaml"):
        (tmp_path / name).write_text("lists:\n  deny: {note: n, source: s, forms: [нет]}\n", encoding="utf-8")
    _, problems = check_word_lists([tmp_path / "one.yaml", tmp_path / "two.yaml"])
    assert problems == ["two.yaml: list deny is already defined in one.yaml"]


def test_a_gloss_with_a_comma_must_be_quoted():
    with pytest.raises(LexiconError, match="appears twice"):
        parse_lexicon("entries: [{id: x, category: killed, gloss: {ru: a (b, c), uk: b (b, c), en: c},"
                      " note: n, lemmas: [a]}]", "lexicon.yaml", require_examples=False)
    with pytest.raises(LexiconError, match="only ru, uk and en"):
        parse_lexicon("entries: [{id: x, category: killed, gloss: {ru: a, uk: b, en: c, d}, note: n, lemmas: [a]}]",
                      "lexicon.yaml", require_examples=False)


def test_lexicon_validate_checks_every_file_and_prints_one_line_per_problem(tmp_path):
    runner = CliRunner()
    ok = runner.invoke(app, ["lexicon", "validate"])
    assert ok.exit_code == 0, ok.output
    assert "word lists; every lexicon file checked" in ok.output
    bad = tmp_path / "lexicon.yaml"
    bad.write_text("entries:\n  - {id: x, category: killed}\n  - {id: y, category: nonsense, note: n,"
                   " gloss: {ru: a, uk: b, en: c}, lemmas: [a]}\n  - {id: y, disabled: true}\n", encoding="utf-8")
    result = runner.invoke(app, ["lexicon", "validate", str(bad)])
    assert result.exit_code != 0 and isinstance(result.exception, LexiconError)
    lines = result.stdout.strip().splitlines()
    assert lines == ["lexicon.yaml entry #1 entry x: gloss needs ru, uk and en strings",
                     "lexicon.yaml entry #2 entry y: unknown category 'nonsense' (known: "
                     + ", ".join(TERM_CATEGORIES) + ")",
                     "lexicon.yaml: id y appears twice"]
    assert "3 problem(s)" in str(result.exception)


def test_validate_reads_every_builtin_file(tmp_path):
    """A broken cue list, theme file or names file is reported by name, beside the other files' problems."""
    import shutil

    from overheard.annotate import validate
    from overheard.lexicons import loader

    copy = tmp_path / "lexicons"
    shutil.copytree(loader.LEXICON_DIR, copy, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    text = (copy / "context_cues.yaml").read_text(encoding="utf-8")
    (copy / "context_cues.yaml").write_text(text.replace("forms: [не, ні]", "forms: [не, ні, не]"), encoding="utf-8")
    (copy / "stray.yaml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (copy / "names.yaml").write_text("names: [{name: Иван}]\n", encoding="utf-8")
    found = validate.problems(directory=copy)
    assert "context_cues.yaml: list negation: 'не' appears twice" in found
    assert "stray.yaml line 2: key 'a' appears twice (lines 1 and 2)" in found
    assert "names.yaml name #1: needs a name and a gender (m or f)" in found
