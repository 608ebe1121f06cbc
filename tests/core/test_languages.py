"""The six languages besides English, read as their job seekers write: a corpus per language
(titles, decision dates, instructions, no timetable, decoys, look-alikes, outcomes), each with
its country's holidays, in `tests/data/languages/<code>.tsv`.

Columns (tab-separated): what | text | date | expected…
- `title`: the event's title; expected company and role, or `-` when it is no interview.
- `window`: the interview's notes and date; expected first and last day of the call, and rule.
- `outcome`: the notes of a follow-up call and its date; expected kind of outcome.
Every expected date was worked out by hand from a printed December 2026 (Thu Dec 3 is the
interview; Fri Dec 11, 18; Dec 8 a holiday in ES and IT; Dec 25 everywhere, Dec 26 in DE, NL, IT).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.infer import infer_window
from calsync.core.outcome import read_call_notes
from calsync.model import Attendee, SourceEvent
from calsync.settings import Settings

CORPORA = Path(__file__).parent.parent / "data" / "languages"
COUNTRY = {"de": "DE", "fr": "FR", "es": "ES", "pt": "BR", "nl": "NL", "it": "IT"}


def _rows() -> list[object]:
    rows: list[object] = []
    for path in sorted(CORPORA.glob("*.tsv")):
        code = path.stem
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            what, text, day, *expected = line.split("\t")
            rows.append(
                pytest.param(
                    code,
                    what,
                    text.replace("\\n", "\n"),
                    day,
                    expected,
                    id=f"{code}:{number}:{text[:40]}",
                )
            )
    return rows


def _event(title: str) -> SourceEvent:
    start = datetime(2026, 12, 3, 14, tzinfo=UTC)
    return SourceEvent(
        id="e1",
        title=title,
        start=start,
        end=start,
        tz="Europe/Berlin",
        description="",
        attendees=(Attendee(email="me@example.org", name="Me", is_self=True),),
    )


@pytest.mark.parametrize(("code", "what", "text", "day", "expected"), _rows())
def test_the_corpus_reads_as_a_job_seeker_of_that_country_means_it(
    code: str, what: str, text: str, day: str, expected: list[str]
) -> None:
    languages = ("en", code)
    business = BusinessDays(COUNTRY[code])
    if what == "title":
        found = detect_interviews([_event(text)], Settings(languages=languages))
        if expected[0] == "-":
            assert found == []
        else:
            assert [(i.company, i.role) for i in found] == [(expected[0], expected[1])]
    elif what == "window":
        window = infer_window(text, date.fromisoformat(day), business=business, languages=languages)
        got = (window.first.isoformat(), window.last.isoformat(), window.rule)
        assert got == tuple(expected[:3]), window.phrase
    else:
        assert what == "outcome"
        read = read_call_notes(
            text, date.fromisoformat(day), business=business, languages=languages
        )
        assert read.outcome.kind == expected[0]


def test_every_language_has_a_corpus_of_every_kind() -> None:
    for code in COUNTRY:
        lines = (CORPORA / f"{code}.tsv").read_text(encoding="utf-8").splitlines()
        kinds = {line.split("\t")[0] for line in lines if line and not line.startswith("#")}
        assert kinds == {"title", "window", "outcome"}, code


def test_a_language_not_chosen_is_not_read() -> None:
    assert detect_interviews([_event("Vorstellungsgespräch bei Siemens")], Settings()) == []
    window = infer_window("Entscheidung bis 11.12.", date(2026, 12, 3), languages=("en", "fr"))
    assert window.rule == "default"


@pytest.mark.parametrize("code", list(COUNTRY))
def test_an_english_note_reads_the_same_in_a_calendar_of_any_language(code: str) -> None:
    """A pasted English e-mail in a German calendar: every note of the English corpora gives
    the same window and outcome with the other language's table in play (its words are never
    English ones: "no", "met", "out", "f/u" stay English)."""
    from tests.core.test_infer import load_corpus
    from tests.core.test_outcome import _rows

    changed = []
    for case in load_corpus():
        business = BusinessDays(case.country)
        alone = infer_window(case.notes, case.interview, date_order=case.order, business=business)
        both = infer_window(
            case.notes,
            case.interview,
            date_order=case.order,
            business=business,
            languages=("en", code),
        )
        if (alone.first, alone.last, alone.rule) != (both.first, both.last, both.rule):
            changed.append(case.notes)
    for row in _rows():
        business = BusinessDays(row.country)
        alone = read_call_notes(
            row.notes, row.call_date, date_order=row.date_order, business=business
        ).outcome
        both = read_call_notes(
            row.notes,
            row.call_date,
            date_order=row.date_order,
            business=business,
            languages=("en", code),
        ).outcome
        windows = [(o.window.first, o.window.last) if o.window else None for o in (alone, both)]
        if alone.kind != both.kind or windows[0] != windows[1]:
            changed.append(row.notes)
    assert changed == []


def test_an_outcome_is_quoted_as_the_user_wrote_it() -> None:
    """plan and the closing thank-you note quote the user's own line, not its English reading."""
    notes = "Angerufen, Frau Weber war da.\nLeider Absage erhalten, sie nehmen jemand anderen."
    read = read_call_notes(notes, date(2026, 12, 11), languages=("en", "de"))
    assert read.outcome.kind == "rejected"
    assert read.line == "Leider Absage erhalten, sie nehmen jemand anderen."
    later = read_call_notes("nächster Anruf: 21.12.", date(2026, 12, 15), languages=("en", "de"))
    assert later.outcome.window is not None
    assert later.outcome.window.phrase == "nächster Anruf: 21.12."
