"""An invite's notes → the interviewers, the role and the company they name.

Scheduling systems send one calendar invite from a robot address and list the panel in the
description ("Interviewers: Dana Whitfield, Marcus Lee", a GoodTime agenda with a time per
panelist, "You'll be meeting with …"); recruiters state the job there ("Role: Senior Product
Manager", "for the Full Stack Engineer role"). Read line by line with anchored patterns, so the
time is linear in the notes' length.
"""

from __future__ import annotations

import re
import zoneinfo
from dataclasses import dataclass
from functools import cache

from calsync.core.title_segments import without_tags
from calsync.core.titles import looks_like_role
from calsync.model import Person

_MAX_NAME = 200
_MAX_LINE = 400  # longer lines are prose or pasted data, not a list of names

_PANEL_LABEL = re.compile(
    r"(?:^|\b)(?:interviewers?|interview panel|panel(?:ists)?|your panel|you(?:'ll|’ll| will)"
    r"(?: be)? (?:meet|meeting|speak|speaking|talk|talking) with|meeting with|"
    r"you(?:'ll|’ll| will) (?:meet|speak with|talk with)|interviewing with)\b\s*:?\s*",
    re.IGNORECASE,
)
# "10:00 AM - 10:45 AM EST: Dana Whitfield (Engineering Manager)", "1:15-2:00pm | Marcus Lee"
_AGENDA_LINE = re.compile(
    r"^\W{0,3}\d{1,2}(?::\d{2})?\s?(?:[ap]\.?m\.?)?\s?(?:-|–|—|to)\s?\d{1,2}(?::\d{2})?"
    r"\s?(?:[ap]\.?m\.?)?(?:\s[A-Z]{2,4}\b)?\s?[:|—–-]?\s?(?P<rest>.*)$",
    re.IGNORECASE,
)
_ROLE_LABEL = re.compile(
    r"^\W{0,3}(?:role|position|job title|job|opening|requisition|req)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_ROLE_SENTENCE = re.compile(
    r"\b(?:for|about)\s+(?:the|our|a|an|this)\s+(?P<value>[^.,;:!?\n()]{2,80}?)\s+"
    r"(?:role|position|opening|opportunity|vacancy)\b",
    re.IGNORECASE,
)
_COMPANY_LABEL = re.compile(
    r"^\W{0,3}(?:company|employer|organi[sz]ation|hiring company)\s*:\s*(?P<value>.+)$",
    re.IGNORECASE,
)
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_ADDRESS = re.compile(r"<?\b([\w.+-]+@[\w-]+(?:\.[\w-]+)+)\b>?")
_LIST_SPLIT = re.compile(r"\s*(?:,|;|/|\band\b|&|\|)\s*", re.IGNORECASE)
_ASIDE = re.compile(r"\s+(?:-|–|—)\s+|\s*:\s+|\s+\bwith\b\s+", re.IGNORECASE)
_NAME_WORD = re.compile(r"^[A-Z][a-zA-Z'’-]*$|^(?:de|da|van|von|der|la|le|del|di|bin|al)$")
_REQ_TAIL = re.compile(r"\s*(?:\(|\bR-?\d|\breq\b|#).*$", re.IGNORECASE)
_TRIM = " \t\"'“”‘’.,;:!-—–*•·"
# Words of an agenda's activities and of meeting rooms, which are capitalised like names.
_NOT_NAME_WORDS = frozenset(
    {
        "system", "design", "coding", "lunch", "break", "interview", "review", "presentation",
        "behavioral", "behavioural", "technical", "case", "study", "screen", "chat", "welcome",
        "wrap", "debrief", "tour", "session", "round", "panel", "sense", "architecture",
        "conference", "room", "zoom", "teams", "meet", "google", "office", "floor", "building",
        "hiring", "team", "the", "our", "your", "you", "we", "all", "tbd", "onsite", "virtual",
        "culture", "values", "product", "deep", "dive", "pair", "programming", "q&a", "intro",
        "introduction", "overview", "closing", "final", "call", "meeting", "agenda", "schedule",
    }
)  # fmt: skip
# Months are also first names ("June Park", "May Chen"): only a month on its own is refused.
_MONTH_WORDS = """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
"""
_MONTHS = frozenset(_MONTH_WORDS.split())
# Capitalised words that are never part of a person's name as notes write it: when a day, a
# pronoun, a place or a team follows a name ("Marguerite She will…"), the name ends before it.
_NEVER_NAME_WORDS = """
    monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs
    fri sat sun today tomorrow tonight morning
    afternoon evening noon he she they him her them his hers their theirs i me my we us it its
    this that these those who whom someone everyone anyone nobody somebody people staff
    department group squad recruiting recruitment talent hr hq headquarters campus lobby
    reception street avenue road suite remote online onsite in-person zoom tbc tba n/a none
"""
_NEVER_NAMES = frozenset(_NEVER_NAME_WORDS.split())


