"""Outlook shows HTML bodies: the thank-you's draft link is short link text over the `mailto:`
address, and the body read back is the note calsync planned, so a second run writes nothing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tests.msgraph.conftest import Sleeps, sync
from tests.msgraph.emulator.server import GraphEmulator


def test_the_thank_you_is_html_with_link_text_and_a_rerun_writes_nothing(
    ms: GraphEmulator, signed_in: Path, state_dir: Path, sleeps: Sleeps
) -> None:
    ms.seed(
        "Interview with Acme — Senior Engineer",
        datetime(2026, 12, 3, 10, 0),
        attendees=(("Dana Lee", "dana@acme.com"),),
    )
    assert len(sync().created) == 2
    by_kind = {str(e.fields["subject"]).split(" — ")[0]: e for e in ms.calsync_events()}
    body = by_kind["Send thank-you note"].fields["body"]
    assert body["contentType"] == "html"
    assert '<a href="mailto:dana@acme.com?subject=' in body["content"]
    assert '">Open as an e-mail draft</a>' in body["content"]
    assert "Open it as an e-mail draft:" not in body["content"]
    assert "Note for Dana Lee (dana@acme.com)<br>" in body["content"]
    call = by_kind["Follow-up call"].fields["body"]
    assert call["contentType"] == "text"  # no link: the plain text as it is
    assert not sync().wrote
    # read back as the planned plain note (untouched), it moves with its interview
    interview = next(e for e in ms.store.events.values() if "Interview" in str(e.fields["subject"]))
    ms.user_edit(
        interview.id,
        start={"dateTime": "2026-12-08T10:00:00", "timeZone": "Pacific Standard Time"},
        end={"dateTime": "2026-12-08T11:00:00", "timeZone": "Pacific Standard Time"},
    )
    assert len(sync().updated) == 2
