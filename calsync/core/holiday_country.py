"""Which country's public holidays are not business days, when the user did not say.

A call planned on Christmas Day helps nobody, yet most users never set `holidays`. The
calendar's time zone names a country nearly always (America/New_York → US), so that is the
default; `holidays = "none"` turns holidays off and an explicit country wins.

Which country a zone is in is data the tz database ships (`zone.tab`); the edge reads it
(`calsync.zone_countries`) and hands it in, so the core needs no disk to answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

OFF = "none"


def zone_country(zone: str | None, countries: Mapping[str, str]) -> str | None:
    """The ISO 3166 country of an IANA zone, or None (UTC, Etc/…, unknown names).

    >>> table = {"America/New_York": "US", "Europe/Berlin": "DE"}
    >>> zone_country("America/New_York", table), zone_country(" Europe/Berlin", table)
    ('US', 'DE')
    >>> zone_country("UTC", table) is None
    True
    """
    if not zone:
        return None
    return countries.get(zone.strip())


@dataclass(frozen=True)
class HolidayChoice:
    """The country whose holidays count (None: none) and a line saying why, for `plan`."""

    country: str | None
    line: str


def _supported(country: str) -> bool:
    import holidays

    return country.partition("-")[0] in holidays.list_supported_countries()


def choose_holidays(
    setting: str | None,
    calendar_zone: str | None,
    system_zone: str | None,
    countries: Mapping[str, str],
) -> HolidayChoice:
    """The holidays a run uses: the configured country, none, or the zone's country
    (`countries`: zone → country, as the tz database's zone.tab says).

    >>> choose_holidays(None, "America/New_York", "UTC", {"America/New_York": "US"}).line
    "Business days: Mon–Fri minus US public holidays (from the calendar's zone America/New_York)"
    >>> choose_holidays("none", "America/New_York", None, {}).country is None
    True
    """
    if setting and setting.strip().lower() == OFF:
        return HolidayChoice(None, 'Business days: Mon–Fri, no holidays (holidays = "none")')
    if setting:
        code = setting.strip().upper()
        return HolidayChoice(code, f"Business days: Mon–Fri minus {code} public holidays (config)")
    for zone, whose in ((calendar_zone, "the calendar's zone"), (system_zone, "the system zone")):
        country = zone_country(zone, countries)
        if country and _supported(country):
            return HolidayChoice(
                country,
                f"Business days: Mon–Fri minus {country} public holidays (from {whose} {zone})",
            )
    zones = " or ".join(z for z in (calendar_zone, system_zone) if z) or "no zone"
    return HolidayChoice(
        None, f"Business days: Mon–Fri, no holidays (no country known for {zones}; set holidays)"
    )
