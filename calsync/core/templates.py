"""The titles and descriptions of the events calsync writes: thank-you notes and call scripts.

Every line is fixed wording for a given (interview, window, number) and never depends on the
clock: the planner regenerates a description and diffs it line by line against the calendar's
copy, and whatever lines the user added there are their notes on the outcome. That is also why
names, dates and numbers sit on lines of their own where it reads naturally.

One sentence a line, never wrapped by hand: calendar apps wrap long lines themselves, and a
sentence broken in two reads as two odd fragments on a phone. Earlier versions did wrap; the
lines they wrote are in `former_call_lines`, so a call written then is still told apart from what
the user added.

Plain text only: calendar apps show descriptions as typed, and several turn any URL — including
`mailto:` and `tel:` — into a link. No angle brackets either: Google Calendar's web view reads a
description as HTML, so "Jane <jane@acme.com>" would lose the address.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from calsync.core.dates import BusinessDays
from calsync.core.detect import UNKNOWN_COMPANY, UNKNOWN_ROLE
from calsync.core.draft_links import DRAFT_LINE
from calsync.core.notes import tel_link
from calsync.model import Interview, Outcome, Person, Window
from calsync.settings import Settings

DASH = "—"  # U+2014, as in every title calsync writes
NAME_PLACEHOLDER = "[Your name]"

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


# --- small pieces -------------------------------------------------------------------------------


def _company(interview: Interview) -> str:
    return interview.company.strip() or UNKNOWN_COMPANY


def _role(interview: Interview) -> str:
    return interview.role.strip() or UNKNOWN_ROLE


def _known(value: str, unknown: str) -> bool:
    return bool(value.strip()) and value.strip() != unknown


def _the_role(interview: Interview) -> str:
    """ "the Senior Engineer role", or "the position" when the title did not say."""
    role = interview.role.strip()
    return f"the {role} role" if _known(role, UNKNOWN_ROLE) else UNKNOWN_ROLE


def role_at_company(role: str, company: str) -> str:
    """ "Senior Engineer at Acme"; "interview at Initech" when the role is unknown, so no title
    reads "the position at …"; "your interview" when neither is known.

    >>> role_at_company("the position", "Initech")
    'interview at Initech'
    """
    role, company = role.strip(), company.strip()
    if _known(role, UNKNOWN_ROLE):
        return f"{role} at {company or UNKNOWN_COMPANY}"
    return f"interview at {company}" if _known(company, UNKNOWN_COMPANY) else "your interview"


def _subject(interview: Interview) -> str:
    return role_at_company(interview.role, interview.company)


def _interview_for(interview: Interview) -> str:
    """ "your interview for Senior Engineer at Acme", "your interview at Initech": the subject
    as a sentence says it."""
    subject = _subject(interview)
    if subject == "your interview":
        return subject
    if subject.startswith("interview at "):
        return f"your {subject}"
    return f"your interview for {subject}"


def long_date(day: date) -> str:
    """ "Tuesday, November 24, 2026" — spelled out, so no reader confuses day and month."""
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}, {day.year}"


def _day_and_month(day: date) -> str:
    return f"{_WEEKDAYS[day.weekday()]}, {_MONTHS[day.month - 1]} {day.day}"


def _short_date(day: date) -> str:
    return f"{_MONTHS[day.month - 1][:3]} {day.day}"


def _clock(moment: datetime) -> str:
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'AM' if moment.hour < 12 else 'PM'}"


def _local_start(interview: Interview) -> datetime:
    return interview.start.astimezone(ZoneInfo(interview.tz))


def _when_line(interview: Interview) -> str:
    start = _local_start(interview)
    if interview.all_day:
        return f"Interview: {long_date(start.date())}"
    return f"Interview: {long_date(start.date())}, {_clock(start)}"


def _signature(settings: Settings) -> str:
    return settings.name.strip() or NAME_PLACEHOLDER


def _greeting_name(person: Person | None) -> str:
    if person is None:
        return "[interviewer's name]"
    words = person.name.split()
    # "Dr. Smith" keeps its title; otherwise first names are the norm in a thank-you note.
    if not words or words[0].endswith("."):
        return person.name.strip() or "[interviewer's name]"
    return words[0]


def _names(people: tuple[Person, ...]) -> str:
    names = [p.name for p in people]
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def mailto_link(email: str, subject: str, body: str) -> str:
    """A `mailto:` link that opens a draft with the subject and body filled in (RFC 6068)."""
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    query = f"subject={_percent(subject)}&body={_percent(body)}"
    return f"mailto:{_percent(email, _UNSAFE_IN_ADDRESS)}?{query}"


# What `urllib.parse.quote` leaves alone (letters, digits, "_.-~"; "@" too in an address). Runs
# of anything else are escaped together: a note's body is mostly letters, and `quote` spends a
# Python call on every one of its bytes.
_UNSAFE = re.compile(r"[^A-Za-z0-9_.~-]+")
_UNSAFE_IN_ADDRESS = re.compile(r"[^A-Za-z0-9_.~@-]+")


def _percent(text: str, unsafe: re.Pattern[str] = _UNSAFE) -> str:
    """`urllib.parse.quote(text, safe="")` (or safe="@" for an address), byte for byte."""
    return unsafe.sub(lambda m: "".join(f"%{b:02X}" for b in m[0].encode("utf-8")), text)


def _note_block(person: Person | None, subject: str, body: list[str]) -> list[str]:
    """One ready-to-edit note: who it is for, a draft link when the address is known, the text."""
    if person is None:
        lines = ["Note for your interviewer", "(Add their e-mail address before you send it.)"]
    elif person.email:
        lines = [
            f"Note for {person.name} ({person.email})",
            DRAFT_LINE,
            mailto_link(person.email, subject, "\n".join(body)),
        ]
    else:
        lines = [f"Note for {person.name}"]
    return [*lines, "", f"Subject: {subject}", *body]


def _notes_for_everyone(
    interview: Interview, subject: str, body_for: list[str], settings: Settings
) -> list[str]:
    people: tuple[Person | None, ...] = interview.interviewers or (None,)
    lines: list[str] = []
    for person in people:
        body = [f"Hi {_greeting_name(person)},", *body_for, "Best regards,", _signature(settings)]
        lines += ["", *_note_block(person, subject, body)]
    return lines


# --- the thank-you note -------------------------------------------------------------------------


def thank_you_title(interview: Interview) -> str:
    return f"Send thank-you note {DASH} {_subject(interview)}"


def thank_you_description(interview: Interview, settings: Settings) -> str:
    day = _day_and_month(_local_start(interview).date())
    company = _company(interview)
    team = f"the team at {company}" if _known(company, UNKNOWN_COMPANY) else "your team"
    body = [
        f"Thank you for meeting with me on {day} to talk about {_the_role(interview)}.",
        "I especially enjoyed our conversation about [something specific you discussed], "
        f"and it left me even more eager to join {team}.",
        "If there is anything else I can share to help your decision, please let me know.",
    ]
    subject = f"Thank you {DASH} {_role(interview)} interview"
    lines = [
        f"A thank-you note for {_interview_for(interview)}.",
        _when_line(interview),
        *_notes_for_everyone(interview, subject, body, settings),
        "",
        "What makes a good thank-you note:",
        "- Send it within a day, while your conversation is still fresh for them.",
        "- Mention one concrete thing you talked about; it shows you were listening.",
        "- Keep it short: a handful of sentences is enough.",
        "- Read it over once more for typos and the spelling of names.",
        "- Write a separate note to each person you met.",
    ]
    return "\n".join(lines)


# --- the follow-up call -------------------------------------------------------------------------


def call_title(interview: Interview, number: int) -> str:
    label = "Follow-up call" if number <= 1 else f"Follow-up call #{number}"
    return f"{label} {DASH} {_subject(interview)}"


def _window_lines(interview: Interview, window: Window) -> list[str]:
    if window.first == window.last:
        when = f"Call on: {long_date(window.first)}"
    else:
        when = f"Call between: {long_date(window.first)} and {long_date(window.last)}"
    if window.rule == "explicit":
        why = ["Why then: your notes name this date for following up."]
    elif window.rule == "decision":
        why = ["Why then: this is a business day or two after the employer's decision date."]
        if window.decision_date is not None:
            why.append(f"Decision date: {long_date(window.decision_date)}")
    else:
        why = [
            "Why then: no timetable came up, so the call comes 7 to 10 days after the interview."
        ]
    if window.phrase:
        why.append(f'From your notes: "{window.phrase}"')
    return [when, *why]


def _who_lines(interview: Interview) -> list[str]:
    lines = ["Who to call:"]
    for person in interview.interviewers:
        lines.append(f"- {person.name} ({person.email})" if person.email else f"- {person.name}")
    if not interview.interviewers:
        lines.append("- whoever set up the interview (the recruiter or the hiring manager)")
    for number in interview.phones:
        lines.append(f"- Phone: {number} {tel_link(number)}")
    return lines


def _rounds_lines(rounds: tuple[Interview, ...]) -> list[str]:
    """The application's rounds so far, one line each, earliest first."""
    lines = [f"Rounds so far ({len(rounds)}):"]
    for round_ in rounds:
        start = _local_start(round_)
        when = long_date(start.date())
        if not round_.all_day:
            when += f", {_clock(start)}"
        people = f" (with {_names(round_.interviewers)})" if round_.interviewers else ""
        lines.append(f"- {when}: {round_.title}{people}")
    return lines


