"""Which country's public holidays are not business days, when the user did not say.

A call planned on Christmas Day helps nobody, yet most users never set `holidays`. The
calendar's time zone names a country nearly always (America/New_York → US), so that is the
default; `holidays = "none"` turns holidays off and an explicit country wins.

The table is IANA's zone.tab (public domain), one country per zone, as the tz database ships it;
kept here so the core needs no disk to answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

OFF = "none"

# "CC zone zone …", continuation lines indented.
_ZONE_TAB = """
AD Europe/Andorra
AE Asia/Dubai
AF Asia/Kabul
AG America/Antigua
AI America/Anguilla
AL Europe/Tirane
AM Asia/Yerevan
AO Africa/Luanda
AQ Antarctica/Casey Antarctica/Davis Antarctica/DumontDUrville Antarctica/Mawson
   Antarctica/McMurdo Antarctica/Palmer Antarctica/Rothera Antarctica/Syowa Antarctica/Troll
   Antarctica/Vostok
AR America/Argentina/Buenos_Aires America/Argentina/Catamarca America/Argentina/Cordoba
   America/Argentina/Jujuy America/Argentina/La_Rioja America/Argentina/Mendoza
   America/Argentina/Rio_Gallegos America/Argentina/Salta America/Argentina/San_Juan
   America/Argentina/San_Luis America/Argentina/Tucuman America/Argentina/Ushuaia
AS Pacific/Pago_Pago
AT Europe/Vienna
AU Antarctica/Macquarie Australia/Adelaide Australia/Brisbane Australia/Broken_Hill
   Australia/Darwin Australia/Eucla Australia/Hobart Australia/Lindeman Australia/Lord_Howe
   Australia/Melbourne Australia/Perth Australia/Sydney
AW America/Aruba
AX Europe/Mariehamn
AZ Asia/Baku
BA Europe/Sarajevo
BB America/Barbados
BD Asia/Dhaka
BE Europe/Brussels
BF Africa/Ouagadougou
BG Europe/Sofia
BH Asia/Bahrain
BI Africa/Bujumbura
BJ Africa/Porto-Novo
BL America/St_Barthelemy
BM Atlantic/Bermuda
BN Asia/Brunei
BO America/La_Paz
BQ America/Kralendijk
BR America/Araguaina America/Bahia America/Belem America/Boa_Vista America/Campo_Grande
   America/Cuiaba America/Eirunepe America/Fortaleza America/Maceio America/Manaus
   America/Noronha America/Porto_Velho America/Recife America/Rio_Branco America/Santarem
   America/Sao_Paulo
BS America/Nassau
BT Asia/Thimphu
BW Africa/Gaborone
BY Europe/Minsk
BZ America/Belize
CA America/Atikokan America/Blanc-Sablon America/Cambridge_Bay America/Creston America/Dawson
   America/Dawson_Creek America/Edmonton America/Fort_Nelson America/Glace_Bay
   America/Goose_Bay America/Halifax America/Inuvik America/Iqaluit America/Moncton
   America/Rankin_Inlet America/Regina America/Resolute America/St_Johns America/Swift_Current
   America/Toronto America/Vancouver America/Whitehorse America/Winnipeg
