"""Google Calendar as calsync's source and target: incremental reads, batched idempotent writes.

The first read of a calendar lists everything from `time_min` on and keeps it, with Google's sync
token, in a state file; later reads ask only for what changed since, so a run with no change is
one request. Writes use deterministic ids, so a repeated insert is a 409 ("already there"), never a
duplicate, and every write is checked against calsync's private properties first: an event calsync
did not create is never changed or deleted.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from googleapiclient.errors import HttpError

from calsync.adapters.atomic import replace_file
from calsync.adapters.google import client, events
from calsync.adapters.google.state import open_state, stored_state
from calsync.errors import AuthError, SyncError, UsageError
from calsync.model import KINDS, Action, ExistingEvent, SourceEvent

PAGE_SIZE = 2500  # the most Google returns in one page


@dataclass(frozen=True)
class CalendarSnapshot:
    """A calendar as read: its zone, the user's events, calsync's own events, and deletions."""

    time_zone: str
    events: list[SourceEvent]
    own: list[ExistingEvent]
    deleted_ids: frozenset[str]


@dataclass
class ApplyReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    already_there: int = 0
    skipped_user_deleted: int = 0
    outcomes: list[tuple[str, str]] = field(default_factory=list)  # (what happened, event id)

    def count(self, outcome: str, event_id: str) -> None:
        """Record one event's outcome ("created", "updated", "removed", …)."""
        self.outcomes.append((outcome, event_id))


class _FullSyncRequired(Exception):
    """Google no longer accepts the stored sync token (HTTP 410)."""


