"""A first pass over an .ics file that leaves out the events that cannot touch the range.

An export holds every event since the account was made; a run needs the months around "now".
Full parsing costs far more than reading bytes, so this pass reads the raw text once, linearly,
as it arrives (a file or a download in chunks), and keeps:

- everything that is not a VEVENT directly in a VCALENDAR (headers, VTIMEZONEs, VTODOs …);
- every recurring master (RRULE or RDATE) and every override (RECURRENCE-ID), wherever it is;
- every event calsync wrote (a UID with calsync's 32 hex digits, or an X-CALSYNC- property);
- every single event that may overlap the range, and every event it cannot read for certain.

Times are compared as if they were UTC, with a margin wider than any zone's offset, so floating
times, DATE values and TZIDs (even ones defined in the file) never need a zone to decide. What
is kept is unfolded but otherwise the bytes as read; icalendar parses it as it would the whole.
It also makes the whole-file checks (empty, binary, not text, not iCalendar, truncated).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from calsync.errors import InputError

# Wider than any UTC offset a zone has had (±14 h) plus a DATE's whole day: a block dropped
# with this margin cannot overlap the range, whatever zone its times turn out to be in.
MARGIN = timedelta(days=3)
CHECKED_HEAD = 65536  # bytes searched for NUL (binary data)
TAIL = 4096  # END:VCALENDAR must be in the last this-many characters

# icalendar's own unfolding (icalendar.parser.content_line.UFOLD): a line break, any empty
# lines, then a space or tab; the lookbehinds keep a failed try O(1)
UNFOLD = re.compile(rb"(?:(?<!\n)\r\n|(?<![\r\n])\n)(?:\r?\n)*[ \t]")
# the lines the decision needs, found by C code; everything else (notes, attendees) is skipped
# over. Each try starts at a line break and stops at the next, so the search is linear.
TOKEN = re.compile(
    rb"\n(BEGIN|END|DTSTART|DTEND|DURATION|RRULE|RDATE|RECURRENCE-ID|UID|X-CALSYNC-[^:;\r\n]*)"
    rb"([;:][^\r\n]*)",
    re.IGNORECASE,
)
CALSYNC_UID = re.compile(rb"[0-9a-fA-F]{32}(@|$)")
DURATION = re.compile(rb"([+-]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
RECURRING = (b"RRULE", b"RDATE", b"RECURRENCE-ID")


@dataclass(frozen=True)
class Scanned:
    """The text to parse, and what was left out of it."""

    text: str
    size: int  # bytes read
    dropped: int  # events left out: they cannot touch the range
    dropped_uids: frozenset[str]  # their UIDs (two events with one UID are told apart by it)


@dataclass
class _Event:
    pieces: list[bytes]
    props: dict[bytes, list[bytes]]
    depth: int


class Scanner:
    """Feed the bytes of one source in order; `close` checks the whole and returns what to parse.

    `since`/`until` None keeps every event (a plain read with the same checks).
    """

    def __init__(self, name: str, *, since: datetime | None, until: datetime | None) -> None:
        self.name = name
        self.low = None if since is None else _naive_utc(since) - MARGIN
        self.high = None if until is None else _naive_utc(until) + MARGIN
        self.size = 0
        self.head = b""
        self.tail = b""
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.is_utf8 = True
        self.cp1252_ok = True
        self.pending: list[bytes] = []  # the start of a line not yet complete
        self.kept: list[bytes] = []
        self.stack: list[bytes] = []
        self.event: _Event | None = None
        self.confused = False  # an odd structure: stop leaving anything out
        self.dropped = 0
        self.dropped_uids: set[bytes] = set()

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        first = self.size == 0
        self.size += len(chunk)
        if len(self.head) < CHECKED_HEAD:
            self.head += chunk[: CHECKED_HEAD - len(self.head)]
        self.tail = (self.tail + chunk)[-TAIL * 4 :]
        self._check_text(chunk, final=False)
        if first and chunk.startswith(codecs.BOM_UTF8):
            chunk = chunk[len(codecs.BOM_UTF8) :]  # decoding as utf-8-sig drops it too
        # complete logical lines only: cut after a line break whose next byte starts a new line
        cut = _last_line_start(chunk)
        if cut <= 0:
            self.pending.append(chunk)
            return
        segment = b"".join((*self.pending, chunk[:cut]))
        self.pending = [chunk[cut:]]
        self._segment(segment)

    def close(self) -> Scanned:
        self._check_text(b"", final=True)
        if self.pending:
            self._segment(b"".join(self.pending))
            self.pending = []
        if self.event is not None:  # an unclosed VEVENT: icalendar decides what it is
            self.kept.extend(self.event.pieces)
            self.event = None
        data = b"".join(self.kept)
        self.kept = []
        text = self._decode(data)
        return Scanned(
            text=text,
            size=self.size,
            dropped=self.dropped,
            dropped_uids=frozenset(_uid_text(uid, self.is_utf8) for uid in self.dropped_uids),
        )

    # ---- whole-file checks --------------------------------------------------------------

    def _check_text(self, chunk: bytes, *, final: bool) -> None:
        if self.is_utf8:
            try:
                self.utf8.decode(chunk, final)
            except UnicodeDecodeError:
                self.is_utf8 = False
        if self.cp1252_ok and any(bad in chunk for bad in CP1252_UNDEFINED):
            self.cp1252_ok = False
        if not final:
            return
        name = self.name
        if not self.head.strip():
            raise InputError(f"{name}: the file is empty")
        if b"\x00" in self.head:
            raise InputError(f"{name}: binary data, not an iCalendar file")
        if not self.is_utf8 and not self.cp1252_ok:
            raise InputError(f"{name}: not text, not an iCalendar file")
        head = self._text_of(self.head).lstrip()[:15].upper()
        if not head.startswith("BEGIN:VCALENDAR"):
            raise InputError(
                f"{name}: not an iCalendar file (it does not start with BEGIN:VCALENDAR)"
            )
        if "END:VCALENDAR" not in self._text_of(self.tail)[-TAIL:].upper():
            raise InputError(f"{name}: truncated (no END:VCALENDAR at the end)")

    def _text_of(self, part: bytes) -> str:
        if self.is_utf8:
            return part.decode("utf-8-sig", "ignore")
        return part.decode("cp1252", "ignore")

    def _decode(self, data: bytes) -> str:
        return data.decode("utf-8-sig") if self.is_utf8 else data.decode("cp1252")

    # ---- leaving events out -------------------------------------------------------------

    def _segment(self, raw: bytes) -> None:
        text = UNFOLD.sub(b"", raw)
        # a leading line break makes the first line findable like every other one
        text = b"\n" + text
        position = 1  # text[position:] is not yet kept or dropped
        for match in TOKEN.finditer(text):
            key = match.group(1).upper()
            rest = match.group(2)
            start = match.start() + 1
            if key == b"BEGIN" or key == b"END":
                value = _value(rest).strip().upper()
                if key == b"BEGIN":
                    if value == b"VEVENT" and self._at_calendar_level():
                        self._emit(text[position:start])
                        position = start
                        self.event = _Event(pieces=[], props={}, depth=len(self.stack) + 1)
                    self.stack.append(value)
                    continue
                if not self.stack or self.stack[-1] != value:
                    self.confused = True  # unbalanced: keep the rest as it is
                    self.stack = [s for s in self.stack if s != value]
                    continue
                self.stack.pop()
                event = self.event
                if event is not None and value == b"VEVENT" and len(self.stack) + 1 == event.depth:
                    end = _line_end(text, match.end())
                    event.pieces.append(text[position:end])
                    position = end
                    self.event = None
                    if self._keep(event.props):
                        self.kept.extend(event.pieces)
                    else:
                        self.dropped += 1
                        uids = event.props.get(b"UID", [])
                        if len(uids) == 1:
                            self.dropped_uids.add(_value(uids[0]).strip())
                continue
            event = self.event
            if event is not None and len(self.stack) == event.depth:
                event.props.setdefault(key, []).append(rest)
        self._emit(text[position:])

    def _emit(self, part: bytes) -> None:
        if not part:
            return
        if self.event is not None:
            self.event.pieces.append(part)
        else:
            self.kept.append(part)

    def _at_calendar_level(self) -> bool:
        return (
            self.event is None
            and not self.confused
            and len(self.stack) == 1
            and self.stack[0] == b"VCALENDAR"
        )

    def _keep(self, props: dict[bytes, list[bytes]]) -> bool:
        """False only when the event cannot touch the range, for certain."""
        if self.low is None or self.high is None:
            return True
        if any(key in props for key in RECURRING) or any(
            key.startswith(b"X-CALSYNC-") for key in props
        ):
            return True
        uids = props.get(b"UID", [])
        if len(uids) != 1 or CALSYNC_UID.match(_value(uids[0]).strip()):
            return True
        starts = props.get(b"DTSTART", [])
        if len(starts) != 1 or len(props.get(b"DTEND", [])) > 1:
            return True
        start = _moment(starts[0])
        if start is None:
            return True
        if start >= self.high:
            return False
        end = start
        if b"DTEND" in props:
            found = _moment(props[b"DTEND"][0])
            if found is None:
                return True
            end = max(end, found)
        elif b"DURATION" in props:
            length = _duration(_value(props[b"DURATION"][0]).strip())
            if length is None or len(props[b"DURATION"]) > 1:
                return True
            end = max(end, start + length)
        else:
            end = start + timedelta(days=1)  # an all-day event's day (and a wide margin)
        return end > self.low


def scan(
    chunks: Iterable[bytes], name: str, *, since: datetime | None, until: datetime | None
) -> Scanned:
    """Read `chunks` once; the text worth parsing for events overlapping [since, until)."""
    scanner = Scanner(name, since=since, until=until)
    for chunk in chunks:
        scanner.feed(chunk)
    return scanner.close()


def _last_line_start(chunk: bytes) -> int:
    """The offset after the last line break that is followed by a new line (not a fold)."""
    end = len(chunk) - 1  # the byte after a break must be in this chunk
    while True:
        found = chunk.rfind(b"\n", 0, end)
        if found < 0:
            return -1
        if chunk[found + 1 : found + 2] not in (b" ", b"\t", b"\r", b"\n"):
            return found + 1
        end = found


def _line_end(text: bytes, offset: int) -> int:
    found = text.find(b"\n", offset)
    return len(text) if found < 0 else found + 1


def _value(rest: bytes) -> bytes:
    """The value of a content line after its name: past the parameters, quotes respected."""
    if rest.startswith(b":"):
        return rest[1:]
    quoted = False
    for index, byte in enumerate(rest):
        if byte == 0x22:  # '"'
            quoted = not quoted
        elif byte == 0x3A and not quoted:  # ':'
            return rest[index + 1 :]
    return b""


def _moment(rest: bytes) -> datetime | None:
    """A DATE or DATE-TIME read as a naive time (zones are within MARGIN); None if unsure."""
    value = _value(rest).strip()
    if len(value) == 8 and value.isdigit():
        text = value
    elif len(value) in (15, 16) and value[8:9] in (b"T", b"t") and value[:8].isdigit():
        clock = value[9:15]
        if not clock.isdigit() or (len(value) == 16 and value[15:] not in (b"Z", b"z")):
            return None
        text = value[:8] + clock
    else:
        return None
    try:
        if len(text) == 8:
            return datetime.strptime(text.decode(), "%Y%m%d")
        return datetime.strptime(text.decode(), "%Y%m%d%H%M%S")
    except ValueError:
        return None


def _duration(value: bytes) -> timedelta | None:
    match = DURATION.match(value.upper())
    if match is None or value.upper() in (b"P", b"+P", b"-P") or value.upper().endswith(b"T"):
        return None
    sign, weeks, days, hours, minutes, seconds = match.groups()
    if sign == b"-":
        return timedelta(0)
    return timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )


def _naive_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:
        return moment
    return moment.astimezone(UTC).replace(tzinfo=None)


def _uid_text(raw: bytes, is_utf8: bool) -> str:
    """A UID as icalendar reads it (TEXT: backslash escapes undone)."""
    text = raw.decode("utf-8" if is_utf8 else "cp1252", "replace")
    if "\\" in text:
        import icalendar

        text = str(icalendar.vText.from_ical(text))
    return text.strip()
