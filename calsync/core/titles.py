"""An interview's title → the company and the role, by the shapes people and schedulers write.

Scheduling systems (Lever, Workday, Calendly, LinkedIn, Google's and Outlook's invitations …)
each write titles in one shape of their own, full of their own words ("Interview Scheduled:",
"(via LinkedIn)", "between Chris Park and Alex Rivera"). `SHAPES` lists them, one named entry
each, tried in order; a title no entry claims is read free-form, segment by segment.

The scheduler's words and the people's names (the user's own above all) are never a company
or a role: they are removed before reading and refused after it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from calsync.core.title_segments import (
    assign,
    brackets_as_parts,
    company_score,
    is_aside,
    is_product,
    kind_modifiers_removed,
    role_score,
    without_job_word,
    without_tags,
)

Found = tuple[str | None, str | None]

# Words that mark the "what kind of meeting" part of a title, beyond the configured words.
INTERVIEW_HINTS: tuple[str, ...] = (
    "interview", "interviews", "screen", "screening", "onsite", "on-site", "chat", "call",
    "round", "panel", "case study", "meeting", "conversation", "superday", "loop", "sync",
    "intro", "introduction", "technical", "hiring manager", "debrief", "presentation", "review",
    "take-home", "assessment", "exercise", "pairing", "portfolio review", "design review",
    "presentation round", "pairing session", "assessment centre", "assessment center",
    "work trial", "trial day",
)  # fmt: skip

# What mail, calendar and scheduling systems put in front of a title. Workday's "Interview
# Scheduled:" keeps its "Interview" so the rest still reads as an interview's title.
_INVITE_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|invitation|updated invitation|updated|accepted|tentative|reminder|"
    r"scheduled|confirmed|confirmation|rescheduled|new event)\s*:\s*)+",
    re.IGNORECASE,
)
# "Your interview with Acme is confirmed: …": the status after the company.
_STATUS_TAIL = re.compile(
    r"\s+(?:is|has been|was)\s+(?:confirmed|scheduled|rescheduled|updated|booked)\b", re.IGNORECASE
)
_SCHEDULER_STATUS = re.compile(
    r"^\s*(interview)\s+(?:scheduled|confirmed|confirmation|invitation|invite|reminder|"
    r"updated|rescheduled|request)\s*:\s*",
    re.IGNORECASE,
)
# Google's invitation e-mail subject, kept as a title by some imports:
# "… @ Tue Dec 8, 2026 2pm - 2:45pm (EST) (alex@example.com)".
_INVITATION_TAIL = re.compile(r"\s@\s(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b.*$", re.IGNORECASE)
_VIA = re.compile(
    r"\(\s*(?:via|on|through)\s+[^()]*\)|\s(?:via|through)\s+(?:linkedin|calendly|greenhouse|"
    r"lever|goodtime|ashby|workday|indeed|zoom|teams|google meet)\b(?:\s+(?:scheduler|scheduling|"
    r"booking|meeting))?",
    re.IGNORECASE,
)
_MEDIUM = re.compile(
    r"\(\s*(?:zoom|ms teams|microsoft teams|teams|google meet|meet|webex|video|video call|"
    r"phone|virtual|remote|in person|in-person)\s*\)",
    re.IGNORECASE,
)
# Scheduler and system words that are never a company or a role on their own.
SCHEDULER_WORDS = frozenset(
    {
        "scheduled", "confirmed", "confirmation", "invitation", "invite", "updated",
        "rescheduled", "reminder", "via linkedin", "linkedin", "calendly", "greenhouse", "lever",
        "goodtime", "ashby", "workday", "zoom", "teams", "microsoft teams", "google meet", "meet",
        "webex", "new event", "event", "meeting", "zoom meeting",
    }
)  # fmt: skip

_SEPARATORS = re.compile(r"\s+[—–|·•/-]\s+|\s*[—–|]\s*|:\s+")
_PEOPLE_JOIN = re.compile(r"\s(?:<>|<->|and|x|&|/)\s", re.IGNORECASE)
_PARENS = re.compile(r"\(([^()]*)\)\s*$")
# Parenthesised asides that are about the meeting, not the job: "(30 min)", "(Zoom)", "(PST)".
_NOT_A_ROLE = re.compile(
    r"^\s*\d|\b(?:min|mins|minutes|hr|hrs|hour|hours|remote|virtual|video|zoom|phone|teams|meet|"
    r"onsite|on-site|in person|in-person|rescheduled|updated|tentative|[a-z]{1,2}t|utc|gmt)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = re.compile(r"\s(with|w/|at|@|for|from)\s", re.IGNORECASE)
# "Jane Doe", "Maria de la Cruz": a name of two or more words, as a title writes a person
FULL_NAME = re.compile(r"^[A-Z][a-z'’-]+(?:\s+(?:[a-z]{1,3}\s+)*[A-Z][a-z'’-]+)+$")
# "Acme, Data Scientist", "Acme/Data Scientist": a company and a role in one segment
_COMPANY_ROLE = re.compile(r"^(?P<company>[^,/]+?)\s*[,/]\s*(?P<role>[^,/]+)$")
_SPACES = re.compile(r"\s+")
_TRIM = " \t\"'“”‘’.,;:!-—–"


@lru_cache(maxsize=256)
def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    parts = [re.escape(p) for p in re.split(r"[\s-]+", phrase.strip()) if p]
    if not parts:
        return None
    # "on-site", "onsite" and "on site" are the same word to the people who type titles.
    return re.compile(r"\b" + r"[\s-]*".join(parts) + r"\b", re.IGNORECASE)


def mentions(text: str, phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        pattern = phrase_pattern(phrase)
        if pattern is not None and pattern.search(text):
            return True
    return False


def looks_like_role(text: str) -> bool:
    """True when a job-title word (engineer, analyst, nurse …) is in the text."""
    return role_score(text) > 0


def clean(text: str | None) -> str | None:
    if text is None:
        return None
    return _SPACES.sub(" ", text).strip(_TRIM) or None


def _without(text: str, phrases: Sequence[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        pattern = phrase_pattern(phrase)
        if pattern is not None:
            text = pattern.sub(" ", text)
    return text


@dataclass(frozen=True)
class Reading:
    """What a shape's extractor knows besides the title: the people and the interview words."""

    people: frozenset[str]  # lower-cased full names of attendees and the user
    words: Sequence[str]

    def is_person(self, text: str) -> bool:
        lowered = _SPACES.sub(" ", text).strip(_TRIM).lower()
        return bool(lowered) and (
            lowered in self.people or any(lowered == p.split()[0] for p in self.people if p)
        )

    def is_kind(self, text: str) -> bool:
        return mentions(text, INTERVIEW_HINTS) or mentions(text, self.words)

    def kind_leftover(self, text: str) -> str | None:
        """ "Hooli interview" → "Hooli"; None when only meeting words are left."""
        left = clean(kind_modifiers_removed(_without(text, (*self.words, *INTERVIEW_HINTS))))
        return None if left is None or is_product(left) else left  # "HireVue Video Interview"


