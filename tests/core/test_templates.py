"""The text of the events calsync writes: what the user reads in their calendar."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit
from zoneinfo import ZoneInfo

import pytest

from calsync.core.templates import (
    another_thank_you_description,
    another_thank_you_title,
    call_description,
    call_title,
    thank_you_description,
    thank_you_title,
)
from calsync.model import Interview, Outcome, Person, Window
from calsync.settings import Settings

NY = ZoneInfo("America/New_York")
REFERENCE = Path("/work/shared/reference/following-up-after-a-job-interview.txt")
SETTINGS = Settings(name="Alex Rivera")
NAMELESS = Settings()

JANE = Person("Jane Doe", "jane.doe@acme.com")
RAJ = Person("Raj Patel")


def interview(**fields: object) -> Interview:
    start = datetime(2026, 11, 24, 14, 0, tzinfo=NY)
    values: dict[str, object] = {
        "source_id": "ev1",
        "title": "Interview with Acme — Senior Engineer",
        "company": "Acme",
        "role": "Senior Engineer",
        "interviewers": (JANE, RAJ),
        "notes": "Jane asked me to follow up on Dec 3.",
        "start": start,
        "end": start + timedelta(hours=1),
        "tz": "America/New_York",
    }
    values.update(fields)
    return Interview(**values)  # type: ignore[arg-type]


ACME = interview()
ALL_DAY = interview(
    start=datetime(2026, 12, 8, tzinfo=NY), end=datetime(2026, 12, 9, tzinfo=NY), all_day=True
)
UNKNOWN = interview(company="the company", role="the position", interviewers=())
WITH_PHONE = interview(phones=("(415) 555-0134", "+1 (310) 555-0163"))

EXPLICIT = Window(date(2026, 12, 3), date(2026, 12, 3), "explicit", "follow up on Dec 3")
DECISION = Window(
    date(2026, 12, 7), date(2026, 12, 8), "decision", "decide by Friday, Dec 4", date(2026, 12, 4)
)
DEFAULT = Window(date(2026, 12, 1), date(2026, 12, 4), "default")
REJECTED = Outcome("rejected", "they chose someone else")
NEXT = Outcome("next-date", "decision now expected Dec 18")


def lines(text: str) -> list[str]:
    return text.split("\n")


def mailto_links(text: str) -> list[str]:
    return [line for line in lines(text) if line.startswith("mailto:")]


def note_after(text: str, subject_line: str) -> list[str]:
    """The note's body as shown in the description: from the greeting to the signature."""
    all_lines = lines(text)
    start = all_lines.index(subject_line) + 1
    end = next(i for i in range(start, len(all_lines)) if all_lines[i] == "")
    return all_lines[start:end] if end > start else all_lines[start:]


# --- titles ---------------------------------------------------------------------------------------


def test_titles_use_the_em_dash_and_say_role_at_company() -> None:
    assert thank_you_title(ACME) == "Send thank-you note \u2014 Senior Engineer at Acme"
    assert call_title(ACME, 1) == "Follow-up call \u2014 Senior Engineer at Acme"
    assert call_title(ACME, 2) == "Follow-up call #2 \u2014 Senior Engineer at Acme"
    assert call_title(ACME, 3) == "Follow-up call #3 \u2014 Senior Engineer at Acme"
    assert another_thank_you_title(ACME) == (
        "Send another thank-you note \u2014 Senior Engineer at Acme"
    )


def test_titles_read_naturally_when_company_and_role_are_unknown() -> None:
    assert thank_you_title(UNKNOWN) == "Send thank-you note — your interview"
    blank = interview(company="", role="")
    assert call_title(blank, 1) == "Follow-up call — your interview"
    no_role = interview(company="Initech", role="the position")
    assert thank_you_title(no_role) == "Send thank-you note — interview at Initech"
    assert "the position at" not in thank_you_description(no_role, SETTINGS)
    assert "your interview at Initech" in thank_you_description(no_role, SETTINGS)


# --- the thank-you note ---------------------------------------------------------------------------


def test_thank_you_holds_a_note_to_each_interviewer_by_name() -> None:
    text = thank_you_description(ACME, SETTINGS)
    assert "Hi Jane," in lines(text)
    assert "Hi Raj," in lines(text)
    assert text.count("Tuesday, November 24") >= 2  # the date, in each note
    assert "Senior Engineer" in text and "Acme" in text
    assert lines(text).count("Alex Rivera") == 2  # each note signed


def test_thank_you_without_the_users_name_leaves_a_placeholder() -> None:
    assert "[Your name]" in lines(thank_you_description(ACME, NAMELESS))


def test_thank_you_gives_the_tips_for_a_good_note() -> None:
    text = thank_you_description(ACME, SETTINGS).lower()
    assert "within a day" in text
    assert "specific" in text or "concrete" in text
    assert "short" in text
    assert "typos" in text


