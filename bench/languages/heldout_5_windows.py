# ruff: noqa: E501, E701, E702, E741
from datetime import date

from calsync.core.dates import BusinessDays
from calsync.core.infer import infer_window

I = date(2026, 12, 9)  # Wed
C = {"de": "DE", "fr": "FR", "es": "ES", "pt": "BR", "nl": "NL", "it": "IT"}
CASES = [
    (
        "de",
        "Die finale Entscheidung fällt voraussichtlich Ende der Woche.",
        ("2026-12-14", "2026-12-15"),
    ),
    ("de", "Herr Braun ruft mich nächsten Dienstag zurück.", ("2026-12-16", "2026-12-17")),
    ("de", "Zeitplan: Feedback binnen 10 Werktagen", ("2026-12-24", "2026-12-28")),
    ("fr", "La décision sera prise la semaine du 14 décembre.", ("2026-12-21", "2026-12-22")),
    ("fr", "Ils me tiennent au courant avant vendredi.", ("2026-12-14", "2026-12-15")),
    (
        "fr",
        "Le recruteur m'a dit qu'il me rappellerait dans une semaine.",
        ("2026-12-17", "2026-12-18"),
    ),
    ("es", "La decisión se tomará antes de Navidad.", ("2026-12-28", "2026-12-29")),
    ("es", "Me escribirán el miércoles que viene.", ("2026-12-17", "2026-12-18")),
    ("pt", "Eles vão decidir até o fim da semana que vem.", ("2026-12-21", "2026-12-22")),
    ("pt", "A recrutadora disse que dá retorno em uma semana.", ("2026-12-17", "2026-12-18")),
    ("nl", "Ze laten het binnen een week weten.", ("2026-12-17", "2026-12-18")),
    ("nl", "Beslissing valt eind volgende week.", ("2026-12-21", "2026-12-22")),
    ("it", "Decideranno entro la fine della prossima settimana.", ("2026-12-21", "2026-12-22")),
    ("it", "Mi faranno sapere mercoledì prossimo.", ("2026-12-17", "2026-12-18")),
]
ok = 0
for code, notes, want in CASES:
    w = infer_window(notes, I, business=BusinessDays(C[code]), languages=("en", code))
    got = (w.first.isoformat(), w.last.isoformat())
    ok += got == want
    if got != want:
        print(code, notes, got, w.rule, w.phrase, want)
print(f"call windows {ok}/{len(CASES)}")
