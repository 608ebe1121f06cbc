"""The titles and descriptions of the events calsync writes: thank-you notes and call scripts.

Every line is fixed wording for a given (interview, window, number, language) and never depends
on the clock: the planner regenerates a description and diffs it line by line against the
calendar's copy, and whatever lines the user added there are their notes on the outcome. That is
also why names, dates and numbers sit on lines of their own where it reads naturally.

Every sentence is a message of the gettext catalogs (`calsync.core.translations`), written in
`settings.language`: a paragraph is one message, so each language words it its own way.

One sentence a line, never wrapped by hand: calendar apps wrap long lines themselves, and a
sentence broken in two reads as two odd fragments on a phone. Earlier versions did wrap; the
lines they wrote are in `former_call_lines`, so a call written then is still told apart from what
the user added.

Plain text only: calendar apps show descriptions as typed, and several turn any URL — including
`mailto:` and `tel:` — into a link. No angle brackets either: Google Calendar's web view reads a
description as HTML, so "Jane <jane@acme.com>" would lose the address.
"""

from __future__ import annotations

import functools
import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from calsync.core.dates import BusinessDays
from calsync.core.detect import UNKNOWN_COMPANY, UNKNOWN_ROLE
from calsync.core.notes import tel_link
from calsync.core.translations import Words, words
from calsync.model import Interview, Outcome, Person, Window
from calsync.settings import Settings

DASH = "—"  # U+2014, as in every title calsync writes
NAME_PLACEHOLDER = "[Your name]"
ENGLISH = Words("en")


# --- small pieces -------------------------------------------------------------------------------


def _company(interview: Interview) -> str:
    return interview.company.strip() or UNKNOWN_COMPANY


def _role(interview: Interview) -> str:
    return interview.role.strip() or UNKNOWN_ROLE


def _known(value: str, unknown: str) -> bool:
    return bool(value.strip()) and value.strip() != unknown


def _the_role(interview: Interview, _: Words) -> str:
    """ "the Senior Engineer role", or "the position" when the title did not say."""
    role = interview.role.strip()
    return _("the {role} role", role=role) if _known(role, UNKNOWN_ROLE) else _("the position")


def role_at_company(role: str, company: str, _: Words = ENGLISH) -> str:
    """ "Senior Engineer at Acme"; "interview at Initech" when the role is unknown, so no title
    reads "the position at …"; "your interview" when neither is known.

    >>> role_at_company("the position", "Initech")
    'interview at Initech'
    """
    role, company = role.strip(), company.strip()
    if _known(role, UNKNOWN_ROLE):
        if not _known(company, UNKNOWN_COMPANY):
            company = _("the company")
        return _("{role} at {company}", role=role, company=company)
    if _known(company, UNKNOWN_COMPANY):
        return _("interview at {company}", company=company)
    return _("your interview")


def _subject(interview: Interview, _: Words) -> str:
    return role_at_company(interview.role, interview.company, _)


def _interview_for(interview: Interview, _: Words) -> str:
    """ "your interview for Senior Engineer at Acme", "your interview at Initech": the subject
    as a sentence says it."""
    role, company = interview.role.strip(), interview.company.strip()
    if _known(role, UNKNOWN_ROLE):
        return _("your interview for {subject}", subject=_subject(interview, _))
    if _known(company, UNKNOWN_COMPANY):
        return _("your interview at {company}", company=company)
    return _("your interview")


def long_date(day: date) -> str:
    """ "Tuesday, November 24, 2026" — spelled out, so no reader confuses day and month."""
    return words(None).long_date(day)


def _local_start(interview: Interview) -> datetime:
    return interview.start.astimezone(ZoneInfo(interview.tz))


def _when_line(interview: Interview, _: Words) -> str:
    start = _local_start(interview)
    if interview.all_day:
        return _("Interview: {day}", day=_.long_date(start.date()))
    return _("Interview: {day}, {time}", day=_.long_date(start.date()), time=_.clock(start))


def _signature(settings: Settings, _: Words) -> str:
    return settings.name.strip() or _("[Your name]")


def _greeting_name(person: Person | None, _: Words) -> str:
    if person is None:
        return _("[interviewer's name]")
    name = person.name.strip()
    words_ = name.split()
    # "Dr. Smith" keeps its title; otherwise first names are the norm in an English thank-you
    # note, and the whole name where a note to an employer is formal ("Guten Tag Anna Weber,").
    if not words_ or words_[0].endswith(".") or _.formal_greeting:
        return name or _("[interviewer's name]")
    return words_[0]


