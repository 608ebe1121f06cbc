"""The words timelines are written in: acts (decide, let know, hear back, call, follow up),
agents (we, they, the recruiter, I, you), and the words that say a date is not a timetable.

Each table is one regular expression over words, never over a whole sentence: a statement is read
by `calsync.core.reading.statements` from the words these tables find, so a new way of saying an
act is one more word here, not one more sentence pattern.
"""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE | re.VERBOSE

# ---------------------------------------------------------------------------------------------
# Timeline words

DECISION_WORDS = re.compile(
    r"""\b(?:decid(?:e|es|ed|ing)|decisions?|hear(?:ing)?(?:\s+back)?|get(?:s|ting)?\s+back
        |back\s+to\s+(?:me|you|us)|updates?|next\s+steps?|time[\s-]?frame
        |timeline(?!\s+(?:so\s+far|to\s+date|recap|history))
        |let\s+(?:\w+\s+){1,2}know|respond|response|reply|offers?|feedback|outcome|results?
        |answer|notify|notified|verdict|(?:be|get)\s+in\s+(?:touch|contact)|hear\s+from\s+(?:them|us|me)
        |circle\s+back|come\s+back\s+to\s+(?:me|you|us)|revert(?:ing|s)?|news|heard
        |a\s+call(?:\s+back)?\s+from|(?:expect|await)(?:s|ed|ing)?\s+(?:a|their|her|his|the)\s+call
        (?:[\s-]*back)?|(?:be|being|get|gets)\s+(?:contacted|informed|called|updated|intimated|emailed)
        |(?:should|will|would|shall|to)\s+know|(?:'d|'ll|will|would|shall|to)\s+confirm|'ll\s+know|conclu(?:de|des|ded|ding|sion)|finali[sz](?:e|es|ed|ing)|turn-?around|selection
        |clos(?:e|es|ed|ing)\s+(?:the\s+|this\s+|our\s+)?(?:role|position|req(?:uisition)?|vacancy
        |search|process|hiring)|clos(?:e|es|ed|ing)\s+out\s+(?:the\s+|this\s+|our\s+)?(?:role|position
        |req(?:uisition)?|vacancy|search|process|hiring)
        |final\s+(?:status|call)|status\s+update|mak(?:e|es|ing)\s+(?:(?:a|the|their|our|any)\s+)?
        (?:final\s+)?calls?)\b""",
    _FLAGS,
)
# Contact verbs are instructions when the user does them and decision dates when the employer
# does ("they'll call me by Friday"); see _contact_kind.
CONTACT_WORDS = re.compile(
    r"""\b(?:follow(?:ing|s)?[\s-]*up(?![\s-]+(?:meeting|interview|round|session|conversation
        |chat|panel)s?\b)|followup|f/u|give(?=\s+\w+\s+a\s+(?:call|ring|bell|shout|buzz|tinkle|holler)\b)
        |drop(?=\s+\w+\s+(?:a\s+)?(?:line|note|message|mail|email)\b)|(?<!-)call(?:ing)?
        |reach(?:ing)?\s+(?:back\s+)?out|check(?:ing)?[\s-]+(?:in|back)|touch(?:ing)?\s+base
        |try(?:ing)?\s+(?:again|back)|chas(?:e|ing)|ping(?:ing)?|nudg(?:e|ing)|reconnect(?:ing)?|(?:speak|talk)(?:ing)?\s+again
        |(?:dm|message|text)(?:s|ed|ing)?(?!\s*(?:id|body|box|thread)\b)|e-?mail(?:ing)?(?!\s*(?:address|id|thread|chain))|tak(?:e|es|ing)(?=\s+(?:a|my|your|the)\s+call\b)|catch(?:ing)?\s+up(?![\s-]+(?:call|meeting)s?\b)|ring(?:ing)?(?=\s+(?:him|her|them|me|us|you)\b|\s+(?:\w+\s+)?back\b|\s+(?-i:[A-Z])[a-z]+\b)
        |(?:phon|contact)(?:e|es|ed|ing|s)?(?=\s+(?:you|me|us|him|her|them)\b))\b""",
    _FLAGS,
)
REVISION_WORDS = re.compile(
    r"""\b(?:(?:pushed|moved|postponed|delayed|bumped|shifted|changed|slipped|revised|extended)
        (?:\s+(?:back|out|up|forward))?\s+(?:to|until|till)|now)\b""",
    _FLAGS,
)
# "Zoom call", "the recruiter call on Nov 28": a call that happened or is a meeting, not a step.
CALL_AS_NOUN = re.compile(
    r"""\b(?:zoom|video|phone|teams|conference|screen(?:ing)?|recruiter|intro(?:ductory)?|the|a|an
        |our|this|that|first|last|previous|scheduled|initial|meet|final|thank[\s-]?you|thanks
        |via|by|per|over|through
        |his|her|their|an?\s+\w+|your)\s+$""",
    _FLAGS,
)
# "Sent follow-up Dec 3": a step already taken says nothing about the next one.
DONE_ALREADY = re.compile(
    r"""\b(?:sent|did|made|had|last|previous|earlier|already)\s+(?:(?:a|an|the|my|our)\s+)?$
        |\b(?:sent|emailed|left)\b[^.,;!?\n]{0,30}$""",
    _FLAGS,
)
_RELAY = r"""\b(?:said|told\s+(?:me|us)|asked(?:\s+(?:me|us))?|suggested|recommended|advised
        |wants?\s+(?:me|us)|invited\s+(?:me|us)|free|welcome|fine|ok(?:ay)?)\s+to\s+"""
