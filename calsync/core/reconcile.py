"""What should exist vs what the target holds → actions, each with the reason for it.

The rules that make calsync safe to run from cron (SPEC "Sync rules"):
- only calsync's own events are ever considered (the caller passes nothing else);
- an event the user edited is kept as they made it (its fingerprint no longer matches);
- an event the user deleted is not recreated;
- an untouched event whose interview moved is updated; an untouched future event whose
  interview was cancelled, declined or removed is cancelled; past events are history and stay.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime

from calsync.core.identity import same_fingerprint, user_edited
from calsync.model import Action, ExistingEvent, FollowUp


def reconcile(
    desired: Sequence[FollowUp],
    existing: Iterable[ExistingEvent],
    *,
    now: datetime,
    since: datetime,
    until: datetime,
    deleted_ids: frozenset[str] = frozenset(),
    gone: Mapping[str, str] | None = None,
) -> list[Action]:
    """One action per follow-up id, in a stable order (desired first, then leftovers).

    `since`/`until` are the range of interviews that were read: an event whose interview lies
    outside it is not judged. `gone` maps the source id of an interview that is no longer an
    interview to the reason shown ("its interview was cancelled").
    """
    why_gone = gone or {}
    held = {event.id: event for event in existing}
    actions: list[Action] = []
    for followup in desired:
        event = held.pop(followup.id, None)
        actions.append(_for_desired(followup, event, deleted_ids))
    for event in sorted(held.values(), key=lambda e: (e.start, e.id)):
        actions.append(_for_leftover(event, now=now, since=since, until=until, why_gone=why_gone))
    return actions


def _for_desired(
    followup: FollowUp, event: ExistingEvent | None, deleted_ids: frozenset[str]
) -> Action:
    if followup.id in deleted_ids or (event is not None and event.deleted_by_user):
        return Action("keep", "deleted by you; not recreated", followup.id, followup, event)
    if event is None:
        return Action("create", "new", followup.id, followup, None)
    if event.status == "cancelled":
        return Action("update", "its interview is back; restored", followup.id, followup, event)
    if user_edited(event):
        return Action("keep", "edited by you; left as you made it", followup.id, followup, event)
    if same_fingerprint(event.fingerprint, followup.fingerprint):
        return Action("keep", "up to date", followup.id, followup, event)
    if event.start != followup.start:
        if event.interview_start is not None and event.interview_start == followup.interview_start:
            # the interview stayed: a meeting took the call's slot, or its window changed
            return Action("update", "moved to a free slot", followup.id, followup, event)
        return Action("update", "its interview moved", followup.id, followup, event)
    return Action("update", "its details changed", followup.id, followup, event)


def _for_leftover(
    event: ExistingEvent,
    *,
    now: datetime,
    since: datetime,
    until: datetime,
    why_gone: Mapping[str, str],
) -> Action:
    if event.status == "cancelled" or event.deleted_by_user:
        return Action("keep", "already cancelled", event.id, None, event)
    if user_edited(event):
        return Action("keep", "edited by you; left as you made it", event.id, None, event)
    if event.start < now:
        return Action("keep", "in the past; kept as history", event.id, None, event)
    if event.interview_start is not None and not since <= event.interview_start < until:
        return Action("keep", "its interview is outside the range read", event.id, None, event)
    reason = why_gone.get(event.source_id, "no longer planned")
    return Action("cancel", reason, event.id, None, event)
