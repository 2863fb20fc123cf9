"""The "entities" annotator: people, places, organisations, units, phones and call signs.

Sources, strongest first: shape patterns (phones, units, call signs), the first-name
lexicon with every case form and diminutive (works on lower-case ASR text), pymorphy3
tags for patronymics and surnames, the GeoNames gazetteer for places, and natasha/slovnet
NER for capitalised names and organisations the lexicons do not know. Overlaps are
resolved into one non-overlapping list; every finding says which rule fired.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from overheard.annotate.patterns import find_callsign_intros, find_digit_phones, find_units, find_word_phones
from overheard.annotate.places import FUNCTION_WORDS, LEXICONS, find_places, name_key
from overheard.annotate.places import LOCATIVE_PREPOSITIONS as LOCATIVE
from overheard.annotate.registry import register
from overheard.model import Document, Finding, FindingKind
from overheard.names import PERSON_TAGS, NameForm, name_lexicon
from overheard.text import fold, parses, protected_spans, unconfuse

VERSION = "v2"  # bump whenever the rules change, so `annotate` reruns
PRODUCER = f"entities.{VERSION}"
WORD = re.compile(r"[^\W\d_]+(?:['’ʼ-][^\W\d_]+)*")
LABEL_PRIORITY = {"PHONE": 0, "UNIT": 1, "CALLSIGN": 2, "PER": 3, "LOC": 4, "ORG": 5}

# Words before a name that make an ambiguous form ("вера", "роман") a person.
PERSON_CUES = frozenset(
    """передай передайте скажи скажите позвони позвоните звонил звонила звонили набери напиши
    спроси брат брата брату братом братан братишка сын сына сыну сыном друг друга другу другом кум кума
    дядя дяди дяде тётя тетя тёти тети жена жены жене муж мужа мужу сестра сестры сестре зять сват
    товарищ командир командира ротный взводный комбат лейтенант капитан майор сержант старшина
    прапорщик полковник подполковник рядовой ефрейтор младший старший зовут звать именем имя
    передай передайте скажи кажи подзвони брат брата братові син сина сину друг друга кум жінка
    дружина чоловік сестра тьотя дядько звати звуть ім'я побратим побратима побратиму""".split()
)
RANKS = frozenset(
    """лейтенант лейтенанта лейтенанту лейтенантом капитан капитана капитану капитаном майор майора
    майору майором сержант сержанта сержанту сержантом старшина старшины старшине прапорщик прапорщика
    полковник полковника подполковник подполковника рядовой рядового ефрейтор ефрейтора генерал генерала
    фамилия фамилии фамилию прізвище командир командира комбат комбата ротный ротного взводный
    взводного капітан капітана сержанта солдат солдата боец бойца""".split()
)
SURNAME_SHAPE = re.compile(r"(ов|ев|ёв|ин|ын|ский|цкий|енко|чук|юк|ук|ич|ова|ева|ина|ская)$")
PLACE_PREPOSITIONS = frozenset(
    "в во на под подо за из изо до около возле через над під із біля поблизу від коло між".split()
)
NEXT_CUES = frozenset("привет привіт передай передайте скажи скажіть позвони подзвони".split())
SPEECH_VERBS = frozenset(
    """сказал сказала говорит говорил передал передала приказал приказала доложил доложила велел
    ответил ответила кричал орал сообщил звонил звонила пишет написал сказав сказала каже казав
    передав наказав доповів відповів дзвонив кричав""".split()
)
NOT_PERSON_CAPITALISED = frozenset(
    """бог бога богу господи господь путин путина зеленский зеленского мама папа мать отец бабушка
    дедушка брат сестра привет алло да нет ну ладно слушай короче блин ок окей вагнер чвк всу вс
    рф зсу украина россия росія україна хохлы хохол русские укропы
    бать батя бате батю мам пап сынок сына доча дочь дочка братан братишка мамо тато сину синку
    мамка мамочка бабуля дед деда дядь тёть тетя тётя кум кума товарищ пацаны ребята хлопці
    ротный ротного взводный взводного комбат комбата командир командира комполка замполит старшина
    начальник начштаба старший младший главный врач медик санитар связист водитель механик повар
    ротний взводний комбриг""".split()
)


