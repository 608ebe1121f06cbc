"""The phrases an outcome is read from, and the words that deny or doubt one.

Each entry of `RULES` is one way people write that the job went to someone else, that they got
it, or that they left the process; `calsync.core.outcome` reads the notes with them. Hedges
(`not_a_fact`) are whole words or phrases: "consideration" holds "consider" but doubts nothing,
so "After careful consideration they chose someone else" is a rejection.

Notes typed after a call misspell the very words a rejection is made of ("went with anothr
candidate"); `OUTCOME_WORDS` are read through the same one-letter typo rule as the timeline
words (`calsync.core.spelling`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from calsync.model import OutcomeKind

# Words that, a little before a final phrase in the same clause, deny it or make it not (yet) a
# fact. Whole words only. Apostrophes are straightened before this runs.
_DENIALS = """
    no not never nobody none neither nor without noone havent hasnt didnt dont doesnt isnt wasnt
    arent werent wont
"""
_DENIAL_PHRASES = ("yet to", "no one")
_DOUBTS = """
    if whether unless maybe perhaps possibly probably likely might could should would hope hoped
    hopes hoping wonder wonders wondered wondering afraid worried worry worrying ask asked asking
    consider considers considered considering think thinks thinking chance unsure expect expects
    expected expecting
"""
_DOUBT_PHRASES = ("in case", "may be", "may have")
# The future is not yet a fact for an offer or a withdrawal ("they'll make an offer", "I'm
# going to withdraw"); the employer's future is its decision when it turns the user down ("the
# team will proceed with other applicants").
_FUTURE = ("will", "going to", "gonna", "shall")


def _whole(words: list[str], suffixes: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    tails = "|".join(re.escape(s) for s in suffixes)
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])|(?:{tails})(?![\w])")


_NOT_A_FACT = _whole(
    [*_DENIALS.split(), *_DENIAL_PHRASES, *_DOUBTS.split(), *_DOUBT_PHRASES, *_FUTURE],
    ("n't", "'ll", "'d"),
)
_NOT_YET_DECIDED = _whole(
    [*_DENIALS.split(), *_DENIAL_PHRASES, *_DOUBTS.split(), *_DOUBT_PHRASES], ("n't", "'d")
)


def not_a_fact(words: str, kind: OutcomeKind) -> bool:
    """Whether `words` (the end of the clause before a final phrase, lower case) deny it or make
    it hypothetical.

    >>> not_a_fact("after careful consideration they", "rejected")
    False
    >>> not_a_fact("they'll", "offer"), not_a_fact("the team will", "rejected")
    (True, False)
    """
    hedges = _NOT_YET_DECIDED if kind == "rejected" else _NOT_A_FACT
    return hedges.search(words) is not None


# The words of the phrases below, for the one-letter typo rule ("anothr", "candiate", "procede").
_OUTCOME_WORD_LIST = """
    another candidate candidates applicant applicants someone somebody rejected rejection reject
    proceed proceeding proceeded progressing position filled offered selected successful
    unsuccessful withdrew withdrawn withdraw withdrawal withdrawing interested forward decided
    chosen choose hired hiring internal external different stronger application candidacy
    pursue pursues pursued pursuing cancelled canceled rescinded elsewhere unfortunately regret
    finalist finalists positions offer offers
"""
OUTCOME_WORDS = frozenset(_OUTCOME_WORD_LIST.split())
# Real words one edit from an outcome word, with its first letter: never "corrected".
_LOOKALIKE_LIST = """
    filed fillet filler fills hire hires hirer hiked hiding hiking chase chore close choosy
    anther purse infernal eternal positron regrets proceeds finalise finalize selector offerer
    stranger decide decides decider offed
