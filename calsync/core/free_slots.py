"""Free slots: when in its window a follow-up call can really be made.

The call goes to the first free slot of its window at or after `call_time`, inside the user's
`call_hours` (in the user's zone), overlapping no busy event of the calendar and no other calsync
call; when the employer's zone differs from the user's, the slot must also fall within the
employer's business hours there. Busy time is plain data (`Busy`) handed in by the caller.

Stability: a call calsync placed on an earlier run (and the user did not touch) keeps its start
while that start is still a slot at least as good as a fresh placement would find, so a meeting
added elsewhere, or one removed, does not make calls flap from run to run.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from calsync.core.ownership import is_calsync
from calsync.core.said import Said, said
from calsync.model import SourceEvent

CALL_LENGTH = timedelta(minutes=15)
BUSINESS_HOURS = (time(9, 0), time(17, 0))  # the employer's, in their zone
_ROUND = 5 * 60  # a call after a meeting starts on the next five minutes
_STEP = timedelta(minutes=15)  # the grid searched when no slot is within both sides' hours
# zones that say "no zone in particular": never an employer's zone
_NO_PLACE = ("UTC", "Etc/", "GMT", "Universal", "Zulu")

Span = tuple[datetime, datetime]
Blocked = tuple[datetime, "Busy"]  # a time the call wanted, and what took it

# how good a slot is: within both sides' hours, only the user's, or not free at all
BOTH_SIDES, USERS_HOURS, NOT_FREE = 0, 1, 2


@dataclass(frozen=True)
class Busy:
    """A stretch of time the user cannot take a call, and what fills it."""

    start: datetime
    end: datetime
    title: str


@dataclass(frozen=True)
class Slot:
    """Where a call goes, why there, and a note when it could not meet every rule."""

    start: datetime
    why: Said
    why_note: Said | None = None

    @property
    def reason(self) -> str:
        """Why the call is at its time, in English (`plan --json`)."""
        return str(self.why)

    @property
    def note(self) -> str | None:
        return None if self.why_note is None else str(self.why_note)


@dataclass(frozen=True)
class Ask:
    """One call to place: its candidate days (window order), the employer's zone and name."""

    days: tuple[date, ...]  # days in `day_zone`, the interview's zone
    day_zone: str
    user_zone: str
    employer_zone: str | None
    company: str
    kept: datetime | None = None  # where calsync put this call on an earlier run, untouched
    call_id: str = ""  # the call's own id: where the calendar holds it now does not block it


def busy_times(events: Iterable[SourceEvent], own_emails: frozenset[str]) -> list[Busy]:
    """The busy time in a calendar: every event except calsync's own, cancelled ones, ones the
    user declined, ones marked free, and all-day events not marked busy."""
    found = [
        Busy(e.start, e.end, e.title) for e in events if e.end > e.start and _blocks(e, own_emails)
    ]
    found.sort(key=lambda b: (b.start, b.end, b.title))
    return found


def _blocks(event: SourceEvent, own_emails: frozenset[str]) -> bool:
    if event.status == "cancelled" or is_calsync(uid=event.uid, kind=event.calsync_kind):
        return False
    if event.busy is False or (event.all_day and event.busy is not True):
        return False
    return not any(
        person.response == "declined"
        and (person.is_self or person.email.strip().lower() in own_emails)
        for person in event.attendees
    )


def employer_zone(interview_zone: str, user_zone: str) -> str | None:
    """The employer's zone when it is a real place other than the user's zone."""
    if interview_zone.startswith(_NO_PLACE) or interview_zone == user_zone:
        return None
    moment = datetime(2026, 1, 15, 12, tzinfo=UTC)
    summer = datetime(2026, 7, 15, 12, tzinfo=UTC)
    same = all(
        m.astimezone(ZoneInfo(interview_zone)).utcoffset()
        == m.astimezone(ZoneInfo(user_zone)).utcoffset()
        for m in (moment, summer)
    )
    return None if same else interview_zone


def place_name(zone: str) -> str:
    """The city part of an IANA zone, as people say it: "Europe/London" → "London"."""
    return zone.rsplit("/", 1)[-1].replace("_", " ")


