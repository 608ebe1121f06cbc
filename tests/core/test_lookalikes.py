"""The look-alikes: every event with an interview word is either an interview or has a reason."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from calsync.core.detect import detect_interviews
from calsync.core.lookalikes import not_interviews, why_not
from calsync.model import Attendee, ExistingEvent, SourceEvent
from calsync.settings import Settings

AT = datetime(2026, 12, 10, 9, tzinfo=UTC)
SETTINGS = Settings(emails=("alex@example.com",))
ME_DECLINED = Attendee(email="alex@example.com", response="declined")


def _event(key: str, title: str, **kwargs: object) -> SourceEvent:
    start = AT + timedelta(hours=len(key))
    return SourceEvent(key, title, start, start + timedelta(hours=1), "UTC", **kwargs)  # type: ignore[arg-type]


EVENTS = [
    _event("a", "Phone screen with Acme"),
    _event("bb", "Mock interview with Dana"),
    _event("ccc", "Practice panel"),
    _event("dddd", "Onsite at Globex", status="cancelled"),
    _event("eeeee", "Cancelled: Interview with Initech"),
    _event("ffffff", "Final round at Hooli", attendees=(ME_DECLINED,)),
    _event("ggggggg", "Follow-up call — Engineer at Acme"),
    _event("hhhhhhhh", "Interview prep", calsync_kind="thank-you"),
    _event("iiiiiiiii", "Team lunch"),
    _event("jjjjjjjjjj", "Interviewer training"),
]


@pytest.mark.parametrize(
    ("key", "reason"),
    [
        ("a", None),
        ("bb", 'excluded word "mock"'),
        ("ccc", 'excluded word "practice"'),
        ("dddd", "cancelled"),
        ("eeeee", "cancelled"),
        ("ffffff", "declined by you"),
        ("ggggggg", None),  # "Follow-up call" names no interview word: just another event
        ("hhhhhhhh", "made by calsync"),  # calsync's own wins over its exclude word
        ("iiiiiiiii", None),
        # "Interviewer" is not the word "interview", but the event is still listed: the user is
        # the interviewer there
        ("jjjjjjjjjj", 'you are the interviewer, "interviewer"'),
    ],
)
def test_reason(key: str, reason: str | None) -> None:
    event = next(e for e in EVENTS if e.id == key)
    assert why_not(event, SETTINGS) == reason


def test_an_event_is_an_interview_or_a_look_alike_never_both() -> None:
    interviews = {i.source_id for i in detect_interviews(EVENTS, SETTINGS)}
    lookalikes = {n.source_id for n in not_interviews(EVENTS, SETTINGS)}
    assert interviews == {"a"}
    assert not interviews & lookalikes
    assert lookalikes == {"bb", "ccc", "dddd", "eeeee", "ffffff", "hhhhhhhh", "jjjjjjjjjj"}


def test_returned_follow_ups_count_as_calsyncs_own() -> None:
    found = not_interviews(EVENTS, SETTINGS, own_ids=frozenset({"a"}))
    assert [(n.source_id, n.reason) for n in found][0] == ("a", "made by calsync")
    assert [n.start for n in found] == sorted(n.start for n in found)


def test_calsyncs_events_a_backend_set_apart_are_listed_when_they_look_alike() -> None:
    own = [
        ExistingEvent(
            "x1", "thank_you", 1, "s1", "Send thank-you note — Interview coach at Acme", "",
            AT, AT + timedelta(minutes=15),
        ),
        ExistingEvent(
            "x2", "call", 1, "s1", "Follow-up call — Engineer at Acme", "",
            AT, AT + timedelta(minutes=15),
        ),
    ]  # fmt: skip
    found = not_interviews([], SETTINGS, own=own)
    assert [(n.source_id, n.reason) for n in found] == [("x1", "made by calsync")]
