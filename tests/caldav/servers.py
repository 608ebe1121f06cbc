"""Real CalDAV servers (Radicale, Xandikos) on 127.0.0.1, and a loopback proxy that can make
either behave like the servers users meet: no ETags, rewritten bodies, refused sync tokens,
Nextcloud's trash bin. Every request that reaches a server is counted on the wire."""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

STARTUP = 30.0
_NO_ETAG = re.compile(rb"<(?:\w+:)?getetag>[^<]*</(?:\w+:)?getetag>")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}


def radicale_command(folder: Path, port: int, *, htpasswd: Path | None = None) -> list[str]:
    config = folder / "radicale.conf"
    config.write_text("")  # never read a config of the machine's or the user's
    auth = (
        ["--auth-type", "htpasswd", "--auth-htpasswd-filename", str(htpasswd),
         "--auth-htpasswd-encryption", "plain"]
        if htpasswd
        else ["--auth-type", "none"]
    )
    return [
        sys.executable, "-m", "radicale", "--config", str(config),
        "--server-hosts", f"127.0.0.1:{port}",
        "--storage-filesystem-folder", str(folder / "collections"),
        *auth, "--rights-type", "owner_only", "--logging-level", "warning",
    ]


def xandikos_command(folder: Path, port: int) -> list[str]:
    return [
        sys.executable, "-m", "xandikos", "serve", "-d", str(folder / "data"),
        "-l", "127.0.0.1", "-p", str(port), "--defaults", "--no-detect-systemd",
    ]


@dataclass
class Server:
    kind: str
    url: str  # http://127.0.0.1:PORT/
    process: subprocess.Popen[bytes]

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def start(kind: str, folder: Path, command: Callable[[Path, int], list[str]]) -> Server:
    folder.mkdir(parents=True, exist_ok=True)
    for _attempt in range(3):  # the free port may be taken between the probe and the start
        port = free_port()
        log = (folder / f"{kind}-{port}.log").open("wb")
        process = subprocess.Popen(
            command(folder, port), stdout=log, stderr=subprocess.STDOUT, env=_env()
        )
        log.close()
        url = f"http://127.0.0.1:{port}/"
        deadline = time.monotonic() + STARTUP
        while process.poll() is None and time.monotonic() < deadline:
            if _answers(url):
                return Server(kind=kind, url=url, process=process)
            time.sleep(0.1)
        if process.poll() is None:
            Server(kind, url, process).stop()
    logs = "\n".join(p.read_text(errors="replace") for p in folder.glob(f"{kind}-*.log"))
    raise RuntimeError(f"{kind} did not start:\n{logs}")


@dataclass
class Seen:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes
    status: int = 0


@dataclass
class Quirks:
    """What the proxy changes; all off by default (then it only forwards and counts)."""

    strip_put_etag: bool = False  # answer PUTs without an ETag
    strip_all_etags: bool = False  # a server that names no ETag anywhere
    rewrite_put: Callable[[bytes], bytes] | None = None  # the server keeps another body
    sync_answer: tuple[int, bytes] | None = None  # answer sync-collection REPORTs with this
    refuse_create: set[str] = field(default_factory=set)  # paths whose create gets a 400
    lose_answers: int = 0  # this many requests reach the server, but their answer is a 503
    login: tuple[str, str] | None = None  # demand this Basic login, as nginx in front of Xandikos
    challenge_first: bool = False  # refuse a login sent before the server asked for one


class Proxy:
    """A loopback HTTP proxy in front of one server: counts requests, injects quirks."""

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.seen: list[Seen] = []
        self.quirks = Quirks()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                return

            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                seen = Seen(self.command, self.path, dict(self.headers.items()), body)
                proxy.seen.append(seen)
                status, headers, answer = proxy.forward(seen)
                seen.status = status
                self.send_response(status)
                for key, value in headers:
                    if key.lower() not in ("transfer-encoding", "connection", "content-length"):
                        self.send_header(key, value)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            do_GET = do_PUT = do_DELETE = do_PROPFIND = do_REPORT = do_OPTIONS = _any
            do_MKCALENDAR = do_PROPPATCH = do_POST = do_HEAD = _any

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def forward(self, seen: Seen) -> tuple[int, list[tuple[str, str]], bytes]:
        quirks = self.quirks
        body = seen.body
        if quirks.login is not None:
            expected = "Basic " + base64.b64encode(":".join(quirks.login).encode()).decode()
            prompted, quirks.challenge_first = not quirks.challenge_first, False
            if seen.headers.get("Authorization") != expected or not prompted:
                challenge = [("WWW-Authenticate", 'Basic realm="calendars"')]
                return 401, [*challenge, ("Content-Type", "text/plain")], b"Unauthorized"
        if seen.method == "REPORT" and b"sync-collection" in body and quirks.sync_answer:
            status, answer = quirks.sync_answer
            kind = "application/xml" if answer.startswith(b"<") else "text/plain"
            return status, [("Content-Type", f"{kind}; charset=utf-8")], answer
        creating = seen.headers.get("If-None-Match") == "*"
        if seen.method == "PUT" and creating and seen.path in quirks.refuse_create:
            message = b"Calendar object with uid already exists in this calendar collection."
            return 400, [("Content-Type", "text/plain")], message
        if seen.method == "PUT" and quirks.rewrite_put is not None:
            body = quirks.rewrite_put(body)
        # plain bodies, so that quirks can edit them
        dropped = ("host", "accept-encoding")
        headers = {k: v for k, v in seen.headers.items() if k.lower() not in dropped}
        headers["Content-Length"] = str(len(body))
        connection = http.client.HTTPConnection(
            self.upstream.hostname or "127.0.0.1", self.upstream.port, timeout=60
        )
        try:
            connection.request(seen.method, seen.path, body=body, headers=headers)
            response = connection.getresponse()
            answer = response.read()
            out = list(response.getheaders())
        finally:
            connection.close()
        if quirks.lose_answers > 0:
            quirks.lose_answers -= 1
            return 503, [("Content-Type", "text/plain")], b"upstream connection reset"
        if seen.method == "PUT" and (
            quirks.strip_put_etag or quirks.strip_all_etags or quirks.rewrite_put is not None
        ):
            out = [(k, v) for k, v in out if k.lower() != "etag"]
        if quirks.strip_all_etags:
            out = [(k, v) for k, v in out if k.lower() != "etag"]
            answer = _NO_ETAG.sub(b"", answer)
        return response.status, out, answer

    def count(self) -> dict[str, int]:
        counted: dict[str, int] = {}
        for seen in self.seen:
            counted[seen.method] = counted.get(seen.method, 0) + 1
        return counted

    def reset(self) -> None:
        self.seen.clear()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
