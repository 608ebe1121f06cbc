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
# The line before a draft link and the link text shown instead of it, in every language calsync
# writes (the catalogs' "Open it as an e-mail draft:" is one of these lines; a test checks).
DRAFT_LINES: dict[str, str] = {
    DRAFT_LINE: LINK_TEXT,
    "Als E-Mail-Entwurf öffnen:": "Als E-Mail-Entwurf öffnen",
    "L'ouvrir comme brouillon d'e-mail :": "Ouvrir comme brouillon d'e-mail",
    "Ábrelo como borrador de correo:": "Abrir como borrador de correo",
    "Abrir como rascunho de e-mail:": "Abrir como rascunho de e-mail",
    "Openen als concept-e-mail:": "Openen als concept-e-mail",
    "Aprilo come bozza di e-mail:": "Apri come bozza di e-mail",
}
_LINE_OF = {text: line for line, text in DRAFT_LINES.items()}

_PLAIN = re.compile(
    r"^(" + "|".join(map(re.escape, DRAFT_LINES)) + r")\n(mailto:[^\s<>\"]*)$", re.MULTILINE
)
_RICH = re.compile(r'<a href="(mailto:[^"<>\s]*)">(' + "|".join(map(re.escape, _LINE_OF)) + ")</a>")


def holds_draft_link(description: str) -> bool:
    """Whether a description has a draft link line, in any language."""
    return any(line in description for line in DRAFT_LINES)


def with_link_text(plain: str) -> str:
    """Each draft link as `<a href="mailto:…">Open as an e-mail draft</a>`; the rest as it was.

    >>> print(with_link_text("Hi\\nOpen it as an e-mail draft:\\nmailto:j@x.org?subject=A&body=B"))
    Hi
    <a href="mailto:j@x.org?subject=A&amp;body=B">Open as an e-mail draft</a>
    """
    return _PLAIN.sub(
        lambda m: f'<a href="{escape(m[2], quote=True)}">{DRAFT_LINES[m[1]]}</a>', plain
    )


def as_plain(text: str) -> str:
    """The inverse of `with_link_text`: what calsync planned, from what the calendar holds.

    >>> note = "Open it as an e-mail draft:\\nmailto:j@x.org?subject=Hi&body=A%20B"
    >>> as_plain(with_link_text(note)) == note
    True
    """
    return _RICH.sub(lambda m: f"{_LINE_OF[m[2]]}\n{unescape(m[1])}", text)


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
    return _RICH.sub(lambda m: f"{_LINE_OF[m[2]]}<br>{m[1]}", html)
