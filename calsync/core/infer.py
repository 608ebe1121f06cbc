"""Notes → follow-up window, with the words it came from.

The notes of an interview (or of a follow-up call) are scanned for two things: *date
expressions* ("Dec 5", "Friday", "within two weeks", "end of the month", "12/05") and *timeline
words* ("decide", "hear back", "follow up", "call" …). A date counts only when a timeline word
in the same sentence owns it — the nearest one before it, or a short "by Friday, they'll decide"
just after it — so meeting IDs, dial-in numbers, the job's start date and "I was told on Nov 2"
never move a window.

Choosing among several phrases: the first explicit instruction in the text wins wherever it
stands (the user told themselves when to call); without one, the first decision phrase in text
order wins. A revision in the same sentence ("decision was Dec 10, now pushed to Dec 18"), or
opening the next one ("… Dec 10. Now pushed to Dec 18.")
replaces the date of the phrase it revises.

Notes as people write them: one-letter typos of timeline words are read as the word
(`calsync.core.spelling`); a dated header ("UPDATE 12/9:") labels what follows and is no
timetable; "Please call me on Jan 6" in the recruiter's letter is an instruction to the
candidate; deadlines of the invite itself ("let us know by Dec 8 if you need to reschedule"), of
another company's offer, or the candidate's own are ignored, and so is any date before the base or
more than MAX_DAYS_AHEAD after it. Several decision dates in one sentence give the latest ("final
decisions the week of Dec 14, offers out by Dec 18"); "the following week" counts from the date
said before it in the sentence.

Every step is a single pass or a binary search over indexes built once, so the time grows
linearly with the notes.

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
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from calsync.core.dates import DATE_ORDERS, BusinessDays, DateExpression, find_date_expressions
from calsync.core.spelling import correct_typos
from calsync.model import Window

__all__ = ["BusinessDays", "DATE_ORDERS", "default_window", "find_window", "infer_window"]

DEFAULT_FIRST_DAYS = 7
DEFAULT_LAST_DAYS = 10
# A timetable further out than this is a misreading (a past date read as next year's).
MAX_DAYS_AHEAD = 300
# Timeline phrases are looked for in the first 64 KB of the notes only: no one writes "decision
# by Friday" after a page of base64. The notes themselves are kept whole.
MAX_NOTES_READ = 64 * 1024

_FLAGS = re.IGNORECASE | re.VERBOSE

# ---------------------------------------------------------------------------------------------
# Timeline words

TriggerKind = Literal["explicit", "decision", "revision"]

_DECISION_WORDS = re.compile(
    r"""\b(?:decid(?:e|es|ed|ing)|decisions?|hear(?:ing)?(?:\s+back)?|get(?:s|ting)?\s+back
        |back\s+to\s+(?:me|you|us)|updates?|next\s+steps?|time[\s-]?frame
        |timeline(?!\s+(?:so\s+far|to\s+date|recap|history))
        |let\s+(?:me|you|us)\s+know|respond|response|reply|offers?|feedback|outcome|results?
        |answer|notify|notified|verdict|(?:be|get)\s+in\s+touch|hear\s+from\s+(?:them|us|me)
        |circle\s+back|come\s+back\s+to\s+(?:me|you|us))\b""",
    _FLAGS,
)
# Contact verbs are instructions when the user does them and decision dates when the employer
# does ("they'll call me by Friday"); see _contact_kind.
_CONTACT_WORDS = re.compile(
    r"""\b(?:follow(?:ing|s)?[\s-]*up|followup|f/u|give\s+\w+\s+a\s+(?:call|ring)|call(?:ing)?|reach(?:ing)?\s+(?:back\s+)?out
        |check(?:ing)?[\s-]+(?:in|back)|touch(?:ing)?\s+base|try(?:ing)?\s+(?:again|back))\b""",
    _FLAGS,
)
_REVISION_WORDS = re.compile(
    r"""\b(?:(?:pushed|moved|postponed|delayed|bumped|shifted|changed|slipped|revised|extended)
        (?:\s+(?:back|out|up|forward))?\s+(?:to|until|till)|now)\b""",
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
    r"""\b(?:sent|did|made|had|last|previous|earlier|already)\s+(?:(?:a|an|the|my|our)\s+)?$
        |\b(?:sent|emailed|left)\b[^.,;!?\n]{0,30}$""",
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
# "Please call me on Jan 6" in the recruiter's letter: an imperative addressed to the candidate.
_IMPERATIVE_LEAD = re.compile(
    r"""[\W_]*(?:(?:please|pls|plz|kindly|just|do|feel\s+free\s+to
        |don't\s+hesitate\s+to|you\s+(?:can|could|may|might|should)|you're\s+welcome\s+to)
        [\s,]+)*$""",
    _FLAGS,
)

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
# "UPDATE 12/9:", "[12/9] -": a dated header labels what follows; it is not a timetable.
_HEADER_BEFORE = re.compile(
    r"""(?:^|\n)[\W_]*(?:update[sd]?|edit(?:ed)?|notes?|status|fyi|added|later|ps)[\W_]*
        (?:on\s+)?$""",
    _FLAGS,
)
_ANSWER_TO_THEM = re.compile(
    r"let\s+(?:me|us)\s+know|get(?:s|ting)?\s+back|back\s+to\s+(?:me|us)|respond|reply", _FLAGS
)
_PLEASE = re.compile(r"\b(?:please|pls|plz|kindly)[\s,]+(?:do\s+)?$", _FLAGS)
_HEADER_AFTER = re.compile(r"\s*[)\]]?\s*(?::(?!\d)|[-–—]\s)", _FLAGS)
# A sentence about the invite itself: its deadlines are for rescheduling, not for a decision.
_ABOUT_THE_INVITE = re.compile(
    r"""reschedul|\bavailability\b|\bcan'?t\s+make\b|\bconflict|\brsvp\b
        |\bconfirm\s+(?:your\s+)?attendance""",
    _FLAGS,
)
# A clause about another company's offer, or a deadline the candidate must meet.
_NOT_THIS_EMPLOYER = re.compile(
    r"""\b(?:other|another|competing|second|outstanding|exploding|existing|backup)\s+(?:\w+\s+)?offers?\b
        |\boffers?\s+from\b|'s\s+offer\b|\boffer\s+deadline\b|\bexpir(?:e|es|ed|y|ing)\b
        |\b(?:me|us)\s+(?:until|till)\b|\bto\s+(?:accept|sign)\b
        |\b(?:i|i'll|i\s+will|i\s+(?:need|have|must|got)\s+to|i've\s+got\s+to)\s+(?:decide|respond|reply
        |answer|accept|sign)\b""",
    _FLAGS,
)
# The words that may open a sentence revising the one before: "Now pushed to", "UPDATE 12/9:"
_REVISION_LEAD = frozenset(
    ["now", "it", "it's", "was", "is", "has", "have", "had", "been", "got", "just", "since"]
    + ["then", "but", "and", "update", "updated", "edit"]
)
_LEAD_TOKEN = re.compile(r"[A-Za-z']+|\d[\d/.]*")
_ALTERNATIVE = re.compile(
    r"[ \t]*,?[ \t]*(?:or|to|–|-)[ \t]*(?:(?:by|on|at[ \t]+the[ \t]+latest)[ \t]+)?", _FLAGS
)
_CLAUSE_BREAK = re.compile(r"[,;:.!?\n\r•—–]|\b(?:and|but|while|whereas|though)\b", _FLAGS)
_SENTENCE_BREAK = re.compile(r"[.!?;](?=\s|$)|\n|\r|•")
_CLAUSE_START = re.compile(r"[.!?;,:\n\r•—–]\s*|\s-\s")
_SUBJECT_CLAUSE = re.compile(r"[:;,—–]\s*|\s-\s")

MAX_GAP_AFTER_WORD = 60  # "let you know whether I'm moving on to the onsite by Friday"
MAX_GAP_BEFORE_WORD = 30  # "By Friday, they'll decide"
MAX_SUBJECT_LOOKBACK = 50


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
    if _TO_ME.match(text, m.end()) and not word.startswith(("give", "f/u")):
        clauses = list(_SUBJECT_CLAUSE.finditer(before))
        clause = before[clauses[-1].end() :] if clauses else before
        return "explicit" if _IMPERATIVE_LEAD.fullmatch(clause) else "decision"
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


def _asked_of_the_candidate(text: str, m: re.Match[str]) -> bool:
    """ "Please let us know by Dec 8", "kindly get back to me by Friday": the letter asks the
    candidate for an answer; that deadline is theirs, not the employer's timetable."""
    if not _ANSWER_TO_THEM.fullmatch(m.group()):
        return False
    before = text[max(0, m.start() - MAX_SUBJECT_LOOKBACK) : m.start()]
    return _PLEASE.search(before) is not None


