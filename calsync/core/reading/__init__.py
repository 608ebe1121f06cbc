"""Reading: the notes people wrote → the facts calsync decides from.

`calendar` is the arithmetic of days and business days; `periods` the table of international
period words ("a fortnight", "KW 7", "end of Q1"); `vocabulary` the words of timelines (acts,
agents, what is not a timetable); `statements` who does what in each sentence and clause. The
date grammar itself is `calsync.core.dates`, and `calsync.core.infer` turns statements into a
follow-up window.
"""
