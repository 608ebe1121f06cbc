"""`plan`'s sentences from the core (what happens next, why a line was set aside, which days are
business days, why an event is no interview, why a call is at its time) are said in every
language, and every reason the core can give is one of them."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

import pytest
from babel.messages.extract import extract_from_file

from calsync.core import infer, lookalikes, other_meetings, outcome
from calsync.core.followups import ChainStep
from calsync.core.holiday_country import choose_holidays
from calsync.core.reading import owners, statements
from calsync.core.said import Said
from calsync.core.translations import LOCALES, words
from calsync.model import Outcome
from calsync.next_steps import step_text
from calsync.plan_words import SHAPES, say, say_said

LANGUAGES = [code for code in LOCALES if code != "en"]
FIELD = re.compile(r"\{(\w+)\}")
# what the core fills in: a number, a day, a country, a zone, a reason
SAMPLE = {"number": "2", "count": "3", "day": "2026-12-14", "country": "DE"}
SAMPLE |= {"zone": "Europe/Berlin", "zones": "Europe/Berlin", "why": "before the interview"}
SAMPLE |= {"word": "mock", "kind": "you are the interviewer", "company": "Siemens"}
SAMPLE |= {"city": "Berlin", "time": "10:00", "their_time": "04:00", "taken": "09:00"}
SAMPLE |= {"title": "Zahnarzt", "when": "10:30"}
CORE = Path(infer.__file__).parent


def _reasons() -> set[str]:
    """Every reason the core gives for a line it set aside (its named English constants)."""
    return {
        value
        for module in (infer, outcome, statements, owners, lookalikes)
        for name, value in vars(module).items()
        if name.lstrip("_").isupper() and isinstance(value, str)
    }


def test_every_reason_the_core_gives_is_a_sentence_plan_can_say() -> None:
    assert _reasons() <= set(SHAPES)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("shape", SHAPES)
def test_every_sentence_is_said_in_every_language(code: str, shape: str) -> None:
    sentence = shape.format(**{name: SAMPLE[name] for name in FIELD.findall(shape)})
    said = say(sentence, words(code))
    assert say(sentence, words("en")) == sentence
    assert said != sentence and "{" not in said
    for name in FIELD.findall(shape):
        if name not in ("why", "kind"):
            assert SAMPLE[name] in said
    if "{why}" in shape or "{kind}" in shape:  # a sentence inside a sentence is said too
        assert "before the interview" not in said and "you are the" not in said


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize(
    "title",
    ["Interviewer training", "Workshop: behavioural interviews", "Travel to Acme interview"]
    + ["Design review", "Interview panel for the candidate"],
)
def test_why_a_title_is_no_interview_is_said(code: str, title: str) -> None:
    def read(text: str) -> tuple[None, None]:
        return (None, None)

    why = other_meetings.not_the_users_interview(title, ("interview",), role=None, read=read)
    assert why is not None
    said = say(why, words(code))
    rules = (other_meetings.TEACHING, other_meetings.AROUND, other_meetings.HIRING_SIDE)
    assert not any(rule.name in said for rule in (*rules, other_meetings.ROUNDS))
    assert "for a candidate" not in said


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_business_days_line_is_said(code: str) -> None:
    zones = {"Europe/Berlin": "DE"}
    lines = [
        choose_holidays("none", "Europe/Berlin", None, zones).line,
        choose_holidays("fr", "Europe/Berlin", None, zones).line,
        choose_holidays(None, "Europe/Berlin", None, zones).line,
        choose_holidays(None, "UTC", "Europe/Berlin", zones).line,
        choose_holidays(None, "UTC", None, zones).line,
    ]
    for line in lines:
        assert not say(line, words(code)).startswith("Business days"), line


def test_a_sentence_of_no_known_shape_is_shown_as_written() -> None:
    assert say("something the core says for the first time", words("de")) == (
        "something the core says for the first time"
    )


def _slot_sentences() -> list[str]:
    """Why a call is at its time: the shapes the core keeps (`said("…")`)."""
    found = []
    for name in ("free_slots.py", "chain.py"):
        for _, shape, _, _ in extract_from_file(
            "python", str(CORE / name), keywords={"said": None}
        ):
            found.append(str(shape))
    return found


@pytest.mark.parametrize("code", LANGUAGES)
def test_why_a_call_is_at_its_time_is_said_in_every_language(code: str) -> None:
    shapes = _slot_sentences()
    assert len(shapes) >= 10
    for shape in shapes:
        fields = tuple((name, SAMPLE[name]) for name in FIELD.findall(shape))
        sentence = Said(shape, fields)
        said = say_said(sentence, words(code))
        assert "{" not in said and all(value in said for _, value in fields)
        assert say_said(sentence, words("en")) == str(sentence)
        if re.sub(r"\{\w+\}|\W|in", "", shape):  # words besides the fields: said anew
            assert said != str(sentence), shape


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_call_of_the_chain_says_where_it_stands_in_every_language(code: str) -> None:
    def step(kind: Literal["rejected", "none"]) -> ChainStep:
        return ChainStep(1, "c1", date(2026, 12, 7), Outcome(kind, "leider abgesagt"))

    today = date(2026, 12, 9)
    for call, english in (
        (step("rejected"), 'call #1 on 2026-12-07: rejected — "leider abgesagt"'),
        (step("none"), "call #1 on 2026-12-07: overdue since Dec 7 — done? write the outcome"),
    ):
        assert step_text(call, today).startswith(english)
        said = step_text(call, today, words(code))
        assert "2026-12-07" in said and "call #" not in said and "rejected" not in said
        assert "overdue" not in said and "write the outcome" not in said
