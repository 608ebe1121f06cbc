"""What the user writes on a follow-up call after making it → the next step of the chain.

The corpus in tests/data/outcome_corpus.tsv holds the phrasings, each with the outcome and,
for a new date, the window worked out by hand from a calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.core.dates import BusinessDays
from calsync.core.infer import find_window
from calsync.core.outcome import CallNotes, read_call_notes, read_outcome
from calsync.model import Outcome

CORPUS = Path(__file__).resolve().parent.parent / "data" / "outcome_corpus.tsv"
CALL = date(2026, 12, 11)  # a Friday


@dataclass(frozen=True)
class Row:
    line: int
    notes: str
    call_date: date
    kind: str
    first: date | None
    last: date | None
    country: str | None
    date_order: str


def _rows() -> list[Row]:
    rows = []
    for number, line in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        notes, call, kind, first, last, options = line.split("\t")
        opts = dict(o.split("=", 1) for o in options.split())
        rows.append(
            Row(
                number,
                notes.replace("\\n", "\n"),
                date.fromisoformat(call),
                kind,
                date.fromisoformat(first) if first else None,
                date.fromisoformat(last) if last else None,
                opts.get("country"),
                opts.get("date_order", "MDY"),
            )
        )
    return rows


def _read(row: Row) -> Outcome:
    return read_outcome(
        row.notes,
        row.call_date,
        date_order=row.date_order,
        business=BusinessDays(row.country),
    )


def _wrong(row: Row, got: Outcome) -> str | None:
    window = (got.window.first, got.window.last) if got.window else (None, None)
    if got.kind == row.kind and window == (row.first, row.last):
        return None
    return (
        f"line {row.line}: {row.notes!r} (call {row.call_date}) → {got.kind} {window} "
        f"from {got.phrase!r}; expected {row.kind} {(row.first, row.last)}"
    )


def test_the_corpus_reads_every_phrasing_right(capsys: pytest.CaptureFixture[str]) -> None:
    rows = _rows()
    wrong = [w for row in rows if (w := _wrong(row, _read(row))) is not None]
    right = len(rows) - len(wrong)
    with capsys.disabled():
        print(
            f"\noutcome corpus: {right}/{len(rows)} phrasings correct "
            f"({100 * right / len(rows):.1f}%)"
        )
    assert not wrong, "\n".join(wrong)


def test_the_corpus_covers_every_outcome_and_enough_phrasings() -> None:
    rows = _rows()
    assert len(rows) >= 60
    assert {r.kind for r in rows} == {"rejected", "offer", "withdrew", "next-date", "none"}
    assert all((r.first is not None) == (r.kind == "next-date") for r in rows)


@pytest.mark.parametrize(
    ("notes", "phrase"),
    [
        ("Sadly they went with another candidate.", "went with another candidate"),
        ("I didn’t get the job 😞", "didn’t get the job"),
        ("Got the offer!! 🎉", "Got the offer"),
        ("accepted another\noffer", "accepted another offer"),
    ],
)
def test_plan_shows_the_words_a_final_outcome_came_from(notes: str, phrase: str) -> None:
    assert read_outcome(notes, CALL).phrase == phrase


def test_a_new_date_carries_the_same_window_as_the_window_rules() -> None:
    notes = "No decision yet. Decision pushed to Dec 18, call again Dec 21"
    business = BusinessDays("US")
    outcome = read_outcome(notes, CALL, business=business)
    window = find_window(notes, CALL, business=business)
    assert window is not None
    assert outcome == Outcome("next-date", window.phrase, window)
    assert window.first == date(2026, 12, 21)  # the instruction beats the decision date


def test_dates_count_from_the_day_of_the_call_not_the_interview() -> None:
    def next_call(call_date: date) -> date | None:
        window = read_outcome("call again next Tuesday", call_date).window
        return window.first if window else None

    assert next_call(date(2026, 12, 11)) == date(2026, 12, 15)
    assert next_call(date(2026, 12, 16)) == date(2026, 12, 22)


@pytest.mark.parametrize(
    ("notes", "kind"),
    [
        ("Offer came in! Later they pulled the offer", "rejected"),
        ("They rejected me. Then I withdrew anyway", "withdrew"),
        ("I withdrew. Later they said they went with someone else", "rejected"),
        ("Rejected. A week later they made me an offer", "offer"),
    ],
)
def test_the_last_final_outcome_written_wins(notes: str, kind: str) -> None:
    assert read_outcome(notes, CALL).kind == kind


@pytest.mark.parametrize(
    "notes",
    [
        "they haven't gone with another candidate",
        "not rejected!",
        "I was told I have NOT been rejected",
        "nobody was hired",
        "they will not reject me",
        "hoping they don't go with someone else",
        "If I get the offer I'll take it",
        "no offer",
    ],
)
def test_denied_or_hoped_for_outcomes_change_nothing(notes: str) -> None:
    assert read_outcome(notes, CALL) == Outcome("none")


def test_a_denial_does_not_reach_into_the_next_sentence() -> None:
    assert read_outcome("No decision on Monday. They went with someone else", CALL).kind == (
        "rejected"
    )
    assert read_outcome("Not great news, but I got the job", CALL).kind == "offer"


@given(st.text(max_size=300))
def test_any_notes_read_as_one_of_the_five_outcomes(notes: str) -> None:
    outcome = read_outcome(notes, CALL)
    assert outcome.kind in {"rejected", "offer", "withdrew", "next-date", "none"}
    assert (outcome.window is not None) == (outcome.kind == "next-date")


@given(
    st.text(max_size=200),
    st.sampled_from(
        [
            ("They went with another candidate.", "rejected"),
            ("Got the offer!", "offer"),
            ("I withdrew.", "withdrew"),
        ]
    ),
)
def test_a_final_outcome_written_last_on_its_own_line_decides(
    earlier: str, final: tuple[str, str]
) -> None:
    sentence, kind = final
    assert read_outcome(f"{earlier}\n{sentence}", CALL).kind == kind


# --- Long notes (issue 7): every phrase is read once, the last stated one still wins ---------


def test_many_repeated_finals_in_long_notes_still_read_the_last() -> None:
    notes = "Rejected? No news yet. " * 2000 + "They went with another candidate."
    assert read_outcome(notes, date(2026, 12, 11)).kind == "rejected"


def test_an_offer_after_thousands_of_blank_lines_is_an_offer() -> None:
    assert read_outcome("\n" * 5000 + "Offer!", date(2026, 12, 11)).kind == "offer"


def test_a_denial_inside_a_very_long_word_does_not_deny() -> None:
    # The clause is read from 300 characters back; where that cuts a word ("xxx…xif"), the
    # half word left ("if") must not read as a denial.
    notes = "x" * 1000 + "if " + "y" * 296 + " went with another candidate"
    assert read_outcome(notes, date(2026, 12, 11)).kind == "rejected"
    notes = "x" * 1000 + " if they went with another candidate"
    assert read_outcome(notes, date(2026, 12, 11)).kind == "none"


# --- Outcomes as people write them (issue 24) ----------------------------------------------


@pytest.mark.parametrize(
    "notes",
    [
        "After careful consideration they chose someone else",
        "Against all expectations they went with someone else",
        "In any case they went with someone else",
    ],
)
def test_a_hedge_is_a_whole_word_never_part_of_one(notes: str) -> None:
    assert read_outcome(notes, CALL).kind == "rejected"


@pytest.mark.parametrize(
    ("notes", "kind"),
    [
        ("the team will proceed with other applicants", "rejected"),
        ("they're going to go with someone internal", "rejected"),
        ("they'll make me an offer", "none"),
        ("I'm going to withdraw", "none"),
        ("they would go with someone else", "none"),
    ],
)
def test_the_employers_future_decides_a_rejection_but_not_an_offer_or_a_withdrawal(
    notes: str, kind: str
) -> None:
    assert read_outcome(notes, CALL).kind == kind


def test_a_typo_in_an_outcome_word_is_read_and_shown_as_written() -> None:
    outcome = read_outcome("Sadly they went with anothr candiate.", CALL)
    assert outcome == Outcome("rejected", "went with anothr candiate")


@pytest.mark.parametrize(
    "notes",
    ["they will hire someone by Dec 18", "the forms were filed with HR", "close call"],
)
def test_real_words_that_look_like_outcome_words_are_left_alone(notes: str) -> None:
    assert read_outcome(notes, CALL).kind not in {"rejected", "offer", "withdrew"}


@pytest.mark.parametrize(
    ("notes", "first", "rule"),
    [
        ("no answer, will try again Jan 12", date(2027, 1, 12), "explicit"),
        ("left msg - will chase Tuesday", date(2026, 12, 15), "explicit"),
        # the recruiter's words, pasted: addressed to "you", or quoted, or with a subject
        ("Will call you on Dec 17 with an update", date(2026, 12, 18), "decision"),
        ("> They will call Dec 17", date(2026, 12, 18), "decision"),
        ("Maria will call back Dec 17", date(2026, 12, 18), "decision"),
    ],
)
def test_a_sentence_with_no_subject_in_the_users_notes_is_the_user(
    notes: str, first: date, rule: str
) -> None:
    window = read_outcome(notes, CALL).window
    assert window is not None
    assert (window.first, window.rule) == (first, rule)


@pytest.mark.parametrize(
    ("notes", "first", "rule"),
    [
        ("they said 5 working days", date(2026, 12, 21), "decision"),
        ("we should know by 20th Feb", date(2027, 2, 22), "decision"),
        ("after the holidays, say the 4th", date(2027, 1, 4), "explicit"),
    ],
)
def test_a_time_said_on_its_own_answers_when(notes: str, first: date, rule: str) -> None:
    window = read_outcome(notes, CALL).window
    assert window is not None
    assert (window.first, window.rule) == (first, rule)


@pytest.mark.parametrize(
    "notes",
    ["start date Jan 4", "Spoke to Maria on the 10th", "room 4, Jan 14", "interviewed Dec 3"],
)
def test_a_date_that_is_not_a_time_for_the_next_step_is_not_read_as_one(notes: str) -> None:
    assert read_outcome(notes, CALL) == Outcome("none")


def test_the_line_that_decided_and_the_lines_set_aside_say_why() -> None:
    notes = (
        "Rang Maria.\n"
        "Did they go with someone else?\n"
        "Not rejected yet, she said.\n"
        "Decision by Dec 18.\n"
        "Then the email came: they went with another candidate"
    )
    read = read_call_notes(notes, CALL)
    assert read.outcome.kind == "rejected"
    assert read.line == "Then the email came: they went with another candidate"
    assert dict((s.phrase, s.why) for s in read.set_aside) == {
        "Did they go with someone else?": "a question",
        "Not rejected yet, she said.": "denied or not (yet) a fact",
        "Decision by Dec 18.": "a final outcome decides, not a date",
    }


def test_an_earlier_outcome_is_set_aside_for_the_last_one_written() -> None:
    read = read_call_notes("Rejected.\nA week later they made me an offer", CALL)
    assert read.outcome.kind == "offer"
    assert [(s.phrase, s.why) for s in read.set_aside] == [
        ("Rejected.", "a later outcome was written after it")
    ]


def test_notes_with_nothing_to_read_decide_nothing_and_set_nothing_aside() -> None:
    assert read_call_notes("nice chat with Maria", CALL) == CallNotes(Outcome("none"))


def test_lines_set_aside_come_in_the_order_of_the_notes_and_at_most_eight() -> None:
    notes = "\n".join(f"Did they go with someone else, call {n}?" for n in range(20))
    read = read_call_notes(notes + "\nDecision by Dec 18", CALL)
    assert read.line == "Decision by Dec 18"
    assert [s.phrase for s in read.set_aside] == [
        f"Did they go with someone else, call {n}?" for n in range(8)
    ]
