"""The one Settings value the core takes: built by `calsync.config` from TOML, flags and env."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

DEFAULT_INTERVIEW_WORDS: tuple[str, ...] = (
    "interview",
    "interviews",
    "interviewing",
    "phone screen",
    "phone screening",
    "screening",
    "screen call",
    "onsite",
    "on-site",
    "on site",
    "technical screen",
    "tech screen",
    "technical interview",
    "hiring manager",
    "recruiter call",
    "recruiter chat",
    "recruiter screen",
    "final round",
    "panel",
    "case study",
    "case interview",
    "coding challenge review",
    "take-home review",
    "superday",
)

DEFAULT_EXCLUDE_WORDS: tuple[str, ...] = (
    "mock",
    "practice",
    "prep",
    "preparation",
    "rehearsal",
    "webinar",
    "info session",
)


@dataclass(frozen=True)
class Settings:
    """Everything a run depends on besides its inputs and "now".

    Every field has a config-file key of the same name (docs/configuration.md, generated
    from `calsync.config.KEY_HELP`).
    """

    name: str = ""
    emails: tuple[str, ...] = ()
    calendar: str = "primary"
    target_calendar: str | None = None
    since: date | None = None  # None: 30 days before now
    until: date | None = None  # None: 365 days after now
    timezone: str | None = None  # None: the calendar's zone, else the system's
    # `interview_words` / `exclude_words` replace the built-in lists; the `extra_` ones add to
    # whatever list is in force (a user who adds "standup" keeps every built-in word)
    interview_words: tuple[str, ...] = DEFAULT_INTERVIEW_WORDS
    exclude_words: tuple[str, ...] = DEFAULT_EXCLUDE_WORDS
    extra_interview_words: tuple[str, ...] = ()
    extra_exclude_words: tuple[str, ...] = ()
    date_order: str = "MDY"  # MDY | DMY | YMD, for numeric dates like 12/05
    # a country code ("US", "GB", "DE" …) whose holidays are not business days; None: the
    # country of the calendar's zone (else the system's); "none": no holidays at all
    holidays: str | None = None
    call_time: time = time(10, 0)
    call_hours: tuple[time, time] = (time(9, 0), time(17, 0))  # when calls fit, the user's zone
    max_calls: int = 3
    batch_size: int = 50
    reminder_minutes: int = 0
    microsoft_client_id: str = ""  # the app registered for `calsync auth --microsoft`
    caldav_user: str | None = None  # CalDAV login (env CALSYNC_CALDAV_USER wins)
    caldav_password_command: str | None = None  # prints the CalDAV password; never stored
    run_timeout: int = 600  # seconds a run may take before it stops (SPEC "Every run ends")

    def __post_init__(self) -> None:
        # Merged here so every reader of the word lists sees the extras; idempotent, so
        # `dataclasses.replace` on a merged value adds nothing twice.
        for field, extra in (
            ("interview_words", self.extra_interview_words),
            ("exclude_words", self.extra_exclude_words),
        ):
            current: tuple[str, ...] = getattr(self, field)
            known = {w.lower() for w in current}
            added: list[str] = []
            for word in extra:
                if word.lower() not in known:
                    known.add(word.lower())
                    added.append(word)
            if added:
                object.__setattr__(self, field, (*current, *added))

    @property
    def own_emails(self) -> frozenset[str]:
        return frozenset(e.strip().lower() for e in self.emails if e.strip())
