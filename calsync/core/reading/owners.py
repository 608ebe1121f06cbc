"""Which act owns which date: the pairing rules of the statement reader.

A date belongs to the act before it in its sentence ("decision by Dec 5"); failing that, to a
decision word joined right after it ("a 2 week turnaround", "Thursday to decide"), to any act
joined by "then" or "to" ("give it two weeks and then follow up"), or to the act just after a
deadline ("by Friday, they'll decide") unless that act has a date of its own. Each rule looks at
a bounded stretch around the date, through indexes built once, so reading stays linear.
"""

from __future__ import annotations

from bisect import bisect_left

from calsync.core.dates import DateExpression
from calsync.core.reading import vocabulary as words
from calsync.core.reading.statements import (
    MAX_GAP_AFTER_WORD,
    MAX_GAP_BEFORE_WORD,
    Statements,
    Trigger,
)

NEGATED = "said of when it will not happen"


def owners(
    doc: Statements,
    expr: DateExpression,
    triggers: list[Trigger],
    starts: list[int],
    prev_end: int,
    next_start: int,
) -> list[Trigger]:
    """The timeline words that may own a date, best first.

    Those before it, nearest first ("decision by Dec 5", "check in two weeks" where the words
    share "in"); failing that, one just after a deadline ("by Friday, they'll decide") unless
    the next date is its own ("out until the new year, call her back on Jan 6").
    Triggers are a few words long, so only those starting shortly before the date can own it.
    """
    lo = bisect_left(starts, max(prev_end, expr.start - MAX_GAP_AFTER_WORD - 60))
    hi = bisect_left(starts, expr.start)
    before = [
        t
        for t in triggers[lo:hi]
        if t.end <= expr.end
        and expr.start - t.end <= MAX_GAP_AFTER_WORD
        and doc.same_sentence(t.end, expr.start)
    ]
    if before:
        return before[::-1]
    text = doc.text
    # "a 2 week turnaround", "meets Weds to decide", "the 1st of April for offers": the date
    # belongs to the decision word joined right after it
    lo = bisect_left(starts, expr.end)
    after = triggers[lo : lo + 1]
    if (
        after
        and after[0].kind == "decision"
        and words.JOINED_TO.fullmatch(text, expr.end, after[0].start)
    ):
        return after
    # "give it two weeks and then follow up", "Friday to call them": any act joined after it
    if (
        after
        and after[0].kind != "revision"
        and words.THEN_TO.fullmatch(text, expr.end, after[0].start)
    ):
        return after
    is_deadline = words.DEADLINE_START.match(text, expr.start) or words.DEADLINE_BEFORE.search(
        text, max(0, expr.start - 20), expr.start
    )
    if not is_deadline:
        return []
    lo = bisect_left(starts, expr.end)
    hi = bisect_left(starts, min(next_start, expr.end + MAX_GAP_BEFORE_WORD) + 1)
    return [
        t
        for t in triggers[lo:hi]
        if t.end <= next_start
        and doc.same_sentence(expr.end, t.start)
        and not (
            next_start < len(text)
            and next_start - t.end <= MAX_GAP_AFTER_WORD
            and doc.same_sentence(t.end, next_start)
        )
    ][:1]


def is_timetable(text: str, expr: DateExpression) -> bool:
    before = text[max(0, expr.start - 40) : expr.start]
    breaks = list(words.SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    if words.NOT_A_TIMETABLE.search(before) is not None:
        return False
    return not is_header(text, expr)


def is_header(text: str, expr: DateExpression) -> bool:
    """ "UPDATE 12/9:" labels the lines after it; the words before it own the next date."""
    return bool(
        words.HEADER_AFTER.match(text, expr.end)
        and words.HEADER_BEFORE.search(text, max(0, expr.start - 30), expr.start)
    )


def phrase_start(text: str, start: int) -> int:
    """Widen a phrase to its clause's first word when that is close ("They'll decide …")."""
    lookback = text[max(0, start - 25) : start]
    clauses = list(words.CLAUSE_START.finditer(lookback))
    if clauses:
        return start - len(lookback) + clauses[-1].end()
    return start - len(lookback) if start <= 25 else start


def moves_a_timetable(
    doc: Statements,
    revision: Trigger,
    expr: DateExpression,
    first_decision: dict[int, int],
    triggers: list[Trigger],
    starts: list[int],
) -> bool:
    """A revision ("slipped to", not a bare "now") after a decision word in its sentence, or
    with one right after its date ("bumped to next week for the decision")."""
    if not words.STANDALONE_REVISION.match(doc.text, revision.start):
        return False
    if first_decision.get(doc.sentence(revision.start), revision.start) < revision.start:
        return True
    i = bisect_left(starts, expr.end)
    return any(
        t.kind == "decision" and words.JOINED_TO.fullmatch(doc.text, expr.end, t.start)
        for t in triggers[i : i + 2]
    )


def negated(doc: Statements, owner: Trigger, expr: DateExpression) -> str | None:
    """ "No decision this week", "won't hear back today": the act will not happen then; but
    "not until Friday", "no decision before the 18th" say when it will."""
    text = doc.text
    if owner.kind != "decision" or owner.start > expr.start:
        return None
    if not words.NEGATION.search(text, max(0, owner.start - 12), owner.start):
        return None
    if words.CLAUSE_BREAK.search(text, owner.end, expr.start):
        return None
    if words.NOT_UNTIL.search(text, max(0, expr.start - 12), expr.start):
        return None
    return NEGATED


def one_sentence(text: str, end: int, expr: DateExpression) -> bool:
    """No full stop or line break between a date and the relative one after it (a semicolon
    joins them)."""
    return words.FULL_STOP.search(text, end, expr.start) is None


def outside_triggers(triggers: list[Trigger], exprs: list[DateExpression]) -> list[Trigger]:
    """The triggers not inside a date expression ("next steps" inside no date, "week" …)."""
    expr_starts = [e.start for e in exprs]
    kept = []
    for t in triggers:
        i = bisect_left(expr_starts, t.start + 1) - 1
        if i >= 0 and exprs[i].start <= t.start and t.end <= exprs[i].end:
            continue
        kept.append(t)
    return kept
