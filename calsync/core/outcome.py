"""What the user wrote on a follow-up call after making it, read as an outcome.

After each call the user types what they learned into the call event's notes. The next run plans
from it (SPEC, "Follow-up chain"):

- "rejected": the job went to someone else, or the position closed → one more thank-you note;
- "offer": the user got the job → the chain ends;
- "withdrew": the user left the process (also by taking another job, or by turning this offer
  down) → the chain ends;
- "next-date": a new date to call, or a new decision date → the next call, by the window rules;
- "none": nothing recognisable → nothing happens.

How the notes are read:

- A final outcome beats a date: "They went with someone else; I'll check back in March" is a
  rejection, not a reason to call again in March.
- Among several finals, the last one written wins, because notes are written in time order:
  "Offer came in! ... then I withdrew" ends as withdrew.
- A final phrase does not count when the few words before it, in the same clause, deny it or
  make it hypothetical: "no offer yet", "haven't been rejected", "if they went with someone
  else", "thinking about withdrawing", "they'll make an offer", "I'm going to withdraw" (an
  intention, not yet done). A question does not count either: "Did they go with someone else?".
- "offer" alone is not an offer: "offer expected by Dec 18" is a decision date. An offer needs
  someone to have got, received, made, accepted or signed it ("got the offer", "verbal offer",
  "Offer!").
- "accepted another offer", "took a job elsewhere" and "declined their offer" are withdrew: the
  user chose to leave this process, so no second thank-you note is planned.
- Who says it matters where the words alone are ambiguous: "they're no longer interested" and
  "they're not moving forward" are rejections; "I'm not moving forward with them" and a bare
  "no longer interested" (the user writes about themself) are withdrew.
- A position that was cancelled, closed or put on hold indefinitely, and an offer taken back,
  count as rejected: the user did not get the job through no choice of their own, and a
  gracious note keeps the door open for the next opening.

Dates are not parsed here: `calsync.core.infer.find_window` reads them, relative to the date of
the call.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

from calsync.core.dates import BusinessDays
from calsync.core.infer import find_window
from calsync.model import Outcome, OutcomeKind

# Words that, a little before a final phrase in the same clause, deny it or make it not (yet) a
# fact. Apostrophes are straightened before this runs, and "n't" covers haven't, didn't, isn't…
_NOT_A_FACT = re.compile(
    r"n't\b|\b(?:no|not|never|nobody|none|neither|nor|without|yet to|no one|noone"
    r"|havent|hasnt|didnt|dont|doesnt|isnt|wasnt|arent|werent|wont"
    r"|if|whether|unless|case|maybe|perhaps|possibly|probably|likely|might|may be|may have"
    r"|could|should|would|will|going to|gonna|expect\w*|hope|hoped|hopes|hoping|wonder\w*"
    r"|afraid|worried|worry|ask|asked|asking|consider\w*|think|thinking|chance|unsure)\b"
    r"|'ll\b|'d\b"
)
# Where a sentence ends; "?!" is an exclamation ("Got the offer?!"), not a question.
_SENTENCE_END = re.compile(r"\?(?!\s*!)|[.!\n]")
# How many words before a final phrase can deny it: "haven't officially chosen another".
_LOOKBACK_WORDS = 5
# How far around a match its `unless` pattern looks, in characters.
_UNLESS_REACH = 40
# How far before a phrase its clause is looked for, and after it the end of its sentence: a
# denial or a question mark further away is not about it, and a bounded look keeps a long note
# from being read once per phrase.
_CLAUSE_REACH = 300
_SENTENCE_REACH = 500
# Where one statement ends and the next begins: a denial does not reach across these.
_CLAUSE_BREAK = re.compile(
    r"[.!?;:,()\[\]\n]|\s[-–—]\s|\b(?:but|however|though|although|then|and)\b"
)

_EDGE_PUNCTUATION = re.compile(r"^[\W_]+|[\W_]+$")

_CANDIDATE = r"(?:candidates?|applicants?|person|people|one|hire|finalists?|profile)"
# Who the job went to. "Another" needs a candidate after it, or nothing at all, so "they are
# going with another round of interviews" is not a rejection.
_SOMEONE = (
    r"(?:(?:someone|somebody|anyone|anybody)(?: else)?"
    r"|(?:another|a different|an? other|the other|a more|a stronger|a better) "
    rf"(?:\w+ )?{_CANDIDATE}"
    rf"|an? (?:internal|external)(?: {_CANDIDATE})?|internal {_CANDIDATE}|other {_CANDIDATE}"
    r"|another(?=\s*(?:$|[^\w\s])))"
)
_ROLE = r"(?:job|role|position|opening|vacancy|post|req|requisition)"
_THEIR = r"(?:their|the|his|her|its|this|that|your|them|an?)"


@dataclass(frozen=True)
class _Rule:
    kind: OutcomeKind
    pattern: re.Pattern[str]
    # A match is void when this is found around it in the same note (a failed call attempt is
    # not an unsuccessful application).
    unless: re.Pattern[str] | None = None


def _rule(kind: OutcomeKind, pattern: str, unless: str | None = None) -> _Rule:
    # A space in a pattern stands for any run of white space, so line breaks inside a phrase
    # still match.
    flags = re.IGNORECASE | re.MULTILINE
    return _Rule(
        kind,
        re.compile(pattern.replace(" ", r"\s+"), flags),
        re.compile(unless.replace(" ", r"\s+"), flags) if unless else None,
    )


# Specific before general: when two rules match overlapping words, the earlier rule owns them,
# so "accepted another offer" is withdrew, never "offer", and "didn't get the offer" is rejected.
_RULES: tuple[_Rule, ...] = (
    # The user took another job, turned this one down, or stopped.
    _rule(
        "withdrew",
        r"\bi(?:'ve| have| had)? decided not to (?:move|go|proceed|continue|pursue)\b"
        r"|\bi(?:'m| am) not (?:moving|proceeding|going) (?:forward|ahead)\b"
        r"|\bi(?:'m| am) no longer (?:pursuing|moving forward|in the process)\b",
    ),
    _rule(
        "withdrew",
        r"\b(?:accepted|accept|took|take|taking|signed|went with|going with|chose) (?:another"
        r"|a different|a competing|a better|an other) (?:\w+ )?(?:offer|job|role|position)\b",
    ),
    _rule(
        "withdrew",
        r"\b(?:accepted|accept|took|take|taking|signed) (?:an? )?(?:\w+ )?(?:offer|job|role"
        r"|position) (?:elsewhere|somewhere else|(?:at|with|from) (?:another|a different)"
        r"(?: company| firm| employer)?)\b",
    ),
    _rule(
        "withdrew",
        rf"\b(?:declined|decline|turned down|turn down|rejected|refused|passed on|said no to) "
        rf"{_THEIR} (?:\w+ )?offer\b",
    ),
    # The employer lost interest, closed the role, took the offer back, or chose someone else.
    _rule(
        "rejected",
        r"\b(?:rescinded|rescind|withdrew|withdrawn|pulled|revoked|retracted) (?:the|their|my|an?"
        r"|its) (?:\w+ )?offer\b|\boffer (?:was |has been |got |is )?(?:now )?(?:rescinded"
        r"|withdrawn|pulled|revoked|retracted)\b|\b(?:rescinded|revoked|retracted) it\b",
    ),
    _rule(
        "rejected",
        r"\b(?:they|they're|they are|company|team|employer|recruiter|manager|hr) "
        r"(?:is |are |was |were |have |has )?(?:no longer|not) interested\b",
    ),
    _rule(
        "rejected",
        rf"\b{_ROLE}(?:'s)? (?:has |had |have )?(?:been |was |is |got |were )?(?:now )?"
        r"(?:withdrawn|cancelled|canceled|closed|pulled|put on hold indefinitely|eliminated)\b",
    ),
    _rule(
        "rejected",
        rf"\b(?:withdrew|pulled|cancelled|canceled|closed|eliminated) the {_ROLE}\b",
    ),
    _rule(
        "rejected",
        rf"\b(?:offered|given|gave|extended|giving|offering) (?:it |the {_ROLE} |the offer "
        rf"|an offer |them )?to {_SOMEONE}",
    ),
    _rule(
        "rejected",
        rf"\b(?:went|gone|go|going|moving|moved|move|proceeding|proceeded|proceed|decided to go"
        rf"|continuing|continue) (?:forward |ahead )?with {_SOMEONE}",
    ),
    _rule(
        "rejected",
        rf"\b(?:chose|chosen|choose|choosing|picked|selected|hired|hiring|offered|found"
        rf"|decided on|settled on|went for|gone for) {_SOMEONE}",
    ),
    _rule(
        "rejected",
        rf"\b(?:someone|somebody) else (?:has |had )?(?:got|gets|was|is|been|is being) "
        rf"(?:the {_ROLE}|it|offered|given|hired|chosen|selected|picked)\b",
    ),
    _rule(
        "rejected",
        r"(?:\b(?:won't|wont|will not|'ll not|not|aren't|isn't|decided not to|chose not to"
        r"|unable to|can't|cannot)|\b\w+n't) (?:be )?(?:moving|move|going|proceeding|proceed"
        r"|progressing|progress|taking me|take me|advancing|advance) (?:forward|further|ahead"
        r"|any further|on)\b"
        rf"(?! (?:with {_SOMEONE}|until|yet|before|on the decision))",
    ),
    _rule(
        "rejected",
        r"(?:\b(?:not|won't|will not|decided not to)|\b\w+n't) (?:be )?(?:proceeding|continuing"
        r"|moving on) with (?:me\b|(?:my|the) (?:application|candidacy))",
    ),
    _rule(
        "rejected",
        rf"\b{_ROLE}(?:'s)? (?:has |had |have |is |was )?(?:been |being |was |is |got |were )?"
        r"(?:now |already )?filled\b",
    ),
    _rule("rejected", rf"\bfilled (?:the|this|that) {_ROLE}\b"),
    _rule("rejected", r"\breject(?:ed|ion|s)?\b(?! (?:candidates?|applicants?)\b)"),
    _rule(
        "rejected",
        rf"\b(?:did not|didnt|\w+n't) (?:get|land) (?:it|the {_ROLE}|the offer|an offer"
        r"|the gig)\b",
    ),
    _rule(
        "rejected",
        r"\bnot (?:been )?(?:selected|chosen|picked|successful)\b"
        r"(?! (?:anyone|anybody|someone|a candidate|yet))",
    ),
    _rule(
        "rejected",
        r"\bunsuccessful\b",
        unless=r"\b(?:call|calls|calling|called|attempt\w*|reach\w*|voicemail|get through"
        r"|got through|phone) (?:\w+ ){0,2}unsuccessful\b|\bunsuccessful (?:\w+ ){0,2}"
        r"(?:call|attempt|reaching|getting through|to reach|to get)\b",
    ),
    _rule(
        "rejected",
        r"\b(?:declined|rejected|turned down) (?:my|our) (?:application|candidacy)\b"
        r"|\bturned me down\b|\bpass(?:ed|ing) on me\b|\bregret to inform\b",
    ),
    _rule(
        "rejected",
        r"\bno longer (?:considering me|considered|in consideration|in the running"
        r"|under consideration|a candidate)\b",
    ),
    _rule("rejected", r"\bnot (?:a|the) (?:right |good |strong )?(?:fit|match)\b"),
    _rule("rejected", r"\bdidn't make (?:the cut|it)\b"),
    # The user left the process.
    _rule("withdrew", r"\bwithdr[ae]w(?:n|ing|s|al)?\b"),
    _rule("withdrew", r"\b(?:pulled|pulling|pull|dropped|dropping|bowed|backed) out\b"),
    _rule("withdrew", r"\bno longer interested\b|\bnot interested any\s*more\b|\blost interest\b"),
    _rule("withdrew", r"\bi declined\b"),
    # The user got the job.
    # Before "make me an offer" below, which alone would read "they'd like to" as a wish.
    _rule(
        "offer",
        r"\b(?:want|wants|wanted|decided|would like|\w+'d like|are going|\w+'re going) to "
        r"(?:hire me|(?:make|extend|give) me an? (?:\w+ )?offer)\b",
    ),
    _rule(
        "offer",
        r"\b(?:got|received|receive|have|had|getting|get|landed|land|holding) "
        r"(?:an?|the|their|my|a formal|a written|a verbal) (?:\w+ )?offer\b",
    ),
    _rule(
        "offer",
        r"\b(?:made|make|extended|gave|give|sent) (?:me|us) (?:an?|the|their) (?:\w+ )?offer\b"
        rf"|\boffered me (?:the|a) {_ROLE}\b",
    ),
    _rule(
        "offer",
        r"\boffer (?:letter )?(?:came in|has come in|received|arrived|extended|made|in hand"
        r"|accepted|signed|is in)\b",
    ),
    _rule(
        "offer",
        rf"\b(?:accepted|accept|signed|sign|took) {_THEIR} (?:\w+ )?offer\b",
    ),
    _rule(
        "offer",
        r"\b(?:verbal|written|formal) offer\b(?! (?:expected|due|decision|by|pending|soon|next"
        r"|should|will|is coming))|\boffer\s*!|^[^\w\n]*+(?:job )?offer[^\w\n]*+$",
    ),
    _rule(
        "offer",
        r"\b(?:i'm|i am|i was|i've been|i have been|i got|i just got|got|getting|you're) hired\b"
        r"|\bhired me\b|\bhired\s*!|^[^\w\n]*+hired[^\w\n]*+$",
    ),
    _rule("offer", rf"\b(?:i )?got the {_ROLE}\b"),
)


@dataclass(frozen=True)
class _Finding:
    kind: OutcomeKind
    start: int
    end: int
    phrase: str
    stated: bool  # False when the words before it deny it or make it hypothetical


def read_outcome(
    notes: str,
    call_date: date,
    *,
    date_order: str = "MDY",
    business: BusinessDays | None = None,
) -> Outcome:
    """The outcome the user recorded after a follow-up call made on `call_date`.

    >>> read_outcome("They went with another candidate.", date(2026, 12, 11)).kind
    'rejected'
    >>> read_outcome("No decision yet, call again Jan 12", date(2026, 12, 11)).window.first
    datetime.date(2027, 1, 12)
    """
    final = final_outcome(notes)
    if final is not None:
        return final
    window = find_window(notes, call_date, date_order=date_order, business=business)
    if window is None or window.rule == "default":
        return Outcome("none")
    return Outcome("next-date", window.phrase, window)


def final_outcome(notes: str) -> Outcome | None:
    """The last rejection, offer or withdrawal the notes state as a fact, or None."""
    stated = [f for f in _findings(notes) if f.stated]
    if not stated:
        return None
    last = max(stated, key=lambda f: f.start)
    return Outcome(last.kind, last.phrase)


def _findings(notes: str) -> list[_Finding]:
    # Curly quotes would hide "didn't" from the patterns; the swap keeps every offset in place.
    text = notes.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    # The spans already owned, sorted and disjoint, so each overlap test looks at two of them.
    starts: list[int] = []
    ends: list[int] = []
    found: list[_Finding] = []
    for rule in _RULES:
        for match in rule.pattern.finditer(text):
            start, end = match.span()
            if start == end or _overlaps(starts, ends, start, end):
                continue
            if rule.unless is not None and rule.unless.search(
                text, max(0, start - _UNLESS_REACH), end + _UNLESS_REACH
            ):
                continue
            i = bisect_left(starts, start)
            starts.insert(i, start)
            ends.insert(i, end)
            phrase = _EDGE_PUNCTUATION.sub("", " ".join(notes[start:end].split()))
            found.append(_Finding(rule.kind, start, end, phrase, _is_stated(text, start, end)))
    return found


def _overlaps(starts: list[int], ends: list[int], start: int, end: int) -> bool:
    i = bisect_left(starts, start)
    if i > 0 and ends[i - 1] > start:
        return True
    return i < len(starts) and starts[i] < end


def _is_stated(text: str, start: int, end: int) -> bool:
    """False when the words just before `start`, in the same clause, deny or doubt it, or when
    the sentence is a question ("Did they go with someone else?")."""
    sentence_end = _SENTENCE_END.search(text, end, end + _SENTENCE_REACH)
    if sentence_end is not None and sentence_end.group() == "?":
        return False
    reach = max(0, start - _CLAUSE_REACH)
    before = text[reach:start]
    if reach and not text[reach - 1].isspace():
        # the look starts inside a word: half a word could read as "no" or "if"
        space = re.search(r"\s", before)
        before = before[space.start() :] if space else ""
    breaks = list(_CLAUSE_BREAK.finditer(before))
    clause = before[breaks[-1].end() :] if breaks else before
    words = clause.lower().split()[-_LOOKBACK_WORDS:]
    return _NOT_A_FACT.search(" ".join(words)) is None
