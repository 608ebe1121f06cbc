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

from calsync.adapters.ics import repeated
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
# a line whose name is not all capitals: then the careful, case-blind reading is used
LOWER_NAME = re.compile(rb"\n[A-Z0-9-]*[a-z]")
COMPONENT = re.compile(rb"\n(BEGIN|END)([;:][^\r\n]*)", re.IGNORECASE)
RARE = (b"\nRRULE", b"\nRDATE", b"\nRECURRENCE-ID", b"\nX-CALSYNC-")
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
    trimmed: tuple[repeated.Trimmed, ...] = ()  # events kept with fewer lines than they had


class Scanner:
    """Feed the bytes of one source in order; `close` checks the whole and returns what to parse.

    `since`/`until` None keeps every event (a plain read with the same checks).
    """

    def __init__(self, name: str, *, since: datetime | None, until: datetime | None) -> None:
        self.name = name
        self.low = None if since is None else _naive_utc(since) - MARGIN
        self.high = None if until is None else _naive_utc(until) + MARGIN
        # the same bounds as numbers YYYYMMDDhhmmss: comparing them is what most events need
        self.low_key = 0 if self.low is None else _as_key(self.low)
        self.low_key_less_a_day = 0 if self.low is None else _as_key(self.low - timedelta(days=1))
        self.high_key = 0 if self.high is None else _as_key(self.high)
        self.size = 0
        self.head = b""
        self.tail = b""
        self.utf8 = codecs.getincrementaldecoder("utf-8")()
        self.utf16: codecs.IncrementalDecoder | None = None  # a UTF-16 file, decoded as it comes
        self.had_nul = False  # NUL bytes near the start: binary data unless it is iCalendar
        self.is_utf8 = True
        self.cp1252_ok = True
        self.pending: list[bytes] = []  # the start of a line not yet complete
        self.kept: list[bytes] = []
        self.stack: list[bytes] = []
        self.open: list[bytes] | None = None  # an event whose END is still to come
        self.plain = True
        self.confused = False  # an odd structure: stop leaving anything out
        self.dropped = 0
        self.dropped_uids: set[bytes] = set()
        self.trimmed: list[repeated.Trimmed] = []  # events kept with fewer lines than they had

    def feed(self, chunk: bytes) -> None:
        if not chunk:
            return
        if self.size == 0:
            self.utf16 = _utf16_decoder(chunk)
        self.size += len(chunk)
        self.had_nul = self.had_nul or b"\x00" in chunk[:CHECKED_HEAD]
        if self.utf16 is not None:  # read as the UTF-8 it says, so the rest of the pass is one
            chunk = self.utf16.decode(chunk).encode("utf-8")
        if b"\x00" in chunk:  # a stray NUL byte (in a description) is dropped, not fatal
            chunk = chunk.replace(b"\x00", b"")
        if not chunk:
            return
        first = not self.head
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
        if self.open is not None:  # an unclosed VEVENT: icalendar decides what it is
            self.kept.extend(self.open)
            self.open = None
        data = b"".join(self.kept)
        self.kept = []
        text = self._decode(data)
        return Scanned(
            text=text,
            size=self.size,
            dropped=self.dropped,
            dropped_uids=frozenset(_uid_text(uid, self.is_utf8) for uid in self.dropped_uids),
            trimmed=tuple(self.trimmed),
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
        head = self._text_of(self.head).lstrip()[:15].upper()
        if self.had_nul and not head.startswith("BEGIN:VCALENDAR"):
            raise InputError(f"{name}: binary data, not an iCalendar file")
        if not self.is_utf8 and not self.cp1252_ok:
            raise InputError(f"{name}: not text, not an iCalendar file")
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
        # a leading line break makes the first line findable like every other one
        text = b"\n" + _unfold(raw)
        # names in capitals (as every exporter writes them) let bytes.find do the work
        self.plain = LOWER_NAME.search(text) is None
        position = 1  # text[position:] is not yet kept or dropped; it starts a line
        if self.open is not None:
            found = text.find(b"\nEND:VEVENT")
            if found < 0:
                self.open.append(text[1:])
                return
            end = _line_end(text, found + 1)
            self.open.append(text[1:end])
            block, self.open = b"".join(self.open), None
            self._decide(block, careful=True)  # its start was read with other text
            position = end
        while True:
            found = text.find(b"\nBEGIN:VEVENT", position - 1)
            if found < 0 or self.confused:
                self._track(text, position, len(text))
                self.kept.append(text[position:])
                return
            start = found + 1
            end = _line_end(text, start)
            self._track(text, position, start)
            if text[start + 12 : end].strip() or not self._at_calendar_level():
                self._track(text, start, end)
                self.kept.append(text[position:end])  # BEGIN:VEVENTX, or a nested VEVENT
                position = end
                continue
            self.kept.append(text[position:start])
            found = text.find(b"\nEND:VEVENT", start)
            if found < 0:
                self.open = [text[start:]]
                return
            end = _line_end(text, found + 1)
            self._decide(text[start:end])
            position = end

    def _track(self, text: bytes, position: int, end: int) -> None:
        """Follow the components opened and closed in text kept as it is."""
        if position >= end:
            return  # events back to back, the usual case
        for match in COMPONENT.finditer(text, position - 1, end):
            name = _value(match.group(2)).strip().upper()
            if match.group(1).upper() == b"BEGIN":
                self.stack.append(name)
            elif self.stack and self.stack[-1] == name:
                self.stack.pop()
            else:
                self.confused = True  # unbalanced: keep the rest as it is

    def _at_calendar_level(self) -> bool:
        return not self.confused and self.stack == [b"VCALENDAR"]

    def _decide(self, block: bytes, *, careful: bool = False) -> None:
        if self.low is None:
            self.kept.append(repeated.capped(block, self.trimmed))
            return
        if self.plain and not careful and b"\nBEGIN:" not in block and not self._rare(block):
            keep, uid = self._plain_keep(block)
        else:
            props = self._props(block)
            keep = props is None or self._keep(props)
            uids = [] if props is None else props.get(b"UID", [])
            uid = _value(uids[0]).strip() if len(uids) == 1 else None
        if keep:
            self.kept.append(repeated.capped(block, self.trimmed))
            return
        self.dropped += 1
        if uid is not None:
            self.dropped_uids.add(uid)

    @staticmethod
    def _rare(block: bytes) -> bool:
        """A recurring master, an override, or one of calsync's events: always kept."""
        return any(key in block for key in RARE)

    def _plain_keep(self, block: bytes) -> tuple[bool, bytes | None]:
        """`_keep` for the common shape (one DTSTART, names in capitals, nothing nested), with
        as few steps as possible: this runs for every event of a long history."""
        uid_at = block.find(b"\nUID")
        if uid_at < 0 or block.find(b"\nUID", uid_at + 1) >= 0:
            return True, None
        uid_line = _line(block, uid_at)
        if uid_line[3:4] not in (b":", b";"):
            return True, None  # a longer name that starts with UID
        uid = _value(uid_line[3:]).strip()
        if CALSYNC_UID.match(uid):
            return True, uid
        start = self._plain_key(block, b"\nDTSTART")
        if start is None:
            return True, uid
        if start >= self.high_key:
            return False, uid
        if b"\nDTEND" in block:
            end = self._plain_key(block, b"\nDTEND")
            return end is None or max(start, end) > self.low_key, uid
        if b"\nDURATION" in block:
            return True, uid  # rare: not worth the arithmetic here
        return start > self.low_key_less_a_day, uid

    @staticmethod
    def _plain_key(block: bytes, name: bytes) -> int | None:
        found = block.find(name)
        if found < 0 or block.find(name, found + 1) >= 0:
            return None
        line = _line(block, found)
        if line[len(name) - 1 : len(name)] not in (b":", b";"):
            return None
        return _key(line[len(name) - 1 :])

    @staticmethod
    def _props(block: bytes) -> dict[bytes, list[bytes]] | None:
        """The event's own properties (not its VALARMs'), whatever the case of their names;
        None when its shape is unclear."""
        props: dict[bytes, list[bytes]] = {}
        depth = 0
        for match in TOKEN.finditer(block):
            key = match.group(1).upper()
            if key == b"BEGIN":
                depth += 1
            elif key == b"END":
                depth -= 1
                if depth < 0 and match.end() < len(block.rstrip()):
                    return None  # an END before the event's own: not one plain VEVENT
            elif depth == 0:
                props.setdefault(key, []).append(match.group(2))
        return props

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
        start = _key(starts[0])
        if start is None:
            return True
        if start >= self.high_key:
            return False
        if b"DTEND" in props:
            end = _key(props[b"DTEND"][0])
            return end is None or max(start, end) > self.low_key
        if b"DURATION" in props:
            durations = props[b"DURATION"]
            moment = _moment(start)
            length = _duration(_value(durations[0]).strip())
            if moment is None or length is None or len(durations) > 1:
                return True
            return moment + length > self.low
        return start > self.low_key_less_a_day  # an all-day event's day (and a wide margin)


def scan(
    chunks: Iterable[bytes], name: str, *, since: datetime | None, until: datetime | None
) -> Scanned:
    """Read `chunks` once; the text worth parsing for events overlapping [since, until)."""
    scanner = Scanner(name, since=since, until=until)
    for chunk in chunks:
        scanner.feed(chunk)
    return scanner.close()


def _utf16_decoder(first: bytes) -> codecs.IncrementalDecoder | None:
    """A decoder for a UTF-16 file (a BOM, or "BEGIN" with a NUL byte after each letter)."""
    if first.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return codecs.getincrementaldecoder("utf-16")("replace")
    if first.startswith(b"B\x00E\x00G\x00"):
        return codecs.getincrementaldecoder("utf-16-le")("replace")
    if first.startswith(b"\x00B\x00E\x00G"):
        return codecs.getincrementaldecoder("utf-16-be")("replace")
    return None


def _unfold(raw: bytes) -> bytes:
    """`UNFOLD.sub(b"", raw)`, at the speed of bytes.replace when no empty line precedes a
    continuation (the regex tries every position: seconds for an export of 15 MB)."""
    if any(odd in raw for odd in (b"\n\n ", b"\n\n\t", b"\n\r\n ", b"\n\r\n\t")):
        return UNFOLD.sub(b"", raw)
    for fold in (b"\r\n ", b"\r\n\t", b"\n ", b"\n\t"):
        if fold in raw:  # a search is cheaper than a copy
            raw = raw.replace(fold, b"")
    return raw


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


def _line(block: bytes, found: int) -> bytes:
    """The line that starts after the line break at `found`, without its line break."""
    return block[found + 1 : _line_end(block, found + 1)].rstrip(b"\r\n")


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


def _key(rest: bytes) -> int | None:
    """A DATE or DATE-TIME as the number YYYYMMDDhhmmss, read as if UTC (zones are within
    MARGIN), so that comparing numbers compares times; None when unsure what it is."""
    value = _value(rest).strip()
    if len(value) == 8 and value.isdigit():
        return int(value) * 1_000_000
    if len(value) in (15, 16) and value[8:9] in (b"T", b"t") and value[:8].isdigit():
        clock = value[9:15]
        if not clock.isdigit() or (len(value) == 16 and value[15:] not in (b"Z", b"z")):
            return None
        return int(value[:8] + clock)
    return None


def _as_key(moment: datetime) -> int:
    return int(moment.strftime("%Y%m%d%H%M%S"))


def _moment(key: int) -> datetime | None:
    digits = f"{key:014d}"
    try:
        return datetime(
            int(digits[:4]),
            int(digits[4:6]),
            int(digits[6:8]),
            int(digits[8:10]),
            int(digits[10:12]),
            int(digits[12:14]),
        )
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