@dataclass
class _Candidate:
    label: str
    start: int
    end: int
    score: float
    explanation: str
    attributes: dict[str, Any] = field(default_factory=dict)


@lru_cache(maxsize=1)
def _natasha():
    """Load natasha's segmenter and NER tagger (once per process)."""
    from natasha import NewsEmbedding, NewsNERTagger, Segmenter

    return Segmenter(), NewsNERTagger(NewsEmbedding())


def natasha_spans(text: str) -> list[tuple[str, int, int]]:
    """(type, start, end) of natasha's PER/LOC/ORG spans; nothing for all-lower-case text."""
    if not any(ch.isupper() for ch in text):
        return []
    from natasha import Doc

    segmenter, tagger = _natasha()
    doc = Doc(text)
    doc.segment(segmenter)
    doc.tag_ner(tagger)
    return [(span.type, span.start, span.stop) for span in doc.spans]


def _sentence_start(text: str, words: list[tuple[int, int, str]], i: int) -> bool:
    if i == 0:
        return True
    between = text[words[i - 1][1] : words[i][0]]
    return bool(re.search(r"[.!?\n:—–\-\]>]\s*[«\"]?\s*$", between))


# "[00:00:04] Жена: ..." / "Солдат: ..." / "A: ..." - a speaker label at the start of a line
SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?:\[[\d:.,\s\->]+\][ \t]*|\d[\d:.,]*[ \t]+)?([^\W\d][^\n:]{0,30}?):[ \t]", re.MULTILINE
)


