"""The applications board: each application once, in the column of its stage, with its next
step; the next 14 days; the figures; calendar text shown as text, never as markup."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from calsync.core.templates import role_at_company
from calsync.views.board import board_page
from calsync.views.board_model import build_board
from tests.views.board_pages import read_page

NY = ZoneInfo("America/New_York")
NOW = datetime(2026, 12, 8, 12, 0, tzinfo=NY)  # a Tuesday


def _at(day: date, hour: int = 10) -> str:
    return datetime.combine(day, time(hour), NY).isoformat()


def _app(
    company: str,
    *,
    rounds: list[date],
    calls: list[date] = (),  # type: ignore[assignment]
    chain: list[tuple[str, str | None]] = (),  # type: ignore[assignment]
    role: str = "Data Analyst",
    next_step: str = "follow-up call #1",
) -> dict[str, Any]:
    """One application as `plan --json` gives it."""
    return {
        "id": company,
        "company": company,
        "role": role,
        "rounds": [
            {
                "source_id": f"{company}-{n}",
                "title": f"Interview with {company}",
                "start": _at(day),
                "interviewers": [{"name": "Sam Lee", "email": "sam@example.com"}],
                "thank_you": [
                    {
                        "kind": "thank-you",
                        "number": 1,
                        "title": "Send thank-you note",
                        "start": _at(day, 12),
                    }
                ],
                "call_removed": None,
            }
            for n, day in enumerate(rounds)
        ],
        "call_round": f"{company}-{len(rounds) - 1}",
        "call": {
            "chain": [
                {
                    "number": n + 1,
                    "call_date": calls[n].isoformat(),
                    "outcome": kind,
                    "phrase": phrase,
                }
                for n, (kind, phrase) in enumerate(chain)
            ],
            "followups": [
                {
                    "kind": "follow-up-call",
                    "number": n + 1,
                    "title": f"Follow-up call — {role} at {company}",
                    "start": _at(day),
                }
                for n, day in enumerate(calls)
            ],
        },
        "next_step": next_step,
    }


D = date
APPS = [
    _app("Ahead Co", rounds=[D(2026, 12, 10)], calls=[D(2026, 12, 21)]),
    _app("Thanks Co", rounds=[D(2026, 12, 7)], calls=[D(2026, 12, 16)]),
    _app("Waiting Co", rounds=[D(2026, 11, 30)], calls=[D(2026, 12, 14)]),
    _app("Overdue Co", rounds=[D(2026, 11, 23)], calls=[D(2026, 12, 3)]),
    _app(
        "Offer Co",
        rounds=[D(2026, 11, 16)],
        calls=[D(2026, 11, 30)],
        chain=[("offer", "they offered me the job, start Jan 4")],
    ),
    _app(
        "Rejected Co",
        rounds=[D(2026, 11, 2)],
        calls=[D(2026, 11, 16)],
        chain=[("rejected", "after careful consideration they chose someone else")],
    ),
    _app(
        "Quiet Co",
        rounds=[D(2026, 10, 1)],
        calls=[D(2026, 10, 12), D(2026, 10, 26), D(2026, 11, 9)],
        chain=[
            ("next-date", "try again in two weeks"),
            ("next-date", "call back Nov 9"),
            ("none", None),
        ],
    ),
    _app(
        "Rounds Co",
        rounds=[D(2026, 11, 20), D(2026, 12, 2)],
        calls=[D(2026, 12, 9)],
        next_step="follow-up call #1 on 2026-12-09",
    ),
]
COLUMNS = {
    "Ahead Co": "ahead",
    "Thanks Co": "thanks",
    "Waiting Co": "waiting",
    "Overdue Co": "due",
    "Offer Co": "offer",
    "Rejected Co": "closed",
    "Quiet Co": "closed",
    "Rounds Co": "waiting",
}


def _page(apps: list[dict[str, Any]], now: datetime = NOW) -> str:
    return board_page(
        {"source": "work.ics", "applications": apps}, now=now, tz="America/New_York", max_calls=3
    )


def test_every_application_appears_once_in_the_column_of_its_stage() -> None:
    seen = read_page(_page(APPS))
    placed = {c.heading.split(" at ")[-1]: c.column for c in seen.cards}
    assert len(seen.cards) == len(APPS)
    assert placed == COLUMNS


@pytest.mark.parametrize(
    ("company", "status"),
    [
        ("Ahead Co", "interview on Thu Dec 10"),
        ("Thanks Co", "thank-you note on Mon Dec 7"),
        ("Waiting Co", "call #1 planned on Mon Dec 14"),
        ("Overdue Co", "call #1 overdue since Thu Dec 3"),
        ("Offer Co", "offer, told on call #1"),
        ("Rejected Co", "closed: not selected"),
        ("Quiet Co", "gone quiet: no answer after call #3 on Mon Nov 9"),
    ],
)
def test_each_card_says_its_stage_in_words(company: str, status: str) -> None:
    card = next(c for c in read_page(_page(APPS)).cards if c.heading.endswith(company))
    assert card.status == status


def test_a_card_shows_its_rounds_interviewers_next_step_and_last_words() -> None:
    cards = {c.heading.split(" at ")[-1]: c for c in read_page(_page(APPS)).cards}
    rounds = cards["Rounds Co"]
    assert "Fri Nov 20" in rounds.text and "Wed Dec 2" in rounds.text
    assert "with Sam Lee" in rounds.text
    assert rounds.next_step == "Next: follow-up call #1 on 2026-12-09"
    assert cards["Rejected Co"].said == (
        "You wrote: “after careful consideration they chose someone else”"
    )


def test_a_call_due_today_is_due_not_overdue() -> None:
    app = _app("Today Co", rounds=[D(2026, 11, 27)], calls=[D(2026, 12, 8)])
    late = datetime.combine(D(2026, 12, 8), time(15), NY)
    [card] = read_page(_page([app], now=late)).cards
    assert (card.column, card.status) == ("due", "call #1 due today")


def test_the_last_allowed_call_just_missed_is_due_before_it_counts_as_gone_quiet() -> None:
    app = _app(
        "Late Co",
        rounds=[D(2026, 10, 1)],
        calls=[D(2026, 10, 12), D(2026, 11, 2), D(2026, 12, 4)],
        chain=[("next-date", "a"), ("next-date", "b")],
    )
    [card] = read_page(_page([app])).cards
    assert card.column == "due"


def test_the_strip_holds_the_next_14_days_in_order() -> None:
    seen = read_page(_page(APPS))
    days = [
        item.split(" Interview:")[0].split(" Call:")[0].split(" Thank-you:")[0]
        for item in seen.strip
    ]
    assert days == ["Wed Dec 9", "Thu Dec 10", "Mon Dec 14", "Wed Dec 16", "Mon Dec 21"]
    assert "Interview: Interview with Ahead Co" in seen.strip[1]
    assert all("Nov" not in item and "Dec 8 " not in item for item in seen.strip)


def test_the_figures() -> None:
    board = build_board({"applications": APPS}, now=NOW, tz="America/New_York", max_calls=3)
    figures = board.figures
    assert figures.open == 5
    assert figures.interviews_this_month == 3  # Dec 2, Dec 7, Dec 10
    # Offer Co: interview Nov 16, told Nov 30 (14 days); Rejected Co: Nov 2 → Nov 16 (14)
    assert figures.median_days_to_decision == 14
    # calls passed for Overdue, Offer, Rejected, Quiet; answered: Offer, Rejected, Quiet
    assert (figures.answered, figures.asked) == (3, 4)
    shown = read_page(_page(APPS)).figures
    assert shown["Median days from interview to a decision"] == "14 days"
    assert shown["Applications that answered a call"] == "3 of 4"


HOSTILE = '<script>document.body.dataset.pwned="1"</script><img src=x onerror="alert(1)">'


def test_calendar_text_is_shown_as_text_never_as_markup() -> None:
    app = _app(HOSTILE, rounds=[D(2026, 12, 10)], role='Engineer "&" <b>')
    page = _page([app])
    seen = read_page(page)
    assert seen.tags.isdisjoint({"script", "img", "b"})
    assert seen.cards[0].heading == f'Engineer "&" <b> at {HOSTILE}'
    assert "<script" not in page


def test_an_empty_search_still_gives_a_page() -> None:
    seen = read_page(_page([]))
    assert seen.cards == []
    assert seen.figures["Applications open"] == "0"


# ---- the real pipeline: calendar → plan --json → board ---------------------------------------


def test_board_command_writes_a_page_with_every_application_of_the_example(
    tmp_path: Path,
) -> None:
    from click.testing import CliRunner

    from calsync.cli import cli

    example = Path(__file__).resolve().parents[2] / "examples" / "interviews.ics"
    result = CliRunner().invoke(
        cli,
        [
            "board",
            "--from",
            str(example),
            "--out",
            "board.html",
            "--since",
            "2026-11-01",
            "--until",
            "2027-06-01",
            "--name",
            "Alex Rivera",
        ],
    )
    assert result.exit_code == 0, result.output
    planned = CliRunner().invoke(
        cli,
        [
            "plan",
            "--from",
            str(example),
            "--json",
            "--since",
            "2026-11-01",
            "--until",
            "2027-06-01",
            "--name",
            "Alex Rivera",
        ],
    )
    import json

    apps = json.loads(planned.output)["applications"]
    seen = read_page((tmp_path / "board.html").read_text(encoding="utf-8"))
    assert sorted(c.heading for c in seen.cards) == sorted(
        role_at_company(a["role"], a["company"]) for a in apps
    )
    assert not any(c.heading.startswith("the position") for c in seen.cards)
    assert {c.next_step for c in seen.cards} == {f"Next: {a['next_step']}" for a in apps}


def test_board_reads_the_outcomes_the_user_wrote(tmp_path: Path) -> None:
    """Sync, the user writes outcomes on two calls, the calendar comes back: one card is an
    offer, one is closed with the user's words, the rest wait."""
    from calsync.app import Run, plan, sync
    from calsync.report import plan_json
    from calsync.settings import Settings
    from tests.helpers import ME, Ev, exported, read_events, write_calendar

    start = datetime(2026, 11, 2, 10, tzinfo=NY)
    interviews = [
        Ev(
            f"{name.lower()}-1",
            f"Interview with {name} — Data Analyst",
            start + timedelta(days=i),
            attendees=[(f"sam@{name.lower()}.com", "Sam Lee", "ACCEPTED"), ME],
        )
        for i, name in enumerate(["Globex", "Initech", "Hooli"])
    ]
    source, out = tmp_path / "calendar.ics", tmp_path / "followups.ics"
    write_calendar(source, interviews)
    run = Run(
        settings=Settings(emails=(ME[0],), since=date(2026, 10, 1), until=date(2027, 3, 1)),
        now=datetime(2026, 11, 20, 12, tzinfo=NY),
        system_tz="America/New_York",
    )
    sync(str(source), str(out), run, dry_run=False)
    notes = {"Globex": "They offered me the job!", "Initech": "went with another candidate"}
    back = []
    for component in read_events(out).values():
        title = str(component["SUMMARY"])
        said = next((n for c, n in notes.items() if "call" in title and c in title), None)
        back.append(exported(component, notes=said))
    write_calendar(source, [*interviews, *back])
    later = Run(
        settings=run.settings,
        now=datetime(2026, 11, 25, 12, tzinfo=NY),
        system_tz="America/New_York",
    )
    planned = plan(str(source), later)
    import json

    document = json.loads(plan_json(planned.plans, source=planned.source))
    seen = read_page(board_page(document, now=later.now, tz="America/New_York", max_calls=3))
    placed = {c.heading.split(" at ")[-1]: c for c in seen.cards}
    assert placed["Globex"].column == "offer"
    assert placed["Initech"].column == "closed"
    assert "went with another candidate" in placed["Initech"].said
    assert placed["Hooli"].column == "due"
    assert datetime.now(UTC)  # the board took its "now" from the run, not the clock
