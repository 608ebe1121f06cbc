"""Which calendar events are interviews, and what calsync learns from each one."""

from __future__ import annotations

import tomllib
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.adapters.ics.source import read_events
from calsync.core.detect import (
    company_and_role,
    detect_interviews,
    interviewers,
    is_interview_title,
)
from calsync.core.people import named_in_notes
from calsync.core.titles import SHAPES
from calsync.model import Attendee, Person, SourceEvent
from calsync.settings import DEFAULT_EXCLUDE_WORDS, DEFAULT_INTERVIEW_WORDS, Settings

NY = ZoneInfo("America/New_York")
ME = "alex.rivera@example.com"
SETTINGS = Settings(name="Alex Rivera", emails=(ME,))
EXAMPLE = Path(__file__).parents[2] / "examples" / "interviews.ics"


def event(
    title: str,
    *,
    day: int = 1,
    id: str | None = None,
    attendees: tuple[Attendee, ...] = (),
    organizer: Attendee | None = None,
    **fields: object,
) -> SourceEvent:
    start = datetime(2026, 12, day, 14, 0, tzinfo=NY)
    return SourceEvent(
        id=id or f"ev-{title}-{day}",
        title=title,
        start=start,
        end=start + timedelta(hours=1),
        tz="America/New_York",
        attendees=attendees,
        organizer=organizer,
        **fields,  # type: ignore[arg-type]
    )


def me(response: str = "accepted", *, is_self: bool = False, email: str = ME) -> Attendee:
    return Attendee(email=email, name="Alex Rivera", response=response, is_self=is_self)


# --- titles -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Interview with Acme", True),
        ("INTERVIEW - Globex", True),
        ("Phone screen: Initech", True),
        ("Phone Screening w/ recruiter", True),
        ("Acme onsite", True),
        ("Acme on-site", True),
        ("Acme on site", True),
        ("Acme On-Site loop", True),
        ("Technical screen (Hooli)", True),
        ("Hiring manager chat", True),
        ("Recruiter call — Stark", True),
        ("Final round at Hooli", True),
        ("Panel: design review", True),
        ("Case study presentation", True),
        ("Superday at Goldman", True),
        # Whole words only: "interview" is just part of "Interviewer".
        ("Interviewer training", False),
        ("Screenshot review", False),
        ("Panelling the kitchen", False),
        # Whole words cut both ways: "panel" is a word here, so it matches unless excluded.
        ("Solar panel install", True),
        # Excluded words win.
        ("Mock interview practice", False),
        ("Interview prep with coach", False),
        ("Webinar: how to interview well", False),
        ("Dentist", False),
        ("Team standup", False),
        ("", False),
    ],
)
def test_interview_titles_with_the_default_words(title: str, expected: bool) -> None:
    assert is_interview_title(title, DEFAULT_INTERVIEW_WORDS, DEFAULT_EXCLUDE_WORDS) is expected


def test_configured_words_replace_the_defaults() -> None:
    assert is_interview_title("Coffee chat with Acme", ["coffee chat"], [])
    assert not is_interview_title("Interview with Acme", ["coffee chat"], [])
    assert not is_interview_title("Solar panel install", ["panel"], ["solar"])


def test_a_phrase_matches_with_hyphens_or_spaces_between_its_words() -> None:
    for title in ("Take-home review", "Take home review", "takehome review"):
        assert is_interview_title(title, ["take-home review"], [])


def test_an_exclude_phrase_only_excludes_whole_words() -> None:
    # "prep" must not knock out "Preparedness" … nor anything that merely contains it.
    assert is_interview_title("Interview: Emergency Preparedness Lead", ["interview"], ["prep"])


# --- which events become interviews ------------------------------------------------------------


def titles(events: list[SourceEvent], settings: Settings = SETTINGS) -> list[str]:
    return [i.title for i in detect_interviews(events, settings)]


