"""calsync's Calendar client makes exactly the requests the discovery-built client makes.

`calsync.adapters.google.service` builds requests from the same discovery document without
importing `googleapiclient.discovery` (a fifth of a second of every run); this compares the two
call by call — URL, method, headers and body — and their refusals of wrong parameters.
"""

from __future__ import annotations

from typing import Any

import httplib2
import pytest
from googleapiclient.discovery import build

from calsync.adapters.google.service import CalendarService

ENDPOINT = "http://127.0.0.1:9/calendar/v3/"

CALLS: list[tuple[str, str, dict[str, Any]]] = [
    ("calendarList", "list", {"fields": "items(id,summary,summaryOverride)"}),
    ("calendars", "get", {"calendarId": "primary"}),
    (
        "events",
        "list",
        {
            "calendarId": "jobs@group.calendar.google.com",
            "singleEvents": True,
            "showDeleted": True,
            "timeMin": "2026-11-01T00:00:00+00:00",
            "maxResults": 2500,
            "fields": "items,nextPageToken",
            "pageToken": "page/2+=",
        },
    ),
    ("events", "list", {"calendarId": "primary", "syncToken": "CPD=/+ ü", "showDeleted": False}),
    ("events", "list", {"calendarId": "primary", "privateExtendedProperty": "calsync_kind=call"}),
    ("events", "list", {"calendarId": "primary", "privateExtendedProperty": ["a=1", "b=2"]}),
    ("events", "list", {"calendarId": "primary", "timeMin": None}),
    ("events", "get", {"calendarId": "a b#c/d", "eventId": "calsync0123abc"}),
    (
        "events",
        "insert",
        {
            "calendarId": "primary",
            "body": {"id": "x1", "summary": "Send thank-you note — Acme ü", "reminders": {}},
            "sendUpdates": "none",
        },
    ),
    (
        "events",
        "patch",
        {"calendarId": "primary", "eventId": "x1", "body": {"status": "confirmed"}},
    ),
    ("events", "delete", {"calendarId": "primary", "eventId": "x1", "sendUpdates": "none"}),
]

WRONG: list[tuple[str, str, dict[str, Any]]] = [
    ("events", "list", {}),  # calendarId is required
    ("events", "list", {"calendarId": "primary", "calendar": "x"}),  # no such parameter
    ("events", "delete", {"calendarId": "primary", "eventId": "x", "sendUpdates": "some"}),
    ("events", "get", {"calendarId": "primary"}),
]


def _discovery() -> Any:
    return build(
        "calendar",
        "v3",
        http=httplib2.Http(),
        client_options={"api_endpoint": ENDPOINT},
        static_discovery=True,
        cache_discovery=False,
    )


@pytest.mark.parametrize(("collection", "method", "kwargs"), CALLS)
def test_the_same_request_as_discovery(
    collection: str, method: str, kwargs: dict[str, Any]
) -> None:
    theirs = getattr(getattr(_discovery(), collection)(), method)(**kwargs)
    ours = getattr(getattr(CalendarService(httplib2.Http(), ENDPOINT), collection)(), method)(
        **kwargs
    )
    assert (ours.uri, ours.method, ours.headers, ours.body, ours.methodId) == (
        theirs.uri,
        theirs.method,
        theirs.headers,
        theirs.body,
        theirs.methodId,
    )
    # the response is read the same way: JSON, or the raw bytes of an empty delete
    assert type(ours.postproc.__self__) is type(theirs.postproc.__self__)


@pytest.mark.parametrize(("collection", "method", "kwargs"), WRONG)
def test_refuses_what_discovery_refuses(
    collection: str, method: str, kwargs: dict[str, Any]
) -> None:
    with pytest.raises(TypeError):
        getattr(getattr(_discovery(), collection)(), method)(**kwargs)
    with pytest.raises(TypeError):
        getattr(getattr(CalendarService(httplib2.Http(), ENDPOINT), collection)(), method)(**kwargs)


def test_no_such_collection_or_method() -> None:
    service = CalendarService(httplib2.Http(), ENDPOINT)
    with pytest.raises(AttributeError):
        service.eventz()
    with pytest.raises(AttributeError):
        service.events().lisst()
