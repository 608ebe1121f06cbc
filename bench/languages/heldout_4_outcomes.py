# ruff: noqa: E501, E701, E702, E741
# A held-out batch (bench/languages/README.md).
from datetime import date

from calsync.core.outcome import read_call_notes

D = date(2026, 12, 11)
CASES = [
    ("de", "Habe leider eine Absage bekommen.", "rejected"),
    ("de", "Sie haben sich für eine andere Bewerberin entschieden.", "rejected"),
    ("de", "Vertragsangebot ist da!", "offer"),
    ("de", "Noch nichts entschieden, melden sich nächste Woche.", "next-date"),
    ("de", "Ich habe meine Bewerbung zurückgezogen.", "withdrew"),
    ("fr", "Réponse négative malheureusement.", "rejected"),
    ("fr", "On m'a fait une proposition d'embauche !", "offer"),
    ("fr", "Pas de décision, ils me rappellent le 18/12.", "next-date"),
    ("fr", "Le poste est pourvu.", "rejected"),
    ("es", "Me han dicho que no, han elegido a otra persona.", "rejected"),
    ("es", "¡Me ofrecieron el puesto!", "offer"),
    ("es", "Aún no han decidido, volver a llamar el 18 de diciembre.", "next-date"),
    ("pt", "Infelizmente não fui aprovado.", "rejected"),
    ("pt", "Recebi uma proposta!", "offer"),
    ("pt", "Ainda sem retorno, ligar de novo dia 18/12.", "next-date"),
    ("nl", "Helaas afgewezen.", "rejected"),
    ("nl", "Ik heb een aanbod gekregen!", "offer"),
    ("nl", "Nog geen besluit, opnieuw bellen op 18 december.", "next-date"),
    ("it", "Purtroppo non sono stato selezionato.", "rejected"),
    ("it", "Ho ricevuto un'offerta!", "offer"),
    ("it", "Ancora nessuna decisione, richiamare il 18/12.", "next-date"),
]
ok = 0
for code, notes, kind in CASES:
    got = read_call_notes(notes, D, languages=("en", code)).outcome.kind
    ok += got == kind
    if got != kind:
        print(code, notes, got, kind)
print(f"outcomes {ok}/{len(CASES)}")
