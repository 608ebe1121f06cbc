"""How long calsync takes on a big .ics calendar, next to what icalendar itself needs.

Every timing is wall-clock (time.perf_counter) around a subprocess, best of N, all measured in
the same run. The floor runs in a subprocess of the same interpreter too, so both sides pay for
interpreter start-up and their imports: the ratio compares whole commands a user would run.

    /work/venv/bin/python bench/bench_ics.py [--events 20000] [--interviews 2000] [--profile]
    /work/venv/bin/python bench/bench_ics.py --history        # also the 10-year export
    /work/venv/bin/python bench/bench_ics.py --history-only   # only the 10-year export

With --history it also writes a 10-year export (about 39,000 events) and measures, in the same
run: calsync on it, calsync on the same calendar cut to the range read, calsync reading it from
a loopback URL, and icalendar merely parsing it; each with its peak memory (the command's
ru_maxrss from os.wait4, measured by a small launcher process).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import (  # noqa: E402 - the folder is not a package
    HOME_ZONE,
    make_events,
    make_history,
    write_ics,
)

SYNC_GOAL = 2.0  # calsync sync / (icalendar parse + serialise)
HISTORY_GOAL = 1.5  # calsync on a 10-year export / calsync on the range's months only
PARSE_GOAL = 0.5  # calsync on a 10-year export / icalendar merely parsing it
PARSE_ONLY = "import sys, icalendar; icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())"
HELP_GOAL = 1.5  # calsync --help / python -c "import click"

# The floor: what any tool that reads this calendar with icalendar and writes calsync's events
# with icalendar must do at least. It builds the same properties calsync writes
# (calsync/adapters/ics/target.py event_component), with the texts calsync wrote.
FLOOR = r"""
import json, sys
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo
import icalendar

source, spec, out = sys.argv[1:4]
with open(source, "rb") as stream:
    icalendar.Calendar.from_ical(stream.read())
with open(spec, encoding="utf-8") as stream:
    items = json.load(stream)
stamp = datetime.now(UTC).replace(microsecond=0)
calendar = icalendar.Calendar()
for key, value in (("PRODID", "-//floor//EN"), ("VERSION", "2.0"), ("CALSCALE", "GREGORIAN"),
                   ("METHOD", "PUBLISH"), ("X-WR-CALNAME", "Interview follow-ups")):
    calendar.add(key, value)
years = {}
events = []
for item in items:
    zone = ZoneInfo(item["tz"])
    start = datetime.fromisoformat(item["start"]).astimezone(zone)
    end = datetime.fromisoformat(item["end"]).astimezone(zone)
    low, high = years.get(item["tz"], (start.year, start.year))
    years[item["tz"]] = (min(low, start.year), max(high, start.year))
    event = icalendar.Event()
    event.add("UID", item["uid"])
    event.add("DTSTAMP", stamp)
    event.add("CREATED", stamp)
    event.add("LAST-MODIFIED", stamp)
    event.add("DTSTART", start)
    event.add("DTEND", end)
    event.add("SUMMARY", item["summary"])
    event.add("DESCRIPTION", item["description"])
    event.add("STATUS", "CONFIRMED")
    event.add("SEQUENCE", 0)
    event.add("TRANSP", "TRANSPARENT")
    event.add("CATEGORIES", ["Job search", "Follow-up call"])
    for key in ("X-CALSYNC-KIND", "X-CALSYNC-NUMBER", "X-CALSYNC-SOURCE",
                "X-CALSYNC-INTERVIEW", "X-CALSYNC-FINGERPRINT"):
        event.add(key, item["x"].get(key, ""))
    alarm = icalendar.Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add("DESCRIPTION", item["summary"])
    alarm.add("TRIGGER", timedelta(0))
    event.add_component(alarm)
    events.append(event)
for tzid, (low, high) in sorted(years.items()):
    calendar.add_component(icalendar.Timezone.from_tzid(
        tzid, first_date=date(low - 1, 1, 1), last_date=date(high + 1, 12, 31)))
for event in events:
    calendar.add_component(event)
with open(out, "wb") as stream:
    stream.write(calendar.to_ical())
