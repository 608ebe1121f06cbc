"""The languages calsync reads besides English, one table each, and the one pass that reads a
text through the chosen tables.

The readers of titles, dates, timeline statements and outcomes understand English; a German
note is read by putting each German phrase's English words in its place ("Entscheidung bis
Freitag, 11.12." → "decision by Friday, 11.12."), with a map back to the offsets of the words the
user wrote, so `plan` quotes them. Month and weekday names come from CLDR through Babel, loaded
the first time a language is read (never for `--help`).

The chosen tables' phrases are filed by the first letters of the word each starts with; the
text is cut into words once, and at each word only that file's one pattern is tried: reading
stays linear in the text's length, whatever the number of languages. A text in which a word of
the language itself was read (not one English shares, like "dec") has its numeric dates read day
first, as all six languages write them. No gloss is an English word read another way ("no",
"met", "out" stay English), so a pasted English e-mail reads as it does alone (a test holds the
English corpora to that).

>>> read_in("Entscheidung bis Freitag, 11. Dezember", ("de",)).text
'decision by Friday, 11 December'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from calsync.core.reading.languages.de import GERMAN
from calsync.core.reading.languages.es import SPANISH
from calsync.core.reading.languages.fr import FRENCH
from calsync.core.reading.languages.it import ITALIAN
from calsync.core.reading.languages.nl import DUTCH
from calsync.core.reading.languages.pt import PORTUGUESE
from calsync.core.reading.languages.table import Gloss, Language
from calsync.core.spelling import Corrected

ENGLISH = "en"
LANGUAGES: dict[str, Language] = {
    lang.code: lang for lang in (GERMAN, FRENCH, SPANISH, PORTUGUESE, DUTCH, ITALIAN)
}
SUPPORTED = (ENGLISH, *LANGUAGES)

_ENGLISH_MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
_ENGLISH_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _calendar_names(language: Language) -> tuple[Gloss, ...]:
    """The language's month names and abbreviations and its weekday names, from CLDR, as
    glosses; and the dot or "de" between a day's number and a month ("11. Dezember", "11 de
    diciembre", "1er décembre") dropped."""
    from babel.dates import get_day_names, get_month_names

    found: dict[str, str] = {}
    shortened: set[str] = set()
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, language.locale).items():
                plain = name.rstrip(".").lower()
                if len(plain) >= 3:
                    found.setdefault(plain, _ENGLISH_MONTHS[number - 1])
                    if width == "abbreviated":
                        shortened.add(plain)
        for number, name in get_day_names("wide", context, language.locale).items():
            found.setdefault(name.lower(), _ENGLISH_DAYS[number])
    # Google's invitation subject, kept as a title: "… @ Mo. 14. Dez. 2026 10:00" – a weekday
    # abbreviation is one only right after its "@" (alone, "mar" or "do" are other words)
    after_at = {
        name.rstrip(".").lower(): _ENGLISH_DAYS[number][:3]
        for context in ("format", "stand-alone")
        for number, name in get_day_names("abbreviated", context, language.locale).items()
    }
    shortened -= {
        name.lower()
        for context in ("format", "stand-alone")
        for name in get_month_names("wide", context, language.locale).values()
    }
    names = sorted(found, key=len, reverse=True)
    months = "|".join(re.escape(n) for n in names if found[n] in _ENGLISH_MONTHS)
    days = [n for n in names if found[n] in _ENGLISH_DAYS]
    after = "|".join(w.replace(" ", r"\s+") for w in language.next_after_weekday)
    next_week = (
        tuple(Gloss(rf"{re.escape(n)}\s+(?:{after})", f"next {found[n]}") for n in days)
        if after
        else ()
    )
    return (
        *next_week,
        *(
            Gloss(rf"@\s+{re.escape(n)}\.?(?!\w)", f"@ {day}", word=False)
            for n, day in after_at.items()
        ),
        # "viernes 18", "vendredi 18": a weekday and a bare number name that day of the month
        *(
            Gloss(rf"{re.escape(n)}\s+\d{{1,2}}(?![\d:/]|[.,]\d)", f"{found[n]} the {{0}}th")
            for n in days
        ),
        *(Gloss(re.escape(n), found[n]) for n in names if n not in shortened),
        # an abbreviation is a month only next to a number ("15 out", "Dez. 2026"): alone it
        # may be a word of another language ("out", "mar")
        *(Gloss(rf"{re.escape(n)}(?=\.?\s*\d)", found[n]) for n in names if n in shortened),
        Gloss(rf"(?<=\d)(?:\.|er|º|°|\s+de)(?=\s*(?:{months})(?!\w))", "", word=False),
    )


_NUMBER = re.compile(r"\d+")
_KEY = 4  # phrases are filed under the first letters of their first word
_TOKEN = re.compile(r"\d+|\w+|[(@]")
_LEADING_WORD = re.compile(r"\w+|\\\(|@")


