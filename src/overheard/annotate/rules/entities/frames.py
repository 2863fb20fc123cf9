"""Call-sign frames: the words of radio procedure and of talk about people around a word make it a call sign, whatever
the word is (ANNOTATION.md, Personal data, CALLSIGN; branch callsign19).

Call signs leaked to new authors because the rules knew the word and not the frame. A call sign is any word (an animal,
a tool, an adjective, a town, a number, a foreign word in Cyrillic or Latin script), so here the frame decides, in
cased text and in lower-case speech-to-text alike. Leaking is far worse than over-masking, so a word in one of these
frames is masked when unsure, and its explanation says so:

- **radio procedure**: the station before "на связи", "приём", "ответь", "как слышишь", "работай", "на связь" ...
  (``frame_station_after``); the one called after "вызываю" and the one calling before "вызывает"
  (``frame_calling_verbs``); the speaker after "я" or after "это" past the station called, before what a station says
  (``frame_procedure_next``: "Я Гром, работаю", "егерь это лысый подтверди"); "Говорит Гром"; the station answered
  after "принял", "зрозумів", "как слышишь" (``frame_acknowledge``); "Ива для Кремня: ...";
- **talk about people**: a bare word opening a clause before a verb only a person does (``frame_person_verbs``:
  "вчера стриж звонил", "Смарагд знає, де я") or, in a call between soldiers, a soldier's move
  (``frame_person_moves``: "Кремень ушёл на точку"); a dative after a verb of telling ("дай трубку грабу", "передай
  пугачові"); "у X" before a casualty code; "от/про X" before "ничего не слышно" (``frame_about_after``); "с X"
  before "связи нет" (``frame_with_after``); a group's leader ("группа Лося", ``frame_groups``); an animate
  accusative after a verb whose object is a person ("знайди багнета", ``frame_person_objects``); "X, ты где?"; a
  word before a casualty code ("Delta двухсотый"); the name in "його Reaper кличуть" (``frame_name_verbs``);
- **lists of people**: after "Старший группы —", "Раненые:", "На точке сейчас:" each name of the list, a place name
  included; in lower-case text a bare word after "старший групи", "веде", "прикриває" (``frame_list_leads``);

and the other words coordinated with a word so found ("Мортира и Пика прикрывают", "передай сонному і сто першому").
Ordinals take the number words before them ("сто першому", "Двести первый": a station over the coded word), and a
number after a hyphen goes with the call sign ("Лось-7"). Words that stand there without being anyone never fill a
frame: pronouns and other closed-class words, kinship, endearment, role and radio words, bodies of people, idioms
("бог знает", ``frame_not_fillers``). The lists are data (``entity_cues.yaml``, the ``frame_*`` lists).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.counts import number_tables
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.morph import grammemes, stem_key
from overheard.annotate.rules.entities.recall import number_word
from overheard.annotate.rules.entities.slots import (
    CLOSED_CLASS,
    covered,
    in_quotes,
    opens_turn,
    ordinal,
    personal_words,
    readings,
    slot_lists,
    talk_kind,
)
from overheard.annotate.rules.entities.word_grammar import top_pos
from overheard.annotate.rules.entities.words import Word, entity_cues, role_label, speaker_label_spans
from overheard.annotate.rules.words import Words, words_of
from overheard.text import parses

UNSURE = "fail closed: masked because it stands where only a call sign or a name stands"
_LATIN = re.compile(r"[A-Za-z]{2,}")
_CYRILLIC = re.compile(r"[а-яёіїєґ]+(?:['’ʼ-][а-яёіїєґ]+)*", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…\n]")
_CLAUSE_BREAK = re.compile(r"[.!?…\n,;:—–]|(?<!\w)-(?!\w)")
_ENDS_CLAUSE = re.compile(r"\s*(?:[,.!?;:…—–]|$)")
_SUFFIX = re.compile(r"-\d{1,3}\b")
_GAP = re.compile(r"[\n.!?…,;:—–-]")
_NOMINATIVE = frozenset({"nomn", "voct"})
_AND = frozenset({"и", "і", "та", "й", "да"})
_WITH = frozenset({"с", "со", "з", "із", "зі"})
_ABOUT = frozenset({"от", "від", "про", "о", "об", "за"})
_SELF = frozenset({"я"})
_THIS = frozenset({"это", "це"})
_SPEAKS = frozenset({"говорит", "говорить"})
_YOU = frozenset({"ты", "ти", "вы", "ви"})
_WHERE = frozenset({"где", "де", "как", "як", "живой", "живий", "слышишь", "чуєш", "там", "куда", "куди", "чего",
                    "чого"})
_ADDRESS_PRONOUNS = frozenset({"тебя", "тебе", "вас"})
_HIS = frozenset({"его", "його", "меня", "мене", "ее", "её", "її", "их", "їх", "все", "всі", "тут", "там"})
_TO = frozenset({"к", "ко", "до"})
_GO = frozenset({"пойдешь", "пойдёшь", "сходи", "сходишь", "зайди", "зайдешь", "зайдёшь", "подойди", "піди", "підеш",
                 "зайдеш", "сходиш"})
_HANDSET = frozenset({"трубку", "слухавку", "телефон"})
_GIVE = frozenset({"дай", "дайте", "передай", "передайте", "отдай", "віддай", "дати"})
_SKIPPABLE = frozenset({"опять", "знову", "так", "тоже", "теж", "уже", "вже", "не", "ещё", "еще", "ще", "сам", "сейчас",
                        "зараз", "вчера", "вчора", "сегодня", "сьогодні", "только", "тільки", "всё", "все"})
_WITH_OWN = frozenset({"своими", "своїми", "ребятами", "хлопцями", "пацанами", "нашими"})
_ME = frozenset({"мной", "мною", "нами"})
_YOU_ALL = frozenset({"ты", "ти", "тебя", "тебе", "тобі", "тобой", "тобою", "вы", "ви", "вас", "вам", "твой", "твій",
                      "мам", "мама", "мамо", "пап", "папа", "тато", "батя", "бать", "сынок", "синку", "брат", "брате"})
_ON_AIR_PHRASES = frozenset({("на", "связи"), ("на", "связь"), ("на", "зв'язок"), ("на", "зв'язку"), ("на", "связі")})
_AT = frozenset({"в", "у", "на"})
_CALLED = frozenset({"позывной", "позивний"})
_CALLED_SKIP = frozenset({"у", "него", "нього", "меня", "мене", "неё", "неї", "её", "такой", "такий", "теперь", "тепер",
                          "его", "його", "был", "був"})
_ON_AIR = frozenset({"связи", "зв'язку", "связі"})
_COLON_ONLY_LEADS = frozenset({"сейчас", "зараз", "связи", "зв'язку", "группе", "групі", "состав", "склад"})


@lru_cache(maxsize=1)
def _lists() -> dict:
    """The folded cue words and phrases of the frames (built once from ``entity_cues.yaml``)."""
    cue = entity_cues()
    after = frozenset(cues.phrases("frame_station_after"))
    procedure = frozenset(cues.phrases("frame_procedure_next"))
    about = frozenset(cues.phrases("frame_about_after"))
    with_after = frozenset(cues.phrases("frame_with_after"))
    return {
        "after": after, "after_first": frozenset(p[0] for p in after),
        "procedure": procedure, "procedure_or_after": procedure | after,
        "about": about, "with": with_after,
        "calling": cues.keys("frame_calling_verbs"),
        "ack": cues.keys("frame_acknowledge"),
        "verbs": cues.keys("frame_person_verbs"),
        "moves": cues.keys("frame_person_moves"),
        "objects": cues.keys("frame_person_objects"),
        "groups": cues.keys("frame_groups"),
        "leads": cues.keys("frame_list_leads"),
        "names": cues.keys("frame_name_verbs"),
        "telling": cues.keys("slot_callee_verbs") | cue.address_verbs,
        "asking": cues.keys("slot_asking_verbs"),
        "openers": cues.keys("slot_clause_openers", "call_openers"),
        "positions": cues.keys("soldier_talk_words", "radio_nouns"),
        "never": slot_lists()["never"] | cue.speaker_roles | cue.not_person
        | cues.keys("frame_not_fillers", "speaking_things", "radio_nouns", "soldier_talk_words", "side_enemy",
                    "not_code_vehicle"),
        "talking_to": cues.keys("endearments", "not_address_callsigns") | cue.not_person,
        "things": cues.keys("speaking_things"),
        "enders": cues.keys("frame_turn_enders"),
    }


@lru_cache(maxsize=1)
def _cue_words() -> frozenset[str]:
    """Every word that opens a frame of :meth:`_Frame.cued` (most words open none: one set test passes them by)."""
    lists = _lists()
    return frozenset().union(
        lists["after_first"], lists["calling"], _SELF, _THIS, _SPEAKS, lists["ack"], lists["verbs"], lists["moves"],
        lists["telling"], _GIVE, _TO, {"у", "в", "для"}, _ABOUT, _WITH, lists["groups"], lists["objects"],
        lists["leads"], lists["names"], _YOU, _CALLED, _ME, lists["asking"])


def frame_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                    codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Words in a call-sign frame that ``taken`` (the entities found so far) leaves readable, as CALLSIGN candidates
    masked when unsure (module docstring); ``codes`` are the spans of coded casualty terms."""
    words = words_of(text, words)
    n = len(words)
    if n < 2:
        return []
    frame = _Frame(text, words, language, codes, covered(words, [t for t in taken if t.label == "LOC"]))
    picked = frame.find()
    if not picked:
        return []
    personal = personal_words(words, taken)
    out = []
    spans = []
    for a, (b, why) in sorted(picked.items()):
        k = a
        while k <= b:  # the words of the call sign no other finding covers ("сто" of "сто первый" the model took)
            if personal[k]:
                k += 1
                continue
            last = k
            while last + 1 <= b and not personal[last + 1]:
                last += 1
            spans.append((k, last, why, a < b))
            k = last + 1
    for a, b, why, numbered in spans:
        start, end = words[a][0], words[b][1]
        suffix = _SUFFIX.match(text, end)
        if suffix:
            end = suffix.end()  # "Лось-7": the number goes with the call sign
        word = text[start:end]
        found = unsure_callsign(start, end, f"callsign: {why} ({UNSURE})",
                                listed_callsign(word, language) or word[:1].upper() + word[1:])
        found.over_code = numbered  # "Двести первый": a numbered station over the coded word
        out.append(found)
    return out


