"""Applications on Google, through the real client and the local API emulator: a later round
takes over the follow-up call; a declined later round gives it back; an edited call stays."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.emulator.server import CalendarEmulator
from tests.emulator.store import USER_EMAIL
from tests.google.test_sync_google import _at, interview, ours, run, theirs

SCREEN = "Phone screen - Hooli - Senior Backend Engineer"
FINAL = "Final round at Hooli for Backend Engineer"


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
        interview(emulator, "hooliscreen1", SCREEN, 3)
        yield emulator


def calls(google: CalendarEmulator) -> dict[str, str]:
    """calsync's live follow-up calls: id → the round's source id."""
    return {
        i: e["extendedProperties"]["private"]["calsync_source"]
        for i, e in ours(google).items()
        if e["extendedProperties"]["private"]["calsync_kind"] == "follow-up-call"
    }


def sync_json() -> dict[str, Any]:
    result = run("--json")
    assert result.exit_code == 0, result.output
    payload: dict[str, Any] = json.loads(result.output)
    return payload


def test_a_later_round_takes_the_call_and_a_declined_one_gives_it_back(google: Any) -> None:
    sync_json()
    ((screen_call, source),) = calls(google).items()
    assert source == "hooliscreen1"

    interview(google, "hoolifinal01", FINAL, 9)
    before = theirs(google)
    payload = sync_json()
    final_day = _at(9).date().isoformat()
    cancelled = [a for a in payload["actions"] if a["op"] == "cancel"]
    assert [(a["id"], a["reason"]) for a in cancelled] == [
        (screen_call, f"a later round is scheduled on {final_day}")
    ]
    assert list(calls(google).values()) == ["hoolifinal01"]
    thanks = [e for e in ours(google).values() if e["summary"].startswith("Send thank-you")]
    assert len(thanks) == 2
    again = sync_json()
    assert not again["written"]
    assert theirs(google) == before  # only calsync's own events were touched
    assert all(a["op"] == "keep" for a in again["actions"])

    # the user declines the final round: the screen's call comes back, under its own id
    google.edit_event(
        "primary",
        "hoolifinal01",
        attendees=[
            {"email": USER_EMAIL, "self": True, "responseStatus": "declined"},
            {"email": "lead@hoolifinal01.com", "displayName": "Jane Doe"},
        ],
    )
    before = theirs(google)
    sync_json()
    assert calls(google) == {screen_call: "hooliscreen1"}
    assert not sync_json()["written"]
    assert theirs(google) == before


def test_an_earlier_call_the_user_edited_stays(google: Any) -> None:
    sync_json()
    ((screen_call, _),) = calls(google).items()
    google.edit_event("primary", screen_call, summary="Call Gavin about the screen")

    interview(google, "hoolifinal01", FINAL, 9)
    sync_json()
    live = calls(google)
    assert live[screen_call] == "hooliscreen1"
    assert ours(google)[screen_call]["summary"] == "Call Gavin about the screen"
    assert sorted(live.values()) == ["hoolifinal01", "hooliscreen1"]
    assert not sync_json()["written"]
