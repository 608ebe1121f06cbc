"""Reading: the notes people wrote → the facts calsync decides from.

The date grammar is tables of forms, each with an example: `numeric` ("12/05", "22.12.",
"15-03-2027"), `periods` ("a fortnight", "KW 7", "end of Q1", "a week on Friday"), `holidays`
("after the Christmas break"), and the word forms in `calsync.core.dates`; `calendar` is the
arithmetic of days and business days under them. `vocabulary` holds the words of timelines
(acts, agents, what is not a timetable); `statements` reads who does what in each sentence and
clause; `owners` pairs each date with the act it belongs to. `calsync.core.infer` turns the
statements into a follow-up window and the phrases it set aside.
"""
