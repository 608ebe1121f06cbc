"""The docs: the site builds strictly, its references come from the code, and the README keeps
the two quick-start lines a new user copies."""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

import click

from calsync.cli import cli
from calsync.config import KEY_HELP

ROOT = Path(__file__).resolve().parents[1]
INSTALL = (
    "python3 -m venv .venv && . .venv/bin/activate && python -m pip install . && "
    "calsync sync --from examples/interviews.ics --to followups.ics"
)
TESTS = (
    "python3 -m venv .venv && . .venv/bin/activate && python -m pip install '.[test]' && "
    "python -m pytest"
)


def _build(site: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip


def test_the_site_builds_strictly_with_references_generated_from_the_code(
    tmp_path: Path,
) -> None:
    done = _build(tmp_path / "site")
    assert done.returncode == 0, done.stdout + done.stderr
    reference = html.unescape((tmp_path / "site" / "cli" / "index.html").read_text("utf-8"))
    assert isinstance(cli, click.Group)
    for name, command in cli.commands.items():
        assert f"Usage: calsync {name} [OPTIONS]" in reference, name
        for param in command.params:
            for flag in param.opts:
                assert flag in reference, (name, flag)
        first_line = (command.help or "").strip().splitlines()[0]
        assert first_line[:60] in reference, name
    config = html.unescape((tmp_path / "site" / "configuration" / "index.html").read_text("utf-8"))
    for key, meaning in KEY_HELP.items():
        assert f"{key}" in config and meaning.split("`")[0][:30] in config, key


def test_the_readme_keeps_the_quick_start_and_the_ci_runs_its_test_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"    {INSTALL}\n" in readme
    assert f"    {TESTS}\n" in readme
    assert TESTS in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(readme.splitlines()) < 120  # one sitting for a job seeker


def test_every_page_the_readme_links_to_exists() -> None:
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if "://" not in target:
            assert (ROOT / target).exists(), target