def _triggers(text: str) -> list[_Trigger]:
    found = [
        _Trigger(m.start(), m.end(), "decision")
        for m in _DECISION_WORDS.finditer(text)
        if not _asked_of_the_candidate(text, m)
    ]
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
    sentence: int


class _Text:
    """The notes with their sentence and clause boundaries indexed once, so that every question
    below ("same sentence?", "is this clause about another offer?") is a binary search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences = [m.start() for m in _SENTENCE_BREAK.finditer(text)]
        self.invite_sentences = {self.sentence(m.start()) for m in _ABOUT_THE_INVITE.finditer(text)}
        foreign = [m.start() for m in _NOT_THIS_EMPLOYER.finditer(text)]
        # clauses are indexed only when some clause is about another offer (rarely)
        self._clauses = [m.start() for m in _CLAUSE_BREAK.finditer(text)] if foreign else []
        self.foreign_clauses = {self.clause(pos) for pos in foreign}

    def sentence(self, pos: int) -> int:
        return bisect_left(self._sentences, pos)

    def clause(self, pos: int) -> int:
        return bisect_left(self._clauses, pos)

    def same_sentence(self, a: int, b: int) -> bool:
        return self.sentence(a) == self.sentence(b)

    def opening(self, sentence: int) -> int:
        """Where a sentence (after the first) starts: just after the break before it."""
        return self._sentences[sentence - 1] + 1 if sentence else 0

    def revises(self, phrase: _Phrase, revision: _Trigger) -> bool:
        """Whether a revision word revises a phrase: in its sentence, or opening the next one
        ("Decision was Dec 10. Now pushed to Dec 18.")."""
        sentence = self.sentence(revision.start)
        if sentence == phrase.sentence:
            return True
        if sentence != phrase.sentence + 1:
            return False
        lead = self.text[self.opening(sentence) : revision.start]
        if len(lead) > 40:
            return False
        return all(t[0].isdigit() or t.lower() in _REVISION_LEAD for t in _LEAD_TOKEN.findall(lead))

    def not_this_timetable(self, trigger: _Trigger, expr: DateExpression) -> bool:
        """A rescheduling deadline of the invite, or another company's (or the candidate's)."""
        return (
            self.sentence(trigger.start) in self.invite_sentences
            or self.clause(trigger.start) in self.foreign_clauses
            or self.clause(expr.start) in self.foreign_clauses
        )


def _owners(
    doc: _Text,
    expr: DateExpression,
    triggers: list[_Trigger],
    starts: list[int],
    prev_end: int,
    next_start: int,
) -> list[_Trigger]:
    """The timeline words that may own a date, best first.

    Those before it, nearest first ("decision by Dec 5", "check in two weeks" where the words
    share "in"); failing that, one just after a deadline ("by Friday, they'll decide").
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
    is_deadline = _DEADLINE_START.match(text, expr.start) or _DEADLINE_BEFORE.search(
        text, max(0, expr.start - 20), expr.start
    )
    if not is_deadline:
        return []
    lo = bisect_left(starts, expr.end)
    hi = bisect_left(starts, min(next_start, expr.end + MAX_GAP_BEFORE_WORD) + 1)
    return [
        t for t in triggers[lo:hi] if t.end <= next_start and doc.same_sentence(expr.end, t.start)
    ][:1]


