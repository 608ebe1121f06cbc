"""`calsync sync` end to end on invitations a stranger wrote.

A description of 10,000 characters without a space (an inline base64 image in an Outlook invite)
used to take 26 s, and 100,000 never finished, so one invitation stopped every later cron run.
These run the installed command in a subprocess on a 1 MB description; the timeout is a guard
against a hang, not a performance target.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.helpers import ME, Ev, read_events, write_calendar

NY = ZoneInfo("America/New_York")
ROOT = Path(__file__).resolve().parents[2]
HANG_GUARD_SECONDS = 120
MEGABYTE = 1_000_000
IMAGE = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9aw=="


def _blob() -> str:
    return (IMAGE * (MEGABYTE // len(IMAGE) + 1))[:MEGABYTE]


def _sync(tmp_path: Path, description: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    interview = datetime.combine(date.today() + timedelta(days=10), time(10), NY)
    source = write_calendar(
        tmp_path / "invite.ics",
        [
            Ev(
                "fabrikam-onsite",
                "Interview with Fabrikam — Product Designer",
                interview,
                description=description,
                attendees=[("dana@fabrikam.com", "Dana Whitfield", "ACCEPTED"), ME],
            )
        ],
    )
    out = tmp_path / "followups.ics"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("CALSYNC_CONFIG", None)
    done = subprocess.run(
        [sys.executable, "-m", "calsync", "sync", "--from", str(source), "--to", str(out)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=HANG_GUARD_SECONDS,
    )
    return done, out


def _decision_day() -> date:
    return date.today() + timedelta(days=24)


@pytest.mark.parametrize(
    "shape",
    [
        pytest.param(
            lambda notes, blob: f"{notes}\n{blob}\nCall me on (415) 555-0134", id="plain text"
        ),
        pytest.param(
            lambda notes, blob: (
                f'<html><body><p>{notes}</p><img src="data:image/png;base64,{blob}">'
                "<p>Call me on (415) 555-0134</p></body></html>"
            ),
            id="outlook html with an inline image",
        ),
        pytest.param(
            lambda notes, blob: (
                f"{notes}<br>{'<a ' * (MEGABYTE // 3)}<br>Call me on (415) 555-0134"
            ),
            id="html with unclosed tags",
        ),
    ],
)
def test_sync_of_an_interview_with_a_1_mb_description_without_a_space_finishes(
    tmp_path: Path, shape: Callable[[str, str], str]
) -> None:
    notes = f"They'll decide by {_decision_day():%B %d}."
    description = shape(notes, _blob())
    done, out = _sync(tmp_path, description)
    assert done.returncode == 0, done.stderr[-500:]
    events = read_events(out)
    titles = sorted(str(e["SUMMARY"]) for e in events.values())
    assert titles == [
        "Follow-up call — Product Designer at Fabrikam",
        "Send thank-you note — Product Designer at Fabrikam",
    ]
    call = next(e for e in events.values() if str(e["SUMMARY"]).startswith("Follow-up call"))
    # the decision date in the notes before the blob still sets the call: a business day after
    call_day = call.decoded("DTSTART").date()
    assert _decision_day() < call_day <= _decision_day() + timedelta(days=5)
    assert "tel:4155550134" in str(call["DESCRIPTION"])


def test_a_linkedin_job_id_in_the_invite_is_not_offered_as_a_phone_number(
    tmp_path: Path,
) -> None:
    description = (
        "Role: https://www.linkedin.com/jobs/view/3890001234/\n"
        "Recruiter: Dana, call me on (415) 555-0134"
    )
    done, out = _sync(tmp_path, description)
    assert done.returncode == 0, done.stderr[-500:]
    call = next(
        e for e in read_events(out).values() if str(e["SUMMARY"]).startswith("Follow-up call")
    )
    script = str(call["DESCRIPTION"])
    assert "tel:4155550134" in script
    assert "tel:3890001234" not in script
    assert "Phone: 3890001234" not in script