def with_number_suffixes(text: str, chosen: list[Candidate]) -> list[Candidate]:
    """``chosen`` with each call sign or name followed by a hyphen and a number taking the number ("Лось-7",
    "Тарас-3": the number is part of the call sign, whichever rule found the word)."""
    out = []
    for c in chosen:
        suffix = _SUFFIX.match(text, c.end) if c.label in ("CALLSIGN", "PER") else None
        if suffix and not any(o is not c and o.start < suffix.end() and c.end < o.end for o in chosen):
            c = replace(c, end=suffix.end(), attributes=dict(c.attributes))
        out.append(c)
    return out


class _Frame:
    """The frames of one text: which words they pick (:meth:`find`)."""

    def __init__(self, text: str, words: Words, language: str, codes: list[tuple[int, int]],
                 places: list[bool] | None = None) -> None:
        self.text, self.words, self.language = text, words, language
        self.keys = words.keys
        self.n = len(words)
        self.cased = words.has_upper
        self.lists = _lists()
        self.kind = talk_kind(words, codes)
        # talk about people by name is read in calls (speech-to-text, someone addressed, a call between soldiers), not
        # in news ("Пентагон попросил", "Режиссер рассказал")
        self._talk: bool | None = None
        # "передай Чёрному, пусть выходит на связь": someone who is to come on the air is a soldier
        self.on_air = "на" in words.key_set and any(
            self.phrase_at(i, _ON_AIR_PHRASES) for i in range(self.n) if self.keys[i] == "на")
        self.code_at = covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes])
        self.picked: dict[int, tuple[int, str]] = {}
        # a place the gazetteer read is a place where people are talked about ("у Крынок трое", "знаешь Улан-Удэ"),
        # though a station on the radio may be named like one
        self.places = places or [False] * self.n

    @property
    def talk(self) -> bool:
        """Whether the text is a call, where people are talked about by name: speech-to-text, a call between soldiers,
        someone addressed ("ты", "мам"), or a speaker saying what they or we do ("выходим", "звоню") outside quotes;
        not news ("Пентагон попросил", "Режиссер рассказал", "Москва и Вашингтон договорились")."""
        if self._talk is None:
            keys = self.words.key_set
            self._talk = bool(self.kind) or not self.cased or not _YOU_ALL.isdisjoint(keys) \
                or not self.lists["talking_to"].isdisjoint(keys) or any(
                    _personal_verb(k, self.language) and not in_quotes(self.text, w[0])
                    for k, w in zip(self.keys, self.words, strict=True))
        return self._talk

    # ---------------------------------------------------------------------------------------------- word tests
    def between(self, i: int) -> str:
        """What stands between word ``i - 1`` and word ``i``."""
        return self.text[self.words[i - 1][1] : self.words[i][0]] if i else self.text[: self.words[0][0]]

    def clause_start(self, i: int) -> bool:
        """Whether word ``i`` opens a clause: the text, after punctuation, after a clause opener, a conjunction, a
        particle or an adverb, or (speech-to-text, where no comma ends the clause before) after a finite verb."""
        if i == 0 or _CLAUSE_BREAK.search(self.between(i)) is not None or self.keys[i - 1] in self.lists["openers"]:
            return True
        return _opens_after(self.keys[i - 1], self.language, not self.cased)

    def filler(self, i: int, cases: frozenset[str] | None = None, *, plural: bool = False, strict: bool = True,
               adjective: bool = True) -> bool:
        """Whether word ``i`` can be a call sign here: a noun (or, with ``adjective``, a masculine adjective or an
        ordinal), a word no dictionary knows or a Latin word, in one of ``cases``; never a word of ``never``.
        ``strict`` rules out a word with a likely closed-class reading ("пила" the verb stays out only then)."""
        word, key = self.words[i][2], self.keys[i]
        if _LATIN.fullmatch(word):
            return True
        numbered = i and is_ordinal(key, self.language) and _number(self.keys[i - 1], self.language)
        if len(key) < 2 or not _CYRILLIC.fullmatch(word) or key in self.lists["never"] and not numbered \
                or self.code_at[i]:
            return False  # "двадцять другий" is a numbered call sign, though "другий" alone may be "another"
        if cases is not None and "datv" in cases and key.endswith(("ові", "еві", "єві")):
            cases = cases | {"loct"}  # "пугачові": the Ukrainian dictionary tags some of these datives locative only
        return _fills(word, self.language, cases, plural, strict, adjective)

    def run(self, i: int) -> int:
        """The first word of the call sign ending at word ``i``: the number words before an ordinal."""
        a = i
        if is_ordinal(self.keys[i], self.language):
            while a > 0 and i - a < 3 and _number(self.keys[a - 1], self.language) \
                    and not self.between(a).strip():
                a -= 1
        return a

    def extent(self, t: int) -> int | None:
        """The last word of a call sign starting at word ``t``: ``t`` itself, or the ordinal ending a run of number
        words ("двадцять другий", "сто першому"); None for number words with no ordinal after them."""
        end = t
        while end < self.n and end - t < 3 and _number(self.keys[end], self.language) \
                and not is_ordinal(self.keys[end], self.language):
            end += 1
        if end == t:
            return t
        if end < self.n and is_ordinal(self.keys[end], self.language) and not self.between(end).strip():
            return end
        return None

    def pick(self, i: int, why: str) -> None:
        a = self.run(i)
        if a not in self.picked and not any(x <= i <= y for x, (y, _) in self.picked.items()):
            self.picked[a] = (i, why)

    def phrase_at(self, i: int, phrases: frozenset[tuple[str, ...]]) -> int:
        """The length of the longest phrase of ``phrases`` starting at word ``i`` (0: none)."""
        best = 0
        for length in (1, 2, 3, 4):  # "не выходит на связь" is four
            if i + length <= self.n and tuple(self.keys[i : i + length]) in phrases:
                best = length
        return best

    def procedure_after(self, i: int) -> bool:
        """Whether what follows word ``i`` is what a station says ("работаю", "приём", "как слышишь", ...) or, in
        cased text, the end of a clause."""
        if i + 1 < self.n and self.phrase_at(i + 1, self.lists["procedure_or_after"]):
            return True
        if i + 1 >= self.n or "\n" in self.between(i + 1):
            return True
        return self.cased and _ENDS_CLAUSE.match(self.text, self.words[i][1]) is not None

    # ------------------------------------------------------------------------------------------------ the frames
    def find(self) -> dict[int, tuple[int, str]]:
        """Every word a frame picks, as ``{first word: (last word, why)}``."""
        keys = self.keys
        starts = [w[0] for w in self.words]
        breaks = {bisect_right(starts, m.start()) for m in _GAP.finditer(self.text)}  # words after punctuation
        cue_words = _cue_words()
        for i in range(self.n):
            key = keys[i]
            if key in cue_words:
                self.cued(i, key)
            if i + 1 < self.n and (i == 0 or i in breaks):
                self._caller_and_callee(i)  # only where a line or a clause may start
            if self.code_at[i] and i and not self.code_at[i - 1]:
                self._casualty(i)
        if self.cased:
            self._speakers()
        if self.picked:
            self._coordinated()
            self._other_forms()
        return self.picked

    def cued(self, i: int, key: str) -> None:
        """The frames word ``i`` (folded ``key``, one of :func:`_cue_words`) opens, in the order they pick."""
        lists = self.lists
        if key in lists["after_first"]:
            self._station_before(i)
        if key in lists["calling"]:
            self._calling(i)
        if key in _SELF or key in _THIS:
            self._self_named(i)
        if key in _SPEAKS and i + 1 < self.n and (i == 0 or opens_turn(self.text, self.words, i)):
            if self.filler(i + 1, _NOMINATIVE, strict=False) and self._reports_after(i + 1):
                self.pick(i + 1, "the station speaking after \"говорит\"")
        if key in lists["ack"]:
            self._acknowledged(i)
        if (key in lists["verbs"] or key in lists["moves"]) and self.talk:
            self._subject(i)
        if key in lists["telling"] or key in _GIVE:
            self._told(i)
        if key in _TO:
            self._visited(i)
        if key == "у" or key == "в" and self.language == "uk":
            self._possessor(i)
        if key in _ABOUT or key in _WITH:
            self._about_or_with(i)
        if key in lists["groups"] and self.talk:
            self._group(i)
        if key in lists["objects"] and self.talk:
            self._object(i)
        if key in lists["leads"]:
            self._list(i)
        if key in lists["names"] and self.talk:
            self._named(i)
        if key == "для":
            self._for(i)
        if key in _YOU:
            self._addressed(i)
        if key in _CALLED:
            self._called(i)
        if key in _ME and i and self.keys[i - 1] in _WITH:
            self._with_me(i)
        if key in self.lists["asking"]:
            self._asked_at(i)

    def _other_forms(self) -> None:
        """Every other form of a one-word call sign picked ("клён вызывает крыма, крым ответь")."""
        stems = {stem_key(self.words[a][2], self.language) for a, (b, _) in self.picked.items() if a == b}
        for i in range(self.n):
            if i not in self.picked and stem_key(self.words[i][2], self.language) in stems \
                    and self.filler(i, None, plural=True, strict=False) and not self._qualified(i):
                self.pick(i, "another form of a call sign found in this text")

    def _speakers(self) -> None:
        """In a dialogue written with speaker labels (two or more), each label that names no role is who speaks
        ("Граб: Понял тебя. / Storm: Принял."): a call sign or a name, whatever the word."""
        labels = speaker_label_spans(self.text)
        if len(labels) < 2:
            return
        starts = {w[0]: i for i, w in enumerate(self.words)}
        for start, end in labels:
            i = starts.get(start)
            if i is None or role_label(self.text, start, end):
                continue
            last = i
            while last + 1 < self.n and self.words[last + 1][1] <= end:
                last += 1
            if last == i and self.filler(i, None, plural=True, strict=False) or last > i and is_ordinal(
                    self.keys[last], self.language) and self.extent(i) == last:
                self.pick(last, "a speaker label in a dialogue")

    def _station_before(self, j: int) -> None:
        """"Гром на связи", "Клён, приём", "кедр як чуєш", "Сокол, ответь": the word before is the station, when it
        opens a clause or follows the station called ("Бетон, Кремень на связи"); not the last of a list ("два БК и
        вода, приём")."""
        length = self.phrase_at(j, self.lists["after"])
        if not length or not j or _SENTENCE_END.search(self.between(j)):
            return
        t = j - 1
        while t > 0 and j - t <= 2 and not self.between(t + 1).strip() and top_pos(self.keys[t], self.language) in (
                "ADVB", "PRCL") and self.keys[t] not in _AND:
            t -= 1  # "туман сегодня на связь не выходит", "Сокол опять не выходит на связь" (callsigns30)
        if t < j - 1 and self.between(t + 1).strip():
            return
        if not self.filler(t, _NOMINATIVE, plural=True, strict=False) or self._qualified(t):
            return
        first = self.run(t)
        if first and self.keys[first - 1] in _AND and (self.between(j).strip() or first < 2
                                                       or not self.filler(first - 2, _NOMINATIVE, strict=False)):
            return  # "два БК и вода, приём": the last of a list, not a station ("і бобер і стриж на зв'язок" is two)
        s = first - 1
        pair = s >= 0 and re.fullmatch(r"[\s,]*", self.between(first)) is not None and self.opens(self.run(s)) \
            and self.filler(s, _NOMINATIVE, strict=False) and not self._qualified(s)
        if not (self.opens(first) or pair or first and self.keys[first - 1] in _AND):
            return
        self.pick(t, "the station before radio procedure")
        if pair:
            self.pick(s, "the station called before the one speaking")

    def _calling(self, j: int) -> None:
        """"Вызываю Гранита", "клён вызывает крыма": the station called, and the one calling (not "вызывает сомнения":
        a third person calls a station only in radio talk)."""
        third = self.keys[j] in ("вызывает", "викликає")
        if third and not (self.kind == "radio" or self.on_air):
            return
        if j + 1 < self.n and self.filler(j + 1, frozenset({"gent", "accs", "nomn"}), strict=False) and not (
                third and not (self._animate_accusative(j + 1) or self._capitalised(j + 1))):
            self.pick(j + 1, "the station called after a verb of calling")
        if j and self.keys[j] in ("вызывает", "викликає") and self.filler(j - 1, _NOMINATIVE, strict=False) \
                and self.clause_start(self.run(j - 1)):
            self.pick(j - 1, "the station calling")

    def _self_named(self, j: int) -> None:
        """"Я Гром, работаю", "я кедр повторяю", "Сапожник, это Таксист", "егерь это лысый подтверди"."""
        t = j + 1
        end = self.extent(t) if t < self.n else None
        if end is None or not self.filler(end, _NOMINATIVE, strict=False) or not self.procedure_after(end):
            return
        if self._described(end) and not self.phrase_at(end + 1, self.lists["procedure_or_after"]):
            return  # "я живой, не плач", "я трьохсотграмовий": an adjective says what one is, unless a station speaks
        if self.keys[j] in _SELF:
            before = j - 1
            first = self.run(before) if before >= 0 else 0
            size = before - first + 1
            twice = first >= size and self.keys[first - size : first] == self.keys[first : before + 1]
            station = before >= 0 and self.filler(before, _NOMINATIVE, strict=False) and self.turn(
                first - size if twice else first) and (not self.cased or "," in self.between(j)
                                                      and self._capitalised(before))
            addressed = before >= 0 and self.turn(before) and _nominal_word(self.keys[before], self.language)
            if j == 0 or opens_turn(self.text, self.words, j) or station or addressed or self.clause_start(j) and (
                    before in self.picked or self.keys[before] in ("всем", "всім")):
                self.pick(end, "the speaker naming themselves on the radio")
                if station:
                    self.pick(before, "the station called before the speaker")  # "Голубь, я Bishop", "щит я клён"
                    if twice:
                        self.pick(first - 1, "the station called twice")
            return
        s = j - 1  # "это"/"це": only past the station called, at the start of a turn
        if s < 0 or not self.filler(s, _NOMINATIVE, strict=False):
            return
        first = self.run(s)
        if self.cased and not (self._capitalised(s) and self._capitalised(t) and "," in self.between(j)):
            return  # "Москва — это столица": a copula, not a station and a speaker
        if first == 0 or opens_turn(self.text, self.words, first) or self.turn(first) and not self.cased:
            self.pick(s, "the station called before \"это\"")
            self.pick(end, "the speaker naming themselves after the station called")

    def _reports_after(self, t: int) -> bool:
        """After a name: the end of a clause (cased), or a count, a code or what a station says."""
        if self.procedure_after(t):
            return True
        nxt = t + 1
        return nxt < self.n and (self.code_at[nxt] or _number(self.keys[nxt], self.language)
                                 or any("Coll" in grammemes(p) for p in parses(self.keys[nxt], self.language)[:2]))

    def _acknowledged(self, j: int) -> None:
        """"Принял, Гром, выдвигаемся", "зрозумів одинадцятий кінець зв'язку", "Слышу тебя, Кедр"."""
        t = j + 1
        if t < self.n and self.keys[t] in _ADDRESS_PRONOUNS:
            t += 1
        end = self.extent(t) if t < self.n else None
        if end is None or not self.filler(end, _NOMINATIVE, strict=False):
            return
        if self.cased:
            if "," in self.between(t) and _ENDS_CLAUSE.match(self.text, self.words[end][1]):
                self.pick(end, "the station answered after an acknowledgement")
        elif end + 1 < self.n and (self.phrase_at(end + 1, self.lists["procedure"]) or _first_plural(
                self.keys[end + 1], self.language) or _imperative(self.keys[end + 1], self.language)):
            self.pick(end, "the station answered after an acknowledgement")

    def _subject(self, j: int) -> None:
        """A bare word opening a clause before a verb only a person does, or a soldier's move: the verb agrees with it
        (a plural verb with a word coordinated with another, or with a plural thing), and nothing but adverbs and
        "со своими" stands between them."""
        key = self.keys[j]
        if not _third_person(key, self.language):
            return
        plural = _plural_verb(key, self.language)
        k = j - 1
        together = False
        while k >= 0 and j - k < 4 and (self.keys[k] in _SKIPPABLE or self.keys[k] in _WITH_OWN
                                        or self.keys[k] in _WITH and k + 1 < j and self.keys[k + 1] in _WITH_OWN):
            together = together or self.keys[k] in _WITH_OWN
            k -= 1
        if k < 0 or _CLAUSE_BREAK.search(self.text[self.words[k][1] : self.words[j][0]]):
            return  # "Худой как скелет, говорит": a word before a parenthetical "говорит" is no subject
        move = key in self.lists["moves"] and key not in self.lists["verbs"]
        if move and not (self.kind or self._position_after(j)):
            return
        coordinated = k >= 2 and self.keys[k - 1] in _AND
        if not self.filler(k, _NOMINATIVE, plural=plural and not (together or coordinated),
                           adjective=not move or coordinated):
            return
        if plural and not (together or coordinated) and (self._animate(k) or not move or not _plural_noun(
                self.words[k][2], self.language)):
            return  # "Сапери кажуть", "телефоны сказали", "Обмін обіцяють": people in general, things, no agreement
        if move and not self._animate(k) and not self._position_after(j) and not (
                coordinated and (self.kind or self.words[k][2][:1].isupper())):
            return  # "Подвоз не идёт", "помощь пришла": a thing that moves
        if self._qualified(k) or not self.clause_start(self.run(k)) or self.keys[k] in self.lists["things"] \
                or self.places[k] and move:
            return  # "Херсон держат": a place held (a place that speaks, "Казань сказал", is someone)
        if self.cased and (_place_name(self.words[k][2], self.language) or _organisation(self.words[k][2],
                                                                                         self.language)):
            return  # "Москва и Вашингтон договорились", "Пентагон попросил": a state speaks in news
        for b in range(self.run(k) - 1, max(-1, self.run(k) - 4), -1):  # "один взагалі босий прийшов": "один"
            if _CLAUSE_BREAK.search(self.between(b + 1)):
                break
            if _subject_word(self.keys[b], self.language):
                return
        self.pick(k, "a bare word before a verb of what people do")

    def _position_after(self, j: int) -> bool:
        return any(self.keys[k] in self.lists["positions"] for k in range(j + 1, min(self.n, j + 4)))

    def _told(self, j: int) -> None:
        """"Передай Повару", "дай трубку грабу", "передай сонному і сто першому": the one told, a dative."""
        t = j + 1
        handset = t < self.n and self.keys[t] in _HANDSET
        if handset:
            t += 1  # "дай трубку Грабу": whoever the phone goes to is someone
        elif self.keys[j] in _GIVE and self.keys[j] not in self.lists["telling"]:
            return
        end = self.extent(t) if t < self.n else None
        if end is None:
            return
        word = self.words[end][2]
        if self.filler(end, frozenset({"datv"}), plural=True) and not _also_accusative(word, self.language) \
                and (handset or self.kind or self.cased or self.on_air or self._animate(end)
                     and not _adjective(self.words[end][2], self.language)):
            self.pick(end, "the one told, after a verb of telling")

    def _visited(self, j: int) -> None:
        """"К Клёну пойдёшь?", "До Чапая підеш?": someone one goes to see."""
        t = j + 1
        if t + 1 < self.n and self.keys[t + 1] in _GO and self.filler(t, frozenset({"datv", "gent"}), strict=False) \
                and (self._animate(t) or self.words[t][2][:1].isupper()):
            self.pick(t, "someone one goes to see")

    def _possessor(self, j: int) -> None:
        """"У Сокола двое трёхсотых": the one who has casualties."""
        t = j + 1
        if t >= self.n or self.places[t] or not self.filler(t, frozenset({"gent"}), plural=True):
            return
        for k in range(t + 1, min(self.n, t + 5)):
            if self.code_at[k] and _code_adjective(self.keys[k], self.language):
                self.pick(t, "the one with casualties")
                return
            if self.keys[k] not in _AND and self.keys[k] not in ("по", "одному", "двое", "троє", "трое", "двоє",
                                                                 "один", "одному") \
                    and not _number(self.keys[k], self.language) and not self.filler(k, frozenset({"gent"})):
                return

    def _about_or_with(self, j: int) -> None:
        """"От Кречета ничего нет", "С Гранитом связи нет", "я з єгером в одному окопі сидів", "Что с Казанью?"."""
        t = j + 1
        if t >= self.n:
            return
        end = self.extent(t)
        if end is None:
            return
        if self.places[end]:
            return
        phrases = self.lists["about"] if self.keys[j] in _ABOUT else self.lists["with"]
        if end + 1 < self.n and self.phrase_at(end + 1, phrases) and self.filler(end, None, plural=True):
            self.pick(end, "someone one has no news of or is with")
        elif self.keys[j] in _WITH and j and self.keys[j - 1] in ("что", "що", "шо") and (
                end + 1 == self.n or "?" in self.text[self.words[end][1] : self.words[end][1] + 2]) \
                and self.filler(end, frozenset({"ablt"})) and (self._animate(end) or self.words[end][2][:1].isupper()
                                                               or self.kind):
            self.pick(end, "someone asked after")

    def _group(self, j: int) -> None:
        """"группа Лося вышла в ночь", "Група Тракториста вийшла вночі": the leader of a group."""
        t = j + 1
        if t < self.n and self.places[t]:
            return
        if t >= self.n or not self.filler(t, frozenset({"gent"})) or _ENDS_CLAUSE.match(self.text, self.words[j][1]) \
                and self.text[self.words[j][1] : self.words[t][0]].strip():
            return
        if not (self._animate(t) or self.words[t][2][:1].isupper()) or _place_name(self.words[t][2], self.language) \
                or t + 1 < self.n and self._capitalised(t + 1) and not self.between(t + 1).strip():
            return  # "группа захвата", "групп страны", "отделения Донбасса", "группы Investment AB"
        if t + 1 < self.n and _third_person(self.keys[t + 1], self.language) or self.words[t][2][:1].isupper() \
                and not self.clause_start(t):
            self.pick(t, "the leader of a group")

    def _object(self, j: int) -> None:
        """"Найди Багнета", "Отправили Бетона на ноль": an animate accusative after a verb whose object is a person."""
        end = self.extent(j + 1) if j + 1 < self.n else None
        if end is not None and not self.places[end] and not _SENTENCE_END.search(self.between(j + 1)) \
                and self._animate_accusative(end):
            self.pick(end, "a person, the object of a verb of finding, sending or taking")

    def _called(self, j: int) -> None:
        """"позывной двести первый", "позивний у нього Двадцять другий": a numbered call sign "позывной" introduces,
        over the coded word (a word the other rules read)."""
        k = j + 1
        while k < self.n and k - j < 4 and self.keys[k] in _CALLED_SKIP:
            k += 1
        end = self.extent(k) if k < self.n else None
        if end is not None and end > k:
            self.pick(end, "a numbered call sign after \"позывной\"")

    def _with_me(self, j: int) -> None:
        """"тут со мной Кремень", "зі мною Шрапнель": the one who is with the speaker."""
        end = self.extent(j + 1) if j + 1 < self.n else None
        if end is not None and self.filler(end, _NOMINATIVE) and _noun(self.words[end][2], self.language) \
                and not self.between(end).strip():
            self.pick(end, "the one with the speaker")

    def _asked_at(self, j: int) -> None:
        """"спроси у Дельты", "спитай у таймира": the one asked."""
        if j + 2 < self.n and self.keys[j + 1] == "у":
            end = self.extent(j + 2)
            if end is not None and self.filler(end, frozenset({"gent"})):
                self.pick(end, "the one asked")

    def _caller_and_callee(self, i: int) -> None:
        """"Коса — Бетонові: висуваємось", "ягуар борзому выдвигайтесь", "Щит — Reaper, прийом": the station
        calling and the station called, the latter in the dative, at the start of a turn."""
        line = i == 0 or opens_turn(self.text, self.words, i) or self.cased and _CLAUSE_BREAK.search(self.between(i))
        if not line or not self.filler(i, _NOMINATIVE, strict=False):
            return  # only where a radio line starts ("ты там долг светке верни" is no line)
        dash = re.fullmatch(r"\s*[—–-]\s*", self.between(i + 1)) is not None
        if self.cased and not dash or not self.cased and self.between(i + 1).strip():
            return
        end = self.extent(i + 1)
        if end is None or not self.filler(end, frozenset({"datv"} | (_NOMINATIVE if dash else set())), strict=False):
            return
        if self.cased and not (self._capitalised(i) and self._capitalised(i + 1)):
            return  # "Москва — столица.": a definition, not two stations
        nxt = end + 1
        after = self.text[self.words[end][1] : self.words[nxt][0]] if nxt < self.n else ""
        if nxt >= self.n and dash or ":" in after or nxt < self.n and (
                self.phrase_at(nxt, self.lists["procedure_or_after"])
                or _imperative(self.keys[nxt], self.language) or _first_plural(self.keys[nxt], self.language)):
            self.pick(i, "the station calling")
            self.pick(end, "the station called")

    def turn(self, i: int) -> bool:
        """Whether word ``i`` opens the text, a turn, or a clause after punctuation or a call opener ("алло") - not
        merely after a particle ("Ти не плач")."""
        if i == 0 or opens_turn(self.text, self.words, i) or _CLAUSE_BREAK.search(self.between(i)) is not None \
                or self.keys[i - 1] in self.lists["openers"] or self.keys[i - 1] in self.lists["enders"]:
            return True
        # speech-to-text: an imperative ends the clause before ("добре давай щит я клён"), not "не плач"
        return not self.cased and _imperative(self.keys[i - 1], self.language) and (
            i < 2 or self.keys[i - 2] not in ("не", "ні"))

    def _capitalised(self, i: int) -> bool:
        return self.words[i][2][:1].isupper() or _LATIN.fullmatch(self.words[i][2]) is not None

    def _described(self, i: int) -> bool:
        """Whether word ``i`` is an adjective that is not an ordinal (what one is, not who), in lower case or opening
        a sentence."""
        word = self.words[i][2]
        return _adjective(word, self.language) and not is_ordinal(self.keys[i], self.language) \
            and not _noun(word, self.language)

    def opens(self, i: int) -> bool:
        """Whether word ``i`` opens the text, a turn, or (past a neutral sentence) a clause."""
        return i == 0 or opens_turn(self.text, self.words, i) or self.clause_start(i)

    def _list(self, j: int) -> None:
        """After "Старший группы —", "Раненые:", "веде", "кто на связи": each name of the list of people."""
        k = j + 1
        if k < self.n and not self.between(k).strip() and _CYRILLIC.fullmatch(self.words[k][2]) \
                and _genitive_noun(self.keys[k], self.language) and self.cased:
            k += 1  # "Старший группы —"
        if k >= self.n:
            return
        key, before = self.keys[j], self.keys[j - 1] if j else ""
        placed = before in _AT or j >= 2 and self.keys[j - 2] in _AT and _noun(self.words[j - 1][2], self.language) \
            and not _pronoun(self.keys[j - 1], self.language) or key in _ON_AIR and j >= 2 \
            and self.keys[j - 2] in ("кто", "хто")
        if self.cased:
            if not (re.search(r"[—–:]|(?<!\w)-(?!\w)", self.between(k)) or not self.between(k).strip() and (
                    placed or _third_person(key, self.language))):
                return  # "Раненые: Кирка", "В группе Казань, Тополь", "Евакуацію веде Десятий"
            self._list_from(k, cased=True)
            return
        if key in _COLON_ONLY_LEADS and not placed:
            return
        if key not in _COLON_ONLY_LEADS and _genitive_noun(self.keys[k], self.language) and k + 1 < self.n:
            k += 1  # "старший групи іній"
        self._list_from(k, cased=False)

    def _list_from(self, k: int, cased: bool) -> None:
        """The names of a list starting at word ``k``: capitalised words set off by commas and "и" (cased), or bare
        words in a row (speech-to-text), each followed by the next, "и", a word that heads people or the end."""
        first = True
        while k < self.n:
            end = self.extent(k)
            if end is None or not self.filler(end, _NOMINATIVE, strict=False) or self.keys[end] in _SELF:
                return
            if cased and not self.words[k][2][:1].isupper():
                return
            nxt = end + 1
            if not cased and not (nxt >= self.n or self.keys[nxt] in _AND or self.keys[nxt] in self.lists["leads"]
                                  or self.keys[nxt] in self.lists["openers"] or self.keys[nxt] in self.lists["enders"]
                                  or self.filler(nxt, _NOMINATIVE)
                                  or first and (self._animate(end) or _adjective(self.words[end][2], self.language))):
                return
            self.pick(end, "a name in a list of people")
            first = False
            k = end + 1
            if k < self.n and self.keys[k] in _AND:
                k += 1
            if k >= self.n or cased and not re.fullmatch(r"[\s,]*", self.between(k)) \
                    or not cased and self.keys[k] in self.lists["leads"]:
                return

    def _named(self, j: int) -> None:
        """"Його Reaper кличуть", "Его все Соколом зовут", "його двадцять другим кличуть"."""
        for t in (j - 1, j + 1):
            if 0 <= t < self.n and self.filler(t, frozenset({"nomn", "ablt"}), strict=False) and (
                    t < j and t - 1 >= 0 and self.keys[self.run(t) - 1] in _HIS or t > j and self.keys[j - 1] in _HIS):
                self.pick(t, "the name one is called by")

    def _for(self, j: int) -> None:
        """"Ива для Кремня: двое трёхсотых": the station calling and the one called."""
        t, u = j - 1, j + 1
        if t < 0 or u >= self.n or not self.clause_start(self.run(t)):
            return
        end = self.extent(u)
        if end is None or not (self.filler(t, _NOMINATIVE, strict=False)
                               and self.filler(end, frozenset({"gent"}), strict=False)):
            return
        if ":" in self.text[self.words[end][1] : self.words[end][1] + 2] or end + 1 < self.n and (
                self.code_at[end + 1] or _number(self.keys[end + 1], self.language)):
            self.pick(t, "the station calling (\"X для Y\")")
            self.pick(end, "the station called (\"X для Y\")")

    def _addressed(self, j: int) -> None:
        """"Гром, ты где?", "ясене ти де": the one addressed at the start of a turn."""
        t = j - 1
        if t < 0 or j + 1 >= self.n or self.keys[j + 1] not in _WHERE:
            return
        first = self.run(t)
        if not (first == 0 or opens_turn(self.text, self.words, first) or self.clause_start(first)
                and _CLAUSE_BREAK.search(self.between(first))):
            return
        if self.filler(t, None, strict=False):  # any case: "дизеле ти де" (a Ukrainian vocative)
            self.pick(t, "the one addressed")

    def _casualty(self, j: int) -> None:
        """"Delta двухсотый", "ротный говорит лось трёхсотый": the one a casualty code (a singular adjective) is said
        of."""
        t = j - 1
        if not _singular_code(self.keys[j], self.language):
            return
        if self.filler(t, frozenset({"nomn"}), adjective=False) and not is_ordinal(self.keys[t], self.language) \
                and self.clause_start(t) and not _number(self.keys[t], self.language):
            self.pick(t, "the one a casualty code is said of")

    def _coordinated(self) -> None:
        """The words coordinated with a word picked by "и"/"і"/"та", and the list before such a pair ("Мортира и Пика
        прикрывают", "Забрали Буйвола и Рыбака", "Казань, Тополь, Стриж и я"); a comma alone joins nothing ("я Десна,
        дистанция триста")."""
        for a, (b, _why) in list(self.picked.items()):
            cases = _cases(self.words[b][2], self.language) or None
            k = a - 1  # leftwards: "[X], [Y] и Z"
            if k >= 1 and self.keys[k] in _AND and not _SUFFIX.sub("", self.between(k)).strip(" ,") \
                    and self.filler(k - 1, cases, plural=True) and not self._qualified(k - 1):
                self.pick(k - 1, "coordinated with a call sign")
                k = self.run(k - 1) - 1
                while k >= 0 and (re.fullmatch(r"\s*,\s*", _SUFFIX.sub("", self.between(k + 1))) or not self.cased
                                  and not self.between(k + 1).strip() and _noun(self.words[k][2], self.language)) \
                        and self.filler(k, cases, plural=True) and not self._qualified(k):
                    self.pick(k, "in a list with a call sign")
                    k = self.run(k) - 1
            k = b + 1  # rightwards: "X и [Y]", "X, Y и [Z]"
            if k + 1 < self.n and self.keys[k] in _AND and not self.between(k).strip(" ,"):
                end = self.extent(k + 1)
                if end is not None and self.keys[end] not in _SELF and self.filler(end, cases, plural=True):
                    self.pick(end, "coordinated with a call sign")

    # ------------------------------------------------------------------------------------------------- readings
    def _qualified(self, i: int) -> bool:
        """Whether word ``i - 1`` makes word ``i`` a common noun ("наш", "этот", "в", "какой-то")."""
        if not i or _CLAUSE_BREAK.search(self.between(i)):
            return False
        return any(p.tag.POS in ("ADJF", "NPRO", "PREP", "PRTF") or {"Apro"} & grammemes(p)
                   for p in parses(self.keys[i - 1], self.language)[:2] if p.score >= 0.2) \
            and not is_ordinal(self.keys[i], self.language)

    def _animate(self, i: int) -> bool:
        """An animate noun, an adjective used as a noun, a word no dictionary knows, or a Latin word."""
        word = self.words[i][2]
        if _LATIN.fullmatch(word):
            return True
        found = readings(word, self.language)
        return not any(p.is_known for p in found) or any(
            "anim" in grammemes(p) or p.tag.POS == "ADJF" for p in found if p.is_known and p.score >= 0.1)

    def _animate_accusative(self, i: int) -> bool:
        """A masculine noun, adjective or unknown word in the genitive form where an accusative stands ("найди
        Багнета"), an animate accusative, or a Latin word."""
        word, key = self.words[i][2], self.keys[i]
        if _LATIN.fullmatch(word):
            return True
        if key in self.lists["never"] or not _CYRILLIC.fullmatch(word) or self.code_at[i]:
            return False
        found = readings(word, self.language)
        known = [p for p in found if p.is_known and p.score >= 0.05]
        if not known:
            return key.endswith(("а", "я", "ого", "его"))
        if any("Apro" in grammemes(p) and p.score >= 0.2 for p in known):
            return False  # "Которого всей улицей провожали"
        return any(p.tag.POS in ("NOUN", "ADJF") and p.tag.number != "plur" and (
            p.tag.case == "gent" and (p.tag.gender == "masc" or p.tag.POS == "ADJF")
            or p.tag.case == "accs" and "anim" in grammemes(p)) for p in known) \
            and not any(p.tag.POS in CLOSED_CLASS and p.score >= 0.4 for p in known)


