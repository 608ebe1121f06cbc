"""`calsync` commands naming Microsoft, end to end against the Graph emulator (today's dates:
the CLI's "now" is the clock)."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from datetime import time as clock
from pathlib import Path
from zoneinfo import ZoneInfo

import icalendar
from click.testing import CliRunner, Result

from calsync.cli import cli
from tests.helpers import Ev, calendar_bytes
from tests.msgraph.emulator.server import GraphEmulator

LA = ZoneInfo("America/Los_Angeles")
ACME = "Interview with Acme — Senior Engineer"
THANKS = "Send thank-you note — Senior Engineer at Acme"
CALL = "Follow-up call — Senior Engineer at Acme"


def soon(days: int = 3, hour: int = 10) -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), clock(hour), LA)


def calsync(*args: str, code: int = 0) -> Result:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == code, result.output
    return result


def titles(ms: GraphEmulator, calendar: str | None = None) -> list[str]:
    return sorted(str(e.fields["subject"]) for e in ms.calsync_events(calendar))


def test_sync_into_the_calendar_read_then_nothing_more(ms: GraphEmulator, signed_in: Path) -> None:
    ms.seed(ACME, soon(), attendees=(("Dana Lee", "dana@acme.com"),))
    ms.seed("Dentist", soon(4))

    dry = calsync("sync", "--from", "microsoft", "--to", "microsoft", "--dry-run")
    assert "2 to create" in dry.output and "nothing written to microsoft:primary" in dry.output
    assert titles(ms) == []

    first = calsync("sync", "--from", "microsoft", "--to", "microsoft")
    assert "1 interview in microsoft:primary" in first.output
    assert "microsoft:primary: 2 created" in first.output
    assert titles(ms) == [CALL, THANKS]
    again = calsync("sync", "--from", "microsoft", "--to", "microsoft", "--json")
    assert json.loads(again.output)["target"] == "microsoft:primary"
    assert "up to date" in calsync("sync", "--from", "microsoft", "--to", "microsoft").output
    assert len(ms.store.live()) == 4


def test_target_calendar_by_name_or_by_id_is_the_same_calendar(
    ms: GraphEmulator, signed_in: Path
) -> None:
    jobs = ms.store.add_calendar("Job search")
    ms.seed(ACME, soon())

    by_name = calsync(
        "sync", "--from", "microsoft", "--to", "microsoft", "--target-calendar", "Job search"
    )
    assert "microsoft:Job search: 2 created" in by_name.output
    by_id = calsync("sync", "--from", "microsoft", "--to", "microsoft", "--target-calendar", jobs)
    assert "up to date" in by_id.output
    in_spec = calsync("sync", "--from", "microsoft", "--to", "microsoft:job search")
    assert "up to date" in in_spec.output
    assert titles(ms, jobs) == [CALL, THANKS]
    assert titles(ms, "AAMkDefaultCalendar") == []

    # the source by name: the default calendar is called "Calendar" in Outlook
    read = calsync("plan", "--from", "microsoft", "--calendar", "Calendar")
    assert "1 interview in microsoft:Calendar" in read.output

    missing = calsync("sync", "--from", "microsoft", "--to", "microsoft:Holidays", code=2)
    assert "no Outlook calendar 'Holidays'" in missing.output


def test_plan_reads_the_outcome_typed_into_the_call_in_another_calendar(
    ms: GraphEmulator, signed_in: Path
) -> None:
    jobs = ms.store.add_calendar("Job search")
    ms.seed(ACME, soon(-12), attendees=(("Dana Lee", "dana@acme.com"),))
    calsync("sync", "--from", "microsoft", "--to", "microsoft", "--target-calendar", jobs)
    call = next(e for e in ms.calsync_events(jobs) if str(e.fields["subject"]) == CALL)
    ms.user_edit(
        call.id,
        body={"contentType": "html", "content": "<p><b>Not moving forward</b>, sadly.</p>"},
    )

    plan = calsync("plan", "--from", "microsoft", "--target-calendar", "Job search")

    assert "not moving forward" in plan.output.lower()
    assert "1 interview in microsoft:primary" in plan.output


def test_from_microsoft_into_an_ics_file(
    ms: GraphEmulator, signed_in: Path, tmp_path: Path
) -> None:
    ms.seed(ACME, soon())
    target = tmp_path / "followups.ics"

    result = calsync("sync", "--from", "microsoft", "--to", str(target))

    assert f"{target}: 2 created" in result.output
    events = icalendar.Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert sorted(str(e["SUMMARY"]) for e in events) == [CALL, THANKS]
    assert titles(ms) == []  # the Outlook calendar read is left as it was


def test_from_an_ics_file_into_microsoft_and_clean_again(
    ms: GraphEmulator, signed_in: Path, tmp_path: Path
) -> None:
    source = tmp_path / "interviews.ics"
    source.write_bytes(
        calendar_bytes(
            [
                Ev(
                    uid="acme-1@example.com",
                    title=ACME,
                    start=soon(),
                    attendees=[
                        ("pat@example.com", "Pat", "ACCEPTED"),
                        ("dana@acme.com", "Dana Lee", "ACCEPTED"),
                    ],
                    organizer=("dana@acme.com", "Dana Lee"),
                )
            ]
        )
    )
    dentist = ms.seed("Dentist", soon(2))
    args = ("--from", str(source), "--to", "microsoft", "--email", "pat@example.com")

    first = calsync("sync", *args)
    assert "microsoft:primary: 2 created" in first.output
    assert titles(ms) == [CALL, THANKS]
    assert "up to date" in calsync("sync", *args).output

    dry = calsync("clean", "--to", "microsoft", "--dry-run")
    assert "2 to remove" in dry.output and titles(ms) == [CALL, THANKS]
    calsync("clean", "--to", "microsoft")
    assert titles(ms) == []
    assert [e.id for e in ms.store.live()] == [dentist.id]  # the user's own event stays


def test_a_revoked_sign_in_exits_3_saying_what_to_run(ms: GraphEmulator, signed_in: Path) -> None:
    ms.seed(ACME, soon())
    ms.revoke()
    ms.expire_access_tokens()

    result = calsync("sync", "--from", "microsoft", "--to", "microsoft", code=3)

    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "run `calsync auth --microsoft`" in lines[0]
    assert "Google" not in lines[0]
    assert titles(ms) == []


def test_a_calendar_read_by_id_gets_its_follow_ups_by_default(
    ms: GraphEmulator, signed_in: Path
) -> None:
    jobs = ms.store.add_calendar("Job search")
    ms.seed(ACME, soon(), calendar=jobs)
    ms.seed("Interview with Initech — Analyst", soon(5))  # in the default calendar: not read

    result = calsync("sync", "--from", "microsoft", "--calendar", jobs, "--to", "microsoft")

    assert f"1 interview in microsoft:{jobs}" in result.output
    assert titles(ms, jobs) == [CALL, THANKS]
    assert titles(ms, "AAMkDefaultCalendar") == []