RELAYED_INSTRUCTION = re.compile(_RELAY + "$", _FLAGS)
# "said to give it two weeks and then follow up": the relay covers the acts joined after it.
RELAYED_THEN = re.compile(_RELAY + r"[^.!?\n]*?\band\s+(?:then\s+)?$", _FLAGS)
SUBJECT = re.compile(
    r"""\b(?:(?P<me>i|i'll|i'd|i'm|me|myself)
        |they|they'll|they'd|he|he'll|he'd|she|she'll|she'd|we|we'll|someone|somebody
        |recruiter|manager|team|hr|company)(?![\w'])""",
    _FLAGS,
)
# "Will follow up in a week": a clause that opens with its modal has no subject; in notes
# that is the writer's own plan.
SUBJECTLESS_MODAL = re.compile(
    r"[\W_]*(?:and\s+|then\s+)?(?:will|shall|going\s+to)\s+(?:\w+ly\s+)?", _FLAGS
)
EMPLOYER_MODAL = re.compile(
    r"""(?:\bwill|'ll|\bwould|'d|\bshall|\bgoing\s+to|\bplans?\s+to|\bpromised\s+to)
        \s+(?:\w+ly\s+)?$""",
    _FLAGS,
)
TO_ME = re.compile(r"\s*(?:back\s+)?(?:(?:to|with)\s+)?(?:me|us)\b", _FLAGS)
# "I'll phone you Thursday", "she will reach out to you": whoever writes, the employer calls.
TO_YOU = re.compile(r"\s*(?:back\s+)?(?:(?:to|with)\s+)?you\b(?!\s+(?:can|could|should))", _FLAGS)
# "Please call me on Jan 6" in the recruiter's letter: an imperative addressed to the candidate.
IMPERATIVE_LEAD = re.compile(
    r"""[\W_]*(?:(?:please|pls|plz|kindly|just|do|feel\s+free\s+to
        |don't\s+hesitate\s+to|you\s+(?:can|could|may|might|should)|you're\s+welcome\s+to)
        [\s,]+)*$""",
    _FLAGS,
)