@lru_cache(maxsize=50_000)
def _fills(word: str, language: str, cases: frozenset[str] | None, plural: bool, strict: bool, adjective: bool) -> bool:
    """Whether ``word`` may be a call sign in a frame (:meth:`_Frame.filler`): a noun or, with ``adjective``, an
    adjective (a masculine one when ``strict``), in one of ``cases``, that is not likely a closed-class word in either
    language."""
    if sum(1 for ch in word if ch.isupper()) > 1:
        return False  # "ППД", "КАБами": an abbreviation
    if len(word) <= 4 and any(p.tag.POS in ("PREP", "CONJ", "PRCL", "NPRO") and p.score >= 0.5
                              for p in parses(word.lower(), language)):
        return False  # "під", "та": a function word the Ukrainian dictionary also lists as a noun
    lower = word.lower()
    found = parses(lower, language)
    if not any(p.is_known for p in found):
        other_found = parses(lower, "ru" if language == "uk" else "uk")
        if any(p.is_known for p in other_found):
            found = other_found
    known = [p for p in found if p.is_known]
    closed = sum(p.score for p in known if p.tag.POS in CLOSED_CLASS)
    nominal = sum(p.score for p in known if p.tag.POS in ("NOUN", "ADJF"))
    other = [p for p in parses(lower, "ru" if language == "uk" else "uk")[:3] if p.is_known]
    if (closed >= 0.3 and closed >= nominal if strict else closed >= 0.5 and closed > nominal) \
            or sum(p.score for p in other if p.tag.POS in CLOSED_CLASS) >= 0.5 and \
            not any(p.tag.POS == "NOUN" and p.score >= 0.3 and "Fixd" not in p.tag for p in known):
        return False
    for p in known or (found if len(word) >= 3 else ()):
        tags = grammemes(p)
        if "Apro" in tags or "Fixd" in tags and len(word) <= 3 or p.tag.number == "plur" and not plural:
            continue
        if cases is not None and p.tag.case is not None and p.tag.case not in cases:
            continue
        if p.tag.POS == "NOUN" or adjective and p.tag.POS == "ADJF" and (
                not strict or p.tag.gender in (None, "masc") or p.tag.number == "plur"):
            return True
    return False


