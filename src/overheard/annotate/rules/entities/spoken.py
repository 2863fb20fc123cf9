"""Names in the way people say them on the phone (issue 17, blind round 7): lower-case first names in
speech-to-text text, names that open a call before a greeting, and nickname adjectives used as a subject.

Leaking is far worse than over-masking, so these rules mask when unsure and say so in their explanation.
They reach only where the other rules are blind: a lower-case first name counts only in a text with no
capital letter at all (speech-to-text output), where case tells nothing; a cased text writes names
capitalised and keeps "роман", "вера", "марта" as words.
"""

from __future__ import annotations

import re
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign, unsure_person
from overheard.annotate.rules.entities.words import Word, entity_cues, sentence_start
from overheard.annotate.rules.phones import digit_value, number_tokens, spoken_number_runs
from overheard.annotate.rules.words import keys_of, words_of
from overheard.names import name_lexicon
from overheard.text import fold, parses

UNSURE = "masked when unsure"
_SKIP_POS = frozenset({"ADVB", "NPRO", "PRCL", "NUMR", "CONJ"})  # "рома вчера звонил", "косой вчера двоих обнулил"
_NOT_NAME = frozenset({"ADVB", "INTJ", "PRED", "VERB", "INFN", "PRCL", "CONJ", "NPRO", "GRND", "COMP"})
_YOU = frozenset({"ты", "ти", "вы", "ви"})
_CALLSIGN_NEXT = (("с", "позывным"), ("з", "позивним"), ("с", "позывными"))


def _free(start: int, end: int, taken: list[Candidate]) -> bool:
    return not taken or not any(t.overlaps(start, end) for t in taken)


def _same_clause(text: str, a: Word, b: Word) -> bool:
    return not re.search(r"[.!?,;:—–()«»\"\n]", text[a[1] : b[0]])


def finite_verb_follows(text: str, words: list[Word], i: int, language: str, reach: int = 3) -> bool:
    """Whether a finite verb follows word ``i`` in the same clause, past adverbs, pronouns and numerals only
    ("рома вчера звонил", "косой вчера двоих обнулил", "рыжий тебе привет передаёт")."""
    return following_verb(text, words, i, language, reach) is not None


def following_verb(text: str, words: list[Word], i: int, language: str, reach: int = 3):
    """The reading of the finite verb :func:`finite_verb_follows` finds, or None."""
    nouns = 0
    for j in range(i + 1, min(len(words), i + 1 + reach)):
        if not _same_clause(text, words[j - 1], words[j]):
            return None
        found = parses(words[j][2].lower(), language)[:3]
        readings = [p for p in found if p.score >= 0.15] or found[:1]
        top = readings[0]
        if top.tag.POS == "VERB" and top.tag.person != "1per" and top.tag.person != "2per":
            return top
        if top.tag.POS in _SKIP_POS:
            continue
        if top.tag.POS == "NOUN" and nouns == 0 and j > i + 1:
            nouns += 1  # one object before the verb: "рыжий тебе привет передаёт"
            continue
        return None
    return None