def test_interviews_come_back_sorted_by_start_and_others_are_left_out() -> None:
    events = [
        event("Interview with Acme", day=9),
        event("Dentist", day=2),
        event("Phone screen - Globex", day=3),
    ]
    assert titles(events) == ["Phone screen - Globex", "Interview with Acme"]


@pytest.mark.parametrize(
    "skipped",
    [
        event("Interview with Acme", status="cancelled"),
        event("Interview with Acme", attendees=(me("declined"),)),
        event("Interview with Acme", attendees=(me("declined", is_self=True, email="x@y.z"),)),
        event("Interview with Acme", calsync_kind="follow-up-call"),
        event("Send thank-you note — Senior Engineer at Acme"),
        event("Send another thank-you note — the position at the company"),
        event("Follow-up call — Interview coach at Acme"),
        event("Follow-up call #2 — Interview coach at Acme"),
        event("Canceled: Interview with Acme"),
    ],
    ids=[
        "cancelled",
        "declined-by-configured-email",
        "declined-by-google-self",
        "calsync-marker",
        "own-thank-you-title",
        "own-second-thank-you-title",
        "own-call-title",
        "own-numbered-call-title",
        "outlook-cancelled-title",
    ],
)
def test_events_that_are_not_the_users_interviews_are_skipped(skipped: SourceEvent) -> None:
    assert titles([skipped]) == []


def test_someone_else_declining_does_not_skip_the_interview() -> None:
    other = Attendee(email="raj@acme.com", name="Raj", response="declined")
    assert titles([event("Interview with Acme", attendees=(me(), other))]) == [
        "Interview with Acme"
    ]


def test_an_all_day_interview_is_an_interview_on_that_date() -> None:
    start = datetime.combine(date(2026, 12, 8), time(), NY)
    all_day = SourceEvent(
        id="day",
        title="Onsite interview day — Hooli — Backend Engineer",
        start=start,
        end=start + timedelta(days=1),
        tz="America/New_York",
        all_day=True,
    )
    (found,) = detect_interviews([all_day], SETTINGS)
    assert found.all_day
    assert found.local_date == date(2026, 12, 8)
    assert (found.company, found.role) == ("Hooli", "Backend Engineer")


def test_an_interview_carries_clean_notes_and_the_phone_numbers_in_them() -> None:
    description = (
        "Call Jane on (415) 555-0134 if anything changes.\n"
        "Join Zoom Meeting\nhttps://us02web.zoom.us/j/81234567890\n"
        "Meeting ID: 812 3456 7890\nOne tap mobile\n+16465588656,,81234567890# US (New York)\n"
    )
    (found,) = detect_interviews([event("Interview with Acme", description=description)], SETTINGS)
    assert found.notes == "Call Jane on (415) 555-0134 if anything changes."
    assert found.phones == ("(415) 555-0134",)


def test_unknown_company_and_role_read_naturally() -> None:
    (found,) = detect_interviews([event("Interview")], SETTINGS)
    assert (found.company, found.role) == ("the company", "the position")


