"""How long calsync takes on a big .ics calendar, next to what icalendar itself needs.

Every timing is wall-clock (time.perf_counter) around a subprocess, best of N, all measured in
the same run. The floor runs in a subprocess of the same interpreter too, so both sides pay for
interpreter start-up and their imports: the ratio compares whole commands a user would run.

    /work/venv/bin/python bench/bench_ics.py [--events 20000] [--interviews 2000] [--profile]
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import make_events, write_ics  # noqa: E402 - the folder is not a package

SYNC_GOAL = 2.0  # calsync sync / (icalendar parse + serialise)
HELP_GOAL = 1.5  # calsync --help / python -c "import click"

# The floor: what any tool that reads this calendar with icalendar and writes calsync's events
# with icalendar must do at least. It builds the same properties calsync writes
# (calsync/adapters/ics_target.py event_component), with the texts calsync wrote.
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
    times = []
    for _ in range(runs):
        if before is not None:
            before.unlink(missing_ok=True)
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - started)
        if done.returncode != 0:
            raise SystemExit(
                f"failed ({done.returncode}): {' '.join(command)}\n{done.stdout}{done.stderr}"
            )
    return min(times)


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
    args = parser.parse_args(argv)

    folder = args.keep or Path(tempfile.mkdtemp(prefix="calsync-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    try:
        run(args, folder.resolve())
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


if __name__ == "__main__":
    main()
