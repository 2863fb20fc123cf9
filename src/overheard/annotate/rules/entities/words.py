"""What the entity rules read besides names: words of the text, speaker labels, sentence starts, and the
entity cue lists (data, ``lexicons/entity_cues.yaml`` and ``entity_patterns.yaml``) as folded keys."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from overheard.annotate import cues
from overheard.annotate.rules.words import WORD, Word  # the shared words of a document: ..words.Words
from overheard.text import fold

# "[00:00:04] Жена: ..." / "Солдат: ..." / "A: ..." - a speaker label at the start of a line
SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?:\[[\d:.,\s\->]+\][ \t]*|\d[\d:.,]*[ \t]+)?([^\W\d][^\n:,.!?;«»\"]{0,30}?):[ \t]", re.MULTILINE
)


@dataclass(frozen=True)
class EntityCues:
    """The entity cue lists as folded keys and compiled patterns (built once: :func:`entity_cues`)."""

    person_cues: frozenset[str]
    ranks: frozenset[str]
    next_cues: frozenset[str]
    speech_verbs: frozenset[str]
    after_name_prepositions: frozenset[str]
    not_person: frozenset[str]
    speaker_roles: frozenset[str]
    address_verbs: frozenset[str]
    family_plural: frozenset[str]
    nicknames: frozenset[str]
    place_prepositions: frozenset[str]
    locative_prepositions: frozenset[str]
    place_determiners: frozenset[str]
    place_function_words: frozenset[str]
    case_by_preposition: dict[str, str]
    patronymic_male: re.Pattern[str]
    patronymic_female: re.Pattern[str]
    surname_endings: re.Pattern[str]
    surname_any_case: re.Pattern[str]  # a surname in any case form, counted only beside a name or a rank
    surname_shape: re.Pattern[str]
    town_surname: re.Pattern[str]  # a town name that is also a surname stem
    surname_case: re.Pattern[str]  # an inflected -ов/-ев/-ин surname
    feminine_past: re.Pattern[str]


@lru_cache(maxsize=1)
def entity_cues() -> EntityCues:
    """The compiled entity cue lists (built on first use)."""
    k, alt = cues.keys, cues.alternatives
    return EntityCues(
        person_cues=k("person_cues"),
        ranks=k("ranks"),
        next_cues=k("next_cues"),
        speech_verbs=k("speech_verbs"),
        after_name_prepositions=k("after_name_prepositions"),
        not_person=k("not_person"),
        speaker_roles=k("speaker_roles") | k("not_person"),
        address_verbs=k("address_verbs"),
        family_plural=k("family_plural"),
        nicknames=k("nicknames"),
        place_prepositions=k("place_prepositions"),
        locative_prepositions=k("locative_prepositions"),
        place_determiners=frozenset(fold(w) for w in cues.forms("place_determiners")),
        place_function_words=k("place_function_words"),
        case_by_preposition={key: str(value) for key, value in cues.table("case_by_preposition").items()},
        patronymic_male=re.compile(f"({alt('patronymic_male')})({alt('patronymic_male_endings')})?$"),
        patronymic_female=re.compile(f"({alt('patronymic_female')})({alt('patronymic_female_endings')})$"),
        surname_endings=re.compile(f"({alt('surname_endings')})$"),
        surname_any_case=re.compile(f"({alt('surname_any_case')})$"),
        surname_shape=re.compile(f"({alt('surname_shape')})$"),
        town_surname=re.compile(f"({alt('town_surname_stems')})$"),
        surname_case=re.compile(f"({alt('town_surname_stems')})({alt('surname_case_endings')})$"),
        feminine_past=re.compile(rf"\w+({alt('feminine_past')})$"),
    )


@lru_cache(maxsize=100_000)
def surname_any_case(key: str) -> bool:
    """Whether a folded word ends as a surname does in any case (``surname_any_case``; remembered per word)."""
    return entity_cues().surname_any_case.search(key) is not None


def speaker_label_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges of speaker labels at line starts ("Мать:", "[00:00:04] Муж:", "Максим Петров:").

    A label has at most three words and no sentence punctuation; one that starts with a verb of passing a
    message ("Передай Кедру: ...") is the start of a sentence, not a label.
    """
    return list(_speaker_label_spans(text))


def role_label_spans(text: str) -> list[tuple[int, int]]:
    """The speaker labels of ``text`` that say a role (:func:`role_label`), not who speaks."""
    return list(_role_label_spans(text))


# the entity rules of one text ask for its labels several times: the last few texts' are remembered
@lru_cache(maxsize=8)
def _role_label_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((s, e) for s, e in _speaker_label_spans(text) if role_label(text, s, e))


@lru_cache(maxsize=8)
def _speaker_label_spans(text: str) -> tuple[tuple[int, int], ...]:
    out = []
    verbs = entity_cues().address_verbs
    for m in SPEAKER_LABEL.finditer(text):
        words = WORD.findall(m.group(1))
        if not words or len(words) > 3 or any(fold(w) in verbs for w in words[:1]):
            continue
        out.append((m.start(1), m.end(1)))
    return tuple(out)


def role_label(text: str, start: int, end: int) -> bool:
    """Whether the speaker label ``text[start:end]`` says a role ("Мать", "Дежурный", "A"), not who speaks."""
    words = WORD.findall(text[start:end])
    if not words or all(len(w) == 1 for w in words):
        return True  # "A:", "Б:" - letters standing for speakers
    return all(fold(w) in entity_cues().speaker_roles for w in words)


def sentence_start(text: str, words: list[Word], i: int) -> bool:
    """Whether word ``i`` starts a sentence, a line or a quoted turn."""
    if i == 0:
        return True
    return _SENTENCE_BREAK.search(text, words[i - 1][1], words[i][0]) is not None


_SENTENCE_BREAK = re.compile(r"[.!?\n:—–\-\]>]\s*[«\"]?\s*$")  # at the end of what stands between two words


def adjacent(text: str, a: Word, b: Word) -> bool:
    """Whether only spaces stand between two words."""
    return not text[a[1] : b[0]].strip()