def _names(people: tuple[Person, ...], _: Words) -> str:
    names = [p.name for p in people]
    if len(names) <= 1:
        return "".join(names)
    return _("{names} and {last}", names=", ".join(names[:-1]), last=names[-1])


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
    return unsafe.sub(lambda m: _escaped(m[0]), text)


@functools.lru_cache(maxsize=1024)
def _escaped(run: str) -> str:
    """One run of unsafe characters, escaped: the same few runs (a space, ", ", ".\n") come
    back in every note of every run, so each is built once."""
    return "".join(f"%{b:02X}" for b in run.encode("utf-8"))


def _note_block(person: Person | None, subject: str, body: list[str], _: Words) -> list[str]:
    """One ready-to-edit note: who it is for, a draft link when the address is known, the text."""
    if person is None:
        lines = [
            _("Note for your interviewer"),
            _("(Add their e-mail address before you send it.)"),
        ]
    elif person.email:
        lines = [
            _("Note for {name} ({email})", name=person.name, email=person.email),
            # the line calendars that show rich text turn into a link (draft_links.DRAFT_LINES)
            _("Open it as an e-mail draft:"),
            mailto_link(person.email, subject, "\n".join(body)),
        ]
    else:
        lines = [_("Note for {name}", name=person.name)]
    return [*lines, "", _("Subject: {subject}", subject=subject), *body]


def _notes_for_everyone(
    interview: Interview, subject: str, body_for: list[str], settings: Settings, _: Words
) -> list[str]:
    people: tuple[Person | None, ...] = interview.interviewers or (None,)
    lines: list[str] = []
    for person in people:
        body = [
            _("Hi {name},", name=_greeting_name(person, _)),
            *body_for,
            _("Best regards,"),
            _signature(settings, _),
        ]
        lines += ["", *_note_block(person, subject, body, _)]
    return lines


# --- the thank-you note -------------------------------------------------------------------------


def thank_you_title(interview: Interview, language: str | None = None) -> str:
    _ = words(language)
    return _("Send thank-you note {dash} {subject}", dash=DASH, subject=_subject(interview, _))


def thank_you_description(interview: Interview, settings: Settings) -> str:
    _ = words(settings.language)
    day = _.day_and_month(_local_start(interview).date())
    company = _company(interview)
    if _known(company, UNKNOWN_COMPANY):
        body = _(
            "Thank you for meeting with me on {day} to talk about {the_role}.\n"
            "I especially enjoyed our conversation about [something specific you discussed], "
            "and it left me even more eager to join the team at {company}.\n"
            "If there is anything else I can share to help your decision, please let me know.",
            day=day,
            the_role=_the_role(interview, _),
            company=company,
        )
    else:
        body = _(
            "Thank you for meeting with me on {day} to talk about {the_role}.\n"
            "I especially enjoyed our conversation about [something specific you discussed], "
            "and it left me even more eager to join your team.\n"
            "If there is anything else I can share to help your decision, please let me know.",
            day=day,
            the_role=_the_role(interview, _),
        )
    subject = (
        _("Thank you {dash} {role} interview", dash=DASH, role=_role(interview))
        if _known(interview.role, UNKNOWN_ROLE)
        else _("Thank you for the interview")
    )
    lines = [
        _("A thank-you note for {interview}.", interview=_interview_for(interview, _)),
        _when_line(interview, _),
        *_notes_for_everyone(interview, subject, body.split("\n"), settings, _),
        "",
        _(
            "What makes a good thank-you note:\n"
            "- Send it within a day, while your conversation is still fresh for them.\n"
            "- Mention one concrete thing you talked about; it shows you were listening.\n"
            "- Keep it short: a handful of sentences is enough.\n"
            "- Read it over once more for typos and the spelling of names.\n"
            "- Write a separate note to each person you met."
        ),
    ]
    return "\n".join(lines)


# --- the follow-up call -------------------------------------------------------------------------


def _call_label(number: int, _: Words) -> str:
    return _("Follow-up call") if number <= 1 else _("Follow-up call #{number}", number=number)


def call_title(interview: Interview, number: int, language: str | None = None) -> str:
    _ = words(language)
    label = _call_label(number, _)
    return _("{label} {dash} {subject}", label=label, dash=DASH, subject=_subject(interview, _))


