"""What the user wrote on a follow-up call after making it, read as an outcome.

After each call the user types what they learned into the call event's notes. The next run plans
from it (SPEC, "Follow-up chain"):

- "rejected": the job went to someone else, or the position closed → one more thank-you note;
- "offer": the user got the job → the chain ends;
- "withdrew": the user left the process (also by taking another job, or by turning this offer
  down) → the chain ends;
- "next-date": a new date to call, or a new decision date → the next call, by the window rules;
- "none": nothing recognisable → nothing happens.

How the notes are read:

- A final outcome beats a date: "They went with someone else; I'll check back in March" is a
  rejection, not a reason to call again in March.
- Among several finals, the last one written wins, because notes are written in time order:
  "Offer came in! ... then I withdrew" ends as withdrew.
- A final phrase does not count when the few words before it, in the same clause, deny it or
  make it hypothetical: "no offer yet", "haven't been rejected", "if they went with someone
  else", "thinking about withdrawing", "they'll make an offer", "I'm going to withdraw" (an
  intention, not yet done). A question does not count either: "Did they go with someone else?".
  Hedges are whole words ("After careful consideration they chose someone else" is a rejection),
  and an employer's future is its decision when it turns the user down ("the team will proceed
  with other applicants"). One-letter typos of outcome words are read as the word.
- "offer" alone is not an offer: "offer expected by Dec 18" is a decision date. An offer needs
  someone to have got, received, made, accepted or signed it ("got the offer", "verbal offer",
  "Offer!").
- "accepted another offer", "took a job elsewhere" and "declined their offer" are withdrew: the
  user chose to leave this process, so no second thank-you note is planned.
- Who says it matters where the words alone are ambiguous: "they're no longer interested" and
  "they're not moving forward" are rejections; "I'm not moving forward with them" and a bare
  "no longer interested" (the user writes about themself) are withdrew.
- A position that was cancelled, closed or put on hold indefinitely, and an offer taken back,
  count as rejected: the user did not get the job through no choice of their own, and a
  gracious note keeps the door open for the next opening.

Dates are not parsed here: `calsync.core.infer.find_window` reads them, relative to the date of
the call, and `calsync.core.own_plan` the user's own subjectless plans ("no answer, will try
again Jan 12" → that day, an instruction), and `calsync.core.bare_time` a sentence that is only a
time ("they said 5 working days"). `read_call_notes` also says which line decided and
which lines were set aside, and why, for `calsync plan`.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date

from calsync.core.bare_time import bare_time
from calsync.core.dates import BusinessDays
from calsync.core.infer import MAX_SET_ASIDE, find_window
from calsync.core.outcome_phrases import OUTCOME_LOOKALIKES, OUTCOME_WORDS, RULES, not_a_fact
from calsync.core.own_plan import own_plan
from calsync.core.reading.languages import read_in
from calsync.core.spelling import Typos
from calsync.model import Outcome, OutcomeKind, SetAside, Window

# Where a sentence ends; "?!" is an exclamation ("Got the offer?!"), not a question.
_SENTENCE_END = re.compile(r"\?(?!\s*!)|[.!\n]")
# How many words before a final phrase can deny it: "haven't officially chosen another".
_LOOKBACK_WORDS = 5
# How far around a match its `unless` pattern looks, in characters.
_UNLESS_REACH = 40
# How far before a phrase its clause is looked for, and after it the end of its sentence: a
# denial or a question mark further away is not about it, and a bounded look keeps a long note
# from being read once per phrase.
_CLAUSE_REACH = 300
_SENTENCE_REACH = 500
# Where one statement ends and the next begins: a denial does not reach across these.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,()\[\]\n]|\s[-–—]\s|\b(?:but|however|though|although|then|and)\b"
)
_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")
# Lines after this many characters are not read for set-aside phrases (as the window rules).
_LINES_READ = 64 * 1024

_QUESTION = "a question"
_NOT_A_FACT = "denied or not (yet) a fact"
_EARLIER = "a later outcome was written after it"
_DATE_AFTER_FINAL = "a final outcome decides, not a date"
_FIRST_INSTRUCTION = "the first instruction to call decides"
_FIRST_DECISION = "the first decision date decides"


@dataclass(frozen=True)
class CallNotes:
    """What the notes of a call say: the outcome, the line it came from, and the lines read but
    set aside (each a whole line of the notes, with why)."""

    outcome: Outcome
    line: str | None = None
    set_aside: tuple[SetAside, ...] = ()


@dataclass(frozen=True)
class _Finding:
    kind: OutcomeKind
    start: int  # offsets in the notes as written
    end: int
    phrase: str
    why_not: str | None  # None when stated as a fact; else why it does not count


def read_outcome(
    notes: str,
    call_date: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
) -> Outcome:
    """The outcome the user recorded after a follow-up call made on `call_date`.

    >>> read_outcome("They went with another candidate.", date(2026, 12, 11)).kind
    'rejected'
    >>> read_outcome("No decision yet, call again Jan 12", date(2026, 12, 11)).window.first
    datetime.date(2027, 1, 12)
    """
    return read_call_notes(notes, call_date, date_order=date_order, business=business).outcome


def read_call_notes(
    notes: str,
    call_date: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
    languages: tuple[str, ...] = (),
) -> CallNotes:
    """The outcome, the line of the notes that decided it, and the lines set aside. Notes in
    another of `languages` are read in English words (and quoted so), numeric dates day first.

    >>> read = read_call_notes("Not rejected yet.\\nwill try again Jan 12", date(2026, 12, 11))
    >>> read.outcome.kind, read.line, read.set_aside[0].why
    ('next-date', 'will try again Jan 12', 'denied or not (yet) a fact')
    >>> german = read_call_notes("Leider Absage erhalten.", date(2026, 12, 11), languages=("de",))
    >>> german.outcome.kind
    'rejected'
    """
    english = read_in(notes, languages)
    if english.text != notes:
        read = read_call_notes(
            english.text,
            call_date,
            date_order="DMY" if english.day_first and date_order.upper() == "MDY" else date_order,
            business=business,
        )
        return _as_written(read, english.text, notes)
    lines = _Lines(notes)
    findings = _findings(notes)
    stated = [f for f in findings if f.why_not is None]
    set_aside: list[SetAside] = []
    if stated:
        last = max(stated, key=lambda f: f.start)
        outcome = Outcome(last.kind, last.phrase)
        decided = lines.at(last.start)
        window = find_window(notes, call_date, date_order=date_order, business=business)
        if window is not None and window.phrase:
            set_aside.append(SetAside(lines.holding(window.phrase), _DATE_AFTER_FINAL))
    else:
        last = None
        window, decided_at = _next_window(notes, call_date, date_order, business)
        if window is None:
            outcome, decided = Outcome("none"), None
        else:
            outcome = Outcome("next-date", window.phrase, window)
            decided = lines.at(decided_at)
            # the window rules' own reasons first: they say more than "another date came first"
            set_aside += [SetAside(lines.holding(a.phrase), a.why) for a in window.set_aside]
            set_aside += _other_dates(lines, decided, window, call_date, date_order, business)
    for f in findings:
        if f is not last:
            set_aside.append(SetAside(lines.at(f.start), f.why_not or _EARLIER))
    return CallNotes(outcome, decided, _one_per_line(set_aside, decided, lines))


def _as_written(read: CallNotes, english: str, notes: str) -> CallNotes:
    """What was read in English words, quoted as the user wrote it: each quote becomes the line
    of the notes it came from (a gloss never adds or removes a line)."""
    pairs = list(zip(english.split("\n"), notes.split("\n"), strict=False))
    if len(pairs) != notes.count("\n") + 1 or english.count("\n") != notes.count("\n"):
        return read

    def said(text: str | None) -> str | None:
        if not text:
            return text
        return next((mine.strip() for ours, mine in pairs if text in ours), text)

    outcome = read.outcome
    window = outcome.window
    if window is not None and window.phrase:
        window = replace(window, phrase=said(window.phrase) or "")
    outcome = replace(
        outcome, phrase=said(outcome.phrase), window=window, line=said(outcome.line) or ""
    )
    asides = tuple(SetAside(said(a.phrase) or a.phrase, a.why) for a in read.set_aside)
    return CallNotes(outcome, said(read.line), asides)


def _next_window(
    notes: str, call_date: date, date_order: str, business: BusinessDays | None
) -> tuple[Window | None, int]:
    """The next call's window and where in the notes it was said: the window rules' reading,
    unless the user's own plan comes first or the rules found only a decision date; failing
    both, a sentence that is only a time ("they said 5 working days")."""
    window = find_window(notes, call_date, date_order=date_order, business=business)
    if window is not None and window.rule == "default":
        window = None
    at = notes.find(window.phrase) if window is not None and window.phrase else -1
    plan = own_plan(notes, call_date, date_order=date_order, business=business)
    if plan is not None and (window is None or window.rule != "explicit" or plan.start < at):
        return Window(plan.day, plan.day, "explicit", plan.phrase), plan.start
    if window is not None:
        return window, max(at, 0)
    said = bare_time(notes, call_date, date_order=date_order, business=business)
    if said is None:
        return None, 0
    days = business or BusinessDays()
    if said.employers:
        first, last = days.after(said.day, 1), days.after(said.day, 2)
        return Window(first, last, "decision", said.phrase, decision_date=said.day), said.start
    day = days.roll_forward(said.day)
    return Window(day, day, "explicit", said.phrase), said.start


def _other_dates(
    lines: _Lines,
    decided: str | None,
    window: Window,
    call_date: date,
    date_order: str,
    business: BusinessDays | None,
) -> list[SetAside]:
    """The other lines that give a date on their own: the first instruction, else the first
    decision date, decided."""
    why = _FIRST_INSTRUCTION if window.rule == "explicit" else _FIRST_DECISION
    found = []
    for line in lines.lines:
        if line == decided or not any(c.isdigit() or c.isupper() for c in line):
            continue
        other = find_window(line, call_date, date_order=date_order, business=business)
        if other is not None or own_plan(line, call_date, date_order=date_order) is not None:
            found.append(SetAside(line, why))
    return found


def _one_per_line(
    set_aside: list[SetAside], decided: str | None, lines: _Lines
) -> tuple[SetAside, ...]:
    """Each line once, with its first reason, in the order of the notes, and no more than the
    window rules list: the first ones say why; a page of them would not."""
    seen = {decided}
    kept: list[SetAside] = []
    for item in set_aside:
        if item.phrase not in seen:
            seen.add(item.phrase)
            kept.append(item)
    kept.sort(key=lambda item: lines.order.get(item.phrase, len(lines.order)))
    return tuple(kept[:MAX_SET_ASIDE])


class _Lines:
    """The notes' lines, found by offset with a binary search."""

    def __init__(self, notes: str) -> None:
        self.notes = notes
        self._starts = [0] + [i + 1 for i, c in enumerate(notes) if c == "\n"]
        read = notes[:_LINES_READ]
        self.lines = [line.strip() for line in read.split("\n") if line.strip()]
        self.order = {line: i for i, line in reversed(list(enumerate(self.lines)))}

    def at(self, offset: int) -> str:
        i = bisect_right(self._starts, offset) - 1
        end = self._starts[i + 1] - 1 if i + 1 < len(self._starts) else len(self.notes)
        return self.notes[self._starts[i] : end].strip()

    def holding(self, phrase: str) -> str:
        at = self.notes.find(phrase)
        return self.at(at) if at >= 0 else phrase


