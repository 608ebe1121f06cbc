"""A thank-you note's draft link is encoded exactly as `urllib.parse.quote` encodes it.

calsync escapes the link's parts itself (faster on long notes); this pins that every text —
accents, emoji, line breaks, "&", "%", "@", "+" — comes out byte for byte as `quote` writes it.
"""

from __future__ import annotations

from urllib.parse import quote

from hypothesis import given
from hypothesis import strategies as st

from calsync.core.templates import mailto_link


def _reference(email: str, subject: str, body: str) -> str:
    body = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return (
        f"mailto:{quote(email, safe='@')}?"
        f"subject={quote(subject, safe='')}&body={quote(body, safe='')}"
    )


def test_a_typical_note() -> None:
    link = mailto_link(
        "josé.núñez+jobs@acme.example",
        "Thank you — Senior Engineer interview",
        "Hi José,\n\nThank you for meeting me on Dec 3 (100% worth it) & more… 🙂\n~Sam_B.",
    )
    assert link == _reference(
        "josé.núñez+jobs@acme.example",
        "Thank you — Senior Engineer interview",
        "Hi José,\n\nThank you for meeting me on Dec 3 (100% worth it) & more… 🙂\n~Sam_B.",
    )
    assert "%E2%80%94" in link and "%F0%9F%99%82" in link and "%0D%0A" in link


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs",)) | st.sampled_from(list("@+&=%~_.-/?# \n\r"))
)


@given(_TEXT, _TEXT, _TEXT)
def test_any_text_is_encoded_as_quote_encodes_it(email: str, subject: str, body: str) -> None:
    assert mailto_link(email, subject, body) == _reference(email, subject, body)
