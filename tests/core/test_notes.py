"""Descriptions → the notes a person wrote: HTML flattened, video-call invites removed."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from calsync.core.notes import notes_text, phone_numbers, tel_link

DATA = Path(__file__).parents[1] / "data" / "detect"


def fixture(name: str) -> str:
    return (DATA / name).read_text(encoding="utf-8")


# --- HTML ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "text"),
    [
        ("Decision by Dec 5<br>Thanks!", "Decision by Dec 5\nThanks!"),
        ("<p>One</p><p>Two</p>", "One\n\nTwo"),
        ("<ul><li>System design</li><li>Coding</li></ul>", "- System design\n- Coding"),
        ("<b>Fish &amp; Chips</b> &lt;3 &nbsp;Jane&#39;s", "Fish & Chips <3  Jane's"),
        ("<div>Hear back<br/>within two weeks</div>", "Hear back\nwithin two weeks"),
        ('<a href="https://acme.com/jobs/42">the posting</a>', "the posting"),
        ("<style>p{color:red}</style><p>Notes</p>", "Notes"),
        ("<p>line\nwrapped by the\nHTML editor</p>", "line wrapped by the HTML editor"),
    ],
)
def test_html_is_reduced_to_text(html: str, text: str) -> None:
    assert notes_text(html) == text


def test_plain_text_keeps_its_angle_brackets_and_entities() -> None:
    text = "Phone Screen: Jane <> Alex\nR&amp;D team, 3 < 4"
    assert notes_text(text) == text


def test_line_endings_and_spacing_are_tidied() -> None:
    assert notes_text("  Decision by Friday.  \r\n\r\n\r\n\r\nThanks \r\n") == (
        "Decision by Friday.\n\nThanks"
    )


# --- video-call invites --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "notes"),
    [
        (
            "zoom.txt",
            "Second round: system design + behavioural.\nJane's direct line: (415) 555-0134",
        ),
        ("google-meet.txt", "Sam said they'll decide by Friday, Dec 4."),
        ("teams.txt", "Talk through my roadmap case."),
        ("webex.txt", "Panel of three. follow-up: 2027-01-29"),
        (
            "outlook.html",
            "Hi Alex,\n\nThanks for making time for the onsite. The agenda:\n\n"
            "- 1:00 – System design with Priya\n- 2:15 – Coding with Tom\n\n"
            "We'll get back to you by Dec 11 & will share next steps then.\n\n"
            "Priya’s mobile: +1 212-555-0147",
        ),
    ],
)
def test_video_call_invites_are_removed(name: str, notes: str) -> None:
    assert notes_text(fixture(name)) == notes


@pytest.mark.parametrize("name", ["zoom.txt", "google-meet.txt", "teams.txt", "webex.txt"])
def test_no_meeting_number_or_dial_in_leaks_into_the_notes(name: str) -> None:
    raw = fixture(name)
    notes = notes_text(raw)
    invite_numbers = set(re.findall(r"\d{3,}", raw)) - set(re.findall(r"\d{3,}", notes))
    assert invite_numbers, "the fixture should carry numbers of its own"
    for number in invite_numbers:
        assert number not in notes
    for word in ("Meeting ID", "Passcode", "PIN", "One tap", "Dial", "http"):
        assert word not in notes


def test_notes_after_an_invite_block_are_kept() -> None:
    description = (
        "Join Zoom Meeting\nhttps://zoom.us/j/81234567890\nMeeting ID: 812 3456 7890\n"
        "Passcode: 123456\n\n"
        "Recruiter says they'll get back to me by Dec 11."
    )
    assert notes_text(description) == "Recruiter says they'll get back to me by Dec 11."


def test_a_copied_zoom_invitation_drops_its_topic_and_time() -> None:
    description = (
        "Jane Doe is inviting you to a scheduled Zoom meeting.\n\n"
        "Topic: Interview\nTime: Dec 1, 2026 02:00 PM Eastern Time (US and Canada)\n\n"
        "Join Zoom Meeting\nhttps://us02web.zoom.us/j/81234567890\n"
    )
    assert notes_text(description) == ""


def test_the_google_calendar_email_footer_is_removed() -> None:
    description = (
        "Decision next week.\n\n"
        "Invitation from Google Calendar: https://calendar.google.com/calendar/\n"
        "You are receiving this email because you are an attendee on the event.\n"
    )
    assert notes_text(description) == "Decision next week."


def test_a_dial_in_line_outside_any_block_is_still_a_dial_in() -> None:
    assert notes_text("Notes from Sam.\nDial-in: +1 646 555 0199,,4433# PIN 4433") == (
        "Notes from Sam."
    )


def test_ordinary_lines_that_mention_zoom_are_kept() -> None:
    assert notes_text("Second round will be on Zoom with the team lead.") == (
        "Second round will be on Zoom with the team lead."
    )


# --- phone numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phones"),
    [
        ("Jane's direct line: (415) 555-0134", ("(415) 555-0134",)),
        ("cell 212-555-0147, office 212.555.0100", ("212-555-0147", "212.555.0100")),
        ("Miles: +1 (310) 555-0163", ("+1 (310) 555-0163",)),
        ("London office +44 20 7946 0958", ("+44 20 7946 0958",)),
        ("Call 1-800-555-0199 ext. 12", ("1-800-555-0199",)),
        ("Same number twice: 415 555 0134 and (415) 555-0134", ("415 555 0134",)),
        # Not phone numbers: dates, salaries, meeting ids, PIN-suffixed dial strings.
        ("Decision by 2026-12-05 or 12/05/2026", ()),
        ("Salary band 120000-150000", ()),
        ("Meeting ID: 812 3456 7890", ()),
        ("+1 646-555-0177,,863104229# United States", ()),
        ("Conference ID: 863 104 229#", ()),
        ("", ()),
    ],
)
def test_phone_numbers(text: str, phones: tuple[str, ...]) -> None:
    assert phone_numbers(text) == phones


def test_phone_numbers_of_the_invite_never_reach_the_user() -> None:
    for name in ("zoom.txt", "google-meet.txt", "teams.txt", "webex.txt"):
        found = phone_numbers(notes_text(fixture(name)))
        assert all("646" not in p and "347" not in p and "301" not in p for p in found), name


@pytest.mark.parametrize(
    ("number", "link"),
    [
        ("(415) 555-0134", "tel:4155550134"),
        ("+1 (310) 555-0163", "tel:+13105550163"),
        ("+44 20 7946 0958", "tel:+442079460958"),
    ],
)
def test_tel_links_dial_the_number_as_written(number: str, link: str) -> None:
    assert tel_link(number) == link


# --- any text at all ---------------------------------------------------------------------------

_DESCRIPTIONS = st.text(
    alphabet=st.sampled_from(list("abc <>/&;#:-+()0123456789\n\r\t.,pbrliJoinZmMeetingID")),
    max_size=200,
)


@given(_DESCRIPTIONS)
def test_any_description_gives_trimmed_notes(description: str) -> None:
    notes = notes_text(description)
    assert notes == notes.strip()
    assert "\r" not in notes and "\n\n\n" not in notes


@given(_DESCRIPTIONS)
def test_every_phone_number_found_is_written_in_the_text(text: str) -> None:
    for number in phone_numbers(text):
        assert number in text
        assert 10 <= len(re.sub(r"\D", "", number)) <= 15


# --- Hostile descriptions (issue 7) and web addresses (issue 13) --------------------------------


def test_a_linkedin_job_id_in_a_url_is_not_a_phone_number() -> None:
    for text in (
        "Posting: https://www.linkedin.com/jobs/view/3890001234/",
        "Posting: linkedin.com/jobs/view/3890001234",
        "Posting (www.linkedin.com/jobs/view/3890001234)",
        "Apply: <https://careers.acme.com/apply?req=4155550134&src=cal>",
        "Job:https://www.linkedin.com/jobs/view/3890001234",
    ):
        assert phone_numbers(text) == (), text


def test_a_phone_number_next_to_a_url_still_is_one() -> None:
    text = "Posting: linkedin.com/jobs/view/3890001234 - call Jane at (415) 555-0134"
    assert phone_numbers(text) == ("(415) 555-0134",)
    assert phone_numbers("+44 20 7946 0958 https://acme.com/jobs/3890001234") == (
        "+44 20 7946 0958",
    )


def test_a_line_holding_only_a_job_posting_url_is_kept_in_the_notes() -> None:
    notes = notes_text(
        "Join Zoom Meeting\nhttps://zoom.us/j/81234567890\n"
        "Meeting ID: 812 3456 7890\n\nhttps://www.linkedin.com/jobs/view/3890001234"
    )
    assert notes == "https://www.linkedin.com/jobs/view/3890001234"


def test_a_char_reference_with_a_long_digit_run_is_text_not_a_crash() -> None:
    # html.parser handed this to int(), which refuses more than 4,300 digits
    notes = notes_text("<p>Decision by Dec 5.</p><p>&#" + "1" * 5000 + "</p>")
    assert notes.startswith("Decision by Dec 5.\n")
    assert notes.endswith("1" * 4000)


def test_unclosed_tags_are_kept_as_text() -> None:
    assert notes_text("<p>Salary <a <a range 3 < 4</p>") == "Salary <a <a range 3 < 4"


def test_an_inline_image_of_an_outlook_invite_leaves_only_the_notes() -> None:
    image = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk" * 2000
    html = (
        "<html><head><style><!-- p {margin:0} a<b --></style></head><body>"
        f'<p>They&#39;ll decide by Dec 18.</p><img src="data:image/png;base64,{image}">'
        "<!--[if gte mso 9]><xml>x</xml><![endif]--></body></html>"
    )
    assert notes_text(html) == "They'll decide by Dec 18."


def test_a_10000_character_word_is_kept_whole_in_the_notes() -> None:
    word = "QUJDRGVm" * 1250
    assert notes_text(f"Notes\n{word}\nCall me on (415) 555-0134") == (
        f"Notes\n{word}\nCall me on (415) 555-0134"
    )
    assert phone_numbers(f"{word} (415) 555-0134") == ("(415) 555-0134",)