@lru_cache(maxsize=20_000)
def is_ordinal(key: str, language: str) -> bool:
    """Whether the folded word is an ordinal ("первый", "двадцятий", "сто першому"), Ukrainian ones included."""
    return ordinal(key, "ru") or key in cues.keys("frame_ordinals")


@lru_cache(maxsize=20_000)
def _cases(word: str, language: str) -> frozenset[str]:
    return frozenset(p.tag.case for p in readings(word, language) if p.tag.case and p.score >= 0.05)


@lru_cache(maxsize=20_000)
def _also_accusative(word: str, language: str) -> bool:
    """A word whose likely reading is an inanimate accusative ("передай хлеб") rather than a dative."""
    return any(p.tag.case in ("accs", "nomn") and p.tag.POS == "NOUN" and "anim" not in grammemes(p) and p.score >= 0.3
               for p in readings(word, language)[:2])


@lru_cache(maxsize=20_000)
def _third_person(key: str, language: str) -> bool:
    """A finite verb in the third person or the past, in either language (Surzhyk mixes them)."""
    found = parses(key, language)
    if not any(p.is_known and p.tag.POS in ("VERB", "INFN") for p in found[:2]):
        other = parses(key, "ru" if language == "uk" else "uk")  # Surzhyk: "сказав" in Russian text
        found = other if any(p.is_known for p in other[:2]) else found
    return any(p.tag.POS == "VERB" and p.score >= 0.2 and p.tag.person not in ("1per", "2per")
               and p.tag.mood != "impr" for p in found[:2])


