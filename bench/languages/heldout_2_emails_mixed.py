# ruff: noqa: E501, E701, E702, E741
"""Second held-out batch: pasted e-mails, longer notes, mixed languages. I = Wed 2026-12-09."""

from datetime import UTC, date, datetime

from calsync.core.dates import BusinessDays
from calsync.core.detect import detect_interviews
from calsync.core.infer import infer_window
from calsync.model import Attendee, SourceEvent
from calsync.settings import Settings

I = date(2026, 12, 9)
C = {"de": "DE", "fr": "FR", "es": "ES", "pt": "BR", "nl": "NL", "it": "IT"}
CASES = [
    (
        "de",
        "Vorstellungsgespräch (Teams) – Allianz Technology – Cloud Engineer (m/w/d)",
        "Hallo Frau Yilmaz,\nvielen Dank für Ihre Zeit. Wir werden uns bis spätestens 16.12. bei Ihnen melden.\nViele Grüße\nJan Koch\nMicrosoft Teams-Besprechung Jetzt teilnehmen",
        "Allianz Technology",
        "Cloud Engineer",
        ("2026-12-17", "2026-12-18"),
    ),
    (
        "de",
        "Zweites Gespräch bei der Commerzbank",
        "Start wäre am 1. März. Feedback kommt in der KW 51.",
        "Commerzbank",
        None,
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "de",
        "Kennenlerngespräch Personio – Customer Success Manager",
        "Lief gut! Sollte mich melden, wenn ich bis 18.12. nichts gehört habe.",
        "Personio",
        "Customer Success Manager",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "de",
        "Assessment-Center Deutsche Telekom",
        "Ergebnis: innerhalb einer Woche",
        "Deutsche Telekom",
        None,
        ("2026-12-17", "2026-12-18"),
    ),
    ("de", "Vorbereitung: Fragen fürs Vorstellungsgespräch", "", None, None, None),
    (
        "fr",
        "Entretien téléphonique avec Doctolib – Product Owner (H/F)",
        "Bonjour,\nMerci pour cet échange. Nous reviendrons vers vous d'ici la fin de la semaine prochaine.\nCordialement,\nClaire",
        "Doctolib",
        "Product Owner",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "fr",
        "2e entretien chez Orange – Chef de projet",
        "Réponse le 15/12 au plus tard.",
        "Orange",
        "Chef de projet",
        ("2026-12-16", "2026-12-17"),
    ),
    (
        "fr",
        "Entretien chez BlaBlaCar",
        "Je les rappelle lundi 14 décembre s'ils ne m'ont pas recontacté.",
        "BlaBlaCar",
        None,
        ("2026-12-14", "2026-12-14"),
    ),
    ("fr", "Préparation entretien Orange", "", None, None, None),
    (
        "es",
        "Entrevista con Cabify – Data Scientist",
        "Hola Lucía:\nGracias por tu tiempo. Te contactaremos en los próximos diez días.\nUn saludo",
        "Cabify",
        "Data Scientist",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "es",
        "Entrevista técnica en Santander (Desarrollador Java)",
        "Respuesta como muy tarde el viernes 18.",
        "Santander",
        "Desarrollador Java",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "es",
        "Entrevista telefónica - Seat",
        "No hubo fechas. La de RRHH fue muy maja.",
        "Seat",
        None,
        ("2026-12-16", "2026-12-21"),
    ),
    (
        "pt",
        "Entrevista com RH – Nubank – Product Manager",
        "Oi Ana! Obrigado pela conversa. Vamos te dar um retorno até o dia 18/12.\nAbraços",
        "Nubank",
        "Product Manager",
        ("2026-12-21", "2026-12-22"),
    ),
    (
        "pt",
        "Entrevista técnica na Stone (Engenheira de Dados)",
        "Retorno na semana que vem.",
        "Stone",
        "Engenheira de Dados",
        ("2026-12-21", "2026-12-22"),
    ),
    ("pt", "Simulado de entrevista com mentora", "", None, None, None),
    (
        "nl",
        "Sollicitatiegesprek ASML – Software Engineer",
        "Beste Sanne,\nBedankt voor het gesprek. We laten je uiterlijk 17 december weten hoe het verder gaat.\nMet vriendelijke groet",
        "ASML",
        "Software Engineer",
        ("2026-12-18", "2026-12-21"),
    ),
    (
        "nl",
        "Tweede gesprek bij Bol (Data Engineer)",
        "Terugkoppeling volgt binnen twee weken.",
        "Bol",
        "Data Engineer",
        ("2026-12-24", "2026-12-28"),
    ),
    (
        "it",
        "Colloquio con Bending Spoons – iOS Engineer",
        "Ciao Marco,\ngrazie per il tempo dedicato. Ti faremo sapere entro il 16 dicembre.\nA presto",
        "Bending Spoons",
        "iOS Engineer",
        ("2026-12-17", "2026-12-18"),
    ),
    (
        "it",
        "Colloquio telefonico Leonardo",
        "Risposta tra due settimane circa.",
        "Leonardo",
        None,
        ("2026-12-24", "2026-12-28"),
    ),
    ("it", "Preparazione colloquio Leonardo", "", None, None, None),
    (
        "de",
        "Interview with Zalando — Data Analyst",
        "Recruiter said they'd get back to me by Dec 16.\nNachtrag: Entscheidung verschoben auf 18.12.",
        "Zalando",
        "Data Analyst",
        ("2026-12-21", "2026-12-22"),
    ),
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
            print("WINDOW", code, repr(notes[:70]), w.first, w.last, w.rule, w.phrase, window)
print(
    f"detection {ok_det}/{det}, companies and roles {ok_names}/{names}, call windows {ok_wins}/{wins}"
)
