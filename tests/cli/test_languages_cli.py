"""A calendar in Germany, end to end: read in German by default, written in German by default,
and both settings in the config file (`languages`, `language`) doing what they say."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
import pytest
from click.testing import CliRunner

from calsync.cli import cli

CALENDAR = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//calsync tests//EN
X-WR-TIMEZONE:Europe/Berlin
BEGIN:VEVENT
UID:de-1@test
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Berlin:20261203T140000
DTEND;TZID=Europe/Berlin:20261203T150000
SUMMARY:Vorstellungsgespräch bei Siemens — Softwareentwickler (m/w/d)
DESCRIPTION:Gespräch mit Frau Weber. Entscheidung bis Freitag\\, 11.12.
ORGANIZER;CN=Anna Weber:mailto:anna.weber@siemens.com
ATTENDEE;CN=Anna Weber:mailto:anna.weber@siemens.com
ATTENDEE;CN=Max Mustermann:mailto:max@example.org
END:VEVENT
BEGIN:VEVENT
UID:de-2@test
DTSTAMP:20261201T090000Z
DTSTART;TZID=Europe/Berlin:20261204T100000
DTEND;TZID=Europe/Berlin:20261204T110000
SUMMARY:Probe-Vorstellungsgespräch mit Coach
END:VEVENT
END:VCALENDAR
"""
RANGE = ["--since", "2026-11-01", "--until", "2027-01-31", "--email", "max@example.org"]


def _run(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: str,
    config: str = "",
    *,
    calendar: str = CALENDAR,
    options: tuple[str, ...] = (),
) -> str:
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "de.ics").write_text(calendar, encoding="utf-8")
    (tmp_path / "config.toml").write_text(config, encoding="utf-8")
    monkeypatch.setenv("CALSYNC_CONFIG", str(tmp_path / "config.toml"))
    target = ["--to", "-"] if command == "sync" else []
    source = ["--from", str(tmp_path / "de.ics")]
    result = CliRunner().invoke(cli, [command, *source, *target, *RANGE, *options])
    assert result.exit_code == 0, result.output
    return result.output


def test_a_german_calendar_is_read_and_written_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown = _run(tmp_path, monkeypatch, "plan")
    assert "1 Vorstellungsgespräch in" in shown
    assert "Softwareentwickler bei Siemens (1 Runde)" in shown
    assert "Zeitraum für den Nachfassanruf: 2026-12-14 bis 2026-12-15" in shown
    assert "aus: „Entscheidung bis Freitag, 11.12.“" in shown
    written = _run(tmp_path, monkeypatch, "sync")
    assert "SUMMARY:Dankesschreiben senden — Softwareentwickler bei Siemens" in written
    assert "SUMMARY:Nachfassanruf — Softwareentwickler bei Siemens" in written
    assert "Probe" not in written


def test_plan_on_a_german_calendar_says_its_steps_reasons_and_business_days_in_german(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The next step, the line set aside and why, the business days: German on screen, the
    English sentences unchanged in `plan --json` for scripts."""
    calendar = CALENDAR.replace("11.12.", "11.12. Rückmeldung bis spätestens 18.12.")
    shown = _run(tmp_path, monkeypatch, "plan", calendar=calendar)
    assert "Werktage: Mo–Fr ohne die gesetzlichen Feiertage in DE" in shown
    assert "(nach der Zeitzone des Kalenders, Europe/Berlin)" in shown
    assert (
        "nicht berücksichtigt: „Rückmeldung bis spätestens 18.12.“ — "
        "eine frühere Aussage nennt bereits den Zeitplan"
    ) in shown
    assert "als Nächstes: Nachfassanruf Nr. 1 am 2026-12-14" in shown
    assert "warum diese Uhrzeit: 10:00 ist frei" in shown
    assert "1 Termin, der nach Vorstellungsgespräch klingt, ist nicht eingeplant" in shown
    english_lines = ("Business days", "set aside", "follow-up call #", "earlier statement")
    for english in (*english_lines, "why this time", "is free"):
        assert english not in shown
    every = _run(tmp_path, monkeypatch, "plan", calendar=calendar, options=("--all",))
    assert "Kein Vorstellungsgespräch (1 Termin, der danach klingt):" in every
    assert "Probe-Vorstellungsgespräch mit Coach  (ausgeschlossenes Wort" in every
    scripted = json.loads(
        _run(tmp_path, monkeypatch, "plan", calendar=calendar, options=("--json",))
    )
    assert scripted["not_interviews"][0]["reason"].startswith("excluded word")
    interview = scripted["interviews"][0]
    assert interview["followups"][1]["slot"]["reason"] == "10:00 is free"
    assert interview["next_step"] == "follow-up call #1 on 2026-12-14"
    assert interview["window"]["set_aside"] == [
        {
            "phrase": "Rückmeldung bis spätestens 18.12.",
            "why": "an earlier statement already gives the timetable",
        }
    ]


def test_language_and_languages_in_the_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    english = _run(tmp_path, monkeypatch, "sync", 'language = "en"\n')
    assert "SUMMARY:Follow-up call — Softwareentwickler at Siemens" in english
    french = _run(tmp_path, monkeypatch, "sync", 'language = "fr"\n')
    assert "SUMMARY:Appel de relance — Softwareentwickler chez Siemens" in french
    only_english = _run(tmp_path, monkeypatch, "plan", 'languages = ["en"]\n')
    assert only_english.startswith("Keine Vorstellungsgespräche gefunden")


def test_an_unknown_language_is_one_line_naming_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "config.toml").write_text('languages = ["de", "klingon"]\n', encoding="utf-8")
    monkeypatch.setenv("CALSYNC_CONFIG", str(tmp_path / "config.toml"))
    result = CliRunner().invoke(cli, ["plan", "--from", "x.ics"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and "config.toml: languages" in lines[0] and "klingon" in lines[0]


def test_calls_written_in_english_before_are_not_read_as_the_users_outcome(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Berlin calendar synced before calsync wrote German, and the user's own line added to a
    call: the English call script around it (with its examples "they chose someone else",
    "offer accepted") is calsync's, not what the user wrote."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    (tmp_path / "de.ics").write_text(CALENDAR, encoding="utf-8")
    monkeypatch.setenv("CALSYNC_CONFIG", str(tmp_path / "config.toml"))
    source, target = str(tmp_path / "de.ics"), str(tmp_path / "followups.ics")
    (tmp_path / "config.toml").write_text('language = "en"\n', encoding="utf-8")
    first = CliRunner().invoke(cli, ["sync", "--from", source, "--to", target, *RANGE])
    assert first.exit_code == 0, first.output
    # the user writes a line of their own into the English call after calling
    calendar = icalendar.Calendar.from_ical((tmp_path / "followups.ics").read_bytes())
    for event in calendar.walk("VEVENT"):
        if str(event.get("X-CALSYNC-KIND")) == "follow-up-call":
            event["DESCRIPTION"] = str(event["DESCRIPTION"]) + "\nStill waiting, nothing yet."
    (tmp_path / "followups.ics").write_bytes(calendar.to_ical())
    (tmp_path / "config.toml").write_text("", encoding="utf-8")
    again = CliRunner().invoke(cli, ["sync", "--from", source, "--to", target, *RANGE])
    assert again.exit_code == 0, again.output
    written = (tmp_path / "followups.ics").read_text(encoding="utf-8")
    # the user's line says nothing final: no closing note, no second call yet
    summaries = [line for line in written.splitlines() if line.startswith("SUMMARY:")]
    assert not any("Noch ein Dankesschreiben" in s or "Nr. 2" in s for s in summaries), summaries