# --- company and role ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "company", "role"),
    [
        ("Interview with Acme — Senior Engineer", "Acme", "Senior Engineer"),
        ("Interview with Acme - Senior Engineer", "Acme", "Senior Engineer"),
        ("Interview with Acme–Senior Engineer", "Acme", "Senior Engineer"),
        ("Acme: Onsite (Backend Engineer)", "Acme", "Backend Engineer"),
        ("Phone screen - Globex - Data Analyst", "Globex", "Data Analyst"),
        ("Phone Screen: Jane Doe <> Alex (Initech, Product Manager)", "Initech", "Product Manager"),
        ("Interview: Senior Designer at Umbrella Corp", "Umbrella Corp", "Senior Designer"),
        ("Umbrella Corp | Technical Interview | Staff Engineer", "Umbrella Corp", "Staff Engineer"),
        ("Final round at Hooli for Backend Engineer", "Hooli", "Backend Engineer"),
        ("Phone screen with Jane Doe (Acme)", "Acme", None),
        ("Final round: Acme, Data Scientist", "Acme", "Data Scientist"),
        ("Interview: Acme/Data Scientist", "Acme", "Data Scientist"),
        ("Senior Engineer interview at Initech", "Initech", "Senior Engineer"),
        ("Hooli interview", "Hooli", None),
        ("Globex on-site", "Globex", None),
        ("Hiring manager chat – Initech (Product Manager)", "Initech", "Product Manager"),
        ("Interview for Backend Engineer at Acme", "Acme", "Backend Engineer"),
        ("Interview with Acme for Senior Engineer", "Acme", "Senior Engineer"),
        ("Data Analyst - Globex - Phone screen", "Globex", "Data Analyst"),
        ("Take-home review — Soylent — Data Engineer", "Soylent", "Data Engineer"),
        ("Recruiter call: Stark Industries", "Stark Industries", None),
        ("Interview - Senior Engineer", None, "Senior Engineer"),
        ("Onsite interview (30 min)", None, None),
        ("Interview at 3pm", None, None),
        ("Alex Rivera and Jane Doe: 30 Minute Interview", None, None),
        ("Updated invitation: Interview with Acme - Senior Engineer", "Acme", "Senior Engineer"),
        ("Fwd: Phone screen - Globex", "Globex", None),
    ],
)
def test_company_and_role_from_common_title_shapes(
    title: str, company: str | None, role: str | None
) -> None:
    assert company_and_role(title, people=["Jane Doe", "Alex Rivera"]) == (company, role)


def test_a_person_named_in_the_title_is_not_taken_for_the_company() -> None:
    assert company_and_role("Interview with Jane Doe", people=["Jane Doe"]) == (None, None)


@pytest.mark.parametrize(
    ("email", "company"),
    [
        ("jane@acme.com", "Acme"),
        ("jane@careers.acme.com", "Acme"),
        ("jane@mail.globex-corp.io", "Globex Corp"),
        ("jane@acme.co.uk", "Acme"),
        ("jane@gmail.com", None),
        ("jane@googlemail.com", None),
        ("jane@outlook.com", None),
        ("jane@hotmail.co.uk", None),
        ("jane@yahoo.com", None),
        ("jane@icloud.com", None),
        ("jane@me.com", None),
        ("jane@proton.me", None),
        ("jane@protonmail.com", None),
        ("jane@gmx.de", None),
        ("jane@fastmail.com", None),
        ("jane@mail.com", None),
        ("no-reply@calendly.com", None),
        ("scheduling@greenhouse.io", None),
        ("jobs@hire.lever.co", None),
        ("bot@goodtime.io", None),
        ("", None),
    ],
)
def test_company_from_the_organisers_domain(email: str, company: str | None) -> None:
    assert company_and_role("Phone screen", email) == (company, None)


def test_the_title_beats_the_organisers_domain() -> None:
    assert company_and_role("Interview with Acme", "recruiter@staffing-agency.com")[0] == "Acme"


