"""The sync rules as a table: what should exist vs what the target holds → one action each."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from calsync.core.identity import fingerprint, notes_as_written, user_edited
from calsync.core.reconcile import reconcile
from calsync.model import Action, ExistingEvent, FollowUp

NOW = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
SINCE, UNTIL = NOW - timedelta(days=30), NOW + timedelta(days=365)


def _desired(
    event_id: str, days: int, title: str = "Follow-up call — Engineer at Acme"
) -> FollowUp:
    start = NOW + timedelta(days=days)
    end = start + timedelta(minutes=15)
    return FollowUp(
        id=event_id,
        kind="follow-up-call",
        number=1,
        source_id="iv-" + event_id,
        title=title,
        description="script",
        start=start,
        end=end,
        tz="UTC",
        interview_start=NOW,
        fingerprint=fingerprint(title, "script", start, end),
    )


def _held(followup: FollowUp, **changes: object) -> ExistingEvent:
    """The event as calsync wrote it, then with the changes a user or the source made."""
    written = ExistingEvent(
        id=followup.id,
        kind=followup.kind,
        number=followup.number,
        source_id=followup.source_id,
        title=followup.title,
        description=followup.description,
        start=followup.start,
        end=followup.end,
        fingerprint=followup.fingerprint,
        interview_start=followup.interview_start,
    )
    return replace(written, **changes)  # type: ignore[arg-type]


def _one(desired: list[FollowUp], held: list[ExistingEvent], **kw: object) -> Action:
    [action] = reconcile(desired, held, now=NOW, since=SINCE, until=UNTIL, **kw)  # type: ignore[arg-type]
    return action


def test_new_follow_up_is_created() -> None:
    assert _one([_desired("a", 5)], []).op == "create"


def test_unchanged_follow_up_is_kept() -> None:
    wanted = _desired("a", 5)
    assert _one([wanted], [_held(wanted)]).op == "keep"


def test_untouched_follow_up_of_a_moved_interview_is_updated() -> None:
    before = _desired("a", 5)
    moved = replace(_desired("a", 8), interview_start=NOW + timedelta(days=3))
    action = _one([moved], [_held(before)])
    assert (action.op, action.reason) == ("update", "its interview moved")


def test_a_follow_up_the_user_edited_is_kept_as_they_made_it() -> None:
    before = _desired("a", 5)
    edited = _held(before, title="Call Jane (my words)")
    assert user_edited(edited)
    action = _one([_desired("a", 8)], [edited])
    assert action.op == "keep" and "edited by you" in action.reason


def test_a_follow_up_the_user_moved_is_kept() -> None:
    before = _desired("a", 5)
    moved = _held(
        before, start=before.start + timedelta(hours=2), end=before.end + timedelta(hours=2)
    )
    assert _one([before], [moved]).op == "keep"


def test_a_follow_up_the_user_deleted_is_not_recreated() -> None:
    action = _one([_desired("a", 5)], [], deleted_ids=frozenset({"a"}))
    assert action.op == "keep" and "not recreated" in action.reason


def test_future_follow_up_of_a_cancelled_interview_is_cancelled_with_the_reason() -> None:
    held = _held(_desired("a", 5))
    action = _one([], [held], gone={held.source_id: "its interview was cancelled"})
    assert (action.op, action.reason) == ("cancel", "its interview was cancelled")


def test_past_follow_ups_are_history() -> None:
    held = _held(_desired("a", -3))
    assert _one([], [held]).op == "keep"


def test_an_edited_orphan_is_kept() -> None:
    held = _held(_desired("a", 5), description="script\ncall again Dec 20")
    assert _one([], [held]).op == "keep"


def test_follow_ups_of_interviews_outside_the_range_read_are_not_judged() -> None:
    held = _held(_desired("a", 5), interview_start=SINCE - timedelta(days=1))
    assert _one([], [held]).op == "keep"


def test_a_cancelled_follow_up_whose_interview_is_back_is_restored() -> None:
    wanted = _desired("a", 5)
    assert _one([wanted], [_held(wanted, status="cancelled")]).op == "update"


def test_every_id_gets_exactly_one_action() -> None:
    wanted = [_desired(str(i), i) for i in range(1, 6)]
    held = [_held(w) for w in wanted[:3]] + [_held(_desired("x", 9))]
    actions = reconcile(wanted, held, now=NOW, since=SINCE, until=UNTIL)
    assert sorted(a.id for a in actions) == sorted(["1", "2", "3", "4", "5", "x"])


def test_an_event_written_before_the_notes_fingerprint_is_neither_edited_nor_rewritten() -> None:
    """Events calsync wrote with the older 16-digit fingerprint stay as they are on upgrade."""
    followup = _desired("a", 5)
    older = _held(followup, fingerprint=followup.fingerprint[:16])
    assert not user_edited(older)
    assert _one([followup], [older]).op == "keep"
    assert not notes_as_written(older)  # unknown: the chain reads its lines as before


def test_notes_as_written_survive_a_renamed_or_moved_event_but_not_an_added_line() -> None:
    followup = _desired("a", 5)
    renamed = _held(followup, title="Call Jane myself")
    moved = _held(followup, start=followup.start + timedelta(hours=3))
    noted = _held(followup, description="script\nNo decision yet, call again Dec 20")
    assert user_edited(renamed) and notes_as_written(renamed)
    assert user_edited(moved) and notes_as_written(moved)
    assert user_edited(noted) and not notes_as_written(noted)
