"""No-change syncs on every source, beside `calsync --help`, in the same run.

calsync runs from cron every hour and almost every run finds nothing new. This measures what
such a run costs for each kind of source, as a multiple of `calsync --help` (interpreter and
calsync start-up alone) measured in the same run on the same machine:

- `.ics` file: the same file again (size, mtime and content hash as the last run);
- URL: the same file served from a loopback server that honours If-None-Match (it answers 304);
- Google: the Calendar API emulator (tests/emulator), `--latency` seconds per request;
- Microsoft: the Graph emulator (tests/msgraph/emulator), `--latency` seconds per request;
- CalDAV: a Radicale server on loopback, its calendar seeded with the same events.

Every sync is the installed `calsync` script in a subprocess, with its own state and config
folders; a first sync writes the follow-ups, a second one reads what the first wrote (a target
calsync just wrote is read once, then its content hash vouches for it), then the no-change
sync is timed, best of `--runs`. The goal: the no-change sync costs at most 4x `calsync --help`
plus its request time (requests x latency for the emulators; for the URL and CalDAV the
loopback request is counted against calsync). Then one interview's notes are changed and the
sync is timed again, with how many readings were made and how many reused.

    python bench/bench_nochange.py                                  # 20,000 events
    python bench/bench_nochange.py --events 5000 --interviews 500 --only ics url
"""

from __future__ import annotations

import argparse
import hashlib
import http.server
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import SyntheticEvent, google_events, ics_bytes, make_events  # noqa: E402

GOAL = 4.0
CALSYNC = str(Path(sys.executable).parent / "calsync")
SOURCES = ("ics", "url", "google", "microsoft", "caldav")


def timed(command: list[str], env: dict[str, str]) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed ({done.returncode}): {' '.join(command)}\n{done.stderr[-2000:]}")
    return took, done.stderr


def best(runs: int, command: list[str], env: dict[str, str]) -> float:
    return min(timed(command, env)[0] for _ in range(runs))


def readings(stderr: str) -> str:
    found = re.search(r"(\d+) readings reused, (\d+) made", stderr)
    return f"{found.group(2)} read, {found.group(1)} reused" if found else "-"


class Case:
    """One source: how to start it, how to sync from it, how to change one interview."""

    def __init__(self, name: str, folder: Path, env: dict[str, str]) -> None:
        self.name, self.folder = name, folder
        self.env = {**env, "XDG_STATE_HOME": str(folder / "state")}
        self.args: list[str] = []
        self.requests: Callable[[], int] = lambda: 0
        self.latency = 0.0
        self.change: Callable[[], None] = lambda: None

    def sync(self, *more: str) -> tuple[float, str]:
        return timed([CALSYNC, "sync", *self.args, *more], self.env)


def measure(case: Case, runs: int, help_time: float) -> list[str]:
    case.sync("--quiet")  # writes the follow-ups
    case.sync("--quiet")  # reads them back once
    times, requests = [], 0
    for _ in range(runs):
        before = case.requests()
        times.append(case.sync("--quiet")[0])
        requests = case.requests() - before
    nochange = min(times)
    wire = requests * case.latency
    ratio = (nochange - wire) / help_time
    verdict = "MET" if ratio <= GOAL else "MISSED"
    case.change()
    changed, stderr = case.sync("--verbose")
    return [
        f"{case.name:<10} {nochange:8.3f} {requests:>4} {wire:7.3f} {ratio:7.2f}x  "
        f"goal <= {GOAL:.0f}x: {verdict:<6}  one changed: {changed:6.3f}s ({readings(stderr)})"
    ]


def with_notes(events: list[SyntheticEvent]) -> list[SyntheticEvent]:
    """The same calendar with the first interview's notes changed."""
    from dataclasses import replace

    index = next(i for i, e in enumerate(events) if e.interview)
    changed = list(events)
    changed[index] = replace(events[index], description=events[index].description + " Changed.")
    return changed


def ics_case(folder: Path, env: dict[str, str], events: list[SyntheticEvent]) -> Case:
    case = Case("ics", folder, env)
    source = folder / "big.ics"
    source.write_bytes(ics_bytes(events))
    case.args = ["--from", str(source), "--to", str(folder / "out.ics")]
    case.change = lambda: source.write_bytes(ics_bytes(with_notes(events)))
    return case