def test_the_calendly_shape_takes_the_company_from_the_hosts_domain() -> None:
    invite = event(
        "Alex Rivera and Chris Park: 30 Minute Interview",
        organizer=Attendee(email="chris.park@vandelay.com", name="Chris Park", is_organizer=True),
        attendees=(Attendee(email="chris.park@vandelay.com", name="Chris Park"), me()),
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert (found.company, found.role) == ("Vandelay", "the position")


def test_when_the_user_organised_it_an_interviewers_domain_names_the_company() -> None:
    own = event(
        "Technical interview",
        organizer=Attendee(email=ME, name="Alex Rivera", is_organizer=True),
        attendees=(Attendee(email="eldon@careers.tyrell.com", name="Eldon Tyrell"),),
    )
    (found,) = detect_interviews([own], SETTINGS)
    assert found.company == "Tyrell"


# --- interviewers --------------------------------------------------------------------------------

ROOM = Attendee(email="c_1883@resource.calendar.google.com", name="HQ-4-Boardroom (8)")
ROBOT = Attendee(email="no-reply@greenhouse.io", name="Greenhouse")


@pytest.mark.parametrize(
    ("attendees", "organizer", "expected"),
    [
        (
            (me(), Attendee(email="jane.doe@acme.com", name="Jane Doe"), ROOM, ROBOT),
            None,
            (Person("Jane Doe", "jane.doe@acme.com"),),
        ),
        (
            (Attendee(email="jane.doe@acme.com"), Attendee(email="raj_patel@acme.com")),
            None,
            (Person("Jane Doe", "jane.doe@acme.com"), Person("Raj Patel", "raj_patel@acme.com")),
        ),
        (
            (me(), Attendee(email="jane@acme.com", name="jane@acme.com")),
            None,
            (Person("Jane", "jane@acme.com"),),
        ),
        (
            (me(is_self=True, email="other@example.org"), ROOM),
            Attendee(email="sam.lee@globex.com", name="Sam Lee", is_organizer=True),
            (Person("Sam Lee", "sam.lee@globex.com"),),
        ),
        ((me(),), Attendee(email=ME, name="Alex Rivera", is_organizer=True), ()),
        ((), None, ()),
        (
            (
                Attendee(email="jane@acme.com", name="Jane Doe"),
                Attendee(email="JANE@acme.com", name="Jane Doe"),
            ),
            None,
            (Person("Jane Doe", "jane@acme.com"),),
        ),
    ],
    ids=[
        "user-room-and-robot-left-out",
        "names-from-addresses",
        "address-as-display-name",
        "organiser-when-alone",
        "user-as-organiser",
        "nobody",
        "duplicates",
    ],
)
def test_interviewers(
    attendees: tuple[Attendee, ...], organizer: Attendee | None, expected: tuple[Person, ...]
) -> None:
    ev = event("Interview", attendees=attendees, organizer=organizer)
    assert interviewers(ev, SETTINGS.own_emails) == expected


def test_own_addresses_match_whatever_their_case() -> None:
    ev = event("Interview", attendees=(me(email="Alex.Rivera@Example.com"),))
    assert interviewers(ev, SETTINGS.own_emails) == ()


# --- the bundled example calendar -----------------------------------------------------------------


def _example_events() -> list[SourceEvent]:
    """A minimal reading of the example, enough to check its content (the real reader is
    calsync.adapters.ics, tested on its own)."""
    cal = icalendar.Calendar.from_ical(EXAMPLE.read_bytes())
    events = []
    for component in cal.walk("VEVENT"):
        start, end = component.decoded("dtstart"), component.decoded("dtend")
        all_day = not isinstance(start, datetime)
        if all_day:
            start, end = datetime.combine(start, time(), NY), datetime.combine(end, time(), NY)
        raw = component.get("attendee", [])
        people = [
            Attendee(
                email=str(a).removeprefix("mailto:"),
                name=str(a.params.get("CN", "")),
                response=str(a.params.get("PARTSTAT", "needs-action")).lower(),
            )
            for a in (raw if isinstance(raw, list) else [raw])
        ]
        organizer = component.get("organizer")
        events.append(
            SourceEvent(
                id=str(component["uid"]),
                title=str(component["summary"]),
                start=start,
                end=end,
                tz="America/New_York",
                all_day=all_day,
                description=str(component.get("description", "")),
                status=str(component.get("status", "confirmed")).lower(),
                organizer=Attendee(email=str(organizer).removeprefix("mailto:"))
                if organizer
                else None,
                attendees=tuple(people),
            )
        )
    return events


def test_the_example_calendar_is_crlf_ics_in_new_york_time() -> None:
    data = EXAMPLE.read_bytes()
    assert data.count(b"\r\n") == data.count(b"\n")
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["X-WR-TIMEZONE"]) == "America/New_York"
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["America/New_York"]
    events = _example_events()
    assert len(events) >= 18
    assert all(date(2026, 11, 20) <= e.start.date() <= date(2027, 1, 31) for e in events)


