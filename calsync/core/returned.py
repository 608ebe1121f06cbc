"""calsync's own events that came back through a calendar app, recognised by their UID.

A user who imports calsync's .ics into a calendar app and exports that calendar again hands
calsync its own follow-ups back, often without the X- properties. The id inside the UID is
enough to know which follow-up each one is; the notes the user typed on them carry the outcomes
of the calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from calsync.core.identity import event_id, id_from_uid
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, ExistingEvent, SourceEvent
from calsync.settings import Settings

Identity = tuple[str, str, int]  # (source id, kind, number)


def candidate_ids(
    calendar: str, source_ids: Iterable[str], settings: Settings
) -> dict[str, Identity]:
    """Every id calsync could have given an event of these interviews → (source, kind, n)."""
    found: dict[str, Identity] = {}
    for source_id in source_ids:
        for kind, top in ((THANK_YOU, 2), (FOLLOW_UP_CALL, settings.max_calls)):
            for number in range(1, top + 1):
                found[event_id(calendar, source_id, kind, number)] = (source_id, kind, number)
    return found


def as_existing(
    key: str, event: SourceEvent, identity: Identity, held: ExistingEvent | None
) -> ExistingEvent:
    """A returned event as one of calsync's, keeping the target's copy when nothing changed."""
    source_id, kind, number = identity
    if held is not None and held.description.strip() and event.description == held.description:
        return held
    return ExistingEvent.seen_in(
        event,
        id=key,
        kind=kind,
        number=number,
        source_id=source_id,
        # an app that drops X- properties drops the fingerprint too; the target's copy of the
        # same event still has it, which tells an untouched event from one with notes
        fingerprint=event.calsync_fingerprint or (held.fingerprint if held else None),
    )


def with_returned(
    events: Sequence[SourceEvent],
    candidates: Mapping[str, Identity],
    observed: Mapping[str, ExistingEvent],
) -> dict[str, ExistingEvent]:
    """`observed` plus the source's events that are calsync's follow-ups come back."""
    seen = dict(observed)
    for event in events:
        key = event.id if event.id in candidates else id_from_uid(event.uid)
        if key in candidates:
            seen[key] = as_existing(key, event, candidates[key], seen.get(key))
    return seen
