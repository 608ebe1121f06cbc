"""Notes → follow-up window, with the words it came from.

The notes of an interview (or of a follow-up call) are scanned for two things: *date
expressions* ("Dec 5", "Friday", "within two weeks", "end of the month", "12/05") and *timeline
words* ("decide", "hear back", "follow up", "call" …). A date counts only when a timeline word
in the same sentence owns it — the nearest one before it, or a short "by Friday, they'll decide"
just after it — so meeting IDs, dial-in numbers, the job's start date and "I was told on Nov 2"
never move a window.

Choosing among several phrases: the first explicit instruction in the text wins wherever it
stands (the user told themselves when to call); without one, the first decision phrase in text
order wins. A revision in the same sentence ("decision was Dec 10, now pushed to Dec 18")
replaces the date of the phrase it revises.

Ambiguities settled on purpose: "next Tuesday" and "this Tuesday" both mean the first Tuesday
after the base date, like a bare "Tuesday"; a numeric date that is impossible in the configured
`date_order` (13/05 under MDY) is ignored rather than read the other way round.

>>> from datetime import date
>>> find_window("They'll decide by Friday.", date(2026, 12, 1))
Window(first=datetime.date(2026, 12, 7), last=datetime.date(2026, 12, 8), rule='decision', \
phrase="They'll decide by Friday", decision_date=datetime.date(2026, 12, 4))
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from calsync.core.dates import DATE_ORDERS, BusinessDays, DateExpression, find_date_expressions
from calsync.model import Window

__all__ = ["BusinessDays", "DATE_ORDERS", "default_window", "find_window", "infer_window"]

DEFAULT_FIRST_DAYS = 7
DEFAULT_LAST_DAYS = 10

_FLAGS = re.IGNORECASE | re.VERBOSE

# ---------------------------------------------------------------------------------------------
# Timeline words

TriggerKind = Literal["explicit", "decision", "revision"]

_DECISION_WORDS = re.compile(
    r"""\b(?:decid(?:e|es|ed|ing)|decisions?|hear(?:ing)?(?:\s+back)?|get(?:s|ting)?\s+back
        |back\s+to\s+(?:me|you|us)|updates?|next\s+steps?|timeline|time[\s-]?frame
        |let\s+(?:me|you|us)\s+know|respond|response|reply|offers?|feedback|outcome|results?
        |answer|notify|notified|verdict|(?:be|get)\s+in\s+touch|hear\s+from\s+(?:them|us|me)
        |circle\s+back|come\s+back\s+to\s+(?:me|you|us))\b""",
    _FLAGS,
)
# Contact verbs are instructions when the user does them and decision dates when the employer
# does ("they'll call me by Friday"); see _contact_kind.
_CONTACT_WORDS = re.compile(
    r"""\b(?:follow(?:ing|s)?[\s-]*up|followup|call(?:ing)?|reach(?:ing)?\s+(?:back\s+)?out
        |check(?:ing)?[\s-]+(?:in|back)|touch(?:ing)?\s+base|try(?:ing)?\s+(?:again|back))\b""",
    _FLAGS,
)
_REVISION_WORDS = re.compile(
    r"""\b(?:pushed|moved|postponed|delayed|bumped|shifted|changed|slipped)
        (?:\s+(?:back|out))?\s+(?:to|until|till)\b""",
    _FLAGS,
)
# "Zoom call", "the recruiter call on Nov 28": a call that happened or is a meeting, not a step.
_CALL_AS_NOUN = re.compile(
    r"""\b(?:zoom|video|phone|teams|conference|screen(?:ing)?|recruiter|intro(?:ductory)?|the|a|an
        |our|this|that|first|last|previous|scheduled|initial|meet)\s+$""",
    _FLAGS,
)
# "Sent follow-up Dec 3": a step already taken says nothing about the next one.
_DONE_ALREADY = re.compile(
    r"""\b(?:sent|did|made|had|last|previous|earlier|already)\s+(?:(?:a|an|the|my|our)\s+)?$""",
    _FLAGS,
)
_RELAYED_INSTRUCTION = re.compile(
    r"""\b(?:said|told\s+(?:me|us)|asked(?:\s+(?:me|us))?|suggested|recommended|advised
        |wants?\s+(?:me|us)|invited\s+(?:me|us)|free|welcome|fine|ok(?:ay)?)\s+to\s+$""",
    _FLAGS,
)
_SUBJECT = re.compile(
    r"""\b(?:(?P<me>i|i'll|i'd|i'm|me|myself)
        |they|they'll|they'd|he|he'll|he'd|she|she'll|she'd|we|we'll|someone|somebody
        |recruiter|manager|team|hr|company)(?![\w'])""",
    _FLAGS,
)
_EMPLOYER_MODAL = re.compile(
    r"""(?:\bwill|'ll|\bwould|'d|\bshall|\bgoing\s+to|\bplans?\s+to|\bpromised\s+to)
        \s+(?:\w+ly\s+)?$""",
    _FLAGS,
)
_TO_ME = re.compile(r"\s*(?:back\s+)?(?:(?:to|with)\s+)?(?:me|us)\b", _FLAGS)

# Words right before a date that make it a fact about the past or the job, not a timetable.
_NOT_A_TIMETABLE = re.compile(
    r"""(?:\bstart(?:s|ed|ing)?(?:\s+date)?|\bjoin(?:ing)?\s+date|\btold(?:\s+(?:me|us))?
        |\bapplied|\binterview(?:ed|s)?|\bspoke|\bspoken|\bmet|\bsent|\breceived|\bsubmitted
        |\bsince|\bposted|\bcalled|\bemailed|\btalked|\bon-?site|\bround|\bscreen(?:ed|ing)?
        |\bscheduled|\bbooked)
        \s*(?:(?:on|at|of|for|from|is|was|:|-|–)\s*)*(?:the\s+)?$""",
    _FLAGS,
)
_DEADLINE_START = re.compile(r"(?:within|in)\b", _FLAGS)
_DEADLINE_BEFORE = re.compile(
    r"\b(?:by|before|within|in|until|till|no\s+later\s+than)\s+(?:the\s+)?$", _FLAGS
)
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s|$)|\n|\r|•")
_CLAUSE_START = re.compile(r"[.!?;,:\n\r•—–]\s*|\s-\s")
_SUBJECT_CLAUSE = re.compile(r"[:;,—–]\s*|\s-\s")

MAX_GAP_AFTER_WORD = 60  # "let you know whether I'm moving on to the onsite by Friday"
MAX_GAP_BEFORE_WORD = 30  # "By Friday, they'll decide"
MAX_SUBJECT_LOOKBACK = 50
# Timeline phrases are looked for in the first 64 KB of the notes only: no one writes "decision
# by Friday" after a page of base64. The notes themselves are kept whole.
MAX_NOTES_READ = 64 * 1024


@dataclass(frozen=True)
class _Trigger:
    start: int
    end: int
    kind: TriggerKind


def _contact_kind(text: str, m: re.Match[str]) -> TriggerKind | None:
    before = text[max(0, m.start() - MAX_SUBJECT_LOOKBACK) : m.start()]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    word = m.group().lower()
    if word.startswith("call") and _CALL_AS_NOUN.search(before):
        return None
    if _DONE_ALREADY.search(before):
        return None
    if _TO_ME.match(text, m.end()):
        return "decision"
    if _RELAYED_INSTRUCTION.search(before):
        return "explicit"
    # who calls is decided within the clause: "He said: call them Dec 18" is an instruction
    clauses = list(_SUBJECT_CLAUSE.finditer(before))
    if clauses:
        before = before[clauses[-1].end() :]
    subjects = list(_SUBJECT.finditer(before))
    if subjects:
        return "explicit" if subjects[-1]["me"] else "decision"
    return "decision" if _EMPLOYER_MODAL.search(before) else "explicit"


def _triggers(text: str) -> list[_Trigger]:
    found = [_Trigger(m.start(), m.end(), "decision") for m in _DECISION_WORDS.finditer(text)]
    found += [_Trigger(m.start(), m.end(), "revision") for m in _REVISION_WORDS.finditer(text)]
    for m in _CONTACT_WORDS.finditer(text):
        kind = _contact_kind(text, m)
        if kind is not None:
            found.append(_Trigger(m.start(), m.end(), kind))
    return sorted(found, key=lambda t: t.start)


# ---------------------------------------------------------------------------------------------
# Pairing words with dates


@dataclass(frozen=True)
class _Phrase:
    start: int
    end: int
    kind: Literal["explicit", "decision"]
    when: date


def _same_sentence(text: str, start: int, end: int) -> bool:
    return _SENTENCE_BREAK.search(text, min(start, end), max(start, end)) is None


def _owners(
    text: str,
    expr: DateExpression,
    triggers: list[_Trigger],
    prev_end: int,
    next_start: int,
    starts: list[int],
) -> list[_Trigger]:
    """The timeline words that may own a date, best first.

    Those before it, nearest first ("decision by Dec 5", "check in two weeks" where the words
    share "in"); failing that, one just after a deadline ("by Friday, they'll decide").
    `starts` are the triggers' starts (sorted): only the few near the date are looked at.
    """
    near = triggers[bisect_left(starts, prev_end) : bisect_left(starts, expr.start)]
    before = [
        t
        for t in near
        if prev_end <= t.start < expr.start
        and t.end <= expr.end
        and expr.start - t.end <= MAX_GAP_AFTER_WORD
        and _same_sentence(text, t.end, expr.start)
    ]
    if before:
        return before[::-1]
    is_deadline = _DEADLINE_START.match(text, expr.start) or _DEADLINE_BEFORE.search(
        text, max(0, expr.start - 20), expr.start
    )
    if not is_deadline:
        return []
    after = triggers[
        bisect_left(starts, expr.end) : bisect_right(starts, expr.end + MAX_GAP_BEFORE_WORD)
    ]
    return [
        t
        for t in after
        if expr.end <= t.start
        and t.end <= next_start
        and t.start - expr.end <= MAX_GAP_BEFORE_WORD
        and _same_sentence(text, expr.end, t.start)
    ][:1]


def _is_timetable(text: str, expr: DateExpression) -> bool:
    before = text[max(0, expr.start - 40) : expr.start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    return _NOT_A_TIMETABLE.search(before) is None


def _phrase_start(text: str, start: int) -> int:
    """Widen a phrase to its clause's first word when that is close ("They'll decide …")."""
    lookback = text[max(0, start - 25) : start]
    clauses = list(_CLAUSE_START.finditer(lookback))
    if clauses:
        return start - len(lookback) + clauses[-1].end()
    return start - len(lookback) if start <= 25 else start


def _inside_date(exprs: list[DateExpression], expr_starts: list[int], t: _Trigger) -> bool:
    """True when a timeline word is part of a date expression (the dates are disjoint)."""
    i = bisect_right(expr_starts, t.start) - 1
    return i >= 0 and t.end <= exprs[i].end


def _revised_phrase(text: str, phrases: list[_Phrase], revision: _Trigger) -> int | None:
    """The index of the latest phrase in the revision's sentence. Once a sentence break lies
    between a phrase and the revision, it lies before every earlier phrase too: stop there."""
    for index in range(len(phrases) - 1, -1, -1):
        phrase = phrases[index]
        if _same_sentence(text, phrase.end, revision.start):
            return index
        if phrase.end <= revision.start:
            return None
    return None


def _phrases(text: str, base: date, order: str, business: BusinessDays) -> list[_Phrase]:
    exprs = find_date_expressions(text)
    expr_starts = [e.start for e in exprs]
    triggers = [t for t in _triggers(text) if not _inside_date(exprs, expr_starts, t)]
    starts = [t.start for t in triggers]
    phrases: list[_Phrase] = []
    for i, expr in enumerate(exprs):
        if not _is_timetable(text, expr):
            continue
        prev_end = exprs[i - 1].end if i else 0
        next_start = exprs[i + 1].start if i + 1 < len(exprs) else len(text)
        owners = _owners(text, expr, triggers, prev_end, next_start, starts)
        if not owners:
            continue
        when = expr.resolve(base, date_order=order, business=business)
        if when is None:
            continue
        if owners[0].kind == "revision":
            revision = owners[0]
            index = _revised_phrase(text, phrases, revision)
            if index is not None:
                revised = phrases[index]
                phrases[index] = _Phrase(revised.start, expr.end, revised.kind, when)
                continue
        owner = next((t for t in owners if t.kind != "revision"), None)
        if owner is None:
            continue
        kind: Literal["explicit", "decision"] = (
            "explicit" if owner.kind == "explicit" else "decision"
        )
        start = _phrase_start(text, min(owner.start, expr.start))
        phrases.append(_Phrase(start, max(owner.end, expr.end), kind, when))
    return phrases


# ---------------------------------------------------------------------------------------------
# Public API


def find_window(
    notes: str,
    base: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
) -> Window | None:
    """The window that the notes' timeline phrases give, or None when they give no timetable.

    `base` is the interview's local date (or, for the follow-up chain, the call's date);
    every relative expression counts from it. The first explicit instruction in the text wins
    over any decision date; otherwise the first decision phrase does.
    """
    order = date_order.upper()
    if order not in DATE_ORDERS:
        raise ValueError(f"date_order must be one of {', '.join(DATE_ORDERS)}, got {date_order!r}")
    business = business or BusinessDays()
    text = notes[:MAX_NOTES_READ].replace("\u2019", "'")  # same length: spans index `notes`
    phrases = _phrases(text, base, order, business)
    if not phrases:
        return None
    chosen = next((p for p in phrases if p.kind == "explicit"), phrases[0])
    words = notes[chosen.start : chosen.end].strip().rstrip(".,;:")
    if chosen.kind == "explicit":
        day = business.roll_forward(chosen.when)
        return Window(day, day, "explicit", words)
    return Window(
        business.after(chosen.when, 1),
        business.after(chosen.when, 2),
        "decision",
        words,
        decision_date=chosen.when,
    )


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
) -> Window:
    """The follow-up window for an interview: from its notes, else the default window."""
    found = find_window(notes, interview_date, date_order=date_order, business=business)
    return found if found is not None else default_window(interview_date, business)
