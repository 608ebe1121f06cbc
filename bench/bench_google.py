"""Google benchmark: HTTP requests and wall time of `calsync sync` against the local emulator.

A calendar of 20,000 events with 1,000 interviews is seeded into the Calendar API emulator
(tests/emulator) with 50 ms of latency per HTTP request. calsync runs as a subprocess, exactly as
a user or cron runs it, through the real google-api-python-client. Printed, for each run: the
HTTP requests made, the floor (list pages ceil(events / 2500) plus write batches
ceil(writes / batch size); 1 request for a no-change sync, 2 when follow-ups go into another
calendar), their ratio, and the wall time. Next to the no-change syncs it prints the wall time of
`calsync --help` in the same run: the cost of starting Python and calsync at all, which a
no-change sync cannot go below.

    python bench/bench_google.py                     # from the repository root
    python bench/bench_google.py --events 5000 --interviews 250 --latency 0.02
"""

from __future__ import annotations

import argparse
import math
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import google_events, make_events  # noqa: E402

from tests.emulator.server import CalendarEmulator  # noqa: E402

PAGE = 2500
TARGET = "jobsearch@group.calendar.google.com"


def ours(emulator: CalendarEmulator, calendar: str) -> int:
    return sum(
        1
        for e in emulator.events(calendar)
        if e.get("extendedProperties", {}).get("private", {}).get("calsync_kind")
    )


def sync(env: dict[str, str], *args: str) -> tuple[float, int]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "calsync", "sync", "--quiet", *args],
        env=env,
        capture_output=True,
        text=True,
    )
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"calsync failed ({done.returncode}): {done.stderr.strip()}")
    return took, done.returncode


def help_time(env: dict[str, str]) -> float:
    """The best of three `calsync --help` runs: start-up alone, as the floor of any run."""
    best = math.inf
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "calsync", "--help"], env=env, capture_output=True, check=True
        )
        best = min(best, time.perf_counter() - started)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per HTTP request")
    parser.add_argument("--batch-size", type=int, default=50)
    args = parser.parse_args()

    base = date.today()
    resources = google_events(make_events(base, events=args.events, interviews=args.interviews))
    rows: list[tuple[str, int, int, float]] = []
    with tempfile.TemporaryDirectory() as folder, CalendarEmulator() as emulator:
        work = Path(folder)
        for resource in resources:
            emulator.put_event("primary", resource)
        emulator.add_calendar(TARGET)
        token = emulator.make_token_file(work / "token.json")
        config = work / "config.toml"
        config.write_text(f"batch_size = {args.batch_size}\n")
        env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "CALSYNC_TOKEN": str(token),
            "CALSYNC_API_ENDPOINT": emulator.url,
            "CALSYNC_CONFIG": str(config),
            "XDG_STATE_HOME": str(work / "state"),
        }
        listed = len(resources)
        emulator.latency = args.latency

        for label, extra, calendar in (
            ("same calendar", (), "primary"),
            ("another calendar", ("--target-calendar", TARGET), TARGET),
        ):
            env["XDG_STATE_HOME"] = str(work / f"state-{calendar}")
            emulator.reset_counts()
            took, _ = sync(env, *extra)
            writes = ours(emulator, calendar)
            # another calendar: its own (empty) listing is one more page
            reads = math.ceil(listed / PAGE) + (1 if extra else 0)
            floor = reads + math.ceil(writes / args.batch_size)
            rows.append(
                (f"first sync, {label} ({writes} writes)", emulator.http_requests, floor, took)
            )
            emulator.reset_counts()
            took, _ = sync(env, *extra)
            rows.append(
                (f"no-change sync, {label}", emulator.http_requests, 2 if extra else 1, took)
            )
            listed += writes if calendar == "primary" else 0
        started_alone = help_time(env)

    print(
        f"calsync against the Calendar API emulator: {args.events:,} events, "
        f"{args.interviews:,} interviews, {args.latency * 1000:.0f} ms per request, "
        f"batch size {args.batch_size}"
    )
    print(f"{'run':<48} {'requests':>9} {'floor':>6} {'ratio':>6} {'wall':>8}")
    for label, requests, floor, took in rows:
        print(f"{label:<48} {requests:>9} {floor:>6} {requests / floor:>6.2f} {took:>7.2f}s")
    print(
        f"{'calsync --help (start-up alone, best of 3)':<48} {'':>9} {'':>6} {'':>6} "
        f"{started_alone:>7.2f}s"
    )
    at_floor = all(requests <= floor for _, requests, floor, _ in rows)
    print(f"goal (requests at the floor): {'met' if at_floor else 'NOT met'}")


if __name__ == "__main__":
    main()
