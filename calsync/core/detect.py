"""Source events → the job interviews among them, with company, role, interviewers and notes.

Whole-word matching is deliberate: "Interviewer training" is not an interview ("interview" is
only part of the word "Interviewer"), while "Solar panel install" does match "panel" — put
"solar" in the exclude words if that bites.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from calsync.core.notes import notes_text, phone_numbers
from calsync.model import Attendee, Interview, Person, SourceEvent
from calsync.settings import DEFAULT_INTERVIEW_WORDS, Settings

UNKNOWN_COMPANY = "the company"
UNKNOWN_ROLE = "the position"

# calsync's own titles: recognised even when a calendar app dropped its X- markers and UID.
_OWN_TITLE = re.compile(
    r"^\s*(?:send (?:another )?thank-you note|follow-up call(?: #\d+)?)\s+—", re.IGNORECASE
)

# Prefixes mail and calendar apps put in front of a title. Outlook keeps a cancelled meeting in the
# attendee's calendar, marked only by "Canceled:" in its title, until they remove it.
_CANCELLED_PREFIX = re.compile(r"^\s*(?:canceled|cancelled)\s*:", re.IGNORECASE)
_INVITE_PREFIX = re.compile(
    r"^\s*(?:(?:re|fwd?|invitation|updated invitation|updated|accepted|tentative|reminder)"
    r"\s*:\s*)+",
    re.IGNORECASE,
)

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
    r"scheduling|invites?)\b|noreply",
    re.IGNORECASE,
)
# Words that make a title segment read as a job title rather than a company name.
_ROLE_NOUN = re.compile(
    r"\b(?:engineer|developer|designer|analyst|scientist|manager|director|lead|intern|architect|"
    r"consultant|specialist|coordinator|associate|administrator|accountant|officer|"
    r"representative|writer|editor|researcher|programmer|technician|assistant|head|vp|"
    r"president|recruiter|strategist|sre|devops|marketer|owner|partner|principal|staff)\b",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s+[—–|·•-]\s+|\s*[—–|]\s*|:\s+")
_PEOPLE = re.compile(r"<>|\s(?:and|x|&|/)\s|\s<->\s", re.IGNORECASE)
_PARENS = re.compile(r"\(([^()]*)\)\s*$")
# Parenthesised asides that are about the meeting, not the job: "(30 min)", "(Zoom)", "(PST)".
_NOT_A_ROLE = re.compile(
    r"^\s*\d|\b(?:min|mins|minutes|hr|hrs|hour|hours|remote|virtual|video|zoom|phone|teams|meet|"
    r"onsite|on-site|in person|in-person|rescheduled|updated|tentative|[a-z]{1,2}t|utc|gmt)\b",
    re.IGNORECASE,
)
_PREPOSITIONS = re.compile(r"\s(with|w/|at|@|for)\s", re.IGNORECASE)
# "Jane Doe", "Maria de la Cruz": a name of two or more words, as a title writes a person
_FULL_NAME = re.compile(r"^[A-Z][a-z'’-]+(?:\s+(?:[a-z]{1,3}\s+)*[A-Z][a-z'’-]+)+$")
# "Acme, Data Scientist", "Acme/Data Scientist": a company and a role in one segment
_COMPANY_ROLE = re.compile(r"^(?P<company>[^,/]+?)\s*[,/]\s*(?P<role>[^,/]+)$")


@lru_cache(maxsize=256)
def _phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    parts = [re.escape(p) for p in re.split(r"[\s-]+", phrase.strip()) if p]
    if not parts:
        return None
    # "on-site", "onsite" and "on site" are the same word to the people who type titles.
    return re.compile(r"\b" + r"[\s-]*".join(parts) + r"\b", re.IGNORECASE)


def _mentions(title: str, phrases: Sequence[str]) -> bool:
    for phrase in phrases:
        pattern = _phrase_pattern(phrase)
        if pattern is not None and pattern.search(title):
            return True
    return False


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
    return _mentions(title, words) and not _mentions(title, excludes)


def is_own_title(title: str) -> bool:
    """True for the titles calsync gives its own events."""
    return bool(_OWN_TITLE.match(title))


def _is_self(attendee: Attendee, own_emails: frozenset[str]) -> bool:
    return attendee.is_self or attendee.email.strip().lower() in own_emails


def _declined_by_user(event: SourceEvent, own_emails: frozenset[str]) -> bool:
    people = [*event.attendees, *([event.organizer] if event.organizer else [])]
    return any(_is_self(a, own_emails) and a.response.lower() == "declined" for a in people)


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


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text).strip(" \t\"'“”‘’.,;:!-—–")
    return text or None


def _looks_like_role(text: str) -> bool:
    return bool(_ROLE_NOUN.search(text))


def _split_prepositions(segment: str) -> tuple[str, dict[str, str]]:
    """ "Final round at Hooli for Backend Engineer" → ("Final round", {"at": …, "for": …})."""
    pieces = _PREPOSITIONS.split(" " + segment)
    head, found = pieces[0].strip(), dict[str, str]()
    for i in range(1, len(pieces) - 1, 2):
        key = {"@": "at", "w/": "with"}.get(pieces[i].lower(), pieces[i].lower())
        found.setdefault(key, pieces[i + 1].strip())
    return head, found


def _without(text: str, phrases: Sequence[str]) -> str:
    for phrase in sorted(phrases, key=len, reverse=True):
        pattern = _phrase_pattern(phrase)
        if pattern is not None:
            text = pattern.sub(" ", text)
    return text


def company_and_role(
    title: str,
    organizer_email: str = "",
    *,
    people: Sequence[str] = (),
    words: Sequence[str] = DEFAULT_INTERVIEW_WORDS,
) -> tuple[str | None, str | None]:
    """Company and role from an interview's title, else the company from the organiser's domain.

    `people` are names known to be attendees, so "Interview with Jane Doe" is not read as a
    company called Jane Doe; `words` are the interview words, which mark the part of a title
    that says what kind of meeting it is.

    >>> company_and_role("Interview with Acme — Senior Engineer")
    ('Acme', 'Senior Engineer')
    >>> company_and_role("Phone screen", "jane@careers.globex.com")
    ('Globex', None)
    """
    company: str | None = None
    role: str | None = None
    known_people = {p.strip().lower() for p in people if p.strip()}

    def is_person(text: str) -> bool:
        lowered = text.strip().lower()
        return lowered in known_people or any(
            lowered == p.split()[0] for p in known_people if p.split()
        )

    rest = _INVITE_PREFIX.sub("", title).strip()
    parens = _PARENS.search(rest)
    paren_company: str | None = None
    if parens:
        inside = parens.group(1)
        if "," in inside:
            first, second = (s.strip() for s in inside.split(",", 1))
            company, role = _clean(first), _clean(second)
        elif not is_person(inside) and not _NOT_A_ROLE.search(inside):
            if _looks_like_role(inside) or " " in inside.strip():
                role = _clean(inside)
            else:
                paren_company = _clean(inside)  # "Phone screen with Jane Doe (Acme)"
        rest = rest[: parens.start()].strip()

    others: list[str] = []
    for segment in (s.strip() for s in _SEPARATORS.split(rest)):
        if not segment or _PEOPLE.search(segment) or is_person(segment):
            continue
        head, preps = _split_prepositions(segment)
        kind = _mentions(segment, _INTERVIEW_HINTS) or _mentions(segment, words)
        for key in ("with", "at"):
            value = _clean(preps.get(key))
            if paren_company and key == "with" and value and _FULL_NAME.match(value):
                continue  # a person's name, with their company in parentheses
            if value and not is_person(value) and not re.match(r"\d", value) and company is None:
                company = value
        value = _clean(preps.get("for"))
        if value:
            if role is None and (_looks_like_role(value) or company is not None):
                role = value
            elif company is None:
                company = value
        if kind and not preps:
            # "Hooli interview", "Senior Engineer interview": what is left beside the words
            leftover = _clean(_without(segment, (*words, *_INTERVIEW_HINTS)))
            if (
                leftover
                and leftover[0].isupper()  # a name, not "day" of "Onsite interview day"
                and not _NOT_A_ROLE.search(leftover)  # nor "30 Minute"
                and not is_person(leftover)
            ):
                others.append(leftover)
        elif kind and "at" in preps and role is None:
            leftover = _clean(_without(head, (*words, *_INTERVIEW_HINTS)))
            if leftover and _looks_like_role(leftover):
                role = leftover  # "Senior Engineer interview at Initech"
        if not kind and not preps:
            split = _COMPANY_ROLE.match(segment)
            if split and _looks_like_role(split["role"]) and not _looks_like_role(split["company"]):
                others.extend((split["company"], split["role"]))
            else:
                others.append(segment)
        elif not kind and role is None and "at" in preps:
            role = _clean(head)  # "Senior Designer at Umbrella Corp"
        elif not kind and company is None and head:
            company = _clean(head)  # "Acme for Backend Engineer"

    if company is None and paren_company:
        company = paren_company
    elif paren_company and role is None:
        role = paren_company
    others = [o for o in (_clean(o) for o in others) if o]
    if (
        company is None
        and len(others) >= 2
        and _looks_like_role(others[0])
        and not _looks_like_role(others[1])
    ):
        others[0], others[1] = others[1], others[0]
    for value in others:
        if company is None and not (role is None and _looks_like_role(value) and len(others) == 1):
            company = value
        elif role is None:
            role = value

    if company is None and organizer_email:
        company = company_from_email(organizer_email)
    return company, role


# Words that mark the "what kind of meeting" part of a title, beyond the configured words.
_INTERVIEW_HINTS: tuple[str, ...] = (
    "interview", "interviews", "screen", "screening", "onsite", "on-site", "chat", "call",
    "round", "panel", "case study", "meeting", "conversation", "superday", "loop", "sync",
    "intro", "introduction", "technical", "hiring manager", "debrief", "presentation", "review",
    "take-home", "assessment", "exercise", "pairing",
)  # fmt: skip


def _prettify_local_part(email: str) -> str:
    local = email.split("@", 1)[0].split("+", 1)[0]
    words = [w for w in re.split(r"[._-]+", local) if w]
    return " ".join(w.capitalize() for w in words) or email


def _person(attendee: Attendee) -> Person:
    name = attendee.name.strip()
    if not name or "@" in name:
        name = _prettify_local_part(attendee.email or name)
    return Person(name=name, email=attendee.email.strip())


def _is_robot(attendee: Attendee) -> bool:
    email = attendee.email.strip().lower()
    if not email:
        return False
    label = _domain_label(email)
    return _is_machine(email) or bool(_ROBOT.search(email.split("@", 1)[0])) or label in SCHEDULERS


def interviewers(event: SourceEvent, own_emails: frozenset[str]) -> tuple[Person, ...]:
    """The people the user met: attendees other than the user, rooms and robots; else the
    organiser (when it is not the user)."""
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
    organizer = event.organizer
    if (
        not found
        and organizer is not None
        and (organizer.email.strip() or organizer.name.strip())
        and not _is_self(organizer, own_emails)
        and not _is_robot(organizer)
    ):
        found.append(_person(organizer))
    return tuple(found)


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


def detect_interviews(events: Iterable[SourceEvent], settings: Settings) -> list[Interview]:
    """The interviews among the events, sorted by start."""
    own = settings.own_emails
    found: list[Interview] = []
    for event in events:
        if (
            event.status.lower() == "cancelled"
            or event.calsync_kind
            or is_own_title(event.title)
            or _CANCELLED_PREFIX.match(event.title)
            or not is_interview_title(event.title, settings.interview_words, settings.exclude_words)
            or _declined_by_user(event, own)
        ):
            continue
        people = interviewers(event, own)
        names = [p.name for p in people] + [
            a.name for a in event.attendees if a.name and _is_self(a, own)
        ]
        if settings.name:
            names.append(settings.name)
        company, role = company_and_role(
            event.title,
            _company_email(event, people, own),
            people=names,
            words=settings.interview_words,
        )
        notes = notes_text(event.description)
        found.append(
            Interview(
                source_id=event.id,
                title=event.title,
                company=company or UNKNOWN_COMPANY,
                role=role or UNKNOWN_ROLE,
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