def _window_lines(interview: Interview, window: Window, _: Words) -> list[str]:
    if window.first == window.last:
        when = _("Call on: {day}", day=_.long_date(window.first))
    else:
        when = _(
            "Call between: {first} and {last}",
            first=_.long_date(window.first),
            last=_.long_date(window.last),
        )
    if window.rule == "explicit":
        why = [_("Why then: your notes name this date for following up.")]
    elif window.rule == "decision":
        why = [_("Why then: this is a business day or two after the employer's decision date.")]
        if window.decision_date is not None:
            why.append(_("Decision date: {day}", day=_.long_date(window.decision_date)))
    else:
        why = [
            _("Why then: no timetable came up, so the call comes 7 to 10 days after the interview.")
        ]
    if window.phrase:
        why.append(_('From your notes: "{phrase}"', phrase=window.phrase))
    return [when, *why]


def _who_lines(interview: Interview, _: Words) -> list[str]:
    lines = [_("Who to call:")]
    for person in interview.interviewers:
        lines.append(f"- {person.name} ({person.email})" if person.email else f"- {person.name}")
    if not interview.interviewers:
        lines.append(_("- whoever set up the interview (the recruiter or the hiring manager)"))
    for number in interview.phones:
        lines.append(_("- Phone: {number} {link}", number=number, link=tel_link(number)))
    return lines


def _rounds_lines(rounds: tuple[Interview, ...], _: Words) -> list[str]:
    """The application's rounds so far, one line each, earliest first."""
    lines = [_("Rounds so far ({count}):", count=len(rounds))]
    for round_ in rounds:
        start = _local_start(round_)
        when = _.long_date(start.date())
        if not round_.all_day:
            when += f", {_.clock(start)}"
        people = (
            _(" (with {names})", names=_names(round_.interviewers, _))
            if round_.interviewers
            else ""
        )
        lines.append(f"- {when}: {round_.title}{people}")
    return lines


def _interviewed_on(interview: Interview, rounds: tuple[Interview, ...], _: Words) -> str:
    day = _.day_and_month(_local_start(interview).date())
    if len(rounds) > 1:
        return _("most recently on {day}", day=day)
    return _("on {day}", day=day)


def _script_lines(
    interview: Interview, settings: Settings, _: Words, rounds: tuple[Interview, ...] = ()
) -> list[str]:
    day = _.day_and_month(_local_start(interview).date())
    fields = {"name": _signature(settings, _), "the_role": _the_role(interview, _), "day": day}
    if len(rounds) > 1:
        opening = _(
            "Call script\n"
            "1. Say who you are, the role, the day you interviewed, and that you are calling "
            "about the status:\n"
            '"Hello, this is {name}. I interviewed for {the_role} most recently on {day}, and I '
            'am calling to ask about the status of the hiring decision."',
            **fields,
        )
    else:
        opening = _(
            "Call script\n"
            "1. Say who you are, the role, the day you interviewed, and that you are calling "
            "about the status:\n"
            '"Hello, this is {name}. I interviewed for {the_role} on {day}, and I am calling to '
            'ask about the status of the hiring decision."',
            **fields,
        )
    return [
        opening,
        "",
        _(
            "2. If they have not decided yet:\n"
            "- Ask when they expect a decision, and when a good time to check in again would be.\n"
            "- Think about asking what first impression you made. If they name a weak spot, ask "
            "how you could address it.\n"
            "- Thank them for taking the time to talk."
        ),
        "",
        _(
            "3. If the job went to someone else:\n"
            "- Ask what would have made you a stronger candidate; it helps in your next "
            "interviews.\n"
            "- Thank them for their time all the same.\n"
            "- Consider sending another thank-you note afterwards.\n"
            "- Stay courteous: this employer may have other openings later."
        ),
        "",
        _("Stay patient and upbeat. Hiring nearly always runs slower than the employer planned."),
    ]


def _example_dates(window: Window, business: BusinessDays | None) -> tuple[date, date]:
    """Dates for the examples of an outcome: business days after the call (a week and three
    days on), so an example never suggests calling on a weekend or a public holiday."""
    days = business or BusinessDays()
    return days.after(window.first, 5), days.after(window.first, 3)


