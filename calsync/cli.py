"""The command line: options in, one call into `calsync.app`, output and an exit code out.

Only click is imported at start-up; everything else is imported inside the command that needs it,
so `calsync --help` stays as fast as click itself and never loads the Google libraries.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

if TYPE_CHECKING:
    from calsync.adapters.base import Skipped
    from calsync.app import Result, Run
    from calsync.errors import CalsyncError

F = TypeVar("F", bound=Callable[..., Any])

SOURCE_HELP = (
    "google (default), microsoft[:CALENDAR], caldav+https://HOST/PATH, an .ics file, "
    "- for stdin, or an http(s):// / webcal:// URL."
)
TARGET_HELP = (
    "google (default), microsoft[:CALENDAR], caldav+https://HOST/PATH, an .ics file, "
    "or - for stdout (the summary then goes to stderr)."
)
CLEAN_TARGET_HELP = (
    "google (default), microsoft[:CALENDAR], caldav+https://HOST/PATH, or an .ics file."
)


def _shared_options(func: F) -> F:
    """The options `sync` and `plan` share (SPEC's table); each also has a config-file key."""
    return _reading_options(func, quiet=True)


def _plan_options(func: F) -> F:
    """`sync`'s reading options minus --quiet: `plan` exists to print, so silence means nothing."""
    return _reading_options(func, quiet=False)


def _board_options(func: F) -> F:
    """`sync`'s reading options minus --json: the board is a page, not a result to parse."""
    return _reading_options(func, quiet=True, json_output=False)


def _reading_options(func: F, *, quiet: bool, json_output: bool = True) -> F:
    options = [
        click.option(
            "--calendar",
            metavar="ID",
            help="Calendar to read: Google id (default primary), Outlook name or id, "
            "or CalDAV name.",
        ),
        click.option(
            "--since", metavar="DATE", help="Interviews from this date (default 30 days ago)."
        ),
        click.option(
            "--until", metavar="DATE", help="Interviews before this date (default 365 days ahead)."
        ),
        click.option("--name", metavar="NAME", help="Your name, used in the notes and scripts."),
        click.option(
            "--email",
            "emails",
            metavar="ADDR",
            multiple=True,
            help="Your address, to tell you apart from interviewers (repeatable).",
        ),
        click.option(
            "--timezone",
            metavar="ZONE",
            help="IANA zone for floating times (default: the calendar's, else the system's).",
        ),
        click.option("--verbose", "-v", is_flag=True, default=None, help="Debug detail on stderr."),
    ]
    if json_output:
        options.insert(
            len(options) - 1,
            click.option(
                "--json",
                "as_json",
                is_flag=True,
                default=None,
                help="Machine-readable result on stdout.",
            ),
        )
    if quiet:
        options.insert(
            len(options) - 1,
            click.option(
                "--quiet",
                "-q",
                is_flag=True,
                default=None,
                help="Print nothing on success (for cron).",
            ),
        )
    for option in reversed(options):
        func = option(func)
    return func


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if value and not ctx.resilient_parsing:
        from calsync.about import version_text

        click.echo(version_text())
        ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_print_version,
    help="Show the version, the Python and the backends' library versions, and exit.",
)
def cli() -> None:
    """Turn the job interviews in your calendar into follow-up steps.

    For every interview calsync plans a "Send thank-you note" event right after it and a
    "Follow-up call" event on the right day — a day or two after the employer's decision date
    when your notes mention one, else seven to ten days later — each with a ready note or call
    script. It writes them into Google Calendar, Outlook (Microsoft 365 / Outlook.com), a CalDAV
    calendar (iCloud, Fastmail, Nextcloud) or an .ics file any calendar app imports, and never
    touches an event it did not create.

    \b
    Example:
      calsync sync --from examples/interviews.ics --to followups.ics
    """


