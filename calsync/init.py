"""`calsync init`: the first run, guided — a config file, a check, and the line for cron.

Every question has a flag; `--yes` takes the guessed default for each one not given, so the
whole setup also runs unattended. The guesses come from the calendar itself: the user's
address is the one on (nearly) every interview, the name is that attendee's, and the holidays
are those of the calendar zone's country.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import click

from calsync.errors import AuthError, CalsyncError, UsageError
from calsync.schedule import cron_line, launchd_plist, systemd_service, systemd_timer
from calsync.settings import Settings

SIGN_IN = {"google": "calsync auth", "microsoft": "calsync auth --microsoft"}


@dataclass
class Answers:
    """What `init` asks, as the flags gave it (None: not given, so asked or guessed)."""

    source: str | None = None
    target: str | None = None
    name: str | None = None
    emails: tuple[str, ...] = ()
    holidays: str | None = None
    calendar: str | None = None
    target_calendar: str | None = None
    caldav_user: str | None = None
    caldav_password_command: str | None = None
    sign_in: bool | None = None
    config: str | None = None
    force: bool = False
    yes: bool = False


@dataclass
class Guesses:
    """What the calendar says about its owner, and why there is nothing when it cannot say."""

    name: str = ""
    emails: tuple[str, ...] = ()
    holidays: str = "none"
    problem: str = ""
    notes: list[str] = field(default_factory=list)


def backend_of(spec: str) -> str:
    """The kind of calendar a SOURCE/TARGET names: google, microsoft, caldav or file.

    >>> [backend_of(s) for s in ("google", "microsoft:Jobs", "caldav+https://h/", "a.ics")]
    ['google', 'microsoft', 'caldav', 'file']
    """
    if spec == "google":
        return "google"
    if spec == "microsoft" or spec.startswith("microsoft:"):
        return "microsoft"
    if spec.startswith(("caldav+https://", "caldav+http://")):
        return "caldav"
    return "file"


def _absolute(spec: str) -> str:
    """A file named relative to here becomes absolute: cron runs in another folder."""
    if backend_of(spec) != "file" or spec == "-" or "://" in spec:
        return spec
    return str(Path(spec).expanduser().resolve())


def _system_zone() -> str:
    try:
        import tzlocal

        return tzlocal.get_localzone_name() or "UTC"
    except Exception:  # noqa: BLE001 - an odd system zone setup falls back to UTC
        return "UTC"


def guess(source: str, settings: Settings) -> Guesses:
    """Read the source once and guess the user's address, name and holidays from it."""
    from calsync.app import Run
    from calsync.core.holiday_country import choose_holidays
    from calsync.core.user import guess_user_emails, user_name
    from calsync.zone_countries import zone_countries

    system_tz = _system_zone()
    run = Run(settings=settings, now=datetime.now(UTC), system_tz=system_tz)
    try:
        from calsync.adapters import registry

        read = registry.open_source(source, run.context()).read(since=run.since, until=run.until)
    except CalsyncError as exc:
        country = choose_holidays(None, None, system_tz, zone_countries()).country
        return Guesses(holidays=country or "none", problem=" ".join(str(exc).split()))
    emails = guess_user_emails(
        read.events, settings.interview_words, settings.exclude_words, calendar_name=read.name
    )
    emails = (
        emails
        or tuple(
            a.email.lower() for e in read.events for a in e.attendees if a.is_self and a.email
        )[:1]
    )
    name = user_name(read.events, frozenset(emails))
    country = choose_holidays(None, read.time_zone, system_tz, zone_countries()).country
    return Guesses(name=name, emails=emails, holidays=country or "none")


def config_text(values: dict[str, str | tuple[str, ...] | None]) -> str:
    """The config file, one key a line, in the order asked; empty answers are left out.

    >>> print(config_text({"from": "a.ics", "emails": ("me@x.org",), "name": None}), end="")
    # written by `calsync init`; every key is described in the docs' configuration reference
    from = "a.ics"
    emails = ["me@x.org"]
    """
    lines = [
        "# written by `calsync init`; every key is described in the docs' configuration reference"
    ]
    for key, value in values.items():
        if value is None or value == "" or value == ():
            continue
        if isinstance(value, tuple):
            rendered = "[" + ", ".join(json.dumps(v, ensure_ascii=False) for v in value) + "]"
        else:
            rendered = json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML string
        lines.append(f"{key} = {rendered}")
    return "\n".join(lines) + "\n"


def calsync_command() -> str:
    """The calsync to name in cron and timers: the one running now, by its full path."""
    beside = Path(sys.executable).parent / "calsync"
    if beside.exists():
        return str(beside)
    return shutil.which("calsync") or "calsync"


def _ask(answers: Answers, given: str | None, question: str, default: str) -> str:
    if given is not None:
        return given.strip()
    if answers.yes:
        return default
    return str(click.prompt(question, default=default or "", show_default=bool(default))).strip()


def _sign_in(kind: str, answers: Answers) -> None:
    """Offer the sign-in the backend needs; unattended, say which command does it."""
    wanted = answers.sign_in
    if wanted is None and not answers.yes:
        wanted = click.confirm(f"Sign in to {kind.title()} now?", default=True)
    if not wanted:
        click.echo(f"Sign in later with `{SIGN_IN[kind]}`.")
        return
    try:
        if kind == "microsoft":
            from calsync.adapters.microsoft import auth as microsoft_auth

            microsoft_auth.sign_in_command(echo=click.echo)
        else:
            from calsync.adapters.google import auth as google_auth

            google_auth.run_flow(
                google_auth.client_secrets_path(None),
                open_browser=True,
                read_others=False,
                calendar_names=False,
                port=0,
            )
    except CalsyncError as exc:
        # the setup goes on: the sign-in can follow once its missing piece is there
        click.echo(f"calsync: note: sign-in not done: {' '.join(str(exc).split())}")
        click.echo(f"Sign in later with `{SIGN_IN[kind]}` (the docs say what it needs).")
        return
    click.echo(f"Signed in to {kind.title()}.")


