"""Applications, written once and run against every backend (see harness.py).

Several rounds with one employer for one position are one hiring process: every round keeps its
thank-you note, only the latest round gets the follow-up call. Grouping and planning are core
logic above the adapters, so a user must see the same on an .ics file, Google and Outlook.
"""

from __future__ import annotations

import json
from datetime import datetime

from tests.contract.harness import Harness, Interview, Seen, at

SCREEN = Interview("acmeround1", "Acme", days=3)
ONSITE = Interview("acmeround2", "Acme", days=9)
CALL = "Follow-up call — Data Analyst at Acme"
THANKS = "Send thank-you note — Data Analyst at Acme"


def _live(harness: Harness) -> dict[str, Seen]:
    return {i: s for i, s in harness.followups().items() if s.live}


def _calls(harness: Harness) -> dict[str, datetime]:
    """calsync's live follow-up calls: id → start."""
    return {i: s.start for i, s in _live(harness).items() if s.title.startswith("Follow-up call")}


def _titled(harness: Harness, prefix: str) -> set[str]:
    return {i for i, s in _live(harness).items() if s.title.startswith(prefix)}


def _sync(harness: Harness, *args: str) -> str:
    result = harness.sync(*args)
    assert result.exit_code == 0, result.output
    return result.output


def _screen_synced(harness: Harness) -> tuple[str, datetime]:
    """Only the first round is in the calendar: it gets a thank-you and the call."""
    harness.put_interview(SCREEN)
    _sync(harness)
    ((call, start),) = _calls(harness).items()
    assert sorted(s.title for s in _live(harness).values()) == [CALL, THANKS]
    return call, start


def _assert_rerun_writes_nothing(harness: Harness) -> None:
    before = harness.target_state()
    assert "up to date" in _sync(harness)
    assert harness.target_state() == before


def test_a_later_round_removes_the_earlier_pending_call_and_keeps_its_thank_you(
    harness: Harness,
) -> None:
    screen_call, _ = _screen_synced(harness)
    (screen_thanks,) = _titled(harness, "Send thank-you")
    harness.add_foreign("Dentist", days=5)
    foreign = harness.foreign()
    harness.put_interview(ONSITE)
    onsite_day = at(ONSITE.days).date().isoformat()
    reason = f"a later round is scheduled on {onsite_day}"

    # the preview says why the call goes, and writes nothing
    before = harness.target_state()
    assert reason in _sync(harness, "--dry-run")
    payload = json.loads(_sync(harness, "--dry-run", "--json"))
    assert [a["reason"] for a in payload["actions"] if a["op"] == "cancel"] == [reason]
    assert harness.target_state() == before

    assert _sync(harness).count(f"({reason})") == 1

    assert screen_call not in _live(harness)  # cancelled (.ics, Google) or deleted (CalDAV)
    ((onsite_call, onsite_start),) = _calls(harness).items()
    assert onsite_call != screen_call
    assert onsite_start.date() > at(ONSITE.days).date()
    thanks = _titled(harness, "Send thank-you")
    assert screen_thanks in thanks and len(thanks) == 2
    assert harness.foreign() == foreign
    # the call script names the position and every round so far, with its interviewers
    script = _live(harness)[onsite_call].description
    assert "Position: Data Analyst at Acme" in script
    assert "Rounds so far (2)" in script
    assert script.count(f"{SCREEN.title} (with Jane Doe)") == 2


def test_a_declined_later_round_brings_the_earlier_call_back(harness: Harness) -> None:
    screen_call, screen_start = _screen_synced(harness)
    harness.put_interview(ONSITE)
    _sync(harness)
    assert screen_call not in _calls(harness)

    harness.put_interview(Interview(ONSITE.key, ONSITE.company, ONSITE.days, declined=True))
    _sync(harness)

    # back at its time (Outlook cannot undelete an event: there it is a new one)
    assert list(_calls(harness).values()) == [screen_start]
    assert len(_titled(harness, "Send thank-you")) == 1
    _assert_rerun_writes_nothing(harness)


def test_a_cancelled_later_round_brings_the_earlier_call_back(harness: Harness) -> None:
    screen_call, screen_start = _screen_synced(harness)
    harness.put_interview(ONSITE)
    _sync(harness)
    assert screen_call not in _calls(harness)

    harness.remove_interview(ONSITE.key)
    _sync(harness)

    # back at its time (Outlook cannot undelete an event: there it is a new one)
    assert list(_calls(harness).values()) == [screen_start]
    assert len(_titled(harness, "Send thank-you")) == 1
    _assert_rerun_writes_nothing(harness)


def test_an_earlier_call_the_user_edited_stays_as_they_left_it(harness: Harness) -> None:
    screen_call, _ = _screen_synced(harness)
    harness.edit(screen_call, "Call Jane about the screen (my words)")

    harness.put_interview(ONSITE)
    _sync(harness)

    live = _live(harness)
    assert live[screen_call].title == "Call Jane about the screen (my words)"
    assert [live[i].title for i in _calls(harness) if i != screen_call] == [CALL]
    _assert_rerun_writes_nothing(harness)


def test_a_rerun_after_a_later_round_writes_nothing(harness: Harness) -> None:
    _screen_synced(harness)
    harness.put_interview(ONSITE)
    _sync(harness)

    _assert_rerun_writes_nothing(harness)
    assert len(_calls(harness)) == 1


def test_different_roles_at_one_company_stay_two_applications(harness: Harness) -> None:
    harness.put_interview(SCREEN)
    harness.put_interview(Interview("acmepm1", "Acme", days=9, role="Product Manager"))
    _sync(harness)

    calls = sorted(_live(harness)[i].title for i in _calls(harness))
    assert calls == [CALL, "Follow-up call — Product Manager at Acme"]
    assert len(_titled(harness, "Send thank-you")) == 2
    _assert_rerun_writes_nothing(harness)


def test_an_outcome_on_the_earlier_call_ends_the_application(harness: Harness) -> None:
    screen_call, _ = _screen_synced(harness)
    harness.note(screen_call, "They went with another candidate.")

    harness.put_interview(ONSITE)
    _sync(harness)

    # the user's call stays as they wrote it, and no call is planned for the later round
    assert list(_calls(harness)) == [screen_call]
    assert "They went with another candidate." in _live(harness)[screen_call].description
    assert len(_titled(harness, "Send thank-you note")) == 2
    assert len(_titled(harness, "Send another thank-you")) == 1
    _assert_rerun_writes_nothing(harness)
