"""TOML config file + command-line flags → one `Settings` value (flags win).

The file lives in the platform's user config folder (`~/.config/calsync/config.toml` on Linux;
platformdirs knows the others) or wherever CALSYNC_CONFIG points. Every option of `sync` and
`plan` has a key of the same name with underscores.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import fields, replace
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from calsync.errors import ConfigError
from calsync.settings import Settings

DEFAULT_SOURCE = "google"  # SPEC: SOURCE defaults to google
DEFAULT_TARGET = "google"  # SPEC: TARGET defaults to google
RUN_KEYS = ("from", "to", "dry_run", "json", "quiet", "verbose", "allow_empty_source")


def config_path() -> Path:
    explicit = os.environ.get("CALSYNC_CONFIG")
    if explicit:
        return Path(explicit).expanduser()
    import platformdirs

    return platformdirs.user_config_path("calsync") / "config.toml"


def load_file(path: Path | None = None) -> tuple[dict[str, Any], Path]:
    """The raw table of the config file; an absent default file is an empty table."""
    path = path or config_path()
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        if os.environ.get("CALSYNC_CONFIG"):
            raise ConfigError(f"{path}: no such config file (named by CALSYNC_CONFIG)") from None
        return {}, path
    except OSError as exc:
        raise ConfigError(f"{path}: cannot be read ({exc.strerror or exc})") from None
    try:
        table = tomllib.loads(data.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return table, path


def build_settings(
    file_values: Mapping[str, Any],
    flags: Mapping[str, Any],
    *,
    today: date,
    path: Path | str = "config.toml",
) -> Settings:
    """Validate the file's keys, overlay the flags that were given, and resolve dates."""
    known = {f.name for f in fields(Settings)} | set(RUN_KEYS)
    for key in file_values:
        if key not in known:
            hint = _closest(key, known)
            raise ConfigError(
                f"{path}: unknown key {key!r}" + (f" (did you mean {hint!r}?)" if hint else "")
            )
    merged: dict[str, Any] = {k: v for k, v in file_values.items() if k not in RUN_KEYS}
    merged.update({k: v for k, v in flags.items() if v is not None and v != ()})
    values: dict[str, Any] = {}
    for key, raw in merged.items():
        origin = (
            f"{path}: {key}"
            if key not in flags or flags[key] in (None, ())
            else f"--{key.replace('_', '-')}"
        )
        values[key] = _PARSERS[key](raw, origin, today)
    settings = replace(Settings(), **values)
    if settings.since and settings.until and settings.since > settings.until:
        given = [f"--{key}" if flags.get(key) else f"{path}: {key}" for key in ("since", "until")]
        raise ConfigError(f"{given[0]} ({settings.since}) is after {given[1]} ({settings.until})")
    return settings


def run_option(file_values: Mapping[str, Any], key: str, path: Path | str) -> Any:
    """A non-Settings key of the file (`from`, `to`, `quiet` …), type-checked."""
    value = file_values.get(key)
    if value is None:
        return None
    if key in ("from", "to"):
        if not isinstance(value, str) or not value.strip():
            raise ConfigError(f'{path}: {key} must be a text value such as "google"')
        return value
    if not isinstance(value, bool):
        raise ConfigError(f"{path}: {key} must be true or false")
    return value


def _closest(key: str, known: set[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, sorted(known), n=1)
    return matches[0] if matches else None


def _text(raw: Any, origin: str, today: date) -> str:
    if not isinstance(raw, str):
        raise ConfigError(f"{origin}: must be text, not {raw!r}")
    return raw.strip()


def _optional_text(raw: Any, origin: str, today: date) -> str | None:
    return _text(raw, origin, today) or None


def _words(raw: Any, origin: str, today: date) -> tuple[str, ...]:
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list | tuple) or not all(isinstance(i, str) for i in items):
        raise ConfigError(f"{origin}: must be a list of text values")
    cleaned = tuple(i.strip() for i in items if i.strip())
    return cleaned


def _emails(raw: Any, origin: str, today: date) -> tuple[str, ...]:
    addresses = _words(raw, origin, today)
    for address in addresses:
        if "@" not in address or " " in address:
            raise ConfigError(f"{origin}: {address!r} is not an e-mail address")
    return tuple(a.lower() for a in addresses)


