"""Meetings with an interview's words that are not the user's interview, rounds named without
them, and the interviewers: the attendees first, the notes only where the attendees name none."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.core.detect import detect_interviews
from calsync.core.lookalikes import not_interviews, why_not
from calsync.core.people import named_in_notes
from calsync.model import Attendee, SourceEvent
from calsync.settings import Settings

ME = "alex.rivera@example.com"
SETTINGS = Settings(name="Alex Rivera", emails=(ME,))
AT = datetime(2026, 12, 1, 14, tzinfo=UTC)


def _event(title: str, **fields: object) -> SourceEvent:
    return SourceEvent(f"ev-{title}", title, AT, AT + timedelta(hours=1), "UTC", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("title", "reason"),
    [
        ("Workshop: how to ace behavioural interviews", 'training or teaching, "workshop"'),
        ("Interviewer training: structured interviews",
         'you are the interviewer, "interviewer"'),
        ("Interviewer training", 'you are the interviewer, "interviewer"'),
        ("Interview debrief", 'you are the interviewer, "debrief"'),
        ("Hiring debrief: Jordan Smith", 'you are the interviewer, "debrief"'),
        ("Interview panel for Jordan Smith", 'you are the interviewer, "for a candidate"'),
        ("Panel for candidate - Backend Engineer", 'you are the interviewer, "for a candidate"'),
        ("Bootcamp: technical interviews", 'training or teaching, "bootcamp"'),
        ("Behavioural interviews class", 'training or teaching, "class"'),
        ("Course: case interviews for consultants", 'training or teaching, "course"'),
        ("Interview coaching with Sam", 'training or teaching, "coaching"'),
        ("Career fair: on-site interviews", 'training or teaching, "career fair"'),
        ("Travel to Acme onsite", 'time around an interview, "travel"'),
        ("Prepare for Globex interview", 'time around an interview, "prepare"'),
        ("Write thank-you note after Initech interview",
         'time around an interview, "thank-you note"'),
        ("Flight to SFO (Acme onsite)", 'time around an interview, "flight"'),
        ("Design review", 'a round that names no employer or role, "design review"'),
        ("Portfolio review", 'a round that names no employer or role, "portfolio review"'),
    ],
)  # fmt: skip
def test_events_with_an_interviews_words_that_are_not_the_users_interview(
    title: str, reason: str
) -> None:
    event = _event(title)
    assert detect_interviews([event], SETTINGS) == []
    assert why_not(event, SETTINGS) == reason
    assert [n.reason for n in not_interviews([event], SETTINGS)] == [reason]


@pytest.mark.parametrize(
    ("title", "company", "role"),
    [
        ("Lumina Labs: Portfolio review (UX Designer)", "Lumina Labs", "UX Designer"),
        ("Pairing session - Initech", "Initech", "the position"),
        ("Assessment centre - Graduate Analyst", "the company", "Graduate Analyst"),
        ("Presentation round with Globex", "Globex", "the position"),
        ("Design review - Pied Piper - Product Designer", "Pied Piper", "Product Designer"),
        # a training, a research or a travel in a name is none of them
        ("Interview with Margie's Travel — Travel Product Owner", "Margie's Travel",
         "Travel Product Owner"),
        ("Panel interview - Trey Research - Site Reliability Engineer", "Trey Research",
         "Site Reliability Engineer"),
        ("Interview with Course Hero — Data Analyst", "Course Hero", "Data Analyst"),
        ("Acme Training Co - Phone screen", "Acme Training Co", "the position"),
        ("Onsite interview with Globex (3 interviewers)", "Globex", "the position"),
        ("Technical interview - Acme - Training Specialist", "Acme", "Training Specialist"),
    ],
)
def test_rounds_of_an_application_are_interviews(title: str, company: str, role: str) -> None:
    event = _event(title)
    (found,) = detect_interviews([event], SETTINGS)
    assert (found.company, found.role) == (company, role)
    assert why_not(event, SETTINGS) is None


# --- interviewers: the attendees, and the notes only when there are none ------------------------


@pytest.mark.parametrize(
    ("notes", "names"),
    [
        ("Interviewers: December", []),
        ("Interviewer: Marguerite She will call you", ["Marguerite"]),
        ("Interviewers: Dana Whitfield, Tuesday", ["Dana Whitfield"]),
        ("You'll be meeting with the Recruiting team", []),
        ("Interviewer: June Park", ["June Park"]),
        ("Your panel: They", []),
        ("Interviewers: London office, Dana Whitfield", ["Dana Whitfield"]),
        ("You'll be meeting with New York", []),
        ("Interviewer: Sydney Chen", ["Sydney Chen"]),
        ("Interviewer: Victoria", ["Victoria"]),
        ("Interviewers: Dana Whitfield (HQ), Marcus Lee Monday", ["Dana Whitfield", "Marcus Lee"]),
    ],
)
def test_only_peoples_names_are_read_from_the_notes(notes: str, names: list[str]) -> None:
    assert [p.name for p in named_in_notes(notes).interviewers] == names


def test_names_in_the_notes_fill_an_invite_that_lists_nobody_but_the_user() -> None:
    invite = _event(
        "Onsite interview — Globex",
        attendees=(Attendee(email=ME, name="Alex Rivera"),),
        description="Interviewers: Dana Whitfield, Marcus Lee",
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert [p.name for p in found.interviewers] == ["Dana Whitfield", "Marcus Lee"]


def test_the_organiser_stays_when_the_notes_add_names() -> None:
    recruiter = Attendee(email="maya@globex.com", name="Maya Singh")
    invite = _event(
        "Onsite interview — Globex",
        attendees=(Attendee(email=ME, name="Alex Rivera"),),
        organizer=recruiter,
        description="Interviewers: Dana Whitfield",
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert [p.name for p in found.interviewers] == ["Maya Singh", "Dana Whitfield"]


NAMES = ["Jane Doe", "Raj Patel", "Grace Liu", "Omar Haddad", "Mei Tanaka"]


@given(
    attendees=st.lists(st.sampled_from(NAMES), unique=True, max_size=4),
    in_notes=st.lists(st.sampled_from([*NAMES, "Dana Whitfield", "December", "She"]), max_size=4),
)
def test_the_attendee_list_never_shrinks_because_of_the_notes(
    attendees: list[str], in_notes: list[str]
) -> None:
    people = tuple(
        Attendee(email=f"{n.split()[0].lower()}@acme.com", name=n) for n in attendees
    )
    bare = _event("Interview with Acme", attendees=(Attendee(email=ME), *people))
    noted = _event(
        "Interview with Acme",
        attendees=(Attendee(email=ME), *people),
        description="Interviewers: " + ", ".join(in_notes),
    )
    (without,) = detect_interviews([bare], SETTINGS)
    (with_notes,) = detect_interviews([noted], SETTINGS)
    assert [p.name for p in without.interviewers] == attendees
    if attendees:
        assert with_notes.interviewers == without.interviewers
    else:
        assert {p.name for p in with_notes.interviewers} <= {*NAMES, "Dana Whitfield"}


@pytest.mark.parametrize(
    ("shown", "name"),
    [
        ("Doe, Jane", "Jane Doe"),
        ("Jane Doe (she/her)", "Jane Doe"),
        ("Jane Doe | Acme", "Jane Doe"),
        ("Maria de la Cruz", "Maria de la Cruz"),
        ("Acme, Inc", "Acme, Inc"),
    ],
)
def test_attendees_are_named_as_a_note_greets_them(shown: str, name: str) -> None:
    invite = _event(
        "Interview with Acme",
        attendees=(Attendee(email=ME), Attendee(email="x@acme.com", name=shown)),
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert [p.name for p in found.interviewers] == [name]


@pytest.mark.parametrize(
    ("notes", "role"),
    [
        ("Role: R-55120 Credit Analyst", "Credit Analyst"),
        ("Position: Data Analyst (m/w/d)", "Data Analyst"),
        ("We look forward to talking about the JR-4471 Staff Nurse role.", "Staff Nurse"),
    ],
)
def test_a_role_from_the_notes_carries_no_job_id_or_gender_tag(notes: str, role: str) -> None:
    assert named_in_notes(notes).role == role
