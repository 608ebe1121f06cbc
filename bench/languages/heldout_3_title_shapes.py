# ruff: noqa: E501, E701, E702, E741
# A held-out batch (bench/languages/README.md).
from datetime import UTC, datetime

from calsync.core.detect import detect_interviews
from calsync.model import Attendee, SourceEvent
from calsync.settings import Settings

CASES = [
    (
        "de",
        "Einladung: Vorstellungsgespräch Siemens – Werkstudent Marketing @ Mo. 14. Dez. 2026 10:00 - 11:00 (MEZ) (max@example.org)",
        "Siemens",
        "Werkstudent Marketing",
    ),
    ("de", "SAP | Vorstellungsgespräch | Junior Consultant (w/m/d)", "SAP", "Junior Consultant"),
    ("de", "Vorstellungsgespräch: Teamleiter Logistik bei DHL", "DHL", "Teamleiter Logistik"),
    ("de", "Bewerbungsgespräch per Video mit Otto Group", "Otto Group", None),
    (
        "fr",
        "Invitation : Entretien Capgemini – Consultant SAP @ lun. 14 déc. 2026 10:00 - 11:00 (CET) (a@b.fr)",
        "Capgemini",
        "Consultant SAP",
    ),
    ("fr", "Entretien visio : Développeur Java chez Thales", "Thales", "Développeur Java"),
    ("fr", "Michelin | Entretien | Ingénieur qualité (H/F)", "Michelin", "Ingénieur qualité"),
    (
        "es",
        "Invitación: Entrevista BBVA – Analista de riesgos @ lun 14 dic 2026 10:00 - 11:00 (CET) (a@b.es)",
        "BBVA",
        "Analista de riesgos",
    ),
    ("es", "Entrevista: Técnico de soporte en Indra", "Indra", "Técnico de soporte"),
    ("es", "Mapfre | Entrevista | Actuario", "Mapfre", "Actuario"),
    (
        "pt",
        "Convite: Entrevista Ambev – Analista de Marketing @ seg 14 de dez de 2026 10:00 - 11:00 (BRT) (a@b.br)",
        "Ambev",
        "Analista de Marketing",
    ),
    ("pt", "Entrevista: Desenvolvedor Front-end no iFood", "iFood", "Desenvolvedor Front-end"),
    ("pt", "Vale | Entrevista | Engenheiro de Minas", "Vale", "Engenheiro de Minas"),
    (
        "nl",
        "Uitnodiging: Sollicitatiegesprek Philips – Data Scientist @ ma 14 dec. 2026 10:00 - 11:00 (CET) (a@b.nl)",
        "Philips",
        "Data Scientist",
    ),
    ("nl", "Sollicitatiegesprek: Accountmanager bij KPN", "KPN", "Accountmanager"),
    ("nl", "Heineken | Sollicitatiegesprek | Brand Manager", "Heineken", "Brand Manager"),
    (
        "it",
        "Invito: Colloquio Eni – Geologo @ lun 14 dic 2026 10:00 - 11:00 (CET) (a@b.it)",
        "Eni",
        "Geologo",
    ),
    ("it", "Colloquio: Sviluppatore Python presso Satispay", "Satispay", "Sviluppatore Python"),
    ("it", "Pirelli | Colloquio | Ingegnere di processo", "Pirelli", "Ingegnere di processo"),
]
names = ok = 0
for code, title, company, role in CASES:
    start = datetime(2026, 12, 9, 13, tzinfo=UTC)
    ev = SourceEvent(
        id="x",
        title=title,
        start=start,
        end=start,
        tz="Europe/Berlin",
        description="",
        attendees=(Attendee(email="me@example.org", name="Me", is_self=True),),
    )
    found = detect_interviews([ev], Settings(languages=("en", code)))
    if not found:
        print("MISSED", code, title)
        names += 2
        continue
    got = (found[0].company, found[0].role)
    want = (company, role or "the position")
    names += 2
    ok += (got[0] == want[0]) + (got[1] == want[1])
    if got != want:
        print("NAMES", code, title[:60], got, want)
print(f"companies and roles {ok}/{names}")