def strip_scheduler_words(title: str) -> str:
    """The title without what mail apps and scheduling systems add around it.

    >>> strip_scheduler_words("Interview Scheduled: Analyst - Woodgrove Bank")
    'Interview: Analyst - Woodgrove Bank'
    >>> strip_scheduler_words("Interview with Litware (via LinkedIn)")
    'Interview with Litware'
    """
    text = _STATUS_TAIL.sub("", without_tags(_INVITATION_TAIL.sub("", title)))
    text = _SCHEDULER_STATUS.sub(r"\1: ", _INVITE_PREFIX.sub("", text))
    return _SPACES.sub(" ", _MEDIUM.sub(" ", _VIA.sub(" ", text))).strip()


# ---- the shapes ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """One way titles are written: `pattern` spots it, `extract` reads it (None: not after all)."""

    name: str
    pattern: re.Pattern[str]
    extract: Callable[[re.Match[str], Reading], Found | None]


def _lever(match: re.Match[str], reading: Reading) -> Found | None:
    """ "Fabrikam Interview: Alex Rivera for Product Designer": the candidate sits in the middle."""
    company = clean(match.string[: match.start()])
    candidate, sep, role = match.string[match.end() :].rpartition(" for ")
    if not (company and sep) or reading.is_kind(company):
        return None
    if not (reading.is_person(candidate) or FULL_NAME.match(candidate.strip())):
        return None
    return company, clean(role)


def _workday(match: re.Match[str], reading: Reading) -> Found | None:
    """ "Interview: Senior Financial Analyst - Woodgrove Bank": the role first, then the company."""
    role, sep, company = match.string[match.end() :].rpartition(" - ")
    if not sep or not looks_like_role(role) or looks_like_role(company):
        return None
    return clean(company), clean(role)


