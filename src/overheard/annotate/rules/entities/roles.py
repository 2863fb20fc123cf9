"""Who or what a word is in its sentence: the role its grammar gives it toward the verbs near it (branch names26).

A call sign is an ordinary word ("Беркут", "Тайга", "кабан", "сто первый") used as a person's name. What tells the
two uses apart is not the word but its place in the sentence, read from pymorphy3's grammar and agreement:

- **person roles**: the subject of a verb only a person does that agrees with it (``subject``: "кабан вчера сказал");
  the one addressed or told (``told``: a dative beside a verb of telling, "Беркуту скажи"; ``address``: a word
  opening or closing a turn before a comma or a mark, "Тайга, приём", "где ты, Граф?"); the object of a verb whose
  object is a person (``object``: "забрали тайгу", "кабана ранило"); a companion (``companion``: "с Тайгой пошли");
  a possessor (``possessor``: "у кабана в группе");
- **plain vocabulary**: a noun with its adjective or an adjective with its noun (``modified``: "косой дождь"), a
  word after a preposition of place (``place``: "в лесу"), a thing bought, eaten or mended (``bought``), a noun seen,
  caught or fed (``seen``: "бачив у лісі пугача") or one before a verb of what animals do (``animal_doing``: "над
  полем сокол кружит").

These are features of the learned name model (:mod:`.learned`), never rules of their own: the model weighs them,
and also whether the same word (its folded form or its lemma) is used in a person role or as plain vocabulary
elsewhere in the text. The verb lists are data (``entity_cues.yaml``: ``narrative_*``, ``frame_*``, ``role_*``);
the grammar of the slots is :mod:`.person_slots`' (over :mod:`.text_grammar`), read here in any text, cased or
not.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property, lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.entities.morph import grammemes
from overheard.annotate.rules.entities.person_slots import WITH, companion, possessor, subject, wounded
from overheard.annotate.rules.entities.text_grammar import grammar_of
from overheard.annotate.rules.entities.words import Word, entity_cues
from overheard.annotate.rules.words import words_of
from overheard.names import name_lexicon
from overheard.text import fold, lemma, parses

PERSON_ROLES = ("subject", "told", "address", "object", "companion", "possessor")
VOCABULARY_ROLES = ("modifier", "modified", "place", "bought", "thing_object", "seen", "animal_doing")
_TURN_OPEN = frozenset(".?!—–:\n")
_AFTER_ADDRESS = (",", "?", "!")
_WE = frozenset({"мы", "ми", "я"})


@lru_cache(maxsize=1)
def _role_lists() -> dict[str, frozenset[str]]:
    """The folded cue words of the roles (built once)."""
    return {
        "objects": cues.keys("role_person_objects", "frame_person_objects"),
        "vocabulary": cues.keys("role_vocabulary_verbs"),
        "place": entity_cues().place_prepositions,
        "people": cues.keys("narrative_person_nouns"),
        "relative": cues.keys("role_relative_pronouns"),
        # verbs a person is the object of, or told or called: their object may be someone
        "persons_verbs": cues.keys("role_person_objects", "frame_person_objects", "frame_calling_verbs")
        | entity_cues().address_verbs
        | entity_cues().speech_verbs,
        "creatures": cues.keys("role_creature_verbs"),
        "animal_verbs": cues.keys("animal_verbs"),
        "locative": cues.keys("locative_prepositions"),
    }


class RoleReading:
    """The roles of the words of one text (:meth:`role`), read lazily and remembered per word."""

    def __init__(self, text: str, words: list[Word], language: str) -> None:
        self.text, self.language = text, language
        self.words = words_of(text, words)
        self.keys = self.words.keys
        self.n = len(self.words)
        self._roles: dict[int, str] = {}

    @cached_property
    def grammar(self):
        """The :class:`.text_grammar.Grammar` of this text, nothing blocked."""
        return grammar_of(self.words, self.language)

    @cached_property
    def lemmas(self) -> list[str]:
        """The folded lemma of each word's likeliest reading."""
        return [lemma(key, self.language) for key in self.keys]

    def role(self, i: int) -> str:
        """Word ``i``'s role: one of :data:`PERSON_ROLES`, one of :data:`VOCABULARY_ROLES`, or "" (none)."""
        found = self._roles.get(i)
        if found is None:
            found = self._roles[i] = self.person_role(i) or self.vocabulary_role(i)
        return found

    def person_role(self, i: int) -> str:
        """The person role word ``i`` fills (module docstring), or ""."""
        keys, g = self.keys, self.grammar
        prev = keys[i - 1] if i else ""
        if self.address(i):
            return "address"
        if subject(g, i):
            return "subject"
        if self.told(i):
            return "told"
        if self.person_object(i):
            return "object"
        if prev in WITH and self.companion(i):
            return "companion"
        if prev in ("у", "в") and possessor(g, i):
            return "possessor"
        return ""

    def address(self, i: int) -> bool:
        """Whether word ``i`` opens a turn before a comma or a mark ("Тайга, приём") or closes one after a comma
        ("где ты, Граф?")."""
        text, words = self.text, self.words
        start, end, _word = words[i]
        before = text[words[i - 1][1] : start] if i else ""
        after = (text[end : words[i + 1][0]] if i + 1 < self.n else text[end:]).strip()
        if (i == 0 or any(c in _TURN_OPEN for c in before)) and after[:1] in _AFTER_ADDRESS:
            return True
        return "," in before and (after[:1] in (".", "?", "!") or i + 1 == self.n)

    def companion(self, i: int) -> bool:
        """Whether word ``i`` is a companion: "мы с X", or "с X" before a verb of a group or of meeting ("с Тайгой
        пошли", "с беркутом были", "я с молотом говорил"); not an adjective with its noun."""
        g = self.grammar
        if companion(g, i):
            return True
        if not g.nominal(i, frozenset({"ablt"})) or self.modified(i) == "modifier":
            return False
        if i >= 2 and self.keys[i - 2] in _WE:
            return True
        j = g.next_verb(i, span=3)
        return j is not None and (self.keys[j] in g.lists["meeting"] or any(
            v.tag.number == "plur" or v.tag.person == "1per" for v in g.verb(j)))

    def relative(self, i: int) -> bool:
        """Whether a comma and a relative pronoun follow word ``i`` ("Пятый, кто вернулся"): the clause describes it."""
        if i + 1 >= self.n:
            return False
        between = self.text[self.words[i][1] : self.words[i + 1][0]]
        return "," in between and relative_pronoun(self.keys[i + 1])

    def told(self, i: int) -> bool:
        """Whether word ``i`` is a dative beside a verb of telling ("передай болту", "Беркуту скажи")."""
        telling = self.grammar.lists["telling"]
        near = (self.keys[i - 1] if i else "", self.keys[i + 1] if i + 1 < self.n else "")
        return any(k in telling for k in near) and bool(self.grammar.nominal(i, frozenset({"datv"}), least=0.01))

    def person_object(self, i: int) -> bool:
        """Whether word ``i`` is the animate accusative object of a verb whose object is a person, or the one an
        impersonal verb of wounding hits ("забрали тайгу", "кабана ранило")."""
        g = self.grammar
        if wounded(g, i):
            return True
        objects = _role_lists()["objects"]
        if not any(self.keys[j] in objects for j in (i - 1, i - 2) if j >= 0):
            return False
        # an animate or unknown accusative, a feminine one (the same form either way: "тайгу"), or a masculine noun in
        # the genitive form (the animate accusative: "беркута", "грома")
        return any(p.tag.POS == "NOUN" and ("anim" in grammemes(p) or not p.is_known or p.tag.gender == "femn")
                   for p in g.nominal(i, frozenset({"accs"}))) or any(
            p.tag.POS == "NOUN" and p.tag.gender == "masc" for p in g.nominal(i, frozenset({"gent"})))

    def vocabulary_role(self, i: int) -> str:
        """The plain-vocabulary use of word ``i`` (module docstring), or ""."""
        keys, language = self.keys, self.language
        modified = self.modified(i)
        if modified:
            return modified
        readings = _readings(keys[i], language)
        if any(r[0] == "NOUN" and r[1] in ("accs", "gent") for r in readings) and after_creature_verb(
                self.words, language, i):
            return "seen"  # "бачив у лісі пугача", "поймали щуку"
        if i + 1 < self.n and keys[i + 1] in _role_lists()["animal_verbs"] and any(
                r[0] == "NOUN" and r[1] == "nomn" for r in readings):
            return "animal_doing"  # "над полем сокол кружит"
        vocabulary = _role_lists()["vocabulary"]
        if any(r[0] == "NOUN" and r[1] == "accs" and r[4] for r in readings) and any(
                keys[j] in vocabulary for j in (i - 1, i - 2) if j >= 0):
            return "bought"  # "купил кабана", "сварили щуку", "бери гвоздь"
        if self.thing_object(i):
            return "thing_object"  # "взял молот"
        top = parses(keys[i], language)[:1]
        if i and top and top[0].tag.POS == "NOUN" and keys[i - 1] in _role_lists()["place"] and "anim" not in grammemes(
                top[0]):
            return "place"  # "в лесу", "на рынке"
        return ""

    def modified(self, i: int) -> str:
        """"modifier" when word ``i`` is an adjective right before a noun that agrees with it ("косой дождь", "рыжий
        кот"), "modified" when it is a noun right after an adjective that agrees with it ("холодный дождь"), else "";
        a pronoun's, an ordinal's or a possessive adjective ("Серёгин брат") aside, and nothing across a mark ("Серый,
        привет")."""
        language, words, text = self.language, self.words, self.text
        here = _readings(self.keys[i], language)
        if i + 1 < self.n and not text[words[i][1] : words[i + 1][0]].strip() and _agree(
                here, _readings(self.keys[i + 1], language)):
            return "modifier"
        if i > 0 and not text[words[i - 1][1] : words[i][0]].strip() and _agree(
                _readings(self.keys[i - 1], language), here):
            return "modified"
        return ""

    def thing_object(self, i: int) -> bool:
        """Whether word ``i`` is a masculine noun in the accusative that is its nominative, right after a transitive
        verb ("бери гвоздь", "взял молот"): a thing; a person in that slot takes the animate accusative ("бери
        Гвоздя")."""
        if i == 0 or not any(r[0] == "NOUN" and r[1] == "accs" and r[2] == "masc" and r[4]
                             for r in _readings(self.keys[i], self.language)):
            return False
        return any(_transitive(self.keys[j], self.language) for j in (i - 1, i - 2) if j >= 0)

    def elsewhere(self, i: int) -> tuple[bool, bool]:
        """Whether the same word (its folded form or its lemma) fills a person role elsewhere in the text, and
        whether it is used as plain vocabulary elsewhere."""
        key, lemma = self.keys[i], self.lemmas[i]
        person = vocabulary = False
        for j in range(self.n):
            if j == i or self.keys[j] != key and self.lemmas[j] != lemma:
                continue
            role = self.role(j)
            person = person or role in PERSON_ROLES
            vocabulary = vocabulary or role in VOCABULARY_ROLES
        return person, vocabulary


