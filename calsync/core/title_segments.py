"""The parts of an interview's title, each classified: what kind of meeting, a job title, a
company, a scheduler's product name, a job id, a gender tag.

A title is a handful of segments ("Final interview - Duff Brewing - Brand Manager"); which one
is the company and which the role is decided by what each segment *is*, not by where it stands:
a role ends in a job-title word (its head noun: engineer, analyst, manager, nurse …) with its
modifiers before it; a company is a name that does not. Job ids ("R-55120", "Req #5521") and
gender tags ("(m/w/d)", "(all genders)") say nothing a user needs and are removed everywhere.
Every pattern here is anchored or a plain alternation of words, so reading is linear in the
title's length.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import permutations

# Job-title head nouns: the word a role ends in ("Senior Backend Engineer", "Registered Nurse").
_ROLE_HEAD_LIST = """
    engineer developer designer analyst scientist manager director lead intern architect
    consultant specialist coordinator associate administrator accountant officer representative
    rep writer editor researcher programmer technician assistant head vp president recruiter
    strategist sre devops marketer owner partner principal sommelier nurse teacher counsel
    attorney controller paralegal pharmacist therapist physician cashier chef barista
    electrician mechanic planner buyer auditor bookkeeper advisor adviser executive producer
    photographer illustrator copywriter journalist reporter librarian tutor instructor lecturer
    professor trainee apprentice supervisor operator agent underwriter actuary economist
    statistician chemist biologist veterinarian hygienist surgeon paramedic caregiver
    receptionist secretary dispatcher estimator surveyor pilot stewardess attendant lawyer
    solicitor cto cfo ceo coo cmo pm tpm qa tester swe generalist expert translator interpreter
    curator counselor counsellor worker handler inspector investigator staff creative artist
    animator practitioner
    """
ROLE_HEADS: frozenset[str] = frozenset(_ROLE_HEAD_LIST.split())


# Words that say which round or what manner of meeting, beside the kind words: "Final
# interview", "Recruiter Phone Screen", "Second round", "30 Minute Interview".
KIND_MODIFIERS: frozenset[str] = frozenset(
    {
        "first", "second", "third", "fourth", "fifth", "final", "initial", "next", "last",
        "1st", "2nd", "3rd", "4th", "5th", "recruiter", "recruiting", "technical", "tech",
        "behavioral", "behavioural", "virtual", "video", "phone", "quick", "short", "follow-up",
        "followup", "stage", "step", "part", "min", "mins", "minute", "minutes", "hr", "hour",
        "hours", "formal", "informal", "in-person", "remote", "online", "hm", "round", "coding",
        "system", "design", "leadership", "values", "peer", "live", "whiteboard",
        "confirmation", "confirmed", "invitation", "invite", "scheduled", "reminder", "updated",
        "rescheduled", "request", "day", "your", "my",
    }
)  # fmt: skip

_JOB_ID = re.compile(
    r"\(\s*(?i:req(?:uisition)?|job(?:\s*id)?|ref|id)?\s*[#:]?\s*[A-Z]{0,4}-?\d{3,}[\w-]*\s*\)"
    r"|\b(?i:req(?:uisition)?|job\s*id|ref)\b\.?\s*[#:]?\s*[A-Z]{0,4}-?\d[\w-]*"
    r"|#\s?\d[\w-]*"
    r"|\b[A-Z]{1,4}-?\d{3,}[\w-]*\b",
)
_GENDER_TAG = re.compile(
    r"\(\s*(?:all\s+genders?|gn|[mwfdxh](?:\s*[/|,]\s*(?:div|divers|[mwfdxh]))+)\s*\)"
    r"|(?<![\w/])[mwfdxh](?:/[mwfdxh]){2}(?![\w/])",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[A-Za-z0-9][\w'’&.-]*")
_NUMBER = re.compile(r"^#?\d+$")

# Scheduling and meeting products, whose names a title carries beside the interview's own words.
PRODUCTS: frozenset[str] = frozenset(
    {
        "linkedin", "calendly", "greenhouse", "lever", "goodtime", "ashby", "workday", "zoom",
        "teams", "webex", "gem", "modernloop", "prelude", "paradox", "hirevue", "jobvite",
        "workable", "bamboohr", "teamtailor", "recruitee", "smartrecruiters", "icims",
        "google", "microsoft", "outlook", "indeed",
    }
)  # fmt: skip
_PRODUCT_TAILS = frozenset({"scheduler", "scheduling", "booking", "bookings", "meet", "meeting"})


# "[Contoso] Technical Screen", "Coding interview (Wingtip Toys) - Engineer": a bracketed part
# before a separator or at the start is a part of its own.
_BRACKETED = re.compile(r"^\s*\[([^\[\]]*)\]|\s*\(([^()]*)\)\s*(?=[—–|·]|\s-\s)")
# Parts that say how or how long the meeting is, never who: "(Remote)", "(45 min)".
_ASIDE = re.compile(
    r"^(?:\d+\s*(?:-\s*)?(?:min|mins|minutes|hr|hrs|hours?)|remote|virtual|video|phone|zoom|"
    r"teams|google meet|in[- ]person|on-?site|hybrid|tbd|tbc)$",
    re.IGNORECASE,
)
# What a title puts after a role to say it is one: "Registered Nurse position".
_JOB_WORD = re.compile(r"\s+(?:position|role|opening|job|vacancy|opportunity)$", re.IGNORECASE)
# A level after the job-title word: "Software Engineer II", "Analyst 2", "Engineer (L5)".
_LEVEL = frozenset({"i", "ii", "iii", "iv", "v", "1", "2", "3", "4", "5", "l1", "l2", "l3", "l4",
                    "l5", "l6", "l7", "jr", "sr"})  # fmt: skip


def brackets_as_parts(text: str) -> str:
    """ "[Contoso] Technical Screen" → "Contoso - Technical Screen"."""
    return _BRACKETED.sub(lambda m: f" - {m[1] or m[2]} - ", text).strip(" -")


def is_aside(segment: str) -> bool:
    """True for a part that says how or how long, not who: "Remote", "45 min"."""
    return bool(_ASIDE.match(segment.strip()))


def without_job_word(role: str) -> str:
    """ "Registered Nurse position" → "Registered Nurse"."""
    return _JOB_WORD.sub("", role)


def without_tags(text: str) -> str:
    """The text without job ids and gender tags.

    >>> without_tags("R-55120 Credit Analyst (m/w/d)")
    'Credit Analyst'
    >>> without_tags("Data Analyst (all genders) - Req #5521")
    'Data Analyst -'
    """
    text = _GENDER_TAG.sub(" ", _JOB_ID.sub(" ", text))
    return _SPACES.sub(" ", text).strip()


def is_product(segment: str) -> bool:
    """True for a scheduler's or meeting product's name: "LinkedIn Scheduler", "Calendly"."""
    words = segment.lower().split()
    if not words or len(words) > 3:
        return False
    return words[0] in PRODUCTS and all(w in PRODUCTS or w in _PRODUCT_TAILS for w in words)


def head_noun(text: str) -> str | None:
    """The job-title word a role is built on: the last word, or the word before "of" ("Head
    of Growth", "Director of Product"); None when the text is not shaped like a role."""
    words: list[str] = [str(w).lower().strip(".,") for w in _WORD.findall(text)]
    while len(words) > 1 and words[-1] in _LEVEL:
        words.pop()
    if not words:
        return None
    if "of" in words[1:]:
        before = words[words.index("of", 1) - 1]
        if before in ROLE_HEADS:
            return before
    return words[-1] if words[-1] in ROLE_HEADS else None


def role_score(text: str) -> int:
    """2: built on a job-title word; 1: holds one somewhere ("Engineering Manager, Payments");
    0: not a role."""
    if head_noun(text):
        return 2
    words = {w.lower().strip(".,") for w in _WORD.findall(text)}
    return 1 if words & ROLE_HEADS else 0


def company_score(text: str) -> int:
    """2: a name, capitalised, with no job-title word in it; 1: a name that holds one; 0:
    nothing a company is called (lower case prose, a number)."""
    words = _WORD.findall(text)
    if not words or not words[0][:1].isupper():
        return 0
    return 1 if role_score(text) else 2


def kind_modifiers_removed(text: str) -> str:
    """A kind segment's leftover without the words that qualify the meeting: "Final" of "Final
    interview", "Recruiter" of "Recruiter Phone Screen", "30 Minute" of "30 Minute Interview"."""
    words = [w for w in text.split() if w.strip(".,()").lower() not in KIND_MODIFIERS]
    return " ".join(w for w in words if not _NUMBER.match(w.strip(".,()")))


def assign(values: Sequence[str]) -> tuple[str | None, str | None]:
    """Company and role among bare segments: the assignment that explains the most of them best
    (a role built on a job-title word, a company that is a name); ties keep the title's order,
    company first."""
    pool = list(values)[:6]  # a title has a handful of parts; more is not a title
    best: tuple[int, int, str | None, str | None] = (-1, 0, None, None)
    options: list[str | None] = [*pool, None]
    for order, (company, role) in enumerate(permutations(options, 2)):
        if company is None and role is None:
            continue
        score = (company_score(company) if company else 0) + (role_score(role) if role else 0)
        if company is not None and role is not None and company_score(company) == 0:
            score -= 1
        if role is not None and role_score(role) == 0 and company is None:
            score -= 1  # a lone bare name is a company before it is a role
        if (score, -order) > (best[0], best[1]):
            best = (score, -order, company, role)
    return best[2], best[3]
