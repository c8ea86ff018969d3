"""The fact schema: every field a pre-determined criterion may read, with its type, and what it may not read.

A criterion (PNR Directive Art 6(3)(b)) is written over *facts*: values derived from the traveller, the
booking, its itinerary, payment and documents, and the flight (see ``facts.derive_facts``). Declaring them
here, with a type each, lets a rule be checked before it is stored: unknown fields, operators that do not
fit the type, and fields that reveal or stand in for a sensitive characteristic are refused.

Art 6(4) forbids criteria based on racial or ethnic origin, political opinions, religion or philosophical
beliefs, trade-union membership, health, sex life or sexual orientation (standards digest §5.3); CJEU
C-817/19 adds that criteria must be non-discriminatory, targeted and specific (§6). OpenPIU therefore has no
fact for those characteristics at all, refuses rules that name them, and declares the fields that could stand
in for them (meal and medical requests, free-text remarks, names, place of birth) as *proxies*: they exist for
display and other purposes but no rule may use them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class FactType(StrEnum):
    """The type of a fact, which decides the operators a rule may apply to it."""

    BOOL = "bool"
    NUMBER = "number"
    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    TEXT_SET = "text_set"


class SensitiveKind(StrEnum):
    """The characteristics Art 6(4) and Art 13(4) put out of bounds for criteria."""

    ETHNIC_ORIGIN = "racial or ethnic origin"
    POLITICAL_OPINION = "political opinions"
    RELIGION = "religion or philosophical beliefs"
    TRADE_UNION = "trade-union membership"
    HEALTH = "health"
    SEX_LIFE = "sex life"
    SEXUAL_ORIENTATION = "sexual orientation"


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One fact a rule may name.

    Attributes:
        name: dotted name (``booking.hours_to_departure``): entity, then field.
        type: the fact type.
        description: what the fact means and where it comes from.
        proxy_for: set when the field can reveal a sensitive characteristic; no rule may use it.
    """

    name: str
    type: FactType
    description: str
    proxy_for: SensitiveKind | None = None


# Words that name a sensitive characteristic: a field whose name contains one is refused outright, even if
# someone adds it to the schema later by mistake (the refusal does not depend on the schema being right).
SENSITIVE_WORDS: dict[str, SensitiveKind] = {
    "ethnic": SensitiveKind.ETHNIC_ORIGIN,
    "race": SensitiveKind.ETHNIC_ORIGIN,
    "racial": SensitiveKind.ETHNIC_ORIGIN,
    "religion": SensitiveKind.RELIGION,
    "religious": SensitiveKind.RELIGION,
    "belief": SensitiveKind.RELIGION,
    "political": SensitiveKind.POLITICAL_OPINION,
    "politics": SensitiveKind.POLITICAL_OPINION,
    "union": SensitiveKind.TRADE_UNION,
    "health": SensitiveKind.HEALTH,
    "medical": SensitiveKind.HEALTH,
    "disability": SensitiveKind.HEALTH,
    "sex_life": SensitiveKind.SEX_LIFE,
    "sexual": SensitiveKind.SEXUAL_ORIENTATION,
    "orientation": SensitiveKind.SEXUAL_ORIENTATION,
}

_B, _N, _T, _D, _DT, _S = (
    FactType.BOOL,
    FactType.NUMBER,
    FactType.TEXT,
    FactType.DATE,
    FactType.DATETIME,
    FactType.TEXT_SET,
)