class SlotBook:
    """The calendar's busy time and the calls placed so far in one run; places calls one by
    one, so no two calls overlap."""

    def __init__(
        self,
        busy: Sequence[Busy],
        *,
        call_time: time,
        call_hours: tuple[time, time],
        others: Mapping[str, Busy] | None = None,
    ) -> None:
        self.zone = ZoneInfo("UTC")  # the user's zone of the call being placed
        self._employer: str | None = None  # and the employer's, when elsewhere
        self.call_time = call_time
        self.call_hours = call_hours
        self._busy = sorted(busy, key=lambda b: (b.start, b.end))
        self._starts = [b.start for b in self._busy]
        # the busy time merged into disjoint blocks: whether a moment is free is two bisections,
        # however long or nested the events (a year-long "busy" block included)
        self._blocks = _merged(self._busy)
        self._ends = [end for _, end in self._blocks]
        self._placed: list[Busy] = []
        # calsync's calls as the calendar holds them, by id: a new call avoids them
        self._others = dict(others or {})
        self._current = ""  # the id of the call being placed

    def scratch(self) -> SlotBook:
        """A copy to try placements on without taking anything in this book."""
        copy = SlotBook((), call_time=self.call_time, call_hours=self.call_hours)
        copy._busy, copy._starts = self._busy, self._starts
        copy._blocks, copy._ends = self._blocks, self._ends
        copy._placed, copy._others = list(self._placed), dict(self._others)
        return copy

    def take(self, start: datetime) -> None:
        """A call the user put at `start` themselves: no other call goes there."""
        self._placed.append(Busy(start, start + CALL_LENGTH, "another follow-up call"))

    def place(self, ask: Ask) -> Slot:
        """The slot for one call, and it is then taken for every later call."""
        self.zone = ZoneInfo(ask.user_zone)
        self._employer = ask.employer_zone
        self._current = ask.call_id
        slot = self._choose(ask)
        self.take(slot.start)
        return slot

    # ---- choosing -------------------------------------------------------------------------

    def _choose(self, ask: Ask) -> Slot:
        fresh, tier = self._fresh(ask)
        kept = NOT_FREE if ask.kept is None else self._kept_tier(ask, ask.kept)
        if ask.kept is not None and kept <= tier and kept != NOT_FREE:
            when = self._clock(ask.kept)
            return Slot(
                ask.kept,
                said("{when} is where calsync put it before, and it is still free", when=when),
                None if kept == BOTH_SIDES else fresh.why_note if fresh else None,
            )
        if fresh is not None:
            return fresh
        start = self._wanted(ask)
        return Slot(
            start,
            said(
                "no free slot in the window; {time} on {day}",
                time=self._clock(start),
                day=self._day(start),
            ),
            said(
                "your calendar has no free time in the whole window: the call overlaps "
                "something; move it to suit you"
            ),
        )

    def _fresh(self, ask: Ask) -> tuple[Slot | None, int]:
        employer = ask.employer_zone
        first_blocker: Blocked | None = None
        for day in ask.days:
            start, blocker = self._first_free(self._spans(ask, day), avoid_others=True)
            first_blocker = first_blocker or blocker
            if start is not None:
                why = self._why(ask, start, first_blocker)
                return Slot(start, why), BOTH_SIDES
        if employer is None:
            return None, NOT_FREE
        city = place_name(employer)
        for day in ask.days:
            nearest = self._nearest(self._user_spans(ask, day), employer)
            if nearest is not None:
                return (
                    Slot(
                        nearest,
                        said(
                            "your call hours and {company}'s hours in {city} do not overlap on "
                            "any free day of the window; {time} on {day} is the free slot "
                            "nearest to their hours",
                            company=ask.company,
                            city=city,
                            time=self._clock(nearest),
                            day=self._day(nearest),
                        ),
                        said(
                            "outside {company}'s business hours in {city}",
                            company=ask.company,
                            city=city,
                        ),
                    ),
                    USERS_HOURS,
                )
        return None, NOT_FREE

    def _why(self, ask: Ask, start: datetime, blocker: Blocked | None) -> Said:
        wanted = self._wanted(ask)
        when = self._clock(start)
        if self._day(start) != self._day(wanted):
            when = said("{time} on {day}", time=when, day=self._day(start))
        hours: dict[str, str | Said] = {}
        if ask.employer_zone is not None:
            hours = {"company": ask.company, "city": place_name(ask.employer_zone)}
        if blocker is not None:
            taken = self._clock(blocker[0])
            if self._day(blocker[0]) != self._day(start):
                taken = said("{time} on {day}", time=taken, day=self._day(blocker[0]))
            title = blocker[1].title
            if hours:
                return said(
                    "{taken} was taken by '{title}'; {when} is the first free slot that is "
                    "also within {company}'s hours in {city}",
                    taken=taken,
                    title=title,
                    when=when,
                    **hours,
                )
            return said(
                "{taken} was taken by '{title}'; {when} is the first free slot",
                taken=taken,
                title=title,
                when=when,
            )
        if start == wanted:
            if hours:
                return said(
                    "{when} is free, within {company}'s hours in {city}", when=when, **hours
                )
            return said("{when} is free", when=when)
        if hours:
            return said(
                "{when} is the first slot that is also within {company}'s hours in {city}",
                when=when,
                **hours,
            )
        return said("{when} is the first free slot within your call hours", when=when)

    def _wanted(self, ask: Ask) -> datetime:
        """Where the call would go on an empty calendar, ignoring the employer's hours."""
        spans = self._user_spans(ask, ask.days[0])
        return spans[0][0] if spans else _at(ask.days[0], self.call_time, ask.day_zone)

    def _kept_tier(self, ask: Ask, start: datetime) -> int:
        day = start.astimezone(ZoneInfo(ask.day_zone)).date()
        end = start + CALL_LENGTH
        if day not in ask.days or not any(
            a <= start and end <= b for a, b in self._user_spans(ask, day)
        ):
            return NOT_FREE
        if self._overlap(start, avoid_others=False) is not None:
            return NOT_FREE
        if ask.employer_zone and not _within_business_hours(start, ask.employer_zone):
            return USERS_HOURS
        return BOTH_SIDES

    # ---- the day's free time --------------------------------------------------------------

    def _user_spans(self, ask: Ask, day: date) -> list[Span]:
        """The user's call hours (from `call_time` on) that fall on `day` of the window, a day
        in the interview's zone: in another zone they may be the ends of two of the user's
        days."""
        tz = ZoneInfo(ask.day_zone)
        begins = datetime.combine(day, time(0), tz)
        ends = datetime.combine(day + timedelta(days=1), time(0), tz)
        opens = max(self.call_time, self.call_hours[0])
        first = begins.astimezone(self.zone).date()
        last = (ends - timedelta(microseconds=1)).astimezone(self.zone).date()
        spans = []
        for offset in range((last - first).days + 1):
            mine = first + timedelta(days=offset)
            a = max(datetime.combine(mine, opens, self.zone), begins)
            b = min(datetime.combine(mine, self.call_hours[1], self.zone), ends)
            if a < b:
                spans.append((a, b))
        return spans

    def _spans(self, ask: Ask, day: date) -> list[Span]:
        """The user's call hours on `day`, cut to the employer's business hours."""
        spans = self._user_spans(ask, day)
        if ask.employer_zone is None:
            return spans
        return [cut for a, b in spans for cut in _business_spans(a, b, ask.employer_zone)]

    def _first_free(
        self, spans: Sequence[Span], *, avoid_others: bool
    ) -> tuple[datetime | None, Blocked | None]:
        """The earliest free start in `spans`, and the first event in the way (with the time
        it took)."""
        blocker: Blocked | None = None
        for a, b in spans:
            moment = a
            while moment + CALL_LENGTH <= b:
                hit = self._overlap(moment, avoid_others=avoid_others)
                if hit is None:
                    return moment, blocker
                blocker = blocker or (moment, self._named(hit, moment))
                moment = _round_up(hit.end).astimezone(self.zone)
        return None, blocker

    def _nearest(self, spans: Sequence[Span], employer: str) -> datetime | None:
        """The free start within `spans` closest to the employer's business hours."""
        best: tuple[timedelta, datetime] | None = None
        for lo, hi in spans:
            moment = lo
            while moment + CALL_LENGTH <= hi:
                if self._overlap(moment, avoid_others=True) is None:
                    gap = _distance(moment, employer)
                    if best is None or gap < best[0]:
                        best = (gap, moment)
                moment += _STEP
        return best[1] if best else None

    def _overlap(self, start: datetime, *, avoid_others: bool) -> Busy | None:
        """What a call at `start` would overlap: a block of busy time (its events unnamed) or
        another call; the block, when both."""
        end = start + CALL_LENGTH
        index = bisect_right(self._ends, start)  # the first block that ends after `start`
        if index < len(self._blocks) and self._blocks[index][0] < end:
            return Busy(*self._blocks[index], title="")
        # one pass, no copies: this runs for every probe, against every other plan's call
        hits = [b for b in self._placed if b.start < end and b.end > start]
        if avoid_others:
            current = self._current
            hits += [
                b
                for key, b in self._others.items()
                if b.start < end and b.end > start and key != current
            ]
        return min(hits, key=lambda b: b.start) if hits else None

    def _named(self, hit: Busy, start: datetime) -> Busy:
        """`hit` with the title of an event that a call at `start` would overlap (said once
        per call, in `plan`'s reason)."""
        if hit.title:
            return hit
        end = start + CALL_LENGTH
        for index in range(bisect_left(self._starts, end) - 1, -1, -1):
            if self._busy[index].end > start:
                return replace(hit, title=self._busy[index].title)
        return hit

    def _clock(self, moment: datetime) -> str | Said:
        """The user's clock; with the employer elsewhere, theirs too."""
        mine = _clock_in(moment, self.zone)
        if self._employer is None:
            return mine
        return said(
            "{time} ({their_time} in {city})",
            time=mine,
            their_time=_clock_in(moment, self._employer),
            city=place_name(self._employer),
        )

    def _day(self, moment: datetime) -> str:
        return moment.astimezone(self.zone).date().isoformat()