# Places of the tz database that are given names as often: "Interviewer: Victoria" is a person.
_GIVEN_NAMES_TOO = frozenset({"victoria", "regina", "sydney", "adelaide", "santiago", "phoenix"})


@cache
def _places() -> frozenset[str]:
    """The places the tz database names ("London", "New York", "Europe"), lower-cased: an
    office's city in a list of interviewers is nobody to thank."""
    found: set[str] = set()
    for zone in zoneinfo.available_timezones():
        found.update(part.replace("_", " ").lower() for part in zone.split("/"))
    return frozenset(found - _GIVEN_NAMES_TOO)


@dataclass(frozen=True)
class NamedInNotes:
    """What the notes say about the interview: its people, the job and the employer."""

    interviewers: tuple[Person, ...] = ()
    role: str | None = None
    company: str | None = None


def _clean(text: str) -> str:
    return " ".join(text.split()).strip(_TRIM)


def _as_name(piece: str, *, single_ok: bool) -> str | None:
    """A person's name as notes write it ("Dana Whitfield", "Maria de la Cruz"), else None."""
    words: list[str] = []
    for word in _clean(piece).split():  # "Marcus Lee from the platform team" → "Marcus Lee"
        bare = word.strip(_TRIM)
        if not _NAME_WORD.match(bare) or bare.lower() in _NEVER_NAMES:
            break
        words.append(bare)
    while words and not words[-1][:1].isupper():
        words.pop()  # a particle is never last
    text = " ".join(words)
    if not 1 <= len(words) <= 4 or (len(words) == 1 and not single_ok):
        return None
    if not all(_NAME_WORD.match(w) for w in words) or not words[0][0].isupper():
        return None
    if looks_like_role(text) or any(w.lower() in _NOT_NAME_WORDS for w in words):
        return None
    if all(w.lower() in _MONTHS for w in words) or text.lower() in _places():
        return None  # "December", "London", "New York"; "June Park", "Sydney Chen" are people
    return text


def _people_in(text: str, *, single_ok: bool) -> list[Person]:
    """ "Dana Whitfield (EM), Marcus Lee <marcus@x.com> and Priya" → those people."""
    found: list[Person] = []
    for piece in _LIST_SPLIT.split(_BRACKETS.sub(" ", text)):
        address = _ADDRESS.search(piece)
        email = address.group(1).lower() if address else ""
        bare = _ADDRESS.sub(" ", piece)
        # "Dana Whitfield - Engineering Manager", "System design with Marcus Lee"
        candidates = [p for p in _ASIDE.split(bare) if p.strip()]
        name = next((n for n in (_as_name(c, single_ok=single_ok) for c in candidates) if n), None)
        if name:
            found.append(Person(name=name, email=email))
    return found


def _role(line: str) -> str | None:
    label = _ROLE_LABEL.match(line)
    if label:
        value = _clean(_REQ_TAIL.sub("", without_tags(label["value"])))
        return value if 1 <= len(value.split()) <= 8 else None
    sentence = _ROLE_SENTENCE.search(line)
    if sentence:
        value = _clean(without_tags(sentence["value"]))
        words = value.split()
        if words and len(words) <= 6 and (looks_like_role(value) or words[0][0].isupper()):
            return value
    return None


