"""What every test starts from, whichever tests ran before it in the same worker process."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from icalendar.timezone import tzp


@pytest.fixture(autouse=True)
def _fresh_icalendar_zones() -> Iterator[None]:
    """icalendar keeps every VTIMEZONE it has read in one process-wide cache, by TZID: after one
    test read a file's "Customized Time Zone", another file's zone of that name read as the first
    one. A calsync run reads each file in its own process; tests share a worker, and with the
    suite in parallel which tests share one is not fixed, so each starts with the cache empty."""
    tzp.use_default()
    yield
