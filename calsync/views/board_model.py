"""The applications board as data: each application in one stage, the next two weeks, a few
figures. Built from the `plan --json` document and "now" alone, so the board can never say
something `plan` does not."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import median
from typing import Any
from zoneinfo import ZoneInfo

from calsync.core.templates import role_at_company

AHEAD, THANKS, WAITING, DUE, OFFER, CLOSED = (
    "ahead",
    "thanks",
    "waiting",
    "due",
    "offer",
    "closed",
)
STAGES: tuple[tuple[str, str], ...] = (
    (AHEAD, "Interview ahead"),
    (THANKS, "Thank-you due"),
    (WAITING, "Waiting"),
    (DUE, "Call due / overdue"),
    (OFFER, "Offer"),
    (CLOSED, "Closed"),
)
STRIP_DAYS = 14
QUIET_AFTER = timedelta(days=7)  # the last allowed call unanswered this long: gone quiet
DECIDED = ("offer", "rejected")


@dataclass(frozen=True)
class Round:
    day: date
    title: str
    interviewers: tuple[str, ...]


@dataclass(frozen=True)
class Card:
    name: str  # "Data Analyst at Globex", "interview at Initech": as the events name it
    stage: str
    status: str  # the stage in words, with its date: never carried by colour alone
    rounds: tuple[Round, ...]
    next_step: str
    next_day: date | None
    last_outcome: str | None


@dataclass(frozen=True)
class Happening:
    day: date
    kind: str  # "interview" | "thank-you" | "call"
    label: str


@dataclass(frozen=True)
class Figures:
    open: int
    interviews_this_month: int
    median_days_to_decision: float | None
    answered: int
    asked: int  # applications whose first call has passed: they had a chance to answer


@dataclass(frozen=True)
class Board:
    today: date
    source: str
    cards: tuple[Card, ...]
    strip: tuple[Happening, ...]
    figures: Figures

    def column(self, stage: str) -> list[Card]:
        return [c for c in self.cards if c.stage == stage]


def build_board(plan: Mapping[str, Any], *, now: datetime, tz: str, max_calls: int) -> Board:
    """The board of a `plan --json` document at the moment `now`, dates read in `tz`."""
    zone = ZoneInfo(tz)
    today = now.astimezone(zone).date()
    apps: Sequence[Mapping[str, Any]] = plan.get("applications", [])
    cards = tuple(_card(app, now, zone, max_calls) for app in apps)
    return Board(
        today=today,
        source=str(plan.get("source", "")),
        cards=cards,
        strip=_strip(apps, today, zone),
        figures=_figures(apps, cards, now, zone),
    )


def _d(day: date) -> str:
    return f"{day:%a %b} {day.day}"


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


def _day(text: str, zone: ZoneInfo) -> date:
    return _moment(text).astimezone(zone).date()


def _calls(app: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    call = app.get("call") or {}
    return [f for f in call.get("followups", []) if f["kind"] == "follow-up-call"]


def _chain(app: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    call = app.get("call") or {}
    return list(call.get("chain", []))


def _card(app: Mapping[str, Any], now: datetime, zone: ZoneInfo, max_calls: int) -> Card:
    rounds = tuple(
        Round(
            day=_day(r["start"], zone),
            title=r["title"],
            interviewers=tuple(p["name"] for p in r["interviewers"]),
        )
        for r in app["rounds"]
    )
    chain = _chain(app)
    said = [s for s in chain if s.get("phrase")]
    stage, status, next_day = _stage(app, chain, now, zone, max_calls)
    return Card(
        name=role_at_company(app["role"], app["company"]),
        stage=stage,
        status=status,
        rounds=rounds,
        next_step=app["next_step"],
        next_day=next_day,
        last_outcome=said[-1]["phrase"] if said else None,
    )


def _stage(
    app: Mapping[str, Any],
    chain: list[Mapping[str, Any]],
    now: datetime,
    zone: ZoneInfo,
    max_calls: int,
) -> tuple[str, str, date | None]:
    outcomes = {s["outcome"]: s for s in chain}
    if "offer" in outcomes:
        return OFFER, f"offer, told on call #{outcomes['offer']['number']}", None
    if "rejected" in outcomes:
        return CLOSED, "closed: not selected", None
    if "withdrew" in outcomes:
        return CLOSED, "closed: you withdrew", None
    ahead = [r for r in app["rounds"] if _moment(r["start"]) > now]
    if ahead:
        day = _day(ahead[0]["start"], zone)
        return AHEAD, f"interview on {_d(day)}", day
    calls = _calls(app)
    if not calls:
        return WAITING, "no call planned", None
    call = calls[-1]
    day = _day(call["start"], zone)
    if _moment(call["start"]) > now:
        latest = app["rounds"][-1]
        thanks = [_day(t["start"], zone) for t in latest["thank_you"]]
        today = now.astimezone(zone).date()
        if thanks and thanks[0] >= today - timedelta(days=1):
            return THANKS, f"thank-you note on {_d(thanks[0])}", thanks[0]
        return WAITING, f"call #{call['number']} planned on {_d(day)}", day
    last_allowed = call["number"] >= max_calls
    if last_allowed and now - _moment(call["start"]) > QUIET_AFTER:
        return CLOSED, f"gone quiet: no answer after call #{call['number']} on {_d(day)}", None
    today = now.astimezone(zone).date()
    if day < today:
        return DUE, f"call #{call['number']} overdue since {_d(day)}", day
    return DUE, f"call #{call['number']} due today", day


def _strip(apps: Sequence[Mapping[str, Any]], today: date, zone: ZoneInfo) -> tuple[Happening, ...]:
    end = today + timedelta(days=STRIP_DAYS)
    items: list[Happening] = []
    for app in apps:
        name = role_at_company(app["role"], app["company"])
        for r in app["rounds"]:
            items.append(Happening(_day(r["start"], zone), "interview", f"{r['title']}"))
            items += [
                Happening(_day(t["start"], zone), "thank-you", f"thank-you note — {name}")
                for t in r["thank_you"]
            ]
        call = app.get("call") or {}
        for f in call.get("followups", []):
            what = "call" if f["kind"] == "follow-up-call" else "thank-you"
            items.append(Happening(_day(f["start"], zone), what, f["title"]))
    kept = [h for h in items if today <= h.day < end]
    return tuple(sorted(kept, key=lambda h: (h.day, h.kind, h.label)))


def _figures(
    apps: Sequence[Mapping[str, Any]], cards: Sequence[Card], now: datetime, zone: ZoneInfo
) -> Figures:
    today = now.astimezone(zone).date()
    this_month = sum(
        1
        for app in apps
        for r in app["rounds"]
        if (d := _day(r["start"], zone)).year == today.year and d.month == today.month
    )
    waits: list[int] = []
    answered = asked = 0
    for app in apps:
        chain = _chain(app)
        calls = _calls(app)
        if calls and _moment(calls[0]["start"]) <= now:
            asked += 1
            answered += any(s["outcome"] not in ("none", "withdrew") for s in chain)
        decided = next((s for s in chain if s["outcome"] in DECIDED), None)
        if decided is not None:
            before = [
                _day(r["start"], zone)
                for r in app["rounds"]
                if _day(r["start"], zone) <= date.fromisoformat(decided["call_date"])
            ]
            if before:
                waits.append((date.fromisoformat(decided["call_date"]) - before[-1]).days)
    return Figures(
        open=sum(1 for c in cards if c.stage not in (OFFER, CLOSED)),
        interviews_this_month=this_month,
        median_days_to_decision=median(waits) if waits else None,
        answered=answered,
        asked=asked,
    )
