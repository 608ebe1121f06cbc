"""An event's description → the plain-text notes a person wrote, and the phone numbers in them.

Calendar descriptions arrive as HTML (Google, Outlook) or plain text, and most carry a video-call
invite block (Zoom, Google Meet, Microsoft Teams, Webex) full of dates, meeting ids and dial-in
numbers. Left in, those would be read as a decision date or as the interviewer's phone, so they go.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right

# A tag of the HTML that calendar apps write. `[^<>]` keeps every try from running past the
# next "<", so a description full of unclosed "<a <a <a" is still read in one pass.
_HTML_TAG = re.compile(
    r"<(?:br|p|div|span|a|b|i|u|li|ul|ol|strong|em|html|body|table|tr|td|th|h[1-6]|font|hr)\b"
    r"[^<>]*>|</[a-z][a-z0-9]*\s*>",
    re.IGNORECASE,
)
_BLOCK_TAGS = frozenset(
    {"br", "p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "hr"}
)
_SKIPPED_TAGS = frozenset({"script", "style", "head", "title"})
# Whose content is raw text up to the closing tag (as browsers read them).
_RAW_TEXT_TAGS = frozenset({"script", "style"})
# One tag. Quoted values may hold ">" but never "<", so no try reads past the next "<": the
# reduction is one pass over the text whatever it holds (html.parser is quadratic on unclosed
# tags, and on "&#" with a long digit run it raises).
_TAG = re.compile(
    r"<(?P<end>/?)(?P<name>[A-Za-z][A-Za-z0-9:-]*+)"
    r"(?P<attrs>(?:[^<>\"']|\"[^\"<]*+\"|'[^'<]*+')*+)>"
)
# Doctype, "<![endif]>", "<?xml …?>": nothing a person wrote.
_DECLARATION = re.compile(r"<[!?][^<>]*+>")
# A character reference, bounded: a longer run of digits is text, not a number to convert.
_CHARREF = re.compile(r"&(?:#[0-9]{1,7}+;?|#[xX][0-9a-fA-F]{1,6}+;?|[A-Za-z][A-Za-z0-9]{0,31}+;?)")
# White space around a line break. Matches start only where a run of spaces starts, so a long
# run without a break is scanned once, not once from each of its spaces.
_SPACE_WITH_BREAK = re.compile(r"(?<![^\S\n])[^\S\n]*+\n\s*+")
_RAW_TEXT_CLOSE = {name: re.compile(rf"</{name}\b", re.IGNORECASE) for name in _RAW_TEXT_TAGS}


def _raw_text_end(source: str, name: str, pos: int) -> int:
    close = _RAW_TEXT_CLOSE[name].search(source, pos)
    return len(source) if close is None else close.start()


def _text(data: str) -> str:
    data = _CHARREF.sub(lambda m: html.unescape(m.group()), data)
    # Inside HTML, source line breaks are just whitespace.
    return _SPACE_WITH_BREAK.sub(" ", data) if "\n" in data else data


def html_to_text(source: str) -> str:
    """HTML reduced to text: block elements and <br> become line breaks, entities decoded.

    One pass, whatever the input: every "<" is looked at once, and what does not open a tag
    stays as text.
    """
    parts: list[str] = []
    skipping = 0
    pos = 0
    size = len(source)
    while pos < size:
        lt = source.find("<", pos)
        if lt < 0:
            lt = size
        if lt > pos and not skipping:
            parts.append(_text(source[pos:lt]))
        if lt >= size:
            break
        if source.startswith("<!--", lt):
            close = source.find("-->", lt + 4)
            pos = size if close < 0 else close + 3
            continue
        tag = _TAG.match(source, lt)
        if tag is None:
            declaration = _DECLARATION.match(source, lt)
            if declaration is not None:
                pos = declaration.end()
                continue
            if not skipping:
                parts.append("<")
            pos = lt + 1
            continue
        pos = tag.end()
        name = tag["name"].lower()
        closing = bool(tag["end"])
        if name in _SKIPPED_TAGS:
            if closing:
                skipping = max(0, skipping - 1)
            elif not tag["attrs"].rstrip().endswith("/"):
                skipping += 1
                if name in _RAW_TEXT_TAGS:
                    # the script or style runs to its closing tag, "<" and all
                    pos = _raw_text_end(source, name, pos)
        elif name == "li" and not closing and not tag["attrs"].rstrip().endswith("/"):
            parts.append("\n- ")
        elif name in _BLOCK_TAGS:
            parts.append("\n")
    return "".join(parts)


# Hosts whose links only ever mean "join the call" or "about this invite".
_INVITE_HOSTS = (
    r"zoom\.us|zoomgov\.com|meet\.google\.com|tel\.meet|teams\.microsoft\.com|teams\.live\.com"
    r"|aka\.ms|webex\.com|support\.google\.com|calendar\.google\.com|gotomeet|gotomeeting\.com"
    r"|bluejeans\.com|chime\.aws|whereby\.com|microsoft\.com/microsoft-teams|calendly\.com"
)
_INVITE_LINE = re.compile(
    "|".join(
        (
            # The host alone decides; reading the rest of the address from every position was
            # what made a long word cost the square of its length.
            rf"(?:{_INVITE_HOSTS})",
            r"^-::~[:~]*",
            r"^[_=~*─━-]{3,}$",
            r"^-- do not delete or change any of the following text",
            r"^powered by calendly",
            r"^event name:",
            r"^need to make changes to this event",
            r"^(?:cancel|reschedule):\s*https?://",
            r"^location: this is a (?:google meet|zoom|microsoft teams) web conference",
            r"^you can join this meeting from your computer",
            r"inviting you to a scheduled zoom meeting",
            r"\bjoin (?:the |your )?(?:zoom |webex |teams |google meet )?meeting\b",
            r"^join the meeting now",
            r"^dial[- ]in by phone",
            r"^microsoft teams\b",
            r"^some mobile devices may ask",
            r"\byou can also dial\b",
            r"^join (?:with google meet|by phone|by sip|by h\.323|by skype|by video system"
            r"|from a video system|on your computer|on the web|with a video conferencing)",
            r"^(?:zoom|webex) meeting\s*$",
            r"\bmeeting (?:id|number|password|passcode)\b",
            r"^(?:passcode|password|pin|access code|host key|conference id)\b",
            r"\b(?:video |phone )?conference id\b",
            r"^one tap mobile",
            r"^dial by your location",
            r"^find (?:your|a) local number",
            r"^more phone numbers",
            r"^or dial\b",
            r"^or call in\b",
            r"\b(?:dial-in|dial in|call-in|call in) (?:number|numbers|info|details)\b",
            r"^(?:global )?call-in numbers",
            r"^(?:tap to join|can't join|cannot join)",
            r"learn more about meet",
            r"please do not edit this section",
            r"^invitation from google calendar",
            r"^you are receiving this",
            r"^forwarding this invitation",
            r"^to stop receiving",
            r"^view all guest info",
            r"^reply for \S+@",
            r"^click here to join",
            r"^download teams",
            r"^learn more\s*(?:\||$|about (?:teams|zoom|webex))",
            r"^meeting options\b",
            r"^reset pin\b",
            r"^alternate vtc instructions",
            r"^for organizers:",
            r"^need help\?",
            r"@(?:zoomcrc\.com|lync\.zoom\.us|t\.plcm\.vc)",  # webex.com is a host above
            r"^\d{1,3}(?:\.\d{1,3}){3}\b",
        )
    ),
    re.IGNORECASE,
)
# Where one line holds a sentence of notes next to a join link.
# Each starts only where a run of spaces starts, so a long run is scanned once.
_SENTENCE_SPLIT = re.compile(r"(?<=[.!?])\s++(?=\S)|(?<!\s)\s++(?:--|—|–|\|)\s+")
_CLAUSE_SPLIT = re.compile(r",\s+(?=[A-Za-z])")
# Lines of Zoom's copied invitation that only mean something inside the block.
_BLOCK_ONLY = re.compile(
    r"^(?:topic|time|meeting url|join url)\s*:|^every (?:day|week|month)\b", re.IGNORECASE
)
# A dial-in wherever it stands: a number followed by ",," / "#", or labelled as a PIN.
_DIAL_IN = re.compile(r"\d\s*(?:,,|#)|\bpin\b|\bdial[- ]?in\b|\bcall[- ]?in\b", re.IGNORECASE)

_PHONE = re.compile(
    r"(?<![\w+])"
    r"(?:"
    r"\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}"  # international, with "+"
    r"|(?:1[\s.-]?)?\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}"  # North American
    r")"
    r"(?![\w])"
)


# A web address: digits in it are a job id or a meeting id, never a phone number
# ("linkedin.com/jobs/view/3890001234"). It starts only where a word starts, so each word is
# read once.
_URL = re.compile(
    r"(?<![^\s(<\[\"':])(?:[a-z][a-z0-9+.-]*+://|www\.|[\w-]++(?:\.[\w-]++)+(?<=[a-z])/)\S*+",
    re.IGNORECASE,
)


def _phones(line: str) -> list[re.Match[str]]:
    """The phone-number shapes in a line, outside web addresses."""
    found = list(_PHONE.finditer(line))
    if not found:
        return found
    urls = [m.span() for m in _URL.finditer(line)]
    if not urls:
        return found
    starts = [start for start, _ in urls]
    kept: list[re.Match[str]] = []
    for match in found:
        i = bisect_right(starts, match.start()) - 1
        if i < 0 or urls[i][1] <= match.start():
            kept.append(match)
    return kept


def _is_phone_line(line: str) -> bool:
    """A line that is mostly a phone number (plus a place name), as dial-in lists are."""
    phones = _phones(line)
    if not phones:
        return False
    match = phones[0]
    rest = (line[: match.start()] + line[match.end() :]).strip()
    return len(re.findall(r"[A-Za-z]+", rest)) <= 6


def _strip_google_blocks(lines: list[str]) -> list[str]:
    """Drop everything between Google's `-::~:~::~` separator lines, inclusive."""
    kept: list[str] = []
    inside = False
    for line in lines:
        if line.strip().startswith("-::~"):
            inside = not inside
            continue
        if not inside:
            kept.append(line)
    return kept