def _is_timetable(text: str, expr: DateExpression) -> bool:
    before = text[max(0, expr.start - 40) : expr.start]
    breaks = list(_SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    if _NOT_A_TIMETABLE.search(before) is not None:
        return False
    return not _is_header(text, expr)


def _is_header(text: str, expr: DateExpression) -> bool:
    """ "UPDATE 12/9:" labels the lines after it; the words before it own the next date."""
    return bool(
        _HEADER_AFTER.match(text, expr.end)
        and _HEADER_BEFORE.search(text, max(0, expr.start - 30), expr.start)
    )


def _phrase_start(text: str, start: int) -> int:
    """Widen a phrase to its clause's first word when that is close ("They'll decide …")."""
    lookback = text[max(0, start - 25) : start]
    clauses = list(_CLAUSE_START.finditer(lookback))
    if clauses:
        return start - len(lookback) + clauses[-1].end()
    return start - len(lookback) if start <= 25 else start


def _outside_triggers(triggers: list[_Trigger], exprs: list[DateExpression]) -> list[_Trigger]:
    """The triggers not inside a date expression ("next steps" inside no date, "week" …)."""
    expr_starts = [e.start for e in exprs]
    kept = []
    for t in triggers:
        i = bisect_left(expr_starts, t.start + 1) - 1
        if i >= 0 and exprs[i].start <= t.start and t.end <= exprs[i].end:
            continue
        kept.append(t)
    return kept


def _phrases(text: str, base: date, order: str, business: BusinessDays) -> list[_Phrase]:
    doc = _Text(text)
    exprs = find_date_expressions(text)
    triggers = _outside_triggers(_triggers(text), exprs)
    starts = [t.start for t in triggers]
    latest = base + timedelta(days=MAX_DAYS_AHEAD)
    phrases: list[_Phrase] = []
    previous: tuple[int, date] | None = None  # the last date said: its sentence and its day
    prev_end = 0  # a timeline word before an earlier date does not own this one
    for i, expr in enumerate(exprs):
        if i and not _is_header(text, exprs[i - 1]):
            prev_end = exprs[i - 1].end
        sentence = doc.sentence(expr.start)
        anchor = base
        if expr.relative and previous is not None and previous[0] == sentence:
            anchor = previous[1]  # "by Dec 11 and update everyone the following week"
        when = expr.resolve(anchor, date_order=order, business=business)
        if when is not None:
            previous = (sentence, when)
        # A past date is no timetable, and none is ~a year out: that is a past date misread.
        if when is None or not base <= when <= latest or not _is_timetable(text, expr):
            continue
        next_start = exprs[i + 1].start if i + 1 < len(exprs) else len(text)
        owners = _owners(doc, expr, triggers, starts, prev_end, next_start)
        last = phrases[-1] if phrases else None
        if not owners and last is not None and _ALTERNATIVE.fullmatch(text, last.end, expr.start):
            # "decide by Friday or early next week": the later of the two
            later = max(last.when, when)
            phrases[-1] = _Phrase(last.start, expr.end, last.kind, later, last.sentence)
            continue
        if not owners:
            continue
        if owners[0].kind == "revision":
            revision = owners[0]
            if last is not None and doc.revises(last, revision):
                # a revision in the next sentence shows its own sentence: one line, its words
                start = last.start if last.sentence == sentence else doc.opening(sentence)
                phrases[-1] = _Phrase(start, expr.end, last.kind, when, last.sentence)
                continue
        owner = next((t for t in owners if t.kind != "revision"), None)
        if owner is None or doc.not_this_timetable(owner, expr):
            continue
        kind: Literal["explicit", "decision"] = (
            "explicit" if owner.kind == "explicit" else "decision"
        )
        start = _phrase_start(text, min(owner.start, expr.start))
        phrases.append(_Phrase(start, max(owner.end, expr.end), kind, when, sentence))
    return phrases


def _chosen(phrases: list[_Phrase]) -> _Phrase:
    """The first instruction; else the first decision phrase, carried to the latest date its
    sentence gives ("final decisions the week of Dec 14, offers out by Dec 18")."""
    explicit = next((p for p in phrases if p.kind == "explicit"), None)
    if explicit is not None:
        return explicit
    first = phrases[0]
    same = [p for p in phrases if p.sentence == first.sentence]
    last = max(same, key=lambda p: (p.when, p.start))
    if last is first:
        return first
    return _Phrase(first.start, last.end, "decision", last.when, first.sentence)


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
    # the quote keeps the length; only the first MAX_NOTES_READ characters are read
    corrected = correct_typos(notes[:MAX_NOTES_READ].replace("\u2019", "'"))
    phrases = _phrases(corrected.text, base, order, business)
    if not phrases:
        return None
    chosen = _chosen(phrases)
    start, end = corrected.original_span(chosen.start, chosen.end)
    # bullets and quote marks at a line's start are not the user's words
    words = notes[start:end].strip().lstrip("-*•> \t").rstrip(".,;:")
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
