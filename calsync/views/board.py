"""The applications board as one self-contained HTML page: inline CSS, no script, no network.

Every text from the calendar is escaped, so a title holding `<script>` shows as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from html import escape
from itertools import groupby
from typing import Any

from calsync.views.board_model import STAGES, Board, Card, Happening, build_board
from calsync.views.board_style import CSS

KIND_WORDS = {"interview": "Interview", "thank-you": "Thank-you", "call": "Call"}


def board_page(plan: Mapping[str, Any], *, now: datetime, tz: str, max_calls: int) -> str:
    """The page for a `plan --json` document at `now`."""
    return render(build_board(plan, now=now, tz=tz, max_calls=max_calls))


def render(board: Board) -> str:
    parts = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="color-scheme" content="light dark">',
        "<title>Your job search — calsync board</title>",
        f"<style>{CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Your job search</h1>",
        f'<p class="lede">From {_t(board.source)}, as of '
        f'<time datetime="{board.today.isoformat()}">{_long(board.today)}</time>.</p>',
        "</header>",
        "<main>",
        *_figures(board),
        *_strip(board),
        *_columns(board),
        "</main>",
        "<footer><p>Made by calsync from your calendar. Run <code>calsync board</code> again "
        "to refresh it.</p></footer>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


def _t(text: str) -> str:
    return escape(text, quote=True)


def _short(day: date) -> str:
    return f"{day:%a %b} {day.day}"


def _long(day: date) -> str:
    return f"{day:%A, %B} {day.day}, {day.year}"


def _time(day: date, text: str | None = None) -> str:
    return f'<time datetime="{day.isoformat()}">{_t(text or _short(day))}</time>'


def _figures(board: Board) -> list[str]:
    f = board.figures
    median = "—" if f.median_days_to_decision is None else f"{f.median_days_to_decision:g} days"
    answered = f"{f.answered} of {f.asked}" if f.asked else "—"
    rows = [
        ("Applications open", str(f.open)),
        ("Interviews this month", str(f.interviews_this_month)),
        ("Median days from interview to a decision", median),
        ("Applications that answered a call", answered),
    ]
    items = "".join(f"<div><dt>{_t(k)}</dt><dd>{_t(v)}</dd></div>" for k, v in rows)
    return [
        '<section aria-labelledby="figures">',
        '<h2 id="figures">At a glance</h2>',
        f'<dl class="figures">{items}</dl>',
        "</section>",
    ]


def _strip(board: Board) -> list[str]:
    lines = ['<section aria-labelledby="soon">', '<h2 id="soon">The next 14 days</h2>']
    if not board.strip:
        lines.append('<p class="empty">Nothing planned in the next 14 days.</p>')
        return [*lines, "</section>"]
    lines.append('<ol class="strip">')
    for day, group in groupby(board.strip, key=lambda h: h.day):
        lines.append(f"<li><h3>{_time(day)}</h3><ul>")
        lines += [_happening(h) for h in group]
        lines.append("</ul></li>")
    lines.append("</ol>")
    return [*lines, "</section>"]


def _happening(item: Happening) -> str:
    return f'<li><span class="kind">{KIND_WORDS[item.kind]}:</span> {_t(item.label)}</li>'


def _columns(board: Board) -> list[str]:
    lines = [
        '<section aria-labelledby="stages">',
        '<h2 id="stages">Applications by stage</h2>',
        '<div class="columns">',
    ]
    for stage, title in STAGES:
        cards = board.column(stage)
        lines.append(f'<section class="column stage-{stage}" aria-labelledby="col-{stage}">')
        lines.append(
            f'<h3 id="col-{stage}">{_t(title)} <span class="count">({len(cards)})</span></h3>'
        )
        if not cards:
            lines.append('<p class="empty">None.</p>')
        lines += [_card(c) for c in cards]
        lines.append("</section>")
    return [*lines, "</div>", "</section>"]


def _card(card: Card) -> str:
    rounds = "".join(
        f"<li>{_time(r.day)} {_t(r.title)}"
        + (
            f' <span class="people">with {_t(", ".join(r.interviewers))}</span>'
            if r.interviewers
            else ""
        )
        + "</li>"
        for r in card.rounds
    )
    said = (
        f'<blockquote class="said"><p>You wrote: “{_t(card.last_outcome)}”</p></blockquote>'
        if card.last_outcome
        else ""
    )
    return (
        f'<article class="card" data-stage="{card.stage}">'
        f"<h4>{_t(card.name)}</h4>"
        f'<p class="status">{_t(card.status)}</p>'
        f'<ol class="rounds" aria-label="Rounds">{rounds}</ol>'
        f'<p class="next"><strong>Next:</strong> {_t(card.next_step)}</p>'
        f"{said}</article>"
    )
