"""Which interviews are rounds of one application: a table of pairs, and the grouping."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.core.applications import (
    MAX_GAP,
    employer_domain,
    group_applications,
    same_employer,
    same_position,
)
from calsync.model import Interview

NY = ZoneInfo("America/New_York")
DAY0 = datetime(2026, 11, 2, 10, 0, tzinfo=NY)


def _round(sid: str, company: str, role: str, *, day: int = 0, organiser: str = "") -> Interview:
    start = DAY0 + timedelta(days=day)
    return Interview(
        source_id=sid,
        title=f"{company} - {role}",
        company=company,
        role=role,
        interviewers=(),
        notes="",
        start=start,
        end=start + timedelta(hours=1),
        tz="America/New_York",
        organiser_email=organiser,
    )


# (first round, second round, one application?)
PAIRS = [
    # company names: case, punctuation and legal suffixes do not matter
    (("Hooli", "Backend Engineer"), ("hooli", "Backend Engineer"), True),
    (("Hooli, Inc.", "Backend Engineer"), ("Hooli", "Backend Engineer"), True),
    (("Umbrella Corp", "Designer"), ("UMBRELLA Corporation", "Designer"), True),
    (("Initech LLC", "Product Manager"), ("Initech", "Product Manager"), True),
    (("Globex GmbH", "Data Analyst"), ("Globex Ltd.", "Data Analyst"), True),
    (("Stark Industries Co.", "Architect"), ("Stark-Industries", "Architect"), True),
    (("Acme", "Engineer"), ("Acme Labs", "Engineer"), False),
    (("Acme", "Engineer"), ("Initech", "Engineer"), False),
    # roles: case and seniority words do not matter; an unknown role joins
    (("Acme", "Senior Engineer"), ("Acme", "engineer"), True),
    (("Acme", "Sr. Backend Engineer"), ("Acme", "Backend Engineer"), True),
    (("Acme", "Staff Engineer"), ("Acme", "Principal Engineer"), True),
    (("Acme", "Junior Analyst"), ("Acme", "Jr Analyst"), True),
    (("Acme", "Lead Designer"), ("Acme", "Designer"), True),
    (("Acme", "Engineer"), ("Acme", "the position"), True),
    (("Acme", "the position"), ("Acme", "Designer"), True),
    # different roles at one company stay apart
    (("Acme", "Backend Engineer"), ("Acme", "Product Manager"), False),
    (("Acme", "Senior Engineer"), ("Acme", "Engineering Manager"), False),
    # an unknown company never matches another unknown company by name
    (("the company", "Engineer"), ("the company", "Engineer"), False),
]


@pytest.mark.parametrize(("first", "second", "together"), PAIRS)
def test_rounds_by_company_and_role(
    first: tuple[str, str], second: tuple[str, str], together: bool
) -> None:
    apps = group_applications([_round("a", *first), _round("b", *second, day=5)])
    assert (len(apps) == 1) is together


DOMAINS = [
    # same employer domain: one application even when the titles name the company differently
    ("gavin@hooli.com", "denise@hooli.com", True),
    ("gavin@eng.hooli.com", "recruiting@hooli.com", True),
    ("a@acme.co.uk", "b@careers.acme.co.uk", True),
    # free mail and scheduling systems are shared by everyone: they say nothing
    ("sam@gmail.com", "pat@gmail.com", False),
    ("no-reply@greenhouse.io", "no-reply@greenhouse.io", False),
    ("scheduling@goodtime.io", "scheduling@goodtime.io", False),
    ("a@hire.lever.co", "b@hire.lever.co", False),
    ("x@calendly.com", "y@calendly.com", False),
    ("gavin@hooli.com", "miles@cyberdyne.com", False),
    ("", "", False),
]


@pytest.mark.parametrize(("one", "two", "together"), DOMAINS)
def test_rounds_by_organiser_domain(one: str, two: str, together: bool) -> None:
    first = _round("a", "the company", "Engineer", organiser=one)
    second = _round("b", "Hooli XYZ", "Engineer", day=3, organiser=two)
    assert (len(group_applications([first, second])) == 1) is together


@pytest.mark.parametrize(
    ("email", "domain"),
    [
        ("Gavin@Hooli.com", "hooli.com"),
        ("a@mail.eng.hooli.com", "hooli.com"),
        ("a@acme.co.uk", "acme.co.uk"),
        ("a@gmail.com", ""),
        ("a@ashbyhq.com", ""),
        ("room-4@resource.calendar.google.com", ""),
        ("nobody", ""),
    ],
)
def test_employer_domain(email: str, domain: str) -> None:
    assert employer_domain(email) == domain


@pytest.mark.parametrize(("gap", "together"), [(59, True), (60, True), (61, False)])
def test_each_round_within_60_days_of_the_previous(gap: int, together: bool) -> None:
    apps = group_applications(
        [_round("a", "Acme", "Engineer"), _round("b", "Acme", "Engineer", day=gap)]
    )
    assert (len(apps) == 1) is together


def test_the_gap_counts_from_the_previous_round_not_the_first() -> None:
    rounds = [_round(str(n), "Acme", "Engineer", day=50 * n) for n in range(4)]  # 150 days
    (app,) = group_applications(rounds)
    assert [r.source_id for r in app.rounds] == ["0", "1", "2", "3"]


def test_an_unknown_role_never_bridges_two_positions() -> None:
    rounds = [
        _round("pm", "Acme", "Product Manager"),
        _round("screen", "Acme", "the position", day=2),
        _round("eng", "Acme", "Backend Engineer", day=4),
    ]
    apps = group_applications(rounds)
    assert [[r.source_id for r in a.rounds] for a in apps] == [["pm", "screen"], ["eng"]]


def test_applications_come_in_order_with_the_latest_round_last() -> None:
    rounds = [
        _round("final", "Hooli", "Backend Engineer", day=9),
        _round("other", "Initech", "Product Manager", day=1),
        _round("screen", "Hooli Inc", "Senior Backend Engineer", day=0),
    ]
    apps = group_applications(rounds)
    assert [a.key for a in apps] == ["screen", "other"]
    assert apps[0].latest.source_id == "final"
    assert apps[0].role == "Backend Engineer"


def _grouped_pair_by_pair(interviews: list[Interview]) -> list[tuple[str, ...]]:
    """The grouping rule read literally: every application compared with every round, pair by
    pair through the public `same_employer`/`same_position` (slow, but obviously the rule)."""
    groups: list[list[Interview]] = []
    for interview in sorted(interviews, key=lambda i: (i.start, i.source_id)):
        fitting = [
            g
            for g in groups
            if interview.start - g[-1].start <= MAX_GAP
            and any(same_employer(r, interview) for r in g)
            and all(same_position(r, interview) for r in g)
        ]
        if fitting:
            max(fitting, key=lambda g: g[-1].start).append(interview)
        else:
            groups.append([interview])
    return [tuple(i.source_id for i in g) for g in groups]


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["Acme", "ACME Inc.", "Hooli", "the company", "Initech LLC"]),
            st.sampled_from(["Engineer", "Sr. Engineer", "Designer", "the position"]),
            st.integers(min_value=0, max_value=130),
            st.sampled_from(["", "a@acme.com", "b@eng.acme.com", "c@gmail.com", "d@hooli.com"]),
        ),
        max_size=40,
    )
)
def test_grouping_agrees_with_the_rule_applied_pair_by_pair(
    rounds: list[tuple[str, str, int, str]],
) -> None:
    # the fast grouping compares keys worked out once and only applications still open
    interviews = [
        _round(f"r{n}", company, role, day=day, organiser=organiser)
        for n, (company, role, day, organiser) in enumerate(rounds)
    ]
    grouped = [tuple(i.source_id for i in app.rounds) for app in group_applications(interviews)]
    assert grouped == _grouped_pair_by_pair(interviews)


def test_a_round_exactly_the_gap_after_the_last_still_joins() -> None:
    rounds = [_round("a", "Acme", "Engineer"), _round("b", "Acme", "Engineer", day=60)]
    rounds.append(_round("c", "Acme", "Engineer", day=121))
    grouped = [tuple(i.source_id for i in app.rounds) for app in group_applications(rounds)]
    assert grouped == [("a", "b"), ("c",)]