"""


def best_of(
    runs: int, command: Sequence[str], env: dict[str, str], *, before: Path | None = None
) -> float:
    """Fastest wall-clock time of `command`; `before` is deleted ahead of each run."""
    return measured(runs, command, env, before=before)[0]


# Runs one command and writes its wall time and peak RSS to a file. Started from this (big)
# process, a command's ru_maxrss would count the copy of this process it was forked from; the
# launcher is a fresh, small interpreter, so the figure is the command's own.
LAUNCHER = """
import os, subprocess, sys, time
report, command = sys.argv[1], sys.argv[2:]
started = time.perf_counter()
child = subprocess.Popen(command)
_, status, usage = os.wait4(child.pid, 0)
elapsed = time.perf_counter() - started
with open(report, "w") as stream:
    stream.write(f"{elapsed} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def measured(
    runs: int, command: Sequence[str], env: dict[str, str], *, before: Path | None = None
) -> tuple[float, int]:
    """Fastest wall-clock time of `command`, and its largest peak RSS in bytes."""
    times, peaks = [], []
    for _ in range(runs):
        if before is not None:
            before.unlink(missing_ok=True)
        with tempfile.TemporaryDirectory() as folder:
            report = Path(folder) / "report"
            launcher = [sys.executable, "-c", LAUNCHER, str(report), *command]
            done = subprocess.run(launcher, env=env, capture_output=True, text=True)
            elapsed, peak_kb, code = report.read_text().split()
        times.append(float(elapsed))
        peaks.append(int(peak_kb) * 1024)  # Linux reports KB
        if int(code) != 0 or done.returncode != 0:
            raise SystemExit(f"failed ({code}): {' '.join(command)}\n{done.stdout}{done.stderr}")
    return min(times), max(peaks, default=0)


def floor_spec(output: Path, spec: Path) -> int:
    """The texts and times calsync wrote, for the floor to write again; the event count."""
    import icalendar

    calendar = icalendar.Calendar.from_ical(output.read_bytes())
    items = []
    event: Any
    for event in calendar.walk("VEVENT"):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        items.append(
            {
                "uid": str(event["UID"]),
                "summary": str(event["SUMMARY"]),
                "description": str(event["DESCRIPTION"]),
                "start": start.isoformat(),
                "end": end.isoformat(),
                "tz": getattr(start.tzinfo, "key", "UTC"),
                "x": {k: str(v) for k, v in event.items() if k.startswith("X-CALSYNC-")},
            }
        )
    spec.write_text(json.dumps(items), encoding="utf-8")
    return len(items)


def verdict(ratio: float, goal: float) -> str:
    return f"goal <= {goal:.1f}: {'MET' if ratio <= goal else 'MISSED'}"


def profile(calsync_args: list[str], env: dict[str, str], folder: Path, top: int) -> None:
    """One fresh sync under cProfile; the top functions by own time and by cumulative time."""
    stats_file = folder / "sync.prof"
    command = [sys.executable, "-m", "cProfile", "-o", str(stats_file), "-m", "calsync"]
    best_of(1, command + calsync_args, env, before=folder / "out.ics")
    stats = pstats.Stats(str(stats_file))
    stats.strip_dirs()
    print(f"\ncProfile of one fresh sync (stats kept in {stats_file}):")
    stats.sort_stats("tottime").print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3, help="best of this many (sync, floor)")
    parser.add_argument("--help-runs", type=int, default=10, help="best of this many (--help)")
    parser.add_argument("--profile", action="store_true", help="also cProfile one fresh sync")
    parser.add_argument("--top", type=int, default=30, help="functions shown by --profile")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep its files")
    parser.add_argument("--history", action="store_true", help="also the 10-year export")
    parser.add_argument("--history-only", action="store_true", help="only the 10-year export")
    parser.add_argument("--years", type=int, default=10, help="length of the --history export")
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="calsync-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        if not args.history_only:
            run(args, folder.resolve())
        if args.history or args.history_only:
            history(args, folder.resolve())
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)


