"""MkDocs hook: the CLI and configuration references, generated at build time.

`<!-- calsync: cli reference -->` becomes every command's `--help`, rendered by click itself, so
the docs and `--help` cannot disagree; `<!-- calsync: config reference -->` becomes the table of
config keys from `calsync.config` (the parsers, `KEY_HELP`) and the defaults in `Settings`.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from datetime import time
from typing import Any

import click

CLI_MARK = "<!-- calsync: cli reference -->"
CONFIG_MARK = "<!-- calsync: config reference -->"
WIDTH = 100
ORDER = ("init", "sync", "plan", "board", "clean", "auth")


def _help(command: click.Command, name: str, parent: click.Context | None) -> str:
    ctx = click.Context(
        command, info_name=name, parent=parent, terminal_width=WIDTH, max_content_width=WIDTH
    )
    return command.get_help(ctx)


def cli_reference() -> str:
    from calsync.cli import cli

    root = click.Context(
        cli,
        info_name="calsync",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **cli.context_settings,
    )
    parts = ["## calsync", "", "```text", cli.get_help(root), "```", ""]
    assert isinstance(cli, click.Group)
    names = sorted(cli.commands, key=lambda n: (ORDER.index(n) if n in ORDER else 99, n))
    for name in names:
        command = cli.commands[name]
        parts += [f"## calsync {name}", "", "```text", _help(command, name, root), "```", ""]
    return "\n".join(parts)


def _default(value: Any) -> str:
    if value is None or value == "" or value == ():
        return "—"
    if isinstance(value, tuple) and all(isinstance(v, time) for v in value):
        return "`" + "-".join(f"{v:%H:%M}" for v in value) + "`"
    if isinstance(value, tuple):
        return f"{len(value)} built-in words" if len(value) > 3 else ", ".join(value)
    if isinstance(value, time):
        return f"`{value:%H:%M}`"
    return f"`{value}`"


def config_reference() -> str:
    from calsync.config import KEY_HELP, RUN_KEYS
    from calsync.settings import Settings

    defaults: dict[str, Any] = {}
    for field in fields(Settings):
        defaults[field.name] = field.default if field.default is not MISSING else None
    rows = ["| key | meaning | default |", "| --- | --- | --- |"]
    for key in (*RUN_KEYS, *(f.name for f in fields(Settings))):
        default = defaults.get(key)
        if key in ("from", "to"):
            default = "google"
        rows.append(f"| `{key}` | {KEY_HELP[key]} | {_default(default)} |")
    return "\n".join(rows) + "\n"


def on_page_markdown(markdown: str, **_: Any) -> str:
    if CLI_MARK in markdown:
        markdown = markdown.replace(CLI_MARK, cli_reference())
    if CONFIG_MARK in markdown:
        markdown = markdown.replace(CONFIG_MARK, config_reference())
    return markdown
