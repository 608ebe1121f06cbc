"""Carrying out a plan on a CalDAV calendar, one precondition-guarded request per action.

- create: PUT to a new href with `If-None-Match: *`. 412: already there. Another 4xx: the
  server refuses the UID (Nextcloud keeps deleted events in a trash bin): deleted by the user.
- update: PUT to its href with `If-Match: ETAG`. 412: the user changed it, the user wins.
  404: deleted by the user.
- cancel: DELETE its href with `If-Match: ETAG`. 412: the user wins. 404: already gone.

An ETag calsync does not know (a server that sent none) is read again first, and a write happens
only when the event is still as calsync last saw it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from urllib.parse import urlsplit

from calsync.adapters.base import ApplyReport, Progress
from calsync.adapters.caldav import events, http
from calsync.adapters.caldav.collection import Collection, Item
from calsync.adapters.caldav.events import Remembered, Stored
from calsync.errors import SyncError
from calsync.model import Action, ExistingEvent, FollowUp

# the answers that mean "this server will not take that UID", not a fault of the request
REFUSED_UID = frozenset({400, 403, 409, 422})


class Writer:
    """Applies actions to one collection and keeps its state in step with what it wrote."""

    def __init__(
        self,
        collection: Collection,
        *,
        now: datetime,
        reminder_minutes: int,
        progress: Progress | None = None,
    ) -> None:
        self._collection = collection
        self._state = collection.state
        self._session = collection.session
        self._stamp = now.astimezone(UTC).replace(microsecond=0)
        self._reminder = reminder_minutes
        self._progress = progress
        self._failures: list[str] = []

    def apply(self, actions: Sequence[Action]) -> ApplyReport:
        report = ApplyReport()
        todo = [a for a in actions if a.op != "keep"]
        for done, action in enumerate(todo, start=1):
            if action.op == "create":
                self._create(action, report)
            elif action.op == "update":
                self._update(action, report)
            elif action.op == "cancel":
                self._delete(action, report)
            if self._progress and (done % 50 == 0 or done == len(todo)):
                self._progress("writing", done, len(todo))
        if self._failures:
            more = f" (and {len(self._failures) - 1} more)" if len(self._failures) > 1 else ""
            raise SyncError(self._failures[0] + more)
        return report

    # ---- the three writes -----------------------------------------------------------------

    def _create(self, action: Action, report: ApplyReport) -> None:
        followup = _desired(action)
        if action.id in self._state.written and self._deleted_by_user(action.id):
            report.skipped_user_deleted.append(action.id)  # held() said so; never forced
            return
        href = f"{self._state.path.rstrip('/')}/{action.id}.ics"
        text = events.body(
            followup,
            sequence=0,
            stamp=self._stamp,
            created=self._stamp,
            reminder_minutes=self._reminder,
        )
        reply = self._put(href, text, {"If-None-Match": "*"})
        if reply.status < 300:
            report.created.append(action.id)
            self._wrote(href, reply, text, followup)
        elif reply.status == 412:
            # a create whose first answer was lost lands here on its retry
            (report.created if reply.attempts > 1 else report.already_there).append(action.id)
        elif reply.status in REFUSED_UID or 400 <= reply.status < 500 and reply.status != 404:
            # Nextcloud keeps deleted events in a trash bin and refuses their UID: the user
            # deleted it; remembered, so it is not tried again on every run
            report.skipped_user_deleted.append(action.id)
            self._remember(action.id, followup)
        else:
            self._failed(action, reply)

    def _update(self, action: Action, report: ApplyReport) -> None:
        followup = _desired(action)
        existing = self._own(action)
        if existing is None:
            return
        stored = _stored(existing)
        assert stored is not None  # _own checked it
        etag = stored.etag or self._reread(existing, report)
        if etag is None:
            return
        text = events.body(
            followup,
            sequence=existing.sequence + 1,
            stamp=self._stamp,
            created=stored.created or self._stamp,
            reminder_minutes=self._reminder,
        )
        reply = self._put(stored.href, text, {"If-Match": etag})
        if reply.status < 300:
            report.updated.append(action.id)
            self._wrote(stored.href, reply, text, followup)
        elif reply.status == 412:
            report.skipped_user_changed.append(action.id)
        elif reply.status in (404, 410):
            report.skipped_user_deleted.append(action.id)
            self._state.items.pop(stored.href, None)
        else:
            self._failed(action, reply)

    def _delete(self, action: Action, report: ApplyReport) -> None:
        existing = self._own(action)
        if existing is None:
            return
        stored = _stored(existing)
        assert stored is not None
        etag = stored.etag or self._reread(existing, report)
        if etag is None:
            return
        reply = self._session.request(
            "DELETE", self._state.href_url(stored.href), "", {"If-Match": etag}
        )
        if reply.status < 300 or reply.status in (404, 410):
            if reply.status < 300:
                report.removed.append(action.id)
            self._state.items.pop(stored.href, None)
            # removed by calsync, not by the user: it may come back if its interview does
            self._state.written.pop(action.id, None)
        elif reply.status == 412:
            report.skipped_user_changed.append(action.id)
        else:
            self._failed(action, reply)

    # ---- helpers ------------------------------------------------------------------------

    def _put(self, href: str, text: str, precondition: dict[str, str]) -> http.Reply:
        return self._session.request(
            "PUT",
            self._state.href_url(href),
            text,
            {"Content-Type": events.CONTENT_TYPE, **precondition},
        )

    def _wrote(self, href: str, reply: http.Reply, text: str, followup: FollowUp) -> None:
        # no ETag in the answer (the server changed the body, or never sends one): unknown,
        # so the next read fetches the object instead of trusting what was sent
        self._state.items[href] = Item(etag=reply.etag, data=text)
        self._state.pending.add(href)
        self._remember(followup.id, followup)

    def _remember(self, event_id: str, followup: FollowUp) -> None:
        self._state.written[event_id] = Remembered(
            kind=followup.kind,
            number=followup.number,
            source_id=followup.source_id,
            start=followup.start,
            interview_start=followup.interview_start,
        )

    def _deleted_by_user(self, event_id: str) -> bool:
        listed_from = self._state.time_min
        known = self._state.written[event_id]
        return listed_from is not None and known.start >= datetime.fromisoformat(listed_from)

    def _own(self, action: Action) -> ExistingEvent | None:
        """The event to change, refusing before any write one that calsync did not create."""
        existing = action.existing
        stored = _stored(existing)
        if existing is None or stored is None or not events.is_calsync_uid(stored.uid):
            self._failures.append(
                f"refusing to {action.op} {action.id}: calsync did not create it "
                f"(or it was not read from {self._session.location.label})"
            )
            return None
        return existing

    def _reread(self, existing: ExistingEvent, report: ApplyReport) -> str | None:
        """The ETag of an event whose ETag was not known, if it is still as calsync saw it."""
        stored = _stored(existing)
        assert stored is not None
        reply = self._session.request(
            "REPORT", self._state.url, http.multiget_body([stored.href]), {"Depth": "1"}
        )
        found = [
            m
            for m in http.members(reply.tree, collection_path=self._state.path)
            if m.href == stored.href and not m.gone and m.data is not None
        ]
        if reply.status != 207 or not found:
            report.skipped_user_deleted.append(existing.id)
            return None
        member = found[0]
        calendar = events.parse(member.data or "")
        now = (
            events.own_event(calendar, member.href, member.etag, "", self._state.written)
            if calendar is not None
            else None
        )
        if now is None or _content(now) != _content(existing):
            report.skipped_user_changed.append(existing.id)
            return None
        if member.etag is None:
            # a server that never names ETags: the event was just checked, write without one
            return "*"
        self._state.items[stored.href] = Item(etag=member.etag, data=member.data or "")
        return member.etag

    def _failed(self, action: Action, reply: http.Reply) -> None:
        shown = action.desired or action.existing
        title = shown.title if shown is not None else action.id
        where = urlsplit(self._session.location.url).netloc
        self._failures.append(f"could not {action.op} {title!r} on {where} (HTTP {reply.status})")


def _stored(event: ExistingEvent | None) -> Stored | None:
    raw = event.raw if event is not None else None
    return raw if isinstance(raw, Stored) else None


def _desired(action: Action) -> FollowUp:
    if action.desired is None:
        raise ValueError(f"{action.op} {action.id} without a desired event")
    return action.desired


def _content(event: ExistingEvent) -> tuple[str, str, datetime, datetime]:
    """What calsync's fingerprint covers: equal content, whatever bytes the server keeps."""
    from calsync.core.identity import normalise_text

    return (
        event.title.strip(),
        normalise_text(event.description),
        event.start.astimezone(UTC),
        event.end.astimezone(UTC),
    )