def _findings(notes: str) -> list[_Finding]:
    # Curly quotes would hide "didn't" from the patterns; the swap keeps every offset in place.
    straight = notes.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    corrected = _correct_outcome_words(straight)
    text = corrected.text
    # The spans already owned, sorted and disjoint, so each overlap test looks at two of them.
    starts: list[int] = []
    ends: list[int] = []
    found: list[_Finding] = []
    for rule in RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end or _overlaps(starts, ends, start, end):
                continue
            if rule.unless is not None and rule.unless.search(
                text, max(0, start - _UNLESS_REACH), end + _UNLESS_REACH
            ):
                continue
            i = bisect_left(starts, start)
            starts.insert(i, start)
            ends.insert(i, end)
            first, last = corrected.original_span(start, end)
            phrase = _EDGE_PUNCTUATION.sub("", " ".join(notes[first:last].split()))
            why_not = _why_not_stated(text, start, end, rule.kind)
            found.append(_Finding(rule.kind, first, last, phrase, why_not))
    return found


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect_left(starts, start)
    if i > 0 and ends[i - 1] > start:
        return True
    return i < len(starts) and starts[i] < end


def _why_not_stated(text: str, start: int, end: int, kind: OutcomeKind) -> str | None:
    """Why a final phrase does not count: the sentence is a question ("Did they go with
    someone else?"), or the words just before it, in the same clause, deny or doubt it."""
    sentence_end = _SENTENCE_END.search(text, end, end + _SENTENCE_REACH)
    if sentence_end is not None and sentence_end.group() == "?":
        return _QUESTION
    reach = max(0, start - _CLAUSE_REACH)
    before = text[reach:start]
    if reach and not text[reach - 1].isspace():
        # the look starts inside a word: half a word could read as "no" or "if"
        space = re.search(r"\s", before)
        before = before[space.start() :] if space else ""
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    words = clause.lower().split()[-_LOOKBACK_WORDS:]
    return _NOT_A_FACT if not_a_fact(" ".join(words), kind) else None


# one-letter typos of outcome words ("anothr candiate"), by the rule of `calsync.core.spelling`
_OUTCOME_TYPOS = Typos(OUTCOME_WORDS, OUTCOME_LOOKALIKES)
_correct_outcome_words = _OUTCOME_TYPOS.correct
