"""The ground truth of a synthetic day: people, documents, bookings, flights and the messages about them.

One person exists once (crew fly both legs of a rotation); bookings name their travellers by
``person_id``, and flights list who boarded. PNR pushes of a later issue are meant to be written from the
same bookings, so a booking carries what a PNR holds: record locator, creation, channel and agency,
payment, contact and the whole itinerary, plus booked travellers who did not board (no-shows).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from openpiu.formats.mrz import MrzData, MrzFormat, compose
from openpiu.formats.paxlst_writer import WriteOptions
from openpiu.model import ApiManifest, Role, Sex
from openpiu.synth.names import Origin
from openpiu.synth.spelling import Spelling


@dataclass(frozen=True, slots=True)
class SynthDocument:
    """A travel document; its machine readable zone (check digits valid) is composed on demand."""

    type: str  # "P" passport, "I" identity card
    number: str
    issuing_country: str
    issue_date: date
    expiry_date: date
    holder: MrzData  # what the MRZ prints: names as transliterated on the document, personal number

    @property
    def mrz(self) -> tuple[str, ...]:
        """TD3 lines for a passport, TD1 for an identity card (composed when asked: it is costly)."""
        return compose(self.holder, MrzFormat.TD3 if self.type == "P" else MrzFormat.TD1)


@dataclass(frozen=True, slots=True)
class SynthPerson:
    """A fictitious person: names as in the civil register and as written by carriers' systems."""

    person_id: str
    origin: Origin
    sex: Sex
    surname: str  # original spelling (diacritics, Cyrillic)
    given_names: str
    spelling: Spelling
    written_surname: str  # as in the message: upper-case ASCII
    written_given_names: str
    date_of_birth: date
    nationality: str
    residence: str
    place_of_birth: str | None
    document: SynthDocument


@dataclass(frozen=True, slots=True)
class Segment:
    """One flight of an itinerary (a booking's segment), times local to the airports."""

    carrier: str
    number: str
    departure_airport: str
    arrival_airport: str
    scheduled_departure: datetime
    flight_key: str | None  # the flight of this day, or None when outside the generated day


@dataclass(frozen=True, slots=True)
class Agency:
    """A travel agency (booking office) with its IATA number."""

    name: str
    iata_number: str
    city: str
    country: str


@dataclass(frozen=True, slots=True)
class Payment:
    """How a booking was paid: card (``CC``), cash (``CA``) or invoice (``INV``)."""

    type: str
    amount: str
    currency: str
    card_vendor: str | None = None  # VI, CA (Mastercard), AX
    card_number_masked: str | None = None
    card_holder: str | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    """One traveller's ticket: every traveller of a booking has one, lap infants too (an ``INF`` ticket
    at a tenth of the fare); the booking's payment pays each ticket its own fare (one ``FOP`` per ticket).

    Numbers are the carrier's three-digit accounting code and a ten-digit serial, consecutive within a
    booking (issued in one transaction) and unique in the day.
    """

    person_id: str
    number: str
    fare: str  # total of this ticket, in the booking payment's currency
    infant: bool = False


@dataclass(frozen=True, slots=True)
class Booking:
    """A reservation (PNR): who travels together, booked how and when, paid how."""

    record_locator: str
    created: datetime  # UTC
    kind: str  # solo, couple, family, friends, group
    channel: str  # WEB, AGENCY, CALL_CENTRE, AIRPORT
    agency: Agency | None
    payment: Payment  # the whole booking's; each ticket is paid its fare by it
    contact_phone: str
    contact_email: str
    travellers: tuple[SynthPerson, ...]  # everyone booked, boarded or not
    no_show_ids: tuple[str, ...]  # booked but did not board
    itinerary: tuple[Segment, ...]
    # Bought at the desk after the flight's last PNR push: the travellers board without being in any push.
    go_show: bool = False
    ticketed: datetime | None = None  # UTC; None: ticketed when booked
    # The itinerary as first booked, when it was changed before ticketing (empty: never changed).
    first_itinerary: tuple[Segment, ...] = ()
    tickets: tuple[Ticket, ...] = ()  # one per traveller, in the order of ``travellers``


@dataclass(frozen=True, slots=True)
class Boarding:
    """A person on a flight, with what the carrier declares about them on this flight."""

    person: SynthPerson
    role: Role
    record_locator: str | None = None
    passenger_ref: str | None = None
    seat: str | None = None
    bags: int | None = None
    bag_weight: int | None = None
    bag_tags: tuple[str, ...] = ()
    verified: bool | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    crew_function: str | None = None
    in_transit: bool = False  # declared in transit (an onward or feeder flight on the same booking)


@dataclass(frozen=True, slots=True)
class SynthFlight:
    """One flight of the day, reported to the PIU of ``reporting_state``."""

    key: str  # "JU0456/2026-11-29"
    carrier: str
    number: str
    departure_airport: str
    arrival_airport: str
    scheduled_departure: datetime  # local
    scheduled_arrival: datetime  # local
    aircraft: str
    seats: int
    reporting_state: str
    passengers: tuple[Boarding, ...]
    crew: tuple[Boarding, ...]


@dataclass(frozen=True, slots=True)
class SynthMessage:
    """One file to write: a PAXLST manifest, how it is written, and who it lists."""

    file_name: str
    flight_key: str
    manifest: ApiManifest
    options: WriteOptions
    quirks: tuple[str, ...]
    boardings: tuple[Boarding, ...]


@dataclass(frozen=True, slots=True)
class SynthDay:
    """Everything generated for one day."""

    day: date
    seed: int
    scale: float
    flights: tuple[SynthFlight, ...]
    bookings: tuple[Booking, ...]
    messages: tuple[SynthMessage, ...]

    @property
    def passengers(self) -> int:
        return sum(len(f.passengers) for f in self.flights)

    @property
    def people(self) -> list[SynthPerson]:
        """Every person once: booked travellers (boarded or not) and crews, in order of appearance."""
        seen: dict[str, SynthPerson] = {}
        for booking in self.bookings:
            for person in booking.travellers:
                seen.setdefault(person.person_id, person)
        for flight in self.flights:
            for boarding in flight.crew:
                seen.setdefault(boarding.person.person_id, boarding.person)
        return list(seen.values())

    @property
    def crew(self) -> int:
        return sum(len(f.crew) for f in self.flights)
