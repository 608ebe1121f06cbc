"""Google shows descriptions as rich text: the thank-you's draft link is short link text over
the `mailto:` address, and reading it back gives the plain note calsync planned (untouched)."""

from __future__ import annotations

from typing import Any

from tests.google.test_sync_google import google, ours, run, seed

__all__ = ["google"]  # the fixture, used by name

LINK = '">Open as an e-mail draft</a>'


def test_the_thank_you_links_its_draft_as_short_text_and_stays_untouched(google: Any) -> None:
    seed(google)
    assert run().exit_code == 0
    thanks = [e for e in ours(google).values() if e["summary"].startswith("Send thank-you")]
    assert len(thanks) == 2
    for event in thanks:
        description = event["description"]
        assert '<a href="mailto:lead@' in description and LINK in description
        assert "\nmailto:" not in description and "Open it as an e-mail draft:" not in description
        assert "&amp;body=" in description  # the address is escaped inside the attribute
    google.reset_counts()
    second = run()
    assert second.exit_code == 0 and "up to date" in second.output


def test_a_calsync_file_keeps_the_plain_readable_link(tmp_path: Any, google: Any) -> None:
    seed(google)
    out = tmp_path / "followups.ics"
    assert run("--to", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8").replace("\r\n ", "")
    assert "Open it as an e-mail draft:\\nmailto:lead@" in text and "<a href" not in text
