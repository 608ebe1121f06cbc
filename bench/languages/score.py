# ruff: noqa: E501, E741
"""The scoring loop of the held-out batches: detection, company and role, call window."""

from datetime import UTC, date, datetime

from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.infer import infer_window
from calsync.model import Attendee, SourceEvent
from calsync.settings import Settings

COUNTRIES = {"de": "DE", "fr": "FR", "es": "ES", "pt": "BR", "nl": "NL", "it": "IT"}
Case = tuple[str, str, str, str | None, str | None, tuple[str, str] | None]


def score(cases: list[Case], interview: date) -> None:
    """Print each miss and the summary line; `cases` are (language, title, notes, company or
    None when not an interview, role or None, window (first, last) or None to skip)."""
    I, C, CASES = interview, COUNTRIES, cases
    det = ok_det = names = ok_names = wins = ok_wins = 0
    for code, title, notes, company, role, window in CASES:
        start = datetime(2026, 12, 9, 13, tzinfo=UTC)
        ev = SourceEvent(
            id="x",
            title=title,
            start=start,
            end=start,
            tz="Europe/Berlin",
            description=notes,
            attendees=(Attendee(email="me@example.org", name="Me", is_self=True),),
        )
        found = detect_interviews([ev], Settings(languages=("en", code)))
        det += 1
        if bool(found) == (company is not None):
            ok_det += 1
        else:
            print("DETECTION", code, title, found and (found[0].company, found[0].role))
        if company is None or not found:
            continue
        got = (found[0].company, found[0].role)
        want = (company, role or "the position")
        names += 2
        ok_names += (got[0] == want[0]) + (got[1] == want[1])
        if got != want:
            print("NAMES", code, title, got, want)
        if window:
            w = infer_window(notes, I, business=BusinessDays(C[code]), languages=("en", code))
            wins += 1
            if (w.first.isoformat(), w.last.isoformat()) == window:
                ok_wins += 1
            else:
                print("WINDOW", code, repr(notes[:70]), w.first, w.last, w.rule, w.phrase, window)
    print(
        f"detection {ok_det}/{det}, companies and roles {ok_names}/{names}, call windows {ok_wins}/{wins}"
    )