def _is_invite(part: str) -> bool:
    return bool(_INVITE_LINE.search(part) or _phones(part) or _DIAL_IN.search(part))


def _said_beside_invite(text: str) -> list[str]:
    """The sentences of a line that are not about joining the call: whole sentences, or a
    clause after a comma when it carries a date ("Dial-in: +1 646…, decision by 12/11")."""
    said: list[str] = []
    for sentence in _SENTENCE_SPLIT.split(text):
        if not _is_invite(sentence):
            if re.search(r"[A-Za-z]{3}", sentence):
                said.append(sentence.strip())
            continue
        said.extend(
            clause.strip()
            for clause in _CLAUSE_SPLIT.split(sentence)[1:]
            if not _is_invite(clause)
            and re.search(r"\d", clause)
            and re.search(r"[A-Za-z]{3}", clause)
        )
    return said


def _strip_invite_lines(lines: list[str]) -> list[str]:
    kept: list[str] = []
    in_block = False
    for line in lines:
        text = line.strip().lstrip("•·*").strip()
        if not text:
            if not in_block:
                kept.append("")
            continue
        if text.lower().startswith("invitation from google calendar"):
            break  # Google's e-mail footer runs to the end
        boilerplate = bool(_INVITE_LINE.search(text)) or in_block and bool(_BLOCK_ONLY.search(text))
        dial_in = _is_phone_line(text) and (in_block or bool(_DIAL_IN.search(text)))
        if (boilerplate and _INVITE_LINE.search(text)) or dial_in:
            # "They'll decide by Dec 10. Join with Google Meet: https://…" — keep the sentence
            # and drop only the part about joining the call
            said = _said_beside_invite(text)
            if said:
                kept.append(" ".join(part.strip() for part in said))
                in_block = False
                continue
        if boilerplate or dial_in:
            in_block = True
            continue
        in_block = False
        kept.append(line.rstrip())
    return kept


