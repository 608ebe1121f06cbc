"""Interviews → applications: the rounds of one hiring process for one position.

Two interviews are rounds of one application when
- the company is the same — compared without case, punctuation and company suffixes ("Hooli,
  Inc." is "hooli") — or the organiser's e-mail domain is the same and belongs to an employer
  (not a free-mail or scheduling-system domain, which many employers share);
- the role is the same without case and seniority words ("Sr. Backend Engineer" is "backend
  engineer"), or either role is unknown;
- and the round starts within `MAX_GAP` of the round before it.

Everything here is a table or a plain function of an interview: no clock, no settings.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from calsync.core.detect import UNKNOWN_COMPANY, UNKNOWN_ROLE
from calsync.model import Interview

MAX_GAP = timedelta(days=60)

# Legal forms that end a company's name; "Acme Corp" and "ACME Corporation" are one employer.
COMPANY_SUFFIXES = frozenset(
    {
        "inc", "incorporated", "llc", "llp", "lp", "ltd", "limited", "gmbh", "ag", "kg", "se",
        "corp", "corporation", "co", "company", "plc", "sa", "sas", "sarl", "srl", "spa", "bv",
        "nv", "ab", "as", "asa", "oy", "pty", "pte", "kk", "sl", "group",
    }
)  # fmt: skip
# Words that rank a position without changing it: a "Senior Engineer" round and an "Engineer"
# round of one company are one process.
SENIORITY_WORDS = frozenset(
    {
        "senior", "sr", "staff", "lead", "principal", "junior", "jr", "mid", "level", "entry",
        "associate", "i", "ii", "iii", "iv",
    }
)  # fmt: skip
# Domains that many unrelated people and employers send from: sharing one says nothing.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "msn.com",
        "yahoo.com", "ymail.com", "icloud.com", "me.com", "mac.com", "aol.com", "proton.me",
        "protonmail.com", "pm.me", "gmx.com", "gmx.de", "gmx.net", "web.de", "fastmail.com",
        "zoho.com", "yandex.com", "yandex.ru", "mail.com", "hey.com", "tutanota.com", "qq.com",
        "163.com", "example.com", "example.org",
    }
)  # fmt: skip
SCHEDULER_DOMAINS = frozenset(
    {
        "calendly.com", "greenhouse.io", "lever.co", "goodtime.io", "ashbyhq.com",
        "myworkday.com", "workday.com", "smartrecruiters.com", "icims.com", "gem.com",
        "modernloop.io", "prelude.co", "paradox.ai", "hirevue.com", "jobvite.com",
        "workable.com", "bamboohr.com", "teamtailor.com", "recruitee.com", "linkedin.com",
        "zoom.us", "google.com", "microsoft.com", "teams.microsoft.com", "calendar.google.com",
    }
)  # fmt: skip
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"})


def _words(text: str) -> list[str]:
    """Lower-case words of letters and digits; every other character separates words."""
    cleaned = "".join(c if c.isalnum() else " " for c in text.casefold())
    return cleaned.split()


def company_key(company: str) -> str:
    """The company's name as compared: "Hooli, Inc." → "hooli"; "" when unknown.

    >>> company_key("Umbrella Corp.") == company_key("UMBRELLA corporation")
    True
    """
    if company.strip().casefold() == UNKNOWN_COMPANY:
        return ""
    words = _words(company.replace("&", " and "))
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def role_key(role: str) -> str:
    """The role as compared: "Sr. Backend Engineer" → "backend engineer"; "" when unknown."""
    if role.strip().casefold() == UNKNOWN_ROLE:
        return ""
    return " ".join(w for w in _words(role) if w not in SENIORITY_WORDS)


def employer_domain(email: str) -> str:
    """The organisation part of an organiser's address when it can only be an employer's:
    "gavin@eng.hooli.com" → "hooli.com"; "" for free mail and scheduling systems."""
    domain = email.strip().lower().rpartition("@")[2].strip(".")
    if not domain or "." not in domain:
        return ""
    labels = domain.split(".")
    keep = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    base = ".".join(labels[-keep:])
    if base in FREE_MAIL_DOMAINS or base in SCHEDULER_DOMAINS or domain in SCHEDULER_DOMAINS:
        return ""
    if domain.endswith("calendar.google.com") or ".resource." in f".{domain}":
        return ""
    return base


def same_employer(a: Interview, b: Interview) -> bool:
    company = company_key(a.company)
    if company and company == company_key(b.company):
        return True
    domain = employer_domain(a.organiser_email)
    return bool(domain) and domain == employer_domain(b.organiser_email)


def same_position(a: Interview, b: Interview) -> bool:
    """The same role, or one of the two did not say which."""
    first, second = role_key(a.role), role_key(b.role)
    return not first or not second or first == second


@dataclass(frozen=True)
class Application:
    """The rounds of one hiring process, earliest first."""

    rounds: tuple[Interview, ...]

    @property
    def latest(self) -> Interview:
        return self.rounds[-1]

    @property
    def key(self) -> str:
        """A stable name for the application: its first round's source id."""
        return self.rounds[0].source_id

    @property
    def role(self) -> str:
        """The position as the most recent round that named it says it."""
        for round_ in reversed(self.rounds):
            if role_key(round_.role):
                return round_.role
        return self.latest.role

    @property
    def company(self) -> str:
        for round_ in reversed(self.rounds):
            if company_key(round_.company):
                return round_.company
        return self.latest.company