CC Indian/Cocos
CD Africa/Kinshasa Africa/Lubumbashi
CF Africa/Bangui
CG Africa/Brazzaville
CH Europe/Zurich
CI Africa/Abidjan
CK Pacific/Rarotonga
CL America/Coyhaique America/Punta_Arenas America/Santiago Pacific/Easter
CM Africa/Douala
CN Asia/Shanghai Asia/Urumqi
CO America/Bogota
CR America/Costa_Rica
CU America/Havana
CV Atlantic/Cape_Verde
CW America/Curacao
CX Indian/Christmas
CY Asia/Famagusta Asia/Nicosia
CZ Europe/Prague
DE Europe/Berlin Europe/Busingen
DJ Africa/Djibouti
DK Europe/Copenhagen
DM America/Dominica
DO America/Santo_Domingo
DZ Africa/Algiers
EC America/Guayaquil Pacific/Galapagos
EE Europe/Tallinn
EG Africa/Cairo
EH Africa/El_Aaiun
ER Africa/Asmara
ES Africa/Ceuta Atlantic/Canary Europe/Madrid
ET Africa/Addis_Ababa
FI Europe/Helsinki
FJ Pacific/Fiji
FK Atlantic/Stanley
FM Pacific/Chuuk Pacific/Kosrae Pacific/Pohnpei
FO Atlantic/Faroe
FR Europe/Paris
GA Africa/Libreville
GB Europe/London
GD America/Grenada
GE Asia/Tbilisi
GF America/Cayenne
GG Europe/Guernsey
GH Africa/Accra
GI Europe/Gibraltar
GL America/Danmarkshavn America/Nuuk America/Scoresbysund America/Thule
GM Africa/Banjul
GN Africa/Conakry
GP America/Guadeloupe
GQ Africa/Malabo
GR Europe/Athens
GS Atlantic/South_Georgia
GT America/Guatemala
GU Pacific/Guam
GW Africa/Bissau
GY America/Guyana
HK Asia/Hong_Kong
HN America/Tegucigalpa
HR Europe/Zagreb
HT America/Port-au-Prince
HU Europe/Budapest
ID Asia/Jakarta Asia/Jayapura Asia/Makassar Asia/Pontianak
IE Europe/Dublin
IL Asia/Jerusalem
IM Europe/Isle_of_Man
IN Asia/Kolkata
IO Indian/Chagos
IQ Asia/Baghdad
IR Asia/Tehran
IS Atlantic/Reykjavik
IT Europe/Rome
JE Europe/Jersey
JM America/Jamaica
JO Asia/Amman
JP Asia/Tokyo
KE Africa/Nairobi
KG Asia/Bishkek
KH Asia/Phnom_Penh
KI Pacific/Kanton Pacific/Kiritimati Pacific/Tarawa
KM Indian/Comoro
KN America/St_Kitts
KP Asia/Pyongyang
KR Asia/Seoul
KW Asia/Kuwait
KY America/Cayman
KZ Asia/Almaty Asia/Aqtau Asia/Aqtobe Asia/Atyrau Asia/Oral Asia/Qostanay Asia/Qyzylorda
LA Asia/Vientiane
LB Asia/Beirut
LC America/St_Lucia
LI Europe/Vaduz
LK Asia/Colombo
LR Africa/Monrovia
LS Africa/Maseru
LT Europe/Vilnius
LU Europe/Luxembourg
LV Europe/Riga
LY Africa/Tripoli
MA Africa/Casablanca
MC Europe/Monaco
MD Europe/Chisinau
ME Europe/Podgorica
MF America/Marigot
MG Indian/Antananarivo
MH Pacific/Kwajalein Pacific/Majuro
MK Europe/Skopje
ML Africa/Bamako
MM Asia/Yangon
MN Asia/Hovd Asia/Ulaanbaatar
MO Asia/Macau
MP Pacific/Saipan
MQ America/Martinique
MR Africa/Nouakchott
MS America/Montserrat
MT Europe/Malta
MU Indian/Mauritius
MV Indian/Maldives
MW Africa/Blantyre
MX America/Bahia_Banderas America/Cancun America/Chihuahua America/Ciudad_Juarez
   America/Hermosillo America/Matamoros America/Mazatlan America/Merida America/Mexico_City
   America/Monterrey America/Ojinaga America/Tijuana
MY Asia/Kuala_Lumpur Asia/Kuching
MZ Africa/Maputo
NA Africa/Windhoek
NC Pacific/Noumea
NE Africa/Niamey
NF Pacific/Norfolk
NG Africa/Lagos
NI America/Managua
NL Europe/Amsterdam
NO Europe/Oslo
NP Asia/Kathmandu
NR Pacific/Nauru
NU Pacific/Niue
NZ Pacific/Auckland Pacific/Chatham
OM Asia/Muscat
PA America/Panama
PE America/Lima
PF Pacific/Gambier Pacific/Marquesas Pacific/Tahiti
PG Pacific/Bougainville Pacific/Port_Moresby
PH Asia/Manila
PK Asia/Karachi
PL Europe/Warsaw
PM America/Miquelon
PN Pacific/Pitcairn
PR America/Puerto_Rico
PS Asia/Gaza Asia/Hebron
PT Atlantic/Azores Atlantic/Madeira Europe/Lisbon
PW Pacific/Palau
PY America/Asuncion
QA Asia/Qatar
RE Indian/Reunion
RO Europe/Bucharest
RS Europe/Belgrade
RU Asia/Anadyr Asia/Barnaul Asia/Chita Asia/Irkutsk Asia/Kamchatka Asia/Khandyga
   Asia/Krasnoyarsk Asia/Magadan Asia/Novokuznetsk Asia/Novosibirsk Asia/Omsk Asia/Sakhalin
   Asia/Srednekolymsk Asia/Tomsk Asia/Ust-Nera Asia/Vladivostok Asia/Yakutsk
   Asia/Yekaterinburg Europe/Astrakhan Europe/Kaliningrad Europe/Kirov Europe/Moscow
   Europe/Samara Europe/Saratov Europe/Ulyanovsk Europe/Volgograd