def test_the_example_calendar_holds_the_interviews_a_reader_would_expect() -> None:
    found = detect_interviews(_example_events(), SETTINGS)
    by_title = {i.title: i for i in found}
    assert "Mock interview practice" not in by_title
    assert "Interview prep with career coach" not in by_title
    assert "Recruiter call - Stark Industries - Solutions Architect" not in by_title  # declined
    assert "Technical screen - Wayne Enterprises - Security Engineer" not in by_title  # cancelled
    assert not {"Dentist appointment", "Team standup", "Lunch with Sam"} & set(by_title)
    assert len(found) == 15
    assert any(i.all_day for i in found)
    assert all(i.company != "the company" for i in found)
    for interview in found:
        # No invite boilerplate survives into the notes.
        for leak in ("Meeting ID", "Passcode", "zoom.us", "meet.google", "Dial", "-::~", "PIN"):
            assert leak not in interview.notes, (interview.title, leak)
    acme = by_title["Interview with Acme — Senior Engineer"]
    assert [p.name for p in acme.interviewers] == ["Jane Doe", "Raj Patel"]
    assert acme.phones == ("(415) 555-0134",)


@given(st.text(max_size=80), st.sampled_from(["", "jane@acme.com", "x@gmail.com", "@", "a@b"]))
def test_any_title_gives_a_tidy_company_and_role(title: str, email: str) -> None:
    for value in company_and_role(title, email):
        assert value is None or (value == value.strip() and value)


# --- scheduling systems: one row per system's title shape ----------------------------------------


@pytest.mark.parametrize(
    ("system", "title", "company", "role"),
    [
        ("Greenhouse", "Alex Rivera - Technical Interview - Contoso (Backend Engineer)",
         "Contoso", "Backend Engineer"),
        ("Lever", "Fabrikam Interview: Alex Rivera for Product Designer",
         "Fabrikam", "Product Designer"),
        ("GoodTime", "Northwind Traders Onsite Interview - Alex Rivera - Data Engineer",
         "Northwind Traders", "Data Engineer"),
        ("Ashby", "Alex Rivera <> Proseware | Hiring Manager Screen (Staff Engineer)",
         "Proseware", "Staff Engineer"),
        ("Workday", "Interview Scheduled: Senior Financial Analyst - Woodgrove Bank",
         "Woodgrove Bank", "Senior Financial Analyst"),
        ("Workday, confirmed", "Interview Confirmed: Alex Rivera - Litware", "Litware", None),
        ("Calendly", "Tailspin Toys Recruiter Screen between Chris Park and Alex Rivera",
         "Tailspin Toys", None),
        ("Calendly, host and invitee", "Alex Rivera and Chris Park: 30 Minute Interview",
         None, None),
        ("LinkedIn", "Interview with Litware (via LinkedIn)", "Litware", None),
        ("Teams", "Adatum Corporation - Cloud Architect - Teams Interview",
         "Adatum Corporation", "Cloud Architect"),
        ("Meet invitation subject",
         "Invitation: Relecloud Hiring Manager Interview - Product Manager @ Thu Dec 17, 2026 "
         "2pm - 2:45pm (EST) (alex.rivera@example.com)", "Relecloud", "Product Manager"),
        ("Zoom", "Coho Winery Phone Screen (Zoom) - Sales Associate",
         "Coho Winery", "Sales Associate"),
        ("Zoom, host's default topic", "Alex Rivera's Zoom Meeting", None, None),
        ("SPEC: company and role", "Interview with Acme — Senior Engineer", "Acme",
         "Senior Engineer"),
        ("company & company", "Harrow & Vale: Onsite (Analyst)", "Harrow & Vale", "Analyst"),
        ("company & company, dashes", "Harrow & Vale - Phone screen - Analyst", "Harrow & Vale",
         "Analyst"),
        ("company & company, with", "Interview with Harrow & Vale", "Harrow & Vale", None),
        ("people joined by &", "Jane Doe & Alex Rivera: Interview", None, None),
    ],
)  # fmt: skip
def test_title_shapes_of_scheduling_systems(
    system: str, title: str, company: str | None, role: str | None
) -> None:
    assert company_and_role(title, people=["Alex Rivera", "Chris Park"]) == (company, role)


