"""CALLSIGN candidates: call signs introduced explicitly, their other forms, listed call-sign words written
with a capital, and capitalised nouns used as names ("Шаман сказал") (ANNOTATION.md, Personal data)."""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate
from overheard.annotate.rules.entities.morph import (
    capitalised_common_noun,
    grammemes,
    nickname_adjective,
    ordinary,
    stem_key,
    surname,
)
from overheard.annotate.rules.entities.words import Word, entity_cues, role_label_spans, sentence_start
from overheard.annotate.rules.patterns import find_callsign_intros
from overheard.annotate.rules.words import words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses


def callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
              ner_other: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Explicit call signs, every other form of them, and capitalised nouns a speech verb follows.

    ``ner_other`` are natasha's ORG and LOC spans: a capitalised noun inside one is part of a name of an
    organisation or a place ("Совета Федерации", "Эха Москвы"), not a call sign, unless "позывной" says so.
    """
    found = [
        # a word "позывной" introduces is a call sign even where it is a coded word ("Позывной на сегодня — «Двести»")
        Candidate("CALLSIGN", m.start, m.end, m.score, m.rule, {"normal": m.normal},
                  over_code=m.rule.startswith("callsign:intro"))
        for m in find_callsign_intros(text)
    ]
    stems = {stem_key(text[c.start : c.end], language): c.attributes["normal"] for c in found}
    introduced = {stem_key(text[c.start : c.end], language) for c in found if c.over_code}
    lexicon = name_lexicon()
    entity = entity_cues()
    labels = role_label_spans(text)
    words = words_of(text, words)
    keys = words.keys
    lower_case_text = not words.has_upper  # ASR: a call sign recurs in lower case
    if lower_case_text and not stems:
        return found  # every rule below needs a capitalised word or a call sign introduced
    for i, (start, end, word) in enumerate(words):
        if not stems and not word[:1].isupper():
            continue  # with no call sign introduced, every rule below needs a capitalised word
        if any(c.start <= start < c.end for c in found) or any(a <= start < b for a, b in labels):
            continue
        key = stem_key(word, language) if stems else ""
        # fail closed: a call sign "позывной" introduced is masked in lower case too ("Позывной у него Граф, так вот
        # граф этот"): redaction removes every form
        if key in stems and (word[:1].isupper() or not ordinary(word, language) or lower_case_text
                             or key in introduced):
            found.append(Candidate("CALLSIGN", start, end, 0.8, "callsign: same as an introduced one",
                                   {"normal": stems[key]}))
            continue
        nxt = keys[i + 1] if i + 1 < len(words) else ""
        if word[:1].isupper() and not lexicon.lookup_key(keys[i]) and listed_callsign(word, language) \
                and keys[i] not in entity.speaker_roles and not _adjective_of_next(text, words, i, language) \
                and not (_whole_quote(text, start, end) and not (i and keys[i - 1] in _ANNOUNCING)) \
                and not any(
            t.start <= start < t.end
            and (t.label in ("PHONE", "UNIT") or _big_place(t) or _in_a_longer_place(t, start, end)) for t in taken
        ):
            found.append(Candidate("CALLSIGN", start, end, 0.7, "callsign: capitalised word from the call-sign list",
                                   {"normal": listed_callsign(word, language)}))
            continue
        if word[:1].isupper() and word[1:].islower() and keys[i] in entity.speaker_roles \
                and not sentence_start(text, words, i) and listed_callsign(word, language) \
                and not _addressed_here(text, words, i) and not nxt[:1].isupper() \
                and not (i + 1 < len(words) and words[i + 1][2][:1].isupper()) \
                and not any(t.overlaps(start, end) for t in taken):
            # "Прикинь, Деда больше нет", "а Батя в тылу сидит": a kinship word that is also a call sign,
            # capitalised inside a sentence, is a nickname ("Батя, привет" opening a turn stays a kinship word)
            found.append(Candidate("CALLSIGN", start, end, 0.6,
                                   "callsign: kinship word of the call-sign list capitalised inside a sentence "
                                   "(masked when unsure)", {"normal": listed_callsign(word, language)},
                                   leak_first=True))
            continue
        after_place_preposition = i > 0 and keys[i - 1] in entity.place_prepositions
        if word[:1].isupper() and not sentence_start(text, words, i) and not lexicon.lookup_key(keys[i]) \
                and not after_place_preposition:
            overlaps = any(t.overlaps(start, end) for t in taken) or _in_name(text, words, i, ner_other) \
                or keys[i] in cues.keys("weapon_models") and text[end : end + 1] == "-"  # "Леопард-2", "Орлан-10"
            if language == "ru" and (capitalised_common_noun(word, language) or nickname_adjective(
                    word, nxt, language)) and not surname(word, language) and not overlaps:
                found.append(Candidate("CALLSIGN", start, end, 0.6,
                                       "callsign: ordinary noun capitalised inside a sentence",
                                       {"normal": word[:1].upper() + word[1:].lower()}))
                continue
        if nxt in entity.speech_verbs and word[:1].isupper() and not lexicon.lookup_key(keys[i]) \
                and not re.search(r"[.!?]", text[end : words[i + 1][0]]):  # "в «Шторм». Сказал, ...": another sentence
            if keys[i] in entity.not_person or any(
                t.start <= start < t.end and (t.label != "PER" or t.attributes.get("first_name")) for t in taken
            ):
                continue
            parse = parses(word.lower(), language)[0]
            tags = grammemes(parse)
            adjectival = parse.tag.POS == "ADJF" and parse.tag.case == "nomn" and "masc" in tags
            if (parse.tag.POS == "NOUN" or adjectival) and not ({"Name", "Surn", "Patr", "Geox"} & tags):
                if "inan" in tags or adjectival or not sentence_start(text, words, i):
                    found.append(Candidate("CALLSIGN", start, end, 0.6,
                                           "callsign: capitalised noun before a speech verb",
                                           {"normal": word[:1].upper() + word[1:].lower()}))
    return found


@lru_cache(maxsize=1)
def _callsign_list() -> dict[str, str]:
    """Folded nominative → call sign, from ``lexicons/callsigns.yaml``."""
    return {fold(w): w for w in cues.forms("callsigns")}


@lru_cache(maxsize=100_000)
def listed_callsign(word: str, language: str) -> str | None:
    """The listed call sign that ``word`` is a case form of, if any."""
    listed = _callsign_list()
    if fold(word) in listed:
        return listed[fold(word)]
    for lang in (language, "ru" if language == "uk" else "uk"):
        for parse in parses(word.lower(), lang)[:3]:
            if parse.tag.POS == "NOUN" and parse.tag.number != "plur" and fold(parse.normal_form) in listed:
                return listed[fold(parse.normal_form)]
    return None


def _in_name(text: str, words: list[Word], i: int, ner_other: list[tuple[int, int]]) -> bool:
    """Whether capitalised word ``i`` is part of a longer proper name or a title, not a call sign alone: inside
    natasha's ORG/LOC span, inside quotes («Эхо Москвы», "Ведомости"), or next to another capitalised word
    ("Совета Федерации", "Лента.ру")."""
    start, end, _word = words[i]
    if any(s <= start and end <= e for s, e in ner_other):
        return True
    before = text[max(0, start - 40) : start]
    if before.count("«") > before.count("»") or before.count('"') % 2 == 1 or before.count("“") > before.count("”"):
        return True
    neighbours = []
    if i > 0 and not text[words[i - 1][1] : start].strip(" -") and not sentence_start(text, words, i - 1):
        neighbours.append(words[i - 1][2])  # a capitalised sentence opener ("Вчера Шаман ...") does not count
    between = text[end : words[i + 1][0]] if i + 1 < len(words) else ""
    if i + 1 < len(words) and (not between.strip(" -") or between == "."):
        neighbours.append(words[i + 1][2])  # "Лента.ру", not "Берёза. Коробочка" across a sentence end
    lexicon = name_lexicon()
    return any(w[:1].isupper() and not lexicon.lookup(w) and fold(w) not in entity_cues().ranks for w in neighbours)


_ANNOUNCING = frozenset({"это", "це"})  # "Это «Сокол»": a station announcing itself
_QUOTE_OPEN = re.compile(r"[«\"“„]\s?$")
_QUOTE_CLOSE = re.compile(r"(?:[ -][A-ZА-ЯЁІЇЄ0-9]{1,2})?[»\"”]")


def _whole_quote(text: str, start: int, end: int) -> bool:
    """Whether a word is a whole name in quotes ("«Зенит»", "«Шторма»", "«Шторм Z»"): a team, a unit, a film or a
    product named by a call-sign word; a call sign in quotes is introduced ("позывной «Гром»"), named elsewhere in
    the text or announced ("Это «Сокол»"), which the other rules read. A quoted turn ("«Кедр, я Сова»") is no whole
    name."""
    return _QUOTE_OPEN.search(text[max(0, start - 2) : start]) is not None \
        and _QUOTE_CLOSE.match(text, end) is not None


def _adjective_of_next(text: str, words: list[Word], i: int, language: str) -> bool:
    """Whether listed word ``i`` is an adjective agreeing with the noun right after it ("Старий генератор розбили",
    "Старый телефон", "Белый тигр"): an ordinary adjective, not the call sign "Старый"."""
    if i + 1 >= len(words) or text[words[i][1] : words[i + 1][0]].strip():
        return False
    adjectives = [p for p in parses(words[i][2].lower(), language)[:4] if p.tag.POS == "ADJF" and p.score >= 0.1]
    if not adjectives:
        return False
    following = parses(words[i + 1][2].lower(), language)[:4]
    if name_lexicon().lookup(words[i + 1][2]) or any({"Name", "Surn", "Patr"} & grammemes(p) for p in following):
        return False  # "Лысый Серёга", "Седой Петренко": a nickname before a name is personal data too
    nouns = [p for p in following if p.tag.POS == "NOUN" and p.score >= 0.1]
    return any(a.tag.case == n.tag.case and (a.tag.number or "sing") == (n.tag.number or "sing")
               and (a.tag.gender is None or n.tag.gender is None or a.tag.gender == n.tag.gender)
               for a in adjectives for n in nouns)


def _big_place(candidate: Candidate) -> bool:
    geo = candidate.attributes.get("geo") or {}
    return candidate.label == "LOC" and (geo.get("population") or 0) >= 50_000


def _in_a_longer_place(candidate: Candidate, start: int, end: int) -> bool:
    """Whether ``[start, end)`` is one word of a longer gazetteer place: "Малой" in "под Малой Локней" is part of the
    village's name, not the call sign Малой."""
    return candidate.label == "LOC" and (candidate.start < start or end < candidate.end)


def _addressed_here(text: str, words: list[Word], i: int) -> bool:
    """Whether word ``i`` is set off as an address: a comma before it and a comma, "!" or "?" after it
    ("Слушай, Батя, ты где?")."""
    before = text[words[i - 1][1] : words[i][0]] if i else ""
    after = text[words[i][1] : words[i][1] + 2].lstrip()
    return "," in before and after[:1] in (",", "!", "?")
