"""Why the interview behind a follow-up is no longer one: the reason a removal shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from calsync.core.attendance import declined_by_user
from calsync.model import ExistingEvent, SourceEvent


def why_gone(
    events: Sequence[SourceEvent], held: Iterable[ExistingEvent], own_emails: frozenset[str]
) -> dict[str, str]:
    """For each held follow-up's interview, by source id, why it no longer gets follow-ups."""
    reasons: dict[str, str] = {}
    present = {event.id: event for event in events}
    for event in held:
        source = present.get(event.source_id)
        if source is None:
            reasons[event.source_id] = "its interview is no longer in the calendar"
        elif source.status == "cancelled":
            reasons[event.source_id] = "its interview was cancelled"
        elif declined_by_user(source, own_emails):
            reasons[event.source_id] = "you declined its interview"
        else:
            reasons[event.source_id] = "no longer planned"
    return reasons
