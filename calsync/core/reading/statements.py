"""Statements in the notes: who does what, and which dates are theirs.

A timeline word is an act (decide, hear back, let know; call, follow up, check in) with its agent:
the employer ("they'll call me", "I'll phone you" in the recruiter's letter) makes it a decision
date; the candidate told to do it ("follow up on Dec 5", "feel free to call me Monday") makes it
an instruction. Sentences and clauses are indexed once, so asking which statement a date belongs
to, and whose it is, is a binary search.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Literal

from calsync.core.dates import DateExpression
from calsync.core.reading import vocabulary as words

TriggerKind = Literal["explicit", "decision", "revision"]

# Why a dated statement is not this employer's timetable, as `calsync plan` says it.
INVITE = "the invite's own logistics"
OTHER_EMPLOYER = "another employer's deadline"
CANDIDATES_OWN = "the candidate's own deadline"

MAX_GAP_AFTER_WORD = 60  # "let you know whether I'm moving on to the onsite by Friday"
MAX_GAP_BEFORE_WORD = 30  # "By Friday, they'll decide"
MAX_SUBJECT_LOOKBACK = 50


@dataclass(frozen=True)
class Trigger:
    start: int
    end: int
    kind: TriggerKind


def _contact_kind(text: str, m: re.Match[str]) -> TriggerKind | None:
    before = text[max(0, m.start() - MAX_SUBJECT_LOOKBACK) : m.start()]
    breaks = list(words.SENTENCE_BREAK.finditer(before))
    if breaks:
        before = before[breaks[-1].end() :]
    word = m.group().lower()
    if word.startswith(("call", "e", "dm", "message", "text")) and words.CALL_AS_NOUN.search(
        before
    ):
        return None
    if words.DONE_ALREADY.search(before):
        return None
    if word.startswith("tak"):
        return "explicit"  # "she will take a call on the 7th": the candidate calls
    if words.TO_YOU.match(text, m.end()):
        return "decision"
    if words.TO_ME.match(text, m.end()) and not word.startswith("f/u"):
        clauses = list(words.SUBJECT_CLAUSE.finditer(before))
        clause = before[clauses[-1].end() :] if clauses else before
        return "explicit" if words.IMPERATIVE_LEAD.fullmatch(clause) else "decision"
    if words.RELAYED_INSTRUCTION.search(before) or words.RELAYED_THEN.search(before):
        return "explicit"
    # who calls is decided within the clause: "He said: call them Dec 18" is an instruction
    clauses = list(words.SUBJECT_CLAUSE.finditer(before))
    if clauses:
        before = before[clauses[-1].end() :]
    subjects = list(words.SUBJECT.finditer(before))
    if subjects:
        return "explicit" if subjects[-1]["me"] else "decision"
    if words.SUBJECTLESS_MODAL.fullmatch(before):
        return "explicit"
    return "decision" if words.EMPLOYER_MODAL.search(before) else "explicit"


def _asked_of_the_candidate(text: str, m: re.Match[str]) -> bool:
    """ "Please let us know by Dec 8", "kindly get back to me by Friday": the letter asks the
    candidate for an answer; that deadline is theirs, not the employer's timetable."""
    if not words.ANSWER_TO_THEM.fullmatch(m.group()):
        return False
    before = text[max(0, m.start() - MAX_SUBJECT_LOOKBACK) : m.start()]
    return words.PLEASE.search(before) is not None


def find_triggers(text: str) -> list[Trigger]:
    found = [
        Trigger(m.start(), m.end(), "decision")
        for m in words.DECISION_WORDS.finditer(text)
        if not _asked_of_the_candidate(text, m)
    ]
    found += [Trigger(m.start(), m.end(), "revision") for m in words.REVISION_WORDS.finditer(text)]
    for m in words.CONTACT_WORDS.finditer(text):
        kind = _contact_kind(text, m)
        if kind is not None:
            found.append(Trigger(m.start(), m.end(), kind))
    return sorted(found, key=lambda t: t.start)


class Statements:
    """The notes with their sentence and clause boundaries indexed once, so that every question
    below ("same sentence?", "is this clause about another offer?") is a binary search."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._sentences = [m.start() for m in words.SENTENCE_BREAK.finditer(text)]
        self.invite_sentences = {
            self.sentence(m.start()) for m in words.ABOUT_THE_INVITE.finditer(text)
        }
        foreign = [(m.start(), OTHER_EMPLOYER) for m in words.OTHER_EMPLOYER.finditer(text)]
        # an offer in a sentence about another employer's offer is theirs
        self.foreign_offer_sentences = {self.sentence(pos) for pos, _ in foreign}
        foreign += [(m.start(), CANDIDATES_OWN) for m in words.CANDIDATES_OWN.finditer(text)]
        # clauses are indexed only when some clause is about another offer (rarely)
        self._clauses = [m.start() for m in words.CLAUSE_BREAK.finditer(text)] if foreign else []
        self.foreign_clauses = {self.clause(pos): why for pos, why in foreign}
        self.timing_questions = {
            self.sentence(m.start()) for m in words.TIMING_QUESTION.finditer(text)
        }

    def sentence(self, pos: int) -> int:
        return bisect_left(self._sentences, pos)

    def clause(self, pos: int) -> int:
        return bisect_left(self._clauses, pos)

    def same_sentence(self, a: int, b: int) -> bool:
        return self.sentence(a) == self.sentence(b)

    def opening(self, sentence: int) -> int:
        """Where a sentence (after the first) starts: just after the break before it."""
        return self._sentences[sentence - 1] + 1 if sentence else 0

    def revises(self, phrase_sentence: int, revision: Trigger) -> bool:
        """Whether a revision word revises a phrase: in its sentence, or opening the next one
        ("Decision was Dec 10. Now pushed to Dec 18.")."""
        sentence = self.sentence(revision.start)
        if sentence == phrase_sentence:
            return True
        if sentence != phrase_sentence + 1:
            return False
        lead = self.text[self.opening(sentence) : revision.start]
        if len(lead) > 40:
            return False
        return all(
            t[0].isdigit() or t.lower() in words.REVISION_LEAD
            for t in words.LEAD_TOKEN.findall(lead)
        )

    def not_this_timetable(self, trigger: Trigger, expr: DateExpression) -> str | None:
        """Why a dated statement is someone else's: a rescheduling deadline of the invite,
        another company's date, or the candidate's own deadline; None when it is a timetable."""
        if self.sentence(trigger.start) in self.invite_sentences:
            return INVITE
        offer = words.OFFER.fullmatch(self.text, trigger.start, trigger.end)
        if offer and self.sentence(trigger.start) in self.foreign_offer_sentences:
            return OTHER_EMPLOYER
        return self.foreign_clauses.get(self.clause(trigger.start)) or self.foreign_clauses.get(
            self.clause(expr.start)
        )

    def answers_a_question(self, expr: DateExpression) -> bool:
        """A bare period right after a question about timing answers it: "Asked about next
        steps. She said about three weeks." """
        sentence = self.sentence(expr.start)
        if sentence - 1 not in self.timing_questions:
            return False
        end = self._sentences[sentence] if sentence < len(self._sentences) else len(self.text)
        return end - self.opening(sentence) <= words.MAX_ANSWER
