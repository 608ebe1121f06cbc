"""The user's own next step in the notes of a call: "no answer, will try again Jan 12".

After a call the user writes for themself, and a sentence with no subject is the user speaking:
"will try again Jan 12", "ring back Monday", "left msg - chase on Dec 16" are contacts the user
plans, so the next call is on that day, an instruction, not a business day after an employer's
decision date. What the recruiter wrote and the user pasted stays the employer's: a line quoted
with ">" and a sentence addressed to "you" ("Will call you on Dec 17") are left to the window
rules, which read them as the employer's timetable.

One pass over the text; each clause is read once.

>>> plan = own_plan("No answer, will try again Jan 12", date(2026, 12, 11))
>>> plan.day, plan.phrase
(datetime.date(2027, 1, 12), 'will try again Jan 12')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from calsync.core.dates import BusinessDays, find_date_expressions
from calsync.core.reading import vocabulary as words

# A past date is no plan, and none is ~a year out (the window rules' limit).
_MAX_DAYS_AHEAD = 300
# How far after the act its date may stand: "will try them again on Dec 16"; and how long the
# words before it may be ("and then I'll just"): a bounded look keeps each act's reading short.
_DATE_REACH = 60
_LEAD_REACH = 40
_FLAGS = re.IGNORECASE | re.VERBOSE

# A call already booked for a day is the next call, whoever booked it ("callback on Dec 16",
# "Maria scheduled a call with me for the 16th"); then the contact acts the window rules know
# (shared with them), and those only a user writes of themself in a hurry ("chasing Monday",
# "will try Tuesday", "ping her on the 16th").
_ACT = re.compile(
    rf"""(?P<booked>\b(?:call[\s-]?backs?\b(?<!\bcall\sback)(?<!\bcall\sbacks)
        |(?:booked|scheduled|arranged|set\s+up|fixed|have|got)\s+(?:a|another|the|our)\s+
        (?:\w+\s+)?(?:call(?:[\s-]?back)?|chat|catch[\s-]?up)\b
        |(?:a|another|the)\s+call[\s-]back\b))
        |{words.CONTACT_WORDS.pattern}
        |(?<![\w'])(?:try|trying|ring|ringing|phone|phoning|chase|chasing|ping|pinging
        |e-?mail|e-?mailing|text|texting|contact|contacting)(?![\w'])""",
    _FLAGS,
)
# What may stand between a clause's start and the act when no one else is its subject: the
# user's plan, or a first person said out loud.
_OWN_LEAD = re.compile(
    r"""[\s\W]*(?:(?:and|then|so|but|ok|okay|just|i|i'll|i\s+will|i'm|will|'ll|shall|gonna
        |going\s+to|plan(?:ning)?\s+to|need\s+to|have\s+to|must|should|to|again|also)[\s,]+)*""",
    _FLAGS,
)
_CLAUSE_BREAK = re.compile(r"[.;:!?,\n()\[\]]|\s[-–—]\s")
_QUOTED = re.compile(r"[ \t]*>")
_TO_THE_USER = re.compile(r"\b(?:you|your|u)\b", re.IGNORECASE)


@dataclass(frozen=True)
class OwnPlan:
    """A contact the user plans: its day, and the words it came from."""

    day: date
    phrase: str
    start: int


def own_plan(
    notes: str,
    base: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
) -> OwnPlan | None:
    """The first contact the user plans on a date, in a sentence with no other subject, or the
    first call booked for a day."""
    business = business or BusinessDays()
    text = notes.replace("\u2019", "'")
    clause_start = line_start = 0
    breaks = _CLAUSE_BREAK.finditer(text)
    next_break = next(breaks, None)
    for act in _ACT.finditer(text):
        while next_break is not None and next_break.end() <= act.start():
            clause_start = next_break.end()
            if next_break.group() == "\n":
                line_start = clause_start
            next_break = next(breaks, None)
        booked = act["booked"] is not None
        if _QUOTED.match(text, line_start) and not booked:
            continue
        if not booked and (
            act.start() - clause_start > _LEAD_REACH
            or not _OWN_LEAD.fullmatch(text, clause_start, act.start())
        ):
            continue
        clause_end = next_break.start() if next_break is not None else len(text)
        rest = text[act.end() : min(clause_end, act.end() + _DATE_REACH)]
        if not booked and _TO_THE_USER.search(rest):
            continue
        day = _first_date(rest, base, date_order, business)
        if day is None:
            continue
        when, end = day
        phrase = " ".join(text[clause_start : act.end() + end].split()).strip(" -–—,")
        return OwnPlan(business.roll_forward(when), notes_phrase(phrase), clause_start)
    return None


def notes_phrase(phrase: str) -> str:
    return phrase.lstrip("-*•> \t").rstrip(".,;:")


def _first_date(
    rest: str, base: date, order: str, business: BusinessDays
) -> tuple[date, int] | None:
    latest = base + timedelta(days=_MAX_DAYS_AHEAD)
    for expr in find_date_expressions(rest):
        when = expr.resolve(base, date_order=order, business=business)
        if when is not None and base <= when <= latest:
            return when, expr.end
    return None