def relative_pronoun(key: str) -> bool:
    """Whether a folded word is a relative pronoun ("кто", "который", "який": ``role_relative_pronouns``)."""
    return key in _role_lists()["relative"]


@lru_cache(maxsize=100_000)
def _readings(key: str, language: str) -> tuple:
    """(part of speech, case, gender, number) of the likely readings of a folded word (score 0.1 or more, three at
    most); an adjective of a pronoun, an ordinal, a possessive or a name is "Apro"; the fifth item says whether the
    reading is a thing (inanimate, no name)."""
    out = []
    for p in parses(key, language)[:3]:
        if p.score < 0.1:
            continue
        pos = p.tag.POS
        if pos in ("ADJF", "PRTF") and {"Apro", "Anum", "Poss", "Name", "Surn", "Patr"} & grammemes(p):
            pos = "Apro"
        gender = "any" if p.tag.gender is None or "Ms-f" in grammemes(p) else str(p.tag.gender)
        thing = "inan" in grammemes(p) and not {"Name", "Surn", "Patr"} & grammemes(p)
        out.append((pos, str(p.tag.case), gender, str(p.tag.number), thing))
    return tuple(out)


def _agree(adjectives: tuple, nouns: tuple) -> bool:
    """Whether an adjective reading of the first agrees with a noun reading of the second in case, number and (in
    the singular) gender."""
    return any(a[0] in ("ADJF", "PRTF") and n[0] == "NOUN" and a[1] == n[1] and a[3] == n[3]
               and (a[3] == "plur" or a[2] == n[2] or n[2] == "any") for a in adjectives for n in nouns)


