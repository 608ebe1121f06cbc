"""Interviews → the follow-up events that should exist, application by application.

Every round of an application gets a thank-you note right after it. Only the latest round gets
the follow-up call and its chain (see `chain`): a call about the status makes no sense while the
next round is already in the calendar. An outcome written on an earlier round's call still
counts: an offer, a rejection or a withdrawal there ends the whole application.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from calsync.core import templates
from calsync.core.applications import Application, group_applications
from calsync.core.chain import follow_calls
from calsync.core.dates import BusinessDays
from calsync.core.followups import ChainStep, make_followup, thank_you_start
from calsync.core.free_slots import Busy, Slot, SlotBook
from calsync.core.infer import infer_window
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, ExistingEvent, FollowUp, Interview, Window
from calsync.settings import Settings

__all__ = [
    "ApplicationPlan",
    "ChainStep",
    "InterviewPlan",
    "plan_applications",
    "plan_interviews",
    "superseded_reasons",
    "thank_you_start",
]

ENDS_APPLICATION = ("rejected", "offer", "withdrew")

WindowOf = Callable[[Interview, Callable[[], Window]], Window]


@dataclass(frozen=True)
class InterviewPlan:
    """Everything calsync decided about one interview (one round): `calsync plan` prints this."""

    interview: Interview
    window: Window
    followups: tuple[FollowUp, ...]
    steps: tuple[ChainStep, ...]
    next_step: str
    application: str = ""  # the key of the application the round belongs to
    superseded: str | None = None  # why this round's calls are no longer wanted
    slots: tuple[tuple[str, Slot], ...] = ()  # (call id, its slot and why), in call order

    def slot_of(self, followup_id: str) -> Slot | None:
        return next((slot for key, slot in self.slots if key == followup_id), None)


@dataclass(frozen=True)
class ApplicationPlan:
    """One hiring process: its rounds (earliest first) and which round carries the call."""

    key: str
    company: str
    role: str
    rounds: tuple[InterviewPlan, ...]
    call_round: str | None  # source id of the round whose call chain is planned
    next_step: str

    @property
    def latest(self) -> InterviewPlan:
        return self.rounds[-1]


def plan_interviews(
    interviews: Iterable[Interview],
    settings: Settings,
    *,
    source_calendar: str,
    observed: Mapping[str, ExistingEvent] | None = None,
    business: BusinessDays | None = None,
    busy: Sequence[Busy] = (),
    user_zone: str | None = None,
    window_of: WindowOf | None = None,
) -> list[InterviewPlan]:
    """The plan for each interview, in order of start. `observed` holds calsync's events as the
    user's calendar has them now (keyed by id), so the chain can read the outcomes written on
    past calls. `busy` is the calendar's busy time and `user_zone` the user's zone (none: each
    interview's own): calls go to free slots (see `free_slots`). `window_of(interview, infer)`
    may give a window read before instead of calling `infer` (the caller keeps readings
    between runs)."""
    business = business or BusinessDays(settings.holidays)
    observed = observed or {}
    book = SlotBook(
        busy,
        call_time=settings.call_time,
        call_hours=settings.call_hours,
        others={
            e.id: Busy(e.start, e.end, e.title)
            for e in observed.values()
            if e.kind == FOLLOW_UP_CALL and e.status != "cancelled" and not e.deleted_by_user
        },
    )
    interviews = list(interviews)
    planner = _Planner(settings, source_calendar, observed, business, book, user_zone)
    if window_of is not None:
        planner.window_of = window_of
    planner.all_interviews = sorted(interviews, key=lambda i: (i.start, i.source_id))
    # calls are placed one application after another, each avoiding the ones before it: in an
    # order the calendar's contents decide (not the ids a backend happens to give), so two
    # calendars with the same interviews get the same slots
    apps = sorted(group_applications(interviews), key=_placing_order)
    plans = [p for app in apps for p in planner.application(app)]
    plans.sort(key=lambda p: (p.interview.start, p.interview.source_id))
    return plans


def plan_applications(plans: Sequence[InterviewPlan]) -> list[ApplicationPlan]:
    """The plans of `plan_interviews` grouped by application, in order of first round."""
    grouped: dict[str, list[InterviewPlan]] = {}
    for item in plans:
        grouped.setdefault(item.application or item.interview.source_id, []).append(item)
    result = []
    for key, rounds in grouped.items():
        app = Application(tuple(r.interview for r in rounds))
        carrier = next(
            (r for r in reversed(rounds) if any(f.kind != THANK_YOU for f in r.followups)),
            None,
        )
        result.append(
            ApplicationPlan(
                key=key,
                company=app.company,
                role=app.role,
                rounds=tuple(rounds),
                call_round=carrier.interview.source_id if carrier else None,
                next_step=(carrier or rounds[-1]).next_step,
            )
        )
    return result


def superseded_reasons(plans: Iterable[InterviewPlan]) -> dict[str, str]:
    """Why the calls of a round are no longer wanted, by the round's source id: shown when a
    pending call is removed."""
    return {p.interview.source_id: p.superseded for p in plans if p.superseded}


class _Planner:
    def __init__(
        self,
        settings: Settings,
        source_calendar: str,
        observed: Mapping[str, ExistingEvent],
        business: BusinessDays,
        book: SlotBook,
        user_zone: str | None,
    ) -> None:
        self.settings = settings
        self.source_calendar = source_calendar
        self.observed = observed
        self.business = business
        self.book = book
        self.user_zone = user_zone
        self.all_interviews: list[Interview] = []
        self.window_of: WindowOf = lambda interview, infer: infer()

    def application(self, app: Application) -> list[InterviewPlan]:
        plans: list[InterviewPlan] = []
        ended: str | None = None  # why the application ended, once an outcome ended it
        latest_day = app.latest.local_date.isoformat()
        for index, interview in enumerate(app.rounds):
            last = index == len(app.rounds) - 1
            window = self._window(interview)
            thank_you = self._thank_you(interview)
            if ended is not None:
                plans.append(
                    InterviewPlan(
                        interview, window, (thank_you,), (), f"no call: {ended}", app.key, ended
                    )
                )
                continue
            calls, steps, next_step, slots = follow_calls(
                interview,
                window,
                self.settings,
                source_calendar=self.source_calendar,
                observed=self.observed,
                business=self.business,
                rounds=app.rounds[: index + 1],
                # an earlier round's calls are planned only when its outcome ended the
                # application: they must not take the slots of calls that are planned
                book=self.book if last else self.book.scratch(),
                user_zone=self.user_zone,
            )
            outcome = steps[-1].outcome.kind if steps else "none"
            if last or outcome in ENDS_APPLICATION:
                if not last:
                    ended = f"the application ended after the {_day(interview)} round"
                plans.append(
                    InterviewPlan(
                        interview,
                        window,
                        (thank_you, *calls),
                        tuple(steps),
                        next_step,
                        app.key,
                        slots=tuple(slots.items()),
                    )
                )
                continue
            reason = f"a later round is scheduled on {latest_day}"
            plans.append(
                InterviewPlan(
                    interview,
                    window,
                    (thank_you,),
                    tuple(steps),
                    f"no call: {reason}",
                    app.key,
                    superseded=reason,
                )
            )
        return plans

    def _window(self, interview: Interview) -> Window:
        return self.window_of(
            interview,
            lambda: infer_window(
                interview.notes,
                interview.local_date,
                date_order=self.settings.date_order,
                business=self.business,
                languages=self.settings.languages or (),
            ),
        )

    def _thank_you(self, interview: Interview) -> FollowUp:
        return make_followup(
            interview,
            kind=THANK_YOU,
            number=1,
            title=templates.thank_you_title(interview, self.settings.language),
            description=templates.thank_you_description(interview, self.settings),
            start=thank_you_start(interview, self.all_interviews),
            source_calendar=self.source_calendar,
        )


def _placing_order(app: Application) -> tuple[object, ...]:
    latest = app.latest
    return (
        latest.start,
        latest.company.casefold(),
        latest.role.casefold(),
        latest.title,
        latest.source_id,
    )


def _day(interview: Interview) -> str:
    return interview.local_date.isoformat()
