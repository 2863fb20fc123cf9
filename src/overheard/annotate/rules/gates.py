"""Exact cheap gates before costly regular expressions: the literal letters a pattern must start with.

A pattern that opens with a look-behind ("(?<![\\w-])бригад...") and matches case-insensitively gives Python's
``re`` no literal prefix to skip by: it is tried at every position of the text, against every alternative. When every
alternative of a word list begins with literal letters (its *head*: "бригад", "рот" of "рот[аыу]", "бат" of
"бат(?:а|у)?"), a match that starts where a word starts implies that some word of the text begins with one of the
heads, as ``re`` compares letters under IGNORECASE. Checking that first (:class:`WordStartGates`,
:func:`contains_any`) never changes what the pattern finds; it only spares the search in a text where it cannot
match.

A "word" here is a run of word characters and hyphens (``[\\w-]+``): a pattern behind ``(?<![\\w-])`` or ``\\s``
starts at the start of one. An apostrophe ends a run, so a head stops after one ("п'ятсот" has the head "п'": the
run is "п").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache, reduce
from operator import or_

try:  # the letters re takes as equal under IGNORECASE beyond lower case ("о" and "ᲂ"; "s" and "ſ")
    from re._casefix import _EXTRA_CASES
except ImportError:  # another Python: no case-insensitive gate is used (see literal_heads)
    _EXTRA_CASES = None

_RUNS = re.compile(r"[\w-]+")
_SIMPLE = {0x130: "i"}  # "İ": its full lower case is two characters, re's (simple) one is "i"
_EQUAL: dict[int, str] = {}
for _code, _others in (_EXTRA_CASES or {}).items():
    _class = {_code, *_others}
    for _member in _class:
        _EQUAL[_member] = chr(min(_class))
_QUANTIFIERS = ("?", "*", "{")


def caseless(text: str) -> str:
    """``text`` lower-cased as ``re`` compares letters under IGNORECASE, each class of letters it takes as equal
    written as one letter ("ᲂ" as "о")."""
    return text.translate(_SIMPLE).lower().translate(_EQUAL)


def _top_level_alternation(pattern: str) -> bool:
    """Whether ``pattern`` has a "|" outside every group and character class (two beginnings, not one)."""
    depth, i = 0, 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            i += 1
        elif ch == "[":
            i += 1 + (pattern[i + 1 : i + 2] == "^")
            i += pattern[i : i + 1] == "]"  # "[]a]": a first "]" is a member
            while i < len(pattern) and pattern[i] != "]":
                i += 1 + (pattern[i] == "\\")
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            return True
        i += 1
    return False


def _head(pattern: str) -> str:
    """The literal letters every match of ``pattern`` starts with, and the apostrophe after them when one must
    follow ("" when the pattern may start otherwise)."""
    if _top_level_alternation(pattern):
        return ""
    head = ""
    for ch in pattern:
        if not ch.isalpha():
            break
        head += ch
    after = pattern[len(head) : len(head) + 2]
    if after[:1] in _QUANTIFIERS:
        return head[:-1]  # "ab?" may start with "a" alone
    if head and after[:1] == "'" and after[1:] not in _QUANTIFIERS:
        return head + "'"
    return head


def literal_heads(patterns: Iterable[str], ignore_case: bool = True) -> tuple[str, ...] | None:
    """The heads of ``patterns`` (alternatives of one list), folded by :func:`caseless` when ``ignore_case``; None
    when one of them has no head (or this Python does not say which letters re takes as equal), so no gate."""
    heads = [_head(pattern) for pattern in patterns]
    if not heads or not all(heads) or (ignore_case and _EXTRA_CASES is None):
        return None
    return tuple(dict.fromkeys(caseless(head) if ignore_case else head for head in heads))


def _whole_words(patterns: Iterable[str]) -> frozenset[str] | None:
    """The runs ``patterns`` can start with when each is a word the pattern ends right after (followed by a space):
    the word itself ("сорок"), or its letters up to an apostrophe ("п'ятсот": "п'"); None unless every pattern
    is letters, with at most one apostrophe inside."""
    patterns = list(patterns)
    if _EXTRA_CASES is None or not patterns or not all(
            re.fullmatch(r"[^\W\d_]+(?:'[^\W\d_]+)?", pattern) for pattern in patterns):
        return None
    return frozenset(caseless(pattern.split("'")[0] + "'" if "'" in pattern else pattern) for pattern in patterns)


class WordStartGates:
    """For several lists of case-insensitive patterns that start where a word starts, which lists some word of a
    text begins a head of (:func:`literal_heads`): a list none of whose heads begins a word cannot match in that
    text. A list marked ``whole`` holds words a space must follow in the pattern ("сорок\\s+"), so a word of the
    text must be one of them (:func:`_whole_words`). Each word's answer is remembered (the same words recur)."""

    def __init__(self, lists: Sequence[Iterable[str]], whole: Sequence[bool] = ()) -> None:
        lists = [list(patterns) for patterns in lists]
        words = [_whole_words(patterns) if k < len(whole) and whole[k] else None for k, patterns in enumerate(lists)]
        self.words = words
        self.heads = [None if words[k] is not None else literal_heads(patterns) for k, patterns in enumerate(lists)]
        self.open = sum(1 << k for k in range(len(lists)) if self.heads[k] is None and words[k] is None)
        self._word = lru_cache(maxsize=50_000)(self._word_mask)

    def _word_mask(self, run: str) -> int:
        low = caseless(run)
        marked = low + "'"  # a head that ends with an apostrophe ends the run: the run is its letters
        mask = 0
        for k, (heads, words) in enumerate(zip(self.heads, self.words, strict=True)):
            if heads is not None and marked.startswith(heads) or words is not None and (low in words
                                                                                         or marked in words):
                mask |= 1 << k
        return mask

    def mask(self, text: str) -> int:
        """Bit ``k`` set: list ``k`` may match in ``text`` (a run of word characters and hyphens starts with one of
        its heads or is one of its words, or the list has no gate)."""
        return reduce(or_, map(self._word, _RUNS.findall(text)), self.open)


def contains_any(text: str, heads: tuple[str, ...] | None) -> bool:
    """Whether ``text`` holds one of the case-sensitive ``heads`` anywhere (True when there is no gate)."""
    return heads is None or any(map(text.__contains__, heads))