# Words right before a date that make it a fact about the past or the job, not a timetable.
NOT_A_TIMETABLE = re.compile(
    r"""(?:\bstart(?:s|ed|ing)?(?:\s+date)?|\bjoin(?:ing)?\s+date|\btold(?:\s+(?:me|us))?
        |\bapplied|\binterview(?:ed|s)?|\bspoke|\bspoken|\bmet|\bsent|\breceived|\bsubmitted
        |\bsince|\bposted|\bcalled|\bemailed|\btalked|\bon-?site|\bround|\bscreen(?:ed|ing)?
        |\bscheduled|\bbooked)
        \s*(?:(?:on|at|of|for|from|is|was|would|will|be|:|-|–)\s*)*(?:the\s+)?$""",
    _FLAGS,
)
DEADLINE_START = re.compile(r"(?:within|in)\b", _FLAGS)
DEADLINE_BEFORE = re.compile(
    r"\b(?:by|before|within|in|until|till|no\s+later\s+than)\s+(?:the\s+)?$", _FLAGS
)
# "UPDATE 12/9:", "[12/9] -": a dated header labels what follows; it is not a timetable.
HEADER_BEFORE = re.compile(
    r"""(?:^|\n)[\W_]*(?:update[sd]?|edit(?:ed)?|notes?|status|fyi|added|later|ps)[\W_]*
        (?:on\s+)?$""",
    _FLAGS,
)
ANSWER_TO_THEM = re.compile(
    r"let\s+(?:me|us)\s+know|get(?:s|ting)?\s+back|back\s+to\s+(?:me|us)|respond|reply|revert",
    _FLAGS,
)
PLEASE = re.compile(r"\b(?:please|pls|plz|kindly)[\s,]+(?:do\s+)?$", _FLAGS)
HEADER_AFTER = re.compile(r"\s*[)\]]?\s*(?::(?!\d)|[-–—]\s)", _FLAGS)
# A sentence about the invite itself: its deadlines are for rescheduling, not for a decision.
ABOUT_THE_INVITE = re.compile(
    r"""reschedul|\bavailability\b|\bcan'?t\s+make\b|\bconflict|\brsvp\b
        |\bconfirm\s+(?:your\s+)?attendance""",
    _FLAGS,
)
# A clause about another company's offer, or a deadline the candidate must meet.
OTHER_EMPLOYER = re.compile(
    r"""\b(?:other|another|competing|second|outstanding|exploding|existing|backup)\s+(?:\w+\s+)?offers?\b
        |\boffers?\s+from\b|\bverbal(?:\s+offer)?\s+from\b|'s\s+offer\b|\boffer\s+deadline\b|\bexpir(?:e|es|ed|y|ing)\b
        |\bme\s+(?:until|till)\b""",
    _FLAGS,
)
# A clause where the candidate owes the answer: "I owe Contoso an answer by Feb 3".
CANDIDATES_OWN = re.compile(
    r"""\bto\s+(?:accept|sign)\b
        |\b(?:i|i'll|i\s+will|i\s+(?:need|have|must|got)\s+to|i've\s+got\s+to)\s+(?:decide|respond|reply
        |answer|accept|sign|confirm)\b|\bi\s+owe\b|\bmy\s+(?:own\s+)?(?:answer|reply|decision|deadline)\b
        |\b(?:answer|reply|response|decision)\s+from\s+(?:me|us)\b""",
    _FLAGS,
)
# A sentence asking about timing; a bare period in the next sentence answers it ("Asked about
# next steps. She said about three weeks.").
TIMING_QUESTION = re.compile(
    r"""\b(?:ask(?:ed)?|question(?:ed)?|enquired|inquired|wondered|checked)\b[^.!?\n]{0,60}?
        \b(?:next\s+steps?|timeline|time[\s-]?frame|timing|decisions?|decide|when|how\s+long
        |hear(?:ing)?\s+back|process|turnaround)\b
        |\b(?:when|how\s+long)\b[^.!?\n]{0,60}\?""",
    _FLAGS,
)
# How many characters a sentence may hold and still be a bare answer: "They said two weeks."
MAX_ANSWER = 60
# The words that may open a sentence revising the one before: "Now pushed to", "UPDATE 12/9:"
REVISION_LEAD = frozenset(
    ["now", "it", "it's", "was", "is", "has", "have", "had", "been", "got", "just", "since"]
    + ["then", "but", "and", "update", "updated", "edit"]
)
LEAD_TOKEN = re.compile(r"[A-Za-z']+|\d[\d/.]*")
ALTERNATIVE = re.compile(
    r"[ \t]*,?[ \t]*(?:or|to|–|-)[ \t]*(?:(?:by|on|at[ \t]+the[ \t]+latest)[ \t]+)?", _FLAGS
)
# "after the Christmas break, ideally Tuesday Jan 5": a day that narrows the period before it.
REFINEMENT = re.compile(
    r"""[ \t]*[,(–—-]?[ \t]*(?:(?:ideally|say|i\.?e\.?|probably|likely|most\s+likely|specifically
        |realistically|so|that\s+is|at\s+the\s+latest|latest)[ \t,]+)?(?:(?:by|on)[ \t]+)?""",
    _FLAGS,
)
FULL_STOP = re.compile(r"[.!?](?=\s|$)|\n|\r|•")
# A revision that says a timetable moved ("slipped to", "pushed back to"), unlike a bare "now".
STANDALONE_REVISION = re.compile(r"(?!now\b)\w", _FLAGS)
# What joins a date to the decision word right after it: "a 2 week turnaround", "Weds to
# decide", "the 1st of April for offers", "pushed to next week for the decision".
JOINED_TO = re.compile(
    r"[ \t-]?|\s+to\s+|\s+(?:for|on)\s+(?:(?:the|a|their|our|any)\s+)?(?:final\s+)?", _FLAGS
)
OFFER = re.compile(r"offers?", _FLAGS)
# "No decision this week": the act is denied for that date ...
NEGATION = re.compile(
    r"\b(?:no|not|never|won't|wont|can't|cannot|don't|doesn't|isn't)\s+(?:\w+\s+)?$", _FLAGS
)
# ... unless the date is when the denial ends: "not until Friday", "no decision before the 18th".
NOT_UNTIL = re.compile(r"\b(?:until|till|til|before|after|by)\s+(?:the\s+)?$", _FLAGS)
# "give it two weeks and then follow up", "Friday to call": a date joined to any act after it.
THEN_TO = re.compile(r"\s*,?\s*(?:and\s+)?then\s+|\s+to\s+", _FLAGS)
# "They said two weeks.", "got told 'end of month'": a bare period reported from the employer.
REPORTED_BARE = re.compile(
    r"""\b(?:said|says|mentioned|quoted|reckons?|estimated?|told(?:\s+(?:me|us))?(?=\s*[:'"“‘]))
        \s*[:,]?\s*['"“‘]?\s*(?:(?:about|around|roughly|maybe|probably|approx\.?|~|likely
        |it(?:'ll|\s+will|'d|\s+would|'s|\s+is)\s+be|in|within)\s*)*$""",
    _FLAGS,
)
# What may follow a bare period before its clause ends: "two weeks.", "a week or so,", "end of
# month at the latest'" (and not "two weeks of onboarding").
BARE_END = re.compile(
    r"""\s*(?:or\s+so|at\s+the\s+latest|max(?:imum)?|tops|or\s+thereabouts|,?\s*maybe)?\s*
        ['"”’]?\s*(?:[.,;:!?)\n]|$)""",
    _FLAGS,
)
CLAUSE_BREAK = re.compile(r"[,;:.!?\n\r•—–]|\b(?:and|but|while|whereas|though)\b", _FLAGS)
SENTENCE_BREAK = re.compile(r"[.!?;](?=\s|$)|\n|\r|•")
CLAUSE_START = re.compile(r"[.!?;,:\n\r•—–]\s*|\s-\s")
SUBJECT_CLAUSE = re.compile(r"[:;,—–]\s*|\s-\s")
