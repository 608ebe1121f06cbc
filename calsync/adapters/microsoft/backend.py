"""One Outlook calendar through Microsoft Graph: incremental reads, batched idempotent writes.

Reads use `calendarView/delta`: the first lists the window, later ones only what changed, so a
run with no change is one request. Delta answers carry no extended properties, so calsync keeps
what it wrote (Graph id → identity) in a state file next to the delta link; its events are also
recognisable by their `transactionId`. When the state cannot be trusted — an unknown calsync
event shows up, or a run died between sending writes and recording them — one filtered listing
of calsync's events (by the extended property) rebuilds it.

The mailbox's zone (`/me/mailboxSettings`) is the calendar's zone: read once with the delta state
and kept in it, asked for in every answer, and the zone of all-day events and of events whose
zone has no name calsync knows. Without it (no permission, a zone with no known name), answers
stay in UTC and the zone is `--timezone`, else the system's — said in a warning.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

from calsync.adapters.base import ApplyReport, Held, Skipped
from calsync.adapters.microsoft import events
from calsync.adapters.microsoft.graph import Answer, Call, Graph, GraphError
from calsync.adapters.microsoft.state import State, load_state, write_json
from calsync.errors import SyncError, UsageError
from calsync.model import Action, ExistingEvent, SourceEvent

DELTA_PAGE = 1000  # events per delta page asked for (Graph's default is 10)
SLACK = timedelta(days=31)  # the delta window reaches this far past `until`, so it lasts a month
Json = dict[str, Any]


@dataclass
class Snapshot:
    events: list[SourceEvent]
    own: list[ExistingEvent]
    deleted_ids: frozenset[str]
    time_zone: str | None
    skipped: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class OutlookCalendar:
    """One calendar of the signed-in Microsoft account."""

    def __init__(
        self,
        graph: Graph,
        calendar: str,
        *,
        state_dir: Path,
        fallback_zone: str = "",
        reminder_minutes: int = 0,
        user: str = "",
    ) -> None:
        self._graph = graph
        self._state_dir = state_dir
        self._fallback = fallback_zone  # --timezone, when the mailbox's zone is unknown
        self._zone = fallback_zone or "UTC"  # IANA: the mailbox's once read
        self._warnings: list[str] = []
        self._reminder = reminder_minutes
        self._user = user
        given = calendar.strip() or "primary"
        self.key = self._resolve(given)
        self.name = given  # as the user named it ("Job search"), for messages; `key` is the id
        self._cached: Snapshot | None = None

    # ---- which calendar --------------------------------------------------------------------

    @property
    def base(self) -> str:
        return self._graph.base

    @property
    def requests(self) -> int:
        """HTTP requests sent to Graph so far (the benchmark prints them)."""
        return self._graph.requests

    @property
    def _path(self) -> str:
        return "/me/calendar" if self.key == "primary" else f"/me/calendars/{quote(self.key)}"

    def _resolve(self, calendar: str) -> str:
        """ "primary" (the default calendar), a calendar id, or a calendar's name."""
        if calendar.casefold() in ("primary", "default"):
            return "primary"
        names_file = self._state_dir / "calendar-names.json"
        try:
            known = dict(json.loads(names_file.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            known = {}
        scope = f"{self._graph.base}\x1f{calendar}"
        if scope in known:
            return str(known[scope])
        found: list[Json] = []
        url: str | None = "/me/calendars?$select=id,name,isDefaultCalendar&$top=100"
        try:
            while url:
                page = self._graph.get(url)
                found.extend(page.get("value", []))
                url = page.get("@odata.nextLink")
        except GraphError as err:
            raise SyncError(f"listing your Outlook calendars failed ({err})") from err
        wanted = calendar.casefold()
        for item in found:
            if wanted in (str(item.get("id", "")).casefold(), str(item.get("name", "")).casefold()):
                resolved = "primary" if item.get("isDefaultCalendar") else str(item["id"])
                known[scope] = resolved
                write_json(names_file, known)
                return resolved
        names = ", ".join(repr(str(i.get("name", ""))) for i in found[:10])
        raise UsageError(f"no Outlook calendar {calendar!r} in this account (there are: {names})")

    # ---- reading ---------------------------------------------------------------------------

    def read(self, since: datetime, until: datetime) -> Snapshot:
        if self._cached is not None:
            return self._cached
        stored = self._load()
        covers = stored is not None and (
            datetime.fromisoformat(stored.start) <= since
            and until <= datetime.fromisoformat(stored.end)
        )
        # the mailbox's zone lives as long as the delta window (a month): then it is asked again
        mailbox = (stored.mailbox_zone if stored is not None and covers else "") or (
            self._mailbox_zone()
        )
        self._use_zone(mailbox, self._fallback or getattr(since.tzinfo, "key", "") or "UTC")
        state: State | None = stored if covers else None
        unknown = False
        if state is not None:
            try:
                unknown = self._delta(state, state.delta_link)
            except _Expired:
                state = None
        if state is None:
            end = until + SLACK
            state = State(start=since.isoformat(), end=end.isoformat(), mailbox_zone=mailbox)
            if stored is not None:  # what calsync wrote is still true of the events on Graph
                state.ours, state.deleted = stored.ours, stored.deleted
                state.removed, state.dirty = stored.removed, stored.dirty
            first = (
                f"{self._path}/calendarView/delta?startDateTime={_utc(since)}"
                f"&endDateTime={_utc(end)}"
            )
            try:
                unknown = self._delta(state, first)
            except _Expired as err:
                raise SyncError("Microsoft Graph refused a fresh calendar read") from err
            # calsync's events missing from a full read of the window were deleted meanwhile
            for graph_id in [g for g in state.ours if g not in state.items]:
                state.deleted.add(state.ours.pop(graph_id)["id"])
        state.mailbox_zone = mailbox
        if unknown or state.dirty:
            self._recover(state)
        self._save(state)
        self._cached = self._snapshot(state, since, until)
        return self._cached

    def _mailbox_zone(self) -> str:
        """The mailbox's zone as Graph names it; "" when Graph will not say. Asked once per run
        and account (every calendar of the run shares the answer)."""
        if self._graph.mailbox_zone is None:
            try:
                settings = self._graph.get("/me/mailboxSettings")
                self._graph.mailbox_zone = str(settings.get("timeZone") or "")
            except GraphError as err:
                hint = " (sign in again: calsync auth --microsoft)" if err.status == 403 else ""
                self._warnings.append(f"cannot read the mailbox's time zone ({err}){hint}")
                self._graph.mailbox_zone = ""
        return self._graph.mailbox_zone

    def _use_zone(self, mailbox: str, fallback: str) -> None:
        """The calendar's zone for this run, and the zone Graph is asked to answer in."""
        known = events.named_zone(mailbox)
        if known is None:
            if mailbox:
                self._warnings.append(
                    f"the mailbox's time zone {mailbox[:60]!r} has no known name; using {fallback}"
                )
            self._zone, self._graph.zone = fallback, ""
            return
        self._zone, self._graph.zone = known, mailbox

    def _delta(self, state: State, url: str) -> bool:
        unknown = False
        pages: list[Json] = []
        next_url: str | None = url
        try:
            while next_url:
                page = self._graph.get(next_url, page=DELTA_PAGE)
                pages.append(page)
                next_url = page.get("@odata.nextLink")
                delta_link = page.get("@odata.deltaLink")
        except GraphError as err:
            if err.status == 410 or err.code in ("SyncStateNotFound", "syncStateNotFound"):
                raise _Expired from err
            if err.status == 404:
                raise UsageError(f"no Outlook calendar {self.key!r} in this account") from err
            raise SyncError(f"reading Outlook calendar {self.key} failed ({err})") from err
        for page in pages:
            unknown = state.merge(list(page.get("value", []))) or unknown
        state.delta_link = str(delta_link or "")
        return unknown

    def _recover(self, state: State) -> None:
        """Rebuild Graph id → identity from the extended properties Graph holds."""
        found = self._own_listing(select="id,transactionId")
        state.ours = {gid: identity for gid, (identity, _) in found.items()}
        live = {identity["id"] for identity, _ in found.values()}
        state.deleted -= live
        state.dirty = False

    def _own_listing(self, *, select: str | None = None) -> dict[str, tuple[dict[str, str], Json]]:
        """Every event carrying calsync's mark, whatever its date, with its identity."""
        query = f"$filter={quote(events.OWN_FILTER)}&$expand={quote(events.EXPAND_DATA)}&$top=250"
        if select:
            query += f"&$select={select}"
        url: str | None = f"{self._path}/events?{query}"
        found: dict[str, tuple[dict[str, str], Json]] = {}
        try:
            while url:
                page = self._graph.get(url)
                for item in page.get("value", []):
                    identity = events.own_identity(item)
                    if identity is not None:  # the filter is Graph's; this check is calsync's
                        found[str(item["id"])] = (identity, item)
                url = page.get("@odata.nextLink")
        except GraphError as err:
            raise SyncError(f"listing calsync's events in Outlook failed ({err})") from err
        return found

    def _snapshot(self, state: State, since: datetime, until: datetime) -> Snapshot:
        source: list[SourceEvent] = []
        own: list[ExistingEvent] = []
        skipped: list[Skipped] = []
        warnings = list(self._warnings)
        for graph_id, item in state.items.items():
            try:
                if graph_id in state.ours:
                    own.append(events.existing_event(item, state.ours[graph_id], self._zone))
                    continue
                if events.looks_own(item):
                    continue  # calsync's, yet unknown to Graph's listing: not an interview
                event = events.source_event(item, self._zone, user=self._user)
            except (KeyError, ValueError, TypeError) as exc:
                problem = f"cannot be read ({type(exc).__name__}: {exc})"[:200]
                skipped.append(Skipped(graph_id, str(item.get("subject") or ""), problem))
                continue
            if event.end > since and event.start < until:
                source.append(event)
                if (warning := events.unnamed_zone_warning(item, self._zone)) is not None:
                    warnings.append(warning)
        return Snapshot(source, own, frozenset(state.deleted), self._zone, skipped, warnings)

    # ---- writing ---------------------------------------------------------------------------

    def apply(self, actions: Sequence[Action]) -> ApplyReport:
        report = ApplyReport()
        if not any(a.writes for a in actions):
            return report
        state = self._load() or State(start=_utc(datetime.now(UTC)), end=_utc(datetime.now(UTC)))
        self._cached = None
        by_id = {identity["id"]: gid for gid, identity in state.ours.items()}
        calls: list[Call] = []
        todo: list[Action] = []
        for action in actions:
            if action.op == "keep":
                continue
            if action.op == "create":
                if action.desired is None:
                    raise ValueError(f"create {action.id} without a desired event")
                if action.id in state.deleted:
                    report.skipped_user_deleted.append(action.id)
                    continue
                if action.id in by_id:
                    report.already_there.append(action.id)
                    continue
                body = events.new_event_body(
                    action.desired, state.removed.get(action.id, 0), self._reminder
                )
                calls.append(Call("POST", f"{self._path}/events", body))
            else:
                graph_id, etag = self._own_target(action, by_id)
                if graph_id is None:
                    if action.op == "update":
                        report.skipped_user_deleted.append(action.id)
                    else:
                        report.removed.append(action.id)
                    continue
                headers = {"If-Match": etag} if etag else {}
                if action.op == "update":
                    if action.desired is None:
                        raise ValueError(f"update {action.id} without a desired event")
                    fields = events.follow_up_fields(action.desired, self._reminder)
                    calls.append(Call("PATCH", f"/me/events/{quote(graph_id)}", fields, headers))
                else:
                    calls.append(Call("DELETE", f"/me/events/{quote(graph_id)}", None, headers))
            todo.append(action)
        if not calls:
            return report
        state.dirty = True  # a crash from here on: the next read asks Graph what was written
        self._save(state)
        answers = self._graph.batch(
            calls, what=f"writing follow-ups to Outlook calendar {self.key}"
        )
        failures = [
            problem
            for action, answer in zip(todo, answers, strict=True)
            if (problem := self._record(state, action, answer, by_id, report))
        ]
        # a 412 may be the answer to a retried update whose first try went through: the next
        # read asks Graph for the identities it holds
        state.dirty = bool(report.skipped_user_changed)
        self._save(state)
        if failures:
            more = f" (and {len(failures) - 1} more)" if len(failures) > 1 else ""
            raise SyncError(failures[0] + more)
        return report

    def _own_target(self, action: Action, by_id: dict[str, str]) -> tuple[str | None, str]:
        """The Graph id and ETag of one of calsync's events; None when it is gone."""
        raw = action.existing.raw if action.existing is not None else None
        if isinstance(raw, dict) and raw.get("graph_id"):
            return str(raw["graph_id"]), str(raw.get("etag", ""))
        graph_id = by_id.get(action.id)
        if graph_id is None:
            return None, ""
        return graph_id, ""

    def _record(
        self,
        state: State,
        action: Action,
        answer: Answer,
        by_id: dict[str, str],
        report: ApplyReport,
    ) -> str:
        """Note one answer in the report and the state; a message when it failed."""
        status = answer.status
        if action.op == "create" and action.desired is not None and status < 300:
            graph_id = str(answer.body.get("id", ""))
            state.ours[graph_id] = events.identity_of(action.desired)
            state.items[graph_id] = answer.body
            report.created.append(action.id)
            return ""
        if action.op == "update" and action.desired is not None:
            graph_id = by_id.get(action.id) or _graph_id(action)
            if status < 300:
                state.ours[graph_id] = events.identity_of(action.desired)
                state.items[graph_id] = answer.body
                report.updated.append(action.id)
                return ""
            if status == 412:
                report.skipped_user_changed.append(action.id)
                return ""
            if status == 404:
                report.skipped_user_deleted.append(action.id)
                return ""
        if action.op == "cancel":
            graph_id = by_id.get(action.id) or _graph_id(action)
            if status == 412:
                report.skipped_user_changed.append(action.id)
                return ""
            if status < 300 or status == 404:
                state.ours.pop(graph_id, None)
                state.items.pop(graph_id, None)
                state.removed[action.id] = state.removed.get(action.id, 0) + 1
                report.removed.append(action.id)
                return ""
        shown = action.desired or action.existing
        title = shown.title if shown is not None else action.id
        error = answer.body.get("error")
        code = str(error.get("code", "")) if isinstance(error, dict) else ""
        why = f"HTTP {status} {code}".strip()
        return f"could not {action.op} {title!r} in Outlook ({why})"

    def owned(self) -> list[ExistingEvent]:
        """Every event calsync created here, whatever its date (for `clean`)."""
        self._cached = None
        found = self._own_listing()
        return [
            events.existing_event(item, identity, self._zone) for identity, item in found.values()
        ]

    # ---- state -----------------------------------------------------------------------------

    def _file(self) -> Path:
        key = f"{self._graph.base}\x1f{self.key}".encode()
        return self._state_dir / f"outlook-{hashlib.sha256(key).hexdigest()[:20]}.json"

    def _load(self) -> State | None:
        return load_state(self._file())

    def _save(self, state: State) -> None:
        write_json(self._file(), state.as_json())


class _Expired(Exception):
    """Graph no longer knows the stored delta link (410 / SyncStateNotFound)."""


def held_of(snapshot: Snapshot, since: datetime) -> Held:
    return Held([e for e in snapshot.own if e.end > since], snapshot.deleted_ids)


def _graph_id(action: Action) -> str:
    raw = action.existing.raw if action.existing is not None else None
    return str(raw.get("graph_id", "")) if isinstance(raw, dict) else ""


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
