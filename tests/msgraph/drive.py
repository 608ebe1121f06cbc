"""One sync through the Source/Target interface only, as the app does it: read, plan, apply.

Also a command-line driver, so a test can run a sync in a child process and SIGKILL it:
`python -m tests.msgraph.drive STATE_DIR NOW_ISO`.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from calsync.adapters import microsoft
from calsync.adapters.base import ApplyReport, Context
from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.plan import plan_interviews
from calsync.core.reconcile import reconcile
from calsync.model import Action
from calsync.settings import Settings

CLIENT_ID = "00000000-calsync-test-client"


@dataclass
class Outcome:
    actions: list[Action]
    report: ApplyReport


def context(state_dir: Path, now: datetime, **settings: object) -> Context:
    values: dict[str, object] = {"microsoft_client_id": CLIENT_ID, "timezone": "UTC"}
    values.update(settings)
    return Context(settings=Settings(**values), state_dir=state_dir, now=now)  # type: ignore[arg-type]


def sync(ctx: Context, *, sleep=time.sleep, target_spec: str = "microsoft") -> Outcome:  # type: ignore[no-untyped-def]
    since = ctx.now - timedelta(days=30)
    until = ctx.now + timedelta(days=365)
    source = microsoft.open_source("microsoft", ctx, sleep=sleep)
    target = microsoft.open_target(target_spec, ctx, source="microsoft", sleep=sleep)
    read = source.read(since=since, until=until)
    held = target.held(since=since)
    observed = {e.id: e for e in held.events}
    for event in read.own:
        observed.setdefault(event.id, event)
    settings: Settings = ctx.settings
    interviews = detect_interviews(read.events, settings)
    plans = plan_interviews(
        interviews,
        settings,
        source_calendar=read.calendar,
        observed=observed,
        business=BusinessDays(settings.holidays),
    )
    present = {e.id: e for e in read.events}
    gone = {
        e.source_id: "its interview is no longer in the calendar"
        for e in held.events
        if e.source_id not in present or present[e.source_id].status == "cancelled"
    }
    actions = reconcile(
        [f for p in plans for f in p.followups],
        held.events,
        now=ctx.now,
        since=since,
        until=until,
        deleted_ids=held.deleted_ids,
        gone=gone,
    )
    report = target.apply(actions, source_calendar=read.calendar)
    return Outcome(actions, report)


if __name__ == "__main__":
    sync(context(Path(sys.argv[1]), datetime.fromisoformat(sys.argv[2])), sleep=lambda _s: None)