def run(args: argparse.Namespace, folder: Path) -> None:
    today = date.today()  # calsync plans against the real clock, so the data is built around it
    source, output = folder / "big.ics", folder / "out.ics"
    events = make_events(today, events=args.events, interviews=args.interviews, seed=args.seed)
    size = write_ics(source, events)

    env = {k: v for k, v in os.environ.items() if not k.startswith("CALSYNC_")}
    # no user config, and the lock folder lives with the benchmark's files
    env.update(XDG_CONFIG_HOME=str(folder / "config"), XDG_STATE_HOME=str(folder / "state"))
    bin_dir = Path(sys.executable).parent
    calsync = str(bin_dir / "calsync")
    since, until = today - timedelta(days=31), today + timedelta(days=302)
    sync_args = [
        "sync", "--from", str(source), "--to", str(output),
        "--since", since.isoformat(), "--until", until.isoformat(), "--quiet",
    ]  # fmt: skip

    fresh = best_of(args.runs, [calsync, *sync_args], env, before=output)
    written = output.read_bytes()
    unchanged = best_of(args.runs, [calsync, *sync_args], env)
    identical = output.read_bytes() == written

    spec = folder / "floor.json"
    count = floor_spec(output, spec)
    floor_out = folder / "floor.ics"
    floor = best_of(
        args.runs, [sys.executable, "-c", FLOOR, str(source), str(spec), str(floor_out)], env
    )
    floor_size = floor_out.stat().st_size

    help_time = best_of(args.help_runs, [calsync, "--help"], env)
    click_time = best_of(args.help_runs, [sys.executable, "-c", "import click"], env)

    mb = 1024 * 1024
    print(
        f"calsync .ics benchmark, {today}: {args.events:,} events ({args.interviews:,} "
        f"interviews), {size / mb:.1f} MB in;\ncalsync wrote {count:,} events "
        f"({len(written) / mb:.1f} MB), the floor {floor_size / mb:.1f} MB"
    )
    rows = [
        ("(a) calsync sync, fresh output", args.runs, fresh, ""),
        ("(b) floor: icalendar parse + build + serialise", args.runs, floor, ""),
        ("    ratio (a) / (b)", None, fresh / floor, verdict(fresh / floor, SYNC_GOAL)),
        ("(c) calsync sync, nothing changed", args.runs, unchanged,
         "output byte-identical" if identical else "OUTPUT CHANGED"),
        ("(d) calsync --help", args.help_runs, help_time, ""),
        ('    python -c "import click"', args.help_runs, click_time, ""),
        ("    ratio", None, help_time / click_time, verdict(help_time / click_time, HELP_GOAL)),
    ]  # fmt: skip
    print(f"\n{'':48} {'best of':>7} {'seconds':>9}")
    for label, runs, value, note in rows:
        shown = f"{value:9.3f}" if runs else f"{value:8.2f}x"
        print(f"{label:48} {runs or '':>7} {shown}  {note}".rstrip())
    print(f"\nfiles in {folder}" if args.keep else "")

    if args.profile:
        profile(sync_args, env, folder, args.top)


def history(args: argparse.Namespace, folder: Path) -> None:
    """calsync on a long history vs on the range's months only vs icalendar parsing it all."""
    from datetime import datetime
    from datetime import time as clock
    from zoneinfo import ZoneInfo

    today = date.today()
    since, until = today - timedelta(days=31), today + timedelta(days=302)
    events = make_history(today, years=args.years, seed=args.seed)
    full, cut = folder / "history.ics", folder / "window.ics"
    size = write_ics(full, events)
    zone = ZoneInfo(HOME_ZONE)
    low = datetime.combine(since, clock(0), zone)
    high = datetime.combine(until + timedelta(days=1), clock(0), zone)
    window = [e for e in events if any(s < high and f > low for s, f in e.occurrences())]
    cut_size = write_ics(cut, window)

    env = {k: v for k, v in os.environ.items() if not k.startswith("CALSYNC_")}
    env.update(XDG_CONFIG_HOME=str(folder / "config"), XDG_STATE_HOME=str(folder / "state"))
    calsync = str(Path(sys.executable).parent / "calsync")
    output = folder / "history-out.ics"
    span = ["--since", since.isoformat(), "--until", until.isoformat(), "--quiet"]

    def sync(source: str) -> tuple[float, int]:
        command = [calsync, "sync", "--from", source, "--to", str(output), *span]
        return measured(args.runs, command, env, before=output)

    on_full = sync(str(full))
    on_cut = sync(str(cut))
    with _serving(folder) as port:
        on_url = sync(f"http://127.0.0.1:{port}/history.ics")
    parse = measured(args.runs, [sys.executable, "-c", PARSE_ONLY, str(full)], env)

    mb = 1024 * 1024
    interviews = sum(e.interview for e in window)
    print(
        f"\n{args.years}-year export, {today}: {len(events):,} events, {size / mb:.1f} MB; "
        f"the range read ({since} to {until}) holds {len(window):,} of them "
        f"({interviews:,} interviews), {cut_size / mb:.1f} MB"
    )
    rows = [
        (f"(e) calsync sync, the whole {args.years}-year export", on_full),
        ("(f) calsync sync, the range's months only", on_cut),
        ("(g) calsync sync, the whole export from a URL", on_url),
        ("(h) icalendar parsing the whole export", parse),
    ]
    print(f"\n{'':48} {'best of':>7} {'seconds':>9} {'peak RSS':>10}")
    for label, (seconds, peak) in rows:
        print(f"{label:48} {args.runs:>7} {seconds:9.3f} {peak / mb:7.0f} MB")
    for label, ratio, goal in (
        ("    ratio (e) / (f)", on_full[0] / on_cut[0], HISTORY_GOAL),
        ("    ratio (e) / (h)", on_full[0] / parse[0], PARSE_GOAL),
    ):
        print(f"{label:48} {'':>7} {ratio:8.2f}x  {verdict(ratio, goal)}")


@contextlib.contextmanager
def _serving(folder: Path) -> Iterator[int]:
    """The benchmark's folder over HTTP on a loopback port, without Content-Length."""
    import http.server
    import threading

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a: Any, **k: Any) -> None:
            super().__init__(*a, directory=str(folder), **k)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