def notes_text(description: str) -> str:
    """The description as plain text, with the video-call invite removed.

    >>> notes_text("<p>Decision by <b>Dec 5</b>.</p>Join Zoom Meeting<br>Meeting ID: 812 3456 7890")
    'Decision by Dec 5.'
    """
    text = description.replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_TAG.search(text):
        text = html_to_text(text)
    text = text.replace("\xa0", " ").replace("\u200b", "")
    lines = _strip_invite_lines(_strip_google_blocks(text.split("\n")))
    result = "\n".join(lines)
    result = re.sub(r"(?<![ \t])[ \t]++\n", "\n", result)
    result = re.sub(r"\n{3,}", "\n\n", result)
    return result.strip()


def phone_numbers(text: str) -> tuple[str, ...]:
    """Phone numbers in the notes, as written, once each; dial-in numbers and PINs are left out.

    >>> phone_numbers("Call Jane at (415) 555-0134 or +44 20 7946 0958.")
    ('(415) 555-0134', '+44 20 7946 0958')
    """
    found: list[str] = []
    seen: set[str] = set()
    for line in text.split("\n"):
        if _INVITE_LINE.search(line):
            continue
        for match in _phones(line):
            tail = line[match.end() : match.end() + 3]
            if re.match(r"\s*(?:,,|#)", tail):
                continue
            number = match.group(0).strip()
            digits = re.sub(r"\D", "", number)
            if not 10 <= len(digits) <= 15 or digits in seen:
                continue
            seen.add(digits)
            found.append(number)
    return tuple(found)


def tel_link(number: str) -> str:
    """A `tel:` link for a number as written: digits only, with its "+" when it had one."""
    digits = re.sub(r"\D", "", number)
    return f"tel:+{digits}" if number.lstrip().startswith("+") else f"tel:{digits}"