@lru_cache(maxsize=20_000)
def _plural_verb(key: str, language: str) -> bool:
    return any(p.tag.POS == "VERB" and p.tag.number == "plur" and p.score >= 0.3 for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _personal_verb(key: str, language: str) -> bool:
    """A verb in the first or second person or the imperative ("выходим", "звоню", "додзвонишся", "знайди")."""
    return any(p.tag.POS == "VERB" and (p.tag.person in ("1per", "2per") or p.tag.mood == "impr") and p.score >= 0.3
               for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _first_plural(key: str, language: str) -> bool:
    return any(p.tag.POS == "VERB" and p.tag.person == "1per" and p.score >= 0.3 for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _imperative(key: str, language: str) -> bool:
    return any(p.tag.mood == "impr" and p.score >= 0.3 for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _opens_after(key: str, language: str, speech: bool) -> bool:
    """Whether a word after ``key`` may open a clause: after a conjunction, a particle, an interjection, an adverb or
    an imperative, and in speech-to-text after a finite verb (the end of the clause before)."""
    for p in parses(key, language)[:1]:
        if p.score < 0.3:
            continue
        if p.tag.POS in ("CONJ", "PRCL", "INTJ", "ADVB") or p.tag.mood == "impr":
            return True
        if speech and p.tag.POS == "VERB":
            return True
    return False


@lru_cache(maxsize=20_000)
def _singular_code(key: str, language: str) -> bool:
    """A coded casualty adjective in the nominative singular ("двухсотый", "трьохсотий"), not a number ("двести")."""
    return any(p.tag.POS == "ADJF" and p.tag.case == "nomn" and p.tag.number == "sing" and p.score >= 0.1
               for p in parses(key, language)[:3])


@lru_cache(maxsize=20_000)
def _code_adjective(key: str, language: str) -> bool:
    """A coded casualty adjective in any form ("трёхсотых", "двохсотий"), not a number ("двести")."""
    return any(p.tag.POS == "ADJF" and p.score >= 0.1 for p in parses(key, language)[:3])


@lru_cache(maxsize=20_000)
def _plural_noun(word: str, language: str) -> bool:
    """A noun whose likely reading is a plural ("Кедри", "Болти")."""
    top = [p for p in readings(word, language)[:2] if p.score >= 0.2]
    return bool(top) and top[0].tag.POS == "NOUN" and top[0].tag.number == "plur"


@lru_cache(maxsize=20_000)
def _genitive_noun(key: str, language: str) -> bool:
    """A noun whose likely reading is a genitive ("группы", "групи"): the complement of a word that heads a list."""
    return any(p.tag.POS == "NOUN" and p.tag.case == "gent" and p.score >= 0.3 for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _subject_word(key: str, language: str) -> bool:
    """A pronoun or a numeral in the nominative ("он", "вона", "один"): the subject of the clause is already there."""
    return any(p.tag.POS in ("NPRO", "NUMR") and p.tag.case == "nomn" and p.score >= 0.2
               for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _number(key: str, language: str) -> bool:
    """A cardinal number word ("сто", "двадцять", "двести"), from numerals.yaml or the dictionary."""
    return key in number_tables().cardinal or number_word(key, language)


@lru_cache(maxsize=20_000)
def _nominal_word(key: str, language: str) -> bool:
    """A noun or an adjective in the nominative ("малой", "брат"): someone addressed before "я"."""
    return any(p.tag.POS in ("NOUN", "ADJF") and p.tag.case in ("nomn", "voct") and p.score >= 0.05
               for p in readings(key, language))


@lru_cache(maxsize=20_000)
def _place_name(word: str, language: str) -> bool:
    """A word the dictionary reads as a place name first ("Донбасса", "Москву")."""
    top = [p for p in readings(word, language)[:2] if p.score >= 0.2]
    return bool(top) and "Geox" in grammemes(top[0])


@lru_cache(maxsize=20_000)
def _organisation(word: str, language: str) -> bool:
    """A word the dictionary reads as an organisation's name ("Пентагон", "Кремль")."""
    return any("Orgn" in grammemes(p) and p.score >= 0.2 for p in readings(word, language)[:2])


@lru_cache(maxsize=20_000)
def _pronoun(key: str, language: str) -> bool:
    return any(p.tag.POS == "NPRO" and p.score >= 0.2 for p in parses(key, language)[:2])


@lru_cache(maxsize=20_000)
def _noun(word: str, language: str) -> bool:
    """A word whose likely reading is a noun, or a word no dictionary knows."""
    top = [p for p in readings(word, language)[:2] if p.score >= 0.2]
    return not top or top[0].tag.POS == "NOUN" or not top[0].is_known


@lru_cache(maxsize=20_000)
def _adjective(word: str, language: str) -> bool:
    return any(p.tag.POS == "ADJF" and p.score >= 0.2 for p in readings(word, language)[:2])
