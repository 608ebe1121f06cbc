"""Meetings that carry an interview's words but are not the user's interview, and rounds that
carry none of them but are.

Kinds of mistake, each a table of named entries:
- the user learns or teaches about interviews ("Workshop: how to ace behavioural interviews"),
  or sits on the hiring side ("Interviewer training", "Interview debrief", "Interview panel for
  Jordan Smith"): the words are there, the candidate is not the user;
- the time around an interview: travelling there, getting ready, the thank-you note;
- a design candidate's "Portfolio review", an engineer's "Pairing session": a round of an
  application whose title holds no interview word — one only when the title also names an
  employer or a role, since "Design review" alone is an ordinary meeting at work.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from calsync.core.titles import Found, looks_like_role, mentions, phrase_pattern


@dataclass(frozen=True)
class Rule:
    """One kind of meeting: its words, why it is (or is not) an interview, an example title."""

    name: str
    words: tuple[str, ...]
    example: str


# Learning or teaching: the title's interview words are the subject, not the meeting.
TEACHING = Rule(
    "training or teaching",
    (
        "training", "trainings", "workshop", "course", "class", "classes", "webinar",
        "bootcamp", "boot camp", "seminar", "masterclass", "lecture", "tutorial", "info session",
        "office hours", "meetup", "conference talk", "coaching", "career coach", "mentoring",
        "mentorship", "lesson", "study group", "career fair", "job fair",
    ),
    "Workshop: how to ace behavioural interviews",
)  # fmt: skip

# Around an interview, not the interview: getting there, getting ready, writing afterwards.
AROUND = Rule(
    "time around an interview",
    (
        "travel", "flight", "fly to", "hotel", "commute", "drive to", "train to", "parking",
        "leave for", "prepare", "preparing", "get ready", "write", "send", "thank-you note",
        "thank you note", "thank-you email", "thank you email",
    ),
    "Travel to Acme onsite",
)  # fmt: skip

# The user on the hiring side: they interview, calibrate or decide about someone else.
HIRING_SIDE = Rule(
    "you are the interviewer",
    (
        "interviewer", "interviewers", "debrief", "interview debrief", "hiring committee",
        "calibration", "scorecard", "candidate feedback", "shadow interview",
    ),
    "Interviewer training: structured interviews",
)  # fmt: skip

# Rounds of an application named by what the candidate does, not by the word "interview".
ROUNDS = Rule(
    "a round that names no employer or role",
    (
        "portfolio review", "design review", "presentation round", "take-home review",
        "take home review", "pairing session", "pair programming session", "assessment centre",
        "assessment center", "work trial", "trial day", "design exercise review",
    ),
    "Lumina Labs: Portfolio review (UX Designer)",
)  # fmt: skip

# "Meet your interviewers", "with the interviewers", "(2 interviewers)": the candidate's side.
_CANDIDATE_SIDE = re.compile(
    r"\b(?:your|the|my|with|of|\d+|two|three|four|five|several|multiple)\s+interviewers?\b",
    re.IGNORECASE,
)
# "Interview panel for Jordan Smith", "Loop for candidate": someone else is interviewed.
_FOR_CANDIDATE = re.compile(
    r"\b(?i:panel|loop|interview|debrief|feedback)\s+(?i:for)\s+(?i:the\s+|a\s+)?(?i:candidate)\b"
    r"|\b(?i:panel|loop|debrief|feedback)\s+(?i:for)\s+[A-Z][a-z'’-]+\s+[A-Z][a-z'’-]+\s*(?:$|[-—–|:(])"
)


_ROUND_PATTERN = re.compile(
    "|".join(p.pattern for p in map(phrase_pattern, ROUNDS.words) if p is not None),
    re.IGNORECASE,
)


def names_a_round(title: str) -> bool:
    """True when the title names a round by what the candidate does ("Portfolio review")."""
    return mentions(title, ROUNDS.words)


def not_the_users_interview(
    title: str,
    words: Sequence[str],
    *,
    role: str | None,
    read: Callable[[str], Found],
    company: str | None = None,
) -> str | None:
    """Why a title with interview words (or a round's words) is not the user's interview, or
    None when it is one. `role` is the role the title names ("Training Specialist" is no
    training); `read` reads a company and a role from text, to tell whether a round's title
    names an employer or a role besides the round's own words.

    >>> def read(text): return (None, None)
    >>> not_the_users_interview("Interviewer training", ("interview",), role=None, read=read)
    'you are the interviewer, "interviewer"'
    >>> not_the_users_interview("Design review", (), role=None, read=read)
    'a round that names no employer or role, "design review"'
    """
    rest = title.replace(role, " ") if role and looks_like_role(role) else title
    if company and _more_than(company, (*TEACHING.words, *HIRING_SIDE.words, *AROUND.words)):
        rest = rest.replace(company, " ")  # "Course Hero", "Acme Training Co": a name
    hiring = _first(_CANDIDATE_SIDE.sub(" ", rest), HIRING_SIDE.words)
    if hiring or _FOR_CANDIDATE.search(title):
        return f'{HIRING_SIDE.name}, "{hiring or "for a candidate"}"'
    teaching = _first(rest, TEACHING.words)
    if teaching:
        return f'{TEACHING.name}, "{teaching}"'
    # what the user does around it leads the title; names such as "Margie's Travel" do not
    around = _first(title, AROUND.words[-4:]) or _first_leading(title, AROUND.words)
    if around:
        return f'{AROUND.name}, "{around}"'
    if not mentions(title, words):
        round_word = _first(title, ROUNDS.words)
        if round_word and not any(read(_ROUND_PATTERN.sub(" ", title))):
            return f'{ROUNDS.name}, "{round_word}"'
    return None


def _more_than(name: str, phrases: Sequence[str]) -> bool:
    """True when the name holds a word besides the phrases: "Course Hero" is a name, while
    "Interviewer training" read as a company is only the meeting's own words."""
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None:
            name = pattern.sub(" ", name)
    return any(ch.isalnum() for ch in name)


def _first_leading(text: str, phrases: Sequence[str]) -> str | None:
    """The phrase the text begins with ("Travel to Acme onsite" → "travel"), or None."""
    lead = text.lstrip(" \t[(*-–—:").lower()
    return next((p for p in phrases if re.match(re.escape(p) + r"\b", lead)), None)


def _first(text: str, phrases: Sequence[str]) -> str | None:
    return next((p for p in phrases if mentions(text, (p,))), None)
