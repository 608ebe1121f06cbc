"""The languages calsync reads besides English, one table each, and the one pass that reads a
text through the chosen tables.

The readers of titles, dates, timeline statements and outcomes understand English; a German
note is read by putting each German phrase's English words in its place ("Entscheidung bis
Freitag, 11.12." → "decision by Friday, 11.12."), with a map back to the offsets of the words the
user wrote, so `plan` quotes them. Month and weekday names come from CLDR through Babel, loaded
the first time a language is read (never for `--help`).

All chosen tables are one regular expression, tried once at each offset of the text: reading
stays linear in the text's length, whatever the number of languages.

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
    for context in ("format", "stand-alone"):
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, context, language.locale).items():
                plain = name.rstrip(".").lower()
                if len(plain) >= 3:
                    found.setdefault(plain, _ENGLISH_MONTHS[number - 1])
        for number, name in get_day_names("wide", context, language.locale).items():
            found.setdefault(name.lower(), _ENGLISH_DAYS[number])
    names = sorted(found, key=len, reverse=True)
    months = "|".join(re.escape(n) for n in names if found[n] in _ENGLISH_MONTHS)
    return (
        *(Gloss(rf"{re.escape(n)}\.?", found[n]) for n in names),
        Gloss(rf"(?<=\d)(?:\.|er|º|°|\s+de)(?=\s*(?:{months})(?!\w))", "", word=False),
    )


@lru_cache(maxsize=16)
def _pattern(codes: tuple[str, ...]) -> tuple[re.Pattern[str], tuple[str, ...]] | None:
    entries: list[Gloss] = []
    for code in codes:
        language = LANGUAGES[code]
        entries.extend(language.glosses)
        entries.extend(_calendar_names(language))
    if not entries:
        return None
    # Python takes the first alternative that matches: longer phrases go first.
    entries.sort(key=lambda g: len(g.phrase), reverse=True)
    parts = []
    for n, gloss in enumerate(entries):
        body = gloss.phrase.replace(" ", r"\s+") if gloss.word else gloss.phrase
        if gloss.word:
            body = rf"(?<!\w)(?:{body})(?!\w)"
        parts.append(f"(?P<g{n}>{body})")
    return re.compile("|".join(parts), re.IGNORECASE), tuple(g.english for g in entries)


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
    """`text` with every phrase of the chosen languages in its English words (linear time)."""
    codes = chosen(languages)
    compiled = _pattern(codes) if codes else None
    if compiled is None:
        return Read(text, Corrected(text, tuple(range(len(text) + 1))), False)
    pattern, english = compiled
    parts: list[str] = []
    origin: list[int] = []
    pos = 0
    for m in pattern.finditer(text):
        if m.end() == m.start():
            continue
        words = english[int(str(m.lastgroup)[1:])]
        parts.append(text[pos : m.start()])
        origin.extend(range(pos, m.start()))
        parts.append(words)
        width = m.end() - m.start()
        origin.extend(m.start() + min(i, width - 1) for i in range(len(words)))
        pos = m.end()
    if not parts:
        return Read(text, Corrected(text, tuple(range(len(text) + 1))), False)
    parts.append(text[pos:])
    origin.extend(range(pos, len(text) + 1))
    return Read("".join(parts), Corrected("".join(parts), tuple(origin)), True)
