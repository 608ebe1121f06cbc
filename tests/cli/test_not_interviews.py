"""Item 7: `plan --all`, `plan --json` and `sync --verbose` say why a look-alike was passed over."""

from __future__ import annotations

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, write_calendar

BERLIN = ZoneInfo("Europe/Berlin")


def _at(days: int, hour: int = 10) -> datetime:
    return datetime.combine(date.today() + timedelta(days=days), time(hour), BERLIN)


def _source(tmp_path: Path) -> Path:
    me_declined = (ME[0], ME[1], "DECLINED")
    jane = ("jane@acme.com", "Jane Doe", "ACCEPTED")
    return write_calendar(
        tmp_path / "source.ics",
        [
            Ev("real", "Phone screen with Acme — Data Engineer", _at(3), attendees=[jane, ME]),
            Ev("mock", "Mock interview with Dana", _at(4)),
            Ev("gone", "Onsite at Globex", _at(5), status="CANCELLED"),
            Ev("outlook", "Canceled: Interview with Initech", _at(6)),
            Ev("no", "Final round at Hooli", _at(7), attendees=[me_declined]),
            Ev(
                "ours",
                "Send thank-you note — Interview at Umbrella",
                _at(8),
                extra={"X-CALSYNC-KIND": "thank_you"},
            ),
            Ev("lunch", "Team lunch", _at(9)),
        ],
        wr_timezone="Europe/Berlin",
    )


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


REASONS = {
    "mock": 'excluded word "mock"',
    "gone": "cancelled",
    "outlook": "cancelled",
    "no": "declined by you",
    "ours": "made by calsync",
}
# as `plan` says them on a Berlin calendar, in German (--json keeps the English above)
SAID = {
    "mock": "ausgeschlossenes Wort „mock“",
    "gone": "abgesagt",
    "outlook": "abgesagt",
    "no": "von Ihnen abgelehnt",
    "ours": "von calsync angelegt",
}


def test_plan_all_lists_each_look_alike_with_its_reason(tmp_path: Path) -> None:
    code, out, _ = _run(
        "plan", "--from", str(_source(tmp_path)), "--email", ME[0], "--all", "--until", "+30d"
    )
    assert code == 0
    listed = out.split("Keine Vorstellungsgespräche (5 Termine, die danach klingen):\n", 1)[1]
    lines = [line for line in listed.splitlines() if line.strip()]
    assert [line.rsplit("(", 1)[1].rstrip(")") for line in lines] == list(SAID.values())
    assert "Mock interview with Dana" in lines[0]
    assert "CE" in lines[0].split("Mock")[0]  # the time carries its zone (CET / CEST)
    assert "Team lunch" not in out
    # the real interview is still planned (in German: a Berlin calendar's language, SPEC)
    assert "Data Engineer bei Acme" in out


def test_plan_without_all_says_how_to_see_them(tmp_path: Path) -> None:
    code, out, _ = _run("plan", "--from", str(_source(tmp_path)), "--email", ME[0])
    assert code == 0
    assert (
        "5 Termine, die nach Vorstellungsgespräch klingen, sind nicht eingeplant "
        "(warum, zeigt calsync plan --all)"
    ) in out
    assert "Mock interview with Dana" not in out


def test_plan_json_carries_the_look_alikes(tmp_path: Path) -> None:
    code, out, _ = _run("plan", "--from", str(_source(tmp_path)), "--email", ME[0], "--json")
    assert code == 0
    found = {item["source_id"]: item for item in json.loads(out)["not_interviews"]}
    assert {key: item["reason"] for key, item in found.items()} == REASONS
    assert found["mock"]["title"] == "Mock interview with Dana"
    assert datetime.fromisoformat(found["mock"]["start"]) == _at(4)


def test_plan_json_always_has_the_list(tmp_path: Path) -> None:
    source = write_calendar(tmp_path / "plain.ics", [Ev("x", "Interview with Acme", _at(2))])
    code, out, _ = _run("plan", "--from", str(source), "--json")
    assert code == 0
    assert json.loads(out)["not_interviews"] == []


def test_sync_verbose_logs_why(tmp_path: Path) -> None:
    code, _, err = _run(
        "sync",
        "--from",
        str(_source(tmp_path)),
        "--to",
        str(tmp_path / "out.ics"),
        "--email",
        ME[0],
        "--verbose",
    )
    assert code == 0
    assert 'Mock interview with Dana (excluded word "mock")' in err
    assert "Final round at Hooli (declined by you)" in err
    assert "Team lunch" not in err