def _at(day: date, when: time, zone: str) -> datetime:
    return datetime.combine(day, when, ZoneInfo(zone))


def _clock_in(moment: datetime, zone: str | ZoneInfo) -> str:
    tz = zone if isinstance(zone, ZoneInfo) else ZoneInfo(zone)
    return moment.astimezone(tz).strftime("%H:%M")


def _merged(busy: Sequence[Busy]) -> list[Span]:
    """Busy time sorted by start, as disjoint blocks."""
    blocks: list[Span] = []
    for item in busy:
        if blocks and item.start <= blocks[-1][1]:
            if item.end > blocks[-1][1]:
                blocks[-1] = (blocks[-1][0], item.end)
        else:
            blocks.append((item.start, item.end))
    return blocks


def _business_spans(lo: datetime, hi: datetime, zone: str) -> list[tuple[datetime, datetime]]:
    """[lo, hi) cut to the employer's weekday business hours (their days around it)."""
    tz = ZoneInfo(zone)
    spans = []
    middle = lo.astimezone(tz).date()
    for offset in (-1, 0, 1):
        day = middle + timedelta(days=offset)
        if day.weekday() >= 5:
            continue
        opens = datetime.combine(day, BUSINESS_HOURS[0], tz)
        closes = datetime.combine(day, BUSINESS_HOURS[1], tz)
        a, b = max(lo, opens), min(hi, closes)
        if a < b:
            spans.append((a, b))
    return spans


def _within_business_hours(start: datetime, zone: str) -> bool:
    end = start + CALL_LENGTH
    return any(a == start and b == end for a, b in _business_spans(start, end, zone))


def _distance(start: datetime, zone: str) -> timedelta:
    """How far a call at `start` is from the employer's business hours (any day)."""
    tz = ZoneInfo(zone)
    end = start + CALL_LENGTH
    best = timedelta(days=2)
    middle = start.astimezone(tz).date()
    for offset in (-1, 0, 1):
        day = middle + timedelta(days=offset)
        opens = datetime.combine(day, BUSINESS_HOURS[0], tz)
        closes = datetime.combine(day, BUSINESS_HOURS[1], tz)
        gap = max(opens - end, start - closes, timedelta(0))
        best = min(best, gap)
    return best


def _round_up(moment: datetime) -> datetime:
    """`moment` on the next five minutes (itself when already on one)."""
    seconds = int(moment.timestamp())
    extra = (-seconds) % _ROUND
    if extra == 0 and moment.microsecond == 0:
        return moment
    return moment + timedelta(seconds=extra, microseconds=-moment.microsecond)
