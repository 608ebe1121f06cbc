"""SPEC's sync rules, written once and run against every backend (see harness.py).

Modelled on vdirsyncer's StorageTests: each test is what a user would notice, through the CLI,
and the same assertions hold for an .ics file and for Google Calendar.
"""

from __future__ import annotations

from datetime import timedelta

from tests.contract.harness import Harness, Interview

ACME = Interview("acmeinterview1", "Acme", days=3, notes="They decide within two weeks.")
GLOBEX = Interview("globexinterview2", "Globex", days=6)


def _live(harness: Harness) -> dict[str, str]:
    return {i: s.title for i, s in harness.followups().items() if s.live}


def _synced(harness: Harness, *interviews: Interview) -> dict[str, str]:
    for iv in interviews:
        harness.put_interview(iv)
    result = harness.sync()
    assert result.exit_code == 0, result.output
    return _live(harness)


def test_a_thank_you_and_a_call_per_interview_and_a_second_run_writes_nothing(
    harness: Harness,
) -> None:
    live = _synced(harness, ACME, GLOBEX)
    assert sorted(live.values()) == [
        "Follow-up call — Data Analyst at Acme",
        "Follow-up call — Data Analyst at Globex",
        "Send thank-you note — Data Analyst at Acme",
        "Send thank-you note — Data Analyst at Globex",
    ]
    before = harness.target_state()

    again = harness.sync()

    assert again.exit_code == 0, again.output
    assert "up to date" in again.output
    assert harness.target_state() == before


def test_foreign_events_in_the_target_are_never_touched(harness: Harness) -> None:
    _synced(harness, ACME)
    harness.add_foreign("Dentist", days=3)
    harness.add_foreign("Interview with Initech — my own note", days=10)
    foreign = harness.foreign()

    harness.put_interview(Interview(ACME.key, ACME.company, days=4))  # a reschedule: writes
    assert harness.sync().exit_code == 0
    assert harness.foreign() == foreign
    assert harness.clean().exit_code == 0
    assert harness.foreign() == foreign
    assert _live(harness) == {}


def test_a_follow_up_the_user_edited_keeps_the_users_version(harness: Harness) -> None:
    live = _synced(harness, ACME)
    call = next(i for i, t in live.items() if t.startswith("Follow-up call"))
    harness.edit(call, "Call Jane at Acme (my words)")

    harness.put_interview(Interview(ACME.key, ACME.company, days=4, notes=ACME.notes))
    assert harness.sync().exit_code == 0

    assert _live(harness)[call] == "Call Jane at Acme (my words)"


def test_a_follow_up_the_user_deleted_stays_deleted(harness: Harness) -> None:
    live = _synced(harness, ACME)
    thanks = next(i for i, t in live.items() if t.startswith("Send thank-you"))
    harness.delete(thanks)

    assert harness.sync().exit_code == 0
    assert harness.sync().exit_code == 0

    assert thanks not in _live(harness)
    assert len(_live(harness)) == 1


def test_a_rescheduled_interview_moves_its_untouched_follow_ups(harness: Harness) -> None:
    _synced(harness, ACME)
    before = {i: s.start for i, s in harness.followups().items()}

    harness.put_interview(Interview(ACME.key, ACME.company, days=5, notes=ACME.notes))
    assert harness.sync().exit_code == 0

    after = {i: s.start for i, s in harness.followups().items() if s.live}
    assert after.keys() == before.keys()
    thanks = min(before, key=lambda i: before[i])
    assert after[thanks] - before[thanks] == timedelta(days=2)
    # nothing more is planned from the text of the moved events (an old regression)
    assert "up to date" in harness.sync().output


def test_a_cancelled_or_declined_interview_removes_its_untouched_future_follow_ups(
    harness: Harness,
) -> None:
    _synced(harness, ACME, GLOBEX)
    acme = {i for i, s in harness.followups().items() if "Acme" in s.title}
    globex = {i for i, s in harness.followups().items() if "Globex" in s.title}
    assert acme and globex

    harness.remove_interview(ACME.key)
    harness.put_interview(Interview(GLOBEX.key, GLOBEX.company, GLOBEX.days, declined=True))
    assert harness.sync().exit_code == 0

    assert _live(harness) == {}


def test_a_note_on_a_follow_up_is_kept_and_the_event_is_not_rewritten(harness: Harness) -> None:
    live = _synced(harness, ACME)
    thanks = next(i for i, t in live.items() if t.startswith("Send thank-you"))
    harness.note(thanks, "Sent it on the train.")
    before = harness.target_state()

    assert harness.sync().exit_code == 0

    assert "Sent it on the train." in harness.followups()[thanks].description
    assert harness.target_state() == before


def test_a_rerun_after_calsync_lost_its_memory_converges_without_duplicates(
    harness: Harness,
) -> None:
    _synced(harness, ACME, GLOBEX)
    first = harness.followups()
    harness.lose_state()  # as if the run had been killed before saving what it knows

    assert harness.sync().exit_code == 0
    assert harness.sync().exit_code == 0

    after = harness.followups()
    assert after.keys() == first.keys()
    assert [s.title for s in after.values() if s.live] == [s.title for s in first.values()]


def test_clean_removes_every_follow_up_and_only_those(harness: Harness) -> None:
    _synced(harness, ACME, GLOBEX)
    harness.add_foreign("Dentist", days=2)
    foreign = harness.foreign()

    dry = harness.clean("--dry-run")
    assert dry.exit_code == 0 and "4 to remove" in dry.output
    assert len(_live(harness)) == 4
    assert harness.clean().exit_code == 0

    assert _live(harness) == {}
    assert harness.foreign() == foreign
    last = harness.clean()
    assert last.exit_code == 0 and "up to date" in last.output


def test_an_empty_source_removes_nothing_unless_allowed(harness: Harness) -> None:
    live = _synced(harness, ACME)
    before = harness.target_state()
    harness.empty_source()

    refused = harness.sync()

    assert refused.exit_code == 1
    lines = refused.output.strip().splitlines()
    assert len(lines) == 1 and "no events at all" in lines[0]
    assert "--allow-empty-source" in lines[0]
    assert harness.target_state() == before

    allowed = harness.sync("--allow-empty-source")
    assert allowed.exit_code == 0, allowed.output
    assert _live(harness) == {} and live
