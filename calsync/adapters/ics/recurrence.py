"""A series expanded from the range read, not from its first day (SPEC "Every run ends").

The expander (dateutil, under recurring-ical-events) walks a rule from its DTSTART: a rule
repeating every second since 2020 is hundreds of millions of steps before the range is reached.
For the rules whose occurrences lie on a fixed grid of wall-clock time (every N seconds,
minutes, hours, days or weeks, however filtered by BY-parts: the grid and the filters do not
depend on where the series starts), starting the series a whole number of grid steps later
gives the same occurrences from there on. So DTSTART (and DTEND with it) is moved to the last
grid step before the range, less the event's length and a margin wider than any zone's offset;
an endless SECONDLY series then costs no more than a weekly one.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from dateutil.rrule import rrulestr

# the length of one step of each frequency whose steps are all the same length (in wall time)
STEP = {
    "SECONDLY": timedelta(seconds=1),
    "MINUTELY": timedelta(minutes=1),
    "HOURLY": timedelta(hours=1),
    "DAILY": timedelta(days=1),
    "WEEKLY": timedelta(weeks=1),
}
MARGIN = timedelta(days=3)  # wider than any UTC offset, as in the first pass (ics.scan)
CLOCK_CHANGE = timedelta(hours=3)  # wider than any change of a zone's offset
FILTERS = ("BYSECOND", "BYMINUTE", "BYHOUR", "BYDAY", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO")
FILTERS_MORE = ("BYMONTH", "BYSETPOS")


def start_near(components: list[Any], since: datetime) -> None:
    """Move the start of the series in `components` (one UID: its master and overrides) close
    to `since` when its rule allows; a series it cannot reason about is left as it is."""
    masters = [c for c in components if "RECURRENCE-ID" not in c and "RRULE" in c]
    if len(masters) != 1:
        return
    master = masters[0]
    rule = master.get("RRULE")
    if isinstance(rule, list):
        return  # several rules: rare, and each would need its own grid
    try:
        _move(master, rule, _earliest(components, since))
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError):
        return  # an odd rule or date: the expander decides what it is


def _earliest(components: list[Any], since: datetime) -> datetime:
    """`since`, or the earliest occurrence an override replaces, if that is earlier."""
    earliest = since
    for component in components:
        if "RECURRENCE-ID" in component:
            moment = _aware(component["RECURRENCE-ID"].dt, since)
            earliest = min(earliest, moment)
    return earliest


def _move(master: Any, rule: Any, earliest: datetime) -> None:
    freq = _one(rule, "FREQ")
    if not isinstance(freq, str) or freq.upper() not in STEP:
        return
    interval = int(_one(rule, "INTERVAL") or 1)
    if interval < 1:
        return
    step = STEP[freq.upper()] * interval
    start_prop = master["DTSTART"]
    start: date | datetime = start_prop.dt
    if not isinstance(start, datetime) and step % timedelta(days=1):
        return  # a DATE with a step shorter than a day: leave it to the expander
    length = _length(master, start)
    target = _aware(start, earliest)
    # a zone-aware start is placed exactly (an hour's leeway for a clock change); a floating
    # or DATE one is read in a zone not known here, so the margin covers any offset
    aware = isinstance(start, datetime) and start.tzinfo is not None
    limit = earliest - length - (CLOCK_CHANGE if aware else MARGIN)
    if target >= limit:
        return
    # the steps are counted in the series' own wall time, as the expander walks them
    wall_limit = _wall(limit, start)
    steps = (wall_limit - _wall_of(start)) // step
    if steps <= 0:
        return
    count = _one(rule, "COUNT")
    if count is not None:
        if any(key in rule for key in (*FILTERS, *FILTERS_MORE)):
            return  # how many occurrences a step holds depends on the filters
        if int(count) <= steps:
            return  # it ends before the range: COUNT bounds the walk already
        rule["COUNT"] = [int(count) - steps]
    shift = step * steps
    start_prop.dt = start + shift
    end_prop = master.get("DTEND")
    if end_prop is not None:
        end_prop.dt = end_prop.dt + shift


def _one(rule: Any, key: str) -> Any:
    value = rule.get(key)
    if isinstance(value, list):
        return value[0] if len(value) == 1 else None
    return value


def _length(master: Any, start: date | datetime) -> timedelta:
    end_prop = master.get("DTEND")
    if end_prop is not None:
        end: date | datetime = end_prop.dt
        if isinstance(end, datetime) and isinstance(start, datetime):
            return max(end.replace(tzinfo=None) - start.replace(tzinfo=None), timedelta(0))
        if isinstance(end, date) and not isinstance(start, datetime):
            return max(end - start, timedelta(0))
        return timedelta(days=1)
    duration = master.get("DURATION")
    if duration is not None and isinstance(duration.dt, timedelta):
        return max(duration.dt, timedelta(0))
    return timedelta(days=1)


def _aware(value: date | datetime, like: datetime) -> datetime:
    if not isinstance(value, datetime):
        return datetime(value.year, value.month, value.day, tzinfo=like.tzinfo)
    return value if value.tzinfo is not None else value.replace(tzinfo=like.tzinfo)


def _wall(moment: datetime, start: date | datetime) -> datetime:
    """`moment` as wall time in the zone of `start` (floating and DATE: as `moment` reads)."""
    if isinstance(start, datetime) and start.tzinfo is not None:
        return moment.astimezone(start.tzinfo).replace(tzinfo=None)
    return moment.replace(tzinfo=None)


def _wall_of(start: date | datetime) -> datetime:
    if isinstance(start, datetime):
        return start.replace(tzinfo=None)
    return datetime(start.year, start.month, start.day)


def repeats_more_than(
    components: list[Any], since: datetime, until: datetime, limit: int
) -> bool | None:
    """Whether the series' rule alone has more than `limit` occurrences in [since, until).

    Counted by dateutil directly, which takes microseconds a step, so a runaway rule (every
    second, every minute) is told before the expander builds thousands of events out of it.
    None when it cannot tell (several rules, an odd value): the expander then counts as it goes.
    """
    masters = [c for c in components if "RECURRENCE-ID" not in c and "RRULE" in c]
    if not masters:
        return False  # RDATEs and moved occurrences only: as many as the file lists
    if len(masters) != 1 or isinstance(masters[0].get("RRULE"), list):
        return None
    master = masters[0]
    try:
        start = master["DTSTART"].dt
        if not isinstance(start, datetime):
            start = datetime(start.year, start.month, start.day)
        low, high = since, until
        if start.tzinfo is None:  # floating or DATE: in a zone within a day of UTC's
            low = since.astimezone(UTC).replace(tzinfo=None) - timedelta(days=1)
            high = until.astimezone(UTC).replace(tzinfo=None) + timedelta(days=1)
        else:
            low = since.astimezone(start.tzinfo)
        text = master["RRULE"].to_ical().decode("ascii")
        rule = rrulestr(text, dtstart=start, cache=False)
        for seen, moment in enumerate(rule.xafter(low, inc=True)):
            if moment >= high:
                return False
            if seen >= limit:
                return True
    except (ValueError, TypeError, KeyError, AttributeError, OverflowError, UnicodeError):
        return None
    return False