@cli.command()
@click.option("--from", "source", metavar="SOURCE", help=SOURCE_HELP)
@click.option("--to", "target", metavar="TARGET", help=TARGET_HELP)
@click.option(
    "--target-calendar",
    metavar="ID",
    help="Calendar to write into: Google id, Outlook name or id, or CalDAV name "
    "(default: the one read).",
)
@_shared_options
@click.option(
    "--dry-run", is_flag=True, default=None, help="Print what would change; write nothing."
)
@click.option(
    "--allow-empty-source",
    is_flag=True,
    default=None,
    help="Let a source with no events at all remove the follow-ups (default: refuse, exit 1).",
)
def sync(**options: Any) -> None:
    """Write thank-you notes and follow-up calls for your interviews (the main job).

    Safe to run again and again (from cron every hour, say): a run with nothing new writes
    nothing; events you edited or deleted stay as you left them.

    \b
    Examples:
      calsync sync --from examples/interviews.ics --to followups.ics
      calsync sync --from interviews.ics --to followups.ics \\
        --name "Alex Rivera" --email alex@example.com
      calsync sync                                  # Google primary calendar → itself
      calsync sync --from microsoft --to microsoft  # Outlook default calendar → itself
      calsync sync --from interviews.ics --to - | gzip > followups.ics.gz
      calsync sync --from caldav+https://caldav.icloud.com/ --calendar Work \\
        --to caldav+https://caldav.icloud.com/      # an iCloud calendar → itself
      0 * * * *  calsync sync --quiet               # crontab line
    """
    from calsync import app

    run, flags = _run(options)
    to_stdout = flags["target"] == "-"
    if to_stdout and flags.get("as_json"):
        _fail(_usage("--json cannot share standard output with --to -: choose one"), flags)
    result = _call(
        lambda: _explain_default_target(
            lambda: app.sync(flags["source"], flags["target"], run, dry_run=bool(flags["dry_run"])),
            flags,
        ),
        flags,
    )
    _warn_skipped(result.source, result.skipped, quiet=bool(flags.get("quiet")))
    _warn(result.source, result.warnings, quiet=bool(flags.get("quiet")))
    # with --to - standard output is the calendar: the summary goes to stderr
    _report_sync(result, flags, err=to_stdout)


@cli.command()
@click.option("--from", "source", metavar="SOURCE", help=SOURCE_HELP)
@click.option(
    "--target-calendar",
    metavar="ID",
    help="Calendar the follow-ups are in (Google id, Outlook name or id, or CalDAV name), to "
    "read the outcomes written on them.",
)
@_plan_options
@click.option(
    "--all",
    "show_all",
    is_flag=True,
    help="Also list the events with an interview word that are not planned for, and why "
    "(declined, cancelled, an exclude word, calsync's own).",
)
def plan(show_all: bool, **options: Any) -> None:
    """Show the interviews found, each follow-up window and the phrase it came from.

    Writes nothing. For each interview: the date and time (with its zone), company and role,
    the thank-you note, the follow-up window with the words in your notes that set it, the
    calls so far with what you wrote after each, and the next step. With --all, also the
    events that look like interviews but are not, each with its reason.

    \b
    Examples:
      calsync plan --from examples/interviews.ics
      calsync plan --from interviews.ics --all
    """
    from calsync import app

    run, flags = _run(options)
    source = flags["source"]
    # the outcomes live on the follow-ups: read them from the target when one is named (the
    # `to` key), or when --target-calendar points at another calendar of the source's kind
    target = flags["target_given"] or (source if run.settings.target_calendar else None)
    planned = _call(lambda: app.plan(source, run, target=target), flags)
    from calsync.report import plan_json, plan_text

    _warn_skipped(planned.source, planned.read.skipped, quiet=bool(flags.get("quiet")))
    _warn(planned.source, planned.read.warnings, quiet=bool(flags.get("quiet")))
    if flags["as_json"]:
        click.echo(
            plan_json(
                planned.plans,
                source=planned.source,
                skipped=planned.read.skipped,
                not_interviews=planned.not_interviews,
            )
        )
    else:  # a config file's `quiet = true` is for the cron job's sync, not for plan
        text = plan_text(
            planned.plans,
            source=planned.source,
            business=planned.business,
            not_interviews=planned.not_interviews,
            show_all=show_all,
            now=run.now,
        )
        click.echo(text, nl=False)