def _caldav(answers: Answers, settings: Settings) -> Settings:
    user = _ask(
        answers,
        answers.caldav_user,
        "CalDAV user name",
        os.environ.get("CALSYNC_CALDAV_USER", ""),
    )
    command = _ask(
        answers,
        answers.caldav_password_command,
        "Command that prints the CalDAV password (e.g. pass show fastmail)",
        "",
    )
    return replace(settings, caldav_user=user or None, caldav_password_command=command or None)


def run(answers: Answers) -> None:
    """The whole guided setup; raises CalsyncError for anything the user must fix."""
    from calsync import config

    path = Path(answers.config).expanduser() if answers.config else config.config_path()
    source = _absolute(
        _ask(
            answers,
            answers.source,
            "Where are your interviews? (google, microsoft, caldav+https://HOST/PATH, "
            "an .ics file or URL)",
            "google",
        )
    )
    settings = Settings(calendar=answers.calendar or "primary")
    if backend_of(source) == "caldav":
        settings = _caldav(answers, settings)
    if backend_of(source) in SIGN_IN:
        _sign_in(backend_of(source), answers)
    guesses = guess(source, settings)
    if guesses.problem:
        click.echo(f"calsync: note: could not read {source} to guess from: {guesses.problem}")
    name = _ask(answers, answers.name, "Your name (signs the notes)", guesses.name)
    emails_text = _ask(
        answers,
        ",".join(answers.emails) if answers.emails else None,
        "Your e-mail address(es), comma-separated",
        ",".join(guesses.emails),
    )
    emails = tuple(e.strip().lower() for e in emails_text.split(",") if e.strip())
    holidays = _ask(
        answers, answers.holidays, "Public holidays of which country (or none)", guesses.holidays
    )
    target_default = source if backend_of(source) != "file" else str(Path.cwd() / "followups.ics")
    target = _absolute(
        _ask(answers, answers.target, "Where should the follow-ups go?", target_default)
    )
    if backend_of(target) == "caldav" and backend_of(source) != "caldav":
        settings = _caldav(answers, settings)
    if backend_of(target) in SIGN_IN and backend_of(target) != backend_of(source):
        _sign_in(backend_of(target), answers)
    values: dict[str, str | tuple[str, ...] | None] = {
        "from": source,
        "to": target,
        "name": name,
        "emails": emails,
        "holidays": holidays,
        "calendar": answers.calendar,
        "target_calendar": answers.target_calendar,
        "caldav_user": settings.caldav_user,
        "caldav_password_command": settings.caldav_password_command,
    }
    text = config_text(values)
    table = _validated(text, path)
    _write(text, path, answers)
    _check(table, path)
    _print_schedule(path, config.config_path())


def _validated(text: str, path: Path) -> dict[str, object]:
    """The answers checked by the same rules every run applies, before anything is written."""
    import tomllib

    from calsync import config

    table = tomllib.loads(text)
    config.build_settings(table, {}, today=datetime.now(UTC).date(), path=path)
    for key in ("from", "to"):
        config.run_option(table, key, path)
    return table


def _write(text: str, path: Path, answers: Answers) -> None:
    click.echo(f"\nThe config file {path}:\n")
    click.echo(text)
    if path.exists():
        click.echo(f"{path} exists already: writing replaces it.")
        if not answers.force and (answers.yes or not click.confirm("Replace it?", default=False)):
            raise UsageError(f"{path}: exists already, left as it is (--force replaces it)")
    elif not answers.yes and not click.confirm("Write it?", default=True):
        raise UsageError(f"{path}: not written (you said no)")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.chmod(0o600)  # it may name the command that prints a password
    partial.replace(path)
    click.echo(f"Wrote {path}.")


def _check(table: dict[str, object], path: Path) -> None:
    """`calsync plan` with the new config, as the proof that it reads the calendar."""
    from calsync import app, config

    settings = config.build_settings(table, {}, today=datetime.now(UTC).date(), path=path)
    run = app.Run(settings=settings, now=datetime.now(UTC), system_tz=_system_zone())
    source = str(table["from"])
    try:
        planned = app.plan(source, run)
    except AuthError as exc:
        click.echo(f"Check skipped: {' '.join(str(exc).split())}")
        return
    count = len(planned.plans)
    click.echo(
        f"Check: `calsync plan` finds {count} interview{'s' if count != 1 else ''} in "
        f"{planned.source}; run `calsync plan` to see each one and its follow-up window."
    )


def _print_schedule(path: Path, default_path: Path) -> None:
    command = calsync_command()
    config = None if path == default_path else str(path)
    click.echo("\nTo run it every hour, add this line to `crontab -e`:\n")
    click.echo(cron_line(command, config))
    click.echo("\nor, with systemd, ~/.config/systemd/user/calsync.service:\n")
    click.echo(systemd_service(command, config))
    click.echo("~/.config/systemd/user/calsync.timer:\n")
    click.echo(systemd_timer())
    click.echo("then: systemctl --user enable --now calsync.timer\n")
    click.echo("or, on macOS, ~/Library/LaunchAgents/org.calsync.sync.plist:\n")
    click.echo(launchd_plist(command, config))
    click.echo("then: launchctl load ~/Library/LaunchAgents/org.calsync.sync.plist")
