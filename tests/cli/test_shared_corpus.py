"""The shared regression corpus, end to end: the real `calsync sync` on `interviews.ics` must find
every interview (and nothing else) and put every first follow-up call on a labelled day.

The corpus lives beside the repository (`<repo>/../shared/corpus`, as CI clones it); the
`CALSYNC_SHARED_CORPUS` variable names another folder. A missing corpus fails the test: a guard
that skips itself guards nothing.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest

REPO = Path(__file__).resolve().parents[2]
FALLBACK = Path("/work/shared/corpus")


def corpus_folder() -> Path:
    named = os.environ.get("CALSYNC_SHARED_CORPUS")
    candidates = [Path(named)] if named else [REPO.parent / "shared" / "corpus", FALLBACK]
    for folder in candidates:
        if (folder / "cases.json").is_file() and (folder / "interviews.ics").is_file():
            return folder
    raise AssertionError(
        "shared corpus not found: looked in "
        + ", ".join(str(c) for c in candidates)
        + " (set CALSYNC_SHARED_CORPUS to the folder holding cases.json and interviews.ics)"
    )


def _sync(corpus: Path, home: Path) -> icalendar.Calendar:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CALSYNC_", "XDG_"))}
    env.update(
        HOME=str(home),
        TZ="America/New_York",
        XDG_STATE_HOME=str(home / "state"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
    )
    out = home / "out.ics"
    done = subprocess.run(
        [sys.executable, "-m", "calsync", "sync", "--from", str(corpus / "interviews.ics")]
        + ["--to", str(out), "--since", "2026-11-01", "--until", "2027-03-31"]
        + ["--name", "Alex Rivera", "--email", "alex.rivera@example.com"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-500:]
    return icalendar.Calendar.from_ical(out.read_bytes())


def _call_day(event: Any, tz: str) -> date:
    start = event["DTSTART"].dt
    if isinstance(start, datetime):
        return (start.astimezone(ZoneInfo(tz)) if start.tzinfo else start).date()
    assert isinstance(start, date)
    return start


def test_every_detection_and_every_call_window_matches_the_labels(tmp_path: Path) -> None:
    corpus = corpus_folder()
    cases = json.loads((corpus / "cases.json").read_text(encoding="utf-8"))
    calendar = _sync(corpus, tmp_path)
    calls: dict[str, Any] = {}
    followed: set[str] = set()
    for event in calendar.walk("VEVENT"):
        if str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        source = str(event.get("X-CALSYNC-SOURCE", "")).split("@")[0]
        followed.add(source)
        kind = str(event.get("X-CALSYNC-KIND", ""))
        if kind == "follow-up-call" and str(event.get("X-CALSYNC-NUMBER", "1")) == "1":
            calls[source] = event
    wrong: list[str] = []
    windows = 0
    interviews = [c for c in cases if c["expect"]["interview"]]
    for case in cases:
        cid, want = case["id"], case["expect"]
        if not want["interview"]:
            if cid in followed:
                wrong.append(f"{cid}: not an interview, but it got follow-ups")
            continue
        if cid not in calls:
            wrong.append(f"{cid}: no follow-up call")
            continue
        day = _call_day(calls[cid], case["tz"]).isoformat()
        if day in want["call_dates"]:
            windows += 1
        else:
            wrong.append(f"{cid}: call on {day}, label {want['call_dates']}: {want['why']}")
    print(f"\nshared corpus: call windows {windows}/{len(interviews)} of {len(cases)} events")
    assert not wrong, "\n".join(wrong)


def test_a_missing_corpus_fails_with_where_it_looked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALSYNC_SHARED_CORPUS", str(tmp_path / "nowhere"))
    with pytest.raises(AssertionError, match="shared corpus not found: looked in .*nowhere"):
        corpus_folder()