@contextmanager
def url_case(folder: Path, env: dict[str, str], events: list[SyntheticEvent]) -> Iterator[Case]:
    served = {"body": ics_bytes(events), "requests": 0}

    class Publisher(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the base class's name
            served["requests"] += 1
            body = served["body"]
            assert isinstance(body, bytes)
            tag = '"' + hashlib.sha256(body).hexdigest()[:20] + '"'
            if self.headers.get("If-None-Match") == tag:
                self.send_response(304)
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("ETag", tag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        case = Case("url", folder, env)
        url = f"http://127.0.0.1:{server.server_address[1]}/secret/basic.ics"
        case.args = ["--from", url, "--to", str(folder / "out.ics")]
        case.requests = lambda: int(served["requests"])
        case.change = lambda: served.update(body=ics_bytes(with_notes(events)))
        yield case
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def google_case(
    folder: Path, env: dict[str, str], events: list[SyntheticEvent], latency: float
) -> Iterator[Case]:
    from tests.emulator.server import CalendarEmulator

    with CalendarEmulator() as emulator:
        for resource in google_events(events):
            emulator.put_event("primary", resource)
        token = emulator.make_token_file(folder / "token.json")
        case = Case("google", folder, env)
        case.env.update(CALSYNC_TOKEN=str(token), CALSYNC_API_ENDPOINT=emulator.url)
        case.requests = lambda: int(emulator.http_requests)
        case.latency = emulator.latency = latency
        resources = google_events(events)
        first = next(r for r in resources if "interview" in r.get("summary", "").lower())

        def change() -> None:
            emulator.edit_event(
                "primary", first["id"], description=first.get("description", "") + " Changed."
            )

        case.change = change
        yield case


@contextmanager
def microsoft_case(
    folder: Path, env: dict[str, str], events: list[SyntheticEvent], latency: float
) -> Iterator[Case]:
    from bench_microsoft import seed

    from calsync.adapters.microsoft import auth
    from tests.msgraph.emulator.server import CLIENT_ID, GraphEmulator

    with GraphEmulator(folder / "tls") as ms:
        case = Case("microsoft", folder, env)
        case.env.update(
            CALSYNC_MS_AUTHORITY=ms.authority,
            CALSYNC_GRAPH_ENDPOINT=ms.graph,
            REQUESTS_CA_BUNDLE=str(ms.ca_file),
            CALSYNC_MS_TOKEN_CACHE=str(folder / "cache.json"),
            CALSYNC_MS_CLIENT_ID=CLIENT_ID,
        )
        saved = dict(os.environ)
        os.environ.update(case.env)
        try:
            auth.run_device_flow(CLIENT_ID, echo=lambda _line: None)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        seed(ms, events)
        case.args = ["--from", "microsoft", "--to", "microsoft", "--timezone", "UTC"]
        case.requests = lambda: len(ms.graph_requests())
        case.latency = ms.latency = latency
        interview = next(e for e in events if e.interview)

        def change() -> None:
            ms.reset_records()
            seed(ms, [with_notes([interview])[0]])  # a new interview: one event more to read

        case.change = change
        yield case


@contextmanager
def caldav_case(folder: Path, env: dict[str, str], events: list[SyntheticEvent]) -> Iterator[Case]:
    from caldav.davclient import DAVClient

    from tests.caldav.servers import Proxy, radicale_command, start

    server = start("radicale", folder / "server", radicale_command)
    proxy = Proxy(server.url)
    try:
        client = DAVClient(url=server.url, username="alex", password="x", enable_rfc6764=False)
        path = client.principal().make_calendar(name="Jobs", cal_id=uuid.uuid4().hex).url.path
        # seeded as Radicale stores a calendar: one file per event in the collection's folder
        store = folder / "server" / "collections" / "collection-root" / path.strip("/")
        for n, event in enumerate(events):
            (store / f"event-{n}.ics").write_bytes(ics_bytes([event]))
        case = Case("caldav", folder, env)
        case.args = ["--from", "caldav+" + proxy.url.rstrip("/") + path]
        case.args += ["--to", str(folder / "out.ics")]
        case.env.update(CALSYNC_CALDAV_USER="alex", CALSYNC_CALDAV_PASSWORD="x")
        case.requests = lambda: sum(proxy.count().values())
        index = next(i for i, e in enumerate(events) if e.interview)

        def change() -> None:
            href = server.url.rstrip("/") + path + f"event-{index}.ics"
            body = ics_bytes(with_notes([events[index]])).decode()
            client.put(href, body, {"Content-Type": "text/calendar; charset=utf-8"})

        case.change = change
        yield case
    finally:
        proxy.stop()
        server.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--events", type=int, default=20000)
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per emulated request")
    parser.add_argument("--runs", type=int, default=3, help="best of this many no-change syncs")
    parser.add_argument("--only", nargs="*", choices=SOURCES, default=list(SOURCES))
    args = parser.parse_args()

    events = make_events(date.today(), events=args.events, interviews=args.interviews)
    base = {k: v for k, v in os.environ.items() if not k.startswith(("CALSYNC_", "XDG_"))}
    lines: list[str] = []
    with tempfile.TemporaryDirectory(prefix="calsync-nochange-") as name:
        folder = Path(name)
        base.update(XDG_CONFIG_HOME=str(folder / "config"), PYTHONPATH=str(ROOT))
        help_time = best(max(5, args.runs), [CALSYNC, "--help"], base)
        since = (date.today() - timedelta(days=31)).isoformat()
        until = (date.today() + timedelta(days=302)).isoformat()
        span = ["--since", since, "--until", until]
        for source in args.only:
            work = folder / source
            work.mkdir()
            if source == "ics":
                case = ics_case(work, base, events)
                case.args += span
                lines += measure(case, args.runs, help_time)
                continue
            opened = {
                "url": lambda at: url_case(at, base, events),
                "google": lambda at: google_case(at, base, events, args.latency),
                "microsoft": lambda at: microsoft_case(at, base, events, args.latency),
                "caldav": lambda at: caldav_case(at, base, events),
            }[source]
            with opened(work) as case:
                case.args += span
                lines += measure(case, args.runs, help_time)
    print(
        f"No-change syncs, {date.today()}: {args.events:,} events ({args.interviews:,} "
        f"interviews), emulated latency {args.latency * 1000:.0f} ms, best of {args.runs}"
    )
    print(f"calsync --help: {help_time:.3f}s (best of {max(5, args.runs)})\n")
    print(f"{'source':<10} {'seconds':>8} {'req':>4} {'wire s':>7} {'ratio':>8}")
    print("\n".join(lines))
    print("\nratio = (no-change sync - requests x latency) / calsync --help")


if __name__ == "__main__":
    main()
