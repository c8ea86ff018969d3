"""People, documents and flights: the types shared by API (PAXLST) and PNR (PNRGOV) intake."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from openpiu.model.values import Role, Sex


@dataclass(frozen=True, slots=True)
class RawSegment:
    """A segment OpenPIU does not model, kept as received so nothing is dropped.

    Attributes:
        position: 1-based number of the segment in its interchange.
        tag: segment tag (``FTX``, ``EMP``...).
        text: the segment as it would be written with default delimiters, without terminator.
    """

    position: int
    tag: str
    text: str


@dataclass(frozen=True, slots=True)
class FlightLeg:
    """One flight leg: carrier, number, airports and scheduled times.

    Times are local to the airport, as carriers send them (PAXLST ``DTM`` 189/232, PNRGOV ``TVL``),
    and naive: the airport's time zone gives their UTC instant.

    Attributes:
        carrier: operating (PAXLST) or marketing (PNR itinerary) carrier designator.
        number: flight number zero-padded to four digits (see ``normalise_flight_number``).
        departure_airport: IATA code of the departure airport.
        arrival_airport: IATA code of the arrival airport.
        scheduled_departure: local scheduled departure.
        scheduled_arrival: local scheduled arrival.
        crosses_border: True for the leg into or out of the reporting state (PAXLST ``LOC`` 125/87),
            False for domestic or progressive legs (``LOC`` 92), None when unknown.
    """

    carrier: str
    number: str
    departure_airport: str | None
    arrival_airport: str | None
    scheduled_departure: datetime | None
    scheduled_arrival: datetime | None
    crosses_border: bool | None = None

    @property
    def designator(self) -> str:
        """``JU0123``: carrier and number together."""
        return f"{self.carrier}{self.number}"


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A travel document (passport, identity card, visa...).

    Attributes:
        type: ICAO-style document code as sent (``P`` passport, ``I`` identity card, ``V`` visa...).
        number: the number as sent (upper case, spaces removed); compare with
            ``normalise_document_number``.
        issuing_country: 3-letter issuing state (ICAO 9303 codes, e.g. ``RKS`` for Kosovo).
        expiry_date: date of expiry.
        issue_date: date of issue, when sent.
        place_of_issue: free-text place of issue, when sent.
    """

    type: str | None
    number: str
    issuing_country: str | None = None
    expiry_date: date | None = None
    issue_date: date | None = None
    place_of_issue: str | None = None
    extra: tuple[RawSegment, ...] = ()


@dataclass(frozen=True, slots=True)
class Address:
    """A postal address as sent; every part optional."""

    street: str | None = None
    city: str | None = None
    region: str | None = None
    postcode: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    """A telephone number, fax or e-mail (PAXLST ``COM``: ``TE``, ``FX``, ``EM``)."""

    kind: str
    value: str


@dataclass(frozen=True, slots=True)
class Baggage:
    """Checked baggage of one traveller: count, weight (with unit) and tag numbers."""

    count: int | None = None
    weight: float | None = None
    weight_unit: str | None = None
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Traveller:
    """A person on a flight as declared by the carrier (one PAXLST ``NAD`` group).

    Attributes:
        role: passenger or crew.
        surname: family name(s), upper case as sent.
        given_names: given names joined by a space, upper case as sent.
        in_transit: declared as in transit (PAXLST ``NAD`` DDU/DDT).
        sex: from ``ATT+2``.
        date_of_birth: from ``DTM+329``; two-digit years resolved against the message date.
        nationality: 3-letter code from ``NAT+2``.
        place_of_birth: ``LOC+180``, code or free text.
        country_of_residence: ``LOC+174``.
        embarkation: the traveller's original port of embarkation (``LOC+178``).
        debarkation: the traveller's final port of debarkation (``LOC+179``).
        clearance: place of border clearance (``LOC+22``).
        address: home address from ``NAD`` e5..e9, when sent.
        documents: travel documents (``DOC`` groups), first is the one travelled on.
        reservation_ref: PNR record locator (``RFF+AVF``), the API↔PNR join key.
        passenger_ref: carrier's passenger reference (``RFF+ABO``).
        seat: seat (``RFF+SEA``).
        baggage: checked bags (``MEA``, ``FTX+BAG``).
        verified: document data verified by the carrier (``GEI+4+173``) or not (``174``).
        crew_function: crew function code (``EMP``, e.g. ``CR1``).
        contacts: telephone/e-mail (``COM``).
        extra: segments of the group OpenPIU does not model, kept as received.
    """

    role: Role
    surname: str
    given_names: str
    in_transit: bool = False
    sex: Sex | None = None
    date_of_birth: date | None = None
    nationality: str | None = None
    place_of_birth: str | None = None
    country_of_residence: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    clearance: str | None = None
    address: Address | None = None
    documents: tuple[TravelDocument, ...] = ()
    reservation_ref: str | None = None
    passenger_ref: str | None = None
    seat: str | None = None
    baggage: Baggage | None = None
    verified: bool | None = None
    crew_function: str | None = None
    contacts: tuple[Contact, ...] = ()
    extra: tuple[RawSegment, ...] = ()
