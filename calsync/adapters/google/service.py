"""The Calendar v3 client: requests built from the discovery document google-api-python-client
ships, without importing `googleapiclient.discovery`.

That module brings service accounts, cryptography, mTLS and JSON-schema handling along — about
a fifth of a second of every run, for an hourly sync that mostly makes one request. The requests
made here are the ones `discovery.build` makes (same URL, method, headers and body; a test
compares them call by call), as the same `HttpRequest` objects, so retries and batches treat
them alike.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import googleapiclient
import uritemplate
from googleapiclient.http import HttpRequest
from googleapiclient.model import JsonModel, RawModel

DOCUMENT = Path(googleapiclient.__file__).parent / "discovery_cache/documents/calendar.v3.json"


@cache
def _document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def _cast(value: Any, kind: str) -> str:
    """A parameter's value as the API reads it (as `discovery._cast` writes it)."""
    if kind == "integer":
        return str(int(value))
    if kind == "number":
        return str(float(value))
    if kind == "boolean":
        return str(bool(value)).lower()
    return value if isinstance(value, str) else str(value)


class Method:
    """One API method: called with its parameters, it gives the request to execute or batch."""

    def __init__(self, description: dict[str, Any], base_url: str, http: Any) -> None:
        self._description = description
        self._parameters: dict[str, Any] = {
            **_document().get("parameters", {}),
            **description.get("parameters", {}),
        }
        self._base_url = base_url
        self._http = http

    def __call__(self, **kwargs: Any) -> HttpRequest:
        description = self._description
        for name in kwargs:
            if name not in self._parameters and not (name == "body" and "request" in description):
                raise TypeError(f"Got an unexpected keyword argument {name}")
        given = {name: value for name, value in kwargs.items() if value is not None}
        for name, spec in self._parameters.items():
            if spec.get("required") and name not in given:
                raise TypeError(f'Missing required parameter "{name}"')
        # in the order given, as discovery.build puts them in the query string
        query: dict[str, Any] = {}
        path: dict[str, Any] = {}
        for name, value in given.items():
            spec = self._parameters.get(name)
            if spec is None:  # the body
                continue
            repeated = bool(spec.get("repeated")) and isinstance(value, list)
            values = value if repeated else [value]
            allowed = spec.get("enum")
            if allowed is not None and any(v not in allowed for v in values):
                raise TypeError(f'Parameter "{name}" value "{value}" is not an allowed value')
            kind = spec.get("type", "string")
            cast = [_cast(v, kind) for v in values] if repeated else _cast(value, kind)
            (path if spec.get("location") == "path" else query)[name] = cast
        model = JsonModel() if "response" in description else RawModel()
        headers, path, query_string, body = model.request({}, path, query, given.get("body"))
        url = self._base_url + uritemplate.expand(description["path"], path) + query_string
        return HttpRequest(
            self._http,
            model.response,
            url,
            method=description["httpMethod"],
            body=body,
            headers=headers,
            methodId=description["id"],
            resumable=None,
        )


class Collection:
    """One collection of the API (`events`, `calendarList` …): its methods by name."""

    def __init__(self, name: str, base_url: str, http: Any) -> None:
        self._methods: dict[str, Any] = _document()["resources"][name]["methods"]
        self._base_url = base_url
        self._http = http

    def __getattr__(self, name: str) -> Method:
        if name.startswith("_") or name not in self._methods:
            raise AttributeError(name)
        return Method(self._methods[name], self._base_url, self._http)


class CalendarService:
    """`service.events().list(calendarId=…)`, as with the discovery-built client."""

    def __init__(self, http: Any, base_url: str) -> None:
        self._http = http
        self._base_url = base_url if base_url.endswith("/") else base_url + "/"

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name not in _document()["resources"]:
            raise AttributeError(name)
        return lambda: Collection(name, self._base_url, self._http)
