"""`calsync plan` says which dated phrases of the notes it set aside, and why (text and --json)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from calsync.cli import cli

NOTES = (
    "Weighing the Northwind offer, which expires Jan 20. I owe Contoso an answer by Dec 16. "
    "They'll decide by Dec 18."
)
ICS = f"""BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//calsync tests//EN
BEGIN:VEVENT
UID:set-aside@example.test
DTSTART:20261208T150000Z
DTEND:20261208T160000Z
SUMMARY:Interview - Fabrikam - Data Analyst
DESCRIPTION:{NOTES}
ORGANIZER;CN=Jo Lee:mailto:jo@fabrikam.example
ATTENDEE;CN=Jo Lee:mailto:jo@fabrikam.example
END:VEVENT
END:VCALENDAR
"""


def _plan(tmp_path: Path, *extra: str) -> str:
    source = tmp_path / "in.ics"
    source.write_text(ICS, encoding="utf-8")
    args = ["plan", "--from", str(source), "--since", "2026-11-01", "--until", "2027-03-01"]
    result = CliRunner().invoke(cli, [*args, *extra])
    assert result.exit_code == 0, result.output
    return result.output


def test_plan_text_names_each_phrase_set_aside_and_why(tmp_path: Path) -> None:
    out = _plan(tmp_path)
    assert 'from: "They\'ll decide by Dec 18"' in out
    assert (
        'set aside: "Weighing the Northwind offer, which expires Jan 20" — '
        "another employer's deadline" in out
    )
    assert 'set aside: "I owe Contoso an answer by Dec 16" — the candidate\'s own deadline' in out


def test_plan_json_carries_the_same_set_aside_list(tmp_path: Path) -> None:
    payload = json.loads(_plan(tmp_path, "--json"))
    [item] = payload["interviews"]
    assert item["window"]["decision_date"] == "2026-12-18"
    assert item["window"]["set_aside"] == [
        {
            "phrase": "Weighing the Northwind offer, which expires Jan 20",
            "why": "another employer's deadline",
        },
        {"phrase": "I owe Contoso an answer by Dec 16", "why": "the candidate's own deadline"},
    ]
