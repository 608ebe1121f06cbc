"""The memo store: what it keeps comes back; anything it did not write, or not whole, does not."""

from __future__ import annotations

import hashlib
import os
import pickle
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from calsync.adapters.memo import Memo, header
from calsync.model import SourceEvent

WHEN = datetime(2026, 12, 8, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
EVENT = SourceEvent("e1", "Interview with Acme", WHEN, WHEN, "Europe/Berlin", description="hi")


def test_a_value_comes_back_as_it_was_kept(tmp_path: Path) -> None:
    memo = Memo(tmp_path)
    memo.save("readings", "k", {"a": EVENT, "b": None})
    assert memo.load("readings", "k") == {"a": EVENT, "b": None}
    assert memo.load("readings", "other key") is None
    assert Memo(tmp_path, version="9.9").load("readings", "k") is None  # another calsync's


def test_a_body_that_names_anything_but_calsyncs_values_is_refused(tmp_path: Path) -> None:
    """Even with a right header, key and checksum: the body could run code if unpickled."""
    memo = Memo(tmp_path)
    ran = tmp_path / "ran"
    for payload in ((os.system, (f"touch {ran}",)), (Path.write_text, (ran, "x"))):
        body = pickle.dumps(("k", _Call(*payload)), protocol=pickle.HIGHEST_PROTOCOL)
        check = hashlib.sha256(body).hexdigest().encode()
        memo.path("readings", "k").parent.mkdir(parents=True, exist_ok=True)
        memo.path("readings", "k").write_bytes(header() + check + b"\n" + body)
        assert memo.load("readings", "k") is None
    assert not ran.exists()


def test_a_memo_that_cannot_be_written_costs_only_the_speed_up(tmp_path: Path) -> None:
    (tmp_path / "memo").write_text("a file where the folder should be")
    memo = Memo(tmp_path)
    memo.save("readings", "k", {"a": EVENT})
    assert memo.load("readings", "k") is None


class _Call:
    def __init__(self, function: object, args: tuple[object, ...]) -> None:
        self.function, self.args = function, args

    def __reduce__(self) -> tuple[object, tuple[object, ...]]:
        return (self.function, self.args)
