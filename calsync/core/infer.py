"""Notes → follow-up window, with the words it came from and the dated words it set aside.

The notes of an interview (or of a follow-up call) are read as statements: in each sentence,
the typed date expressions of `calsync.core.dates` ("Dec 5", "Friday", "within two weeks",
"22.12.", "KW 7", "a fortnight") and the acts of `calsync.core.reading.statements` with their
agent (the employer decides, lets you know, will call you; the candidate is told to follow up).
A date counts only when an act in the same sentence owns it — the nearest one before it, or a
short "by Friday, they'll decide" just after it, unless that act has a date of its own after it
("out until the new year, call her back on Jan 6") — so meeting IDs, dial-in numbers, the job's
start date and "I was told on Nov 2" never move a window. A bare period right after a question
about timing answers it ("Asked about next steps. They said two weeks.").

Whose date it is: deadlines of the invite itself ("let us know by Dec 8 if you need to
reschedule"), another company's offer, or the candidate's own ("I owe Contoso an answer by
Feb 3") are set aside with why, and so is any date before the base or more than MAX_DAYS_AHEAD
after it; `calsync plan` shows them.

Choosing among several statements: the first explicit instruction in the text wins wherever it
stands (the user told themselves when to call), taking the most specific date its sentence gives
it (a day beats a period, a period a holiday season); without one, the first decision phrase in
text order wins, carried to the latest date its sentence gives ("final decisions the week of Dec
14, offers out by Dec 18"), holiday seasons aside. A revision in the same sentence ("decision was
Dec 10, now pushed to Dec 18"), or opening the next one ("… Dec 10. Now pushed to Dec 18."),
replaces the date of the phrase it revises; a day right after a period narrows it ("after the
Christmas break, ideally Tuesday Jan 5"); "the following week" and "the following day" count
from the date said before them, up to a full stop.

Notes as people write them: one-letter typos of timeline words are read as the word
(`calsync.core.spelling`); a dated header ("UPDATE 12/9:") labels what follows and is no
timetable; "Please call me on Jan 6" in the recruiter's letter is an instruction to the
candidate, "I'll phone you Thursday" in it the employer's promise.

Every step is a single pass or a binary search over indexes built once, so the time grows
linearly with the notes.

Ambiguities settled on purpose: "next Tuesday" and "this Tuesday" both mean the first Tuesday
after the base date, like a bare "Tuesday"; a numeric date follows `date_order` unless only one
reading exists (13/05 is May 13 under MDY too).

>>> from datetime import date
>>> find_window("They'll decide by Friday.", date(2026, 12, 1))
Window(first=datetime.date(2026, 12, 7), last=datetime.date(2026, 12, 8), rule='decision', \
phrase="They'll decide by Friday", decision_date=datetime.date(2026, 12, 4))
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from calsync.core.dates import DATE_ORDERS, BusinessDays, DateExpression, find_date_expressions
from calsync.core.reading import owners as own
from calsync.core.reading import vocabulary as words
from calsync.core.reading.languages import read_in
from calsync.core.reading.statements import (
    Statements,
    Trigger,
    find_triggers,
)
from calsync.core.spelling import correct_typos
from calsync.model import SetAside, Window

__all__ = ["BusinessDays", "DATE_ORDERS", "default_window", "find_window", "infer_window"]

DEFAULT_FIRST_DAYS = 7
DEFAULT_LAST_DAYS = 10
# A timetable further out than this is a misreading (a past date read as next year's).
MAX_DAYS_AHEAD = 300
# Timeline phrases are looked for in the first 64 KB of the notes only: no one writes "decision
# by Friday" after a page of base64. The notes themselves are kept whole.
MAX_NOTES_READ = 64 * 1024
# `plan` lists at most this many phrases set aside: the first ones say why; a page would not.
MAX_SET_ASIDE = 8

# ---------------------------------------------------------------------------------------------
# Pairing words with dates


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    kind: Literal["explicit", "decision"]
    when: date
    sentence: int
    specificity: int = 2  # a day beats a period, a period beats a holiday season


@dataclass(frozen=True)
class _Aside:
    start: int
    end: int
    why: str


class _Reading:
    """The dated statements of the notes: the timetables, and what was set aside and why."""

    def __init__(self, text: str, base: date, order: str, business: BusinessDays) -> None:
        self.text = text
        self.phrases: list[_Phrase] = []
        self.asides: list[_Aside] = []
        self._read(base, order, business)

    def _aside(self, owner: Trigger, expr: DateExpression, why: str) -> None:
        start = own.phrase_start(self.text, min(owner.start, expr.start))
        self.asides.append(_Aside(start, max(owner.end, expr.end), why))

    def _read(self, base: date, order: str, business: BusinessDays) -> None:
        text = self.text
        doc = Statements(text)
        exprs = find_date_expressions(text)
        triggers = own.outside_triggers(find_triggers(text), exprs)
        starts = [t.start for t in triggers]
        first_decision: dict[int, int] = {}  # each sentence's first decision word
        for t in triggers:
            if t.kind == "decision":
                first_decision.setdefault(doc.sentence(t.start), t.start)
        latest = base + timedelta(days=MAX_DAYS_AHEAD)
        phrases = self.phrases
        previous: tuple[int, date] | None = None  # the last date said: where it ended, its day
        prev_end = 0  # a timeline word before an earlier date does not own this one
        for i, expr in enumerate(exprs):
            if i and not own.is_header(text, exprs[i - 1]):
                prev_end = exprs[i - 1].end
            sentence = doc.sentence(expr.start)
            anchor = base
            if expr.relative and previous is not None and own.one_sentence(text, previous[0], expr):
                # "by Dec 11 and update everyone the following week"; "meets on the 15th; you'll
                # hear the following day"
                anchor = previous[1]
            when = expr.resolve(anchor, date_order=order, business=business)
            if when is not None:
                previous = (expr.end, when)
            if when is None:
                continue
            next_start = exprs[i + 1].start if i + 1 < len(exprs) else len(text)
            owners = own.owners(doc, expr, triggers, starts, prev_end, next_start)
            bare = not owners and words.BARE_END.match(text, expr.end) is not None
            if bare and (
                doc.answers_a_question(expr)
                or words.REPORTED_BARE.search(text, max(0, expr.start - 40), expr.start)
            ):
                # "Asked about next steps. They said two weeks." answers the question; "got
                # told 'end of month'" reports the employer's timetable
                owners = [Trigger(expr.start, expr.start, "decision")]
            # A past date is no timetable, and none is ~a year out: that is a past date misread.
            why = (
                _BEFORE
                if when < base
                else _TOO_FAR
                if when > latest
                else _A_FACT
                if not own.is_timetable(text, expr)
                else None
            )
            if why is not None:
                if owners and owners[0].kind != "revision":
                    self._aside(owners[0], expr, why)
                continue
            last = phrases[-1] if phrases else None
            alternative = last is not None and words.ALTERNATIVE.fullmatch(
                text, last.end, expr.start
            )
            narrows = (
                last is not None
                and last.sentence == sentence
                and expr.specificity > last.specificity
                and words.REFINEMENT.fullmatch(text, last.end, expr.start)
            )
            if not owners and last is not None and narrows:
                # "after the Christmas break, ideally Tuesday Jan 5": the day narrows the period
                phrases[-1] = replace(last, end=expr.end, when=when, specificity=expr.specificity)
                continue
            if not owners and last is not None and alternative:
                # "decide by Friday or early next week": the later of the two
                later = max(last.when, when)
                phrases[-1] = replace(last, end=expr.end, when=later)
                continue
            if not owners:
                continue
            if owners[0].kind == "revision":
                revision = owners[0]
                if last is not None and doc.revises(last.sentence, revision):
                    # a revision in the next sentence shows its own sentence: one line, its words
                    start = last.start if last.sentence == sentence else doc.opening(sentence)
                    phrases[-1] = replace(last, start=start, end=expr.end, when=when)
                    continue
            owner = next((t for t in owners if t.kind != "revision"), None)
            revision = owners[0]
            if owner is None and own.moves_a_timetable(
                doc, revision, expr, first_decision, triggers, starts
            ):
                # "decision was due 8 Jan but slipped to 15 Jan": nothing left to revise (the
                # old date is past), so the new date is the timetable
                owner = Trigger(revision.start, revision.end, "decision")
            if owner is None:
                continue
            why = doc.not_this_timetable(owner, expr) or own.negated(doc, owner, expr)
            if why is not None:
                self._aside(owner, expr, why)
                continue
            kind: Literal["explicit", "decision"] = (
                "explicit" if owner.kind == "explicit" else "decision"
            )
            start = own.phrase_start(text, min(owner.start, expr.start))
            end = max(owner.end, expr.end)
            phrases.append(_Phrase(start, end, kind, when, sentence, expr.specificity))

    def chosen(self) -> _Phrase:
        """The first instruction; else the first decision phrase, carried to the latest date its
        sentence gives ("final decisions the week of Dec 14, offers out by Dec 18"). Within that
        sentence a day beats a period or a holiday season ("out until the new year, call her
        back on Jan 6"). The rest is set aside, with why."""
        explicit = [p for p in self.phrases if p.kind == "explicit"]
        candidates = explicit or self.phrases
        first = candidates[0]
        same = [p for p in candidates if p.sentence == first.sentence]
        # an instruction takes its most specific date; a decision drops only holiday seasons
        best = max(p.specificity for p in same)
        same = [p for p in same if p.specificity == best or not explicit and p.specificity]
        if explicit:
            chosen = same[0]
        else:
            last = max(same, key=lambda p: (p.when, p.start))
            chosen = first if last is first else replace(first, end=last.end, when=last.when)
        for p in self.phrases:
            if chosen.start <= p.start and p.end <= chosen.end:
                continue
            if p.kind == "decision" and chosen.kind == "explicit":
                why = _INSTRUCTION_FIRST
            elif p.sentence == chosen.sentence:
                why = _MORE_SPECIFIC if p.specificity < chosen.specificity else _LATER_DATE
            else:
                why = _FIRST_SAID
            self.asides.append(_Aside(p.start, p.end, why))
        return chosen


_BEFORE = "before the interview"
_TOO_FAR = "too far ahead to be this timetable"
_A_FACT = "a fact about the past or the job, not a timetable"
_INSTRUCTION_FIRST = "an explicit instruction beats a decision date"
_MORE_SPECIFIC = "a more specific date in the same statement wins"
_LATER_DATE = "the same statement gives a later date"
_FIRST_SAID = "an earlier statement already gives the timetable"


# ---------------------------------------------------------------------------------------------
# Public API


def _read(
    notes: str,
    base: date,
    date_order: str,
    business: BusinessDays,
    languages: tuple[str, ...] = (),
) -> tuple[Window | None, tuple[SetAside, ...]]:
    order = date_order.upper()
    if order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}, got {date_order!r}")
    # the quote keeps the length; only the first MAX_NOTES_READ characters are read; a note in
    # another language is read in English words, and its numeric dates day first
    english = read_in(notes[:MAX_NOTES_READ].replace("\u2019", "'"), languages)
    if english.day_first and order == "MDY":
        order = "DMY"
    corrected = correct_typos(english.text)
    reading = _Reading(corrected.text, base, order, business)

    def said(start: int, end: int) -> str:
        start, end = english.corrected.original_span(*corrected.original_span(start, end))
        # bullets and quote marks at a line's start are not the user's words; a phrase that a
        # hard-wrapped letter broke over two lines is shown (and quoted) on one
        words = _without_closing_mark(notes[start:end].strip().lstrip("-*•> \t"))
        return " ".join(words.split()) if "\n" in words else words

    if not reading.phrases:
        window = None
    else:
        chosen = reading.chosen()
        if chosen.kind == "explicit":
            day = business.roll_forward(chosen.when)
            window = Window(day, day, "explicit", said(chosen.start, chosen.end))
        else:
            window = Window(
                business.after(chosen.when, 1),
                business.after(chosen.when, 2),
                "decision",
                said(chosen.start, chosen.end),
                decision_date=chosen.when,
            )
    asides: dict[str, SetAside] = {}
    for aside in sorted(reading.asides, key=lambda a: a.start):
        if len(asides) == MAX_SET_ASIDE:
            break
        phrase = said(aside.start, aside.end)
        asides.setdefault(phrase, SetAside(phrase, aside.why))
    return window, tuple(asides.values())


