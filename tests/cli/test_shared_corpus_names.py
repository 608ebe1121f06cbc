"""The shared corpus's company, role and interviewer labels, against what a real sync writes.

`../shared/corpus/cases.json` labels, per interview, the company, the role and one interviewer;
each must appear, in any case, in the title or description of the follow-up call calsync writes
for it (see the corpus README). The run is the real `calsync sync` on `interviews.ics`, so
every step between the invite and the call's text is the one users run. A missing corpus fails
the test: a check that silently does not run guards nothing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import icalendar
import pytest
from click.testing import CliRunner

from calsync.cli import cli

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
LABELS = ("company", "role", "interviewer")


def _cases() -> dict[str, dict[str, Any]]:
    cases = CORPUS / "cases.json"
    assert cases.is_file(), f"the shared corpus is missing: {cases}"
    return {c["id"]: c for c in json.loads(cases.read_text(encoding="utf-8"))}


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """Each interview's first follow-up call, as its title and description in one text."""
    folder = tmp_path_factory.mktemp("corpus")
    out = folder / "out.ics"
    env = {"XDG_STATE_HOME": str(folder / "state"), "XDG_CONFIG_HOME": str(folder / "config")}
    result = CliRunner().invoke(
        cli,
        [
            "sync", "--from", str(CORPUS / "interviews.ics"), "--to", str(out),
            "--since", "2026-11-01", "--until", "2027-03-31",
            "--name", "Alex Rivera", "--email", "alex.rivera@example.com",
        ],
        env={**env, "CALSYNC_CONFIG": None, "TZ": "America/New_York"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    calls: dict[str, str] = {}
    for event in icalendar.Calendar.from_ical(out.read_bytes()).walk("VEVENT"):
        number = str(event.get("X-CALSYNC-NUMBER", "1"))
        if str(event.get("X-CALSYNC-KIND")) == "follow-up-call" and number == "1":
            source = str(event.get("X-CALSYNC-SOURCE", "")).split("@")[0]
            calls[source] = f"{event.get('SUMMARY')}\n{event.get('DESCRIPTION', '')}"
    return calls


def _labelled() -> list[Any]:
    return [
        pytest.param(cid, label, id=f"{cid}-{label}")
        for cid, case in sorted(_cases().items())
        for label in LABELS
        if case["expect"]["interview"] and case["expect"].get(label)
    ]


@pytest.mark.parametrize(("case_id", "label"), _labelled())
def test_the_follow_up_call_names_the_labelled_company_role_and_interviewer(
    written: dict[str, str], case_id: str, label: str
) -> None:
    case = _cases()[case_id]
    want = case["expect"][label]
    assert case_id in written, f"{case_id}: no follow-up call for {case['summary']!r}"
    text = written[case_id]
    assert want.lower() in text.lower(), f"{case['summary']!r}: {label} {want!r} not in the call"


def test_no_company_is_made_of_what_it_must_not_be(written: dict[str, str]) -> None:
    for case_id, case in _cases().items():
        banned = case["expect"].get("company_not")
        if banned and case_id in written:
            title = written[case_id].splitlines()[0]
            assert banned.lower() not in title.lower(), (case_id, title)


def test_every_labelled_interview_is_checked() -> None:
    labelled = _labelled()
    assert len(labelled) >= 150  # the corpus labels 182 names; a loader that finds none fails
