"""calsync writes in the user's language: every catalog is complete, every template renders in
every language with that locale's dates, the outcome examples it gives read back as what they
say, its own titles stay its own, and `calsync --help` never loads Babel."""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po

from calsync.core import templates
from calsync.core.detect import detect_interviews, is_own_title
from calsync.core.outcome import read_call_notes
from calsync.core.translations import LOCALES, catalog_path
from calsync.model import Attendee, Interview, Outcome, Person, SourceEvent, Window
from calsync.settings import Settings

# The modules whose words are in the catalogs: the events calsync writes, and `plan`'s text.
PACKAGE = Path(templates.__file__).parents[1]
SOURCES = (
    Path(templates.__file__),
    *(PACKAGE / name for name in ("report.py", "next_steps.py", "plan_words.py")),
    *(PACKAGE / "core" / name for name in ("free_slots.py", "chain.py")),
)
LANGUAGES = [code for code in LOCALES if code != "en"]
FIELD = re.compile(r"\{(\w+)\}")


def _messages() -> set[str]:
    found: set[str] = set()
    for source in SOURCES:
        for _, message, _, _ in extract_from_file(
            "python", str(source), keywords={"_": None, "said": None}
        ):
            if isinstance(message, str):
                found.add(message)
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_catalog_is_complete_and_fills_in_the_same_fields(code: str) -> None:
    with catalog_path(code).open("rb") as po:
        catalog = read_po(po)
    translated = {m.id: m for m in catalog if m.id}
    assert set(translated) == _messages()
    for message_id, message in translated.items():
        assert isinstance(message.string, str) and message.string.strip(), message_id
        assert not message.fuzzy, message_id
        assert sorted(FIELD.findall(message.string)) == sorted(FIELD.findall(str(message_id)))


def _interview(role: str = "Softwareentwickler", company: str = "Siemens") -> Interview:
    start = datetime(2026, 12, 3, 13, tzinfo=UTC)
    return Interview(
        source_id="e1",
        title="Vorstellungsgespräch",
        company=company,
        role=role,
        interviewers=(Person("Anna Weber", "anna.weber@siemens.com"), Person("Jonas Berg", "")),
        notes="",
        start=start,
        end=start,
        tz="Europe/Berlin",
        all_day=False,
        phones=("+49 89 636 00",),
        organiser_email="",
    )


WINDOW = Window(
    date(2026, 12, 14),
    date(2026, 12, 15),
    "decision",
    "bis 11.12.",
    decision_date=date(2026, 12, 11),
)
# The month of the interview, as each language names it (CLDR, through Babel).
DECEMBER = {"de": "Dezember", "fr": "décembre", "es": "diciembre", "pt": "dezembro"}
DECEMBER |= {"nl": "december", "it": "dicembre", "en": "December"}


def _everything(code: str, interview: Interview) -> list[str]:
    settings = Settings(name="Kim Novak", language=code)
    earlier = _interview()
    rounds = (earlier, interview)
    said = Outcome("next-date", "noch offen")
    return [
        templates.thank_you_title(interview, code),
        templates.thank_you_description(interview, settings),
        templates.call_title(interview, 1, code),
        templates.call_title(interview, 2, code),
        templates.call_description(interview, WINDOW, 1, settings),
        templates.call_description(interview, WINDOW, 2, settings, said, rounds=rounds),
        templates.call_description(interview, WINDOW, 1, settings, rounds=rounds),
        templates.another_thank_you_title(interview, code),
        templates.another_thank_you_description(interview, said, settings),
    ]


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
@pytest.mark.parametrize(
    ("role", "company"),
    [("Softwareentwickler", "Siemens"), ("the position", "Siemens"), ("Analyst", "the company")],
)
def test_every_template_renders_in_every_language(code: str, role: str, company: str) -> None:
    texts = _everything(code, _interview(role, company))
    english = _everything("en", _interview(role, company))
    for text, in_english in zip(texts, english, strict=True):
        assert "{" not in text and "}" not in text
        if code != "en":
            assert text != in_english
    assert DECEMBER[code] in texts[1]  # the interview's date, spelled out for the locale
    if code != "en":
        assert "the position" not in "".join(texts) and "the company" not in "".join(texts)


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_the_outcome_examples_read_back_as_what_they_say(code: str) -> None:
    settings = Settings(language=code)
    description = templates.call_description(_interview(), WINDOW, 1, settings)
    hint = description.split("\n\n")[-1]
    examples = re.findall(r'"([^"]+)"|„([^“]+)“|« ([^»]+) »|«([^»]+)»|“([^”]+)”|‘([^’]+)’', hint)
    phrases = [next(p for p in groups if p) for groups in examples]
    assert len(phrases) == 4, hint
    read = [read_call_notes(p, WINDOW.last, languages=("en", code)).outcome for p in phrases]
    assert [o.kind for o in read] == ["next-date", "next-date", "rejected", "offer"]
    # the first example is a week of business days after the call's first day
    assert read[0].window is not None and read[0].window.first == date(2026, 12, 21)


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_calsyncs_own_titles_are_never_read_as_interviews(code: str) -> None:
    interview = _interview(role="the position")  # the title says "interview at Siemens"
    titles = [
        templates.thank_you_title(interview, code),
        templates.call_title(interview, 1, code),
        templates.call_title(interview, 3, code),
        templates.another_thank_you_title(interview, code),
    ]
    assert all(is_own_title(title) for title in titles), titles
    start = datetime(2026, 12, 3, 13, tzinfo=UTC)
    events = [
        SourceEvent(
            id=t,
            title=t,
            start=start,
            end=start,
            tz="UTC",
            description="",
            attendees=(Attendee(email="me@example.org", is_self=True),),
        )
        for t in titles
    ]
    assert detect_interviews(events, Settings(languages=("en", code))) == []


def test_calsync_help_does_not_load_babel() -> None:
    code = (
        "import sys\n"
        "from calsync.cli import cli\n"
        "for args in (['--help'], ['sync', '--help'], ['plan', '--help']):\n"
        "    try:\n"
        "        cli.main(args, prog_name='calsync', standalone_mode=False)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(sorted(m for m in sys.modules if m == 'babel' or m.startswith('babel.')))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_the_draft_link_line_is_one_the_calendars_turn_into_a_link(code: str) -> None:
    from calsync.core.draft_links import DRAFT_LINES, as_plain, holds_draft_link, with_link_text

    settings = Settings(name="Kim Novak", language=code)
    description = templates.thank_you_description(_interview(), settings)
    assert holds_draft_link(description)
    rich = with_link_text(description)
    assert "mailto:" not in rich.replace('href="mailto:', "")  # every link became link text
    assert as_plain(rich) == description
    assert sum(line in description for line in DRAFT_LINES) == 1


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_call_written_in_english_before_holds_only_the_users_own_line(code: str) -> None:
    """After an upgrade the calendar still holds calls calsync wrote in English; the line the
    user added is theirs, every English line of calsync's is not."""
    from dataclasses import replace

    from calsync.core.chain import _texts_it_may_hold, user_notes
    from calsync.core.dates import BusinessDays

    settings = Settings(name="Kim Novak", language=code)
    english = replace(settings, language="en")
    held = templates.call_description(_interview(), WINDOW, 1, english) + "\nStill waiting."
    now = templates.call_description(_interview(), WINDOW, 1, settings)
    texts = _texts_it_may_hold(_interview(), WINDOW, 1, settings, None, (), BusinessDays("DE"))
    assert user_notes(held, now, *texts) == "Still waiting."