_DOTTED_DAY = re.compile(r"\d\.\d{1,2}\.$")


def _without_closing_mark(phrase: str) -> str:
    """The phrase without the sentence's closing mark, but with the dot that belongs to a
    dotted day-first date ("bis Freitag, 11.12.").

    >>> _without_closing_mark("Entscheidung bis Freitag, 11.12.")
    'Entscheidung bis Freitag, 11.12.'
    >>> _without_closing_mark("by Dec 4.")
    'by Dec 4'
    """
    trimmed = phrase.rstrip(".,;:")
    kept = phrase[: len(trimmed) + 1]
    return kept if _DOTTED_DAY.search(kept) else trimmed


def find_window(
    notes: str,
    base: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
    languages: tuple[str, ...] = (),
) -> Window | None:
    """The window that the notes' timeline phrases give, or None when they give no timetable.

    `base` is the interview's local date (or, for the follow-up chain, the call's date);
    every relative expression counts from it. The first explicit instruction in the text wins
    over any decision date; otherwise the first decision phrase does. The window carries the
    dated phrases it set aside, with why.
    """
    window, asides = _read(notes, base, date_order, business or BusinessDays(), languages)
    return None if window is None else replace(window, set_aside=asides)


def default_window(interview_date: date, business: BusinessDays | None = None) -> Window:
    """I + 7 to I + 10 days, each end moved to a business day: when no one gave a timetable."""
    business = business or BusinessDays()
    return Window(
        business.roll_forward(interview_date + timedelta(days=DEFAULT_FIRST_DAYS)),
        business.roll_forward(interview_date + timedelta(days=DEFAULT_LAST_DAYS)),
        "default",
    )


def infer_window(
    notes: str,
    interview_date: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
    languages: tuple[str, ...] = (),
) -> Window:
    """The follow-up window for an interview: from its notes, else the default window (which
    still carries what was set aside: "I owe Contoso an answer by Feb 3")."""
    business = business or BusinessDays()
    window, asides = _read(notes, interview_date, date_order, business, languages)
    found = window if window is not None else default_window(interview_date, business)
    return replace(found, set_aside=asides)
