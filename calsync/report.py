"""What `sync`, `plan` and `clean` print: text for people, JSON for scripts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from calsync.adapters.base import Skipped
from calsync.app import Result
from calsync.core.lookalikes import NotInterview
from calsync.core.plan import ApplicationPlan, ChainStep, InterviewPlan, plan_applications
from calsync.core.templates import role_at_company
from calsync.core.translations import Words, words
from calsync.model import THANK_YOU, Action, FollowUp, Interview, Window
from calsync.next_steps import next_text, outcome_text, step_text, today_of
from calsync.plan_words import say, say_said

ENGLISH = words("en")
RULES = {
    "explicit": "your notes say when to follow up",
    "decision": "a day or two after the employer's decision date",
    "default": "no timetable in the notes: 7 to 10 days after the interview",
}


def _rule(rule: str, _: Words) -> str:
    # each a literal, so the catalogs hold them (RULES stays English for --json)
    if rule == "explicit":
        return _("your notes say when to follow up")
    if rule == "decision":
        return _("a day or two after the employer's decision date")
    return _("no timetable in the notes: 7 to 10 days after the interview")


def _local(moment: datetime, tz: str) -> str:
    """The moment on the clock of its zone, labelled with the zone: a calendar that mixes zones
    (a recruiter in New York, an onsite in Berlin) reads wrong with bare local times."""
    local = moment.astimezone(ZoneInfo(tz))
    return f"{local:%Y-%m-%d %H:%M} {zone_label(local, tz)}"


def zone_label(local: datetime, tz: str) -> str:
    """The zone's abbreviation at that moment ("CET", "PDT"), else its name: many zones have
    no letters, only an offset ("-03"), which says less than "America/Sao_Paulo".

    >>> from datetime import UTC
    >>> zone_label(datetime(2026, 7, 1, 12, tzinfo=ZoneInfo("Europe/Berlin")), "Europe/Berlin")
    'CEST'
    >>> zone_label(datetime(2026, 7, 1, 12, tzinfo=UTC), "UTC")
    'UTC'
    >>> zone_label(datetime(2026, 7, 1, tzinfo=ZoneInfo("America/Sao_Paulo")), "America/Sao_Paulo")
    'America/Sao_Paulo'
    """
    abbreviation = local.tzname() or ""
    if not abbreviation or abbreviation[0] in "+-" or abbreviation[0].isdigit():
        return tz
    return abbreviation


def _when(interview: Interview) -> str:
    if interview.all_day:
        return interview.local_date.isoformat()
    return _local(interview.start, interview.tz)


def _first_thanks(followup: FollowUp) -> bool:
    """The round's own thank-you note, not the one after a rejection (part of the chain)."""
    return followup.kind == THANK_YOU and followup.number == 1


def _window_lines(item: InterviewPlan, indent: str, _: Words) -> list[str]:
    window = item.window
    span = window.first.isoformat()
    if window.last != window.first:
        span = _("{first} to {last}", first=span, last=window.last.isoformat())
    rule = _rule(window.rule, _)
    lines = [indent + _("follow-up window: {span} ({rule})", span=span, rule=rule)]
    if window.phrase:
        lines.append(f"{indent}  " + _('from: "{phrase}"', phrase=window.phrase))
    for aside in window.set_aside:
        lines.append(f"{indent}  " + _set_aside(aside.phrase, aside.why, _))
    return lines


def _set_aside(phrase: str, why: str, _: Words) -> str:
    return _('set aside: "{phrase}" — {why}', phrase=phrase, why=say(why, _))


def _set_aside_json(window: Window) -> list[dict[str, str]]:
    return [{"phrase": aside.phrase, "why": aside.why} for aside in window.set_aside]


def _round_lines(
    item: InterviewPlan, number: int, count: int, _: Words, now: datetime | None = None
) -> list[str]:
    interview = item.interview
    label = _("round {number} of {count}:", number=number, count=count) + " " if count > 1 else ""
    lines = [f"  {label}{_when(interview)}  {interview.title}"]
    if interview.interviewers:
        names = ", ".join(p.name for p in interview.interviewers)
        lines.append("    " + _("interviewers: {names}", names=names))
    for followup in item.followups:
        if _first_thanks(followup):
            lines.append(f"    {_local(followup.start, followup.tz)}  {followup.title}")
    if item.superseded:
        lines.append("    " + _("no follow-up call: {why}", why=say(item.superseded, _)))
    for step in item.steps:
        lines += _step_lines(step, None if now is None else today_of(item, now), _)
    return lines