_RELATIVE = re.compile(
    r"^(?:(?P<sign>[+-])\s*)?(?P<n>\d+)\s*(?P<unit>d|days?|w|weeks?)(?P<ago>\s+ago)?$"
)


# the dates a range may name: wide enough for any calendar, narrow enough that the day after
# the range and the zone arithmetic around it stay inside what Python's dates can hold
EARLIEST = date(1900, 1, 1)
LATEST = date(2199, 12, 31)


def _date(raw: Any, origin: str, today: date) -> date:
    """An ISO date, `today`, or a distance from today: `-30d`, `30 days ago`, `+12w`.

    >>> _date("+99999999w", "--until", date(2026, 12, 8))
    Traceback (most recent call last):
    calsync.errors.ConfigError: --until: '+99999999w' is outside 1900-01-01 … 2199-12-31
    """
    day = _any_date(raw, origin, today)
    if not EARLIEST <= day <= LATEST:
        raise ConfigError(f"{origin}: {_shown(raw)} is outside {EARLIEST} … {LATEST}")
    return day


def _shown(raw: Any) -> str:
    text = str(raw)
    return repr(text if len(text) <= 40 else text[:40] + "…")


def _any_date(raw: Any, origin: str, today: date) -> date:
    if isinstance(raw, date):
        return raw
    if not isinstance(raw, str):
        raise ConfigError(f"{origin}: must be a date like 2026-12-01, not {raw!r}")
    text = raw.strip().lower()
    if text == "today":
        return today
    match = _RELATIVE.match(text)
    if match:
        # counted in days as a plain number first: a distance beyond the calendar is an answer
        # to give ("outside …"), not an OverflowError from date arithmetic
        digits = match["n"].lstrip("0")[:10]  # past nine digits every distance is too far
        days = int(digits or "0") * (7 if match["unit"].startswith("w") else 1)
        negative = match["sign"] == "-" or bool(match["ago"])
        ordinal = today.toordinal() + (-days if negative else days)
        if not EARLIEST.toordinal() <= ordinal <= LATEST.toordinal():
            raise ConfigError(f"{origin}: {_shown(raw)} is outside {EARLIEST} … {LATEST}")
        return date.fromordinal(ordinal)
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            f"{origin}: {_shown(raw)} is not a date (use 2026-12-01, today, -30d or +365d)"
        ) from None


def _zone(raw: Any, origin: str, today: date) -> str:
    name = _text(raw, origin, today)
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{origin}: {name!r} is not an IANA time zone (like Europe/Berlin)"
        ) from None
    return name


def _date_order(raw: Any, origin: str, today: date) -> str:
    value = _text(raw, origin, today).upper()
    if value not in ("MDY", "DMY", "YMD"):
        raise ConfigError(f"{origin}: must be MDY, DMY or YMD, not {raw!r}")
    return value


def _holidays(raw: Any, origin: str, today: date) -> str | None:
    if raw is False or (isinstance(raw, str) and raw.strip().lower() in ("", "none")):
        return "none"
    code = _text(raw, origin, today).upper()
    import holidays

    country, _, region = code.partition("-")
    supported = holidays.list_supported_countries()
    if country not in supported or (region and region not in supported[country]):
        raise ConfigError(f"{origin}: {raw!r} is not a country code the holidays package knows")
    return code


def _time(raw: Any, origin: str, today: date) -> time:
    if isinstance(raw, time):
        return raw
    try:
        return time.fromisoformat(str(raw).strip())
    except ValueError:
        raise ConfigError(f"{origin}: {raw!r} is not a time of day like 10:00") from None


def _hours(raw: Any, origin: str, today: date) -> tuple[time, time]:
    """Call hours as "09:00-17:00" (or a two-item list): a start before an end, one day."""
    parts = list(raw) if isinstance(raw, list | tuple) else str(raw).replace("–", "-").split("-")
    try:
        opens, closes = (time.fromisoformat(str(p).strip()) for p in parts)
    except ValueError:
        opens = closes = time(0)
    if not opens < closes:
        raise ConfigError(f"{origin}: {raw!r} is not a span of hours like 09:00-17:00") from None
    return opens, closes