_FIELDS: tuple[FieldSpec, ...] = (
    # Flight: the leg being assessed (API reporting leg or PNR pushed flight).
    FieldSpec("flight.carrier", _T, "carrier designator of the assessed flight (JU, W6...)"),
    FieldSpec("flight.number", _T, "flight number, zero-padded to four digits"),
    FieldSpec("flight.departure_airport", _T, "IATA departure airport of the assessed flight"),
    FieldSpec("flight.arrival_airport", _T, "IATA arrival airport of the assessed flight"),
    FieldSpec("flight.departure_country", _T, "ISO alpha-3 country of the departure airport"),
    FieldSpec("flight.arrival_country", _T, "ISO alpha-3 country of the arrival airport"),
    FieldSpec("flight.departure", _DT, "scheduled departure, local time of the airport"),
    FieldSpec(
        "flight.departure_hour", _N, "hour of day of the scheduled departure, airport local time (0-23)"
    ),
    FieldSpec("flight.arrival", _DT, "scheduled arrival, local time of the airport"),
    # Traveller: API and PNR fields shared by both (Annex I item 18).
    FieldSpec("traveller.role", _T, "passenger or crew"),
    FieldSpec("traveller.sex", _T, "sex as in the travel document (M, F, X, U)"),
    FieldSpec("traveller.age", _N, "age in whole years on the day of departure"),
    FieldSpec("traveller.date_of_birth", _D, "date of birth"),
    FieldSpec("traveller.nationality", _T, "ISO alpha-3 nationality"),
    FieldSpec("traveller.country_of_residence", _T, "ISO alpha-3 country of residence"),
    FieldSpec("traveller.in_transit", _B, "declared in transit"),
    FieldSpec("traveller.has_api", _B, "the traveller was reported in API"),
    FieldSpec("traveller.has_pnr", _B, "the traveller was found in a PNR"),
    FieldSpec("traveller.checked_in", _B, "a check-in is recorded in the PNR"),
    FieldSpec("traveller.bags", _N, "number of checked bags"),
    FieldSpec("traveller.bags_weight", _N, "weight of checked bags, in the unit sent (usually kg)"),
    FieldSpec("traveller.frequent_flyer", _B, "has a frequent-flyer number on the booking"),
    FieldSpec("traveller.unaccompanied_minor", _B, "booked as an unaccompanied minor (SSR UMNR)"),
    FieldSpec("traveller.surname", _T, "family name", SensitiveKind.ETHNIC_ORIGIN),
    FieldSpec("traveller.given_names", _T, "given names", SensitiveKind.ETHNIC_ORIGIN),
    FieldSpec("traveller.place_of_birth", _T, "place of birth", SensitiveKind.ETHNIC_ORIGIN),
    FieldSpec("traveller.special_meal", _S, "meal request codes (SSR xxML)", SensitiveKind.RELIGION),
    FieldSpec("traveller.special_services", _S, "all SSR codes of the traveller", SensitiveKind.HEALTH),
    FieldSpec("traveller.medical_assistance", _B, "wheelchair/medical SSR present", SensitiveKind.HEALTH),
    # Document: the document travelled on (the first one sent).
    FieldSpec("document.type", _T, "ICAO document code of the first document (P, I, ...)"),
    FieldSpec("document.issuing_country", _T, "ISO alpha-3 issuing state of the first document"),
    FieldSpec("document.expiry_date", _D, "expiry date of the first document"),
    FieldSpec("document.days_to_expiry", _N, "days from departure to the document's expiry"),
    FieldSpec("document.issued_days_before", _N, "days from the document's issue to departure"),
    FieldSpec("document.count", _N, "number of travel documents declared"),
    FieldSpec(
        "document.issuer_differs_from_nationality",
        _B,
        "first document issued by another state than nationality",
    ),
    # Booking (PNR Annex I items 1, 2, 9, 10, 11, 17, 19).
    FieldSpec("booking.created", _DT, "creation time of the PNR (UTC)"),
    FieldSpec(
        "booking.hours_to_departure",
        _N,
        "hours between booking creation and scheduled departure (UTC instants)",
    ),
    FieldSpec("booking.travellers", _N, "number of travellers on the PNR"),
    FieldSpec("booking.co_travellers", _N, "number of other travellers on the PNR"),
    FieldSpec("booking.group", _B, "group booking (named group)"),
    FieldSpec("booking.split", _B, "the PNR was split or divided"),
    FieldSpec("booking.agency_country", _T, "country of the booking office or agency"),
    FieldSpec("booking.agency_type", _T, "originator type: A airline agent, T travel agent, ..."),
    FieldSpec("booking.agency_iata", _T, "IATA number of the booking agency"),
    FieldSpec("booking.has_email", _B, "an e-mail contact is on the PNR"),
    FieldSpec("booking.has_phone", _B, "a telephone contact is on the PNR"),
    FieldSpec("booking.pushes", _N, "number of pushes of this PNR seen for the flight"),
    FieldSpec("booking.itinerary_changed", _B, "the itinerary differs from the previous push"),
    FieldSpec("booking.remarks", _T, "general remarks (OSI) free text", SensitiveKind.RELIGION),
    # Itinerary (Annex I items 3, 7, 15).
    FieldSpec("itinerary.legs", _N, "number of flights on the PNR"),
    FieldSpec("itinerary.one_way", _B, "no flight returns to the origin"),
    FieldSpec("itinerary.origin", _T, "first departure airport of the PNR"),
    FieldSpec("itinerary.destination", _T, "arrival airport of the last flight of the PNR"),
    FieldSpec("itinerary.airports", _S, "every airport of the PNR's flights"),
    FieldSpec("itinerary.countries", _S, "every country of the PNR's airports (alpha-3)"),
    FieldSpec("itinerary.via_airports", _S, "airports touched other than the first origin and final point"),
    FieldSpec("itinerary.via_countries", _S, "countries of the via airports"),
    FieldSpec("itinerary.carriers", _S, "marketing carriers of the PNR's flights"),
    FieldSpec("itinerary.stay_days", _N, "days between the outbound arrival and the next departure"),
    FieldSpec("itinerary.codeshare", _B, "a flight of the PNR is a code-share"),
    # Ticket and payment (Annex I items 6, 13).
    FieldSpec("ticket.issued", _DT, "issue time of the traveller's first ticket (UTC)"),
    FieldSpec(
        "ticket.hours_to_departure", _N, "hours between ticket issue and scheduled departure (UTC instants)"
    ),
    FieldSpec("ticket.count", _N, "number of tickets of the traveller"),
    FieldSpec("payment.types", _S, "forms of payment (CA cash, CC card, ...)"),
    FieldSpec("payment.cash", _B, "paid (at least partly) in cash"),
    FieldSpec("payment.third_party", _B, "a payer is named and is not a traveller on the PNR"),
    FieldSpec("payment.card_vendors", _S, "card vendors (VI, AX, ...)"),
)

FACT_SCHEMA: dict[str, FieldSpec] = {spec.name: spec for spec in _FIELDS}


def sensitive_word(field: str) -> SensitiveKind | None:
    """The sensitive characteristic a field name names outright (``traveller.religion``), if any."""
    lowered = field.lower()
    for word, kind in SENSITIVE_WORDS.items():
        if word in lowered:
            return kind
    return None
