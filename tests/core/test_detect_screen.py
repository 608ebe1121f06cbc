"""The one-pass title test that turns away non-interviews agrees with reading phrase by phrase.

Detection tests every event's title against the interview and exclude words with one combined
pattern; these pin that its judgement is exactly `titles.mentions` (whole words, any case,
"on-site"/"onsite"/"on site" alike, exclude words winning) on titles people really type.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calsync.core.detect import _mentions_any, is_interview_title
from calsync.core.titles import mentions
from calsync.settings import DEFAULT_EXCLUDE_WORDS, DEFAULT_INTERVIEW_WORDS

WORDS = DEFAULT_INTERVIEW_WORDS
EXCLUDES = DEFAULT_EXCLUDE_WORDS


def _phrase_by_phrase(title: str, words: tuple[str, ...], excludes: tuple[str, ...]) -> bool:
    return mentions(title, words) and not mentions(title, excludes)


TITLES = [
    ("Interview with Acme", True),
    ("INTERVIEW — Globex", True),
    ("interviewing at Hooli", True),
    ("Phone screen: Initech", True),
    ("Phone-screen Initech", True),
    ("phonescreen initech", True),
    ("Onsite at Acme", True),
    ("On-site at Acme", True),
    ("On site @ Acme", True),
    ("on - site acme", True),
    ("Tech screen w/ Jane", True),
    ("Interviewer training", False),  # only part of a word
    ("Pre-interview chat", True),  # "-" separates words
    ("Interveiw with Acme", False),  # a typo is not the word
    ("Intervew Acme", False),
    ("Inter view Acme", False),
    ("Mock interview with Sam", False),  # an exclude word wins
    ("Interview prep", False),
    ("Interview preparation", False),
    ("Interview prepping", True),  # "prep" only as a whole word
    ("Webinar: how to interview", False),
    ("Info-session and interview", False),
    ("Dentist", False),
    ("", False),
    ("Screening of a film", True),  # whole words, whatever the sense
    ("Rescreening", False),
    ("Interview_Acme", False),  # "_" is a word character
    ("Interview2 Acme", False),
    ("Ｉnterview (full-width)", False),
    ("İnterview", mentions("İnterview", WORDS)),  # whatever re's case folding decides
]


@pytest.mark.parametrize(("title", "expected"), TITLES)
def test_title_table(title: str, expected: bool) -> None:
    assert is_interview_title(title, WORDS, EXCLUDES) is expected
    assert _phrase_by_phrase(title, WORDS, EXCLUDES) is expected


def test_custom_words_and_no_words() -> None:
    assert is_interview_title("Final round — Acme", ["final round"], []) is True
    assert is_interview_title("Final-round — Acme", ("final round",), ()) is True
    assert is_interview_title("Final rounds", ("final round",), ()) is False
    assert is_interview_title("Interview", (), ()) is False
    assert is_interview_title("Interview", ("  ", "interview"), ("",)) is True
    # regex characters in a user's words are plain text
    assert is_interview_title("C++ screen (a.b)", ("c++ screen",), ()) is True
    assert is_interview_title("call a.b today", ("a.b",), ()) is True
    assert is_interview_title("call axb today", ("a.b",), ()) is False


_PIECES = st.sampled_from(
    ["interview", "Interview", "er", "s", "on", "site", "-", " ", "  ", "screen", "phone",
     "mock", "prep", "aration", "_", "x", "2", "tech", "info", "session", ":", "é", "\n"]
)  # fmt: skip


@settings(max_examples=2000)
@given(st.lists(_PIECES, max_size=12).map("".join))
def test_agrees_with_phrase_by_phrase_on_random_titles(title: str) -> None:
    """The combined pattern is the screen; the rules after it (a named round, the user on the
    hiring side: "Interviewer Interview") are judged the same way either way."""
    for phrases in (WORDS, EXCLUDES):
        assert _mentions_any(title, tuple(phrases)) is mentions(title, phrases)
