"""A title's parts, each read for what it is: the company and role wherever they stand."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.core.applications import group_applications
from calsync.core.detect import company_and_role, detect_interviews
from calsync.core.title_segments import head_noun, without_tags
from calsync.model import SourceEvent
from calsync.settings import Settings

PEOPLE = ["Alex Rivera", "Priya Nair", "Chris Park"]


@pytest.mark.parametrize(
    ("title", "company", "role"),
    [
        # the words that qualify a round are never the role nor the company
        ("Recruiter Phone Screen — Acme", "Acme", None),
        ("Final interview - Duff Brewing - Brand Manager", "Duff Brewing", "Brand Manager"),
        ("Second round interview - Initech", "Initech", None),
        ("First Round Interview: Hooli - Backend Engineer", "Hooli", "Backend Engineer"),
        ("Technical Phone Screen | Staff Engineer | Pied Piper", "Pied Piper", "Staff Engineer"),
        ("Initial call - Vandelay Industries - Sales Associate", "Vandelay Industries",
         "Sales Associate"),
        # the user's own name as one of the parts, anywhere
        ("Alex Rivera - Acme - Data Analyst", "Acme", "Data Analyst"),
        ("Data Analyst - Alex Rivera - Acme - Phone screen", "Acme", "Data Analyst"),
        ("Acme | Alex Rivera | Onsite interview | Data Analyst", "Acme", "Data Analyst"),
        # a scheduler's product name is no company
        ("LinkedIn Scheduler: Phone screen with Priya Nair (Quantifold)", "Quantifold", None),
        ("Phone screen with Priya Nair (Quantifold) via LinkedIn Scheduler", "Quantifold", None),
        # job ids and gender tags are nowhere in the result
        ("Interview - R-55120 Credit Analyst - Acme", "Acme", "Credit Analyst"),
        ("Phone screen: Data Analyst (m/w/d) - Globex", "Globex", "Data Analyst"),
        ("Interview: Req #5521 Data Analyst - Globex", "Globex", "Data Analyst"),
        ("Globex - JR-4471 Nurse Practitioner (all genders) - Interview", "Globex",
         "Nurse Practitioner"),
        ("Initial call - Vandelay Industries - Sales Associate (f/m/x)", "Vandelay Industries",
         "Sales Associate"),
        ("Interview with Globex for Data Analyst (w/m/d) JR-4471", "Globex", "Data Analyst"),
        ("Lumina Labs: Portfolio review (UX Designer)", "Lumina Labs", "UX Designer"),
        ("Head of Growth - Initech - Interview", "Initech", "Head of Growth"),
        # bracketed parts are parts; how and how long are not; a level stays with the role
        ("[Contoso] Technical Screen - Backend Engineer", "Contoso", "Backend Engineer"),
        ("Coding interview (Wingtip Toys) - Software Engineer II", "Wingtip Toys",
         "Software Engineer II"),
        ("Contoso - Onsite Loop (Backend Engineer, Payments)", "Contoso",
         "Backend Engineer, Payments"),
        ("Interview for Registered Nurse position - Mercy Hospital", "Mercy Hospital",
         "Registered Nurse"),
        ("Interview with Priya Nair from Contoso", "Contoso", None),
        ("Recruiter call with Priya Nair, Quantifold", "Quantifold", None),
        ("Blue Yonder Airlines - Marketing Coordinator - 2nd Interview", "Blue Yonder Airlines",
         "Marketing Coordinator"),
        # a company beside the meeting words before "for" or "with"; status words are no name
        ("Contoso Interview for Staff Engineer (Alex Rivera)", "Contoso", "Staff Engineer"),
        ("Contoso Phone Interview with Alex Rivera - R0045123 Senior Accountant", "Contoso",
         "Senior Accountant"),
        ("HireVue Video Interview - Acme Corp - Customer Service Representative", "Acme Corp",
         "Customer Service Representative"),
        ("Interview Confirmation - Senior Accountant - Contoso", "Contoso", "Senior Accountant"),
        ("Your interview with Acme is confirmed: Data Analyst", "Acme", "Data Analyst"),
        ("Onsite Interview Day - Contoso HQ", "Contoso HQ", None),
    ],
)  # fmt: skip
def test_each_part_of_a_title_is_read_for_what_it_is(
    title: str, company: str | None, role: str | None
) -> None:
    assert company_and_role(title, people=PEOPLE) == (company, role)


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("R-55120 Credit Analyst", "Credit Analyst"),
        ("Data Analyst (m/w/d)", "Data Analyst"),
        ("Req #5521 Analyst", "Analyst"),
        ("JR-4471 Nurse", "Nurse"),
        ("Designer (f/m/x)", "Designer"),
        ("Designer (w/m/d)", "Designer"),
        ("Editor (all genders)", "Editor"),
        ("Requisition 20411: Editor", ": Editor"),
        ("Engineer (R0012345)", "Engineer"),
        ("Acme B2B Sales Representative", "Acme B2B Sales Representative"),
    ],
)
def test_job_ids_and_gender_tags_are_removed(text: str, left: str) -> None:
    assert without_tags(text) == left


@pytest.mark.parametrize(
    ("role", "head"),
    [
        ("Senior Backend Engineer", "engineer"),
        ("Registered Nurse", "nurse"),
        ("Director of Product", "director"),
        ("Duff Brewing", None),
        ("Recruiter", "recruiter"),
    ],
)
def test_a_role_is_built_on_a_job_title_word(role: str, head: str | None) -> None:
    assert head_noun(role) == head


KINDS = ["Phone screen", "Onsite interview", "Final round", "Interview", "Recruiter Phone Screen",
         "Technical interview", "Hiring manager chat", "Second round interview"]  # fmt: skip
COMPANIES = ["Acme", "Duff Brewing", "Pied Piper", "Northwind Traders", "Initech",
             "Harrow & Vale", "Quantifold"]  # fmt: skip
ROLES = ["Brand Manager", "Data Analyst", "Senior Backend Engineer", "Registered Nurse",
         "Staff Accountant", "UX Designer", "Head of Growth", "Copy Editor"]  # fmt: skip
TAGS = ["", " (m/w/d)", " (all genders)", " R-55120", " (f/m/x)"]
SEPARATORS = [" - ", " — ", " – ", " | ", " · ", ": ", " / "]


@given(
    kind=st.sampled_from(KINDS),
    company=st.sampled_from(COMPANIES),
    role=st.sampled_from(ROLES),
    tag=st.sampled_from(TAGS),
    with_user=st.booleans(),
    separator=st.sampled_from(SEPARATORS),
    order=st.permutations(range(4)),
)
def test_the_same_parts_in_any_order_give_the_same_company_and_role(
    kind: str,
    company: str,
    role: str,
    tag: str,
    with_user: bool,
    separator: str,
    order: list[int],
) -> None:
    parts = [kind, company, role + tag, "Alex Rivera" if with_user else ""]
    title = separator.join(parts[i] for i in order if parts[i])
    assert company_and_role(title, people=PEOPLE) == (company, role), title


def test_the_users_name_from_their_address_is_never_the_company() -> None:
    start = datetime(2026, 12, 1, 14, tzinfo=UTC)
    event = SourceEvent(
        "x", "Alex Rivera - Acme - Data Analyst - Onsite", start, start + timedelta(hours=1), "UTC"
    )
    (found,) = detect_interviews([event], Settings(emails=("alex.rivera@example.com",)))
    assert (found.company, found.role) == ("Acme", "Data Analyst")


def test_rounds_read_right_group_into_one_application() -> None:
    first = datetime(2026, 12, 1, 14, tzinfo=UTC)
    titles = [
        "Recruiter Phone Screen — Duff Brewing",
        "Duff Brewing | Brand Manager | Hiring manager interview",
        "Final interview - Duff Brewing - Brand Manager",
    ]
    starts = [first + timedelta(days=7 * i) for i in range(len(titles))]
    events = [
        SourceEvent(f"r{i}", title, start, start + timedelta(hours=1), "UTC")
        for i, (title, start) in enumerate(zip(titles, starts, strict=True))
    ]
    found = detect_interviews(events, Settings(name="Alex Rivera"))
    assert {(i.company, i.role) for i in found[1:]} == {("Duff Brewing", "Brand Manager")}
    (application,) = group_applications(found)
    assert len(application.rounds) == 3