def role_features(reading: RoleReading, i: int, repeated: bool) -> list[str]:
    """The learned model's features of word ``i``'s role: ``role=`` (one of the roles or "none") alone and with the
    word's shape; ``role_person_noun`` for a word of people ("пацан", "боец": the spec says no personal data) and
    ``role_ordinal`` with the role for an ordinal ("Пятый, кто вернулся"); and, when the word (its form or lemma)
    occurs again, ``role_elsewhere`` / ``vocab_elsewhere``."""
    role = reading.role(i) or "none"
    shape = "cap" if reading.words[i][2][:1].isupper() else "lower"
    out = [f"role={role}", f"role={role}&shape={shape}"]
    if reading.keys[i] in _role_lists()["people"] or reading.lemmas[i] in _role_lists()["people"]:
        out.append("role_person_noun")
    if _ordinal(reading.keys[i], reading.language):
        out.append(f"role_ordinal&role={role}")
    if reading.relative(i):
        out.append("role_relative")
    if repeated or reading.lemmas.count(reading.lemmas[i]) > 1:
        person, vocabulary = reading.elsewhere(i)
        if person:
            out.append("role_elsewhere")
        if vocabulary:
            out.append("vocab_elsewhere")
        if person and not vocabulary and role == "none":
            out.append("role_elsewhere_only")
    return out