@cli.command()
@click.option("--from", "source", metavar="SOURCE", help=SOURCE_HELP)
@click.option(
    "--target-calendar",
    metavar="ID",
    help="Calendar the follow-ups are in (Google id, Outlook name or id, or CalDAV name), to "
    "read the outcomes written on them.",
)
@_board_options
@click.option(
    "--out",
    "out",
    metavar="FILE",
    default="board.html",
    show_default=True,
    help="Where to write the page (- for stdout).",
)
@click.option("--open", "open_it", is_flag=True, help="Open the page in your web browser.")
@click.option("--dry-run", is_flag=True, default=None, hidden=True)  # the board writes no event
@click.option("--allow-empty-source", is_flag=True, default=None, hidden=True)  # nothing to remove
def board(out: str, open_it: bool, **options: Any) -> None:
    """Write your applications board: one HTML page of your whole search.

    Each application sits in a column by stage — interview ahead, thank-you due, waiting,
    call due or overdue, offer, closed (including gone quiet) — with its rounds, interviewers,
    next step and the last outcome you wrote. Above them: the next 14 days and a few figures.
    The page is self-contained (no network, no scripts) and prints well. It is built from
    exactly what `calsync plan --json` says; it writes no calendar event.

    \b
    Examples:
      calsync board --from examples/interviews.ics --open
      calsync board --from google --out ~/job-search.html
    """
    import json

    from calsync import app
    from calsync.report import plan_json
    from calsync.views.board import board_page

    run, flags = _run(options)
    source = flags["source"]
    target = flags["target_given"] or (source if run.settings.target_calendar else None)
    planned = _call(lambda: app.plan(source, run, target=target), flags)
    _warn_skipped(planned.source, planned.read.skipped)
    document = json.loads(plan_json(planned.plans, source=planned.source))
    page = board_page(
        document,
        now=run.now,
        tz=planned.read.time_zone or run.settings.timezone or run.system_tz,
        max_calls=run.settings.max_calls,
    )
    if out == "-":
        click.echo(page, nl=False)
        return
    _call(lambda: _write_page(out, page), flags)
    if not flags["quiet"]:
        click.echo(f"Wrote {out} ({len(planned.plans)} interviews)", err=True)
    if open_it:
        import webbrowser
        from pathlib import Path

        webbrowser.open(Path(out).resolve().as_uri())


def _write_page(out: str, page: str) -> None:
    from pathlib import Path

    from calsync.adapters.atomic import replace_file

    replace_file(Path(out), page.encode("utf-8"))


@cli.command()
@click.option("--to", "target", metavar="TARGET", help=CLEAN_TARGET_HELP)
@click.option(
    "--target-calendar",
    metavar="ID",
    help="Calendar to clean: Google id (default primary), Outlook name or id, or CalDAV name.",
)
@click.option(
    "--dry-run", is_flag=True, default=None, help="Print what would be removed; remove nothing."
)
@click.option(
    "--json", "as_json", is_flag=True, default=None, help="Machine-readable result on stdout."
)
@click.option("--quiet", "-q", is_flag=True, default=None, help="Print nothing on success.")
@click.option("--verbose", "-v", is_flag=True, default=None, help="Debug detail on stderr.")
def clean(**options: Any) -> None:
    """Remove every event calsync created, and nothing else.

    In Google Calendar and Outlook the events carrying calsync's marks are deleted; in an .ics
    file they are marked cancelled (so calendar apps that import the file again drop them).

    \b
    Examples:
      calsync clean --to followups.ics
      calsync clean --to google
      calsync clean --to microsoft --target-calendar "Job search"
    """
    from calsync import app

    run, flags = _run(options)
    if flags["target"] == "-":
        _fail(_usage("-: standard output holds no events of calsync's to clean"), flags)
    result = _call(
        lambda: app.clean(
            flags["target"], run, dry_run=bool(flags["dry_run"]), source=flags["source"]
        ),
        flags,
    )
    _report_sync(result, flags)


