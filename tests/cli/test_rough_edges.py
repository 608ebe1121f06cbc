"""The rough edges a new user meets in the first hour: each pinned by what they would see."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from calsync.cli import cli

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "interviews.ics"


def _invoke(*args: str, env: dict[str, str] | None = None) -> click.testing.Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False, env=env)


def test_a_file_source_without_to_says_the_target_defaults_to_google(tmp_path: Path) -> None:
    result = _invoke("sync", "--from", str(EXAMPLE))
    assert result.exit_code == 3
    assert "no Google token" in result.output
    assert "no --to given, so the target is google" in result.output
    assert "--to followups.ics" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.ics"))


def test_a_named_google_target_keeps_the_plain_sign_in_message() -> None:
    result = _invoke("sync", "--from", str(EXAMPLE), "--to", "google")
    assert result.exit_code == 3
    assert "calsync auth" in result.output and "no --to given" not in result.output


def test_the_sync_help_example_keeps_its_line_continuation() -> None:
    lines = _invoke("sync", "--help").output.splitlines()
    continued = [n for n, line in enumerate(lines) if line.rstrip().endswith("\\")]
    assert continued, "no example line ends with a backslash"
    for number in continued:
        assert lines[number + 1].strip().startswith("--"), lines[number : number + 2]
    assert not any("followups.ics         --name" in line for line in lines)


@pytest.mark.parametrize("option", ["--quiet", "-q", "--dry-run", "--allow-empty-source"])
def test_plan_refuses_options_that_mean_nothing_for_it(option: str) -> None:
    result = _invoke("plan", "--from", str(EXAMPLE), option)
    assert result.exit_code == 2
    assert "No such option" in result.output


def test_plan_prints_even_when_the_config_quiets_the_cron_job(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text("quiet = true\n", encoding="utf-8")
    result = _invoke("plan", "--from", str(EXAMPLE), env={"CALSYNC_CONFIG": str(config)})
    assert result.exit_code == 0, result.output
    assert "interview" in result.output


def test_version_names_python_and_each_backends_library() -> None:
    output = _invoke("--version").output
    first = output.splitlines()[0]
    assert first.startswith("calsync 0.") and f"Python {sys.version_info.major}." in first
    for library in ("icalendar", "google-api-python-client", "msal", "caldav"):
        assert library in output


def test_shell_completion_script_and_a_completed_command() -> None:
    script = CliRunner().invoke(
        cli, [], prog_name="calsync", env={"_CALSYNC_COMPLETE": "bash_source"}
    )
    assert script.exit_code == 0
    assert "_calsync_completion" in script.output and "complete " in script.output
    completed = CliRunner().invoke(
        cli,
        [],
        prog_name="calsync",
        env={"_CALSYNC_COMPLETE": "bash_complete", "COMP_WORDS": "calsync sy", "COMP_CWORD": "1"},
    )
    assert "plain,sync" in completed.output.splitlines()


def test_shell_completion_through_the_installed_command(tmp_path: Path) -> None:
    env = {**os.environ, "_CALSYNC_COMPLETE": "zsh_source", "HOME": str(tmp_path)}
    script = subprocess.run(
        [str(Path(sys.executable).parent / "calsync")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert script.returncode == 0, script.stderr
    assert "#compdef calsync" in script.stdout