def _interviewed_on(interview: Interview, rounds: tuple[Interview, ...]) -> str:
    day = _day_and_month(_local_start(interview).date())
    return f"most recently on {day}" if len(rounds) > 1 else f"on {day}"


def _script_lines(
    interview: Interview, settings: Settings, rounds: tuple[Interview, ...] = ()
) -> list[str]:
    on = _interviewed_on(interview, rounds)
    return [
        "Call script",
        "1. Say who you are, the role, the day you interviewed, and that you are calling about "
        "the status:",
        f'"Hello, this is {_signature(settings)}. I interviewed for {_the_role(interview)} '
        f'{on}, and I am calling to ask about the status of the hiring decision."',
        "",
        "2. If they have not decided yet:",
        "- Ask when they expect a decision, and when a good time to check in again would be.",
        "- Think about asking what first impression you made. If they name a weak spot, ask how "
        "you could address it.",
        "- Thank them for taking the time to talk.",
        "",
        "3. If the job went to someone else:",
        "- Ask what would have made you a stronger candidate; it helps in your next interviews.",
        "- Thank them for their time all the same.",
        "- Consider sending another thank-you note afterwards.",
        "- Stay courteous: this employer may have other openings later.",
        "",
        "Stay patient and upbeat. Hiring nearly always runs slower than the employer planned.",
    ]