def _between(match: re.Match[str], reading: Reading) -> Found | None:
    """Calendly's "Recruiter Screen between Chris Park and Alex Rivera": the names go."""
    names = match.string[match.end() :]
    if not _PEOPLE_JOIN.search(names):
        return None
    return free_form(match.string[: match.start()], reading)


def _colon_kind_role(match: re.Match[str], reading: Reading) -> Found | None:
    """ "Harrow & Vale: Onsite (Analyst)": the company before the colon, the role in brackets."""
    company, kind, role = (clean(match[g]) for g in ("company", "kind", "role"))
    if not (company and kind and role) or not reading.is_kind(kind) or reading.is_kind(company):
        return None
    if reading.is_person(company) or _NOT_A_ROLE.search(role) or reading.is_person(role):
        return None
    if is_product(company):
        return None
    return company, role


SHAPES: tuple[Shape, ...] = (
    Shape("lever", re.compile(r"\sinterview:\s", re.IGNORECASE), _lever),
    Shape("workday", re.compile(r"^interview:\s", re.IGNORECASE), _workday),
    Shape("calendly-between", re.compile(r"\sbetween\s", re.IGNORECASE), _between),
    Shape(
        "company-colon-kind-role",
        re.compile(r"^(?P<company>[^:()]+):(?P<kind>[^:()]+)\((?P<role>[^()]+)\)$"),
        _colon_kind_role,
    ),
)


# ---- free form ------------------------------------------------------------------------------


@dataclass
class _Draft:
    company: str | None = None
    role: str | None = None
    paren_company: str | None = None
    others: list[str] = field(default_factory=list)


def _read_parens(text: str, reading: Reading, draft: _Draft) -> str:
    """The trailing "(…)": a role, "company, role", or the company beside a person's name."""
    parens = _PARENS.search(text)
    if not parens:
        return text
    inside = parens.group(1)
    if "," in inside:
        first, second = (s.strip() for s in inside.split(",", 1))
        if role_score(first) > role_score(second):  # "(Backend Engineer, Payments)": one role
            draft.role = clean(inside)
        else:
            draft.company, draft.role = clean(first), clean(second)
    elif not reading.is_person(inside) and not _NOT_A_ROLE.search(inside):
        if looks_like_role(inside) or " " in inside.strip():
            draft.role = clean(inside)
        else:
            draft.paren_company = clean(inside)  # "Phone screen with Jane Doe (Acme)"
    return text[: parens.start()].strip()


def _split_prepositions(segment: str) -> tuple[str, dict[str, str]]:
    """ "Final round at Hooli for Backend Engineer" → ("Final round", {"at": …, "for": …})."""
    pieces = _PREPOSITIONS.split(" " + segment)
    head, found = pieces[0].strip(), dict[str, str]()
    for i in range(1, len(pieces) - 1, 2):
        key = {"@": "at", "w/": "with", "from": "at"}.get(pieces[i].lower(), pieces[i].lower())
        found.setdefault(key, pieces[i + 1].strip())
    return head, found


def _not_people(segment: str, reading: Reading) -> str | None:
    """The segment without its people: "Alex Rivera <> Proseware" → "Proseware"; None when
    it names only people ("Jane Doe <> Alex", "Alex Rivera and Jane Doe") or is one."""
    if reading.is_person(segment):
        return None
    if not _PEOPLE_JOIN.search(segment):
        return segment
    parts = [p.strip() for p in _PEOPLE_JOIN.split(segment)]
    # "&" joins the words of a company's name ("Harrow & Vale") unless a side is a person
    if " & " in segment and not any(reading.is_person(p) for p in parts):
        return segment
    rest = [p for p in parts if p and not reading.is_person(p)]
    if len(rest) == 1 and len(rest) < len(parts) and not FULL_NAME.match(rest[0]):
        return rest[0]
    return None