class GoogleCalendar:
    """Reads and writes one Google account's calendars through a Calendar v3 service."""

    def __init__(
        self,
        service: Any,
        *,
        state_dir: Path,
        batch_size: int = 50,
        max_retries: int = 6,
        sleep: Callable[[float], None] = time.sleep,
        progress: Callable[[str, int, int | None], None] | None = None,
        reminder_minutes: int = 0,
    ) -> None:
        self._service = service
        self._state_dir = state_dir
        self._batch_size = max(1, min(batch_size, 1000))  # Google's limit per batch
        self._max_retries = max_retries
        self._sleep = sleep
        self._progress = progress
        self._reminder_minutes = reminder_minutes

    # ---- reading -------------------------------------------------------------------------

    def resolve(self, calendar: str) -> str:
        """A calendar's id from its id or its name ("Job search").

        Names are looked up in the user's calendar list once and remembered; that needs the
        calendar-list scope, so without it a name is reported with how to find the id.
        """
        if calendar == "primary" or "@" in calendar:
            return calendar
        path = self._state_dir / "calendar-names.json"
        try:
            known = dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            known = {}
        if calendar in known:
            return str(known[calendar])
        try:
            listing = client.execute(
                self._service.calendarList().list(fields="items(id,summary,summaryOverride)"),
                what="listing your calendars",
                max_retries=self._max_retries,
                sleep=self._sleep,
            )
        except HttpError as err:
            if client.status_of(err) in (401, 403):
                raise UsageError(_not_found(calendar)) from err
            raise SyncError(f"listing your calendars failed ({client.describe(err)})") from err
        wanted = calendar.strip().casefold()
        for item in listing.get("items", []):
            names = {
                str(item.get(k, "")).strip().casefold() for k in ("summary", "summaryOverride")
            }
            if wanted in names:
                known[calendar] = str(item["id"])
                _write_json(path, known)
                return str(item["id"])
        raise UsageError(_not_found(calendar))

    def read(
        self, calendar_id: str, *, time_min: datetime, until: datetime | None = None
    ) -> CalendarSnapshot:
        """Every event from `time_min` on (before `until` when given): incrementally when a
        sync token is stored."""
        self.refresh(calendar_id, time_min=time_min)
        return self.stored(calendar_id, until=until)

    def refresh(self, calendar_id: str, *, time_min: datetime) -> None:
        """Bring the stored state up to date with Google: one request when nothing changed."""
        with open_state(self._state_file(calendar_id), calendar_id) as state:
            self._legacy_file(calendar_id).unlink(missing_ok=True)
            usable = (
                state.time_min is not None
                and state.sync_token
                and datetime.fromisoformat(state.time_min) <= time_min
            )
            if usable:
                try:
                    changes, token, zone = self._list(calendar_id, {"syncToken": state.sync_token})
                except _FullSyncRequired:
                    usable = False
                else:
                    # events are stored converted in the calendar's zone: a new zone (rare)
                    # means converting everything again, from a full read
                    if events.valid_zone(zone or state.time_zone, "UTC") != state.zone:
                        usable = False
                    else:
                        with state.transaction():  # a crash keeps the old token: re-listed
                            state.merge(changes)
                            state.set_token(token, zone or state.time_zone)
                            state.move_start(time_min)
            if not usable:
                start = time_min.astimezone(UTC).isoformat().replace("+00:00", "Z")
                try:
                    items, token, zone = self._list(calendar_id, {"timeMin": start})
                except _FullSyncRequired as err:  # only a sync token can expire
                    raise SyncError(f"Google refused to list calendar {calendar_id}") from err
                # the token and the events it covers are stored together or not at all
                with state.transaction():
                    state.start_over(time_min, token, zone or "UTC")
                    state.merge(items)

    def stored(
        self, calendar_id: str, *, until: datetime | None = None, with_events: bool = True
    ) -> CalendarSnapshot:
        """The calendar as last refreshed: no request. Without `with_events`, calsync's own
        events only (what a target needs)."""
        removed = self._load_removed(calendar_id)
        with stored_state(self._state_file(calendar_id), calendar_id) as state:
            if state is None or state.time_min is None:
                return CalendarSnapshot("UTC", [], [], frozenset())
            source, own = state.read(until=until, with_events=with_events)
            return CalendarSnapshot(
                time_zone=state.zone,
                events=source,
                own=own,
                deleted_ids=frozenset(state.deleted() - removed),
            )

    def _pages(self, params: dict[str, Any], *, what: str) -> Iterator[dict[str, Any]]:
        """Every page of one events.list, in order; an HttpError reaches the caller."""
        page_token: str | None = None
        while True:
            query = {**params, "maxResults": PAGE_SIZE, "fields": events.LIST_FIELDS}
            if page_token:
                query["pageToken"] = page_token
            page: dict[str, Any] = client.execute(
                self._service.events().list(**query),
                what=what,
                max_retries=self._max_retries,
                sleep=self._sleep,
            )
            yield page
            page_token = page.get("nextPageToken")
            if not page_token:
                return

    def _list(
        self, calendar_id: str, query: dict[str, str]
    ) -> tuple[list[dict[str, Any]], str, str]:
        """All pages of one listing: the items, the next sync token and the calendar's zone."""
        items: list[dict[str, Any]] = []
        zone, token = "", ""
        params = {"calendarId": calendar_id, "singleEvents": True, "showDeleted": True, **query}
        try:
            for page in self._pages(params, what=f"reading calendar {calendar_id}"):
                items.extend(page.get("items", []))
                zone = page.get("timeZone") or zone
                token = str(page.get("nextSyncToken", ""))
                if self._progress:
                    self._progress("reading", len(items), None)
        except HttpError as err:
            if client.status_of(err) == 410:
                raise _FullSyncRequired from err
            if client.error_reason(err)[0] == "insufficientPermissions":
                raise AuthError(
                    f"calsync may not read calendar {calendar_id}: a calendar someone else "
                    "owns needs read access to other calendars too"
                ) from err
            if client.status_of(err) == 404:
                raise UsageError(_not_found(calendar_id)) from err
            raise SyncError(
                f"reading calendar {calendar_id} failed ({client.describe(err)})"
            ) from err
        return items, token, zone

    # ---- writing -------------------------------------------------------------------------

    def apply(
        self, calendar_id: str, actions: Sequence[Action], *, source_calendar: str
    ) -> ApplyReport:
        """Carry out a plan; safe to repeat, and it never touches an event calsync didn't write.

        `source_calendar` is part of each follow-up's identity already (its id); it names the
        source in messages.
        """
        report = ApplyReport()
        removed = self._load_removed(calendar_id)
        with stored_state(self._state_file(calendar_id), calendar_id) as state:
            deleted_before = (state.deleted() if state else set()) - removed
        calls: list[tuple[str, Any]] = []
        todo: dict[str, Action] = {}
        api = self._service.events()
        for action in actions:
            if action.op == "keep":
                continue
            key = str(len(todo))
            if action.op == "create":
                if action.desired is None:
                    raise ValueError(f"create {action.id} without a desired event")
                if action.id in deleted_before:  # the user deleted it: never bring it back
                    report.skipped_user_deleted += 1
                    report.count("skipped_user_deleted", action.id)
                    continue
                body = events.new_event_body(action.desired, self._reminder_minutes)
                if action.id in removed:
                    # calsync deleted it earlier (clean, a cancelled interview); Google keeps
                    # the id reserved, so it is brought back rather than inserted again
                    restore = {k: v for k, v in body.items() if k != "id"}
                    request = api.patch(
                        calendarId=calendar_id,
                        eventId=action.id,
                        body={**restore, "status": "confirmed"},
                        sendUpdates="none",
                    )
                else:
                    request = api.insert(calendarId=calendar_id, body=body, sendUpdates="none")
            elif action.op == "update":
                if action.desired is None:
                    raise ValueError(f"update {action.id} without a desired event")
                self._ensure_own(calendar_id, action)
                fields = events.follow_up_fields(action.desired, self._reminder_minutes)
                request = api.patch(
                    calendarId=calendar_id, eventId=action.id, body=fields, sendUpdates="none"
                )
            else:
                self._ensure_own(calendar_id, action)
                request = api.delete(calendarId=calendar_id, eventId=action.id, sendUpdates="none")
            todo[key] = action
            calls.append((key, request))

        results = self._batches(
            calls, what=f"writing follow-ups to calendar {calendar_id} (from {source_calendar})"
        )
        failures: list[str] = []
        for key, action in todo.items():
            result = results[key]
            status = client.status_of(result.error) if result.error else 200
            if action.op == "create":
                if status < 300:
                    report.created += 1
                    report.count("created", action.id)
                    removed.discard(action.id)
                elif status == 409:
                    # A retry of a create whose first answer was lost lands here too.
                    if result.attempts > 1:
                        report.created += 1
                        report.count("created", action.id)
                    else:
                        report.already_there += 1
                        report.count("already_there", action.id)
                else:
                    failures.append(_failure(action, result.error))
            elif action.op == "update":
                if status < 300:
                    report.updated += 1
                    report.count("updated", action.id)
                elif status in (404, 410):  # deleted by the user since it was read
                    report.skipped_user_deleted += 1
                    report.count("skipped_user_deleted", action.id)
                else:
                    failures.append(_failure(action, result.error))
            elif status < 300 or status in (404, 410):  # already gone is what a delete wants
                if status < 300:
                    report.deleted += 1
                    report.count("removed", action.id)
                removed.add(action.id)
            else:
                failures.append(_failure(action, result.error))
        self._save_removed(calendar_id, removed)
        if failures:
            more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
            raise SyncError(failures[0] + more)
        return report

    def _batches(self, calls: list[tuple[str, Any]], *, what: str) -> dict[str, client.Result]:
        """Send calls in batches of the configured size, retrying their transient failures."""
        return client.execute_batches(
            calls,
            what=what,
            batch_size=self._batch_size,
            max_retries=self._max_retries,
            sleep=self._sleep,
            progress=self._progress,
        )

    def _ensure_own(self, calendar_id: str, action: Action) -> None:
        """Refuse, before anything is written, to change an event without calsync's marks."""
        raw = action.existing.raw if action.existing is not None else None
        if not isinstance(raw, dict):
            try:
                raw = client.execute(
                    self._service.events().get(calendarId=calendar_id, eventId=action.id),
                    what=f"checking event {action.id}",
                    max_retries=self._max_retries,
                    sleep=self._sleep,
                )
            except HttpError as err:
                if client.status_of(err) in (404, 410):
                    raw = {}
                else:
                    raise SyncError(f"checking event {action.id}: {client.describe(err)}") from err
        if not isinstance(raw, dict) or not events.is_calsync_event(raw):
            title = raw.get("summary", action.id) if isinstance(raw, dict) else action.id
            raise SyncError(
                f"refusing to {action.op} {title!r} ({action.id}): calsync did not create it"
            )

    # ---- clean ---------------------------------------------------------------------------

    def owned(self, calendar_id: str) -> list[ExistingEvent]:
        """Every live event carrying calsync's private properties, whatever its date."""
        mine: dict[str, ExistingEvent] = {}
        what = f"listing calsync's events in {calendar_id}"
        zone = "UTC"
        try:
            for kind in KINDS:
                params = {
                    "calendarId": calendar_id,
                    "privateExtendedProperty": f"{events.KIND}={kind}",
                }
                for page in self._pages(params, what=what):
                    zone = events.valid_zone(page.get("timeZone"), zone)
                    for item in page.get("items", []):
                        # The filter is the API's; this check is calsync's own promise.
                        if events.is_calsync_event(item) and item.get("status") != "cancelled":
                            try:
                                mine[str(item["id"])] = events.existing_event(item, zone)
                            except (KeyError, ValueError, TypeError):
                                continue  # malformed by Google: cannot be ours to touch
        except HttpError as err:
            raise SyncError(f"{what} failed ({client.describe(err)})") from err
        return list(mine.values())

    def clean(self, calendar_id: str) -> int:
        """Delete every event carrying calsync's private properties, nothing else."""
        actions = [
            Action("cancel", "made by calsync", e.id, None, e) for e in self.owned(calendar_id)
        ]
        return self.apply(calendar_id, actions, source_calendar=calendar_id).deleted

    # ---- state ---------------------------------------------------------------------------

    def _state_base(self, calendar_id: str) -> Path:
        key = f"{client.api_root()}\x1f{calendar_id}".encode()
        return self._state_dir / f"google-{hashlib.sha256(key).hexdigest()[:20]}"

    def _state_file(self, calendar_id: str) -> Path:
        return self._state_base(calendar_id).with_suffix(".sqlite")

    def _legacy_file(self, calendar_id: str) -> Path:
        """Where versions before the SQLite state kept it (a full read replaces it)."""
        return self._state_base(calendar_id).with_suffix(".json")

    def _removed_file(self, calendar_id: str) -> Path:
        return self._state_base(calendar_id).with_suffix(".removed.json")

    def _load_removed(self, calendar_id: str) -> set[str]:
        """Ids of follow-ups calsync itself deleted: it may bring these back, unlike the ones
        the user deleted (Google keeps both kinds as the same tombstones)."""
        try:
            data = json.loads(self._removed_file(calendar_id).read_text(encoding="utf-8"))
            return {str(i) for i in data}
        except (OSError, ValueError, TypeError):
            return set()

    def _save_removed(self, calendar_id: str, removed: set[str]) -> None:
        path = self._removed_file(calendar_id)
        if not removed and not path.exists():
            return
        _write_json(path, sorted(removed))


def _write_json(path: Path, data: Any) -> None:
    """Replace a state file atomically: a crash leaves the old one or the new one."""
    try:
        replace_file(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
    except OSError as err:
        raise SyncError(f"cannot write sync state {path}: {err.strerror}") from err


def _not_found(calendar: str) -> str:
    return (
        f"no Google calendar {calendar!r} in this account; give its Calendar ID "
        "(Google Calendar → Settings → the calendar → Integrate calendar), "
        "like abc123@group.calendar.google.com"
    )


def _failure(action: Action, error: HttpError | None) -> str:
    shown = action.desired or action.existing
    title = shown.title if shown is not None else ""
    why = client.describe(error) if error is not None else "unknown error"
    return f"could not {action.op} {title or action.id!r} in Google Calendar ({why})"