def named_in_notes(notes: str) -> NamedInNotes:
    """The interviewers, role and company the notes state.

    >>> found = named_in_notes("Role: Senior PM\\nInterviewers: Dana Whitfield, Marcus Lee")
    >>> [p.name for p in found.interviewers], found.role
    (['Dana Whitfield', 'Marcus Lee'], 'Senior PM')
    """
    people: list[Person] = []
    role: str | None = None
    company: str | None = None
    for raw in notes.splitlines():
        line = raw.strip()[:_MAX_LINE]
        if not line:
            continue
        agenda = _AGENDA_LINE.match(line)
        if agenda:
            people.extend(_people_in(agenda["rest"], single_ok=False)[:1])
            continue
        panel = _PANEL_LABEL.search(line)
        if panel:
            people.extend(_people_in(line[panel.end() :], single_ok=True))
        role = role or _role(line)
        if company is None and (label := _COMPANY_LABEL.match(line)):
            company = _clean(label["value"]) or None
    unique: dict[str, Person] = {}
    for person in people:
        unique.setdefault(person.name.lower(), person)
    return NamedInNotes(interviewers=tuple(unique.values()), role=role, company=company)


def spelled_in(text: str, label: str) -> str | None:
    """How the text spells a domain's name: "wingtiptoys" → "Wingtip Toys" when the text says
    "Wingtip Toys" (up to four capitalised words whose letters are the label's)."""
    target = "".join(ch for ch in label.lower() if ch.isalnum())
    if not target:
        return None
    words = [w.strip(_TRIM + "(),") for w in text.split()]
    for i, first in enumerate(words):
        if not first[:1].isupper():
            continue
        joined = ""
        for j in range(i, min(i + 4, len(words))):
            part = words[j]
            if not part[:1].isupper() and part != "&":
                break
            joined += "".join(ch for ch in part.lower() if ch.isalnum())
            if joined == target:
                return " ".join(words[i : j + 1])
            if not target.startswith(joined):
                break
    return None


def with_names_from_notes(
    people: tuple[Person, ...], named: tuple[Person, ...], *, attended: bool
) -> tuple[Person, ...]:
    """The interviewers, with the names the notes list added when no attendee but the user is
    on the invite (`attended` False: `people` is at most the organiser). The attendees are
    never replaced nor shortened by what the notes say.

    >>> dana = Person("Dana Whitfield")
    >>> [p.name for p in with_names_from_notes((), (dana,), attended=False)]
    ['Dana Whitfield']
    >>> [p.name for p in with_names_from_notes((Person("Jane Doe"),), (dana,), attended=True)]
    ['Jane Doe']
    """
    if attended:
        return people
    seen = {p.name.strip().lower() for p in people} | {p.email.lower() for p in people if p.email}
    added = [
        p
        for p in named
        if p.name.strip().lower() not in seen and not (p.email and p.email.lower() in seen)
    ]
    return (*people, *added)


_LAST_FIRST = re.compile(r"^([A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?),\s*([A-Z][\w'’-]+(?: [A-Z]\.?)?)$")
_SUFFIXES = frozenset(
    {"inc", "llc", "ltd", "gmbh", "corp", "co", "ag", "sa", "plc", "llp", "jr", "sr"}
)
_NAME_ASIDE = re.compile(r"\s*(?:\([^()]*\)|\[[^\[\]]*\])\s*$|\s+[|–—]\s+.*$|\s+-\s+.*$")


def display_name(name: str) -> str:
    """An attendee's display name as a note greets them: Outlook's "Doe, Jane" → "Jane Doe";
    "Jane Doe (Engineering Manager)", "Jane Doe | Acme" → "Jane Doe".

    >>> display_name("Doe, Jane")
    'Jane Doe'
    >>> display_name("Jane Doe (she/her)")
    'Jane Doe'
    """
    bare = " ".join(name[:_MAX_NAME].split())  # longer is no one's name, and would cost time
    bare = _NAME_ASIDE.sub("", bare) or bare
    flipped = _LAST_FIRST.match(bare)
    if flipped and not looks_like_role(bare) and flipped[2].lower().strip(".") not in _SUFFIXES:
        return f"{flipped[2]} {flipped[1]}"
    return bare