def speaker_label_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of speaker labels at line starts ("Мать:", "[00:00:04] Муж:")."""
    return [(m.start(1), m.end(1)) for m in SPEAKER_LABEL.finditer(text)]


def _adjacent(text: str, a: tuple[int, int, str], b: tuple[int, int, str]) -> bool:
    return not text[a[1] : b[0]].strip()


def _grammemes(parse: Any) -> set[str]:
    return set(str(parse.tag).replace(" ", ",").split(","))


@lru_cache(maxsize=100_000)
def _patronymic(word: str, language: str) -> str | None:
    """Nominative of a patronymic ("Викторовичу" → "Викторович"), or None."""
    low = word.lower()
    for lang in (language, "ru" if language == "uk" else "uk"):
        for parse in parses(low, lang)[:3]:
            if "Patr" in _grammemes(parse) and parse.is_known:
                nominative = parse.inflect({"nomn"})
                return nominative.word if nominative else parse.normal_form
    male = re.search(r"(ович|евич|йович|ійович)(а|у|ем|ом|ові|еві|і|е)?$", low)
    female = re.search(r"(івн|ївн|овн|евн|ічн|ичн)(а|ы|и|е|у|ой|ою|і)$", low)
    top = parses(low, language)[0]
    if top.is_known and "Patr" not in _grammemes(top) and top.score >= 0.2:
        return None  # "головне", "ровно": an ordinary word
    if (male or female) and len(low) > 6:
        match = male or female
        return low[: match.start(2) if match.group(2) else len(low)] + ("а" if female else "")
    return None


@lru_cache(maxsize=100_000)
def _morph_name(word: str, language: str) -> list[NameForm]:
    """A first name the lexicon lacks but pymorphy3 tags ``Name`` ("Айгуль", "Жорик")."""
    if len(word) < 3 or fold(word) in NOT_PERSON_CAPITALISED or fold(word) in FUNCTION_WORDS:
        return []
    for lang in ("ru", "uk"):
        if any(p.is_known and p.tag.POS in ("NPRO", "PREP", "CONJ", "PRCL", "INTJ", "ADVB", "PRED")
               for p in parses(word.lower(), lang)[:4]):
            return []
    found = [p for p in parses(word.lower(), language)[:4] if p.score >= 0.05]
    names = [p for p in found if "Name" in _grammemes(p) and p.tag.number != "plur"]
    if any("Surn" in _grammemes(p) for p in found):
        return []  # "Петров" is a surname, not the plural of "Пётр"
    if not names or not (word[:1].isupper() or (names[0] is found[0] and names[0].is_known)):
        return []
    if any(p.is_known and p.score >= 0.2 and not (PERSON_TAGS & _grammemes(p)) for p in found):
        return []
    top = names[0]
    gender = "f" if top.tag.gender == "femn" else "m"
    canonical = top.normal_form[:1].upper() + top.normal_form[1:]
    cases = frozenset(p.tag.case for p in names if p.tag.case and p.normal_form == top.normal_form)
    return [NameForm(canonical, canonical, gender, cases or frozenset({"nomn"}), "morph")]


@lru_cache(maxsize=100_000)
def _surname(word: str, language: str) -> tuple[str, bool] | None:
    """(nominative, only_surname) when ``word`` can be a surname; only_surname: no other reading."""
    low = word.lower()
    found = [p for p in parses(low, language)[:4] if p.score >= 0.05]
    surn = [p for p in found if "Surn" in _grammemes(p)]
    if surn:
        others = [p for p in found if p.is_known and not (PERSON_TAGS & _grammemes(p)) and p.score >= 0.1]
        return surn[0].normal_form, not others
    if re.search(r"(енко|чук|щук|юк|ук|ський|цький|ов|ев|ёв|ин|ын|ских|ова|ева|ина|ына|ской|ская)$", low):
        known = [p for p in found if p.is_known and not (PERSON_TAGS & _grammemes(p))]
        return low, not known
    return None


def _case_of(word: str, readings: list[NameForm], prev: str, vocative_position: bool = False) -> str:
    """The grammatical case of a first-name form, using the preposition before it when it helps."""
    cases = set().union(*(r.cases for r in readings))
    by_preposition = {
        "к": "datv", "ко": "datv", "до": "gent", "у": "gent", "от": "gent", "без": "gent", "для": "gent",
        "с": "ablt", "со": "ablt", "з": "ablt", "із": "ablt", "зі": "ablt", "о": "loct", "об": "loct",
        "про": "accs", "на": "accs", "за": "accs", "від": "gent", "при": "loct", "при.": "loct",
    }
    wanted = by_preposition.get(prev)
    if wanted == "ablt" and "ablt" not in cases and "gent" in cases:
        wanted = "gent"
    if wanted in cases:
        return wanted
    if "voct" in cases and vocative_position:
        return "voct"
    for parse in parses(word.lower(), "ru"):
        if "Name" in _grammemes(parse) and parse.tag.case in cases:
            return parse.tag.case
    for case in ("nomn", "datv", "gent", "accs", "ablt", "loct", "voct"):
        if case in cases:
            return case
    return "nomn"


def _gender(readings: list[NameForm], text: str, end: int) -> str:
    genders = {r.gender for r in readings}
    if len(genders) == 1:
        return genders.pop()
    after = text[end : end + 25].lower().split()
    if after and re.match(r"\w+(ла|лась)$", after[0]):
        return "f"
    return "m"


def _people(text: str, words: list[tuple[int, int, str]], language: str,
            ner_per: list[tuple[int, int]]) -> list[_Candidate]:
    """PER candidates: chains of first names, patronymics and surnames."""
    lexicon = name_lexicon()
    labels = speaker_label_spans(text)
    roles: list[dict[str, Any] | None] = []
    for i, (start, end, word) in enumerate(words):
        role: dict[str, Any] | None = None
        readings = [] if fold(word) in NOT_PERSON_CAPITALISED else (
            lexicon.lookup(word) or _morph_name(word, language) or lexicon.possessive(word))
        prev = fold(words[i - 1][2]) if i else ""
        capital_mid = word[:1].isupper() and not _sentence_start(text, words, i)
        in_ner = any(s <= start and end <= e for s, e in ner_per)
        if readings:
            role = {"role": "first", "readings": readings, "ambiguous": lexicon.is_ambiguous(word)}
        elif (patr := _patronymic(word, language)) is not None:
            role = {"role": "patronymic", "normal": patr}
        elif (surn := _surname(word, language)) is not None:
            strong = (capital_mid and surn[1]) or (in_ner and word[:1].isupper() and surn[1])
            role = {"role": "surname", "normal": surn[0], "strong": strong, "only": surn[1]}
        elif in_ner and word[:1].isupper() and fold(word) not in NOT_PERSON_CAPITALISED:
            if not any(p.is_known for p in parses(word.lower(), language)[:2]):
                role = {"role": "surname", "normal": word.lower(), "strong": True, "only": False}
        if role is not None and any(a <= start < b for a, b in labels):
            if role["role"] != "first" or role.get("ambiguous") or lexicon.is_ambiguous(word):
                role = None  # "Мать:", "Жена:" - a speaker label, not a name
        if role is not None:
            role.update(index=i, prev=prev, capital_mid=capital_mid, lang=language)
        roles.append(role)

    # chains of adjacent person-part tokens
    chains: list[list[dict[str, Any]]] = []
    current: list[dict[str, Any]] = []
    for i, role in enumerate(roles):
        if role is not None and current and _adjacent(text, words[current[-1]["index"]], words[i]):
            current.append(role)
            continue
        if current:
            chains.append(current)
        current = [role] if role is not None else []
    if current:
        chains.append(current)

    accepted_first: set[str] = set()
    accepted_surface: set[str] = set()  # exact spellings accepted ("Любо" once a name, always a name here)
    out: list[_Candidate] = []
    pending: list[list[dict[str, Any]]] = []
    for chain in chains:
        kinds = [r["role"] for r in chain]
        firsts = [r for r in chain if r["role"] == "first"]
        good_first = [r for r in firsts if _first_ok(r, chain, words)]
        strong = (
            good_first
            or "patronymic" in kinds
            or any(r["role"] == "surname" and (r["strong"] or fold(r["prev"]) in RANKS) for r in chain)
        )
        if not strong:
            if firsts:
                pending.append(chain)
            continue
        keep = _trim_chain(chain)
        if not keep:
            continue
        for r in keep:
            if r["role"] == "first":
                accepted_first.add(fold(r["readings"][0].canonical))
                accepted_surface.add(words[r["index"]][2])
        out.append(_person_candidate(text, words, keep))
    # an ambiguous form counts when the same person is mentioned unambiguously elsewhere
    lower_case_text = not any(ch.isupper() for ch in text)
    for chain in pending:
        keep = [r for r in chain if r["role"] == "first"
                and fold(r["readings"][0].canonical) in accepted_first
                and (lower_case_text or words[r["index"]][2][:1].isupper())
                and (fold(words[r["index"]][2]) not in lexicon.function_forms[language]
                     or words[r["index"]][2] in accepted_surface)]
        if keep:
            out.append(_person_candidate(text, words, keep, "same person named elsewhere"))
    return out


def _first_ok(role: dict[str, Any], chain: list[dict[str, Any]], words) -> bool:
    if not role["ambiguous"]:
        return True
    if fold(words[role["index"]][2]) in name_lexicon().function_forms[role["lang"]]:
        return role["capital_mid"]  # "у Коли" but not "коли", "Только", "Алло"
    if role["capital_mid"] or role["prev"] in PERSON_CUES:
        return True
    capital = words[role["index"]][2][:1].isupper()
    if any(r is not role and (r["role"] == "patronymic" or (r["role"] == "surname" and r["strong"])
                              or (r["role"] == "surname" and capital and words[r["index"]][2][:1].isupper())
                              or (r["role"] == "first" and not r["ambiguous"])) for r in chain):
        return True
    nxt = role["index"] + 1
    if nxt >= len(words):
        return False
    following = fold(words[nxt][2])
    if following in SPEECH_VERBS or following in NEXT_CUES:
        return True
    capitalised = words[role["index"]][2][:1].isupper()
    if capitalised and (following in ("из", "з", "с", "со", "із", "в", "у") or _past_verb(following)):
        return True
    return _imperative(following)


@lru_cache(maxsize=20_000)
def _imperative(word: str) -> bool:
    """"Вика, продиктуй": a name before an imperative is someone addressed."""
    return any(p.tag.mood == "impr" and p.score > 0.3 for p in parses(word, "ru")[:2])


@lru_cache(maxsize=20_000)
def _past_verb(word: str) -> bool:
    parse = parses(word, "ru")[0]
    return parse.tag.POS == "VERB" and parse.tag.tense == "past" and parse.score > 0.5


def _trim_chain(chain: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop weak surname-like words at the edges of a chain ("Андрей сказал" keeps "Андрей")."""
    keep = list(chain)
    anchored = any(r["role"] in ("first", "patronymic") for r in keep)

    def weak(r: dict[str, Any]) -> bool:
        if r["role"] != "surname":
            return False
        i = keep.index(r)
        after_first = i > 0 and keep[i - 1]["role"] in ("first", "patronymic")
        shaped = bool(SURNAME_SHAPE.search(r["normal"]))  # "серега кузнецов"
        return not (r["strong"] or (anchored and r["only"]) or (anchored and r.get("capital_mid"))
                    or fold(r["prev"]) in RANKS or (after_first and shaped))

    while keep and weak(keep[-1]):
        keep.pop()
    while keep and weak(keep[0]):
        keep.pop(0)
    return keep[:4]