def _int_between(low: int, high: int) -> Callable[[Any, str, date], int]:
    def parse(raw: Any, origin: str, today: date) -> int:
        try:
            value = int(raw) if not isinstance(raw, bool) and str(raw).strip().isdigit() else None
        except (TypeError, ValueError):
            value = None
        if value is None or not low <= value <= high:
            raise ConfigError(f"{origin}: must be a whole number from {low} to {high}, not {raw!r}")
        return value

    return parse


# What each key means, for people: the docs' configuration reference is generated from this
# table, the parsers below and the defaults in `Settings` (a test keeps the three in step).
KEY_HELP: dict[str, str] = {
    "from": "The source when `--from` is not given: `google`, `microsoft`, a CalDAV URL, an "
    ".ics file or an http(s)/webcal URL (default `google`).",
    "to": "The target when `--to` is not given: `google`, `microsoft`, a CalDAV URL or an "
    ".ics file (default `google`).",
    "dry_run": "Always print what would change and write nothing (`--dry-run`).",
    "json": "Machine-readable results on stdout (`--json`).",
    "quiet": "Print nothing on success, for cron (`--quiet`; `plan` prints regardless).",
    "verbose": "Debug detail on stderr (`--verbose`).",
    "allow_empty_source": "Let a source with no events at all remove the follow-ups "
    "(`--allow-empty-source`).",
    "name": "Your name, to sign the notes and scripts (default: your attendee entry's name).",
    "emails": "Your addresses, to tell you apart from interviewers (default: the address on "
    "nearly every interview).",
    "calendar": "The calendar to read: a Google id, an Outlook name or id, a CalDAV name.",
    "target_calendar": "The calendar to write into (default: the one read).",
    "since": "Interviews from this day: `2026-12-01`, `today`, `-30d`, `30 days ago`.",
    "until": "Interviews up to this day, included: `2027-06-01`, `+365d`, `+12w`.",
    "timezone": "IANA zone for floating times (default: the calendar's, else the system's).",
    "interview_words": "Replace the built-in interview words (case-insensitive whole words).",
    "exclude_words": "Replace the built-in words that mark an event as not an interview.",
    "extra_interview_words": "Add to the interview words in force (usually what you want).",
    "extra_exclude_words": "Add to the exclude words in force.",
    "date_order": "How to read numeric dates like `12/05`: `MDY`, `DMY` or `YMD`.",
    "holidays": "Whose public holidays are not business days: `US`, `GB`, `DE`, `US-CA` … or "
    "`none` (default: the calendar zone's country).",
    "call_time": "The earliest time of day for a follow-up call, like `10:00`.",
    "call_hours": "The hours you can take a call, like `09:00-17:00`, in your calendar's zone: "
    "each call goes to the first free slot inside them (and inside the employer's hours).",
    "max_calls": "At most this many follow-up calls per application.",
    "run_timeout": "The longest one run may take, in seconds: past it calsync stops before "
    "writing anything more, says so and exits 1; a lock held longer than this is reported as "
    "stuck (exit 1, naming the process).",
    "batch_size": "Google writes per batch request.",
    "reminder_minutes": "Minutes before each event its reminder pops up (0: at its start).",
    "microsoft_client_id": "The application (client) id you registered for "
    "`calsync auth --microsoft`.",
    "caldav_user": "The CalDAV login (`CALSYNC_CALDAV_USER` wins).",
    "caldav_password_command": "A command that prints the CalDAV password, e.g. "
    "`pass show fastmail`; the password itself is never stored.",
}

_PARSERS: dict[str, Callable[[Any, str, date], Any]] = {
    "name": _text,
    "emails": _emails,
    "calendar": _text,
    "target_calendar": _optional_text,
    "since": _date,
    "until": _date,
    "timezone": _zone,
    "interview_words": _words,
    "exclude_words": _words,
    "extra_interview_words": _words,
    "extra_exclude_words": _words,
    "date_order": _date_order,
    "holidays": _holidays,
    "call_time": _time,
    "call_hours": _hours,
    "max_calls": _int_between(1, 10),
    "batch_size": _int_between(1, 1000),
    "reminder_minutes": _int_between(0, 40320),
    "microsoft_client_id": _text,
    "caldav_user": _optional_text,
    "caldav_password_command": _optional_text,
    "run_timeout": _int_between(1, 86400),
}
