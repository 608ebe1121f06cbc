"""Google's batch envelope: multipart/mixed parts that each hold one HTTP request or response.

google-api-python-client writes the inner requests with bare `\\n` line ends and reads the
inner responses by splitting on `\\r\\n\\r\\n`, so parsing is lenient and writing is strict.
"""

from __future__ import annotations

import email.message
import re
import secrets
from dataclasses import dataclass
from http import HTTPStatus

from tests.emulator.errors import ApiError

MAX_PARTS = 1000
_BLANK_LINE = re.compile(r"\r?\n\r?\n")


@dataclass
class BatchPart:
    content_id: str  # without the angle brackets
    method: str
    target: str  # path and query, as in the request line
    headers: dict[str, str]  # lower-cased names
    body: bytes


def parse_batch(content_type: str, body: bytes) -> list[BatchPart]:
    header = email.message.Message()
    header["content-type"] = content_type
    boundary = header.get_param("boundary")
    if header.get_content_type() != "multipart/mixed" or not isinstance(boundary, str):
        raise ApiError(400, "badRequest", "Batch requests must be multipart/mixed with a boundary.")
    text = body.decode("utf-8")
    parts: list[BatchPart] = []
    for section in text.split("--" + boundary)[1:]:
        if section.startswith("--"):
            break
        section = _drop_line_end(section, leading=True)
        section = _drop_line_end(section, leading=False)
        part_head, request = _split_head(section)
        part_headers = _headers(part_head.splitlines())
        request_head, request_body = _split_head(request)
        lines = request_head.splitlines()
        pieces = lines[0].split(" ") if lines else []
        if len(pieces) < 2:
            raise ApiError(400, "badRequest", "A batch part holds no HTTP request line.")
        parts.append(
            BatchPart(
                content_id=part_headers.get("content-id", "").strip().strip("<>"),
                method=pieces[0].upper(),
                target=pieces[1],
                headers=_headers(lines[1:]),
                body=request_body.encode("utf-8"),
            )
        )
    if not parts:
        raise ApiError(400, "badRequest", "The batch request holds no parts.")
    if len(parts) > MAX_PARTS:
        raise ApiError(
            400, "badRequest", f"A batch request cannot contain more than {MAX_PARTS} requests."
        )
    return parts


def build_batch(answers: list[tuple[str, int, bytes]]) -> tuple[str, bytes]:
    """(content id, status, JSON body) for each part → (Content-Type, multipart body)."""
    boundary = "batch_" + secrets.token_hex(12)
    chunks = []
    for content_id, status, payload in answers:
        phrase = HTTPStatus(status).phrase
        # Every part names a content type so that even a 204 has the blank line the client
        # splits on.
        chunks.append(
            f"--{boundary}\r\n"
            "Content-Type: application/http\r\n"
            f"Content-ID: <response-{content_id}>\r\n\r\n"
            f"HTTP/1.1 {status} {phrase}\r\n"
            "Content-Type: application/json; charset=UTF-8\r\n"
            "Vary: Origin\r\nVary: X-Origin\r\nVary: Referer\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n" + payload.decode("utf-8") + "\r\n"
        )
    chunks.append(f"--{boundary}--\r\n")
    return f"multipart/mixed; boundary={boundary}", "".join(chunks).encode("utf-8")


def _split_head(text: str) -> tuple[str, str]:
    found = _BLANK_LINE.search(text)
    if found is None:
        return text, ""
    return text[: found.start()], text[found.end() :]


def _drop_line_end(text: str, *, leading: bool) -> str:
    for end in ("\r\n", "\n"):
        if leading and text.startswith(end):
            return text[len(end) :]
        if not leading and text.endswith(end):
            return text[: -len(end)]
    return text


def _headers(lines: list[str]) -> dict[str, str]:
    found: dict[str, str] = {}
    last = ""
    for line in lines:
        # The client's email generator folds long headers (a long Content-ID) onto
        # indented continuation lines; unfolding keeps the whitespace, as RFC 5322 says.
        if line[:1] in (" ", "\t") and last:
            found[last] += line
            continue
        name, sep, value = line.partition(":")
        if sep:
            last = name.strip().lower()
            found[last] = value.strip()
    return found