def _example_dates(window: Window, business: BusinessDays | None) -> tuple[date, date]:
    """Dates for the examples of an outcome: business days after the call (a week and three
    days on), so an example never suggests calling on a weekend or a public holiday."""
    days = business or BusinessDays()
    return days.after(window.first, 5), days.after(window.first, 3)


def _outcome_lines(window: Window, business: BusinessDays | None = None) -> list[str]:
    later, expected = _example_dates(window, business)
    return [
        "How to record the outcome:",
        "After the call, write what you learned on a new line in this event's notes, for "
        f'example "next follow-up: {_short_date(later)}", "decision now expected '
        f'{_short_date(expected)}", "they chose someone else" or "offer accepted".',
        "calsync reads that line on its next run and plans what comes next.",
    ]


def former_call_lines(
    interview: Interview,
    window: Window,
    settings: Settings,
    rounds: tuple[Interview, ...] = (),
) -> str:
    """The lines earlier versions wrapped by hand, as they wrote them: a call event written
    then holds them, and they are calsync's, not the user's outcome."""
    later, expected = window.last + timedelta(days=7), window.last + timedelta(days=5)
    return "\n".join(
        [
            "1. Say who you are, the role, the day you interviewed, and that you are calling",
            "about the status:",
            f'"Hello, this is {_signature(settings)}. I interviewed for {_the_role(interview)}',
            f"{_interviewed_on(interview, rounds)}, and I am calling to ask about the status of "
            'the hiring decision."',
            "- Think about asking what first impression you made.",
            "If they name a weak spot, ask how you could address it.",
            "After the call, write what you learned on a new line in this event's notes, for "
            "example",
            f'"next follow-up: {_short_date(later)}", "decision now expected '
            f'{_short_date(expected)}",',
            '"they chose someone else" or "offer accepted".',
        ]
    )


def call_description(
    interview: Interview,
    window: Window,
    number: int,
    settings: Settings,
    previous: Outcome | None = None,
    *,
    rounds: tuple[Interview, ...] = (),
    business: BusinessDays | None = None,
) -> str:
    """The call's notes. With several `rounds` (the application's, the interview last) the
    call is about the application: the position, the latest round's date, every round.
    `business` dates the examples of an outcome (default: Monday to Friday)."""
    label = "Follow-up call" if number <= 1 else f"Follow-up call #{number}"
    if len(rounds) > 1:
        lines = [
            f"{label} about your application for {_subject(interview)}.",
            f"Position: {_subject(interview)}",
            f"Latest round: {long_date(_local_start(interview).date())}",
            *_rounds_lines(rounds),
        ]
    else:
        lines = [f"{label} about {_interview_for(interview)}.", _when_line(interview)]
    if number > 1 and previous is not None and previous.phrase:
        lines += ["What you noted after the last call:", previous.phrase]
    lines += [
        "",
        *_window_lines(interview, window),
        "",
        *_who_lines(interview),
        "",
        *_script_lines(interview, settings, rounds),
        "",
        *_outcome_lines(window, business),
    ]
    return "\n".join(lines)


# --- another thank-you, after a "no" ------------------------------------------------------------


def another_thank_you_title(interview: Interview) -> str:
    return f"Send another thank-you note {DASH} {_subject(interview)}"


def another_thank_you_description(
    interview: Interview, outcome: Outcome, settings: Settings
) -> str:
    company = _company(interview)
    about = f"{company} and the work your team does" if _known(company, UNKNOWN_COMPANY) else None
    body = [
        f"Thank you for letting me know how things turned out for {_the_role(interview)}, "
        "and for all the time you gave me during the process.",
        f"I enjoyed learning about {about}." if about else "I enjoyed learning about your team.",
        "If another opening comes up that suits my background, I would be glad to be "
        "considered, so please keep me in mind.",
    ]
    lines = [f"A last thank-you note for {_subject(interview)}.", _when_line(interview)]
    noted = outcome.line or outcome.phrase  # the whole line the user wrote, not the match
    if noted:
        lines += ["What you noted after the call:", noted]
    lines += [
        "",
        "A gracious note after a no leaves a good last impression and keeps the door open.",
        *_notes_for_everyone(interview, "Thank you, and keeping in touch", body, settings),
        "",
        "Tips:",
        "- Keep it brief and warm; there is no need to revisit the decision.",
        "- If they shared feedback, thank them for it in one sentence.",
        "- Send it within a day or two of hearing the news.",
    ]
    return "\n".join(lines)
