"""Every function that reads what a stranger wrote runs in time linear in its size.

calsync runs unattended from cron on a calendar anyone can send an invitation to. One event
whose description was 10,000 characters without a space (an inline base64 image) used to take
26 s, and 100,000 never finished, because patterns rescanned from every position. Here each
reader is fed adversarial inputs at a size n and at 8n: linear work costs about 8 times as
much, quadratic work 64 times. The limit of 20 leaves room for a loaded machine while still
catching anything quadratic. Times are CPU time of this process (other processes on a shared
machine do not count), the best of a few runs with small and large interleaved.

`pytest -s tests/core/test_linear_time.py` prints the time at n and 8n for every case.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, date, datetime

import pytest

from calsync.adapters.download import redirect_refused, version_tag
from calsync.adapters.ics.repeated import capped
from calsync.adapters.memo import digest
from calsync.core.bare_time import bare_time
from calsync.core.chain import line_with, user_notes
from calsync.core.dates import BusinessDays, find_date_expressions
from calsync.core.detect import company_and_role, detect_interviews, is_interview_title
from calsync.core.draft_links import as_plain
from calsync.core.infer import infer_window
from calsync.core.notes import html_to_text, notes_text, phone_numbers
from calsync.core.other_meetings import not_the_users_interview
from calsync.core.outcome import read_call_notes
from calsync.core.own_plan import own_plan
from calsync.core.people import named_in_notes
from calsync.core.reading.languages import read_in
from calsync.core.title_segments import without_tags
from calsync.core.translations import words
from calsync.model import Attendee, SourceEvent
from calsync.plan_words import say
from calsync.settings import DEFAULT_INTERVIEW_WORDS, Settings

GERMAN = words("de")
GROWTH = 8
LIMIT = 20.0  # linear ≈ 8, quadratic ≈ 64
REPEATS = 3
# Below this a timing is mostly timer and scheduler noise; it is rounded up to it.
FLOOR = 0.002

BASE = date(2026, 12, 1)
# An inline image, as Outlook puts one in an HTML invite.
BASE64 = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5Erk="
)


def _repeat(piece: str) -> Callable[[int], str]:
    return lambda size: (piece * (size // len(piece) + 1))[:size]


# What a stranger's invite can hold, at a given size in characters.
INPUTS: dict[str, Callable[[int], str]] = {
    "long token": _repeat("x"),
    "digit run": _repeat("4"),
    "base64 blob": _repeat(BASE64),
    "long url": lambda size: "https://www.linkedin.com/jobs/view/" + _repeat("3890001234")(size),
    "meeting host in a word": lambda size: _repeat("a")(size) + "zoom.us",
    "spaces": lambda size: "a" + " " * size + "-",
    "tabs and spaces": lambda size: "a" + _repeat(" \t")(size) + ",",
    "newlines": lambda size: "decision\n" + "\n" * size + "!",
    "decision decision": _repeat("decision "),
    "interview interview": _repeat("interview "),
    "attendee lines": _repeat("ATTENDEE;CN=P:mailto:p@acme.com\r\n"),
    "nested components": _repeat("BEGIN:VALARM\r\nACTION:DISPLAY\r\n"),
    "rejected rejected": _repeat("rejected "),
    "in in in": _repeat("in "),
    "many dates": _repeat("They'll decide by Dec 5, pushed to 12/18/2026 or within 2-3 weeks. "),
    "unclosed tags": _repeat("<a "),
    "open mailto links": _repeat('<a href="mailto:' + "x" * 60),
    "half-open quotes": _repeat('<a href="x'),
    "unclosed comment": _repeat("<!--"),
    "char references": lambda size: "<p>&#" + "1" * size,
    "call me on": _repeat("call me on "),
    "phone numbers": _repeat("call me on (415) 555-0134 "),
    "dial-in lines": _repeat("+1 646 558 8656,,81234567890# US (New York)\n"),
    "panel list": lambda size: "Interviewers: " + _repeat("Dana, ")(size),
    "for the for the": _repeat("for the "),
    "agenda times": _repeat("1:00 - "),
    "will will call": lambda size: _repeat("will ")(size // 2) + _repeat("call ")(size // 2),
    "typos of outcome words": _repeat("anothr candiate procede offr "),
    "said said": _repeat("they said Jan 12 say the 4th "),
    "dated lines": _repeat("no answer, will try again Jan 12\nrejected?\n"),
    # the statement reader (issue 16): answers across sentences, set-aside clauses, the
    # international forms, ordinals that count things, periods narrowed by a day
    "question and answer": _repeat("Asked about next steps. About two weeks. "),
    "set-aside clauses": _repeat("I owe Contoso an answer by Feb 3, their offer expires Jan 20. "),
    "international dates": _repeat("revert by 22.12. or KW 7, a week on Friday, w/c 4th Jan, "),
    "ordinals and floors": _repeat("the 12th floor the 21st "),
    "week week": _repeat("Friday week week 7 week "),
    "dots": _repeat("1.2."),
    "seasons narrowed": _repeat(
        "call after the Christmas break, ideally Jan 5 or the bank holiday "
    ),
    # the six languages besides English (issue 25): phrases, compounds, numbers before months
    "German letter": _repeat("Wir melden uns bis Freitag, 11. Dezember, spätestens in 2 Wochen. "),
    "letters in six languages": _repeat(
        "Rückmeldung bis 18.12. Nous reviendrons vers vous d'ici le 1er décembre. Nos darán una "
        "respuesta antes del 11 de diciembre. Te retornamos em 5 dias úteis. Uiterlijk vrijdag "
        "laten we het je weten. Vi daremo una risposta entro il 15 dicembre. "
    ),
    "compound words": _repeat("Vorstellungsgesprächsvorbereitung"),
    "numbers before months": _repeat("11. 1er 12 de 3º "),
    "closed gender tags": _repeat("(m/w/d) (H/F"),
    "invitation tails": _repeat("Einladung: @ Mo. @ lun @@ seg 14 de "),
    "revisions in one sentence": _repeat("decision slipped to 18-Jan-2027, moved to that week "),
    "periods before nouns": _repeat("a 2 week turnaround, a verbal from Globex offer by Q1 "),
    "negations": _repeat("No decision this week no decision until Dec 16 not "),
    "joined dates": _repeat("Thursday to decide the 18th for offers via email "),
    "reported periods": _repeat("said two weeks and then follow up said 'about ten days' "),
    "job ids": _repeat("Req #55 R-5512JR"),
    "gender tags": _repeat("(m/w/d (m/w/"),
    "panel for a name": _repeat("Panel for Jordan Smith "),
    "interviewers and trainings": _repeat("interviewers training "),
    # plan's own sentences around a quoted zone or word (issue 25): their shapes' own words
    "sentence shapes": _repeat('no call: , "; set holidays) public holidays (from the '),
}


def _event(title: str, description: str) -> SourceEvent:
    start = datetime(2026, 12, 1, 15, tzinfo=UTC)
    return SourceEvent(
        id="stranger",
        title=title,
        start=start,
        end=start,
        tz="UTC",
        description=description,
        attendees=(Attendee(email="jane@acme.com", name="Jane Doe"),),
    )


SETTINGS = Settings()
NOTES = ("long token", "digit run", "base64 blob", "long url", "meeting host in a word", "spaces")
NOTES += ("tabs and spaces", "newlines", "call me on", "dial-in lines", "unclosed tags")
HTML = ("unclosed tags", "half-open quotes", "unclosed comment", "char references", "spaces")
PHONES = ("long token", "digit run", "long url", "phone numbers", "dial-in lines", "call me on")
TITLES = ("long token", "interview interview", "spaces", "tabs and spaces")
TIMELINE = ("decision decision", "many dates", "in in in", "call me on", "spaces", "newlines")
DATES = ("many dates", "in in in", "digit run", "spaces", "decision decision")
STATEMENTS = ("question and answer", "set-aside clauses", "international dates")
STATEMENTS += ("ordinals and floors", "week week", "dots", "seasons narrowed")
STATEMENTS += ("revisions in one sentence", "periods before nouns", "negations", "joined dates")
STATEMENTS += ("reported periods",)
GB = BusinessDays("GB")
ALL_LANGUAGES = ("en", "de", "fr", "es", "pt", "nl", "it")
IN_LANGUAGES = ("German letter", "letters in six languages", "compound words")
IN_LANGUAGES += ("invitation tails",)
IN_LANGUAGES += ("numbers before months", "closed gender tags", "spaces", "long token", "in in in")
OUTCOMES = (
    *("rejected rejected", "newlines", "in in in", "long token", "many dates", "spaces"),
    *("will will call", "typos of outcome words", "dated lines", "question and answer"),
)

# Each reader, the size n it is measured at (large enough that one run takes milliseconds and
# is past the sizes where CPU caches make small inputs look cheap), and the inputs it is fed.
READERS: dict[str, tuple[Callable[[str], object], int, tuple[str, ...]]] = {
    "notes cleanup": (notes_text, 10_000, NOTES),
    "html_to_text": (html_to_text, 24_000, (*HTML, "base64 blob")),
    "phone_numbers": (phone_numbers, 16_000, PHONES),
    "title detection": (
        lambda text: is_interview_title(text, DEFAULT_INTERVIEW_WORDS, ("mock",)),
        16_000,
        TITLES,
    ),
    "event detection": (
        lambda text: detect_interviews([_event("Interview " + text, text)], SETTINGS),
        10_000,
        ("base64 blob", "long token", "interview interview", "unclosed tags", "digit run"),
    ),
    "company and role": (
        lambda text: company_and_role("Interview with " + text, "jane@acme.com"),
        20_000,
        TITLES,
    ),
    "job ids and gender tags": (
        without_tags,
        20_000,
        ("job ids", "gender tags", "long token", "digit run", "spaces"),
    ),
    "not the user's interview": (
        lambda text: not_the_users_interview(
            "Portfolio review " + text, ("interview",), role=None, read=lambda _: (None, None)
        ),
        20_000,
        ("panel for a name", "interviewers and trainings", "long token", "spaces", "job ids"),
    ),
    # 8n stays under the 64 KB that are read for timeline phrases, so all of it is read.
    "window from notes": (lambda text: infer_window(text, BASE), 8_000, (*TIMELINE, "digit run")),
    "date resolution": (
        lambda text: [e.resolve(BASE, business=GB) for e in find_date_expressions(text)],
        10_000,
        (*DATES, "international dates", "week week", "dots", "seasons narrowed"),
    ),
    "statements in notes": (
        lambda text: infer_window(text, BASE, date_order="DMY", business=GB),
        8_000,
        STATEMENTS,
    ),
    "outcome reading": (lambda text: read_call_notes(text, BASE), 6_000, OUTCOMES),
    "a time said on its own": (
        lambda text: bare_time(text, BASE),
        10_000,
        ("many dates", "dated lines", "said said", "newlines", "spaces", "digit run"),
    ),
    "the user's own plans": (
        lambda text: own_plan(text, BASE),
        10_000,
        ("will will call", "dated lines", "call me on", "many dates", "spaces", "newlines"),
    ),
    "people and role in notes": (
        named_in_notes,
        16_000,
        ("panel list", "for the for the", "agenda times", "spaces", "newlines", "long token"),
    ),
    "phrases of six languages in English words": (
        lambda text: read_in(text, ALL_LANGUAGES),
        10_000,
        IN_LANGUAGES,
    ),
    "window from notes in six languages": (
        lambda text: infer_window(text, BASE, languages=ALL_LANGUAGES),
        8_000,
        IN_LANGUAGES,
    ),
    "title detection in six languages": (
        lambda text: detect_interviews(
            [_event("Vorstellungsgespräch bei " + text, text)],
            Settings(languages=ALL_LANGUAGES),
        ),
        10_000,
        IN_LANGUAGES,
    ),
    "outcome reading in six languages": (
        lambda text: read_call_notes(text, BASE, languages=ALL_LANGUAGES),
        6_000,
        IN_LANGUAGES,
    ),
    # a server's Location header, weighed before a redirect is followed
    "redirect rule": (
        lambda text: redirect_refused("https://a.example/c.ics", "https://b.example/" + text, 0),
        400_000,  # a few string scans: cheap enough that smaller sizes time only noise
        ("long url", "long token", "spaces", "half-open quotes"),
    ),
    # a server's ETag / Last-Modified, kept and sent back on the next run
    "version tag of a download": (
        version_tag,
        400_000,
        ("long token", "spaces", "newlines"),
    ),
    # every event's title and notes are hashed into the key of its memoised reading
    "memo key of an event": (
        lambda text: digest(_event(text, text)),
        400_000,
        ("long token", "spaces", "newlines", "unclosed tags"),
    ),
    "outcome lines a user added": (
        lambda text: user_notes("<p>" + text + "</p>", "Follow-up call"),
        12_000,
        ("unclosed tags", "spaces", "many dates", "rejected rejected"),
    ),
    # every Google description is read through it (calsync's link text back to plain text)
    "draft links read back": (
        as_plain,
        40_000,
        ("unclosed tags", "open mailto links", "long url", "spaces", "long token"),
    ),
    # the whole line an outcome was found in, quoted in the extra thank-you note
    "the outcome's whole line": (
        lambda text: line_with(text, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab"),
        40_000,
        ("long token", "newlines", "spaces", "rejected rejected"),
    ),
    # plan's sentences said again in the user's language, around a zone name or a word
    "a sentence said in German": (
        lambda text: [
            say(f'no call: {text}, "{text}"', GERMAN),
            say(
                f"Business days: Mon–Fri, no holidays (no country known for {text}; set holidays)",
                GERMAN,
            ),
            say(f"Business days: Mon–Fri minus {text} public holidays (config)", GERMAN),
        ],
        40_000,
        ("sentence shapes", "long token", "spaces"),
    ),
    # the first pass's cap on repeated properties (50,000 attendees are read as 1,000)
    "repeated lines cap": (
        lambda text: capped(f"BEGIN:VEVENT\r\n{text}END:VEVENT\r\n".encode(), []),
        40_000,
        ("attendee lines", "nested components", "newlines"),
    ),
}

CASES = [
    pytest.param(reader, source, id=f"{reader}: {source}")
    for reader, (_, _, sources) in READERS.items()
    for source in sources
]


def _timings(func: Callable[[str], object], small: str, large: str, repeats: int) -> list[float]:
    best = [float("inf"), float("inf")]
    for _ in range(repeats):
        for i, text in enumerate((small, large)):
            began = time.process_time()
            func(text)
            best[i] = min(best[i], time.process_time() - began)
    return best


@pytest.mark.parametrize(("reader", "source"), CASES)
def test_eight_times_the_input_costs_about_eight_times_the_time(reader: str, source: str) -> None:
    func, size, _ = READERS[reader]
    make = INPUTS[source]
    small, large = make(size), make(GROWTH * size)
    func(small)  # warm caches (compiled patterns, holiday tables)
    at_n, at_8n = _timings(func, small, large, REPEATS)
    ratio = at_8n / max(at_n, FLOOR)
    if ratio >= LIMIT:
        # One more, longer look before calling it quadratic: a shared machine has bursts.
        at_n, at_8n = _timings(func, small, large, 2 * REPEATS)
        ratio = at_8n / max(at_n, FLOOR)
    print(
        f"\n{reader:>26} | {source:<22} | n={len(small):>7,}: {at_n * 1000:7.1f} ms"
        f" | 8n={len(large):>7,}: {at_8n * 1000:8.1f} ms | x{ratio:4.1f}"
    )
    assert ratio < LIMIT, f"{reader} on {source}: 8x the input took {ratio:.0f}x the time"