def _step_lines(step: ChainStep, today: date | None, _: Words) -> list[str]:
    """A call: what its notes said (or, against today, where it stands), the line that
    decided, the lines set aside."""
    if today is not None:
        lines = [f"    {step_text(step, today, _)}"]
    else:
        lines = [f"    {outcome_text(step, _)}"]
    if step.decided_by and step.decided_by != step.outcome.phrase:
        lines.append("      " + _('decided by the line: "{line}"', line=step.decided_by))
    lines += ["      " + _set_aside(a.phrase, a.why, _) for a in step.set_aside]
    return lines


def _step_json(step: ChainStep) -> dict[str, object]:
    return {
        "number": step.number,
        "call_date": step.call_date.isoformat(),
        "outcome": step.outcome.kind,
        "phrase": step.outcome.phrase,
        "decided_by": step.decided_by,
        "set_aside": [{"phrase": a.phrase, "why": a.why} for a in step.set_aside],
    }


def _call_lines(app: ApplicationPlan, _: Words) -> list[str]:
    carrier = next((r for r in app.rounds if r.interview.source_id == app.call_round), None)
    if carrier is None:
        return ["  " + _("follow-up call: none ({why})", why=say(app.latest.next_step, _))]
    day = _when(carrier.interview)[:10]
    lines = ["  " + _("follow-up call, after the {day} round:", day=day)]
    lines += _window_lines(carrier, "    ", _)
    for followup in carrier.followups:
        if not _first_thanks(followup):
            lines.append(f"    {_local(followup.start, followup.tz)}  {followup.title}")
            lines += _slot_lines(carrier, followup, "      ", _)
    return lines


def _slot_lines(item: InterviewPlan, followup: FollowUp, indent: str, _: Words) -> list[str]:
    """Why a call is at its time (free slots), and a note when no slot met every rule."""
    slot = item.slot_of(followup.id)
    if slot is None:
        return []
    lines = [indent + _("why this time: {reason}", reason=say_said(slot.why, _))]
    if slot.why_note is not None:
        lines.append(indent + _("note: {note}", note=say_said(slot.why_note, _)))
    return lines


def _slot_json(item: InterviewPlan, followup: FollowUp) -> dict[str, Any]:
    slot = item.slot_of(followup.id)
    if slot is None:
        return {}
    return {"slot": {"start": slot.start.isoformat(), "reason": slot.reason, "note": slot.note}}


def _chronological(plans: Sequence[InterviewPlan]) -> list[ApplicationPlan]:
    """Applications by the instant of their first round (not by its clock time in its zone)."""
    apps = plan_applications(sorted(plans, key=lambda p: p.interview.start))
    return sorted(apps, key=lambda a: a.rounds[0].interview.start)


def _when_event(item: NotInterview) -> str:
    if item.all_day:
        return item.start.astimezone(ZoneInfo(item.tz)).date().isoformat()
    return _local(item.start, item.tz)


def lookalike_lines(
    lookalikes: Sequence[NotInterview], *, listed: bool, _: Words = ENGLISH
) -> list[str]:
    """The events that look like interviews but are not: each with its reason when `listed`
    (`plan --all`), else one line saying how to see them."""
    if not lookalikes:
        return []
    count = len(lookalikes)
    if not listed:
        if count == 1:
            return [
                _("1 event with an interview word not planned (calsync plan --all says why)"),
                "",
            ]
        return [
            _(
                "{count} events with an interview word not planned (calsync plan --all says why)",
                count=count,
            ),
            "",
        ]
    if count == 1:
        lines = [_("Not interviews (1 event with an interview word):")]
    else:
        lines = [_("Not interviews ({count} events with an interview word):", count=count)]
    lines += [f"  {_when_event(n)}  {n.title}  ({say(n.reason, _)})" for n in lookalikes]
    return [*lines, ""]


