"""Which country each IANA time zone is in, read from the `tzdata` package (the edge: disk).

The tz database ships this as data: `zone.tab` names one country per zone, and the `L TARGET
LINK` lines of `tzdata.zi` give the old names calendars exported years ago still use
("Asia/Calcutta", "US/Eastern", "GB"), each a link to a zone that has a country. Read once per
process and handed to the core (`calsync.core.holiday_country`), which reads no disk.

>>> zone_countries()["America/New_York"], zone_countries()["Asia/Calcutta"]
('US', 'IN')
"""

from __future__ import annotations

from functools import cache
from importlib import resources


def _resource(name: str) -> str:
    try:
        return (resources.files("tzdata") / "zoneinfo" / name).read_text(encoding="utf-8")
    except (ModuleNotFoundError, OSError):  # no tzdata: no country from the zone (holidays off)
        return ""


def parse_zone_tab(text: str) -> dict[str, str]:
    """zone → country from zone.tab lines: `CC<TAB>coordinates<TAB>Zone[<TAB>comment]`."""
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) >= 3 and len(fields[0]) == 2:
            table[fields[2].strip()] = fields[0]
    return table


def parse_links(text: str) -> dict[str, str]:
    """link name → the zone it stands for, from tzdata.zi's `L TARGET LINK` lines."""
    links: dict[str, str] = {}
    for line in text.splitlines():
        words = line.split()
        if len(words) == 3 and words[0] == "L":
            links[words[2]] = words[1]
    return links


@cache
def zone_countries() -> dict[str, str]:
    """Every zone and link name the installed tz database knows a country for."""
    table = parse_zone_tab(_resource("zone.tab"))
    for link, target in parse_links(_resource("tzdata.zi")).items():
        if link not in table and target in table:
            table[link] = table[target]
    return table
