"""One language's reading table: the phrases of that language, each with the English words the
readers already understand ("Entscheidung bis" → "decision by").

A table is data: a list of `Gloss` entries, each a phrase (words separated by spaces, which
match any run of white space; a regular expression where it needs one) and its English reading.
The title, date, statement and outcome readers stay English: `calsync.core.reading.languages`
puts every chosen table into one pattern and reads a text through it in one pass.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Gloss:
    """One phrase of a language and the English words it is read as.

    `word` (the default) matches only whole words; a gloss with `word=False` is a pattern that
    carries its own boundaries (a compound's first part, a dot after a day's number).
    """

    phrase: str
    english: str
    word: bool = True


@dataclass(frozen=True)
class Language:
    """A language calsync reads: its code, the CLDR locale its month names come from, and its
    phrases. Every language here writes numeric dates day first."""

    code: str
    locale: str
    glosses: tuple[Gloss, ...]
    day_first: bool = True
    # words after a weekday that make it next week's ("mercredi prochain", "el miércoles que
    # viene"): the weekday names themselves come from CLDR
    next_after_weekday: tuple[str, ...] = ()


def glosses(english: str, *phrases: str) -> tuple[Gloss, ...]:
    """Several phrases read as the same English words."""
    return tuple(Gloss(p, english) for p in phrases)


def compound(english: str, *parts: str) -> tuple[Gloss, ...]:
    """Words made of a part and anything after it ("Vorstellungsgespräch", "Probe-…"): the part
    at a word's start, and the rest of that word."""
    return tuple(Gloss(rf"(?<!\w){p}\w*", english, word=False) for p in parts)