def _first_words(phrase: str) -> list[str]:
    """The first words a phrase can start with, as `_TOKEN` finds them in a text: "wir melden
    uns" → ["wir"], "(?:haben|hat)\\s+…" → ["haben", "hat"], "\\(\\s*[mwfd]…" → ["("]."""
    phrase = phrase.removeprefix("(?<!\\w)")
    if phrase.startswith("(?:"):
        depth, alternatives, begun = 0, [], 3
        for i, char in enumerate(phrase):
            depth += {"(": 1, ")": -1}.get(char, 0)
            if char == "|" and depth == 1:
                alternatives.append(phrase[begun:i])
                begun = i + 1
            if depth == 0:
                if phrase[i + 1 : i + 2] in ("?", "*"):
                    raise ValueError(f"a gloss must not start with an optional part: {phrase!r}")
                alternatives.append(phrase[begun:i])
                break
        return [w for a in alternatives for w in _first_words(a)]
    found = _LEADING_WORD.match(phrase)
    if found is None:
        raise ValueError(f"a gloss must start with a word or a parenthesis: {phrase!r}")
    return ["(" if found.group() == "\\(" else found.group().lower()]


@dataclass(frozen=True)
class _Tables:
    """The chosen glosses, filed by the first letters of the word they start with, each file
    one pattern; and what is read after a number ("11. Dezember")."""

    by_key: dict[str, tuple[re.Pattern[str], tuple[str, ...]]]
    after_number: re.Pattern[str] | None


def _compile(entries: list[Gloss]) -> tuple[re.Pattern[str], tuple[str, ...]]:
    # Python takes the first alternative that matches: longer phrases go first.
    entries = sorted(entries, key=lambda g: len(g.phrase), reverse=True)
    parts = []
    for n, gloss in enumerate(entries):
        body = gloss.phrase.replace(" ", r"\s+") if gloss.word else gloss.phrase
        if gloss.word:
            # a whole word, and not a piece of a slashed one ("f/u", "w/c")
            body = rf"(?<![\w/])(?:{body})(?![\w/])"
        parts.append(f"(?P<g{n}>{body})")
    return re.compile("|".join(parts), re.IGNORECASE), tuple(g.english for g in entries)


@lru_cache(maxsize=16)
def _tables(codes: tuple[str, ...]) -> _Tables:
    filed: dict[str, list[Gloss]] = {}
    after_number: list[str] = []
    for code in codes:
        language = LANGUAGES[code]
        for gloss in (*language.glosses, *_calendar_names(language)):
            if gloss.phrase.startswith("(?<=\\d)"):
                after_number.append(gloss.phrase)
                continue
            for word in dict.fromkeys(_first_words(gloss.phrase)):
                filed.setdefault(word[:_KEY], []).append(gloss)
    return _Tables(
        {key: _compile(entries) for key, entries in filed.items()},
        re.compile("|".join(after_number), re.IGNORECASE) if after_number else None,
    )


def chosen(languages: Iterable[str]) -> tuple[str, ...]:
    """The languages of `languages` that have a table (English needs none), in a fixed order."""
    wanted = {code.lower()[:2] for code in languages}
    return tuple(code for code in LANGUAGES if code in wanted)


@dataclass(frozen=True)
class Read:
    """A text in English words, where each offset came from, and whether it held a phrase of a
    language that writes numeric dates day first."""

    text: str
    corrected: Corrected
    day_first: bool


def read_in(text: str, languages: Iterable[str]) -> Read:
    """`text` with every phrase of the chosen languages in its English words.

    Linear time: the text is cut into words once; at each word only the phrases filed under its
    first letters are tried, however many languages are chosen.
    """
    codes = chosen(languages)
    if not codes:
        return Read(text, Corrected(text, tuple(range(len(text) + 1))), False)
    tables = _tables(codes)
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    # whether a word of the language itself was read, not one English shares ("dec", "week"):
    # only then are the text's numeric dates day first
    foreign = False

    def put(start: int, end: int, words: str) -> None:
        parts.append(text[pos:start])
        origin.extend(range(pos, start))
        parts.append(words)
        width = max(end - start, 1)
        origin.extend(start + min(i, width - 1) for i in range(len(words)))

    for token in _TOKEN.finditer(text):
        if token.start() < pos:
            continue  # inside a phrase already read
        word = token.group()
        pattern, english = tables.by_key.get(word[:_KEY].lower(), (None, ()))
        found = pattern.match(text, token.start()) if pattern else None
        if found is not None and found.end() > found.start():
            words = english[int(str(found.lastgroup)[1:])]
            if "{0}" in words:  # the gloss repeats the number it read
                words = words.format(_NUMBER.findall(found.group())[-1])
            put(found.start(), found.end(), words)
            foreign = foreign or found.group().lower() not in words.lower()
            pos = found.end()
            continue
        if word[0].isdigit() and tables.after_number is not None:
            after = tables.after_number.match(text, token.end())
            if after is not None and after.end() > after.start():
                put(after.start(), after.end(), "")
                pos = after.end()
    if not parts:
        return Read(text, Corrected(text, tuple(range(len(text) + 1))), False)
    parts.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return Read("".join(parts), Corrected("".join(parts), tuple(origin)), foreign)