def lower_case_first_names(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A first name or its short form in a text with no capital letter ("рома", "толика", "кость", "ген") that
    the chain rules left because the form is also a word: it opens the call, is addressed ("макс ты только
    никому"), stands before a finite verb ("толика поймали", "марта плаче") or before "с позывным"."""
    if text != text.lower():
        return []
    lexicon = name_lexicon()
    cue = entity_cues()
    out = []
    words = words_of(text, words)
    keys = words.keys
    for i, (start, end, word) in enumerate(words):
        key = keys[i]
        if len(key) < 3 or not _may_be_first_name(key, language) or key in cue.speaker_roles \
                or key in lexicon.function_forms[language] or not _free(start, end, taken):
            continue
        names = lexicon.lookup_key(key)
        if not names:
            # a name no list knows, which pymorphy3 reads as one, before a verb of speech ("ваха говорит")
            if i + 1 < len(words) and keys[i + 1] in cue.speech_verbs \
                    and "Name" in str((top := parses(key, language)[0]).tag) and top.score >= 0.4:
                out.append(unsure_person(start, end, f"person: a name before a verb of speech ({UNSURE})", key))
            elif _plural_of_name(key, language):
                out.append(unsure_person(start, end, f"person: a first name in the plural (\"баиров\"; {UNSURE})", key))
            elif invented_diminutive(key) and _named_position(text, words, i, language):
                out.append(unsure_person(start, end, f"person: a diminutive of a first name no list knows ({UNSURE})",
                                   key))
            continue
        prev = words[i - 1] if i else None
        if prev is not None and _same_clause(text, prev, words[i]) and any(
                p.tag.POS == "NUMR" or "Anum" in str(p.tag) for lang in {language, "ru"}
                for p in parses(prev[2].lower(), lang)[:2]):
            continue  # "восьмого марта": a date (the Ukrainian dictionary tags no ordinal as one)
        nxt = keys[i + 1 : i + 3]
        # a vocative short form opening the call ("ген у нас один шестисотый", "кость ты видел")
        verb = following_verb(text, words, i, language, 2)
        month = key in cues.keys("month_names")
        if month and prev is not None and keys[i - 1] in cues.keys("date_words"):
            continue  # "с начала марта": a date
        # "кость болит", "роман вышел"; a month's genitive is never the subject ("марта плаче")
        subject = verb is not None and not month and _word_is_subject(word, verb, language)
        opens = i == 0 and all(r.cases == {"voct"} for r in names) and not subject
        addressed = bool(nxt) and nxt[0] in _YOU or prev is not None and keys[i - 1] in cues.keys("hey_words") \
            and _same_clause(text, prev, words[i]) and not _adjective_of_next(words, i, language)
        # "жека ты только", "слышь макс я тебе говорю"; not "короче серый цвет" (an adjective of the next noun)
        callsign = tuple(nxt) in _CALLSIGN_NEXT
        # "помнишь толика с бичуры", "знаєш юрка": the person one is asked to remember or know (an object case)
        remembered = prev is not None and keys[i - 1] in _KNOW_VERBS and not month and any(
            {"accs", "gent"} & r.cases for r in names) and not _adjective_of_next(words, i, language)
        callsign = callsign or remembered
        if opens or addressed or callsign or (verb is not None and not subject):
            out.append(unsure_person(start, end, f"person: first name in lower-case speech-to-text text ({UNSURE})",
                               names[0].canonical))
    return out


@lru_cache(maxsize=50_000)
def _may_be_first_name(key: str, language: str) -> bool:
    """Whether :func:`lower_case_first_names` may read the folded word as a first name at all: a form of the name
    lexicon, a name pymorphy3 reads with some confidence, a plural of a name or a diminutive nobody listed (most
    words are none of these: remembered per word)."""
    if name_lexicon().lookup_key(key) or _plural_of_name(key, language) or invented_diminutive(key):
        return True
    top = parses(key, language)[0]
    return "Name" in str(top.tag) and top.score >= 0.4


_KNOW_VERBS = frozenset({"помнишь", "помните", "знаешь", "знаете", "пам'ятаєш", "пам'ятаєте", "знаєш", "знаєте"})


@lru_cache(maxsize=50_000)
def _plural_of_name(key: str, language: str) -> bool:
    """A first name of the lexicon in a plural form no dictionary knows ("баиров", "цыдыпов", "аюры"; not "марки",
    a word, nor an ambiguous name such as "романы")."""
    top = parses(key, language)[0]
    if top.is_known and not {"Name", "Surn"} & set(str(top.tag).replace(" ", ",").split(",")):
        return False
    lexicon = name_lexicon()
    for suffix in ("ов", "ев", "ы", "ам", "ами", "ах"):
        stem = key[: -len(suffix)]
        if key.endswith(suffix) and len(stem) >= 3 and not lexicon.is_ambiguous(stem) and any(
                "nomn" in f.cases and fold(f.variant) == stem for f in lexicon.lookup(stem)):
            return True
    return False


def _adjective_of_next(words: list[Word], i: int, language: str) -> bool:
    """Whether word ``i`` reads as an adjective agreeing with the noun after it ("серый цвет", "рыжий кот")."""
    if i + 1 >= len(words):
        return False
    adjectives = {(p.tag.case, p.tag.gender) for p in parses(words[i][2].lower(), language)[:4] if p.tag.POS == "ADJF"}
    return any(p.tag.POS == "NOUN" and p.score >= 0.2 and (p.tag.case, p.tag.gender) in adjectives
               for p in parses(words[i + 1][2].lower(), language)[:3])


_NAME_PLACE_BEFORE = frozenset({"у", "от", "с", "к", "для", "про", "до", "від", "з", "із", "зі", "без", "за"})


def _named_position(text: str, words: list[Word], i: int, language: str) -> bool:
    """Where a word of a lower-case text stands as someone: opening the call, after a preposition that takes a
    person ("у колямбы взял"), before "я"/"ты" ("ленусь я не могу"), or before a finite verb."""
    nxt = fold(words[i + 1][2]) if i + 1 < len(words) else ""
    prev = fold(words[i - 1][2]) if i else ""
    return i == 0 or prev in _NAME_PLACE_BEFORE or nxt in _YOU | {"я"} \
        or finite_verb_follows(text, words, i, language, 2)


@lru_cache(maxsize=1)
def _name_stems() -> frozenset[str]:
    """Stems of every first name and short form the lexicon knows, three letters or more ("лен", "кол", "дим")."""
    stems = set()
    for forms in name_lexicon().forms.values():
        for form in forms:
            variant = fold(form.variant)
            stem = variant[:-1] if variant[-1:] in "аяоеиіьй" else variant
            if len(stem) >= 3:
                stems.add(stem)
    return frozenset(stems)


@lru_cache(maxsize=1)
def _diminutive_suffix() -> re.Pattern[str]:
    return re.compile(f"(?:{cues.alternatives('diminutive_suffixes')})")


@lru_cache(maxsize=20_000)
def invented_diminutive(word: str) -> bool:
    """Whether a folded word that neither dictionary knows is a first name's stem with a diminutive suffix
    ("ленусь", "колямбы", "светуля", "димасик"): a diminutive nobody listed."""
    if len(word) < 5 or any(p.is_known for lang in ("ru", "uk") for p in parses(word, lang)[:2]):
        return False
    stems, suffix = _name_stems(), _diminutive_suffix()
    return any(word[:k] in stems and suffix.fullmatch(word, k) for k in range(min(len(word) - 2, 7), 2, -1))


def _word_is_subject(word: str, verb, language: str) -> bool:
    """Whether the common-noun reading of ``word`` can be the subject of ``verb``: nominative, agreeing in
    number (and gender in the past): "роман вышел", "кость болит" are words; "толика поймали" (a plural verb),
    "марта плаче" (a genitive) are names."""
    for p in parses(word.lower(), language)[:4]:
        if p.score < 0.05 or p.tag.POS != "NOUN" or "Name" in str(p.tag) or p.tag.case != "nomn":
            continue
        if verb.tag.number and p.tag.number and verb.tag.number != p.tag.number:
            continue
        if verb.tag.gender and p.tag.gender and verb.tag.gender != p.tag.gender:
            continue
        return True
    return False


def greeted_names(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A capitalised word that opens a call or a turn, set off by a comma before a greeting or an address
    word ("Паха, здорово!", "Аюр, брат, ...", "Натусь, привет"): the person called, whatever the word is,
    unless it is a kinship, endearment or role word ("Мам, привет", "Кохана, ...")."""
    cue = entity_cues()
    greetings = cues.keys("greeting_after_name")
    out = []
    for i, (start, end, word) in enumerate(words[:-1]):
        if not word[:1].isupper() or word.isupper() or len(word) < 3 or fold(words[i + 1][2]) not in greetings:
            continue
        if not _free(start, end, taken):
            continue
        if fold(word) in cue.speaker_roles or fold(word) in cues.keys("not_address_callsigns") \
                or fold(word) in greetings:
            continue
        if any(p.is_known and p.score >= 0.3 and p.tag.POS in _NOT_NAME for p in parses(word.lower(), language)[:2]):
            continue  # "Здорово, братан", "Слушай, брат": a greeting or a verb opens the turn, not a name
        if not re.fullmatch(r"\s*,\s*", text[end : words[i + 1][0]]) or fold(words[i + 1][2]) not in greetings:
            continue
        if i and not re.search(r"[.!?\n—–:]\s*$", text[: start]):
            continue
        out.append(unsure_person(start, end, f"person: a name greeted at the start of a call ({UNSURE})", word))
    return out


def _callsign(start: int, end: int, rule: str, word: str) -> Candidate:
    return unsure_callsign(start, end, rule, word[:1].upper() + word[1:].lower())


def dash_address(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A radio header "Caller — Callee." opening a turn, the callee in the dative ("Сапсан — Берёзе. По итогам:
    ..."): both are call signs."""
    out = []
    for i in range(len(words) - 1):
        (s1, e1, w1), (s2, e2, w2) = words[i], words[i + 1]
        if not (w1[:1].isupper() and w2[:1].isupper()) or w1.isupper() or w2.isupper():
            continue
        if not re.fullmatch(r"\s*[—–-]\s*", text[e1:s2]) or not re.match(r"\s*[.,:!]", text[e2:]):
            continue
        if i and not re.search(r"[.!?\n—–:]\s*$", text[:s1]):
            continue
        if not any(p.tag.case == "datv" and p.tag.POS == "NOUN" and p.score >= 0.1
                   for p in parses(w2.lower(), language)[:3]):
            continue
        key1, key2 = fold(w1), fold(w2)
        if {key1, key2} & entity_cues().speaker_roles:
            continue
        for s, e, w in ((s1, e1, w1), (s2, e2, w2)):
            if _free(s, e, [t for t in taken if t.label != "LOC"]):
                out.append(_callsign(s, e, f"callsign: radio header \"caller — callee\" ({UNSURE})", w))
    return out


def _town(candidate: Candidate) -> bool:
    geo = candidate.attributes.get("geo") or {}
    return (geo.get("population") or 0) >= 10_000 and geo.get("country") in ("UA", "RU", "BY")


def coordinated_names(text: str, words: list[Word], chosen: list[Candidate]) -> list[Candidate]:
    """A capitalised word joined by "и"/"і"/"та"/"й" to a name or call sign found, inside a sentence: the same kind
    ("Малий і Тихий трьохсоті", "Сокол и Беркут вышли"), unless a place or a rule took it."""
    out = []
    joins = {"и", "і", "та", "й"}
    found = [c for c in chosen if c.label in ("PER", "CALLSIGN")]
    keys = keys_of(words)
    for i in range(1, len(words) - 1):
        if keys[i] not in joins:
            continue
        for a, b in ((i - 1, i + 1), (i + 1, i - 1)):
            sa, ea, wa = words[a]
            sb, eb, wb = words[b]
            if not wb[:1].isupper() or wb.isupper() or len(wb) < 3 or any(
                    c.overlaps(sb, eb) and (c.label != "LOC" or _town(c)) for c in chosen):
                continue  # a village of the same name yields ("Малий і Смирний"); a town does not
            if not re.fullmatch(r"\s+", text[min(ea, eb) : words[i][0]]) or not re.fullmatch(
                    r"\s+", text[words[i][1] : max(sa, sb)]):
                continue
            if b == i + 1 and re.search(r"[.!?]\s*$", text[: sb]) or fold(wb) in entity_cues().speaker_roles:
                continue
            if b == i + 1 and b + 1 < len(words) and re.fullmatch(r"\s+", text[eb : words[b + 1][0]]) \
                    and parses(words[b + 1][2].lower(), "ru")[0].tag.POS == "NOUN" \
                    and parses(wb.lower(), "ru")[0].tag.POS == "ADJF":
                continue  # "Коля и Новый год": an adjective with its noun
            other = next((c for c in found if c.start <= sa and ea <= c.end), None)
            if other is None or b < a and re.search(r"(^|[.!?\n]\s*)$", text[: sb]) and other.label == "PER":
                continue
            if other.label == "CALLSIGN":
                out.append(_callsign(sb, eb, f"callsign: joined to another call sign ({UNSURE})", wb))
            else:
                out.append(unsure_person(sb, eb, f"person: joined to another name ({UNSURE})", wb))
    return out


_PATRONYMIC_NICKNAME = re.compile(r"(?:ыч|іч|ич)(?:а|у|ем|ом|е)?$")


def patronymic_nicknames(words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A patronymic used alone as a nickname, in any case and capitalisation ("степанычу отдай", "у Михалыча"),
    where pymorphy3 reads the form as a patronymic at all (not "кирпичу", "москвича")."""
    out = []
    for (start, end, word), key in zip(words, keys_of(words), strict=True):
        if len(key) < 6 or not _PATRONYMIC_NICKNAME.search(key) or not _free(start, end, taken):
            continue
        if any("Patr" in str(p.tag) and p.score >= 0.1 for p in parses(key, "ru")[:4]):
            out.append(unsure_person(start, end, f"person: a patronymic used as a nickname ({UNSURE})", word))
    return out


def dictated_repeats(text: str, taken: list[Candidate]) -> list[Candidate]:
    """A number said again digit by digit after it was written ("в/ч 54210. Запомнила? Пять, четыре, два, один,
    ноль"): the same label as the unit or phone number it repeats; and the end of a phone number read back in
    words ("Восемь, девятьсот семнадцать, триста, двадцать два, ноль пять. Записала? Да, триста, двадцать два, ноль
    пять"), five digits or more: a phone number (masked when unsure)."""
    found = {re.sub(r"\D", "", text[t.start : t.end]): t.label for t in taken if t.label in ("UNIT", "PHONE")}
    found = {digits: label for digits, label in found.items() if len(digits) >= 4}
    phones = {re.sub(r"\D", "", str(t.attributes.get("normal") or "")) for t in taken if t.label == "PHONE"}
    phones = {digits for digits in phones if len(digits) >= 7}
    out = []
    if phones:
        for start, end, readings in spoken_number_runs(text):
            if _free(start, end, taken) and any(
                    len(r) >= 5 and any(p.endswith(r) for p in phones) for r in readings):
                out.append(Candidate("PHONE", start, end, 0.7, f"phone: the end of a number given before, said "
                                     f"again ({UNSURE})", {"normal": readings[0]}))
    if not found:
        return out
    run: list[tuple[int, int, int]] = []
    for start, end, word in [*number_tokens(text), (len(text), len(text), "")]:
        value = digit_value(word) if word else None
        gap_ok = not run or re.fullmatch(r"[\s,.\-–—]*", text[run[-1][1] : start]) is not None
        if value is not None and gap_ok:
            run.append((start, end, value))
            continue
        digits = "".join(str(v) for _, _, v in run)
        if len(run) >= 4 and digits in found and _free(run[0][0], run[-1][1], taken):
            label = found[digits]
            out.append(Candidate(label, run[0][0], run[-1][1], 0.7, f"{label.lower()}: said again digit by digit",
                                 {"normal": digits}))
        run = [(start, end, value)] if value is not None else []
    return out


def ethnic_nicknames(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """An ethnic word used as a man's nickname ("а Бурят говорит", "у нас тут чечена обнулили"): singular,
    capitalised inside a sentence, or in a text with no capital letter bare before a finite verb (no adjective,
    numeral or pronoun before it: not "пленного чечена", not "один из них бурят"). A coded slur ("Хохол") counts
    only capitalised, and then it is masked although it is a coded term."""
    listed = cues.keys("ethnic_nicknames")
    lower_case_text = text == text.lower()
    out = []
    keys = keys_of(words)
    if listed.isdisjoint(keys):
        return out  # no ethnic word in the text
    for i, (start, end, word) in enumerate(words):
        key = keys[i]
        if key not in listed or not _free(start, end, taken):
            continue
        readings = [p for p in parses(key, language)[:3] if p.score >= 0.1]
        if not readings or not any(p.tag.number == "sing" and p.tag.POS == "NOUN" for p in readings):
            continue
        capital = word[:1].isupper() and word[1:].islower()
        if capital:
            if sentence_start(text, words, i) or i + 1 < len(words) and words[i + 1][2][:1].isupper() \
                    and not re.search(r"[.!?,;:—–]", text[end : words[i + 1][0]]):
                continue  # "Бурят Цыренов ..." is a name of its own; a sentence opener may be the word
            found = unsure_person(start, end, f"person: ethnic word capitalised as a nickname ({UNSURE})", word)
            found.over_code = True  # "а Хохол говорит": a man's nickname, though the word is a coded slur
            out.append(found)
            continue
        if not lower_case_text or key in cues.keys("side_enemy") \
                or not finite_verb_follows(text, words, i, language, 2):
            continue  # "хохла вчера взяли": in lower case a slur for the enemy is the enemy
        prev = words[i - 1] if i else None
        if prev is not None and _same_clause(text, prev, words[i]) and any(
                p.score >= 0.2 and (p.tag.POS in ("ADJF", "NUMR", "PRTF") or "Apro" in str(p.tag))
                for p in parses(prev[2].lower(), language)[:2]):
            continue  # "пленного чечена взяли", "одного бурята", "этого якута": a man of that people
        out.append(unsure_person(start, end, f"person: ethnic word used bare as a nickname ({UNSURE})", word))
    return out


def particle_names(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """A name whose second part is a Tuvan "оол" or a Turkic patronymic particle ("сарыг оол", "Сарыг-оол",
    "кара-оолу", "Рашид оглы"): the particle and the word before it in the same clause, as one person (masked when
    unsure: the word before may be an ordinary one); after a pronoun, a preposition or a verb, the particle alone."""
    particles = cues.keys("name_particles")
    out = []
    keys = keys_of(words)
    for i, (start, end, _word) in enumerate(words):
        key = keys[i]
        head, _, tail = key.rpartition("-")
        if tail in particles and head:
            first = start  # one hyphenated word: "сарыг-оол"
        elif key in particles and i and _same_clause(text, words[i - 1], words[i]) \
                and re.fullmatch(r"[\s-]+", text[words[i - 1][1] : start]):
            before = parses(keys[i - 1], language)[0].tag.POS
            first = start if before in _NOT_NAME or before == "PREP" else words[i - 1][0]
        else:
            continue
        if any(t.label == "PER" and t.start <= first and end <= t.end for t in taken):
            continue  # already one person
        out.append(unsure_person(first, end, f"person: a name with a Tuvan or Turkic second part ({UNSURE})",
                                 text[first:end]))
    return out


_IN_CHARGE = frozenset({"старшим", "старшій", "старшою", "старший", "старшая", "старшой"})
_SURNAME = r"(?:фамилия|прізвище)"
_SAID_SURNAME = re.compile(rf"\s*(?:[—–-]\s*)?(?:это|це)\s+{_SURNAME}\b", re.IGNORECASE)
_SURNAME_WORD = re.compile(_SURNAME, re.IGNORECASE)  # what _SAID_SURNAME needs: one quick search per text


def said_to_be_people(text: str, words: list[Word], language: str, taken: list[Candidate]) -> list[Candidate]:
    """Words the speaker says are a person: a noun after "с"/"з" and before "старшим" ("идут трое с монахом
    старшим": a call sign in charge), and a capitalised word said to be a surname ("Хохол — это фамилия у нас")."""
    out = []
    keys = keys_of(words)
    if _IN_CHARGE.isdisjoint(keys) and _SURNAME_WORD.search(text) is None:
        return out  # neither "старшим" nor "это фамилия" anywhere
    people_only = [t for t in taken if t.label != "LOC"]  # "Хохол" is also a village: said to be a surname here
    for i, (start, end, word) in enumerate(words):
        if len(word) < 3 or not _free(start, end, people_only):
            continue
        nxt = keys[i + 1 : i + 2]
        prev = keys[i - 1] if i else ""
        if keys[i] in entity_cues().speaker_roles and not _SAID_SURNAME.match(text, end):
            continue  # "с отцом старшим"; "Хохол — это фамилия" is said to be a surname, whatever the word is
        if prev in ("с", "со", "з", "із", "зі") and nxt[:1] and nxt[0] in _IN_CHARGE and any(
                p.tag.POS == "NOUN" and p.tag.case == "ablt" for p in parses(word.lower(), language)[:3]):
            out.append(_callsign(start, end, f"callsign: the one in charge (\"с X старшим\"; {UNSURE})", word))
        elif word[:1].isupper() and _SAID_SURNAME.match(text, end):
            found = unsure_person(start, end, f"person: said to be a surname ({UNSURE})", word)
            found.over_code = True  # "Хохол — это фамилия у нас такая": a surname, though also a coded slur
            out.append(found)
    return out