@cli.command()
@click.option(
    "--client-secrets", metavar="PATH", help="OAuth desktop-client JSON from Google Cloud Console."
)
@click.option(
    "--no-browser", is_flag=True, help="Print the sign-in address instead of opening a browser."
)
@click.option(
    "--status",
    "show_status",
    is_flag=True,
    help="Tell whether the stored token works, and its scopes.",
)
@click.option(
    "--read-others",
    is_flag=True,
    help="Also ask to read calendars you do not own (adds calendar.events.readonly).",
)
@click.option(
    "--calendar-names",
    is_flag=True,
    help="Also allow naming calendars ('Job search') instead of giving their ID "
    "(adds calendar.calendarlist.readonly).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="Local port for Google's redirect (0: any free one); fix it to forward it over SSH.",
)
@click.option(
    "--microsoft",
    is_flag=True,
    help="Sign in to Microsoft 365 / Outlook.com instead (device code: works without a browser).",
)
@click.option("--verbose", "-v", is_flag=True, default=None, help="Debug detail on stderr.")
def auth(
    client_secrets: str | None,
    no_browser: bool,
    show_status: bool,
    read_others: bool,
    calendar_names: bool,
    port: int,
    microsoft: bool,
    verbose: bool | None,
) -> None:
    """Sign in once (Google; Microsoft with --microsoft); the token is stored (mode 0600).

    calsync asks only for calendar.events.owned: it can read and write events on calendars you
    own, nothing else. On a machine without a browser use --no-browser and forward the port
    the printed address uses (docs/backends/google.md, "Headless machines").

    With --microsoft it signs in to Microsoft 365 / Outlook.com with a device code (any device
    with a browser will do) and saves the token cache; a run that finds the sign-in revoked
    or expired exits 3 and says to run `calsync auth --microsoft` again.

    \b
    Examples:
      calsync auth --client-secrets ~/Downloads/client_secret.json
      calsync auth --status
      calsync auth --microsoft
      calsync auth --microsoft --status
    """
    flags = {"verbose": verbose, "quiet": False, "as_json": False}
    if microsoft:
        from calsync.adapters.microsoft import auth as microsoft_auth

        if show_status:
            click.echo(_call(microsoft_auth.status, flags))
            return
        saved = _call(lambda: microsoft_auth.sign_in_command(echo=click.echo), flags)
        click.echo(f"Signed in to Microsoft; token cache saved to {saved}")
        return
    from calsync.adapters.google import auth as google_auth

    if show_status:
        click.echo(_call(google_auth.status, flags))
        return
    secrets = google_auth.client_secrets_path(client_secrets)
    path = _call(
        lambda: google_auth.run_flow(
            secrets,
            open_browser=not no_browser,
            read_others=read_others,
            calendar_names=calendar_names,
            port=port,
        ),
        flags,
    )
    click.echo(f"Signed in; token saved to {path}")


@cli.command()
@click.option(
    "--from", "source", metavar="SOURCE", help="Where your interviews are. " + SOURCE_HELP
)
@click.option("--to", "target", metavar="TARGET", help="Where the follow-ups go. " + TARGET_HELP)
@click.option("--name", metavar="NAME", help="Your name (default: guessed from the calendar).")
@click.option(
    "--email",
    "emails",
    metavar="ADDR",
    multiple=True,
    help="Your address (repeatable; default: guessed from the calendar).",
)
@click.option(
    "--holidays",
    metavar="COUNTRY",
    help="Whose public holidays are not business days: US, GB, DE … or none "
    "(default: the calendar zone's country).",
)
@click.option(
    "--calendar", metavar="ID", help="Calendar to read (Google id, Outlook or CalDAV name)."
)
@click.option(
    "--target-calendar", metavar="ID", help="Calendar to write into (default: the one read)."
)
@click.option("--caldav-user", metavar="USER", help="CalDAV login (CalDAV sources and targets).")
@click.option(
    "--caldav-password-command",
    metavar="COMMAND",
    help="A command that prints the CalDAV password, e.g. 'pass show fastmail'.",
)
@click.option(
    "--sign-in/--no-sign-in",
    default=None,
    help="Sign in to Google / Microsoft now when the source or target needs it.",
)
@click.option(
    "--config",
    metavar="PATH",
    help="Where to write the config (default: CALSYNC_CONFIG, else the user config folder).",
)
@click.option("--force", is_flag=True, help="Replace an existing config file without asking.")
@click.option(
    "--yes", "-y", is_flag=True, help="Ask nothing: take the guess for every answer not given."
)
def init(**options: Any) -> None:
    """Set calsync up once: a config file, a check, and the line for cron.

    Asks where your interviews are, your name and address (guessed from the calendar), whose
    holidays count, and where the follow-ups go; shows the config file and writes it; checks it
    with a plan; and prints the line for cron, a systemd user timer and a launchd agent.

    Every question has a flag; with --yes the questions not given take the guessed answer, so
    it runs unattended. An existing config file is replaced only when you say so (--force).

    \b
    Examples:
      calsync init
      calsync init --from ~/Downloads/interviews.ics --to ~/followups.ics --yes
      calsync init --from google --no-sign-in --name "Alex Rivera" --email alex@example.com -y
    """
    from calsync import init as first_run

    answers = first_run.Answers(
        source=options["source"],
        target=options["target"],
        name=options["name"],
        emails=tuple(options["emails"]),
        holidays=options["holidays"],
        calendar=options["calendar"],
        target_calendar=options["target_calendar"],
        caldav_user=options["caldav_user"],
        caldav_password_command=options["caldav_password_command"],
        sign_in=options["sign_in"],
        config=options["config"],
        force=options["force"],
        yes=options["yes"],
    )
    _call(lambda: first_run.run(answers), {"verbose": False, "quiet": False, "as_json": False})


