"""The HTTP side: one handler that reads a request, asks the emulator, and writes the answer."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any, Protocol

from tests.emulator.errors import ApiError


@dataclass
class Answer:
    status: int
    payload: dict[str, Any] | None = None
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # a body that is not JSON (a batch's multipart)

    @classmethod
    def refusal(cls, error: ApiError) -> Answer:
        return cls(error.status, error.body())


class App(Protocol):
    def serve(
        self, method: str, target: str, headers: dict[str, str], body: bytes
    ) -> Answer | None: ...

    def track(self, connection: socket.socket, *, open_: bool) -> None: ...


class Handler(BaseHTTPRequestHandler):
    """Subclassed per server with `app` set; a None answer drops the connection unanswered."""

    app: App
    protocol_version = "HTTP/1.1"  # keep-alive, as httplib2 expects

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in two writes; without this, Nagle's algorithm meets the
        # client's delayed ACK and every keep-alive answer waits 40 ms.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.app.track(self.connection, open_=True)

    def finish(self) -> None:
        self.app.track(self.connection, open_=False)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        return

    def _handle(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        answer = self.app.serve(self.command, self.path, headers, body)
        if answer is None:
            self.close_connection = True
            return
        if answer.raw is not None:
            data = answer.raw
        elif answer.payload is not None:
            data = json.dumps(answer.payload).encode("utf-8")
        else:
            data = b""
        self.send_response(answer.status)
        content_type = answer.headers.get("Content-Type", "application/json; charset=UTF-8")
        if data:
            self.send_header("Content-Type", content_type)
        for name, value in answer.headers.items():
            if name != "Content-Type":
                self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _handle
