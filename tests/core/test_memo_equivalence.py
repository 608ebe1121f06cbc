"""The memo changes how much a run costs, never what it writes: proven over random histories.

Each example is a random calendar and a random sequence of what happens between cron runs:
the source is edited (an event replaced, its notes rewritten, cancelled, one added), the user
edits calsync's events in the target (a title changed, an outcome typed into the notes), the
settings change, calsync's version moves on, and the clock moves past follow-ups. After every
step, one target synced with the memo and one synced without it (`Run(memo=False)`) must hold
exactly the same bytes.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calsync
from calsync import app
from calsync.app import Run
from calsync.settings import Settings
from tests.core.test_sync_properties import (
    FIXED_NOW,
    NOTES,
    SETTINGS,
    Appointment,
    _appointment,
    _folder,
    calendar_bytes,
    calendars,
)

appointment = st.composite(_appointment)()

SETTING_CHANGES: tuple[Settings, ...] = (
    SETTINGS,
    replace(SETTINGS, date_order="DMY"),
    replace(SETTINGS, holidays="none"),
    replace(SETTINGS, name="Alex Rivera", emails=("alex.rivera@example.com",)),
    Settings(since=SETTINGS.since, until=SETTINGS.until, extra_exclude_words=("final",)),
    Settings(since=SETTINGS.since, until=SETTINGS.until, extra_interview_words=("lunch",)),
)
OUTCOMES = (
    "they chose someone else",
    "next follow-up: Jan 20",
    "Decision now expected Jan 8.",
    "I got the offer!",
)

steps = st.lists(
    st.one_of(
        st.tuples(st.just("replace"), st.integers(0, 11), appointment),
        st.tuples(st.just("notes"), st.integers(0, 11), st.sampled_from(NOTES)),
        st.tuples(st.just("cancel"), st.integers(0, 11)),
        st.tuples(st.just("add"), appointment),
        st.tuples(st.just("retitle"), st.integers(0, 30)),
        st.tuples(st.just("outcome"), st.integers(0, 30), st.sampled_from(OUTCOMES)),
        st.tuples(st.just("settings"), st.sampled_from(SETTING_CHANGES)),
        st.tuples(st.just("version"), st.integers(1, 9)),
        st.tuples(st.just("clock"), st.integers(1, 40)),
    ),
    min_size=1,
    max_size=7,
)


class _History:
    """The shared source, the two targets, and what every run depends on."""

    def __init__(self, folder: Path, appointments: list[Appointment]) -> None:
        self.folder = folder
        self.appointments = list(appointments)
        self.cancelled: set[int] = set()
        self.settings = SETTINGS
        self.now = FIXED_NOW
        self.source = folder / "source.ics"
        self.with_memo, self.without = folder / "with-memo.ics", folder / "without-memo.ics"
        self.write_source()

    def write_source(self) -> None:
        self.source.write_bytes(calendar_bytes(self.appointments, frozenset(self.cancelled)))

    def sync_both(self) -> None:
        for target, memo in ((self.with_memo, True), (self.without, False)):
            run = Run(settings=self.settings, now=self.now, system_tz="America/New_York", memo=memo)
            app.sync(str(self.source), str(target), run, dry_run=False)
        assert _bytes(self.with_memo) == _bytes(self.without)

    def edit_targets(self, index: int, edit: Any) -> None:
        """The same edit by the user in both targets: the `index`-th event calsync wrote."""
        for target in (self.with_memo, self.without):
            if target.exists():
                target.write_bytes(_edited(target.read_bytes(), index, edit))


def _bytes(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _edited(data: bytes, index: int, edit: Any) -> bytes:
    blocks = list(re.finditer(rb"BEGIN:VEVENT\r\n.*?END:VEVENT\r\n", data, flags=re.S))
    if not blocks:
        return data
    block = blocks[index % len(blocks)]
    new = edit(block.group(0))
    return data[: block.start()] + new + data[block.end() :]


def _retitle(block: bytes) -> bytes:
    return block.replace(b"\r\nSUMMARY:", b"\r\nSUMMARY:Moved - ", 1)


def _outcome(text: str) -> Any:
    def edit(block: bytes) -> bytes:
        return block.replace(b"\r\nDESCRIPTION:", b"\r\nDESCRIPTION:" + text.encode() + b"\\n", 1)

    return edit


def _apply(history: _History, step: tuple[Any, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    kind = step[0]
    count = len(history.appointments)
    if kind == "replace":
        history.appointments[step[1] % count] = step[2]
    elif kind == "notes":
        index = step[1] % count
        history.appointments[index] = replace(history.appointments[index], notes=step[2])
    elif kind == "cancel":
        history.cancelled.add(step[1] % count)
    elif kind == "add" and count < 12:
        history.appointments.append(step[1])
    elif kind == "retitle":
        history.edit_targets(step[1], _retitle)
    elif kind == "outcome":
        history.edit_targets(step[1], _outcome(step[2]))
    elif kind == "settings":
        history.settings = step[1]
    elif kind == "version":
        monkeypatch.setattr(calsync, "__version__", f"{calsync.__version__}.{step[1]}")
    elif kind == "clock":
        history.now += timedelta(days=step[1])
    if kind in ("replace", "notes", "cancel", "add"):
        history.write_source()


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(appointments=calendars, edits=steps)
def test_a_run_with_the_memo_writes_what_a_run_without_it_writes(
    appointments: list[Appointment],
    edits: list[tuple[Any, ...]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    with monkeypatch.context() as patched, _folder(patched) as folder:
        history = _History(folder, appointments)
        history.sync_both()
        for step in edits:
            _apply(history, step, patched)
            history.sync_both()
            history.sync_both()  # the run after: the memo is warm, the targets as just written


def test_the_memo_is_used_at_all(monkeypatch: pytest.MonkeyPatch, caplog: Any) -> None:
    """Without this, the property above would also hold for a memo that is never read."""
    appointments = [
        Appointment("Interview with Acme - Senior Engineer", 20, 600, 60, "UTC", False,
                    NOTES[2], ("jane.doe@acme.example", "Jane Doe")),
    ]  # fmt: skip
    with _folder(monkeypatch) as folder:
        history = _History(folder, appointments)
        history.sync_both()
        caplog.set_level("DEBUG", logger="calsync")
        history.sync_both()
        assert "source.ics: unchanged since the last run; not parsed again" in caplog.text
        assert re.search(r"[1-9]\d* readings reused, 0 made", caplog.text)
        caplog.clear()
        monkeypatch.setattr(calsync, "__version__", "99.0")  # another calsync: nothing reused
        history.now = datetime.combine(date(2026, 12, 11), FIXED_NOW.timetz())
        history.sync_both()
        assert "not parsed again" not in caplog.text
        assert " 0 readings reused" in caplog.text
