"""Applications through the CLI on .ics: a later round takes over the follow-up call.

Dates are relative to today, since the CLI runs with the real clock.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import click.testing
import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, read_events, write_calendar

NY = ZoneInfo("America/New_York")
ROLE = "Backend Engineer at Hooli"


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("TZ", "America/New_York")
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


def _day(offset: int, hour: int = 10) -> datetime:
    return datetime.combine(date.today() + timedelta(days=offset), time(hour), NY)


SCREEN = Ev(
    "hooli-screen",
    "Phone screen - Hooli - Senior Backend Engineer",
    _day(3),
    attendees=[("gavin@hooli.com", "Gavin Belson", "ACCEPTED"), ME],
    organizer=("gavin@hooli.com", "Gavin Belson"),
)


def _final(partstat: str = "ACCEPTED") -> Ev:
    return Ev(
        "hooli-final",
        "Final round at Hooli for Backend Engineer",
        _day(9, 14),
        attendees=[
            ("denise@hooli.com", "Denise Chan", "ACCEPTED"),
            (ME[0], ME[1], partstat),
        ],
        organizer=("denise@hooli.com", "Denise Chan"),
    )


def _invoke(*args: str) -> click.testing.Result:
    return CliRunner().invoke(cli, [*args, "--email", ME[0]], catch_exceptions=False)


def _sync(source: Path, out: Path, *extra: str) -> click.testing.Result:
    result = _invoke("sync", "--from", str(source), "--to", str(out), *extra)
    assert result.exit_code == 0, result.output
    return result


def _active(out: Path) -> dict[str, tuple[str, str]]:
    """Live events by title → (source id, start)."""
    return {
        str(e["SUMMARY"]): (str(e["X-CALSYNC-SOURCE"]), e["DTSTART"].dt.isoformat())
        for e in read_events(out).values()
        if str(e.get("STATUS")) != "CANCELLED"
    }


def _call_of(out: Path, source_id: str) -> str:
    (uid,) = [
        uid
        for uid, e in read_events(out).items()
        if str(e["X-CALSYNC-KIND"]) == "follow-up-call" and str(e["X-CALSYNC-SOURCE"]) == source_id
    ]
    return uid


def test_a_later_round_takes_the_call_and_a_declined_one_gives_it_back(tmp_path: Path) -> None:
    source, out = tmp_path / "calendar.ics", tmp_path / "followups.ics"
    write_calendar(source, [SCREEN])
    _sync(source, out)
    screen_call = _call_of(out, "hooli-screen")
    assert f"Follow-up call — Senior {ROLE}" in _active(out)

    # the final round is booked: the screen's pending call goes, with the reason
    write_calendar(source, [SCREEN, _final()])
    final_day = _day(9).date().isoformat()
    preview = _sync(source, out, "--dry-run")
    assert f"a later round is scheduled on {final_day}" in preview.output
    result = json.loads(_sync(source, out, "--json", "--dry-run").output)
    assert _sync(source, out).output.count(f"(a later round is scheduled on {final_day})") == 1
    cancelled = [a for a in result["actions"] if a["op"] == "cancel"]
    assert [(a["id"], a["reason"]) for a in cancelled] == [
        (screen_call.split("@")[0], f"a later round is scheduled on {final_day}")
    ]
    events = read_events(out)
    assert str(events[screen_call]["STATUS"]) == "CANCELLED"
    active = _active(out)
    assert active[f"Follow-up call — {ROLE}"][0] == "hooli-final"
    thanks = [src for title, (src, _) in active.items() if title.startswith("Send thank-you")]
    assert sorted(thanks) == ["hooli-final", "hooli-screen"]
    # the call script names the position, the latest round and every round so far
    final_call = events[_call_of(out, "hooli-final")]
    script = str(final_call["DESCRIPTION"])
    assert "Rounds so far (2):" in script
    assert "Phone screen - Hooli - Senior Backend Engineer (with Gavin Belson)" in script
    assert f"Position: {ROLE}" in script

    # a rerun writes nothing
    before = out.read_bytes()
    again = _sync(source, out)
    assert "up to date" in again.output
    assert out.read_bytes() == before

    # the user declines the final round: it no longer counts, the screen's call comes back
    write_calendar(source, [SCREEN, _final("DECLINED")])
    _sync(source, out)
    events = read_events(out)
    assert str(events[screen_call]["STATUS"]) != "CANCELLED"
    assert _active(out)[f"Follow-up call — Senior {ROLE}"][0] == "hooli-screen"
    assert str(events[_call_of(out, "hooli-final")]["STATUS"]) == "CANCELLED"
    before = out.read_bytes()
    _sync(source, out)
    assert out.read_bytes() == before


def test_an_earlier_call_the_user_edited_stays(tmp_path: Path) -> None:
    source, out = tmp_path / "calendar.ics", tmp_path / "followups.ics"
    write_calendar(source, [SCREEN])
    _sync(source, out)
    title = f"SUMMARY:Follow-up call — Senior {ROLE}\r\n".encode()
    data = out.read_bytes()
    assert title in data
    out.write_bytes(data.replace(title, b"SUMMARY:Call Gavin about the screen\r\n"))

    write_calendar(source, [SCREEN, _final()])
    _sync(source, out)
    active = _active(out)
    assert active["Call Gavin about the screen"][0] == "hooli-screen"
    assert active[f"Follow-up call — {ROLE}"][0] == "hooli-final"
    before = out.read_bytes()
    _sync(source, out)
    assert out.read_bytes() == before


def test_plan_groups_rounds_into_one_application(tmp_path: Path) -> None:
    other = Ev(
        "hooli-pm",
        "Interview: Product Manager at Hooli",
        _day(5),
        attendees=[("jian@hooli.com", "Jian Yang", "ACCEPTED"), ME],
    )
    source = write_calendar(tmp_path / "calendar.ics", [SCREEN, other, _final()])
    text = _invoke("plan", "--from", str(source))
    assert text.exit_code == 0, text.output
    assert "3 interviews in" in text.output and "2 applications" in text.output
    assert f"{ROLE} (2 rounds)" in text.output
    assert "Product Manager at Hooli (1 round)" in text.output
    assert "no follow-up call: a later round is scheduled on" in text.output

    payload = json.loads(_invoke("plan", "--from", str(source), "--json").output)
    assert len(payload["interviews"]) == 3  # the per-interview list stays
    apps = {a["role"]: a for a in payload["applications"]}
    hooli = apps["Backend Engineer"]
    assert [r["source_id"] for r in hooli["rounds"]] == ["hooli-screen", "hooli-final"]
    assert [len(r["thank_you"]) for r in hooli["rounds"]] == [1, 1]
    assert hooli["rounds"][0]["call_removed"].startswith("a later round is scheduled on")
    assert hooli["rounds"][1]["interviewers"] == [
        {"name": "Denise Chan", "email": "denise@hooli.com"}
    ]
    assert hooli["call_round"] == "hooli-final"
    assert hooli["call"]["followups"][0]["title"] == f"Follow-up call — {ROLE}"
    assert apps["Product Manager"]["call_round"] == "hooli-pm"