@pytest.mark.parametrize(
    "title",
    [
        "Fabrikam Interview: Alex Rivera for Product Designer",
        "Interview Scheduled: Senior Financial Analyst - Woodgrove Bank",
        "Interview with Litware (via LinkedIn)",
        "Updated invitation: Interview Confirmed - Scheduled",
        "Invitation: Interview (via Calendly)",
    ],
)
def test_the_users_name_and_scheduler_words_are_never_company_or_role(title: str) -> None:
    for people in ([], ["Alex Rivera"]):
        for value in company_and_role(title, people=people):
            assert value is None or value.lower() not in {
                "alex rivera", "scheduled", "confirmed", "invitation", "updated", "via linkedin",
                "linkedin", "calendly", "interview",
            }  # fmt: skip


def test_every_shape_in_the_table_has_a_name_and_is_tried_before_free_form() -> None:
    names = [shape.name for shape in SHAPES]
    assert len(names) == len(set(names)) >= 4
    assert all(names)


# --- invites as the systems send them (tests/data/invites) ---------------------------------------

INVITES = Path(__file__).parents[1] / "data" / "invites"
EXPECTED = tomllib.loads((INVITES / "expected.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_invites_in_the_shape_each_system_sends(name: str) -> None:
    path = INVITES / f"{name}.ics"
    read = read_events(
        path.read_bytes(),
        str(path),
        since=datetime(2026, 11, 1, tzinfo=UTC),
        until=datetime(2027, 2, 1, tzinfo=UTC),
        timezone=None,
        system_tz="UTC",
    )
    # the user gave their address but not their name: the attendee entry names them
    found_all = detect_interviews(read.events, Settings(emails=(ME,)))
    expected = EXPECTED[name]
    if not expected.get("interview", True):
        assert found_all == []
        return
    (found,) = found_all
    assert found.company == expected["company"]
    assert found.role == (expected["role"] or "the position")
    assert [p.name for p in found.interviewers] == expected["interviewers"]
    assert "Alex Rivera" not in (found.company, found.role)


def test_every_invite_fixture_has_its_expected_result() -> None:
    assert sorted(p.stem for p in INVITES.glob("*.ics")) == sorted(EXPECTED)
    systems = {"greenhouse", "lever", "goodtime", "ashby", "workday", "calendly", "linkedin"}
    assert systems | {"teams", "meet", "zoom"} <= set(EXPECTED)


# --- people and roles named in the notes ----------------------------------------------------------


@pytest.mark.parametrize(
    ("notes", "interviewers", "role"),
    [
        ("Interviewers: Dana Whitfield, Marcus Lee", ["Dana Whitfield", "Marcus Lee"], None),
        ("Interviewer: Dana", ["Dana"], None),
        ("Your panel: Dana Whitfield (EM) and Marcus Lee (Staff Engineer)",
         ["Dana Whitfield", "Marcus Lee"], None),
        ("You'll be meeting with Jane Smith and Raj Patel from the platform team.",
         ["Jane Smith", "Raj Patel"], None),
        ("Tomorrow you will speak with Maria de la Cruz.", ["Maria de la Cruz"], None),
        ("10:00 AM - 10:45 AM EST: Dana Whitfield (Engineering Manager)\n"
         "10:45 AM - 11:30 AM EST: Marcus Lee - Staff Engineer\n"
         "11:30 AM - 12:15 PM EST: Lunch with the team\n"
         "12:15 PM - 1:00 PM EST: System Design with Priya Natarajan\n"
         "1:00 PM - 1:45 PM EST: Tom O'Neill, Director of Product",
         ["Dana Whitfield", "Marcus Lee", "Priya Natarajan", "Tom O'Neill"], None),
        ("1:15-2:00pm | Grace Liu", ["Grace Liu"], None),
        ("Role: Senior Product Manager", [], "Senior Product Manager"),
        ("Position: Staff Data Engineer (R-20411)", [], "Staff Data Engineer"),
        ("Job title: Analyst", [], "Analyst"),
        ("Looking forward to chatting about the Full Stack Engineer role!", [],
         "Full Stack Engineer"),
        ("This call is for the Customer Success Manager position.", [],
         "Customer Success Manager"),
        ("Thanks for your time. Please bring ID.", [], None),
        ("Interviewers: TBD", [], None),
    ],
)  # fmt: skip
def test_people_and_roles_named_in_the_notes(
    notes: str, interviewers: list[str], role: str | None
) -> None:
    found = named_in_notes(notes)
    assert [p.name for p in found.interviewers] == interviewers
    assert found.role == role


def test_an_address_beside_a_name_in_the_notes_is_kept() -> None:
    (dana,) = named_in_notes("Interviewers: Dana Whitfield <dana@wingtiptoys.com>").interviewers
    assert dana == Person("Dana Whitfield", "dana@wingtiptoys.com")


def test_the_notes_panel_replaces_an_organiser_only_attendee_list() -> None:
    invite = event(
        "Onsite interview — Globex",
        organizer=Attendee(email="recruiting@globex.com", name="Globex Recruiting"),
        attendees=(me(), Attendee(email="recruiting@globex.com", name="Globex Recruiting")),
        description="Interviewers: Dana Whitfield, Marcus Lee",
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert [p.name for p in found.interviewers] == ["Dana Whitfield", "Marcus Lee"]


def test_attendees_named_on_the_invite_win_over_the_notes() -> None:
    invite = event(
        "Interview with Acme",
        attendees=(me(), Attendee(email="jane@acme.com", name="Jane Doe")),
        description="Interviewers: Dana Whitfield",
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert [p.name for p in found.interviewers] == ["Jane Doe"]


def test_a_role_in_the_notes_fills_a_title_without_one() -> None:
    with_role = event("Interview with Acme", description="Role: Senior Product Manager")
    titled = event("Interview with Acme - Data Analyst", description="Role: Senior PM", day=2)
    first, second = detect_interviews([with_role, titled], SETTINGS)
    assert first.role == "Senior Product Manager"
    assert second.role == "Data Analyst"


@pytest.mark.parametrize(
    ("notes", "company"),
    [
        ("Thanks for your time with Wingtip Toys.", "Wingtip Toys"),
        ("Company: Wingtip Toys Ltd", "Wingtip Toys Ltd"),
        ("See you soon!", "Wingtiptoys"),
    ],
)
def test_the_organisers_domain_is_spelled_as_the_notes_spell_it(notes: str, company: str) -> None:
    invite = event(
        "Phone screen",
        organizer=Attendee(email="maya@wingtiptoys.com", name="Maya Singh"),
        attendees=(me(), Attendee(email="maya@wingtiptoys.com", name="Maya Singh")),
        description=notes,
    )
    (found,) = detect_interviews([invite], SETTINGS)
    assert found.company == company


@pytest.mark.parametrize(
    "robot",
    [
        Attendee(email="calendar@northwindtraders.com", name="Interview Calendar"),
        Attendee(email="no-reply@calendly.com", name="Calendly"),
        Attendee(email="bot@goodtime.io", name="GoodTime"),
        Attendee(email="conf-room-4b@adatum.com", name="Conference Room 4B"),
        Attendee(email="4b@adatum.com", name="Boardroom 4B"),
        Attendee(email="c_1883@resource.calendar.google.com", name="HQ-4 (8)"),
        Attendee(email="recruiting@tailspintoys.com", name="Tailspin Toys Recruiting"),
        Attendee(email="talent@tailspintoys.com", name="Tailspin"),
    ],
)
def test_rooms_and_scheduler_accounts_are_never_interviewers(robot: Attendee) -> None:
    ev = event("Interview", attendees=(me(), robot), organizer=robot)
    assert interviewers(ev, SETTINGS.own_emails) == ()