def _person_candidate(text, words, chain, reason: str | None = None) -> _Candidate:
    start, end = words[chain[0]["index"]][0], words[chain[-1]["index"]][1]
    parts, normal = [], []
    first_name = surname = gender = None
    case = None
    for r in chain:
        w_start, w_end, word = words[r["index"]]
        part: dict[str, Any] = {"role": r["role"], "start": w_start, "end": w_end}
        if r["role"] == "first":
            readings = r["readings"]
            gender = _gender(readings, text, w_end)
            readings = [x for x in readings if x.gender == gender] or readings
            vocative = text[w_end : w_end + 1] in (",", "!", "?") and (
                r["index"] == 0 or _sentence_start(text, words, r["index"]))
            case = _case_of(word, readings, r["prev"], vocative)
            first_name = readings[0].canonical
            part.update(canonical=first_name, variant=readings[0].variant, gender=gender, case=case)
            normal.append(readings[0].variant)
        elif r["role"] == "patronymic":
            part["normal"] = r["normal"]
            normal.append(r["normal"].capitalize())
            if gender is None:
                gender = "f" if r["normal"].endswith("на") else "m"
        else:
            surname = r["normal"].capitalize()
            part["normal"] = r["normal"]
            normal.append(surname)
        parts.append(part)
    explanation = reason or "+".join(p["role"] for p in parts)
    firsts = [r for r in chain if r["role"] == "first"]
    if firsts and all(r["readings"][0].lang == "morph" for r in firsts) and len(chain) == len(firsts):
        explanation += " (pymorphy name)"
    if fold(chain[0]["prev"]) in RANKS:
        explanation += " (rank)"
    score = 0.9 if first_name else 0.75
    return _Candidate(
        "PER", start, end, score, f"person: {explanation}",
        {"normal": " ".join(normal), "first_name": first_name, "surname": surname, "gender": gender,
         "case": case, "parts": parts},
    )