def _read_prepositions(
    segment: str, head: str, preps: dict[str, str], reading: Reading, draft: _Draft
) -> None:
    for key in ("with", "at"):
        value = clean(preps.get(key))
        person, comma, rest = (value or "").partition(", ")
        if key == "with" and comma and (reading.is_person(person) or FULL_NAME.match(person)):
            value = clean(rest)  # "with Priya Nair, Quantifold"
        if draft.paren_company and key == "with" and value and FULL_NAME.match(value):
            continue  # a person's name, with their company in parentheses
        if value and not reading.is_person(value) and not value[0].isdigit():
            draft.company = draft.company or value
    value = clean(preps.get("for"))
    if value:
        if draft.role is None and (looks_like_role(value) or draft.company is not None):
            draft.role = value
        elif draft.company is None:
            draft.company = value
    if reading.is_kind(segment):
        # "Senior Engineer interview at Initech", "Contoso Interview for Staff Engineer"
        leftover = reading.kind_leftover(head)
        if leftover and leftover[0].isupper() and not reading.is_person(leftover):
            if looks_like_role(leftover):
                draft.role = draft.role or leftover
            else:
                draft.company = draft.company or leftover
    elif draft.role is None and "at" in preps:
        draft.role = clean(head)  # "Senior Designer at Umbrella Corp"
    elif draft.company is None and head:
        draft.company = clean(head)  # "Acme for Backend Engineer"


def _read_plain(segment: str, reading: Reading, draft: _Draft) -> None:
    """A segment with no "with/at/for": a name beside the meeting words, or a bare name."""
    if reading.is_kind(segment):
        leftover = reading.kind_leftover(segment)
        if (
            leftover
            and leftover[0].isupper()  # a name, not "day" of "Onsite interview day"
            and not _NOT_A_ROLE.search(leftover)  # nor "30 Minute"
            and not reading.is_person(leftover)
        ):
            draft.others.append(leftover)  # "Hooli interview", "Senior Engineer interview"
        return
    split = _COMPANY_ROLE.match(segment)
    if split and looks_like_role(split["role"]) and not looks_like_role(split["company"]):
        draft.others.extend((split["company"], split["role"]))
    else:
        draft.others.append(segment)


def _settle(draft: _Draft) -> Found:
    """Bare names fill what the prepositions and brackets left open: each goes where it
    explains the title best (a role is built on a job-title word, a company is a name)."""
    company, role = draft.company, draft.role
    if company is None and draft.paren_company:
        company = draft.paren_company
    elif draft.paren_company and role is None:
        role = draft.paren_company
    others = [o for o in (clean(o) for o in draft.others) if o]
    if company is None and role is None:
        return assign(others)
    if company is None and others:
        company = max(others, key=lambda o: (company_score(o), -others.index(o)))
    elif role is None and others:
        role = max(others, key=lambda o: (role_score(o), -others.index(o)))
    return company, role


def free_form(text: str, reading: Reading) -> Found:
    """Segments split at dashes, bars and colons, each read for names beside meeting words,
    "with/at/for" phrases and bare names."""
    draft = _Draft()
    rest = _read_parens(text, reading, draft)
    for raw in _SEPARATORS.split(rest):
        segment = _not_people(raw.strip(), reading)
        if not segment or is_product(segment) or is_aside(segment):
            continue
        head, preps = _split_prepositions(segment)
        if preps:
            _read_prepositions(segment, head, preps, reading, draft)
        else:
            _read_plain(segment, reading, draft)
    return _settle(draft)


def _acceptable(value: str | None, reading: Reading) -> str | None:
    """None for what can never be a company or a role: a person, a scheduler's word."""
    value = clean(value)
    if value is None or value.lower() in SCHEDULER_WORDS or reading.is_person(value):
        return None
    if is_product(value):
        return None
    if any(person in value.lower() for person in reading.people if " " in person):
        return None  # "Alex Rivera's Zoom Meeting"
    return value


def _fit(found: Found) -> int:
    """How well a reading explains a title: a company that is a name, a role built on a
    job-title word."""
    company, role = found
    return (company_score(company) if company else 0) + (role_score(role) if role else 0)


def read_title(title: str, reading: Reading) -> Found:
    """Company and role from a title: the first shape that claims it, unless reading it part by
    part explains it better."""
    text = strip_scheduler_words(title[:500])  # longer is not a title, and would cost time
    found: Found | None = None
    for shape in SHAPES:
        match = shape.pattern.search(text)
        if match and (found := shape.extract(match, reading)) is not None:
            break
    read = free_form(brackets_as_parts(text), reading)
    # A shape is evidence, not the verdict: the reading that explains the title better wins.
    company, role = read if found is None or _fit(read) > _fit(found) else found
    role = without_job_word(role) if role else role
    return _acceptable(company, reading), _acceptable(role, reading)
