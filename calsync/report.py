"""What `sync`, `plan` and `clean` print: text for people, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from calsync.adapters.base import Skipped
from calsync.app import Result
from calsync.core.plan import InterviewPlan
from calsync.model import Action, FollowUp

RULES = {
    "explicit": "your notes say when to follow up",
    "decision": "a day or two after the employer's decision date",
    "default": "no timetable in the notes: 7 to 10 days after the interview",
}


def _local(moment: datetime, tz: str) -> str:
    return moment.astimezone(ZoneInfo(tz)).strftime("%Y-%m-%d %H:%M")


def plan_text(plans: Sequence[InterviewPlan], *, source: str) -> str:
    if not plans:
        return f"No interviews found in {source}.\n"
    lines = [f"{len(plans)} interview{'s' if len(plans) != 1 else ''} in {source}", ""]
    for item in plans:
        interview, window = item.interview, item.window
        when = (
            interview.local_date.isoformat()
            if interview.all_day
            else _local(interview.start, interview.tz)
        )
        lines.append(f"{when}  {interview.title}")
        lines.append(f"  company: {interview.company}   role: {interview.role}")
        if interview.interviewers:
            lines.append("  interviewers: " + ", ".join(p.name for p in interview.interviewers))
        span = window.first.isoformat()
        if window.last != window.first:
            span += f" to {window.last.isoformat()}"
        lines.append(f"  follow-up window: {span} ({RULES[window.rule]})")
        if window.phrase:
            lines.append(f'    from: "{window.phrase}"')
        for step in item.steps:
            said = f' — "{step.outcome.phrase}"' if step.outcome.phrase else ""
            lines.append(
                f"  call #{step.number} on {step.call_date.isoformat()}: {step.outcome.kind}{said}"
            )
        for followup in item.followups:
            lines.append(f"  {_local(followup.start, followup.tz)}  {followup.title}")
        lines.append(f"  next: {item.next_step}")
        lines.append("")
    return "\n".join(lines)


def _followup_json(followup: FollowUp) -> dict[str, Any]:
    return {
        "id": followup.id,
        "kind": followup.kind,
        "number": followup.number,
        "title": followup.title,
        "start": followup.start.isoformat(),
        "end": followup.end.isoformat(),
        "timezone": followup.tz,
    }


def skipped_line(item: Skipped, label: str) -> str:
    """The warning for one source event that could not be read (SPEC "One bad event")."""
    return f"calsync: warning: {label}: skipped event {item.uid} ({item.summary}): {item.problem}"


def skipped_json(skipped: Sequence[Skipped]) -> list[dict[str, str]]:
    return [{"uid": s.uid, "summary": s.summary, "problem": s.problem} for s in skipped]


def plan_json(
    plans: Sequence[InterviewPlan], *, source: str, skipped: Sequence[Skipped] = ()
) -> str:
    items = []
    for item in plans:
        interview, window = item.interview, item.window
        items.append(
            {
                "source_id": interview.source_id,
                "title": interview.title,
                "company": interview.company,
                "role": interview.role,
                "interviewers": [
                    {"name": p.name, "email": p.email} for p in interview.interviewers
                ],
                "start": interview.start.isoformat(),
                "end": interview.end.isoformat(),
                "all_day": interview.all_day,
                "timezone": interview.tz,
                "window": {
                    "first": window.first.isoformat(),
                    "last": window.last.isoformat(),
                    "rule": window.rule,
                    "phrase": window.phrase,
                    "decision_date": (
                        window.decision_date.isoformat() if window.decision_date else None
                    ),
                },
                "chain": [
                    {
                        "number": step.number,
                        "call_date": step.call_date.isoformat(),
                        "outcome": step.outcome.kind,
                        "phrase": step.outcome.phrase,
                    }
                    for step in item.steps
                ],
                "followups": [_followup_json(f) for f in item.followups],
                "next_step": item.next_step,
            }
        )
    payload = {"source": source, "interviews": items, "skipped": skipped_json(skipped)}
    return json.dumps(payload, indent=2, ensure_ascii=False)


def action_line(action: Action) -> str:
    event = action.desired or action.existing
    if event is None:
        return f"  {action.op:<7} {action.id}  ({action.reason})"
    when = _local(event.start, event.tz)
    return f"  {action.op:<7} {when}  {event.title}  ({action.reason})"


def sync_text(result: Result) -> str:
    ops = ("create", "update", "cancel")
    counts = {op: result.count(op) for op in (*ops, "keep")}
    lines: list[str] = []
    if result.plans or result.source:
        plural = "s" if len(result.plans) != 1 else ""
        lines.append(f"{len(result.plans)} interview{plural} in {result.source}")
    if result.dry_run:
        lines.extend(action_line(a) for a in result.actions if a.op != "keep")
    label = {"create": "created", "update": "updated", "cancel": "removed"}
    if result.dry_run:
        summary = ", ".join(f"{counts[op]} to {'remove' if op == 'cancel' else op}" for op in ops)
        lines.append(
            f"dry run: {summary}, {counts['keep']} unchanged; nothing written to {result.target}"
        )
    elif not any(counts[op] for op in ops):
        lines.append(f"{result.target}: up to date ({counts['keep']} follow-ups unchanged)")
    else:
        summary = ", ".join(f"{counts[op]} {label[op]}" for op in ops)
        lines.append(f"{result.target}: {summary}, {counts['keep']} unchanged")
    return "\n".join(lines) + "\n"


def sync_json(result: Result) -> str:
    actions = []
    for action in result.actions:
        event = action.desired or action.existing
        entry: dict[str, Any] = {"op": action.op, "reason": action.reason, "id": action.id}
        if event is not None:
            entry.update(
                kind=event.kind,
                number=event.number,
                source_id=event.source_id,
                title=event.title,
                start=event.start.isoformat(),
            )
        actions.append(entry)
    payload = {
        "source": result.source,
        "target": result.target,
        "dry_run": result.dry_run,
        "written": result.written,
        "interviews": len(result.plans),
        "changes": {op: result.count(op) for op in ("create", "update", "cancel", "keep")},
        "actions": actions,
        "skipped": skipped_json(result.skipped),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)
