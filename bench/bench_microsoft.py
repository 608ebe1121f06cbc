"""Microsoft benchmark: Graph requests and wall time of a sync against the local Graph emulator.

A calendar of 20,000 events with 1,000 interviews (bench/generate.py, as for Google) is seeded
into the Graph emulator (tests/msgraph/emulator, over TLS) with 50 ms of latency per HTTP
request. calsync runs through the app (`calsync.app.sync`), as
`calsync sync --from microsoft --to microsoft` does. Printed, for each run: the Graph
requests made, the floor (delta pages ceil(events / 1000) plus `$batch` requests
ceil(writes / 20), plus the mailbox's zone read once on the first sync; one request for a
no-change sync), their ratio, the wall time, and beside
them what Google's floor is for the same calendar (list pages of 2,500, batches of 50).

    python bench/bench_microsoft.py                  # from the repository root
    python bench/bench_microsoft.py --events 5000 --interviews 250 --latency 0.02
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import SyntheticEvent, make_events  # noqa: E402

from calsync import app  # noqa: E402
from calsync.adapters.microsoft import auth  # noqa: E402
from calsync.adapters.microsoft.backend import DELTA_PAGE  # noqa: E402
from calsync.adapters.microsoft.graph import BATCH_LIMIT  # noqa: E402
from calsync.settings import Settings  # noqa: E402
from tests.msgraph.emulator.server import CLIENT_ID, GraphEmulator  # noqa: E402

GOOGLE_PAGE, GOOGLE_BATCH = 2500, 50


def windows_names() -> dict[str, str]:
    from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON

    names: dict[str, str] = {}
    for windows, iana in WINDOWS_TO_OLSON.items():
        names.setdefault(str(iana), str(windows))
    return names


def seed(emulator: GraphEmulator, events: list[SyntheticEvent]) -> int:
    """The events as Outlook holds them (series expanded, Windows zone names); their count."""
    names = windows_names()
    count = 0
    for event in events:
        zone = names.get(event.zone, event.zone)
        for start, end in event.occurrences():
            minutes = max(1, int((end - start).total_seconds() // 60))
            emulator.seed(
                event.summary,
                start,
                minutes,
                zone=zone,
                body=event.description,
                html=False,
                attendees=tuple((g.name, g.email) for g in event.attendees),
                isAllDay=event.all_day,
                isCancelled=event.status == "CANCELLED",
            )
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per HTTP request")
    args = parser.parse_args()

    now = datetime.now(UTC).replace(microsecond=0)
    synthetic = make_events(date.today(), events=args.events, interviews=args.interviews)
    rows: list[tuple[str, int, int, int, float]] = []
    listed = 0
    for label, target in (("same calendar", None), ("another calendar", "Job search")):
        # each scenario on a fresh copy of the calendar, as a first sync meets it
        with tempfile.TemporaryDirectory() as folder, GraphEmulator(Path(folder) / "tls") as ms:
            work = Path(folder)
            os.environ.update(
                {
                    "CALSYNC_MS_AUTHORITY": ms.authority,
                    "CALSYNC_GRAPH_ENDPOINT": ms.graph,
                    "REQUESTS_CA_BUNDLE": str(ms.ca_file),
                    "CALSYNC_MS_TOKEN_CACHE": str(work / "cache.json"),
                    "CALSYNC_MS_CLIENT_ID": CLIENT_ID,
                    "XDG_STATE_HOME": str(work / "state"),
                }
            )
            auth.run_device_flow(CLIENT_ID, echo=lambda _line: None)
            listed = seed(ms, synthetic)
            # the delta lists what overlaps the range read: from 30 days back
            since = now - timedelta(days=30)
            in_range = sum(1 for e in ms.store.live() if e.end > since)
            calendar = ms.store.add_calendar(target) if target else "AAMkDefaultCalendar"
            ms.latency = args.latency
            settings = Settings(
                microsoft_client_id=CLIENT_ID, timezone="UTC", target_calendar=target
            )
            sync_run = app.Run(settings=settings, now=now, system_tz="UTC")
            writes = 0
            for run in ("first", "echo", "quiet"):
                ms.reset_records()
                started = time.perf_counter()
                app.sync("microsoft", "microsoft", sync_run, dry_run=False)
                took = time.perf_counter() - started
                made = len(ms.graph_requests())
                if os.environ.get("BENCH_DEBUG"):
                    print([(r.method, r.path[-24:]) for r in ms.graph_requests()])
                if run == "echo":
                    # the delta hands calsync's own writes back once, in pages of DELTA_PAGE
                    echo = math.ceil(writes / DELTA_PAGE) + (1 if target else 0)
                    google = math.ceil(writes / GOOGLE_PAGE) + (1 if target else 0)
                    rows.append(
                        (f"second sync (reads its writes back), {label}", made, echo, google, took)
                    )
                    continue
                if run == "quiet":
                    quiet = 2 if target else 1  # one delta request per calendar
                    rows.append((f"no-change sync, {label}", made, quiet, quiet, took))
                    continue
                writes = len(ms.calsync_events(calendar))
                # another calendar: its name is looked up once, and its own delta is one page;
                # the mailbox's zone is read once and kept with the delta state
                reads = 1 + math.ceil(in_range / DELTA_PAGE) + (2 if target else 0)
                floor = reads + math.ceil(writes / BATCH_LIMIT)
                google = math.ceil(in_range / GOOGLE_PAGE) + (1 if target else 0)
                google += math.ceil(writes / GOOGLE_BATCH)
                rows.append((f"first sync, {label} ({writes} writes)", made, floor, google, took))
    print(
        f"calsync against the Graph emulator: {args.events:,} events ({listed:,} with series "
        f"expanded), {args.interviews:,} interviews, {args.latency * 1000:.0f} ms per request"
    )
    print(f"{'run':<56} {'requests':>9} {'floor':>6} {'ratio':>6} {'wall':>8} {'Google floor':>13}")
    for label, made, floor, google, took in rows:
        print(f"{label:<56} {made:>9} {floor:>6} {made / floor:>6.2f} {took:>7.2f}s {google:>13}")
    at_floor = all(made <= floor for _, made, floor, _, _ in rows)
    print(f"goal (requests at the floor): {'met' if at_floor else 'NOT met'}")


if __name__ == "__main__":
    main()
