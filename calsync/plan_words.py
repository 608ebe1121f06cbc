"""`plan`'s sentences from the core, in the user's language.

The core says what happens next, why a line was set aside, why an event is no interview and
which days are business days in English sentences of a fixed shape ("follow-up call #2 on
2026-12-14", "before the interview"): `plan --json` hands them to scripts as they are. This
view knows each shape as a catalog message with its fields ("follow-up call #{number} on
{day}") and says the sentence again in the user's language; a sentence of no known shape is
shown as the core wrote it.

>>> from calsync.core.translations import words
>>> say("follow-up call #2 on 2026-12-14", words("en"))
'follow-up call #2 on 2026-12-14'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from calsync.core.said import Said
from calsync.core.translations import ENGLISH, Words


def _(message: str) -> str:
    """Marks a message for the catalogs (`pybabel extract -k _`); `say` translates it."""
    return message


SHAPES = (
    # what happens next (calsync.core.chain, calsync.core.plan)
    _("follow-up call #{number} on {day}"),
    _("no further call: max_calls ({count}) reached"),
    _("send another thank-you note on {day}; chain ends"),
    _("chain ends: an offer"),
    _("chain ends: you withdrew"),
    _("waiting for the outcome of call #{number} (write it in that event's notes)"),
    _("no call: {why}"),
    _("the application ended after the {day} round"),
    _("a later round is scheduled on {day}"),
    # why a dated line of the notes is not the timetable (calsync.core.infer, .reading)
    _("before the interview"),
    _("too far ahead to be this timetable"),
    _("a fact about the past or the job, not a timetable"),
    _("an explicit instruction beats a decision date"),
    _("a more specific date in the same statement wins"),
    _("the same statement gives a later date"),
    _("an earlier statement already gives the timetable"),
    _("said of when it will not happen"),
    _("the invite's own logistics"),
    _("another employer's deadline"),
    _("the candidate's own deadline"),
    # why a line of a call's notes is not its outcome (calsync.core.outcome)
    _("a question"),
    _("denied or not (yet) a fact"),
    _("a later outcome was written after it"),
    _("a final outcome decides, not a date"),
    _("the first instruction to call decides"),
    _("the first decision date decides"),
    # why an event with an interview word is not an interview (calsync.core.lookalikes,
    # calsync.core.other_meetings): the word it was passed over for stays as the title has it
    _("made by calsync"),
    _("cancelled"),
    _("declined by you"),
    _('excluded word "{word}"'),
    _('{kind}, "{word}"'),
    _("training or teaching"),
    _("time around an interview"),
    _("you are the interviewer"),
    _("a round that names no employer or role"),
    _("for a candidate"),
    # which days count (calsync.core.holiday_country)
    _('Business days: Mon–Fri, no holidays (holidays = "none")'),
    _("Business days: Mon–Fri minus {country} public holidays (config)"),
    _("Business days: Mon–Fri minus {country} public holidays (from the calendar's zone {zone})"),
    _("Business days: Mon–Fri minus {country} public holidays (from the system zone {zone})"),
    _("Business days: Mon–Fri, no holidays (no country known for {zones}; set holidays)"),
)
_FIELD = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class _Shape:
    """A shape cut at its fields: the text around them (one more than the fields)."""

    message: str
    texts: tuple[str, ...]
    fields: tuple[str, ...]

    def fields_of(self, sentence: str) -> dict[str, str] | None:
        """The fields of `sentence` when it has this shape (each field not empty, and as short
        as it can be, left to right), else None; one pass of `str.find` per text."""
        first, last = self.texts[0], self.texts[-1]
        end = len(sentence) - len(last)
        if not self.fields:
            return {} if sentence == first else None
        if end <= len(first) or not sentence.startswith(first) or not sentence.endswith(last):
            return None
        found: dict[str, str] = {}
        at = len(first)
        for name, text in zip(self.fields[:-1], self.texts[1:-1], strict=True):
            where = sentence.find(text, at + 1, end)
            if where < 0:
                return None
            found[name] = sentence[at:where]
            at = where + len(text)
        if at >= end:
            return None
        found[self.fields[-1]] = sentence[at:end]
        return found


@lru_cache(maxsize=1)
def _shapes() -> tuple[_Shape, ...]:
    shapes = []
    for message in SHAPES:
        parts = _FIELD.split(message)  # text, field, text, field, …, text
        shapes.append(_Shape(message, tuple(parts[0::2]), tuple(parts[1::2])))
    return tuple(shapes)


def say(sentence: str, words: Words, *, inner: bool = False) -> str:
    """`sentence`, written by the core in English, in the language of `words`; a field that is
    itself a known sentence ("no call: a later round is scheduled on …") is said too, one level
    deep. Linear in the sentence's length: it may quote what a stranger wrote (a zone name)."""
    if words.language == ENGLISH or not sentence:
        return sentence
    for shape in _shapes():
        found = shape.fields_of(sentence)
        if found is not None:
            if not inner:
                found = {name: say(value, words, inner=True) for name, value in found.items()}
            return words(shape.message, **found)
    return sentence


def say_said(sentence: Said, words: Words) -> str:
    """A sentence the core kept with its fields (why a call is at its time), in the language of
    `words`, each field that is a sentence too."""
    fields = {
        name: say_said(value, words) if isinstance(value, Said) else value
        for name, value in sentence.fields
    }
    return words(sentence.shape, **fields)
