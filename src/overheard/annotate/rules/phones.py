"""Phone numbers, typed in digits or dictated in words (ANNOTATION.md, Personal data: PHONE; issue 17).

Typed: "+7 (912) 345-67-89", "067 123 45 67", "067.123.45.67", "89123456789", and 7-digit local numbers after
"номер". Dictated: the number words of ``lexicons/entity_patterns.yaml`` in any grouping ("восемь девятьсот
двадцать восемь", "ноль шисят семь", "два нуля", "три семёрки", "восьмёрка"), mixed with digits; colloquial and
Surzhyk spellings are listed there, and an apostrophe, a soft sign, і/ї/и/ы, є/е/э and я/а are not told apart
("пʼять", "пять", "п'ять" are one word). A number broken by the listener's "ага", "так", "записуй", "дальше" or split
across turns is one number, masked piece by piece. Fail closed: a run of number words that reads as seven digits or
more and is no count, sum or distance ("... человек", "... тысяч") is masked as a phone even where nothing says it
is one, and its finding says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import pairwise

from overheard.annotate import cues
from overheard.annotate.rules.patterns import PatternMatch
from overheard.annotate.rules.phone_read_backs import ECHO, read_backs
from overheard.text import fold

__all__ = ["digit_value", "find_digit_phones", "find_word_phones", "number_tokens", "number_value"]


# ------------------------------------------------------------------------------------------ typed in digits

_PHONE_DIGITS = re.compile(r"(?<![\w+])(\+\s?)?\d(?:[\s().\-–]{0,3}\d){8,13}(?!\w)")
_LOCAL_PHONE = re.compile(r"(?<![\w+])\d{2,3}[\s-]\d{2}[\s-]\d{2}(?![\w-])|(?<![\w+])\d{7}(?!\w)")
# a date (with a time after it) is no phone number: "12.05.2023", "12.05.2023 18.30"
_DATE = re.compile(r"\d{1,2}\.\d{1,2}\.(?:\d{4}|\d{2})(?:\s+\d{1,2}[.:]\d{2})?")


def _valid_phone(digits: str, plus: bool) -> str | None:
    """Normalise a digit string to +CC... when it looks like a RU/UA/BY phone number."""
    if len(digits) == 11 and digits[0] in "78":
        return "+7" + digits[1:]
    if len(digits) == 12 and digits.startswith(("380", "375")):
        return "+" + digits
    if len(digits) == 10 and digits[0] == "0":
        return "+38" + digits
    if len(digits) == 10 and digits[0] == "9":
        return "+7" + digits
    if plus and 10 <= len(digits) <= 13:
        return "+" + digits
    return None


@lru_cache(maxsize=1)
def _phone_context_pattern() -> re.Pattern[str]:
    return re.compile(cues.regex("phone_cues") + r"[^\n]{0,25}$", re.IGNORECASE)


def _phone_context(text: str, start: int, reach: int = 40) -> bool:
    return bool(_phone_context_pattern().search(text[max(0, start - reach) : start]))


_DIGIT = re.compile(r"\d")
_SHORT_PHONE = re.compile(r"(?<![\w+/№#-])\d{3,4}(?![\w/-])(?![\s.,:–-]*\d)")


def _short_number_cue(text: str, start: int) -> bool:
    """A call to ring ("дзвоніть", "набери") within the 30 characters before ``start``, with no digit between."""
    before = text[max(0, start - 30) : start]
    return not re.search(r"\d", before) and any(
        fold(w) in cues.keys("short_number_cues") for w in re.findall(r"[^\W\d_]+", before))


def _count_follows(text: str, end: int) -> bool:
    """Whether a word that makes a number a count, a sum or a time follows it ("в 1900 часов", "300 рублей")."""
    after = re.match(r"[\s,]*([^\W\d_]+)", text[end : end + 30])
    return bool(after) and fold(after.group(1)) in _gap_words()[2]


def find_digit_phones(text: str) -> list[PatternMatch]:
    """Phone numbers written in digits with any of the usual separators (7-digit local ones after "номер", a short
    hotline number after "дзвоніть")."""
    if _DIGIT.search(text) is None:
        return []  # every pattern below reads digits
    out = [PatternMatch("PHONE", m.start(), m.end(), m.group(), "phone:short number after a call to ring", 0.6)
           for m in _SHORT_PHONE.finditer(text)
           if _short_number_cue(text, m.start()) and not _count_follows(text, m.end())]
    for match in _LOCAL_PHONE.finditer(text):
        if _phone_context(text, match.start()) and not re.search(r"\d[\s-]*$", text[: match.start()]):
            digits = re.sub(r"\D", "", match.group())
            out.append(PatternMatch("PHONE", match.start(), match.end(), digits, "phone:local", 0.75))
    for match in _PHONE_DIGITS.finditer(text):
        chunk = match.group()
        if _DATE.fullmatch(chunk):
            continue  # a date such as 12.05.2023 ("067.123.45.67" is a phone number)
        digits = re.sub(r"\D", "", chunk)
        normal = _valid_phone(digits, bool(match.group(1)))
        if normal:
            out = [m for m in out if not (m.start < match.end() and match.start() < m.end)]
            out.append(PatternMatch("PHONE", match.start(), match.end(), normal, "phone:digits"))
    return out


# --------------------------------------------------------------------------------------- dictated in words

_NUMBER_TOKEN = re.compile(r"\+|[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*|\d+", re.UNICODE)
_SAME_LETTERS = str.maketrans("іїыєэяю", "иииееау", "ьъ'’ʼ`")
_PUNCTUATION_GAP = re.compile(r"^[\s,.:;!?…\-–—()«»\"“”]*$")
_TIGHT_GAP = re.compile(r"^[\s\-–]*$")
_LIST_DASH = re.compile(r"\s[—–]\s")  # "сорок, три семёрки — шестнадцать": a list of counts, not one number
# the start of a phone number, said before the speaker breaks off: a UA operator code ("нуль дев'ять сім"), a RU
# mobile's "восемь девятьсот ...", or "плюс" and a country code ("плюс три сім п'ять, двадцять дев'ять...")
_PHONE_START = re.compile(r"0[3-9]\d|89\d")


def _skeleton(word: str) -> str:
    """A spelling key for number words: no apostrophe or soft sign, і/ї/ы as и, є/э as е, я as а, doubled letters
    once, "дц" as "ц" ("пʼять" = "пять", "двадцять" = "двацать", "одиннадцать" = "одинадцять")."""
    key = fold(word).translate(_SAME_LETTERS)
    return re.sub(r"(.)\1+", r"\1", key).replace("дц", "ц").replace("тц", "ц")


@lru_cache(maxsize=1)
def _number_words() -> dict[str, tuple[str, int]]:
    """Every dictated number word by its spelling key: (kind, value); kinds unit, teen, ten, hundred, digit noun."""
    out: dict[str, tuple[str, int]] = {}
    for kind, name in (("unit", "dictated_digits"), ("teen", "dictated_teens"), ("ten", "dictated_tens"),
                       ("hundred", "dictated_hundreds"), ("noun", "dictated_digit_nouns")):
        for word, value in cues.table(name).items():
            out[_skeleton(word)] = (kind, int(value))
    return out


@lru_cache(maxsize=50_000)
def _token_value(word: str) -> tuple[str, int] | None:
    """What a token is in a dictated number: ("digits", 0), ("plus", 0), (kind, value) of a number word, or None."""
    if word.isdigit():
        return ("digits", 0)
    w = fold(word)
    if w in cues.keys("dictated_plus"):
        return ("plus", 0)
    return _number_words().get(_skeleton(w))


def digit_value(word: str) -> int | None:
    """The digit a dictated word says ("пʼять", "нуль", "восьмёрка" → 5, 0, 8), None for any other word."""
    value = _token_value(word)
    return value[1] if value is not None and value[0] in ("unit", "noun") else None


def number_value(word: str) -> tuple[str, int] | None:
    """What a token says in a dictated number (("digits", 0), ("plus", 0), a number word's (kind, value)), or None."""
    return _token_value(word)


def number_tokens(text: str) -> list[tuple[int, int, str]]:
    """The tokens a dictated number is read from: "+", words (with apostrophes inside) and runs of digits."""
    return [(m.start(), m.end(), m.group()) for m in _NUMBER_TOKEN.finditer(text)]


_RUN_GAP = re.compile(r"[\s,.\-–—]*")


def spoken_number_runs(text: str) -> list[tuple[int, int, list[str]]]:
    """Runs of three or more number words with only spaces and punctuation between them, each as (start, end, its
    digit readings by :func:`_compose`: "триста, двадцать два, ноль пять" → "3002205", ...): what a number said
    again is read from."""
    out = []
    run: list = []
    for token in [*number_tokens(text), (len(text), len(text), "")]:
        value = _token_value(token[2]) if token[2] else None
        if value is not None and value[0] not in ("hundred", "ten", "teen", "unit", "noun"):
            value = None  # typed digits are the digit patterns' to read
        elif value is not None:
            value = _item_value(token, value)  # a digit noun ("семёрка") is a unit
        if value is not None and (not run or _RUN_GAP.fullmatch(text[run[-1][0][1] : token[0]])):
            run.append((token, value))
            continue
        if len(run) >= 3:
            breaks = {k for k in range(1, len(run)) if "," in text[run[k - 1][0][1] : run[k][0][0]]}
            out.append((run[0][0][0], run[-1][0][1], _compose(run, breaks)))
        run = [(token, value)] if value is not None else []
    return out


@lru_cache(maxsize=1)
def _gap_words() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """Fillers a number may be broken by, corrections inside it, the words after a run that make it a count, and the
    words before it that make it a grid reference or a frequency."""
    return (cues.keys("dictated_fillers"), cues.keys("dictated_corrections"), cues.keys("dictated_not_after"),
            cues.keys("dictated_not_before"))


@dataclass
class _Chain:
    """Number tokens read as one dictated number: its items (token, (kind, value)), the item indices after a
    break (a comma, a line, the listener's filler), the item indices that start a new piece (after a filler),
    the index of the token after it, and the words of the listener's read-backs it passed over."""

    items: list
    breaks: set[int]
    pieces: list[int]
    after: int
    echoes: list = field(default_factory=list)  # the listener's read-backs inside it, (start, end) of each word


def find_word_phones(text: str, codes: list[tuple[int, int]] | tuple = ()) -> list[PatternMatch]:
    """Phone numbers dictated in words (mixed with digits), with fillers and corrections inside them.

    ``codes`` are the spans of coded casualty terms ("двести", "триста"): a run of number words is masked for its
    length alone (fail closed) only where it is as long as a phone number, if it holds one of them.
    """
    tokens = number_tokens(text)
    values = [_token_value(t[2]) for t in tokens]
    if sum(1 for v in values if v is not None and v[0] not in ("digits", "plus")) < 2 and not _digit_pieces(values):
        return []
    tokens, values = _repeats(text, tokens, values)
    found = _word_phones(text, tokens, values, codes)
    heard = read_backs(text, tokens, values)
    if heard == values:
        return found
    # a number the listener reads back piece by piece ("— Сто двенадцать. — Сто двенадцать, так."): read again
    # with each read-back passed over, and both readings masked (fail closed)
    again = _word_phones(text, tokens, heard, codes)
    return sorted(again + [m for m in found if not any(m.start < a.end and a.start < m.end for a in again)],
                  key=lambda m: m.start)


def _word_phones(text: str, tokens: list, values: list, codes) -> list[PatternMatch]:
    """:func:`find_word_phones` over tokens read already (``values``: a number word's kind and value, or None)."""
    out: list[PatternMatch] = []
    pending: _Chain | None = None
    pending_found: list[PatternMatch] = []  # what a broken-off start in ``pending`` was masked as on its own
    i = 0
    while i < len(tokens):
        if values[i] is None or values[i][0] == ECHO:
            i += 1
            continue
        chain = _chain(text, tokens, values, i)
        found = _phone(text, tokens, chain, codes)
        sure = bool(found) and found[0].rule in ("phone:words", "phone:words in pieces")
        # a piece before it may belong to it: "нуль шістдесят сім, є? далі сто двадцять три сорок п'ять шістдесят сім"
        joined = _joined(text, tokens, pending, chain, bool(found), bool(pending_found)) if pending and not sure else []
        if joined:
            out = [m for m in out if m not in pending_found] + joined
            pending, pending_found = None, []
        elif found and found[0].rule == _PARTIAL:
            # the start of a number may be finished after another word or two: "нуль девʼяносто пʼять ага далі сто
            # двадцять три, ага і сорок сорок" (the last piece, two words alone, is the end of that number)
            out += found
            pending, pending_found = chain, found
        elif found:
            out += found
            pending, pending_found = None, []
        elif _words(chain) >= 2:
            pending, pending_found = chain, []
        i = chain.after
    return out


def _digit_pieces(values: list) -> bool:
    """Whether the text has two or more runs of digits: a typed number split by the listener may be there."""
    return sum(1 for v in values if v is not None and v[0] == "digits") >= 2


def _repeats(text: str, tokens: list, values: list) -> tuple[list, list]:
    """"два нуля", "три семёрки": a count word before a digit noun says the digit that many times; the two tokens
    become one, whose value is the repeated digits."""
    out_tokens, out_values = [], []
    i = 0
    while i < len(tokens):
        count = values[i]
        noun = values[i + 1] if i + 1 < len(tokens) else None
        if count is not None and count[0] == "unit" and 2 <= count[1] <= 4 and noun is not None \
                and noun[0] == "noun" and _TIGHT_GAP.match(text[tokens[i][1] : tokens[i + 1][0]]):
            start, end = tokens[i][0], tokens[i + 1][1]
            out_tokens.append((start, end, str(noun[1]) * count[1]))
            out_values.append(("repeat", 0))
            i += 2
            continue
        out_tokens.append(tokens[i])
        out_values.append(values[i])
        i += 1
    return out_tokens, out_values


def _chain(text: str, tokens: list, values: list, i: int) -> _Chain:
    """The longest dictated number from token ``i``: number tokens with nothing between them but punctuation, up to
    four of the listener's fillers ("ага", "записуй", "дальше") or a correction ("не", "точнее")."""
    fillers, corrections, *_ = _gap_words()
    items = [(tokens[i], _item_value(tokens[i], values[i]))]
    breaks: set[int] = set()
    pieces = [0]
    echoes: list[tuple[int, int]] = []
    j = i
    while True:
        k = j + 1
        between: list[str] = []
        heard: list[tuple[int, int]] = []
        while k < len(tokens) and (values[k] is None or values[k][0] == ECHO) and len(between) <= 4:
            if values[k] is None:
                between.append(fold(tokens[k][2]))
            else:
                heard.append(tokens[k][:2])
            k += 1
        if k >= len(tokens) or len(between) > 4 or values[k][0] == "plus":
            break
        gap = text[tokens[j][1] : tokens[k][0]]
        if not between and not heard:
            if not _PUNCTUATION_GAP.match(gap) or _LIST_DASH.search(gap) and not _digit_by_digit(
                    items, values[k]) and not _phone_context(text, items[0][0][0]):
                break
            if not _TIGHT_GAP.match(gap):
                breaks.add(len(items))
            items.append((tokens[k], _item_value(tokens[k], values[k])))
            j = k
            continue
        joiners = cues.keys("dictated_joiners")
        if any(w not in fillers and w not in corrections and w not in joiners for w in between) or all(
                w in joiners for w in between) and between or not _gap_punctuation_only(text, tokens, j, k):
            break
        echoes += heard
        if any(w in corrections for w in between):
            items.append(((tokens[k][0], tokens[k][0], ""), ("correction", 0)))
        else:
            breaks.add(len(items))
            pieces.append(len(items))
        items.append((tokens[k], _item_value(tokens[k], values[k])))
        j = k
    while items and items[-1][1][0] == "correction":
        items.pop()
    return _Chain(items, breaks, pieces, j + 1, _echo_after(tokens, values, j + 1, echoes))


def _echo_after(tokens: list, values: list, k: int, echoes: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """``echoes`` and the listener's read-back of the chain's last piece right after it ("— Сорок пять. — Сорок
    пять, записала.")."""
    while k < len(tokens) and values[k] is not None and values[k][0] == ECHO:
        echoes = [*echoes, tokens[k][:2]]
        k += 1
    return echoes


def _digit_by_digit(items: list, value: tuple[str, int]) -> bool:
    """Whether a dash between the chain so far and the next word parts single digits said one by one ("нуль —
    девʼять — сім"), not counts in a list ("три семёрки — шестнадцать")."""
    return value[0] == "unit" and items[-1][1][0] in ("unit", "plus")


def _item_value(token: tuple[int, int, str], value: tuple[str, int]) -> tuple[str, int | str]:
    """A chain item's value: digit runs and repeated digits as their digit strings, a digit noun as a unit."""
    kind, number = value
    if kind == "digits":
        return ("digits", token[2])
    if kind == "repeat":
        return ("digits", token[2])
    if kind == "noun":
        return ("unit", number)
    return (kind, number)


def _gap_punctuation_only(text: str, tokens: list, j: int, k: int) -> bool:
    """Whether only punctuation and spaces stand between the words from token ``j`` to token ``k``."""
    position = tokens[j][1]
    for start, end, _ in tokens[j + 1 : k]:
        if not _PUNCTUATION_GAP.match(text[position:start]):
            return False
        position = end
    return bool(_PUNCTUATION_GAP.match(text[position : tokens[k][0]]))


def _words(chain: _Chain) -> int:
    """How many number words (not digits, "плюс" or corrections) a chain holds."""
    return sum(1 for _, (kind, _v) in chain.items if kind not in ("digits", "plus", "correction"))


_FAIL_CLOSED = "phone:words (fail closed: a long run of number words may be a phone)"


def _phone(text: str, tokens: list, chain: _Chain, codes) -> list[PatternMatch]:
    """The pieces of ``chain`` when it is a phone number: a valid one, a local one after a cue, or (fail closed)
    a long run of number words."""
    items = chain.items
    numbers = [it for it in items if it[1][0] != "correction"]
    words = _words(chain)
    typed_only = words == 0  # digits alone: the digit pattern's, unless a filler or a comma splits them
    if len(numbers) < 2 or (typed_only and not chain.breaks) or (words and words < 3 and len(numbers) < 3):
        return []
    readings = _compose(items, chain.breaks)
    plus = items[0][1][0] == "plus"
    normal = next((n for n in (_valid_phone(d, plus) for d in readings) if n), None)
    start = items[0][0][0]
    rule, score = ("phone:words", 0.85) if len(chain.pieces) == 1 else ("phone:words in pieces", 0.8)
    if normal is None and not typed_only:
        digits = readings[0]
        if 7 <= len(digits) <= 13 and _phone_context(text, start):
            normal = digits  # a local number dictated after "номер"
        elif _fail_closed(tokens, chain, readings, codes):
            normal, rule, score = digits, _FAIL_CLOSED, 0.6
    if normal is None and _partial(text, chain, readings, words):
        normal, rule, score = readings[0], _PARTIAL, 0.6
    if normal is None:
        return []
    return [PatternMatch("PHONE", start, end, normal, rule, score) for start, end in _spans(chain)]


def _spans(chain: _Chain) -> list[tuple[int, int]]:
    """What is masked of a chain: its pieces, and each word of a read-back inside it or right after it."""
    return [(piece[0][0][0], piece[-1][0][1]) for piece in _split(chain)] + list(chain.echoes)


_PARTIAL = "phone:words (the start of a number the speaker broke off; masked when unsure)"
_PHONE_CUE_ANYWHERE = 100


@lru_cache(maxsize=1)
def _any_phone_cue() -> re.Pattern[str]:
    return re.compile(cues.regex("phone_cues"), re.IGNORECASE)


def _partial(text: str, chain: _Chain, readings: list[str], words: int) -> bool:
    """The start of a phone number dictated in words that breaks off ("Номер у тебе є? Плюс три сім пʼять, двадцять
    девʼять... а, ти знаєш"): three numbers or more, two of them words, reading as "плюс" and a country code or a
    mobile's start (a UA operator code "0XX", a RU "89X"), with a phone cue ("номер", "набери") in the 100
    characters before it."""
    if words < 2 or len([it for it in chain.items if it[1][0] not in ("plus", "correction")]) < 3:
        return False
    plus = chain.items[0][1][0] == "plus"
    if len(readings[0]) < 3 or not (plus or _PHONE_START.match(readings[0])):
        return False
    start = chain.items[0][0][0]
    return bool(_any_phone_cue().search(text[max(0, start - _PHONE_CUE_ANYWHERE) : start]))


def _fail_closed(tokens: list, chain: _Chain, readings: list[str], codes) -> bool:
    """A run of three or more numbers, words among them, reading as seven digits or more, no count or sum ("...
    человек", "... тысяч" after it), no grid reference or frequency ("координати ...", "частоту ..." before it);
    holding a coded casualty term ("двести", "триста"), it must read as long as a phone number."""
    numbers = [it for it in chain.items if it[1][0] not in ("plus", "correction")]
    if len(readings[0]) < 7 or len(numbers) < 3 or _words(chain) < 1:
        return False
    _, _, not_after, not_before = _gap_words()
    nxt = chain.after
    if nxt < len(tokens) and fold(tokens[nxt][2]) in not_after:
        return False
    first = next(k for k, t in enumerate(tokens) if t[0] == chain.items[0][0][0])
    if any(fold(t[2]) in not_before for t in tokens[max(0, first - 6) : first]):
        return False  # "координати сорок вісім ...", "частоту сто пятьдесят три триста"
    start, end = chain.items[0][0][0], chain.items[-1][0][1]
    return max(map(len, readings)) >= 10 or not any(start < e and s < end for s, e in codes)


def _split(chain: _Chain) -> list[list]:
    """The pieces of a chain: the items between the listener's fillers (corrections stay inside a piece)."""
    bounds = [*chain.pieces, len(chain.items)]
    pieces = [[it for it in chain.items[a:b] if it[1][0] != "correction"] for a, b in pairwise(bounds)]
    return [p for p in pieces if p]


def _joined(text: str, tokens: list, first: _Chain, second: _Chain, second_found: bool,
            first_found: bool = False) -> list[PatternMatch]:
    """A number dictated in two pieces with a few other words between them ("плюс семь девятьсот шестнадцать,
    записала? дальше триста восемь сорок два ноль один"): both pieces, when together they make a phone number and
    the first starts with "плюс", a mobile's start or follows a phone cue ("номер", "звони"), or either piece is a
    phone number on its own (a local one, one masked to fail closed, or the first a broken-off start; then the
    second must be two number words or more, and the two pieces read plainly, group after group, a whole number)."""
    between = [t for t in tokens if first.items[-1][0][1] <= t[0] and t[1] <= second.items[0][0][0]]
    if len(between) > 4 or any(_token_value(t[2]) for t in between):
        return []
    plus = first.items[0][1][0] == "plus"
    items = first.items + second.items
    readings = _compose(items, first.breaks | {len(first.items)} | {len(first.items) + b for b in second.breaks})
    mobile = any(r.startswith(("89", "380", "375")) for r in readings)
    if not (plus or mobile or second_found or first_found or _phone_context(text, first.items[0][0][0], 80)):
        return []
    if first_found:  # the end of a broken-off start: two words or more, and the plain reading a whole number
        if _words(second) < 2:
            return []
        readings = readings[:1]
    normal = next((n for n in (_valid_phone(d, plus) for d in readings) if n), None)
    if normal is None:
        return []
    return [PatternMatch("PHONE", start, end, normal, "phone:words in pieces", 0.8)
            for chain in (first, second) for start, end in _spans(chain)]


def _compose(items: list, breaks: set[int]) -> list[str]:
    """The digits of a dictated number, its groups concatenated ("девятьсот двенадцать" → "912").

    One reading, or several where the speaker corrects himself ("тридцать, пятьсот... не, тридцать, пятьдесят"):
    the correction replaces the group before it, or as many groups as are said after it. Where the groups are set
    apart ("семьдесят, один, четыре"; a filler between them), the readings where a break ends a group (before a
    unit only, or always) follow the plain one; last come the readings where a digit after a ten or a hundred is a
    group of its own ("двісті двадцять | п'ять" is 2205, not 225).
    """
    readings = _compose_with(items, set())
    units = {i for i in range(1, len(items)) if items[i][1][0] == "unit" and items[i][1][1] != 0}
    after_ten = {i for i in units if items[i - 1][1][0] == "ten"}
    after_hundred = {i for i in units if items[i - 1][1][0] in ("ten", "hundred")}
    for chosen in ({i for i in breaks if i in units}, breaks, after_ten | breaks, after_hundred | breaks):
        if chosen:
            readings += [r for r in _compose_with(items, chosen) if r not in readings]
    return readings


def _compose_with(items: list, breaks: set[int]) -> list[str]:
    """:func:`_compose` with a new group started at each item index in ``breaks``."""
    groups: list[str] = []
    current: int | None = None
    stage = 0  # 3 after hundreds, 2 after tens, 1 after units/teens
    corrections: list[int] = []  # the group count at each correction
    for index, (_, (kind, value)) in enumerate(items):
        if index in breaks:
            stage = 0
        if kind == "plus":
            continue
        if kind in ("correction", "digits"):
            if current is not None:
                groups.append(str(current))
                current = None
            if kind == "correction":
                corrections.append(len(groups))
            else:
                groups.append(str(value))
            stage = 0
            continue
        rank = {"hundred": 3, "ten": 2, "teen": 1, "unit": 1}[kind]
        # a ten or a teen only continues a hundred ("девятьсот двенадцать"); a unit continues either; a
        # hundred always starts a group
        joins = stage == 3 if kind in ("ten", "teen") else stage in (2, 3) and kind == "unit"
        if current is not None and joins and value != 0:
            current += int(value)
        else:
            if current is not None:
                groups.append(str(current))
            current = int(value)
        stage = rank if kind != "teen" else 1
        if kind == "unit" and value == 0:
            groups.append("0")
            current, stage = None, 0
    if current is not None:
        groups.append(str(current))
    readings = [groups]
    for at in reversed(corrections):  # the correction replaces one group, or as many as are said after it
        readings = [g[: max(0, at - drop)] + g[at:] for g in readings for drop in range(1, max(1, len(g) - at) + 1)]
    return ["".join(g) for g in readings]