@dataclass(frozen=True)
class _Keys:
    """What grouping compares of one interview, worked out once rather than per pair."""

    company: str
    domain: str
    role: str


def _keys(interview: Interview) -> _Keys:
    return _Keys(
        company_key(interview.company),
        employer_domain(interview.organiser_email),
        role_key(interview.role),
    )


class _Open:
    """An application being grouped, with the keys of all its rounds gathered in sets."""

    def __init__(self, order: int, interview: Interview, keys: _Keys) -> None:
        self.order = order  # applications are listed, and ties broken, in order of creation
        self.rounds: list[Interview] = []
        self.roles: set[str] = set()
        self.add(interview, keys)

    def add(self, interview: Interview, keys: _Keys) -> None:
        self.rounds.append(interview)
        self.roles.add(keys.role)

    def same_position(self, keys: _Keys) -> bool:
        """`same_position` with every round: each round that named a role must agree with this
        one; an unknown role joins, but it never bridges two different positions."""
        return not keys.role or self.roles <= {"", keys.role}


def group_applications(interviews: Iterable[Interview]) -> list[Application]:
    """The interviews as applications, in order of each application's first round.

    A round joins the application whose latest round matches it and started most recently;
    otherwise it starts a new one.
    """
    groups: list[_Open] = []
    # The applications with a round of each company key and each employer domain: a round can
    # join only those (`same_employer` with some round), so no other application is looked at.
    by_company: dict[str, list[_Open]] = {}
    by_domain: dict[str, list[_Open]] = {}
    for interview in sorted(interviews, key=lambda i: (i.start, i.source_id)):
        keys = _keys(interview)
        candidates = {
            g.order: g
            for g in (
                *(by_company.get(keys.company, ()) if keys.company else ()),
                *(by_domain.get(keys.domain, ()) if keys.domain else ()),
            )
        }
        fitting = [
            g
            for _, g in sorted(candidates.items())
            if interview.start - g.rounds[-1].start <= MAX_GAP and g.same_position(keys)
        ]
        if fitting:
            group = max(fitting, key=lambda g: g.rounds[-1].start)
            group.add(interview, keys)
        else:
            group = _Open(len(groups), interview, keys)
            groups.append(group)
        for index, key in ((by_company, keys.company), (by_domain, keys.domain)):
            if key:
                listed = index.setdefault(key, [])
                if not listed or listed[-1] is not group:
                    listed.append(group)
    return [Application(rounds=tuple(g.rounds)) for g in groups]
