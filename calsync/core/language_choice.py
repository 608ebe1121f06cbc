"""Which languages a run reads and which one it writes: the config's, else English, the
language of the calendar's country (the same zone → country that picks the holidays) and the
system locale's.

A country's languages are CLDR's official languages of that territory (through Babel), the first
one calsync knows: "DE" → German, "BR" → Portuguese, "BE" → Dutch, "US" → none besides English.

>>> reading_languages(None, "DE", "fr_FR.UTF-8")
('en', 'de', 'fr')
>>> writing_language(None, "ES"), writing_language(None, "US"), writing_language("it", "DE")
('es', 'en', 'it')
"""

from __future__ import annotations

from functools import lru_cache

from calsync.core.reading.languages import ENGLISH, SUPPORTED


@lru_cache(maxsize=32)
def country_language(country: str | None) -> str | None:
    """The first official language of `country` ("DE", "BR", "AT-9") that calsync reads."""
    if not country:
        return None
    from babel.languages import get_official_languages

    for language in get_official_languages(country.partition("-")[0].upper()):
        code = language.split("_")[0]
        if code in SUPPORTED:
            return code
    return None


def locale_language(system_locale: str | None) -> str | None:
    """The language of a locale name as the system gives it: "de_DE.UTF-8" → "de"."""
    if not system_locale:
        return None
    code = system_locale.split(".")[0].split("_")[0].split("-")[0].lower()
    return code if code in SUPPORTED else None


def reading_languages(
    setting: tuple[str, ...] | None, country: str | None, system_locale: str | None
) -> tuple[str, ...]:
    """The configured languages, else English, the country's and the system locale's."""
    if setting is not None:
        return setting
    found = [ENGLISH]
    for code in (country_language(country), locale_language(system_locale)):
        if code and code not in found:
            found.append(code)
    return tuple(found)


def writing_language(setting: str | None, country: str | None) -> str:
    """The configured language, else the calendar country's, else English."""
    return setting or country_language(country) or ENGLISH