def _callsigns(text: str, words, language: str, taken: list[_Candidate]) -> list[_Candidate]:
    """Explicit call signs, every other form of them, and capitalised nouns a speech verb follows."""
    found = [
        _Candidate("CALLSIGN", m.start, m.end, m.score, m.rule, {"normal": m.normal})
        for m in find_callsign_intros(text)
    ]
    stems = {_stem_key(text[c.start : c.end], language): c.attributes["normal"] for c in found}
    lexicon = name_lexicon()
    labels = speaker_label_spans(text)
    lower_case_text = not any(ch.isupper() for ch in text)  # ASR: a call sign recurs in lower case
    for i, (start, end, word) in enumerate(words):
        if any(c.start <= start < c.end for c in found) or any(a <= start < b for a, b in labels):
            continue
        key = _stem_key(word, language)
        if key in stems and (word[:1].isupper() or not _ordinary(word, language) or lower_case_text):
            found.append(_Candidate("CALLSIGN", start, end, 0.8, "callsign: same as an introduced one",
                                    {"normal": stems[key]}))
            continue
        nxt = fold(words[i + 1][2]) if i + 1 < len(words) else ""
        if word[:1].isupper() and not lexicon.lookup(word) and _listed_callsign(word, language) and not any(
            t.start <= start < t.end and (t.label in ("PHONE", "UNIT") or _big_place(t)) for t in taken
        ):
            found.append(_Candidate("CALLSIGN", start, end, 0.7, "callsign: capitalised word from the call-sign list",
                                    {"normal": _listed_callsign(word, language)}))
            continue
        after_place_preposition = i > 0 and fold(words[i - 1][2]) in PLACE_PREPOSITIONS
        if word[:1].isupper() and not _sentence_start(text, words, i) and not lexicon.lookup(word) \
                and not after_place_preposition:
            overlaps = any(t.start < end and start < t.end for t in taken)
            if language == "ru" and (_capitalised_common_noun(word, language) or _nickname_adjective(
                    word, nxt, language)) and not _surname(word, language) and not overlaps:
                found.append(_Candidate("CALLSIGN", start, end, 0.6,
                                        "callsign: ordinary noun capitalised inside a sentence",
                                        {"normal": word[:1].upper() + word[1:].lower()}))
                continue
        if nxt in SPEECH_VERBS and word[:1].isupper() and not lexicon.lookup(word):
            if fold(word) in NOT_PERSON_CAPITALISED or any(
                t.start <= start < t.end and (t.label != "PER" or t.attributes.get("first_name")) for t in taken
            ):
                continue
            parse = parses(word.lower(), language)[0]
            grammemes = _grammemes(parse)
            adjectival = parse.tag.POS == "ADJF" and parse.tag.case == "nomn" and "masc" in grammemes
            if (parse.tag.POS == "NOUN" or adjectival) and not ({"Name", "Surn", "Patr", "Geox"} & grammemes):
                if "inan" in grammemes or adjectival or not _sentence_start(text, words, i):
                    found.append(_Candidate("CALLSIGN", start, end, 0.6,
                                            "callsign: capitalised noun before a speech verb",
                                            {"normal": word[:1].upper() + word[1:].lower()}))
    return found


