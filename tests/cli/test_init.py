"""`calsync init`: a first-time user's setup, asked and unattended, through CliRunner and a real
process; what it writes is a config every later run reads."""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
import tomllib
from pathlib import Path

import click
from click.testing import CliRunner

from calsync import schedule
from calsync.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"


def _invoke(*args: str, answers: str | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, ["init", *args], input=answers, catch_exceptions=False)


def _config(tmp_path: Path) -> Path:
    return tmp_path / "config" / "calsync" / "config.toml"


def test_unattended_init_guesses_the_user_and_writes_a_config_sync_reads(tmp_path: Path) -> None:
    result = _invoke("--from", str(EXAMPLE), "--yes")
    assert result.exit_code == 0, result.output
    table = tomllib.loads(_config(tmp_path).read_text(encoding="utf-8"))
    # the address on every invitation of examples/interviews.ics, and that attendee's name
    assert table["emails"] == ["alex.rivera@example.com"]
    assert table["name"] == "Alex Rivera"
    assert table["holidays"] == "US"  # the calendar's zone is America/New_York
    assert table["from"] == str(EXAMPLE) and table["to"] == str(tmp_path / "followups.ics")
    assert "finds 15 interviews" in result.output
    assert "0 * * * * " in result.output and "sync --quiet" in result.output
    assert "OnCalendar=hourly" in result.output and "<key>Label</key>" in result.output
    synced = CliRunner().invoke(cli, ["sync"], catch_exceptions=False)
    assert synced.exit_code == 0, synced.output
    assert "Alex Rivera" in (tmp_path / "followups.ics").read_text(encoding="utf-8")


def test_the_questions_take_typed_answers_and_show_the_file_before_writing(
    tmp_path: Path,
) -> None:
    typed = "\n".join(
        [
            str(EXAMPLE),
            "Alex R.",
            "alex@home.example, alex.rivera@example.com",
            "none",
            "out.ics",
            "y",
        ]
    )
    result = _invoke(answers=typed + "\n")
    assert result.exit_code == 0, result.output
    shown = result.output.index('name = "Alex R."')
    assert shown < result.output.index("Write it?") < result.output.index("Wrote ")
    table = tomllib.loads(_config(tmp_path).read_text(encoding="utf-8"))
    assert table["emails"] == ["alex@home.example", "alex.rivera@example.com"]
    assert table["holidays"] == "none" and table["to"] == str(tmp_path / "out.ics")
    assert "[Alex Rivera]" in result.output  # the guessed name offered as the default


def test_an_existing_config_is_never_replaced_without_asking(tmp_path: Path) -> None:
    config = _config(tmp_path)
    config.parent.mkdir(parents=True)
    config.write_text('name = "Mine"\n', encoding="utf-8")
    refused = _invoke("--from", str(EXAMPLE), "--yes")
    assert refused.exit_code == 2
    assert "exists already" in refused.output and "--force" in refused.output
    assert config.read_text(encoding="utf-8") == 'name = "Mine"\n'
    declined = _invoke(
        "--from",
        str(EXAMPLE),
        "--name",
        "A",
        "--email",
        "a@b.example",
        "--holidays",
        "US",
        "--to",
        "f.ics",
        answers="n\n",
    )
    assert declined.exit_code == 2 and "Replace it?" in declined.output
    assert config.read_text(encoding="utf-8") == 'name = "Mine"\n'
    forced = _invoke("--from", str(EXAMPLE), "--yes", "--force")
    assert forced.exit_code == 0, forced.output
    assert "exists already: writing replaces it" in forced.output
    assert "Alex Rivera" in config.read_text(encoding="utf-8")


def test_a_bad_answer_is_one_line_and_nothing_is_written(tmp_path: Path) -> None:
    result = _invoke("--from", str(EXAMPLE), "--holidays", "XX", "--yes")
    assert result.exit_code == 2
    assert result.output.strip().splitlines()[-1].startswith("calsync: error: ")
    assert "'XX' is not a country code" in result.output
    assert not _config(tmp_path).exists()


def test_google_without_a_token_says_how_to_sign_in_and_still_writes(tmp_path: Path) -> None:
    result = _invoke(
        "--from", "google", "--no-sign-in", "--name", "Alex", "--email", "alex@example.com", "-y"
    )
    assert result.exit_code == 0, result.output
    assert "Sign in later with `calsync auth`" in result.output
    assert "Check skipped" in result.output and "calsync auth" in result.output
    table = tomllib.loads(_config(tmp_path).read_text(encoding="utf-8"))
    assert table["from"] == "google" and table["to"] == "google"


def test_caldav_asks_for_the_user_and_the_password_command(tmp_path: Path) -> None:
    result = _invoke(
        "--from",
        str(EXAMPLE),
        "--to",
        "caldav+https://dav.example/cal/",
        "--caldav-user",
        "alex",
        "--caldav-password-command",
        "pass show fastmail",
        "--config",
        str(tmp_path / "c.toml"),
        "-y",
    )
    assert result.exit_code == 0, result.output
    table = tomllib.loads((tmp_path / "c.toml").read_text(encoding="utf-8"))
    assert table["caldav_user"] == "alex"
    assert table["caldav_password_command"] == "pass show fastmail"
    assert f"CALSYNC_CONFIG={tmp_path / 'c.toml'}" in result.output  # not the default path
    assert (tmp_path / "c.toml").stat().st_mode & 0o077 == 0


def test_init_in_a_real_process(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    env.pop("CALSYNC_CONFIG", None)
    calsync = str(Path(sys.executable).parent / "calsync")
    done = subprocess.run(
        [calsync, "init", "--from", str(EXAMPLE), "--to", "followups.ics", "--yes"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"0 * * * * {calsync} sync --quiet" in done.stdout
    synced = subprocess.run(
        [calsync, "sync", "--quiet"],
        cwd="/",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert synced.returncode == 0, synced.stderr
    assert (tmp_path / "followups.ics").exists()  # the absolute path cron needs


def test_contrib_holds_what_init_prints() -> None:
    contrib = ROOT / "contrib"
    service = (contrib / "systemd" / "calsync.service").read_text(encoding="utf-8")
    assert service == schedule.systemd_service(schedule.CONTRIB_COMMAND)
    timer = (contrib / "systemd" / "calsync.timer").read_text(encoding="utf-8")
    assert timer == schedule.systemd_timer()
    plist = (contrib / "launchd" / "org.calsync.sync.plist").read_bytes()
    assert plist.decode() == schedule.launchd_plist(schedule.CONTRIB_LAUNCHD_COMMAND)
    parsed = plistlib.loads(plist)
    assert parsed["ProgramArguments"][1:] == ["sync", "--quiet"]
    assert parsed["StartCalendarInterval"] == {"Minute": 0}


def test_a_sign_in_that_cannot_start_yet_leaves_the_setup_going(tmp_path: Path) -> None:
    typed = "\n".join(["google", "y", "Alex", "alex@example.com", "US", "", "y"]) + "\n"
    result = _invoke(answers=typed)
    assert result.exit_code == 0, result.output
    assert "Sign in to Google now?" in result.output
    assert "sign-in not done" in result.output and "no OAuth client file" in result.output
    assert "Sign in later with `calsync auth`" in result.output
    table = tomllib.loads(_config(tmp_path).read_text(encoding="utf-8"))
    assert table["to"] == "google" and table["name"] == "Alex"
