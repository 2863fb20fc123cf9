"""A man named by the group he leads, in lower case: "у X в хозяйстве", "у X в групі" (ANNOTATION.md, Personal data,
CALLSIGN; callsigns31: "Шмель, это ворон. У соседей, у грозы в хозяйстве, двое 200").

"у" and a singular noun in lower case, then "в"/"у" and a group's word (``entity_cues.crew_words``: хозяйство,
группа, расчёт ...): the noun is whoever the group is his, a call sign when no list knows it as a name, in a
lower-case text or a cased one (where the person rules read only capitalised words). People's nouns ("у ротного в
хозяйстве", "у брата в группе"), kit and vehicles (``person_casualty_not``: "у миномёта в расчёте"), pronouns,
plurals ("у соседей в хозяйстве") and words no list allows as someone (``narrative_lists()["never"]``) are left
alone. Masked when unsure.
"""

from __future__ import annotations

from overheard.annotate import cues
from overheard.annotate.rules.entities.callsigns import listed_callsign
from overheard.annotate.rules.entities.candidates import Candidate, unsure_callsign
from overheard.annotate.rules.entities.slots import CLOSED_CLASS, covered, known_readings
from overheard.annotate.rules.entities.text_grammar import narrative_lists
from overheard.annotate.rules.entities.words import Word
from overheard.annotate.rules.words import words_of

UNSURE = "masked because unsure: the group after it is his"
_PERSONAL = ("PER", "CALLSIGN", "PHONE", "UNIT", "ORG", "LOC")
_AT = frozenset({"у"})
_IN = frozenset({"в", "во", "у"})


def crew_callsigns(text: str, words: list[Word], language: str, taken: list[Candidate],
                   codes: list[tuple[int, int]] = ()) -> list[Candidate]:
    """Lower-case nouns between "у" and "в" and a group's word (module docstring), as CALLSIGN candidates masked when
    unsure; ``taken`` are the entities so far, ``codes`` the spans of coded casualty terms."""
    words = words_of(text, words)
    keys = words.keys
    crews = cues.keys("crew_words")
    n = len(words)
    if not any(k in crews for k in keys):
        return []
    busy = covered(words, [t for t in taken if t.label in _PERSONAL])
    code_at = covered(words, [Candidate("CODE", s, e, 1.0, "") for s, e in codes])
    never = narrative_lists()["never"] | cues.keys("person_casualty_not")  # people's nouns; kit and vehicles
    out = []
    for i in range(1, n - 2):
        if keys[i - 1] not in _AT or keys[i + 1] not in _IN or keys[i + 2] not in crews:
            continue
        start, end, word = words[i]
        if not word.islower() or busy[i] or code_at[i] or len(keys[i]) < 3 or keys[i] in never or keys[i] in crews:
            continue
        if any(text[words[k][1] : words[k + 1][0]].strip() for k in range(i - 1, i + 2)):
            continue  # "у грозы, в хозяйстве": one phrase, nothing between its words
        if not _someone(word, language):
            continue
        out.append(unsure_callsign(start, end, f"callsign: the group after it is his ({UNSURE})",
                                   listed_callsign(word, language) or word[:1].upper() + word[1:]))
    return out


def _someone(word: str, language: str) -> bool:
    """Whether ``word`` may be a singular noun in the genitive, or no dictionary knows it; never a closed-class word,
    an adjective or a plural."""
    for lang in ("ru", "uk"):
        found = known_readings(word, lang, 0.05)
        if found and (found[0].tag.POS in CLOSED_CLASS or found[0].tag.POS in ("ADJF", "PRTF")):
            return False
    known = known_readings(word, language, 0.05)
    return not known or any(p.tag.POS == "NOUN" and p.tag.number != "plur" and p.tag.case == "gent" for p in known)
