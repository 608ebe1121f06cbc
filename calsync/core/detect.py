"""Source events → the job interviews among them, with company, role, interviewers and notes.

Whole-word matching is deliberate: "Interviewer training" is not an interview ("interview" is
only part of the word "Interviewer"), while "Solar panel install" does match "panel" — put
"solar" in the exclude words if that bites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial

from calsync.core.attendance import declined_by_user
from calsync.core.notes import notes_text, phone_numbers
from calsync.core.other_meetings import names_a_round, not_the_users_interview
from calsync.core.ownership import is_calsync
from calsync.core.people import (
    NamedInNotes,
    display_name,
    named_in_notes,
    spelled_in,
    with_names_from_notes,
)
from calsync.core.titles import Reading, phrase_pattern, read_title
from calsync.model import Attendee, Interview, Person, SourceEvent
from calsync.settings import DEFAULT_INTERVIEW_WORDS, Settings

# A title longer than this is read only this far: no company or role hides past it, and a
# stranger's megabyte title then costs no more than a real one.
MAX_TITLE_READ = 300

UNKNOWN_COMPANY = "the company"
UNKNOWN_ROLE = "the position"

# calsync's own titles: recognised even when a calendar app dropped its X- markers and UID.
_OWN_TITLE = re.compile(
    r"^\s*(?:send (?:another )?thank-you note|follow-up call(?: #\d+)?)\s+—", re.IGNORECASE
)

# Outlook keeps a cancelled meeting in the attendee's calendar, marked only by "Canceled:" in its
# title, until they remove it.
_CANCELLED_PREFIX = re.compile(r"^\s*(?:canceled|cancelled)\s*:", re.IGNORECASE)

FREE_MAIL = frozenset(
    {
        "gmail", "googlemail", "outlook", "hotmail", "live", "msn", "yahoo", "ymail", "icloud",
        "me", "mac", "aol", "proton", "protonmail", "pm", "gmx", "fastmail", "zoho", "yandex",
        "mail", "hey", "tutanota", "web", "example",
    }
)  # fmt: skip
# Hiring and scheduling systems send invites for the employer; their domain is not the company.
SCHEDULERS = frozenset(
    {
        "calendly", "greenhouse", "lever", "goodtime", "ashbyhq", "ashby", "workday",
        "myworkday", "smartrecruiters", "icims", "gem", "modernloop", "prelude", "paradox",
        "hirevue", "jobvite", "workable", "bamboohr", "teamtailor", "recruitee",
    }
)  # fmt: skip
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc"})
_ROBOT = re.compile(
    r"^(?:no-?reply|do-?not-?reply|notifications?|calendar-notification|mailer-daemon|"
    r"scheduling|scheduler|invites?|calendars?|rooms?)\b|noreply|conf(?:erence)?[-_.]?room",
    re.IGNORECASE,
)
# Meeting rooms booked as attendees under a company's own domain (Outlook, Exchange), and team
# accounts ("Tailspin Toys Recruiting"): nobody to greet by name in a thank-you note.
_ROOM_NAME = re.compile(
    r"\b(?:room|boardroom|conference|meeting space|recruiting|recruitment|talent acquisition|"
    r"careers|hiring team|interview calendar)\b",
    re.IGNORECASE,
)
_TEAM_ADDRESS = re.compile(
    r"^(?:recruiting|recruitment|recruiters?|talent|careers|jobs|hiring|hr|interviews?)$",
    re.IGNORECASE,
)


def is_interview_title(title: str, words: Sequence[str], excludes: Sequence[str]) -> bool:
    """True when the title holds an interview word or phrase and no exclude word.

    >>> words, excludes = ("interview", "on-site"), ("mock",)
    >>> is_interview_title("Onsite at Acme", words, excludes)
    True
    >>> is_interview_title("Mock interview", words, excludes)
    False
    >>> is_interview_title("Interviewer training", words, excludes)
    False
    """
    if _mentions_any(title, tuple(excludes)):
        return False
    if not (_mentions_any(title, tuple(words)) or names_a_round(title)):
        return False
    company, role = company_and_role(title, words=words)
    read = partial(company_and_role, words=words)
    return not_the_users_interview(title, words, role=role, read=read, company=company) is None


@lru_cache(maxsize=64)
def _any_phrase(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """One pattern matching wherever any phrase's own pattern matches: `mentions` in a single
    pass over the title instead of one pass per phrase (every event's title is tested)."""
    patterns = [p.pattern for p in map(phrase_pattern, phrases) if p is not None]
    if not patterns:
        return None
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def _mentions_any(text: str, phrases: tuple[str, ...]) -> bool:
    """`titles.mentions`, judged by the one combined pattern."""
    pattern = _any_phrase(phrases)
    return pattern is not None and pattern.search(text) is not None


def is_own_title(title: str) -> bool:
    """True for the titles calsync gives its own events."""
    return bool(_OWN_TITLE.match(title))


def is_cancelled_title(title: str) -> bool:
    """True for a meeting Outlook marks cancelled only in its title ("Canceled: …")."""
    return bool(_CANCELLED_PREFIX.match(title))


def _is_self(attendee: Attendee, own_emails: frozenset[str]) -> bool:
    return attendee.is_self or attendee.email.strip().lower() in own_emails


def _declined_by_user(event: SourceEvent, own_emails: frozenset[str]) -> bool:
    return declined_by_user(event, own_emails)


def _domain_label(email: str) -> str | None:
    """The registrable name of an address's domain: "careers.acme.co.uk" → "acme"."""
    if "@" not in email:
        return None
    labels = [p for p in email.rsplit("@", 1)[1].strip().lower().split(".") if p]
    if len(labels) < 2:
        return None
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2:
        return labels[-3]
    return labels[-2]


def company_from_email(email: str) -> str | None:
    """The company an address belongs to, or None for free-mail and scheduling systems."""
    if _is_machine(email):
        return None
    label = _domain_label(email)
    if label is None or label in FREE_MAIL or label in SCHEDULERS:
        return None
    return " ".join(w.capitalize() for w in re.split(r"[-_]+", label) if w)


def _is_machine(email: str) -> bool:
    lowered = email.strip().lower()
    # Rooms (…@resource.calendar.google.com) and shared calendars (…@group.calendar.google.com).
    return "@resource." in lowered or lowered.endswith("calendar.google.com")


def company_and_role(
    title: str,
    organizer_email: str = "",
    *,
    people: Sequence[str] = (),
    words: Sequence[str] = DEFAULT_INTERVIEW_WORDS,
) -> tuple[str | None, str | None]:
    """Company and role from an interview's title, else the company from the organiser's domain.

    `people` are names known to be attendees and the user, so "Interview with Jane Doe" is not
    read as a company called Jane Doe; `words` are the interview words, which mark the part of a
    title that says what kind of meeting it is.

    >>> company_and_role("Interview with Acme — Senior Engineer")
    ('Acme', 'Senior Engineer')
    >>> company_and_role("Phone screen", "jane@careers.globex.com")
    ('Globex', None)
    """
    title = title[:MAX_TITLE_READ]
    known = frozenset(" ".join(p.split()).lower() for p in people if p.strip())
    company, role = read_title(title, Reading(people=known, words=words))
    if company is None and organizer_email:
        company = company_from_email(organizer_email)
    return company, role


def _prettify_local_part(email: str) -> str:
    local = email.split("@", 1)[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._-]+", local) if w]
    return " ".join(w.capitalize() for w in words) or email


def _person(attendee: Attendee) -> Person:
    name = display_name(attendee.name)
    if not name or "@" in name:
        name = _prettify_local_part(attendee.email or name)
    return Person(name=name, email=attendee.email.strip())


def _is_robot(attendee: Attendee) -> bool:
    email = attendee.email.strip().lower()
    if _ROOM_NAME.search(attendee.name):
        return True
    if not email:
        return False
    local = email.split("@", 1)[0]
    if _TEAM_ADDRESS.match(local) or _ROBOT.search(local):
        return True
    return _is_machine(email) or _domain_label(email) in SCHEDULERS


def _attending(event: SourceEvent, own_emails: frozenset[str]) -> tuple[Person, ...]:
    """The attendees other than the user, rooms, robots and those who declined."""
    found: list[Person] = []
    seen: set[str] = set()
    for attendee in event.attendees:
        if _is_self(attendee, own_emails) or _is_robot(attendee):
            continue
        if not attendee.email.strip() and not attendee.name.strip():
            continue
        if attendee.response.lower() == "declined":
            continue  # they were not there to be thanked
        key = (attendee.email or attendee.name).strip().lower()
        if key in seen:
            continue
        seen.add(key)
        found.append(_person(attendee))
    return tuple(found)


def interviewers(event: SourceEvent, own_emails: frozenset[str]) -> tuple[Person, ...]:
    """The people the user met: attendees other than the user, rooms and robots; else the
    organiser (when it is not the user)."""
    found = _attending(event, own_emails)
    organizer = event.organizer
    if (
        not found
        and organizer is not None
        and (organizer.email.strip() or organizer.name.strip())
        and not _is_self(organizer, own_emails)
        and not _is_robot(organizer)
    ):
        return (_person(organizer),)
    return found


def _company_email(event: SourceEvent, people: Sequence[Person], own: frozenset[str]) -> str:
    """The address whose domain best names the employer: the organiser, else an interviewer."""
    organizer = event.organizer
    if (
        organizer is not None
        and not _is_self(organizer, own)
        and company_from_email(organizer.email) is not None
    ):
        return organizer.email
    for person in people:
        if company_from_email(person.email) is not None:
            return person.email
    return ""


def _company_from_domain(email: str, text: str) -> str | None:
    """The organiser's domain as a company, spelled as the notes or title spell it when they
    do ("wingtiptoys.com" → "Wingtip Toys"); else its label, capitalised."""
    company = company_from_email(email)
    label = _domain_label(email) if company else None
    return (spelled_in(text, label) if label else None) or company


@dataclass(frozen=True)
class _Read:
    """What one event says: its people, what its notes name, and its title's company and role."""

    people: tuple[Person, ...]
    named: NamedInNotes
    company: str | None
    role: str | None
    names: tuple[str, ...]


def _read(event: SourceEvent, settings: Settings) -> _Read:
    own = settings.own_emails
    named = named_in_notes(notes_text(event.description))
    attended = bool(_attending(event, own))
    people = with_names_from_notes(interviewers(event, own), named.interviewers, attended=attended)
    names = [p.name for p in (*people, *named.interviewers)] + [
        a.name for a in event.attendees if a.name and _is_self(a, own)
    ]
    if settings.name:
        names.append(settings.name)
    # "alex.rivera@…" names the user when nothing else does: their name is never the company
    names += [_prettify_local_part(email) for email in own]
    company, role = company_and_role(event.title, people=names, words=settings.interview_words)
    return _Read(people, named, company, role, tuple(names))


def passed_over(event: SourceEvent, settings: Settings) -> str | None:
    """Why an event whose title holds an interview's words is still not the user's interview
    (a training, the hiring side, a round naming no employer), or None."""
    return _not_theirs(event.title, _read(event, settings), settings.interview_words)


def _not_theirs(title: str, read: _Read, words: Sequence[str]) -> str | None:
    def names(text: str) -> tuple[str | None, str | None]:
        return company_and_role(text, people=read.names, words=words)

    return not_the_users_interview(
        title, words, role=read.role, read=names, company=read.company
    )


def detect_interviews(events: Iterable[SourceEvent], settings: Settings) -> list[Interview]:
    """The interviews among the events, sorted by start."""
    own = settings.own_emails
    found: list[Interview] = []
    words, excludes = tuple(settings.interview_words), tuple(settings.exclude_words)
    for event in events:
        # The title test first: it is the one that turns away nearly every event.
        if (
            not (_mentions_any(event.title, words) or names_a_round(event.title))
            or event.status.lower() == "cancelled"
            or is_calsync(uid=event.uid, kind=event.calsync_kind)
            or is_own_title(event.title)
            or _CANCELLED_PREFIX.match(event.title)
            or _mentions_any(event.title, excludes)
            or _declined_by_user(event, own)
        ):
            continue
        read = _read(event, settings)
        if _not_theirs(event.title, read, words):
            continue
        notes = notes_text(event.description)
        people = read.people
        company = (
            read.company
            or read.named.company
            or _company_from_domain(_company_email(event, people, own), f"{event.title}\n{notes}")
        )
        found.append(
            Interview(
                source_id=event.id,
                title=event.title,
                company=company or UNKNOWN_COMPANY,
                role=read.role or read.named.role or UNKNOWN_ROLE,
                interviewers=people,
                notes=notes,
                start=event.start,
                end=event.end,
                tz=event.tz,
                all_day=event.all_day,
                phones=phone_numbers(notes),
                organiser_email=event.organizer.email if event.organizer else "",
            )
        )
    found.sort(key=lambda i: (i.start, i.source_id))
    return found