"""
OUTCOME_LOOKALIKES = frozenset(_LOOKALIKE_LIST.split())


_CANDIDATE = r"(?:candidates?|applicants?|person|people|one|hire|finalists?|profile)"
# Who the job went to. "Another" needs a candidate after it, or nothing at all, so "they are
# going with another round of interviews" is not a rejection.
_SOMEONE = (
    r"(?:(?:someone|somebody|anyone|anybody)(?: else)?"
    r"|(?:another|a different|an? other|the other|a more|a stronger|a better) "
    rf"(?:\w+ )?{_CANDIDATE}"
    rf"|an? (?:internal|external)(?: {_CANDIDATE})?|internal {_CANDIDATE}|other {_CANDIDATE}"
    r"|another(?=\s*(?:$|[^\w\s]))"
    # "a candidate with more experience": a candidate said to be someone other than the user
    r"|an? (?:\w+ )?(?:candidate|applicant|person) (?=(?:with|who|whose|that|closer|better"
    r"|more|already|based|from)\b))"
)
# "requirement" is the open position in Indian English ("they have closed the requirement").
_ROLE = r"(?:job|role|position|opening|vacancy|post|req|requisition|requirement)"
# "has now been filled", "was already been" …: an adverb may stand before or after "been".
_NOW = r"(?:now |already |just |since )?"
_THEIR = r"(?:their|the|his|her|its|this|that|your|them|an?)"


@dataclass(frozen=True)
class Rule:
    kind: OutcomeKind
    pattern: re.Pattern[str]
    # A match is void when this is found around it in the same note (a failed call attempt is
    # not an unsuccessful application).
    unless: re.Pattern[str] | None = None


def _rule(kind: OutcomeKind, pattern: str, unless: str | None = None) -> Rule:
    # A space in a pattern stands for any run of white space, so line breaks inside a phrase
    # still match.
    flags = re.IGNORECASE | re.MULTILINE
    return Rule(
        kind,
        re.compile(pattern.replace(" ", r"\s+"), flags),
        re.compile(unless.replace(" ", r"\s+"), flags) if unless else None,
    )


# Specific before general: when two rules match overlapping words, the earlier rule owns them,
# so "accepted another offer" is withdrew, never "offer", and "didn't get the offer" is rejected.
RULES: tuple[Rule, ...] = (
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
        r"\b(?:accepted|accept|took|taken|take|taking|signed) (?:an? )?(?:\w+ )?(?:offer|job|role"
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
        rf"\b{_ROLE}(?:'s)? (?:has |had |have )?{_NOW}(?:been |was |is |got |were )?{_NOW}"
        r"(?:withdrawn|cancelled|canceled|closed|pulled|put on hold indefinitely|eliminated)\b",
    ),
    _rule(
        "rejected",
        rf"\b(?:withdrew|pulled|cancelled|canceled|closed|eliminated) the {_ROLE}\b",
    ),
    _rule(
        "rejected",
        rf"\b(?:{_ROLE}|it|the offer) (?:has |had |have |is )?(?:went|gone|going|go|been given"
        rf"|was given|been offered|was offered) to {_SOMEONE}",
    ),
    _rule(
        "rejected",
        rf"\b(?:offered|given|gave|extended|giving|offering) (?:it |the {_ROLE} |the offer "
        rf"|an offer |them )?to {_SOMEONE}",
    ),
    _rule(
        "rejected",
        rf"\b(?:went|gone|go|going|moving|moved|move|proceeding|proceeded|proceed|decided to go"
        rf"|continuing|continue|progressing|progressed|progress) (?:forward |ahead |further )?"
        rf"with {_SOMEONE}"
        rf"|\b(?:pursue|pursuing|pursued) {_SOMEONE}",
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
        r"(?:\b(?:not|won't|will not|decided not to|unable to)|\b\w+n't) (?:be )?(?:proceeding"
        r"|continuing|moving on|moving forward|going ahead|progressing|proceed|continue"
        r"|move forward|go ahead|progress) with (?:me\b|(?:my|the|your) (?:application|candidacy))"
        r"|(?:\b(?:not|won't|will not|decided not to|unable to)|\b\w+n't) (?:be )?(?:progressing"
        r"|progress|taking|take|advancing|advance|moving|move) (?:my|your) (?:application"
        r"|candidacy)\b",
    ),
    _rule(
        "rejected",
        rf"\b{_ROLE}(?:'s)? (?:has |had |have |is |was )?{_NOW}(?:been |being |was |is |got "
        rf"|were )?{_NOW}filled\b",
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
        r"\bnot (?:been )?(?:selected|chosen|picked|successful|shortlisted|short-listed)\b"
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
        r"|\bturned me down\b|\bpass(?:ed|ing) on me\b|\bregret to inform\b"
        r"|\b(?:been|was|got|were|being) turned down\b",
    ),
    _rule("rejected", r"\b(?:go|going|gone|went|goes) (?:in )?(?:a|another) different direction\b"),
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
    _rule(
        "withdrew",
        r"\bno longer (?:interested|keen)\b|\bnot (?:interested|keen) any\s*more\b"
        r"|\blost interest\b",
    ),
    _rule(
        "withdrew",
        r"\b(?:pulled|withdrew|retracted|took back) my (?:application|candidacy)\b",
    ),
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
        r"|accepted|signed|is in|(?:was |has been |got )?(?:rolled out|released))\b"
        r"|\b(?:rolled out|released) (?:the |an |my )?offer\b",
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
    _rule(
        "offer",
        r"\b(?:signed|sign|received|got) (?:the|my|their|an?) (?:employment |job )?contract\b",
    ),
)