RW Africa/Kigali
SA Asia/Riyadh
SB Pacific/Guadalcanal
SC Indian/Mahe
SD Africa/Khartoum
SE Europe/Stockholm
SG Asia/Singapore
SH Atlantic/St_Helena
SI Europe/Ljubljana
SJ Arctic/Longyearbyen
SK Europe/Bratislava
SL Africa/Freetown
SM Europe/San_Marino
SN Africa/Dakar
SO Africa/Mogadishu
SR America/Paramaribo
SS Africa/Juba
ST Africa/Sao_Tome
SV America/El_Salvador
SX America/Lower_Princes
SY Asia/Damascus
SZ Africa/Mbabane
TC America/Grand_Turk
TD Africa/Ndjamena
TF Indian/Kerguelen
TG Africa/Lome
TH Asia/Bangkok
TJ Asia/Dushanbe
TK Pacific/Fakaofo
TL Asia/Dili
TM Asia/Ashgabat
TN Africa/Tunis
TO Pacific/Tongatapu
TR Europe/Istanbul
TT America/Port_of_Spain
TV Pacific/Funafuti
TW Asia/Taipei
TZ Africa/Dar_es_Salaam
UA Europe/Kyiv Europe/Simferopol
UG Africa/Kampala
UM Pacific/Midway Pacific/Wake
US America/Adak America/Anchorage America/Boise America/Chicago America/Denver America/Detroit
   America/Indiana/Indianapolis America/Indiana/Knox America/Indiana/Marengo
   America/Indiana/Petersburg America/Indiana/Tell_City America/Indiana/Vevay
   America/Indiana/Vincennes America/Indiana/Winamac America/Juneau
   America/Kentucky/Louisville America/Kentucky/Monticello America/Los_Angeles
   America/Menominee America/Metlakatla America/New_York America/Nome
   America/North_Dakota/Beulah America/North_Dakota/Center America/North_Dakota/New_Salem
   America/Phoenix America/Sitka America/Yakutat Pacific/Honolulu
UY America/Montevideo
UZ Asia/Samarkand Asia/Tashkent
VA Europe/Vatican
VC America/St_Vincent
VE America/Caracas
VG America/Tortola
VI America/St_Thomas
VN Asia/Ho_Chi_Minh
VU Pacific/Efate
WF Pacific/Wallis
WS Pacific/Apia
YE Asia/Aden
YT Indian/Mayotte
ZA Africa/Johannesburg
ZM Africa/Lusaka
ZW Africa/Harare"""

# Old names the tz database keeps as links; calendars exported years ago still use them.
_PREFIX_ALIASES = {"US/": "US", "Canada/": "CA", "Australia/": "AU", "Brazil/": "BR",
                   "Mexico/": "MX", "Chile/": "CL"}  # fmt: skip
_ALIASES = {
    "GB": "GB", "GB-Eire": "GB", "Europe/Belfast": "GB", "Eire": "IE", "Japan": "JP",
    "Singapore": "SG", "Hongkong": "HK", "Israel": "IL", "Turkey": "TR", "Poland": "PL",
    "Portugal": "PT", "NZ": "NZ", "PRC": "CN", "ROK": "KR", "ROC": "TW", "Iceland": "IS",
    "Egypt": "EG", "Cuba": "CU", "Jamaica": "JM", "Iran": "IR", "Libya": "LY",
    "Asia/Calcutta": "IN", "Asia/Saigon": "VN", "Asia/Katmandu": "NP", "Asia/Rangoon": "MM",
    "Europe/Kiev": "UA", "America/Buenos_Aires": "AR", "America/Indianapolis": "US",
    "America/Montreal": "CA", "Asia/Istanbul": "TR", "Europe/Nicosia": "CY",
}  # fmt: skip


@cache
def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    country = ""
    for line in _ZONE_TAB.splitlines():
        words = line.split()
        if not words:
            continue
        if not line.startswith(" "):
            country, words = words[0], words[1:]
        table.update(dict.fromkeys(words, country))
    return table


def zone_country(zone: str | None) -> str | None:
    """The ISO 3166 country of an IANA zone, or None (UTC, Etc/…, unknown names).

    >>> zone_country("America/New_York"), zone_country("Europe/Berlin"), zone_country("UTC")
    ('US', 'DE', None)
    """
    if not zone:
        return None
    zone = zone.strip()
    found = _table().get(zone) or _ALIASES.get(zone)
    if found:
        return found
    for prefix, country in _PREFIX_ALIASES.items():
        if zone.startswith(prefix):
            return country
    return None


@dataclass(frozen=True)
class HolidayChoice:
    """The country whose holidays count (None: none) and a line saying why, for `plan`."""

    country: str | None
    line: str


def _supported(country: str) -> bool:
    import holidays

    return country.partition("-")[0] in holidays.list_supported_countries()


def choose_holidays(
    setting: str | None, calendar_zone: str | None, system_zone: str | None
) -> HolidayChoice:
    """The holidays a run uses: the configured country, none, or the zone's country.

    >>> choose_holidays(None, "America/New_York", "UTC").line
    "Business days: Mon–Fri minus US public holidays (from the calendar's zone America/New_York)"
    >>> choose_holidays("none", "America/New_York", None).country is None
    True
    """
    if setting and setting.strip().lower() == OFF:
        return HolidayChoice(None, 'Business days: Mon–Fri, no holidays (holidays = "none")')
    if setting:
        code = setting.strip().upper()
        return HolidayChoice(code, f"Business days: Mon–Fri minus {code} public holidays (config)")
    for zone, whose in ((calendar_zone, "the calendar's zone"), (system_zone, "the system zone")):
        country = zone_country(zone)
        if country and _supported(country):
            return HolidayChoice(
                country,
                f"Business days: Mon–Fri minus {country} public holidays (from {whose} {zone})",
            )
    zones = " or ".join(z for z in (calendar_zone, system_zone) if z) or "no zone"
    return HolidayChoice(
        None, f"Business days: Mon–Fri, no holidays (no country known for {zones}; set holidays)"
    )
