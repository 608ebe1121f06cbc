"""A synthetic job-search calendar, big enough to show where calsync spends its time.

The same events come out two ways: as an .ics export shaped like Google Calendar's (for the .ics
benchmark) and as Google Calendar API event resources (for a benchmark against the local API
emulator). Everything is a pure function of (base date, sizes, seed): two runs give the same
bytes, so timings from different days compare like with like.

    python bench/generate.py big.ics --events 20000 --interviews 2000 --base 2026-12-01
"""

from __future__ import annotations

import argparse
import hashlib
import random
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

HOME_ZONE = "America/New_York"
# Interviews with employers elsewhere are written in the employer's zone, as Google keeps them.
OTHER_ZONES = ("America/Los_Angeles", "Europe/London")
OWNER = ("Alex Rivera", "alex.rivera@example.com")
FIRST_DAY, LAST_DAY = -30, 300  # days from the base date that events fall on

COMPANIES = (
    "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Pied Piper", "Stark Industries",
    "Wayne Enterprises", "Cyberdyne", "Aperture Science", "Soylent", "Massive Dynamic",
    "Wonka Industries", "Tyrell", "Vandelay Industries", "Gringotts", "Oscorp", "Monarch",
    "Dunder Mifflin", "Prestige Worldwide", "Bluth Company", "Nakatomi", "Virtucon", "Duff",
)  # fmt: skip
ROLES = (
    "Senior Engineer", "Data Analyst", "Backend Engineer", "Product Manager", "Staff Engineer",
    "Security Engineer", "QA Lead", "Data Engineer", "Machine Learning Engineer",
    "Solutions Architect", "Product Designer", "Site Reliability Engineer", "Engineering Manager",
)  # fmt: skip
FIRST_NAMES = (
    "Sam", "Jane", "Raj", "Maria", "Chris", "Olivia", "Gavin", "Denise", "Bill", "Miles",
    "Priya", "Tom", "Aisha", "Kenji", "Lena", "Omar", "Zoe", "Diego", "Hana", "Ivan",
)  # fmt: skip
LAST_NAMES = (
    "Lee", "Doe", "Patel", "Gonzalez", "Park", "Chen", "Belson", "Okafor", "Lumbergh", "Dyson",
    "Nguyen", "Kowalski", "Haddad", "Sato", "Fischer", "Silva", "Moreau", "Brennan",
)  # fmt: skip

