# ruff: noqa: E501, E701, E702, E741
"""A held-out check written after the tables were built, never tuned on. I = Wed 2026-12-09."""

from datetime import UTC, date, datetime

from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.infer import infer_window
from calsync.model import Attendee, SourceEvent
from calsync.settings import Settings

I = date(2026, 12, 9)
C = {"de": "DE", "fr": "FR", "es": "ES", "pt": "BR", "nl": "NL", "it": "IT"}
# code, title, notes, company or None (not an interview), role or None, window (first, last) or None to skip
CASES = [
    (
        "de",
        "Bewerbungsgespräch – Deutsche Bahn – Projektmanager (w/m/d)",
        "Frau Schulz meldet sich bis Mitte nächster Woche.",
        "Deutsche Bahn",
        "Projektmanager",
        ("2026-12-17", "2026-12-18"),
    ),
    (
        "de",
        "Jobinterview Lufthansa Technik (Ingenieur Avionik)",
        "",
        "Lufthansa Technik",
        "Ingenieur Avionik",
        ("2026-12-16", "2026-12-21"),
    ),
    ("de", "Probeinterview mit Mentorin", "", None, None, None),
    ("de", "Mitarbeitergespräch mit Chefin", "", None, None, None),
    (
        "de",
        "Telefoninterview: BASF, Chemielaborant (m/w/d)",
        "Sie geben uns bis zum 18.12. Bescheid.",
        "BASF",
        "Chemielaborant",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "de",
        "Vorstellungsgespräch Bosch Rexroth",
        "Rückmeldung erfolgt innerhalb von 14 Tagen.",
        "Bosch Rexroth",
        None,
        ("2026-12-24", "2026-12-28"),
    ),
    (
        "fr",
        "Entretien d'embauche – Airbus – Ingénieur systèmes (H/F)",
        "Retour prévu sous quinze jours.",
        "Airbus",
        "Ingénieur systèmes",
        ("2026-12-24", "2026-12-28"),
    ),
    (
        "fr",
        "Entretien RH - Société Générale",
        "Ils nous donneront une réponse d'ici le 18 décembre.",
        "Société Générale",
        None,
        ("2026-12-21", "2026-12-22"),
    ),
    ("fr", "Simulation entretien France Travail", "", None, None, None),
    (
        "fr",
        "Deuxième entretien chez Ubisoft (Game Designer)",
        "Décision fin décembre.",
        "Ubisoft",
        "Game Designer",
        ("2027-01-04", "2027-01-05"),
    ),
    (
        "fr",
        "Entretien avec Leroy Merlin : Chef de rayon (F/H)",
        "",
        "Leroy Merlin",
        "Chef de rayon",
        ("2026-12-16", "2026-12-21"),
    ),
    (
        "es",
        "Entrevista Mercadona – Cajero/a",
        "Nos darán una respuesta la semana que viene.",
        "Mercadona",
        "Cajero/a",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "es",
        "Entrevista final con Iberdrola (Ingeniera eléctrica)",
        "Respuesta antes del 18 de diciembre.",
        "Iberdrola",
        "Ingeniera eléctrica",
        ("2026-12-21", "2026-12-22"),
    ),
    ("es", "Simulacro entrevista en inglés", "", None, None, None),
    (
        "es",
        "Segunda entrevista en Glovo - Product Designer",
        "",
        "Glovo",
        "Product Designer",
        ("2026-12-16", "2026-12-21"),
    ),
    ("es", "Reunión de equipo", "", None, None, None),
    (
        "pt",
        "Entrevista Itaú Unibanco - Analista de Risco",
        "O RH vai dar retorno até 11/12.",
        "Itaú Unibanco",
        "Analista de Risco",
        ("2026-12-14", "2026-12-15"),
    ),
    (
        "pt",
        "Entrevista com Magazine Luiza – Gerente de Loja",
        "Retorno em até 10 dias úteis.",
        "Magazine Luiza",
        "Gerente de Loja",
        ("2026-12-24", "2026-12-28"),
    ),
    ("pt", "Treino de entrevista em inglês", "", None, None, None),
    (
        "nl",
        "Sollicitatiegesprek Rabobank – Risk Analyst",
        "Uitslag volgt binnen 5 werkdagen.",
        "Rabobank",
        "Risk Analyst",
        ("2026-12-17", "2026-12-18"),
    ),
    ("nl", "Tweede gesprek bij Coolblue", "", "Coolblue", None, ("2026-12-16", "2026-12-21")),
    ("nl", "Oefensollicitatie met coach", "", None, None, None),
    (
        "it",
        "Colloquio conoscitivo - Ferrero - Brand Manager",
        "Ci faranno sapere entro fine mese.",
        "Ferrero",
        "Brand Manager",
        ("2027-01-04", "2027-01-05"),
    ),
    (
        "it",
        "Secondo colloquio con Intesa Sanpaolo (Analista crediti)",
        "Vi daremo un riscontro entro venerdì 18 dicembre.",
        "Intesa Sanpaolo",
        "Analista crediti",
        ("2026-12-21", "2026-12-22"),
    ),
    ("it", "Simulazione colloquio in inglese", "", None, None, None),
]
det = ok_det = names = ok_names = wins = ok_wins = 0
for code, title, notes, company, role, window in CASES:
    start = datetime(2026, 12, 9, 13, tzinfo=UTC)
    ev = SourceEvent(
        id="x",
        title=title,
        start=start,
        end=start,
        tz="Europe/Berlin",
        description=notes,
        attendees=(Attendee(email="me@example.org", name="Me", is_self=True),),
    )
    found = detect_interviews([ev], Settings(languages=("en", code)))
    det += 1
    if bool(found) == (company is not None):
        ok_det += 1
    else:
        print("DETECTION", code, title, found and (found[0].company, found[0].role))
    if company is None or not found:
        continue
    got = (found[0].company, found[0].role)
    want = (company, role or "the position")
    names += 2
    ok_names += (got[0] == want[0]) + (got[1] == want[1])
    if got != want:
        print("NAMES", code, title, got, want)
    if window:
        w = infer_window(notes, I, business=BusinessDays(C[code]), languages=("en", code))
        wins += 1
        if (w.first.isoformat(), w.last.isoformat()) == window:
            ok_wins += 1
        else:
            print("WINDOW", code, notes, w.first, w.last, w.rule, window)
print(
    f"detection {ok_det}/{det}, companies and roles {ok_names}/{names}, call windows {ok_wins}/{wins}"
)
