"""The thank-you note's draft link, for calendars that show rich text (Google, Outlook).

In plain text (.ics, CalDAV) the link is a line of its own under "Open it as an e-mail draft:",
which calendar apps turn into a link and which still reads as an address where they do not. A
calendar that renders HTML shows the same link as short link text instead of a ~700-character
`mailto:` address. The two forms map onto each other exactly, so what calsync reads back is the
plain text it planned, and its fingerprint still tells an untouched event from an edited one.
"""

from __future__ import annotations

import re
from html import escape, unescape

DRAFT_LINE = "Open it as an e-mail draft:"
LINK_TEXT = "Open as an e-mail draft"

_PLAIN = re.compile(r"^" + re.escape(DRAFT_LINE) + r"\n(mailto:[^\s<>\"]*)$", re.MULTILINE)
_RICH = re.compile(r'<a href="(mailto:[^"<>\s]*)">' + re.escape(LINK_TEXT) + "</a>")


def with_link_text(plain: str) -> str:
    """Each draft link as `<a href="mailto:…">Open as an e-mail draft</a>`; the rest as it was.

    >>> print(with_link_text("Hi\\nOpen it as an e-mail draft:\\nmailto:j@x.org?subject=A&body=B"))
    Hi
    <a href="mailto:j@x.org?subject=A&amp;body=B">Open as an e-mail draft</a>
    """
    return _PLAIN.sub(lambda m: f'<a href="{escape(m[1], quote=True)}">{LINK_TEXT}</a>', plain)


def as_plain(text: str) -> str:
    """The inverse of `with_link_text`: what calsync planned, from what the calendar holds.

    >>> note = "Open it as an e-mail draft:\\nmailto:j@x.org?subject=Hi&body=A%20B"
    >>> as_plain(with_link_text(note)) == note
    True
    """
    return _RICH.sub(lambda m: f"{DRAFT_LINE}\n{unescape(m[1])}", text)


def as_html(plain: str) -> str:
    """The plain description as an HTML body (Outlook): each line escaped, a `<br>` between
    lines, and each draft link as link text.

    >>> as_html("Q&A\\nOpen it as an e-mail draft:\\nmailto:j@x.org?subject=A&body=B")
    'Q&amp;A<br><a href="mailto:j@x.org?subject=A&amp;body=B">Open as an e-mail draft</a>'
    """
    lines = [
        line if _RICH.fullmatch(line) else escape(line, quote=False)
        for line in with_link_text(plain).split("\n")
    ]
    return "<br>".join(lines)


def html_as_plain(html: str) -> str:
    """An HTML body back to the text, draft links back to their two plain lines (the link's
    address stays escaped: the HTML reader that comes next unescapes the whole body once)."""
    return _RICH.sub(lambda m: f"{DRAFT_LINE}<br>{m[1]}", html)
