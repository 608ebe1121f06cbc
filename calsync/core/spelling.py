"""One-letter typos of the words the timeline is read from ("decsion", "folow up", "Firday").

Notes typed in a hurry misspell exactly the words that matter. A word of four letters or more
that is one edit (a letter added, dropped, changed, or two neighbours swapped) from a timeline
word of five letters or more is read as that word. Real words one edit away from a timeline word
("decade", "fellow", "react") are left alone, and so is any word whose first letter differs:
hurried typists rarely miss the first letter, and that rule keeps most real words out.

The corrected text comes with a map back to the original offsets, so the phrase shown to the user
is still the words they wrote.

>>> fixed = correct_typos("decsion by fri")
>>> fixed.text, fixed.original_span(0, 8)
('decision by fri', (0, 7))
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Timeline and instruction words, and the day and month names that carry dates.
_TARGET_WORDS = """
    decide decided decides deciding decision decisions follow following followup update updates
    updated respond response reply replies offer offers feedback outcome result results answer
    notify notified timeline timeframe circle check touch reach again expect expected expecting
    pushed moved postponed delayed bumped shifted changed slipped revised extended business
    tomorrow monday tuesday wednesday thursday friday saturday sunday january february september
    october november december
"""
_TARGETS = frozenset(_TARGET_WORDS.split())
# Real words one edit from a target, with the same first letter: never "corrected".
_REAL_WORD_LIST = """
    decade decode deride decider fellow fallow follows hollow cheek chuck chick chock chocks checks
    touchy tough torch react reacts teach beach mover moves mowed movie charged chanted changes
    sifted shifter skipped slapped sipped slippers pusher rushed relayed decayed delated replay
    repay rely offed offset answers updater circles agains
    busiest bumper expects expert shipped revived shafted clanged circled mondays tuesdays
    wednesdays thursdays fridays saturdays sundays replied
"""
_REAL_WORDS = frozenset(_REAL_WORD_LIST.split())
_WORD = re.compile(r"[A-Za-z]{4,}")


def _one_edit(a: str, b: str) -> bool:
    """Whether `a` becomes `b` by one insertion, deletion, substitution or neighbour swap."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) < len(b):
        return a[i:] == b[i + 1 :]
    if a[i + 1 :] == b[i + 1 :]:
        return True
    return i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]


@dataclass(frozen=True)
class Corrected:
    """The text with typos corrected, and where each of its offsets came from."""

    text: str
    _origin: tuple[int, ...]  # for every offset of `text` (and its end), the original offset

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original text that `text[start:end]` came from."""
        if end > start and self._origin[end] == self._origin[end - 1]:
            # the end falls inside a corrected word: take the whole original word
            return self._origin[start], self._origin[end] + 1
        return self._origin[start], self._origin[end]


class Typos:
    """The one-letter typos of a list of words, by the rule above: `words` are what typos are
    read as, `real_words` what is never "corrected" though it is one edit away."""

    def __init__(self, words: frozenset[str], real_words: frozenset[str]) -> None:
        self.words = words
        self.real_words = real_words
        self.longest = max(map(len, words)) + 1
        by_first: dict[str, tuple[str, ...]] = {}
        for word in sorted(words):
            by_first[word[0]] = (*by_first.get(word[0], ()), word)
        self.by_first = by_first
        # notes repeat their words; the cache is bounded
        self.correction = lru_cache(maxsize=4096)(self._correction)

    def _correction(self, word: str) -> str | None:
        lower = word.lower()
        if lower in self.words or lower in self.real_words:
            return None
        for target in self.by_first.get(lower[0], ()):
            if len(target) >= 5 and _one_edit(lower, target):
                return target
        return None

    def correct(self, text: str) -> Corrected:
        """`text` with each one-letter typo of a word replaced by the word (linear time)."""
        parts: list[str] = []
        origin: list[int] = []
        pos = 0
        for m in _WORD.finditer(text):
            word = m.group()
            if len(word) > self.longest or word[0].lower() not in self.by_first:
                continue
            fixed = self.correction(word)
            if fixed is None:
                continue
            parts.append(text[pos : m.start()])
            origin.extend(range(pos, m.start()))
            parts.append(fixed)
            # every letter of the correction maps into the original word, the last to its end
            width = m.end() - m.start()
            origin.extend(m.start() + min(i, width - 1) for i in range(len(fixed)))
            pos = m.end()
        if not parts:
            return Corrected(text, tuple(range(len(text) + 1)))
        parts.append(text[pos:])
        origin.extend(range(pos, len(text) + 1))
        return Corrected("".join(parts), tuple(origin))


TIMELINE_TYPOS = Typos(_TARGETS, _REAL_WORDS)


def correct_typos(text: str) -> Corrected:
    """`text` with each one-letter typo of a timeline word replaced by the word (linear time)."""
    return TIMELINE_TYPOS.correct(text)
