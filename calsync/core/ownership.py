"""The one answer to "is this event calsync's?", for every backend.

calsync marks what it writes in two ways: the kind mark (`X-CALSYNC-KIND` in iCalendar, the
private extended property `calsync_kind` in Google) and, in iCalendar, the UID it derives from the
event's identity (`<32 hex digits>@calsync`). An event with neither is someone else's, and calsync
never changes or removes it.
"""

from __future__ import annotations

from calsync.core.identity import UID_DOMAIN
from calsync.model import KINDS

_HEX = frozenset("0123456789abcdef")


def is_calsync_uid(uid: str) -> bool:
    """True for the UIDs calsync gives its events, and only those.

    >>> is_calsync_uid("0123456789abcdef0123456789abcdef@calsync")
    True
    >>> is_calsync_uid("0123456789abcdef0123456789abcdef@example.com")
    False
    >>> is_calsync_uid("dentist@calsync")
    False
    """
    local, at, domain = uid.strip().partition("@")
    return bool(at) and domain == UID_DOMAIN and len(local) == 32 and set(local) <= _HEX


def is_calsync(*, uid: str = "", kind: str | None = None) -> bool:
    """True when an event carries one of calsync's marks: its kind mark or its UID.

    Backends pass what their format can carry: an .ics target passes the UID (only events with
    calsync's UIDs are calsync's there), Google the private kind property.

    >>> is_calsync(kind="thank-you")
    True
    >>> is_calsync(kind="birthday")
    False
    >>> is_calsync(uid="0123456789abcdef0123456789abcdef@calsync")
    True
    """
    return (kind is not None and kind.strip() in KINDS) or is_calsync_uid(uid)