def _explain_default_target(job: Callable[[], T], flags: dict[str, Any]) -> T:
    """A sign-in error for a target nobody named: say that the target defaulted to Google and
    how to write a file instead (`sync --from my.ics` alone reads as "write next to it")."""
    from calsync.errors import AuthError

    try:
        return job()
    except AuthError as exc:
        if flags["target_given"] or flags["source"] == config_default_target():
            raise
        explained = AuthError()
        explained.args = (
            f"{_one_line(exc)} (no --to given, so the target is {config_default_target()}; "
            "to write an .ics file instead, add --to followups.ics)",
        )
        raise explained from None


def config_default_target() -> str:
    from calsync.config import DEFAULT_TARGET

    return DEFAULT_TARGET


# ---- plumbing ----------------------------------------------------------------------------------


def _run(options: dict[str, Any]) -> tuple[Run, dict[str, Any]]:
    """Options + config file + environment → the Run value and the run's own flags."""
    from datetime import UTC, datetime

    from calsync import config
    from calsync.app import Run

    flags = {
        "verbose": options.get("verbose"),
        "quiet": options.get("quiet"),
        "as_json": options.get("as_json"),
    }
    try:
        table, path = config.load_file()
        for key, option in (
            ("from", "source"),
            ("to", "target"),
            ("dry_run", "dry_run"),
            ("json", "as_json"),
            ("quiet", "quiet"),
            ("verbose", "verbose"),
            ("allow_empty_source", "allow_empty_source"),
        ):
            given = options.get(option)
            flags[option] = given if given is not None else config.run_option(table, key, path)
        flags["target_given"] = flags["target"]
        flags["source"] = flags["source"] or config.DEFAULT_SOURCE
        flags["target"] = flags["target"] or config.DEFAULT_TARGET
        now = datetime.now(UTC)
        system_tz = _system_zone()
        setting_flags = {
            key: options.get(key)
            for key in (
                "name",
                "emails",
                "calendar",
                "target_calendar",
                "since",
                "until",
                "timezone",
            )
        }
        settings = config.build_settings(
            table, setting_flags, today=now.astimezone().date(), path=path
        )
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line and an exit code
        _fail(exc, flags)
    if flags.get("verbose"):
        import logging

        logging.basicConfig(
            level=logging.DEBUG,
            stream=sys.stderr,
            format="calsync: debug: %(message)s",
            force=True,  # the stderr of this run, also when one process runs several
        )
        # the Google client logs request URLs, which can carry secrets of published calendars
        for noisy in ("googleapiclient", "google", "urllib3", "httplib2"):
            logging.getLogger(noisy).setLevel(logging.WARNING)
    progress = _progress() if _show_progress(flags) else None
    run = Run(
        settings=settings,
        now=now,
        system_tz=system_tz,
        progress=progress,
        allow_empty_source=bool(flags.get("allow_empty_source")),
    )
    return run, flags


