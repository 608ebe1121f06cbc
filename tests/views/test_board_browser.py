"""The board in a real browser: headless Chromium lays out the bundled example at a phone's
and a desktop's width. Nothing overflows sideways, every card is laid out where it can be
seen, and a hostile title stays text (its script never runs).

The page is loaded into a frame of the given width inside a small harness page, which measures
it once it has loaded and writes the figures into its own DOM; Chromium's `--dump-dom` hands
them back. (Headless Chromium will not make its window narrower than 500 px, a frame can be.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from calsync.cli import cli
from tests.helpers import ME, Ev, calendar_bytes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "interviews.ics"
CHROMIUM = next(
    (p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None
)
HOSTILE = (
    'Interview with <img src=x onerror="document.body.dataset.pwned=1">Evil Corp'
    "<script>document.body.dataset.pwned=2</script> — Data Analyst"
)

HARNESS = """<!doctype html><html><head><meta charset="utf-8"></head>
<body style="margin:0"><pre id="probe"></pre>
<iframe id="board" style="border:0;width:WIDTHpx;height:4000px"></iframe>
<script>
const frame = document.getElementById("board");
frame.onload = () => {
  const doc = frame.contentDocument, root = doc.documentElement;
  const cards = [...doc.querySelectorAll("article.card")];
  const hidden = cards.filter(card => {
    const box = card.getBoundingClientRect(), style = frame.contentWindow.getComputedStyle(card);
    return box.width < 1 || box.height < 1 || style.visibility !== "visible"
      || style.display === "none" || box.left < 0 || box.right > root.clientWidth + 1;
  });
  document.getElementById("probe").textContent = JSON.stringify({
    scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, cards: cards.length,
    hidden: hidden.length, pwned: doc.body.dataset.pwned || null,
    scripts: doc.querySelectorAll("script").length,
    hostile: [...doc.querySelectorAll("h4")].some(h => h.textContent.includes("<script>")),
  });
};
frame.srcdoc = PAGE;
</script></body></html>"""


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is not installed: .ci/run installs Debian's chromium")
        pytest.skip("needs Chromium (apt-get install chromium); CI always runs it")
    return CHROMIUM


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The board of the bundled example plus one hostile invitation (a second VCALENDAR)."""
    folder = tmp_path_factory.mktemp("board")
    from datetime import datetime
    from zoneinfo import ZoneInfo

    hostile = Ev(
        "hostile-1",
        HOSTILE,
        datetime(2026, 12, 9, 11, tzinfo=ZoneInfo("America/New_York")),
        attendees=[("eve@evil.example", "Eve <b>Mallory</b>", "ACCEPTED"), ME],
    )
    source = folder / "calendar.ics"
    source.write_bytes(EXAMPLE.read_bytes() + calendar_bytes([hostile]))
    out = folder / "board.html"
    result = CliRunner().invoke(
        cli,
        [
            "board",
            "--from",
            str(source),
            "--out",
            str(out),
            "--since",
            "2026-11-01",
            "--until",
            "2027-06-01",
            "--name",
            "Alex Rivera",
            "--email",
            ME[0],
        ],
    )
    assert result.exit_code == 0, result.output
    return out.read_text(encoding="utf-8")


def _measure(chromium: str, page: str, width: int, folder: Path) -> dict[str, Any]:
    harness = folder / f"harness-{width}.html"
    harness.write_text(
        HARNESS.replace("WIDTH", str(width)).replace("PAGE", json.dumps(page)), encoding="utf-8"
    )
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--window-size=1400,1000",
            "--virtual-time-budget=10000",
            "--dump-dom",
            harness.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    start = done.stdout.find('<pre id="probe">')
    assert start >= 0, done.stderr[-500:]
    text = done.stdout[start + len('<pre id="probe">') : done.stdout.index("</pre>", start)]
    assert text, f"the harness measured nothing: {done.stderr[-500:]}"
    return dict(json.loads(text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")))


@pytest.mark.parametrize("width", [375, 1280], ids=["phone", "desktop"])
def test_the_example_board_fits_its_screen_with_every_card_visible(
    chromium: str, page: str, width: int, tmp_path: Path
) -> None:
    seen = _measure(chromium, page, width, tmp_path)
    assert seen["cards"] == 14  # the example's 13 applications and the hostile one
    assert seen["hidden"] == 0
    assert seen["clientWidth"] <= width
    assert seen["scrollWidth"] <= seen["clientWidth"], seen  # no sideways scrolling


def test_a_hostile_title_is_inert_text(chromium: str, page: str, tmp_path: Path) -> None:
    seen = _measure(chromium, page, 1280, tmp_path)
    assert seen["pwned"] is None
    assert seen["scripts"] == 0
    assert seen["hostile"] is True  # shown, as the text it is