@lru_cache(maxsize=1)
def _callsign_list() -> dict[str, str]:
    """Folded nominative → call sign, from ``lexicons/callsigns.yaml``."""
    import yaml

    with (LEXICONS / "callsigns.yaml").open(encoding="utf-8") as handle:
        return {fold(w): w for w in yaml.safe_load(handle)["callsigns"]}


def _listed_callsign(word: str, language: str) -> str | None:
    """The listed call sign that ``word`` is a case form of, if any."""
    listed = _callsign_list()
    if fold(word) in listed:
        return listed[fold(word)]
    for lang in (language, "ru" if language == "uk" else "uk"):
        for parse in parses(word.lower(), lang)[:3]:
            if parse.tag.POS == "NOUN" and parse.tag.number != "plur" and fold(parse.normal_form) in listed:
                return listed[fold(parse.normal_form)]
    return None


@lru_cache(maxsize=50_000)
def _capitalised_common_noun(word: str, language: str) -> bool:
    """A known common noun (not a name, surname, place or abbreviation) - capitalised, it is a call sign."""
    if fold(word) in NOT_PERSON_CAPITALISED or not word[1:].islower() or len(word) < 3:
        return False
    found = parses(word.lower(), language)[:3]
    top = found[0]
    if not top.is_known or top.tag.POS != "NOUN" or top.score < 0.3:
        return False
    return not any({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"} & _grammemes(p) for p in found)


def _nickname_adjective(word: str, following: str, language: str) -> bool:
    """A capitalised masculine adjective standing alone ("у меня Тихий", "Седой сказал"): a call sign.

    Not when a noun follows that it could qualify ("Красная площадь", "Новый год").
    """
    if fold(word) in NOT_PERSON_CAPITALISED or not word[1:].islower() or len(word) < 4:
        return False
    found = parses(word.lower(), language)[:3]
    top = next((p for p in found if p.tag.POS == "ADJF" and {"masc", "sing", "nomn"} <= _grammemes(p)), None)
    if top is None or not top.is_known or found[0].tag.POS != "ADJF":
        return False
    if following and following[:1].isalpha() and any(p.tag.POS == "NOUN" for p in parses(following, language)[:2]):
        return False
    return not ({"Name", "Surn", "Patr", "Geox"} & _grammemes(top))


def _big_place(candidate: _Candidate) -> bool:
    geo = candidate.attributes.get("geo") or {}
    return candidate.label == "LOC" and (geo.get("population") or 0) >= 50_000


def _stem_key(word: str, language: str) -> str:
    return fold(parses(word.lower(), language)[0].normal_form)


def _ordinary(word: str, language: str) -> bool:
    parse = parses(word.lower(), language)[0]
    return parse.is_known and parse.score > 0.5


def find_entities(text: str, language: str = "ru", region: str | None = None) -> list[Finding]:
    """All entities in ``text`` as non-overlapping ENTITY findings, in text order.

    Detection reads the text with look-alike Latin letters made Cyrillic ("Cергей" with a Latin C is a
    name); each finding quotes the original characters, which stay in storage.
    """
    readable = unconfuse(text)
    findings = _find_entities(readable, language, region)
    if readable is text:
        return findings
    return [dataclasses.replace(f, text=text[f.start:f.end]) for f in findings]


def _find_entities(text: str, language: str, region: str | None) -> list[Finding]:
    words = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
    candidates: list[_Candidate] = []
    for match in find_digit_phones(text) + find_word_phones(text) + find_units(text):
        candidates.append(_Candidate(match.label, match.start, match.end, match.score, match.rule,
                                     {"normal": match.normal}))
    found_places = find_places(text, language, region)
    use_ner = language == "ru" and _needs_ner(text, words, language, found_places)
    ner = natasha_spans(text) if use_ner else []
    ner_per = [(s, e) for t, s, e in ner if t == "PER"]
    people = _people(text, words, language, ner_per)
    places: list[_Candidate] = []
    for place in found_places:
        index = next((i for i, w in enumerate(words) if w[0] == place.start), None)
        prev = fold(words[index - 1][2]) if index else ""
        surname = _surname(place.text, language) if " " not in place.text else None
        town = fold(place.candidates[0][1])
        if surname and prev not in LOCATIVE and _ends_like_surname_case(place.text) \
                and re.search(r"(ов|ев|ин|ын)$", town) and place.candidates[0][0].geonameid > 0:
            # "Гусева накажут": a surname that is also a town name, with no preposition of place
            people.append(_Candidate("PER", place.start, place.end, 0.6, "person: surname (not a place here)",
                                     {"normal": surname[0].capitalize(), "first_name": None,
                                      "surname": surname[0].capitalize(), "gender": None, "case": None,
                                      "parts": [{"role": "surname", "start": place.start, "end": place.end,
                                                 "normal": surname[0]}]}))
            continue
        best, matched = place.candidates[0]
        matched = _place_nominative(place.text, language, matched)
        ranked = [p.geo(m) for p, m in place.candidates]
        places.append(_Candidate(
            "LOC", place.start, place.end, 0.85 if len(place.candidates) == 1 else 0.7, place.reason,
            {"normal": matched, "geo": best.geo(matched), "candidates": ranked},
        ))
    candidates += _callsigns(text, words, language, candidates + people + places)
    candidates += people + places
    codes = _code_spans(text)
    for label, start, end in ner:
        if label in ("ORG", "LOC") and not any(start < e and s < end for s, e in codes):
            candidates.append(_Candidate(label, start, end, 0.59, f"natasha NER {label}",
                                         {"normal": text[start:end], "geo": None} if label == "LOC"
                                         else {"normal": text[start:end]}))
    codes = _code_spans(text)
    labels = speaker_label_spans(text)
    candidates = [
        c for c in candidates
        if c.label in ("UNIT", "PHONE") or not any(c.start < e and s < c.end for s, e in codes)
    ]
    candidates = [
        c for c in candidates
        if c.label == "PER" or not any(s <= c.start and c.end <= e for s, e in labels)
    ]
    return [_finding(text, c) for c in _resolve(candidates)]


def _code_spans(text: str) -> list[tuple[int, int]]:
    """Coded casualty terms (never entities themselves): the patterns redaction protects too."""
    return protected_spans(text)


def _place_nominative(mention: str, language: str, indexed: str) -> str:
    """Nominative of a place mention: pymorphy's Geox lemma when it agrees, else the gazetteer name."""
    if " " not in mention:
        for lang in (language, "ru" if language == "uk" else "uk"):
            for parse in parses(mention.lower(), lang)[:4]:
                if "Geox" in _grammemes(parse) and name_key(parse.normal_form) == name_key(indexed):
                    return parse.normal_form[:1].upper() + parse.normal_form[1:]
    return indexed


def _ends_like_surname_case(word: str) -> bool:
    """An inflected -ов/-ев/-ин surname: "Гусева", "Белову", "Петриным"."""
    return bool(re.search(r"(ов|ев|ёв|ин|ын)(а|у|ым|ом|е|ой|ою)$", fold(word)))


def _needs_ner(text: str, words, language: str, places) -> bool:
    """Run natasha only when a capitalised word is left that the lexicons cannot explain."""
    lexicon = name_lexicon()
    for i, (start, _end, word) in enumerate(words):
        if not word[:1].isupper() or any(p.start <= start < p.end for p in places):
            continue
        if lexicon.lookup(word) or fold(word) in NOT_PERSON_CAPITALISED or _patronymic(word, language):
            continue
        if _sentence_start(text, words, i) and not _surname(word, language):
            top = parses(word.lower(), language)[0]
            if top.is_known and top.score >= 0.3:
                continue
        return True
    return False


def _resolve(candidates: list[_Candidate]) -> list[_Candidate]:
    """Non-overlapping view: higher-priority labels first, then longer spans."""
    chosen: list[_Candidate] = []

    def priority(c: _Candidate) -> float:
        # a PER made only of a surname-like word yields to a place ("у Харкові")
        if c.label == "PER" and "(pymorphy name)" in c.explanation:
            return LABEL_PRIORITY["LOC"] + 0.5
        if c.label == "PER" and not c.attributes.get("first_name") and not c.explanation.endswith("(rank)") \
                and not any(p["role"] == "patronymic" for p in c.attributes.get("parts", ())):
            return LABEL_PRIORITY["LOC"] + 0.5
        if c.label in ("LOC", "ORG") and c.explanation.startswith("natasha"):
            return 6
        return LABEL_PRIORITY[c.label]

    for cand in sorted(candidates, key=lambda c: (priority(c), -(c.end - c.start), c.start)):
        if cand.end <= cand.start:
            continue
        if any(cand.start < c.end and c.start < cand.end for c in chosen):
            continue
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _finding(text: str, cand: _Candidate) -> Finding:
    return Finding(
        kind=FindingKind.ENTITY, label=cand.label, start=cand.start, end=cand.end,
        text=text[cand.start : cand.end], score=cand.score, producer=PRODUCER,
        explanation=cand.explanation, attributes=cand.attributes,
    )


@register("entities")
class EntityAnnotator:
    """Registered annotator wrapping :func:`find_entities`."""

    name = "entities"
    version = VERSION
    personal_data = True  # viewers see only text this annotator has checked

    def annotate(self, doc: Document) -> list[Finding]:
        """Entities of ``doc`` (the call's region is the prior for ambiguous place names)."""
        return find_entities(doc.text, doc.language, doc.region)
