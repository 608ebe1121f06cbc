"""Follow-up windows from notes: the hand-checked corpus, then the behaviour around it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.core.dates import BusinessDays
from calsync.core.infer import MAX_NOTES_READ, find_window, infer_window
from calsync.core.notes import notes_text
from calsync.model import Window

CORPUS = Path(__file__).parent.parent / "data" / "inference_corpus.tsv"


@dataclass(frozen=True)
class Case:
    line: int
    notes: str
    interview: date
    order: str
    country: str | None
    first: date
    last: date
    rule: str
    why: str


def load_corpus() -> list[Case]:
    cases = []
    header_seen = False
    for number, raw in enumerate(CORPUS.read_text(encoding="utf-8").splitlines(), start=1):
        if raw.startswith("#") or not raw.strip():
            continue
        if not header_seen:
            header_seen = True
            continue
        notes, interview, order, country, first, last, rule, why = raw.split("\t")
        cases.append(
            Case(
                number,
                notes.replace("\\n", "\n"),
                date.fromisoformat(interview),
                order,
                country or None,
                date.fromisoformat(first),
                date.fromisoformat(last),
                rule,
                why,
            )
        )
    return cases


CASES = load_corpus()


def infer(case: Case) -> Window:
    """As the pipeline does it: the description reduced to notes first, then the window."""
    business = BusinessDays(case.country)
    notes = notes_text(case.notes)
    return infer_window(notes, case.interview, date_order=case.order, business=business)


def is_right(case: Case, window: Window) -> bool:
    return (window.first, window.last, window.rule) == (case.first, case.last, case.rule)


def test_corpus_is_big_and_covers_every_rule() -> None:
    assert len(CASES) >= 90
    assert {c.rule for c in CASES} == {"explicit", "decision", "default"}
    assert {c.order for c in CASES} == {"MDY", "DMY", "YMD"}
    assert {c.country for c in CASES} >= {None, "US", "GB"}


def test_corpus_accuracy(capsys: pytest.CaptureFixture[str]) -> None:
    wrong = [(c, infer(c)) for c in CASES]
    wrong = [(c, w) for c, w in wrong if not is_right(c, w)]
    right = len(CASES) - len(wrong)
    with capsys.disabled():
        print(
            f"\ninference corpus: {right}/{len(CASES)} phrasings correct "
            f"({100 * right / len(CASES):.1f}%)"
        )
    assert not wrong, "\n".join(
        f"line {c.line}: {c.notes!r} on {c.interview}: expected {c.first}..{c.last} {c.rule}, "
        f"got {w.first}..{w.last} {w.rule} from {w.phrase!r}"
        for c, w in wrong
    )


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.line}" for c in CASES])
def test_corpus_row(case: Case) -> None:
    window = infer(case)
    assert (window.first, window.last, window.rule) == (case.first, case.last, case.rule), (
        f"{case.why}; phrase {window.phrase!r}"
    )
    if case.rule == "default":
        assert window.phrase is None
        assert window.decision_date is None
    else:
        # The phrase is shown to the user as it was written in the notes (HTML read as text).
        assert window.phrase
        assert window.phrase in notes_text(case.notes)
        assert "\n" not in window.phrase
    if case.rule == "decision":
        assert window.decision_date is not None
        assert window.decision_date < window.first
    if case.rule == "explicit":
        assert window.decision_date is None


DEC_1 = date(2026, 12, 1)


@pytest.mark.parametrize(
    ("notes", "phrase"),
    [
        ("Great chat. They'll decide by Friday. Start date Jan 15.", "They'll decide by Friday"),
        ("Sam: next follow-up: Dec 20!", "next follow-up: Dec 20"),
        (
            "Decision was expected Dec 10, now pushed to Dec 18.",
            "Decision was expected Dec 10, now pushed to Dec 18",
        ),
        (
            "Zoom ID 812 3456 7890\nhear back within two weeks\nPasscode 1234",
            "hear back within two weeks",
        ),
        ("By Friday, they'll decide.", "By Friday, they'll decide"),
    ],
)
def test_phrase_is_the_words_the_window_came_from(notes: str, phrase: str) -> None:
    window = find_window(notes, DEC_1)
    assert window is not None
    assert window.phrase == phrase


def test_no_timetable_gives_none_and_infer_window_falls_back_to_the_default() -> None:
    assert find_window("Lovely team, talked about Rust.", DEC_1) is None
    assert infer_window("Lovely team, talked about Rust.", DEC_1) == Window(
        date(2026, 12, 8), date(2026, 12, 11), "default"
    )


def test_follow_up_chain_counts_from_the_call_date() -> None:
    call_day = date(2026, 12, 10)  # a Thursday
    window = find_window("No decision yet. Try again next Tuesday.", call_day)
    assert window == Window(
        date(2026, 12, 15), date(2026, 12, 15), "explicit", "Try again next Tuesday"
    )


@pytest.mark.parametrize("order", ["MDY", "DMY"])
def test_a_numeric_date_with_one_reading_is_read_that_way_whatever_the_order(order: str) -> None:
    for notes in ("decision by 13/05", "decision by 13.05.2027", "decision by 13-05-2027"):
        window = find_window(notes, DEC_1, date_order=order)
        assert window is not None and window.decision_date == date(2027, 5, 13), notes


def test_an_ambiguous_numeric_date_follows_the_order() -> None:
    mdy = find_window("decision by 05/12", date(2026, 4, 1), date_order="MDY")
    dmy = find_window("decision by 05/12", date(2026, 4, 1), date_order="DMY")
    assert mdy is not None and mdy.decision_date == date(2026, 5, 12)
    assert dmy is not None and dmy.decision_date == date(2026, 12, 5)
    for dotted in ("decision by 05.12.", "decision by 05.12.2026"):
        window = find_window(dotted, date(2026, 4, 1), date_order="MDY")
        assert window is not None and window.decision_date == date(2026, 12, 5), dotted


def test_unknown_date_order_is_refused_with_the_choices() -> None:
    with pytest.raises(ValueError, match="MDY, DMY, YMD"):
        find_window("decision by 12/05", DEC_1, date_order="XYZ")


def test_date_order_is_case_insensitive() -> None:
    window = find_window("decision by 05.12.2026", date(2026, 11, 25), date_order="dmy")
    assert window is not None and window.decision_date == date(2026, 12, 5)


def test_the_employer_calling_is_a_decision_but_calling_them_is_an_instruction() -> None:
    theirs = find_window("They'll call me Dec 9", DEC_1)
    mine = find_window("I'll call them Dec 9", DEC_1)
    assert theirs is not None and theirs.rule == "decision"
    assert mine is not None and mine.rule == "explicit"


def test_a_revision_without_a_timeline_word_is_ignored() -> None:
    assert find_window("Interview moved to Dec 3.", DEC_1) is None
    window = find_window("Decision by Dec 4. Interview moved to Dec 3.", DEC_1)
    assert window is not None and window.decision_date == date(2026, 12, 4)


@pytest.mark.parametrize(
    ("notes", "phrase"),
    [
        ("Decision was Dec 10. Now pushed to Dec 18.", "Now pushed to Dec 18"),
        ("decision Dec 10\nUPDATE 12/9: pushed to Dec 18", "UPDATE 12/9: pushed to Dec 18"),
    ],
)
def test_a_revision_opening_the_next_sentence_revises_the_one_before(
    notes: str, phrase: str
) -> None:
    window = find_window(notes, DEC_1)
    assert window is not None
    assert (window.decision_date, window.phrase) == (date(2026, 12, 18), phrase)


ZOOM = (
    "Topic: Interview\nTime: Dec 1, 2026 10:00 AM Eastern Time (US and Canada)\n"
    "Join Zoom Meeting\nhttps://us02web.zoom.us/j/81234567890\nMeeting ID: 812 3456 7890\n"
    "Passcode: 123456\nOne tap mobile\n+16465588656,,81234567890#,,,,*123456# US\n"
)


def test_two_thousand_invites_with_dial_in_boilerplate_each_give_their_decision_date() -> None:
    # speed is measured by bench/ and the growth test (tests/core/test_linear_time.py)
    notes = [
        ZOOM + f"Spoke with team {i}. They'll decide within {i % 12 + 1} days." for i in range(2000)
    ]
    business = BusinessDays("US")
    windows = [infer_window(n, DEC_1, business=business) for n in notes]
    assert all(w.rule == "decision" for w in windows)
    assert {w.decision_date for w in windows} == {DEC_1 + timedelta(days=n) for n in range(1, 13)}


WORDS = st.sampled_from(
    [
        "decision", "by", "Friday", "Dec", "5", "follow", "up", "on", "12/05", "in", "two",
        "weeks", "call", "them", "next", "week", "end", "of", "the", "month", "hear", "back",
        "2-3", "start", "date", "Jan", "15", "told", "Nov", "2", ".", ",", "\n", "mid-December",
        "2026-12-05", "the 5th", "Meeting", "ID:", "812", "3456", "they'll", "I'll", "a", "few",
        "days", "business", "pushed", "to", "31", "02/30", "Feb", "29",
        "EOW", "EOM", "nxt", "wk", "2wks", "biz", "w/c", "12/21", "f/u", "decsion", "folow",
        "now", "was", "UPDATE", "12/9:", "Please", "me", "reschedule", "offer", "expires",
        "Christmas", "Eve", "after", "New", "Year", "early", "following", "of", "Thanksgiving",
        "> ", "- ", "Timeline", "so", "far:", "EOD", "hrs", "48",
    ]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    words=st.lists(WORDS, max_size=25),
    interview=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    order=st.sampled_from(["MDY", "DMY", "YMD"]),
    country=st.sampled_from([None, "US", "GB"]),
)
def test_any_notes_give_a_window_on_business_days(
    words: list[str], interview: date, order: str, country: str | None
) -> None:
    business = BusinessDays(country)
    notes = " ".join(words)
    window = infer_window(notes, interview, date_order=order, business=business)
    assert window.first <= window.last
    assert business.is_business_day(window.first) and business.is_business_day(window.last)
    if window.rule == "default":
        assert window.phrase is None
    else:
        assert window.phrase and " ".join(window.phrase.split()) in " ".join(notes.split())
        assert "\n" not in window.phrase  # `plan` shows it on one line
    if window.rule == "decision":
        assert window.decision_date is not None
        assert window.first == business.after(window.decision_date, 1)
        assert window.last == business.after(window.decision_date, 2)


# ---------------------------------------------------------------------------------------------
# Notes as people write them (issue 11): the families beyond the corpus rows


@pytest.mark.parametrize(
    ("notes", "phrase"),
    [
        ("decsion by fri", "decsion by fri"),
        ("Sam: folow up dec 14!", "folow up dec 14"),
        (
            "UPDATE 12/9: decision was Dec 10, now pushed to Dec 18",
            "decision was Dec 10, now pushed to Dec 18",
        ),
        (
            "making final decisions the week of Dec 14, offers out by Dec 18",
            "making final decisions the week of Dec 14, offers out by Dec 18",
        ),
        ("> Hi Sam,\n> Please call me on Jan 6.\n> Dana", "Please call me on Jan 6"),
        ("Notes:\n- f/u w/c 12/14", "f/u w/c 12/14"),
    ],
)
def test_the_phrase_stays_the_words_written_even_when_misspelt(notes: str, phrase: str) -> None:
    window = find_window(notes, DEC_1)
    assert window is not None
    assert window.phrase == phrase


def test_a_typo_window_is_the_same_as_the_spelt_one() -> None:
    assert find_window("decsion by fri", DEC_1) == Window(
        date(2026, 12, 7), date(2026, 12, 8), "decision", "decsion by fri", date(2026, 12, 4)
    )


def test_two_letters_wrong_is_no_longer_a_timeline_word() -> None:
    assert find_window("dcsion by fri", DEC_1) is None


def test_no_timeline_date_lands_more_than_ten_months_after_the_interview() -> None:
    # Nov 30 after a Dec 1 interview is the day before it, not Nov 30 next year.
    assert find_window("They'll decide by Nov 30", DEC_1) is None
    assert find_window("follow up in 11 months", DEC_1) is None
    window = find_window("follow up in 9 months", DEC_1)
    assert window is not None and window.first == date(2027, 9, 1)


def test_the_recruiter_asking_to_be_called_is_an_instruction_to_the_candidate() -> None:
    letter = find_window("Hi Sam, please call me back on Dec 9.", DEC_1)
    theirs = find_window("Dana will call me back on Dec 9.", DEC_1)
    assert letter is not None and letter.rule == "explicit"
    assert theirs is not None and theirs.rule == "decision"


def test_a_rescheduling_deadline_beside_a_real_timetable_is_skipped() -> None:
    notes = "Let us know by Dec 2 if you need to reschedule.\nWe'll decide by Dec 11."
    window = find_window(notes, DEC_1)
    assert window is not None and window.decision_date == date(2026, 12, 11)


def test_another_companys_offer_deadline_never_moves_the_window() -> None:
    for notes in (
        "I have an offer from Globex that expires Dec 10.",
        "Globex offer deadline is Dec 9",
        "my other offer needs an answer by Friday",
        "I need to respond to Initech by Dec 4",
    ):
        assert find_window(notes, DEC_1) is None, notes


def test_the_following_week_counts_from_the_date_before_it_in_the_sentence() -> None:
    window = find_window("Wrap up by Dec 11 and update everyone the following week.", DEC_1)
    assert window is not None and window.decision_date == date(2026, 12, 18)
    # in a new sentence it counts from the interview again
    window = find_window("Wrap up by Dec 11. Decision the following week.", DEC_1)
    assert window is not None and window.decision_date == date(2026, 12, 11)


def test_timeline_phrases_are_read_from_the_first_64_kb_of_the_notes() -> None:
    # an inline image in an invite is not notes; what follows a page of it is not read
    blob = "QUJDRGVm" * (MAX_NOTES_READ // 8)
    base = date(2026, 12, 1)
    assert find_window("They'll decide by Dec 18. " + blob, base) is not None
    assert find_window(blob + " They'll decide by Dec 18.", base) is None


def test_a_duration_after_many_lead_in_words_is_still_read() -> None:
    notes = "They'll decide " + "in " * 5000 + "2 weeks"
    assert find_window(notes, date(2026, 12, 1)) is None  # "decide" is too far from the date
    notes = "in " * 5000 + "2 weeks, they'll decide"
    window = find_window(notes, date(2026, 12, 1))
    assert window is not None and window.decision_date == date(2026, 12, 15)


# Statements, not patterns (issue 16): what was set aside is kept, with why


def _asides(window: Window) -> list[tuple[str, str]]:
    return [(aside.phrase, aside.why) for aside in window.set_aside]


def test_the_window_keeps_each_dated_phrase_it_set_aside_with_why() -> None:
    notes = (
        "Holding an offer from Litware that expires Jan 20. I owe Contoso an answer by Dec 9. "
        "Let us know by Dec 3 if you need to reschedule. They'll decide by Dec 11; "
        "follow up on Dec 14."
    )
    window = infer_window(notes, DEC_1)
    assert (window.rule, window.first) == ("explicit", date(2026, 12, 14))
    assert _asides(window) == [
        ("Holding an offer from Litware that expires Jan 20", "another employer's deadline"),
        ("I owe Contoso an answer by Dec 9", "the candidate's own deadline"),
        ("Let us know by Dec 3", "the invite's own logistics"),
        ("They'll decide by Dec 11", "an explicit instruction beats a decision date"),
    ]


def test_the_default_window_still_says_what_it_set_aside() -> None:
    window = infer_window(
        "Decision was due Nov 20, I owe them nothing. I owe Initech an answer by Dec 4", DEC_1
    )
    assert window.rule == "default"
    assert ("I owe Initech an answer by Dec 4", "the candidate's own deadline") in _asides(window)


def test_what_was_set_aside_does_not_change_which_window_it_is() -> None:
    plain = find_window("They'll decide by Dec 11.", DEC_1)
    noisy = find_window("I owe Contoso an answer by Dec 9. They'll decide by Dec 11.", DEC_1)
    assert plain == noisy and plain is not None and noisy is not None
    assert plain.set_aside == () and noisy.set_aside != ()


def test_a_page_of_set_aside_phrases_is_cut_to_the_first_few() -> None:
    notes = "I owe Contoso an answer by Dec 9. " * 40 + "I owe Initech a reply by Dec 10. " * 40
    assert 1 < len(infer_window(notes, DEC_1).set_aside) <= 8


@pytest.mark.parametrize(
    ("notes", "decided"),
    [
        ("Asked about next steps. She said about three weeks.", date(2026, 12, 22)),
        ("How long until they decide? A couple of weeks, maybe.", date(2026, 12, 15)),
        ("Asked about the team. She said about three weeks of onboarding.", None),
        (
            "Asked about next steps.\n\nLong chat about the roadmap for the next two weeks "
            "and how the team plans its sprints and releases.",
            None,
        ),
    ],
)
def test_a_bare_period_answers_the_timing_question_in_the_sentence_before(
    notes: str, decided: date | None
) -> None:
    window = find_window(notes, DEC_1)
    assert (window.decision_date if window else None) == decided
