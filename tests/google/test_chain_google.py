"""The follow-up chain on Google: the user types outcomes into calsync's call events in Google
Calendar (an edit calsync must read but never overwrite), and each sync plans the next step."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.server import CalendarEmulator
from tests.google.test_sync_google import interview, ours, run, theirs

COMPANY = "Initech: Onsite (Product Manager)"


@pytest.fixture(autouse=True)
def _env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.delenv("CALSYNC_CONFIG", raising=False)


@pytest.fixture
def google(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    with CalendarEmulator() as emulator:
        token = emulator.make_token_file(tmp_path / "token.json")
        monkeypatch.setenv("CALSYNC_TOKEN", str(token))
        monkeypatch.setenv("CALSYNC_API_ENDPOINT", emulator.url)
        # the interview was three weeks ago, so every call so far is already in the past
        interview(emulator, "initechpm01", COMPANY, -21)
        emulator.put_event(
            "primary",
            {
                "id": "lunch00001",
                "summary": "Lunch",
                "start": {"date": date.today().isoformat()},
                "end": {"date": (date.today() + timedelta(days=1)).isoformat()},
            },
        )
        yield emulator


def call(google: CalendarEmulator, number: int) -> tuple[str, dict[str, Any]]:
    prefix = "Follow-up call — " if number == 1 else f"Follow-up call #{number} — "
    found = [(i, e) for i, e in ours(google).items() if e["summary"].startswith(prefix)]
    assert len(found) == 1, [e["summary"] for e in ours(google).values()]
    return found[0]


def day_of(event: dict[str, Any]) -> date:
    return datetime.fromisoformat(event["start"]["dateTime"]).date()


def write(google: CalendarEmulator, number: int, note: str) -> str:
    """The user adds a line to the call's notes in Google Calendar."""
    event_id, event = call(google, number)
    google.edit_event("primary", event_id, description=event["description"] + "\n" + note)
    return event_id


def when(day: date) -> str:
    return f"{day:%b} {day.day}"


def test_three_calls_then_an_offer(google: Any) -> None:
    before = theirs(google)
    assert run().exit_code == 0
    first = day_of(call(google, 1)[1])
    write(google, 1, f"No decision yet, call again {when(first + timedelta(days=7))}")
    assert run().exit_code == 0
    second = day_of(call(google, 2)[1])
    assert second >= first + timedelta(days=7)
    write(google, 2, f"Decision pushed to {when(second + timedelta(days=3))}")
    assert run().exit_code == 0
    _, third = call(google, 3)
    assert day_of(third) > second + timedelta(days=3)
    notes = write(google, 3, "Got the offer!")
    result = run("--json")
    assert result.exit_code == 0
    assert '"create": 0' in result.output
    assert len(ours(google)) == 4  # a thank-you note and three calls
    assert "Got the offer!" in ours(google)[notes]["description"]
    assert theirs(google) == before


def test_a_rejection_plans_exactly_one_more_thank_you(google: Any) -> None:
    run()
    write(google, 1, "Not moving forward: they went with another candidate.")
    for _ in range(3):
        assert run().exit_code == 0
    titles = [e["summary"] for e in ours(google).values()]
    assert titles.count("Send another thank-you note — Product Manager at Initech") == 1
    assert len(titles) == 3


def test_editing_the_outcome_again_replans_the_untouched_next_call(google: Any) -> None:
    run()
    first = day_of(call(google, 1)[1])
    first_id = write(google, 1, f"call again {when(first + timedelta(days=30))}")
    run()
    assert day_of(call(google, 2)[1]) >= first + timedelta(days=30)
    event = google.get("primary", first_id)
    assert event is not None
    google.edit_event(
        "primary",
        first_id,
        description=event["description"].rsplit("\n", 1)[0]
        + f"\ncall again {when(first + timedelta(days=40))}",
    )
    run()
    assert day_of(call(google, 2)[1]) >= first + timedelta(days=40)
    second_id = call(google, 2)[0]
    event = google.get("primary", first_id)
    assert event is not None
    google.edit_event(
        "primary",
        first_id,
        description=event["description"].rsplit("\n", 1)[0] + "\nThey chose someone else.",
    )
    run()
    assert second_id not in ours(google)  # the untouched future call is withdrawn
    assert any(e["summary"].startswith("Send another thank-you") for e in ours(google).values())


def test_max_calls_ends_the_chain(google: Any, tmp_path: Path, monkeypatch: Any) -> None:
    config = tmp_path / "calsync.toml"
    config.write_text("max_calls = 2\n")
    monkeypatch.setenv("CALSYNC_CONFIG", str(config))
    run()
    first = day_of(call(google, 1)[1])
    write(google, 1, f"call again {when(first + timedelta(days=2))}")
    run()
    write(google, 2, f"still waiting; call again {when(first + timedelta(days=9))}")
    result = run()
    assert result.exit_code == 0
    assert not any(e["summary"].startswith("Follow-up call #3") for e in ours(google).values())
    assert len(ours(google)) == 3


def test_notes_typed_in_google_calendars_web_editor_are_read(google: Any) -> None:
    """Google's web editor saves an edited description as HTML; calsync's own lines must still
    be told apart from the one the user added."""
    import html

    run()
    event_id, event = call(google, 1)
    first = day_of(event)
    lines = [html.escape(line) for line in event["description"].split("\n")]
    lines[3] = f'<a href="https://example.com">{lines[3]}</a>' if lines[3] else lines[3]
    rich = (
        "<br>".join(lines)
        + f"<br><br><b>No decision yet — call again {when(first + timedelta(days=6))}</b>"
    )
    google.edit_event("primary", event_id, description=rich)
    assert run().exit_code == 0
    second = day_of(call(google, 2)[1])
    assert first + timedelta(days=6) <= second <= first + timedelta(days=8)
    assert ours(google)[event_id]["description"] == rich  # read, never overwritten


def test_plan_reads_outcomes_from_the_calendar_the_follow_ups_live_in(google: Any) -> None:
    import json

    from click.testing import CliRunner

    from calsync.cli import cli

    target = "c0ffee@group.calendar.google.com"
    google.add_calendar(target)
    assert run("--target-calendar", target).exit_code == 0
    [(event_id, event)] = [
        (i, e) for i, e in ours(google, target).items() if e["summary"].startswith("Follow-up")
    ]
    google.edit_event(target, event_id, description=event["description"] + "\nGot the offer!")
    result = CliRunner().invoke(cli, ["plan", "--target-calendar", target, "--json"])
    assert result.exit_code == 0, result.output
    [planned] = json.loads(result.output)["interviews"]
    assert planned["chain"][0]["outcome"] == "offer"
    assert planned["next_step"] == "chain ends: an offer"