def test_the_mailto_link_opens_a_draft_holding_the_note() -> None:
    text = thank_you_description(ACME, SETTINGS)
    (link,) = mailto_links(text)  # Raj has no address: no link for him
    parts = urlsplit(link)
    assert unquote(parts.path) == "jane.doe@acme.com"
    query = parse_qs(parts.query)
    subject = query["subject"][0]
    body = query["body"][0]
    assert f"Subject: {subject}" in lines(text)
    assert body.split("\r\n") == note_after(text, f"Subject: {subject}")
    assert body.startswith("Hi Jane,")
    assert body.endswith("Alex Rivera")


def test_an_all_day_interview_is_given_a_date_and_no_time() -> None:
    text = thank_you_description(ALL_DAY, SETTINGS)
    assert "Tuesday, December 8, 2026" in text
    assert not re.search(r"\d:\d\d", text)
    assert " AM" not in text and " PM" not in text


def test_a_timed_interview_shows_its_local_time() -> None:
    assert "Interview: Tuesday, November 24, 2026, 2:00 PM" in lines(
        thank_you_description(ACME, SETTINGS)
    )


def test_thank_you_with_no_known_interviewer_still_gives_a_note() -> None:
    text = thank_you_description(UNKNOWN, SETTINGS)
    assert "Hi [interviewer's name]," in lines(text)
    assert mailto_links(text) == []
    assert "the position" in text


# --- the follow-up call ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        (EXPLICIT, ["Call on: Thursday, December 3, 2026", '"follow up on Dec 3"']),
        (
            DECISION,
            [
                "Call between: Monday, December 7, 2026 and Tuesday, December 8, 2026",
                "decision date",
                "Friday, December 4, 2026",
                '"decide by Friday, Dec 4"',
            ],
        ),
        (
            DEFAULT,
            ["Call between: Tuesday, December 1, 2026 and Friday, December 4, 2026", "7 to 10"],
        ),
    ],
    ids=["explicit", "decision", "default"],
)
def test_the_call_says_when_and_why(window: Window, expected: list[str]) -> None:
    text = call_description(ACME, window, 1, SETTINGS)
    for piece in expected:
        assert piece in text


def test_the_call_says_who_to_call_with_tel_links() -> None:
    text = call_description(WITH_PHONE, DEFAULT, 1, SETTINGS)
    assert "- Jane Doe (jane.doe@acme.com)" in lines(text)
    assert "- Raj Patel" in lines(text)
    assert "tel:4155550134" in text
    assert "tel:+13105550163" in text


def test_no_tel_link_without_a_phone_in_the_notes() -> None:
    assert "tel:" not in call_description(ACME, DEFAULT, 1, SETTINGS)


def test_with_nobody_known_the_call_points_to_whoever_arranged_it() -> None:
    text = call_description(UNKNOWN, DEFAULT, 1, SETTINGS)
    assert "recruiter" in text


def test_the_call_script_covers_every_point() -> None:
    text = call_description(ACME, DEFAULT, 1, SETTINGS)
    low = text.lower()
    # Opening: who you are, the position, the interview date, why you call.
    assert "this is Alex Rivera" in text
    assert "the Senior Engineer role" in text
    assert "Tuesday, November 24" in text
    assert "status" in low
    # No decision yet.
    assert "if they have not decided yet" in low
    assert "when they expect a decision" in low
    assert "check in again" in low
    assert "first impression" in low
    assert "weak spot" in low
    # Someone else got the job.
    assert "if the job went to someone else" in low
    assert "stronger candidate" in low
    assert "another thank-you note" in low
    assert "courteous" in low and "other openings" in low
    assert low.count("thank them") >= 2
    # Closing.
    assert "patient and upbeat" in low
    assert "slower than" in low


def test_the_call_tells_how_to_record_the_outcome() -> None:
    text = call_description(ACME, DEFAULT, 1, SETTINGS)
    assert "How to record the outcome:" in lines(text)
    assert "new line in this event's notes" in text
    for example in ("next follow-up:", "decision now expected", "someone else", "offer accepted"):
        assert example in text


def test_a_later_call_is_numbered_and_recalls_the_last_outcome() -> None:
    text = call_description(ACME, DEFAULT, 2, SETTINGS, previous=NEXT)
    assert lines(text)[0].startswith("Follow-up call #2 ")
    assert "decision now expected Dec 18" in lines(text)
    first = call_description(ACME, DEFAULT, 1, SETTINGS)
    assert "#" not in first.split("\n")[0]


def test_descriptions_are_the_same_every_time_they_are_built() -> None:
    for _ in range(2):
        assert call_description(ACME, DECISION, 2, SETTINGS, NEXT) == call_description(
            ACME, DECISION, 2, SETTINGS, NEXT
        )
        assert thank_you_description(ACME, SETTINGS) == thank_you_description(ACME, SETTINGS)