TITLE_SHAPES = (
    "Interview with {c} — {r}",
    "{c}: Onsite ({r})",
    "Phone screen - {c} - {r}",
    "{c} | Technical Interview | {r}",
    "Hiring manager chat – {c} ({r})",
    "Final round at {c} for {r}",
    "Recruiter call - {c} - {r}",
    "Interview: {r} at {c}",
    "Technical screen - {c} - {r}",
    "Panel interview - {c} - {r}",
    "Case study presentation - {c} - {r}",
    "{p} and {me}: 30 Minute Interview",
)
OPENERS = (
    "Intro call with {p} (recruiter).",
    "Second round: system design + behavioural.",
    "Portfolio review with {p}.",
    "Live coding in CoderPad, 60 min.",
    "Five rounds plus lunch with the team.",
    "Talk through the roadmap case and team structure.",
    "Pairing exercise on their data pipeline.",
    "Meet the hiring manager, {p}. Bring questions about on-call.",
    "",
)
# {d} is a date written out; the resolver in calsync has to find it in the right phrase.
DECISIONS = (
    "{p} said they'll decide by {d} who moves on.",
    "Decision by {d}.",
    "They'll decide by {wd}.",
    "We should hear back within two weeks.",
    "Decision next week.",
    "Timeline: decision by the end of the month.",
    "They'll get back to me in 10 days.",
    "Next steps: we'll hear back in a couple of weeks.",
    "Recruiter will let me know by the end of the week.",
    "They expect to make an offer by {d}.",
)
INSTRUCTIONS = (
    "{p} asked me to follow up on {d} if I haven't heard anything.",
    "Call them {d} if there's no news.",
    "follow-up: {iso}",
    "Remember to call them {d}.",
    "Check back in two weeks.",
)
ASIDES = (
    "{p}'s direct line: (415) 555-01{n:02d}",
    "Start date would be {d} if it works out.",
    "Parking in the north garage.",
    "I was told on {d} that the team is growing.",
    "",
)
MEET = (
    "\n\n-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-\n"
    "Join with Google Meet: https://meet.google.com/{code}\n"
    "Or dial: (US) +1 347-555-0188 PIN: 917 442 305#\n"
    "More phone numbers: https://tel.meet/{code}?pin=9174423050123\n\n"
    "Learn more about Meet at: https://support.google.com/a/users/answer/9282720\n\n"
    "Please do not edit this section.\n"
    "-::~:~::~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~:~::~:~::-"
)
ZOOM = (
    "\n\n──────────\n\n{p} is inviting you to a scheduled Zoom meeting.\n\n"
    "Join Zoom Meeting\nhttps://us02web.zoom.us/j/8123456{n:04d}?pwd=bXlQcWZxR0ZzTnRHa2tV\n\n"
    "Meeting ID: 812 3456 {n:04d}\nPasscode: 482913\n\n---\n\nOne tap mobile\n"
    "+16465588656,,8123456{n:04d}#,,,,*482913# US (New York)\n\n──────────"
)
TEAMS = (
    "\n\n________________________________________________________________________________\n"
    "Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n"
    "Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_{code}>\n"
    "Meeting ID: 245 118 {n:03d} 7\nPasscode: 9xY3bQ\n"
    "________________________________________________________________________________"
)
INVITE_FOOTER = (
    "\n\nInvitation from Google Calendar: https://calendar.google.com/calendar/\n"
    "You are receiving this email because you are an attendee on the event."
)

ORDINARY = (
    "Dentist appointment", "Lunch with {p}", "Gym", "Coffee with {p}", "Haircut",
    "Call with mom", "Book club", "Flight to Boston", "Volunteer shift", "Car service",
    "Grocery run", "Piano lesson", "Doctor appointment", "Dinner with {p} and {q}",
    "Networking meetup", "1:1 with {p}", "Yoga", "Pay rent", "Library", "Kids' soccer",
)  # fmt: skip
ORDINARY_NOTES = (
    "", "", "", "Bring the receipts.", "Table for 4 at 7.", "Agenda:\n- updates\n- blockers",
    "Address: 12 Main St, Springfield", "Confirmation code ABC123.",
)
# Excluded by calsync's default words: they look like interviews but are not.
LOOKALIKES = ("Mock interview practice", "Interview prep with career coach")
WEEKLY = ("Team standup", "Running club", "Spanish class", "Weekly review", "Choir practice")
ALL_DAY = ("Mom's birthday", "Day off", "Conference day", "Moving day")


@dataclass(frozen=True)
class Guest:
    name: str
    email: str
    partstat: str = "ACCEPTED"  # ACCEPTED | DECLINED | TENTATIVE | NEEDS-ACTION


@dataclass(frozen=True)
class SyntheticEvent:
    """One event of the calendar; a weekly series when `weeks` > 0."""

    uid: str
    summary: str
    description: str
    start: datetime  # aware, in `zone`; for an all-day event midnight of the day
    end: datetime
    zone: str
    all_day: bool = False
    status: str = "CONFIRMED"
    organizer: Guest | None = None
    attendees: tuple[Guest, ...] = ()
    location: str = ""
    weeks: int = 0  # RRULE:FREQ=WEEKLY;COUNT=weeks
    skipped: tuple[int, ...] = ()  # instance numbers removed with EXDATE
    interview: bool = False

    def occurrences(self) -> Iterator[tuple[datetime, datetime]]:
        """Start and end of every instance (wall-clock weekly, as RRULE expands in its zone)."""
        if not self.weeks:
            yield self.start, self.end
            return
        zone = ZoneInfo(self.zone)
        length = self.end - self.start
        for week in range(self.weeks):
            if week in self.skipped:
                continue
            local = self.start.replace(tzinfo=None) + timedelta(weeks=week)
            start = local.replace(tzinfo=zone)
            yield start, start + length