def _outcome_lines(window: Window, _: Words, business: BusinessDays | None = None) -> list[str]:
    later, expected = _example_dates(window, business)
    return [
        _(
            "How to record the outcome:\n"
            "After the call, write what you learned on a new line in this event's notes, for "
            'example "next follow-up: {later}", "decision now expected {expected}", "they chose '
            'someone else" or "offer accepted".\n'
            "calsync reads that line on its next run and plans what comes next.",
            later=_.short_date(later),
            expected=_.short_date(expected),
        )
    ]


def former_call_lines(
    interview: Interview,
    window: Window,
    settings: Settings,
    rounds: tuple[Interview, ...] = (),
) -> str:
    """The lines earlier versions wrapped by hand, as they wrote them (in English, the only
    language they wrote): a call event written then holds them, and they are calsync's, not
    the user's outcome."""
    _ = ENGLISH
    later, expected = window.last + timedelta(days=7), window.last + timedelta(days=5)
    return "\n".join(
        [
            "1. Say who you are, the role, the day you interviewed, and that you are calling",
            "about the status:",
            f'"Hello, this is {_signature(settings, _)}. I interviewed for '
            f"{_the_role(interview, _)}",
            f"{_interviewed_on(interview, rounds, _)}, and I am calling to ask about the status of "
            'the hiring decision."',
            "- Think about asking what first impression you made.",
            "If they name a weak spot, ask how you could address it.",
            "After the call, write what you learned on a new line in this event's notes, for "
            "example",
            f'"next follow-up: {_.short_date(later)}", "decision now expected '
            f'{_.short_date(expected)}",',
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
    _ = words(settings.language)
    label = _call_label(number, _)
    subject = _subject(interview, _)
    if len(rounds) > 1:
        lines = [
            _("{label} about your application for {subject}.", label=label, subject=subject),
            _("Position: {subject}", subject=subject),
            _("Latest round: {day}", day=_.long_date(_local_start(interview).date())),
            *_rounds_lines(rounds, _),
        ]
    else:
        lines = [
            _(
                "{label} about {interview}.",
                label=label,
                interview=_interview_for(interview, _),
            ),
            _when_line(interview, _),
        ]
    if number > 1 and previous is not None and previous.phrase:
        lines += [_("What you noted after the last call:"), previous.phrase]
    lines += [
        "",
        *_window_lines(interview, window, _),
        "",
        *_who_lines(interview, _),
        "",
        *_script_lines(interview, settings, _, rounds),
        "",
        *_outcome_lines(window, _, business),
    ]
    return "\n".join(lines)


# --- another thank-you, after a "no" ------------------------------------------------------------


def another_thank_you_title(interview: Interview, language: str | None = None) -> str:
    _ = words(language)
    return _(
        "Send another thank-you note {dash} {subject}", dash=DASH, subject=_subject(interview, _)
    )


def another_thank_you_description(
    interview: Interview, outcome: Outcome, settings: Settings
) -> str:
    _ = words(settings.language)
    company = _company(interview)
    fields = {"the_role": _the_role(interview, _), "company": company}
    if _known(company, UNKNOWN_COMPANY):
        body = _(
            "Thank you for letting me know how things turned out for {the_role}, "
            "and for all the time you gave me during the process.\n"
            "I enjoyed learning about {company} and the work your team does.\n"
            "If another opening comes up that suits my background, I would be glad to be "
            "considered, so please keep me in mind.",
            **fields,
        )
    else:
        body = _(
            "Thank you for letting me know how things turned out for {the_role}, "
            "and for all the time you gave me during the process.\n"
            "I enjoyed learning about your team.\n"
            "If another opening comes up that suits my background, I would be glad to be "
            "considered, so please keep me in mind.",
            **fields,
        )
    lines = [
        _("A last thank-you note for {subject}.", subject=_subject(interview, _)),
        _when_line(interview, _),
    ]
    noted = outcome.line or outcome.phrase  # the whole line the user wrote, not the match
    if noted:
        lines += [_("What you noted after the call:"), noted]
    lines += [
        "",
        _("A gracious note after a no leaves a good last impression and keeps the door open."),
        *_notes_for_everyone(
            interview, _("Thank you, and keeping in touch"), body.split("\n"), settings, _
        ),
        "",
        _(
            "Tips:\n"
            "- Keep it brief and warm; there is no need to revisit the decision.\n"
            "- If they shared feedback, thank them for it in one sentence.\n"
            "- Send it within a day or two of hearing the news."
        ),
    ]
    return "\n".join(lines)
