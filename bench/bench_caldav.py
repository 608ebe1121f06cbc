"""CalDAV benchmark: HTTP requests per write, and for a no-change sync, against a real server.

A Radicale (or Xandikos) server is started on 127.0.0.1 with an empty calendar; a counting
loopback proxy sits in front of it (tests/caldav/servers.py), so every request that reaches the
server is counted on the wire. calsync's CalDAV target runs in this process through its factory
and the Target protocol, as the app runs it: read what the calendar holds, reconcile, apply.

    python bench/bench_caldav.py                            # 2,000 follow-ups into Radicale
    python bench/bench_caldav.py --followups 500 --server xandikos

Printed, for each run: the requests by method, writes done, requests per write and wall time.
The floor is one PUT per created or changed follow-up plus the reads (PROPFIND and one
calendar-query on a first run; one sync-collection REPORT after that), so requests per write
tends to 1.0; a no-change sync should be exactly one REPORT and no write.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from calsync.adapters.base import Context  # noqa: E402
from calsync.adapters.caldav import open_target  # noqa: E402
from calsync.core.identity import event_id, fingerprint  # noqa: E402
from calsync.core.reconcile import reconcile  # noqa: E402
from calsync.model import FOLLOW_UP_CALL, THANK_YOU, FollowUp  # noqa: E402
from calsync.settings import Settings  # noqa: E402
from tests.caldav.servers import (  # noqa: E402
    Proxy,
    radicale_command,
    start,
    xandikos_command,
)

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def followups(count: int, *, shift: timedelta = timedelta(0), moved: int = 0) -> list[FollowUp]:
    """`count` follow-ups of count / 2 interviews; the first `moved` interviews moved by `shift`."""
    made: list[FollowUp] = []
    for n in range(count):
        interview = n // 2
        kind = THANK_YOU if n % 2 == 0 else FOLLOW_UP_CALL
        base = NOW + timedelta(days=1 + interview % 300, hours=interview % 7)
        if interview < moved:
            base += shift
        start = base + (timedelta(hours=2) if kind == THANK_YOU else timedelta(days=8))
        end = start + timedelta(minutes=15)
        title = f"{'Send thank-you note' if kind == THANK_YOU else 'Follow-up call'} — #{interview}"
        text = f"Notes for interview {interview}.\n" * 20
        made.append(
            FollowUp(
                id=event_id("bench", f"interview-{interview}", kind, 1),
                kind=kind,
                number=1,
                source_id=f"interview-{interview}",
                title=title,
                description=text,
                start=start,
                end=end,
                tz="America/New_York",
                interview_start=base,
                fingerprint=fingerprint(title, text, start, end),
            )
        )
    return made


def sync(
    spec: str, state: Path, desired: list[FollowUp], proxy: Proxy
) -> tuple[dict[str, int], int, float]:
    proxy.reset()
    started = time.perf_counter()
    ctx = Context(settings=Settings(), state_dir=state, now=NOW)
    target = open_target(spec, ctx, source="bench.ics")
    held = target.held(since=NOW - timedelta(days=30))
    actions = reconcile(
        desired,
        held.events,
        now=NOW,
        since=NOW - timedelta(days=30),
        until=NOW + timedelta(days=400),
        deleted_ids=held.deleted_ids,
    )
    report = target.apply(actions, source_calendar="bench")
    writes = len(report.created) + len(report.updated) + len(report.removed)
    return proxy.count(), writes, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--followups", type=int, default=2000)
    parser.add_argument("--moved", type=int, default=100, help="interviews moved in run 3")
    parser.add_argument("--server", choices=("radicale", "xandikos"), default="radicale")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="calsync-bench-caldav-") as folder:
        command = radicale_command if args.server == "radicale" else xandikos_command
        server = start(args.server, Path(folder) / "server", command)
        proxy = Proxy(server.url)
        try:
            from caldav.davclient import DAVClient

            client = DAVClient(url=server.url, username="alex", password="x", enable_rfc6764=False)
            path = client.principal().make_calendar(name="Bench", cal_id=uuid.uuid4().hex).url.path
            spec = "caldav+" + proxy.url.rstrip("/") + path
            state = Path(folder) / "state"
            desired = followups(args.followups)
            moved = followups(args.followups, shift=timedelta(days=1), moved=args.moved)
            runs = [
                (f"first sync: {args.followups} follow-ups created", desired),
                ("no change", desired),
                (f"{args.moved} interviews moved", moved),
                ("no change after the move", moved),
            ]
            print(f"CalDAV benchmark against {args.server} ({server.url}), via a counting proxy")
            print(f"{'run':<42} {'requests':>9} {'writes':>7} {'req/write':>10} {'seconds':>8}")
            for name, wanted in runs:
                counts, writes, seconds = sync(spec, state, wanted, proxy)
                total = sum(counts.values())
                ratio = f"{total / writes:.3f}" if writes else "-"
                detail = ", ".join(f"{m} {n}" for m, n in sorted(counts.items()))
                print(f"{name:<42} {total:>9} {writes:>7} {ratio:>10} {seconds:>8.1f}   ({detail})")
        finally:
            proxy.stop()
            server.stop()


if __name__ == "__main__":
    main()
