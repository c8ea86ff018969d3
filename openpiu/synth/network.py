"""The air network of a synthetic day: the region's airports, the hubs they connect to, carriers, aircraft.

Routes, frequencies and aircraft are plausible for the Western Balkans (not a copy of any timetable).
Time zones and coordinates come from ``airportsdata`` (IATA table), loaded once.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

import airportsdata

# The region's airports and the state (ICAO 9303 code; RKS for Kosovo) whose PIU receives their API data.
REGION_AIRPORTS = {
    "BEG": "SRB", "INI": "SRB", "KVO": "SRB", "PRN": "RKS", "TIA": "ALB", "SKP": "MKD", "OHD": "MKD",
    "TGD": "MNE", "TIV": "MNE", "SJJ": "BIH", "TZL": "BIH", "BNX": "BIH", "OMO": "BIH",
}  # fmt: skip
# Other airports served, by state.
HUB_AIRPORTS = {
    "VIE": "AUT", "FRA": "DEU", "MUC": "DEU", "BER": "DEU", "DUS": "DEU", "STR": "DEU", "DTM": "DEU",
    "FMM": "DEU", "CGN": "DEU", "HAM": "DEU", "ZRH": "CHE", "BSL": "CHE", "GVA": "CHE", "IST": "TUR",
    "SAW": "TUR", "ATH": "GRC", "FCO": "ITA", "MXP": "ITA", "BGY": "ITA", "BLQ": "ITA", "LJU": "SVN",
    "ZAG": "HRV", "CDG": "FRA", "LHR": "GBR", "LTN": "GBR", "AMS": "NLD", "MLA": "MLT", "JFK": "USA",
}  # fmt: skip
# Where connecting passengers come from or go to beyond a hub (LOC 178/179 differ from the flight).
BEYOND = ("JFK", "ORD", "YYZ", "LHR", "DXB", "DOH", "CDG", "AMS", "MAD", "BCN", "ARN", "CPH", "TLV", "HEL")

# The PIU of each state, as UNB recipient.
PIU = {"SRB": "RSPIU", "RKS": "XKPIU", "ALB": "ALPIU", "MKD": "MKPIU", "MNE": "MEPIU", "BIH": "BAPIU"}


@dataclass(frozen=True, slots=True)
class Aircraft:
    """A cabin: type code, seat letters across and rows; seats = rows x letters."""

    code: str
    letters: str
    rows: int

    @property
    def seats(self) -> int:
        return self.rows * len(self.letters)


AIRCRAFT = {
    a.code: a
    for a in (
        Aircraft("319", "ABCDEF", 24),
        Aircraft("320", "ABCDEF", 29),
        Aircraft("32A", "ABCDEF", 30),  # Wizz Air 180-seat A320
        Aircraft("321", "ABCDEF", 33),
        Aircraft("32Q", "ABCDEF", 39),  # A321neo, high density
        Aircraft("738", "ABCDEF", 31),
        Aircraft("7M8", "ABCDEF", 32),
        Aircraft("E95", "ACDF", 29),
        Aircraft("E90", "ACDF", 25),
        Aircraft("CR9", "ACDF", 22),
        Aircraft("DH4", "ACDF", 19),
        Aircraft("AT7", "ACDF", 18),
        Aircraft("223", "ACDEF", 29),  # A220-300, 2-3 abreast
        Aircraft("333", "ACDEFGHK", 32),
    )
}


@dataclass(frozen=True, slots=True)
class Carrier:
    """An airline: designator, name, UNB sender id, home state, crew nationalities, numbering, base."""

    code: str
    name: str
    sender: str
    crew: tuple[str, ...]  # crew nationalities; "HOME" = the state of the region airport (local bases)
    first_number: int
    based_in_region: bool  # rotations start at the region airport (else at the hub)


CARRIERS = {
    c.code: c
    for c in (
        Carrier("JU", "AIR SERBIA", "AIRSERBIA", ("SRB", "SRB", "SRB", "MNE"), 100, True),
        Carrier("W6", "WIZZ AIR", "WIZZAIR", ("HOME",), 4300, True),
        Carrier("W4", "WIZZ AIR MALTA", "WIZZMALTA", ("HOME",), 5600, True),
        Carrier("4O", "AIR MONTENEGRO", "AIRMONTENEGRO", ("MNE",), 110, True),
        Carrier("ZB", "AIR ALBANIA", "AIRALBANIA", ("ALB",), 2000, True),
        Carrier("OS", "AUSTRIAN", "AUSTRIAN", ("AUT",), 721, False),
        Carrier("LH", "LUFTHANSA", "LUFTHANSA", ("DEU",), 1402, False),
        Carrier("EW", "EUROWINGS", "EUROWINGS", ("DEU",), 9050, False),
        Carrier("LX", "SWISS", "SWISS", ("CHE",), 1410, False),
        Carrier("GM", "CHAIR AIRLINES", "CHAIRAIR", ("CHE", "CHE", "RKS"), 8200, False),
        Carrier("TK", "TURKISH AIRLINES", "TURKISH", ("TUR",), 1081, False),
        Carrier("PC", "PEGASUS", "PEGASUS", ("TUR",), 1131, False),
        Carrier("A3", "AEGEAN", "AEGEAN", ("GRC",), 880, False),
        Carrier("FR", "RYANAIR", "RYANAIR", ("ITA", "GBR", "FRA"), 3710, False),
        Carrier("AZ", "ITA AIRWAYS", "ITAAIRWAYS", ("ITA",), 510, False),
    )
}

# Region airport, other airport, carrier, aircraft, daily rotations (one rotation = out and back).
_ROUTES = """
BEG VIE JU 320 3; BEG FRA JU 320 2; BEG MUC JU 319 2; BEG ZRH JU 320 2; BEG CDG JU 320 2; BEG LHR JU 320 1
BEG AMS JU 319 1; BEG FCO JU 319 1; BEG ATH JU 319 1; BEG IST JU 320 2; BEG LJU JU AT7 2; BEG ZAG JU AT7 1
BEG SKP JU AT7 2; BEG TGD JU AT7 2; BEG TIV JU 319 2; BEG SJJ JU AT7 2; BEG TIA JU AT7 1; BEG BER JU 319 1
BEG DUS JU 319 1; BEG STR JU 319 1; BEG GVA JU 319 1; BEG BSL JU AT7 1; BEG JFK JU 333 1
BEG IST TK 321 3; BEG SAW PC 738 1; BEG VIE OS 320 3; BEG FRA LH 321 2; BEG MUC LH CR9 2
BEG ZRH LX 223 2; BEG ATH A3 320 1; BEG BGY FR 738 1; BEG DUS EW 320 1; BEG FCO AZ 320 1
INI DTM W6 32A 1; INI FMM W6 32A 1; INI BSL W6 32A 1; INI MLA W4 32A 1; KVO ZRH JU AT7 1
PRN BSL W6 32A 1; PRN DTM W6 32A 1; PRN FMM W6 32A 1; PRN VIE OS 320 2; PRN IST TK 738 2; PRN SAW PC 738 1
PRN DUS EW 320 1; PRN STR EW 320 1; PRN HAM EW 320 1; PRN ZRH GM 320 2; PRN GVA GM 320 1; PRN BSL GM 320 1
PRN ZRH LX 223 1; PRN MUC LH 320 1; PRN LJU W6 32A 1
TIA BGY W6 32A 1; TIA FCO W6 32A 1; TIA VIE W6 32A 1; TIA LTN W6 32Q 1; TIA BGY FR 738 1; TIA BLQ FR 738 1
TIA IST ZB 320 1; TIA FCO ZB 738 1; TIA IST TK 321 2; TIA VIE OS 320 2; TIA MUC LH 320 1; TIA FRA LH 320 1
TIA ATH A3 320 2; TIA FCO AZ 320 1; TIA MXP AZ 320 1; TIA ZRH LX 223 1; TIA DUS EW 320 1
SKP BSL W6 32A 1; SKP DTM W6 32A 1; SKP FMM W6 32A 1; SKP MLA W4 32A 1; SKP VIE W6 32A 1; SKP IST TK 738 2
SKP SAW PC 738 1; SKP VIE OS E95 1; SKP ZRH GM 320 1; SKP ZRH LX 223 1
OHD DTM W6 32A 1; OHD BSL W6 32A 1
TGD BEG 4O E95 2; TGD IST TK 738 1; TGD VIE OS E95 1; TGD ZRH 4O E95 1; TGD BGY FR 738 1; TGD FRA 4O E95 1
TIV BEG 4O E95 2; TIV IST TK 738 1
SJJ IST TK 321 3; SJJ SAW PC 738 1; SJJ VIE OS 320 2; SJJ MUC LH CR9 1; SJJ STR EW 320 1; SJJ CGN EW 320 1
SJJ ZRH LX 223 1; SJJ DTM W6 32A 1
TZL DTM W6 32A 1; TZL FMM W6 32A 1; TZL MLA W4 32A 1; TZL BSL W6 32A 1; TZL BGY W6 32A 1
BNX BGY FR 738 1; BNX MLA FR 738 1; OMO IST TK 738 1
"""


@dataclass(frozen=True, slots=True)
class Route:
    """A route flown daily: region airport, other airport, carrier, aircraft, rotations per day."""

    region: str
    other: str
    carrier: Carrier
    aircraft: Aircraft
    rotations: int


def _routes() -> tuple[Route, ...]:
    out = []
    for item in _ROUTES.replace("\n", ";").split(";"):
        if item.strip():
            region, other, carrier, aircraft, rotations = item.split()
            out.append(Route(region, other, CARRIERS[carrier], AIRCRAFT[aircraft], int(rotations)))
    return tuple(out)


ROUTES = _routes()


def state_of(airport: str) -> str:
    """The state (3-letter code) an airport of the network lies in."""
    return REGION_AIRPORTS.get(airport) or HUB_AIRPORTS[airport]


@dataclass(frozen=True, slots=True)
class Airport:
    """Reference data of one airport: IATA code, time zone and position."""

    code: str
    zone: ZoneInfo
    latitude: float
    longitude: float


@lru_cache(maxsize=1)
def _table() -> dict[str, Any]:
    return dict(airportsdata.load("IATA"))


# airportsdata lists Morava (Kraljevo) only under its ICAO code LYKV, without the IATA code KVO.
_MISSING: dict[str, Any] = {"KVO": {"tz": "Europe/Belgrade", "lat": 43.8183, "lon": 20.5872}}


@lru_cache(maxsize=256)
def airport(code: str) -> Airport:
    """Time zone and coordinates of an IATA airport (from ``airportsdata``)."""
    row = _MISSING.get(code) or _table()[code]
    return Airport(code, ZoneInfo(str(row["tz"])), float(str(row["lat"])), float(str(row["lon"])))


def block_minutes(origin: str, destination: str) -> int:
    """Scheduled gate-to-gate time: great-circle distance at 780 km/h plus 30 minutes, in 5-minute steps."""
    a, b = airport(origin), airport(destination)
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlon = math.radians(b.longitude - a.longitude)
    cos = math.sin(lat1) * math.sin(lat2) + math.cos(lat1) * math.cos(lat2) * math.cos(dlon)
    km = 6371 * math.acos(max(-1.0, min(1.0, cos)))
    minutes = 30 + km / 780 * 60
    return int(round(minutes / 5) * 5)