def test_user_values_sit_on_lines_of_their_own() -> None:
    # The planner diffs lines: a changed window must change only the lines about the window.
    before = lines(call_description(ACME, DEFAULT, 1, SETTINGS))
    later = Window(date(2026, 12, 2), date(2026, 12, 4), "default")
    after = lines(call_description(ACME, later, 1, SETTINGS))
    changed = [a for a, b in zip(before, after, strict=True) if a != b]
    assert changed and all("December" in c or "Dec " in c for c in changed)


# --- another thank-you, after a "no" --------------------------------------------------------------


def test_another_thank_you_is_gracious_and_keeps_the_door_open() -> None:
    text = another_thank_you_description(ACME, REJECTED, SETTINGS)
    assert "they chose someone else" in lines(text)
    assert "Hi Jane," in lines(text)
    assert "keep me in mind" in text
    assert "Thank you" in text
    (link,) = mailto_links(text)
    body = parse_qs(urlsplit(link).query)["body"][0]
    assert "keep me in mind" in body


# --- plain, original text ----------------------------------------------------------------------


def every_text() -> list[str]:
    texts = []
    for subject in (ACME, ALL_DAY, UNKNOWN, WITH_PHONE):
        texts.append(thank_you_description(subject, SETTINGS))
        texts.append(another_thank_you_description(subject, REJECTED, NAMELESS))
        for window in (EXPLICIT, DECISION, DEFAULT):
            texts.append(call_description(subject, window, 1, SETTINGS))
            texts.append(call_description(subject, window, 3, NAMELESS, previous=NEXT))
    return texts


def words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("thank-you", "thank you")
    return re.findall(r"[a-z0-9']+", text)


def test_no_run_of_eight_words_is_copied_from_the_reference() -> None:
    reference = words(REFERENCE.read_text(encoding="utf-8"))
    runs = {tuple(reference[i : i + 8]) for i in range(len(reference) - 7)}
    for text in every_text():
        ours = words(text)
        copied = [
            " ".join(ours[i : i + 8])
            for i in range(len(ours) - 7)
            if tuple(ours[i : i + 8]) in runs
        ]
        assert copied == []


def test_descriptions_are_plain_text_with_whole_sentences_a_line() -> None:
    """Calendar apps wrap long lines themselves: no sentence is broken over two lines (a line
    left hanging on a comma, or one that goes on in lower case)."""
    for text in every_text():
        assert not re.search(r"</?[a-z]+[^>]*>", text)  # no HTML tags
        assert "**" not in text and "##" not in text
        previous = before = ""
        for line in lines(text):
            assert line == line.rstrip()
            quoted = previous.startswith("What you noted")  # the user's own words, as written
            previous = line
            goes_on = line[:1].islower() and not line.startswith(("mailto:", "tel:"))
            assert not goes_on or quoted or before.endswith((".", "!", "?", ":")), line
            before = line or before
            if line.endswith(","):
                assert line.startswith("Hi ") or line == "Best regards,", line


@pytest.mark.parametrize(
    ("country", "later", "expected"),
    [
        # the call is on Friday Dec 18: five business days on is Christmas Day in the US, so
        # the example moves to Monday Dec 28; without holidays it may be Friday Dec 25
        ("US", "Dec 28", "Dec 23"),
        (None, "Dec 25", "Dec 23"),
    ],
)
def test_example_outcome_dates_are_business_days_after_the_call(
    country: str | None, later: str, expected: str
) -> None:
    from calsync.core.dates import BusinessDays

    window = Window(date(2026, 12, 18), date(2026, 12, 21), "default")
    text = call_description(ACME, window, 1, SETTINGS, business=BusinessDays(country))
    assert f'"next follow-up: {later}", "decision now expected {expected}"' in text


def test_example_outcome_dates_are_never_a_weekend_or_holiday() -> None:
    from calsync.core.dates import BusinessDays

    days = BusinessDays("US")
    for offset in range(0, 400, 3):
        first = date(2026, 1, 1) + timedelta(days=offset)
        text = call_description(ACME, Window(first, first, "default"), 1, SETTINGS, business=days)
        found = re.search(r'next follow-up: (\w+ \d+)", "decision now expected (\w+ \d+)"', text)
        assert found
        for shown in found.groups():
            day = next(
                first + timedelta(days=n)
                for n in range(1, 30)
                if f"{first + timedelta(days=n):%b} {(first + timedelta(days=n)).day}" == shown
            )
            assert days.is_business_day(day), (first, shown)


def test_the_extra_thank_you_quotes_the_users_whole_line() -> None:
    outcome = Outcome(
        "rejected",
        "went with another candidate",
        line="Maria called: they went with another candidate, but she'll keep my CV on file.",
    )
    text = another_thank_you_description(ACME, outcome, SETTINGS)
    assert (
        "What you noted after the call:\n"
        "Maria called: they went with another candidate, but she'll keep my CV on file.\n"
    ) in text