def thing_after_verb(words: Sequence[Word], language: str, i: int) -> bool:
    """Whether word ``i``, in lower case, is a masculine noun read only as a thing, in the accusative that is its
    nominative, right after a transitive verb that is not one of calling, telling or taking someone ("бери гвоздь",
    "копай окоп"): a thing, never someone; a person or a call sign there takes the animate accusative ("бери
    Гвоздя"). A gate of the learned name model (:func:`.learned.model_candidates`), as counting is."""
    word = words[i][2]
    if i == 0 or not word[:1].islower() or not _thing_only(fold(word.lower()), language):
        return False
    verb = fold(words[i - 1][2].lower())
    return _transitive(verb, language) and verb not in _role_lists()["persons_verbs"]


@lru_cache(maxsize=50_000)
def _thing_only(key: str, language: str) -> bool:
    """Whether every likely reading of a folded word (score 0.1 or more) is a known inanimate noun with no name tag,
    and one of them is a masculine singular accusative."""
    found = [p for p in parses(key, language)[:3] if p.score >= 0.1]
    return bool(found) and all(p.is_known and p.tag.POS == "NOUN" and "inan" in grammemes(p) and not {
        "Name", "Surn", "Patr", "Geox"} & grammemes(p) for p in found) and any(
        p.tag.case == "accs" and p.tag.gender == "masc" and p.tag.number == "sing" for p in found)