def _system_zone() -> str:
    try:
        import tzlocal

        name = tzlocal.get_localzone_name()
    except Exception:  # noqa: BLE001 - an odd system zone setup falls back to UTC
        name = None
    return name or "UTC"


def _show_progress(flags: dict[str, Any]) -> bool:
    return not flags.get("quiet") and not flags.get("as_json") and sys.stderr.isatty()


def _progress() -> Callable[[str, int, int | None], None]:
    def show(stage: str, done: int, total: int | None) -> None:
        text = f"{stage}: {done}/{total}" if total else f"{stage}: {done}"
        sys.stderr.write(f"\r\033[K{text}")
        sys.stderr.flush()

    return show


T = TypeVar("T")


def _call(job: Callable[[], T], flags: dict[str, Any]) -> T:
    try:
        return job()
    except Exception as exc:  # noqa: BLE001 - every failure becomes one line and an exit code
        _fail(exc, flags)
    finally:
        if _show_progress(flags):
            sys.stderr.write("\r\033[K")


def _fail(exc: BaseException, flags: dict[str, Any]) -> NoReturn:
    from calsync.errors import CalsyncError, LockBusy

    if isinstance(exc, LockBusy):
        if not flags.get("quiet"):
            click.echo(f"calsync: {exc}", err=True)
        sys.exit(0)
    # a known failure is one line, even with --verbose; an unexpected one shows where it broke
    if flags.get("verbose") and not isinstance(exc, CalsyncError):
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, CalsyncError):
        click.echo(f"calsync: error: {_one_line(exc)}", err=True)
        sys.exit(exc.exit_code)
    if isinstance(exc, OSError):
        click.echo(
            f"calsync: error: {exc.strerror or exc}"
            + (f": {exc.filename}" if exc.filename else ""),
            err=True,
        )
        sys.exit(1)
    click.echo(
        f"calsync: unexpected error: {type(exc).__name__}: {_one_line(exc)} "
        "(run with --verbose for details)",
        err=True,
    )
    sys.exit(1)


def _one_line(exc: BaseException | CalsyncError) -> str:
    text = str(exc).strip() or type(exc).__name__
    return " ".join(text.split())


def _warn_skipped(label: str, skipped: Sequence[Skipped], *, quiet: bool = False) -> None:
    """One line per event the source could not read (the run went on without it) or read in
    part; under --quiet only the ones not printed before (`calsync.warned`)."""
    from calsync import app, warned

    for item in warned.to_print(app._state_dir(), label, skipped, quiet=quiet):
        what = "event" if item.partly else "skipped event"
        click.echo(
            f"calsync: warning: {label}: {what} {item.uid} ({item.summary}): {item.problem}",
            err=True,
        )


def _warn(label: str, warnings: Sequence[str], *, quiet: bool = False) -> None:
    """One line per event read with a guess (a zone with no known name); the run went on.
    Under --quiet, like a skipped event's, only the first time (`calsync.warned`)."""
    from calsync import app, warned
    from calsync.adapters.base import Skipped

    guesses = [Skipped(line, "", line) for line in warnings]
    for item in warned.to_print(app._state_dir(), f"{label}\x1fguesses", guesses, quiet=quiet):
        click.echo(f"calsync: warning: {label}: {item.problem}", err=True)


def _usage(message: str) -> CalsyncError:
    from calsync.errors import UsageError

    return UsageError(message)


def _report_sync(result: Result, flags: dict[str, Any], *, err: bool = False) -> None:
    from calsync.report import action_line, sync_json, sync_text

    if flags.get("verbose"):
        for action in result.actions:
            click.echo(f"calsync: debug: {action_line(action).strip()}", err=True)
    if flags.get("as_json"):
        click.echo(sync_json(result))
        return
    if flags.get("quiet"):
        return
    click.echo(sync_text(result), nl=False, err=err)


def main() -> None:
    import gc

    # a run is short and builds many small objects (a big calendar is ~100k): collecting them
    # less often saves about a sixth of the time, and memory stays the same (bench/bench_ics.py)
    gc.set_threshold(100_000, 50, 100)
    cli(prog_name="calsync")