def plan_text(
    plans: Sequence[InterviewPlan],
    *,
    source: str,
    business: str = "",
    not_interviews: Sequence[NotInterview] = (),
    show_all: bool = False,
    language: str | None = None,
    now: datetime | None = None,
) -> str:
    """The plan for people, in `language` (the words calsync writes its events in); with
    `now`, each call says whether it is ahead or overdue."""
    _ = words(language)
    others = lookalike_lines(not_interviews, listed=show_all, _=_)
    if not plans:
        nothing = _("No interviews found in {source}.", source=source)
        return "\n".join([nothing, *others]) + ("" if others else "\n")
    apps = _chronological(plans)
    interviews = _("1 interview") if len(plans) == 1 else _("{count} interviews", count=len(plans))
    applications = (
        _("1 application") if len(apps) == 1 else _("{count} applications", count=len(apps))
    )
    lines = [
        _(
            "{interviews} in {source}, {applications}",
            interviews=interviews,
            source=source,
            applications=applications,
        )
    ]
    lines.extend([say(business, _), ""] if business else [""])
    for app in apps:
        count = len(app.rounds)
        rounds = _("1 round") if count == 1 else _("{count} rounds", count=count)
        subject = role_at_company(app.role, app.company, _)
        lines.append(_("{subject} ({rounds})", subject=subject, rounds=rounds))
        for number, item in enumerate(app.rounds, start=1):
            lines += _round_lines(item, number, count, _, now)
        lines += _call_lines(app, _)
        lines.append("  " + _("next: {step}", step=next_text(app, now, _)))
        lines.append("")
    return "\n".join(lines + others)


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


def skipped_json(skipped: Sequence[Skipped]) -> list[dict[str, str]]:
    """The events the source could not read, for `--json` (sync and plan)."""
    return [
        {"uid": s.uid, "summary": s.summary, "problem": s.problem} for s in skipped if not s.partly
    ]


def not_interviews_json(lookalikes: Sequence[NotInterview]) -> list[dict[str, Any]]:
    """The look-alikes and why each is not an interview, for `plan --json`."""
    return [
        {
            "source_id": n.source_id,
            "title": n.title,
            "start": n.start.isoformat(),
            "all_day": n.all_day,
            "timezone": n.tz,
            "reason": n.reason,
        }
        for n in lookalikes
    ]


def plan_json(
    plans: Sequence[InterviewPlan],
    *,
    source: str,
    skipped: Sequence[Skipped] = (),
    not_interviews: Sequence[NotInterview] = (),
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
                    "set_aside": _set_aside_json(window),
                },
                "chain": [_step_json(step) for step in item.steps],
                "followups": [{**_followup_json(f), **_slot_json(item, f)} for f in item.followups],
                "next_step": item.next_step,
            }
        )
    payload = {
        "source": source,
        "interviews": items,
        "applications": [_application_json(a) for a in _chronological(plans)],
        "skipped": skipped_json(skipped),
        "not_interviews": not_interviews_json(not_interviews),
    }
    return json.dumps(payload, indent=2, ensure_ascii=False)


def _application_json(app: ApplicationPlan) -> dict[str, Any]:
    """One application: its rounds with their thank-you notes, and the call with its chain."""
    carrier = next((r for r in app.rounds if r.interview.source_id == app.call_round), None)
    return {
        "id": app.key,
        "company": app.company,
        "role": app.role,
        "rounds": [
            {
                "source_id": r.interview.source_id,
                "title": r.interview.title,
                "start": r.interview.start.isoformat(),
                "interviewers": [
                    {"name": p.name, "email": p.email} for p in r.interview.interviewers
                ],
                "thank_you": [_followup_json(f) for f in r.followups if _first_thanks(f)],
                "call_removed": r.superseded,
            }
            for r in app.rounds
        ],
        "call_round": app.call_round,
        "call": (
            {
                "why": RULES[carrier.window.rule],
                "window": {
                    "first": carrier.window.first.isoformat(),
                    "last": carrier.window.last.isoformat(),
                    "rule": carrier.window.rule,
                    "phrase": carrier.window.phrase,
                    "set_aside": _set_aside_json(carrier.window),
                },
                "chain": [_step_json(step) for step in carrier.steps],
                "followups": [
                    {**_followup_json(f), **_slot_json(carrier, f)}
                    for f in carrier.followups
                    if not _first_thanks(f)
                ],
            }
            if carrier is not None
            else None
        ),
        "next_step": app.next_step,
    }


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
    else:
        # a removal surprises unless it says why ("a later round is scheduled on …")
        lines.extend(action_line(a) for a in result.actions if a.op == "cancel")
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