def make_events(
    base: date,
    *,
    events: int = 20000,
    interviews: int = 2000,
    seed: int = 0,
) -> list[SyntheticEvent]:
    """`events` calendar entries of which `interviews` are job interviews with notes.

    Weekly series count as one entry each (about one in 500 entries is a series). Dates fall in
    [base - 30 days, base + 300 days].
    """
    if not 0 <= interviews <= events:
        raise ValueError("need 0 <= interviews <= events")
    rng = random.Random(seed)
    made = [_interview(rng, base, n) for n in range(interviews)]
    ordinary = events - interviews
    series = min(ordinary, max(1, ordinary // 500)) if ordinary else 0
    made += [_weekly(rng, base, n) for n in range(series)]
    made += [_ordinary(rng, base, n) for n in range(ordinary - series)]
    rng.shuffle(made)  # exports are not ordered by kind
    return made


def make_history(
    base: date,
    *,
    years: int = 10,
    window_events: int = 1700,
    window_interviews: int = 400,
    seed: int = 0,
) -> list[SyntheticEvent]:
    """A calendar `years` long, as a secret iCal address or an export holds it: the window
    around `base` (what `make_events` gives) and, before it, the same density of life year
    after year (a job search every few years, so some old interviews too).

    About 3,700 entries a year: 10 years is about 39,000 events and 13 MB.
    """
    span = LAST_DAY - FIRST_DAY  # days one call of make_events covers
    made = make_events(base, events=window_events, interviews=window_interviews, seed=seed)
    slices = max(0, round(years * 365 / span) - 1)
    per_slice = round(window_events * 365 / span * 2)
    for k in range(1, slices + 1):
        earlier = base - timedelta(days=span * k)
        part = make_events(
            earlier,
            events=per_slice,
            interviews=per_slice // 25 if k % 3 == 0 else per_slice // 100,
            seed=seed + k,
        )
        # each slice's UIDs are its own, as every event of a real calendar has its own
        made += [replace(e, uid=f"h{k}-{e.uid}") for e in part]
    return made


def _person(rng: random.Random, domain: str) -> Guest:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return Guest(f"{first} {last}", f"{first}.{last}@{domain}".lower())


def _domain(company: str) -> str:
    return company.lower().replace(" ", "") + ".com"


def _moment(rng: random.Random, base: date, zone: str, *, lo: int = 8, hi: int = 18) -> datetime:
    day = base + timedelta(days=rng.randint(FIRST_DAY, LAST_DAY))
    at = time(rng.randint(lo, hi - 1), rng.choice((0, 15, 30, 45)))
    return datetime.combine(day, at, ZoneInfo(zone))


def _uid(kind: str, n: int, seed_text: str) -> str:
    digest = hashlib.sha1(f"{kind}{n}{seed_text}".encode()).hexdigest()[:20]
    return f"{digest}@google.com"


def _written(d: date, rng: random.Random) -> str:
    month = d.strftime("%b")
    return rng.choice(
        (
            f"{month} {d.day}",
            f"{d.strftime('%A')}, {month} {d.day}",
            f"{d.strftime('%B')} {d.day}",
            f"{d.month}/{d.day}",
            d.isoformat(),
        )
    )


def _interview(rng: random.Random, base: date, n: int) -> SyntheticEvent:
    company, role = rng.choice(COMPANIES), rng.choice(ROLES)
    zone = HOME_ZONE if rng.random() < 0.85 else rng.choice(OTHER_ZONES)
    start = _moment(rng, base, zone, lo=9, hi=17)
    length = timedelta(minutes=rng.choice((30, 45, 60, 60, 90, 240)))
    staff = [_person(rng, _domain(company)) for _ in range(rng.choice((1, 1, 2, 3, 4)))]
    me = Guest(*OWNER)
    interviewer = staff[0]
    title = rng.choice(TITLE_SHAPES).format(
        c=company, r=role, p=interviewer.name, me=OWNER[0]
    )
    scheduler = "Calendly" in title or rng.random() < 0.1
    organizer = Guest("Greenhouse", "no-reply@greenhouse.io") if scheduler else interviewer
    later = start.date() + timedelta(days=rng.randint(3, 20))
    fill = {
        "p": interviewer.name.split()[0],
        "d": _written(later, rng),
        "wd": later.strftime("%A"),
        "iso": later.isoformat(),
        "n": n % 100,
    }
    lines = [rng.choice(OPENERS).format(**fill)]
    pick = rng.random()
    if pick < 0.45:
        lines.append(rng.choice(DECISIONS).format(**fill))
    elif pick < 0.7:
        lines.append(rng.choice(INSTRUCTIONS).format(**fill))
    if rng.random() < 0.4:
        aside_day = start.date() + timedelta(days=rng.randint(-20, 60))
        lines.append(rng.choice(ASIDES).format(**{**fill, "d": _written(aside_day, rng)}))
    notes = "\n".join(line for line in lines if line)
    code = hashlib.md5(f"{n}".encode()).hexdigest()[:10]
    boiler = rng.choice((MEET, ZOOM, TEAMS, "", ""))
    description = notes + boiler.format(p=interviewer.name, code=code, n=n % 10000)
    if boiler == MEET:
        description += INVITE_FOOTER
    if rng.random() < 0.08:  # scheduling systems send HTML
        description = "<p>" + description.replace("\n", "<br>") + "</p>"
    guests = (*staff, me) if rng.random() < 0.5 else (me, *staff)
    return SyntheticEvent(
        uid=_uid("interview", n, title),
        summary=title,
        description=description,
        start=start,
        end=start + length,
        zone=zone,
        organizer=organizer,
        attendees=guests,
        location=rng.choice(("", "", f"{company} HQ, 5th floor", "Video call")),
        interview=True,
    )


def _weekly(rng: random.Random, base: date, n: int) -> SyntheticEvent:
    start = _moment(rng, base, HOME_ZONE, lo=7, hi=19)
    remaining = (base + timedelta(days=LAST_DAY) - start.date()).days // 7
    weeks = max(2, min(rng.randint(8, 52), remaining + 1))
    skipped = (rng.randrange(weeks),) if weeks > 3 and rng.random() < 0.5 else ()
    title = rng.choice(WEEKLY)
    return SyntheticEvent(
        uid=_uid("weekly", n, title),
        summary=title,
        description=rng.choice(ORDINARY_NOTES),
        start=start,
        end=start + timedelta(minutes=rng.choice((15, 30, 60))),
        zone=HOME_ZONE,
        weeks=weeks,
        skipped=skipped,
    )


def _ordinary(rng: random.Random, base: date, n: int) -> SyntheticEvent:
    me = Guest(*OWNER)
    p, q = rng.choice(FIRST_NAMES), rng.choice(FIRST_NAMES)
    roll = rng.random()
    if roll < 0.03:
        start = _moment(rng, base, HOME_ZONE)
        midnight = datetime.combine(start.date(), time(0), ZoneInfo(HOME_ZONE))
        return SyntheticEvent(
            uid=_uid("allday", n, ""),
            summary=rng.choice(ALL_DAY),
            description="",
            start=midnight,
            end=midnight + timedelta(days=1),
            zone=HOME_ZONE,
            all_day=True,
        )
    title = rng.choice(LOOKALIKES) if roll < 0.035 else rng.choice(ORDINARY).format(p=p, q=q)
    start = _moment(rng, base, HOME_ZONE, lo=7, hi=21)
    description = rng.choice(ORDINARY_NOTES)
    attendees: tuple[Guest, ...] = ()
    organizer: Guest | None = None
    if rng.random() < 0.3:
        friend = _person(rng, rng.choice(("gmail.com", "work.example.org", "fastmail.com")))
        attendees = (friend, me)
        organizer = rng.choice((friend, me))
        if rng.random() < 0.3:
            description += MEET.format(code=hashlib.md5(f"o{n}".encode()).hexdigest()[:10])
    status = "CANCELLED" if rng.random() < 0.02 else "CONFIRMED"
    return SyntheticEvent(
        uid=_uid("event", n, title),
        summary=title,
        description=description,
        start=start,
        end=start + timedelta(minutes=rng.choice((30, 60, 60, 90, 120))),
        zone=HOME_ZONE,
        status=status,
        organizer=organizer,
        attendees=attendees,
    )


# ---- .ics ------------------------------------------------------------------------------------


def ics_bytes(events: Sequence[SyntheticEvent], *, stamp: datetime | None = None) -> bytes:
    """A Google-Calendar-style export of `events` (X-WR-TIMEZONE, VTIMEZONEs, folded lines)."""
    import icalendar

    stamp = stamp or datetime(2026, 1, 1, tzinfo=UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{OWNER[1]}",
        f"X-WR-TIMEZONE:{HOME_ZONE}",
    ]
    years = [e.start.year for e in events] or [stamp.year]
    for zone in sorted({HOME_ZONE, *(e.zone for e in events)}):
        timezone = icalendar.Timezone.from_tzid(
            zone, first_date=date(min(years) - 1, 1, 1), last_date=date(max(years) + 1, 12, 31)
        )
        lines += timezone.to_ical().decode().replace("\r\n ", "").split("\r\n")[:-1]
    for event in events:
        lines += _vevent(event, stamp)
    lines.append("END:VCALENDAR")
    return ("\r\n".join(_fold(line) for line in lines) + "\r\n").encode("utf-8")


def write_ics(path: Path, events: Sequence[SyntheticEvent]) -> int:
    """Write the export to `path`; the number of bytes written."""
    data = ics_bytes(events)
    path.write_bytes(data)
    return len(data)


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    return (
        text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
    )


def _when(name: str, event: SyntheticEvent, moment: datetime) -> str:
    if event.all_day:
        return f"{name};VALUE=DATE:{moment.strftime('%Y%m%d')}"
    if event.weeks or event.zone != HOME_ZONE:
        # Google writes series and foreign-zone events with their TZID, the rest in UTC
        return f"{name};TZID={event.zone}:{moment.strftime('%Y%m%dT%H%M%S')}"
    return f"{name}:{_utc(moment)}"


def _guest(name: str, guest: Guest, role: str) -> str:
    if name == "ORGANIZER":
        return f'ORGANIZER;CN="{guest.name}":mailto:{guest.email}'
    return (
        f'ATTENDEE;CN="{guest.name}";CUTYPE=INDIVIDUAL;PARTSTAT={guest.partstat};'
        f"ROLE={role};X-NUM-GUESTS=0:mailto:{guest.email}"
    )


def _vevent(event: SyntheticEvent, stamp: datetime) -> list[str]:
    created = _utc(event.start - timedelta(days=14))
    lines = [
        "BEGIN:VEVENT",
        _when("DTSTART", event, event.start),
        _when("DTEND", event, event.end),
    ]
    if event.weeks:
        lines.append(f"RRULE:FREQ=WEEKLY;COUNT={event.weeks}")
        for week in event.skipped:
            skipped = event.start.replace(tzinfo=None) + timedelta(weeks=week)
            lines.append(f"EXDATE;TZID={event.zone}:{skipped.strftime('%Y%m%dT%H%M%S')}")
    lines += [f"DTSTAMP:{_utc(stamp)}", f"UID:{event.uid}"]
    if event.organizer:
        lines.append(_guest("ORGANIZER", event.organizer, ""))
    lines += [_guest("ATTENDEE", g, "REQ-PARTICIPANT") for g in event.attendees]
    lines += [
        f"CREATED:{created}",
        f"DESCRIPTION:{_escape(event.description)}",
        f"LAST-MODIFIED:{created}",
        f"LOCATION:{_escape(event.location)}",
        "SEQUENCE:0",
        f"STATUS:{event.status}",
        f"SUMMARY:{_escape(event.summary)}",
        "TRANSP:OPAQUE" if not event.all_day else "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]
    return lines


def _fold(line: str) -> str:
    """RFC 5545 folding: at most 75 octets a line, never splitting a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    start, limit = 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:
            end -= 1  # back off to a character boundary
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines start with a space
    return "\r\n ".join(parts)


# ---- Google Calendar API ---------------------------------------------------------------------


def google_events(events: Iterable[SyntheticEvent]) -> list[dict[str, Any]]:
    """The events as `events.list(singleEvents=True)` returns them: series expanded.

    Ids use hex digits, which Google's base32hex id alphabet allows; an instance's id is the
    series id plus its original start, as Google forms it.
    """
    resources: list[dict[str, Any]] = []
    for event in events:
        series_id = hashlib.sha1(event.uid.encode()).hexdigest()
        for start, end in event.occurrences():
            resource = _resource(event, start, end)
            if event.weeks:
                original = _google_when(event, start)
                resource.update(
                    id=f"{series_id}_{start.astimezone(UTC).strftime('%Y%m%dT%H%M%SZ')}",
                    recurringEventId=series_id,
                    originalStartTime=original,
                )
            else:
                resource["id"] = series_id
            resources.append(resource)
    return resources


def _google_when(event: SyntheticEvent, moment: datetime) -> dict[str, str]:
    if event.all_day:
        return {"date": moment.date().isoformat()}
    return {"dateTime": moment.isoformat(), "timeZone": event.zone}


def _google_guest(guest: Guest, *, organizer: bool = False) -> dict[str, Any]:
    status = {
        "ACCEPTED": "accepted",
        "DECLINED": "declined",
        "TENTATIVE": "tentative",
    }.get(guest.partstat, "needsAction")
    resource: dict[str, Any] = {"email": guest.email, "displayName": guest.name}
    if not organizer:
        resource["responseStatus"] = status
    if guest.email == OWNER[1]:
        resource["self"] = True
    if organizer:
        resource["organizer"] = True
    return resource


def _resource(event: SyntheticEvent, start: datetime, end: datetime) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "summary": event.summary,
        "description": event.description,
        "start": _google_when(event, start),
        "end": _google_when(event, end),
        "status": event.status.lower(),
        "iCalUID": event.uid,
    }
    if event.location:
        resource["location"] = event.location
    if event.organizer:
        resource["organizer"] = {
            k: v for k, v in _google_guest(event.organizer, organizer=True).items()
            if k != "organizer"
        }
    if event.attendees:
        resource["attendees"] = [
            {**_google_guest(g), **({"organizer": True} if g == event.organizer else {})}
            for g in event.attendees
        ]
    return resource


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write a synthetic job-search calendar (.ics).")
    parser.add_argument("path", type=Path)
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--base", type=date.fromisoformat, default=date.today())
    args = parser.parse_args(argv)
    made = make_events(args.base, events=args.events, interviews=args.interviews, seed=args.seed)
    size = write_ics(args.path, made)
    print(f"{args.path}: {len(made)} events ({args.interviews} interviews), {size:,} bytes")


if __name__ == "__main__":
    main()