@lru_cache(maxsize=50_000)
def _transitive(key: str, language: str) -> bool:
    """Whether a folded word's likeliest reading is a transitive verb, infinitive or imperative included."""
    found = parses(key, language)[:1]
    return bool(found) and found[0].tag.POS in ("VERB", "INFN") and "tran" in grammemes(found[0])


@lru_cache(maxsize=50_000)
def _ordinal(key: str, language: str) -> bool:
    found = parses(key, language)[:1]
    return bool(found) and "Anum" in grammemes(found[0])


def creature_object(words: Sequence[Word], language: str, i: int) -> bool:
    """Whether word ``i``, in lower case, is a surname only by a homograph of an animal or a thing (pymorphy3 has no
    first name or patronymic for it, and its surname reading is a guess or shares its lemma with a plain noun the
    dictionary knows: Ukrainian "пугача", "сича"), in the accusative, up to three words after a verb of seeing,
    hunting, catching or feeding (``role_creature_verbs``) with at most a phrase of place between ("бачив у лісі
    пугача біля дороги"): an animal told of, never masked by the learned name model. A gate of
    :func:`.learned.model_candidates`, as counting is; capitalised words are left alone."""
    word = words[i][2]
    if not word[:1].islower() or not _surname_homograph(fold(word.lower()), language) or name_lexicon().lookup(word):
        return False
    return after_creature_verb(words, language, i)


def after_creature_verb(words: Sequence[Word], language: str, i: int) -> bool:
    """Whether a verb of seeing, hunting, catching or feeding (``role_creature_verbs``) stands up to three words
    before word ``i``, with at most a phrase of place between ("бачив у лісі пугача")."""
    creatures = _role_lists()["creatures"]
    for j in range(i - 1, max(-1, i - 4), -1):
        key = fold(words[j][2].lower())
        if key in creatures:
            return True
        if not _in_place_phrase(words, j, i, language):
            return False
    return False


def _in_place_phrase(words: Sequence[Word], j: int, i: int, language: str) -> bool:
    """Whether word ``j`` (before word ``i``) is a preposition of place or the noun right after one ("у лісі")."""
    place = _role_lists()["locative"]
    key = fold(words[j][2].lower())
    return key in place or j and fold(words[j - 1][2].lower()) in place and any(
        p.tag.POS == "NOUN" for p in parses(key, language)[:2])


def _surname_homograph(key: str, language: str) -> bool:
    """Whether a folded word is a surname only by a guess or a homograph (:func:`surname_by_homograph`), one of its
    readings in the accusative or the genitive (the animate accusative)."""
    return bool(surname_by_homograph(key, language)) and any(
        p.tag.case in ("accs", "gent") for p in parses(key, language))


@lru_cache(maxsize=100_000)
def surname_by_homograph(key: str, language: str) -> str:
    """How a folded word is a person by pymorphy3 when every person reading it has is a surname and a plain noun the
    dictionary knows is among its readings: "guess" when each surname reading is predicted (not in the dictionary),
    "homograph" when each is a guess or shares its lemma with a masculine or feminine plain noun (Ukrainian "пугача",
    "сича": the dictionary tags the animal's forms as a surname too; not "шевченка", whose plain reading is neuter); ""
    otherwise (a first name, a patronymic, a surname of its own, or no person reading)."""
    found = parses(key, language)
    person = [p for p in found if {"Name", "Surn", "Patr"} & grammemes(p)]
    if not person or any("Surn" not in grammemes(p) for p in person):
        return ""
    plain = {p.normal_form for p in found if p.is_known and p.tag.POS == "NOUN" and p.tag.gender != "neut" and not {
        "Name", "Surn", "Patr", "Geox"} & grammemes(p)}
    if not plain:
        return ""
    if all(not p.is_known for p in person):
        return "guess"
    return "homograph" if all(not p.is_known or p.normal_form in plain for p in person) else ""
