"""Defaults a new user never sets: public holidays, extra interview words, their own name."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click
import pytest
from click.testing import CliRunner

from calsync.cli import cli
from calsync.config import build_settings
from calsync.core.holiday_country import choose_holidays, zone_country
from calsync.core.user import user_name, with_user
from calsync.errors import ConfigError
from calsync.model import Attendee, SourceEvent
from calsync.settings import DEFAULT_EXCLUDE_WORDS, DEFAULT_INTERVIEW_WORDS, Settings
from calsync.zone_countries import zone_countries
from tests.helpers import ME, Ev, write_calendar

NY = ZoneInfo("America/New_York")


def _next_weekday_christmas() -> date:
    """The next Christmas at least two weeks away that falls on a weekday."""
    year = date.today().year
    while True:
        christmas = date(year, 12, 25)
        if christmas - date.today() >= timedelta(days=14) and christmas.weekday() < 5:
            return christmas
        year += 1


def _plan(tmp_path: Path, config: str | None = None, *, zone: str = "America/New_York") -> str:
    christmas = _next_weekday_christmas()
    # no timetable in the notes: the window opens a week after the interview, on Christmas Day
    interview = datetime.combine(christmas - timedelta(days=7), time(14), ZoneInfo(zone))
    source = write_calendar(
        tmp_path / "source.ics",
        [
            Ev(
                "acme-1",
                "Interview with Acme — Senior Engineer",
                interview,
                attendees=[("jane@acme.com", "Jane Doe", "ACCEPTED"), ME],
            )
        ],
        wr_timezone=zone,
    )
    args = ["plan", "--from", str(source), "--since", "today", "--until", "+800d"]
    env = {}
    if config is not None:
        (tmp_path / "calsync.toml").write_text(config, encoding="utf-8")
        env["CALSYNC_CONFIG"] = str(tmp_path / "calsync.toml")
    result: click.testing.Result = CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_by_default_a_call_never_lands_on_christmas_day_in_new_york(tmp_path: Path) -> None:
    output = _plan(tmp_path)
    christmas = _next_weekday_christmas()
    assert f"follow-up window: {christmas.isoformat()}" not in output
    assert "follow-up window: " in output
    assert (
        "Business days: Mon–Fri minus US public holidays "
        "(from the calendar's zone America/New_York)" in output
    )


def test_holidays_none_keeps_christmas_day_as_a_business_day(tmp_path: Path) -> None:
    output = _plan(tmp_path, 'holidays = "none"\n')
    assert f"follow-up window: {_next_weekday_christmas().isoformat()}" in output
    assert 'no holidays (holidays = "none")' in output


def test_an_explicit_country_wins_over_the_zone(tmp_path: Path) -> None:
    output = _plan(tmp_path, 'holidays = "DE"\nlanguage = "en"\n')  # DE alone writes German
    assert "minus DE public holidays (config)" in output
    assert f"follow-up window: {_next_weekday_christmas().isoformat()}" not in output


@pytest.mark.parametrize(
    ("zone", "country"),
    [
        ("America/New_York", "US"),
        ("America/Los_Angeles", "US"),
        ("US/Eastern", "US"),
        ("Europe/London", "GB"),
        ("Europe/Berlin", "DE"),
        ("Asia/Kolkata", "IN"),
        ("Asia/Calcutta", "IN"),
        ("Europe/Kiev", "UA"),
        ("GB", "GB"),
        ("Australia/Sydney", "AU"),
        ("America/Toronto", "CA"),
        ("UTC", None),
        ("Etc/GMT+5", None),
        ("", None),
    ],
)
def test_a_zone_names_its_country(zone: str, country: str | None) -> None:
    assert zone_country(zone, zone_countries()) == country


def test_without_a_calendar_zone_the_system_zone_chooses() -> None:
    choice = choose_holidays(None, None, "Europe/Paris", zone_countries())
    assert choice.country == "FR"
    assert choice.line.endswith("(from the system zone Europe/Paris)")
    assert choose_holidays(None, "UTC", "UTC", zone_countries()).country is None


# --- extra interview and exclude words -------------------------------------------------------


def _settings(**values: object) -> Settings:
    return build_settings(values, {}, today=date(2026, 12, 1), path="calsync.toml")


def test_extra_words_add_to_the_built_in_lists() -> None:
    settings = _settings(extra_interview_words=["standup"], extra_exclude_words=["solar"])
    assert settings.interview_words == (*DEFAULT_INTERVIEW_WORDS, "standup")
    assert settings.exclude_words == (*DEFAULT_EXCLUDE_WORDS, "solar")


def test_interview_words_still_replace_and_extras_add_to_the_replacement() -> None:
    settings = _settings(interview_words=["coffee chat"], extra_interview_words=["standup"])
    assert settings.interview_words == ("coffee chat", "standup")


def test_extra_words_are_not_added_twice() -> None:
    settings = _settings(extra_interview_words=["Interview", "standup", "standup"])
    assert settings.interview_words.count("standup") == 1
    assert "Interview" not in settings.interview_words


def test_extra_words_must_be_a_list_of_text() -> None:
    with pytest.raises(ConfigError, match="extra_interview_words: must be a list"):
        _settings(extra_interview_words=[1, 2])


def test_extra_interview_words_find_the_interviews_the_built_ins_miss(tmp_path: Path) -> None:
    start = datetime.combine(date.today() + timedelta(days=10), time(10), NY)
    source = write_calendar(
        tmp_path / "source.ics",
        [
            Ev("a", "Interview with Acme", start, attendees=[ME]),
            Ev("b", "Coffee chat with Globex", start + timedelta(days=1), attendees=[ME]),
        ],
    )
    (tmp_path / "c.toml").write_text('extra_interview_words = ["coffee chat"]\n')
    result = CliRunner().invoke(
        cli, ["plan", "--from", str(source)], env={"CALSYNC_CONFIG": str(tmp_path / "c.toml")}
    )
    assert result.exit_code == 0, result.output
    assert "Interview with Acme" in result.output
    assert "Coffee chat with Globex" in result.output


# --- the user's name ----------------------------------------------------------------------------


def _invite(*people: Attendee) -> SourceEvent:
    start = datetime(2026, 12, 8, 10, tzinfo=NY)
    return SourceEvent(
        id="x", title="Interview", start=start, end=start, tz="UTC", attendees=people
    )


def test_the_attendee_who_is_the_user_names_them() -> None:
    events = [
        _invite(Attendee(email=ME[0], name="Alex Rivera"), Attendee("j@acme.com", "Jane Doe")),
        _invite(Attendee(email="me@elsewhere.org", name="A. Rivera", is_self=True)),
        _invite(Attendee(email=ME[0], name="Alex Rivera")),
    ]
    assert user_name(events, frozenset({ME[0]})) == "Alex Rivera"
    assert user_name(events, frozenset()) == "A. Rivera"
    assert user_name([_invite(Attendee(email=ME[0], name=ME[0]))], frozenset({ME[0]})) == ""


def test_a_given_name_wins_over_the_calendars() -> None:
    events = [_invite(Attendee(email=ME[0], name="Alex Rivera"))]
    given = with_user(Settings(name="Alex R.", emails=(ME[0],)), events, holidays="US")
    assert (given.name, given.holidays) == ("Alex R.", "US")
    guessed = with_user(Settings(emails=(ME[0],)), events, holidays=None)
    assert guessed.name == "Alex Rivera"


def test_scripts_are_signed_with_the_users_attendee_name(tmp_path: Path) -> None:
    start = datetime.combine(date.today() + timedelta(days=10), time(10), NY)
    source = write_calendar(
        tmp_path / "source.ics",
        [Ev("a", "Interview with Acme", start, attendees=[("jane@acme.com", "Jane Doe", ""), ME])],
    )
    result = CliRunner().invoke(
        cli, ["sync", "--from", str(source), "--to", "out.ics", "--email", ME[0]]
    )
    assert result.exit_code == 0, result.output
    written = (tmp_path / "out.ics").read_text(encoding="utf-8").replace("\r\n ", "")
    assert "[Your name]" not in written
    assert "Alex Rivera" in written


@pytest.mark.parametrize(
    ("raw", "stored"), [("us", "US"), ("US-CA", "US-CA"), ("none", "none"), (False, "none")]
)
def test_the_holidays_key_takes_a_country_a_region_or_none(raw: object, stored: str) -> None:
    assert _settings(holidays=raw).holidays == stored


def test_an_unknown_holiday_region_is_refused() -> None:
    with pytest.raises(ConfigError, match="holidays: 'US-ZZ' is not a country code"):
        _settings(holidays="US-ZZ")
