"""Reading a board page back: which application sits in which column, with what next step.

A small parser over the page's own landmarks (column sections, card articles), so the tests
check what a reader of the page sees, not the data the page was made from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class CardSeen:
    column: str
    heading: str = ""
    status: str = ""
    next_step: str = ""
    said: str = ""
    text: str = ""


@dataclass
class PageSeen:
    cards: list[CardSeen] = field(default_factory=list)
    strip: list[str] = field(default_factory=list)
    figures: dict[str, str] = field(default_factory=dict)
    tags: set[str] = field(default_factory=set)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageSeen()
        self.column = ""
        self.card: CardSeen | None = None
        self.field = ""
        self.in_strip = False
        self.strip_item: list[str] | None = None
        self.dt = ""
        self.in_dd = False
        self.in_dt = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.page.tags.add(tag)
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section" and "column" in cls:
            self.column = next(c[len("stage-") :] for c in cls if c.startswith("stage-"))
        elif tag == "article":
            self.card = CardSeen(column=self.column)
        elif self.card is not None and tag == "h4":
            self.field = "heading"
        elif self.card is not None and tag == "p" and "status" in cls:
            self.field = "status"
        elif self.card is not None and tag == "p" and "next" in cls:
            self.field = "next_step"
        elif self.card is not None and tag == "blockquote":
            self.field = "said"
        elif tag == "ol" and "strip" in cls:
            self.in_strip = True
        elif self.in_strip and tag == "li" and self.strip_item is None:
            self.strip_item = []
        elif tag == "dt":
            self.in_dt, self.dt = True, ""
        elif tag == "dd":
            self.in_dd = True
            self.page.figures[self.dt] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "article" and self.card is not None:
            self.page.cards.append(self.card)
            self.card = None
        elif tag in ("h4", "p", "blockquote"):
            self.field = ""
        elif tag == "ol" and self.in_strip and self.strip_item is None:
            self.in_strip = False
        elif tag == "ul" and self.strip_item is not None:
            self.page.strip.append(" ".join("".join(self.strip_item).split()))
            self.strip_item = None
        elif tag == "dt":
            self.in_dt = False
        elif tag == "dd":
            self.in_dd = False

    def handle_data(self, data: str) -> None:
        if self.card is not None:
            self.card.text += data
            if self.field:
                setattr(self.card, self.field, getattr(self.card, self.field) + data)
        if self.strip_item is not None:
            self.strip_item.append(data + " ")
        if self.in_dt:
            self.dt += data
        if self.in_dd:
            self.page.figures[self.dt] += data


def read_page(html: str) -> PageSeen:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader.page
