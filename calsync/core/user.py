"""Telling the user apart from interviewers when they did not say who they are.

Google marks the user's own attendee entry (`self`); an .ics export does not. When neither
`--email` nor the config names the user, the address that attends nearly every interview is the
user's: interviewers change from one company to the next, the candidate does not.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from calsync.core.detect import is_interview_title
from calsync.model import SourceEvent

MIN_INTERVIEWS = 2
SHARE = 0.6


def guess_user_emails(
    events: Iterable[SourceEvent],
    words: Sequence[str],
    excludes: Sequence[str],
    *,
    calendar_name: str | None = None,
) -> tuple[str, ...]:
    """The addresses that are most likely the user's (empty when nothing stands out).

    >>> from datetime import datetime, UTC
    >>> from calsync.model import Attendee
    >>> def iv(*emails):
    ...     t = datetime(2026, 12, 1, tzinfo=UTC)
    ...     people = tuple(Attendee(email=e) for e in emails)
    ...     return SourceEvent(id=emails[0], title="Interview", start=t, end=t, tz="UTC",
    ...                        attendees=people)
    >>> guess_user_emails([iv("a@x.com", "me@y.org"), iv("b@z.com", "me@y.org")],
    ...                   ["interview"], [])
    ('me@y.org',)
    """
    found: list[str] = []
    if calendar_name and "@" in calendar_name and " " not in calendar_name.strip():
        found.append(calendar_name.strip().lower())
    counts: Counter[str] = Counter()
    interviews = 0
    for event in events:
        if not is_interview_title(event.title, words, excludes):
            continue
        interviews += 1
        counts.update({a.email.lower() for a in event.attendees if a.email})
    if interviews >= MIN_INTERVIEWS:
        found.extend(
            email
            for email, seen in counts.most_common()
            if seen >= SHARE * interviews and email not in found
        )
    return tuple(found)
