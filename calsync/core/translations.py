"""calsync's own words in the user's language: the gettext catalogs in `calsync/locale/<lang>/
LC_MESSAGES/calsync.po`, and dates as that locale writes them (CLDR, through Babel).

English is the source language: its words are the message ids themselves and its dates keep
calsync's own spelled-out form, so an English run loads neither a catalog nor Babel. A catalog
is read from its `.po` file by Babel the first time a run writes in that language: the file in
the repository is the one that is used, in a source checkout, an editable install or a wheel
alike, with no compile step to forget (it costs a few milliseconds, once per run).

>>> english = words("en")
>>> english("Call on: {day}", day=english.long_date(date(2026, 12, 14)))
'Call on: Monday, December 14, 2026'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

ENGLISH = "en"
# The CLDR locale each language writes its dates in (Portuguese as Brazilian job seekers do).
LOCALES: Mapping[str, str] = {
    "en": "en_US", "de": "de_DE", "fr": "fr_FR", "es": "es_ES", "pt": "pt_BR", "nl": "nl_NL",
    "it": "it_IT",
}  # fmt: skip
DOMAIN = "calsync"
# A weekday and a day of the month as each language writes them in a sentence (CLDR patterns:
# the names come from CLDR, the order and the little words from the language).
_DAY_AND_MONTH: Mapping[str, str] = {
    "de": "EEEE, d. MMMM", "fr": "EEEE d MMMM", "es": "EEEE d 'de' MMMM",
    "pt": "EEEE, d 'de' MMMM", "nl": "EEEE d MMMM", "it": "EEEE d MMMM",
}  # fmt: skip
# Where a note to an employer greets the person by their whole name ("Guten Tag Anna Weber,",
# "Beste Anna de Vries,"); English and Brazilian notes use the first name.
FORMAL_GREETING = frozenset({"de", "fr", "es", "nl", "it"})

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class Words:
    """One language's messages and date forms. Called with an English message and its fields,
    it gives the message in this language with the fields filled in."""

    language: str
    messages: Mapping[str, str] = field(default_factory=dict, repr=False)

    def __call__(self, message: str, /, **fields: object) -> str:
        text = self.messages.get(message) or message
        return text.format(**fields) if fields else text

    @property
    def formal_greeting(self) -> bool:
        return self.language in FORMAL_GREETING

    @property
    def locale(self) -> str:
        return LOCALES.get(self.language, LOCALES[ENGLISH])

    def long_date(self, day: date) -> str:
        """ "Tuesday, November 24, 2026", "Dienstag, 24. November 2026": spelled out, so no
        reader confuses day and month."""
        if self.language == ENGLISH:
            return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"
        from babel.dates import format_date

        return format_date(day, "full", locale=self.locale)

    def day_and_month(self, day: date) -> str:
        """ "Tuesday, November 24", "mardi 24 novembre"."""
        if self.language == ENGLISH:
            return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"
        from babel.dates import format_date

        return format_date(day, _DAY_AND_MONTH[self.language], locale=self.locale)

    def short_date(self, day: date) -> str:
        """ "Dec 28" in English; elsewhere the form people type in a note ("28.12.", "28/12",
        "28 december"), which calsync reads back when the user writes it there."""
        if self.language == ENGLISH:
            return f"{_MONTHS[day.month - 1][:3]} {day.day}"
        if self.language == "de":
            return f"{day.day}.{day.month}."
        if self.language == "nl":  # "22-12" reads as a range as often as a date
            from babel.dates import format_date

            return format_date(day, "d MMMM", locale=self.locale)
        return f"{day.day}/{day.month}"

    def clock(self, moment: datetime) -> str:
        """ "2:00 PM", "14:00"."""
        if self.language == ENGLISH:
            hour = moment.hour % 12 or 12
            return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"
        from babel.dates import format_time

        return format_time(moment, "short", locale=self.locale)


def catalog_path(language: str) -> Traversable:
    return resources.files("calsync") / "locale" / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=8)
def words(language: str | None) -> Words:
    """The words of `language` ("de"); English for None or for a language with no catalog."""
    code = (language or ENGLISH).lower().split("_")[0]
    if code == ENGLISH or code not in LOCALES:
        return Words(ENGLISH)
    from babel.messages.pofile import read_po

    with catalog_path(code).open("rb") as po:
        catalog = read_po(po, locale=LOCALES[code], domain=DOMAIN)
    return Words(
        code,
        {
            m.id: m.string
            for m in catalog
            if isinstance(m.id, str) and m.id and isinstance(m.string, str) and m.string
        },
    )
