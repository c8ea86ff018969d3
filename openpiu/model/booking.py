"""A PNR (PNRGOV push) as OpenPIU understands it: bookings, their travellers, itinerary and history.

The people and flights reuse the API types (``Traveller``, ``TravelDocument``, ``FlightLeg``) so that
screening and API↔PNR reconciliation compare like with like; what only a reservation knows (record
locators, agency, tickets and payment, requested and actual seats, check-in, history) lives here.
Field names follow the PNRGOV implementation guide groups (standards digest §4.2).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from openpiu.model.api import ParseWarning
from openpiu.model.travel import Address, Baggage, Contact, FlightLeg, RawSegment, Traveller


class PushFunction(StrEnum):
    """``MSG`` message function at level 0: what kind of push this is (standards §4.5)."""

    FULL = "22"
    UPDATE = "141"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class RecordLocator:
    """One ``RCI`` composite: a reservation system's locator for this booking.

    Attributes:
        carrier: airline or system (``DL``, ``1A``...).
        locator: the record locator.
        control_type: ``C`` for a DCS reference when there is no reservation PNR; else empty.
        created: creation date and time of the PNR in that system, when sent (UTC).
    """

    carrier: str
    locator: str
    control_type: str | None = None
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    """An ``ORG`` segment: who created the booking (Gr.1), checked a traveller in (Gr.6) or sent the push.

    Attributes:
        system: airline or reservation system code (``1A``, ``DL``).
        location: its location (city or airport code).
        iata_number: IATA travel-agency number.
        office: office or pseudo-city identifier.
        agent_location: agent location code.
        company: company identifier.
        originator_type: ``A`` airline agent, ``T`` travel agent, ...
        country: country of the originator.
        currency: currency of the originator.
        agent: agent sign or further identifier.
    """

    system: str | None = None
    location: str | None = None
    iata_number: str | None = None
    office: str | None = None
    agent_location: str | None = None
    company: str | None = None
    originator_type: str | None = None
    country: str | None = None
    currency: str | None = None
    agent: str | None = None


@dataclass(frozen=True, slots=True)
class SpecialService:
    """An ``SSR`` (special service request), as far as OpenPIU models it.

    Attributes:
        code: four-letter AIRIMP code (``DOCS``, ``SEAT``, ``TKNE``...).
        status: action/status code (``HK``, ``NN``...).
        quantity: number of services.
        carrier: airline the request is addressed to.
        board: boarding airport of the segment it applies to.
        off: off-point airport.
        text: free text (e1 c9).
        traveller_refs: traveller references (``TIF`` e2 c3) it applies to.
        seats: seat numbers (``SEAT``/``NSST`` data), in element order.
    """

    code: str
    status: str | None = None
    quantity: int | None = None
    carrier: str | None = None
    board: str | None = None
    off: str | None = None
    text: str | None = None
    traveller_refs: tuple[str, ...] = ()
    seats: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Remark:
    """An ``IFT`` free text: OSI (type 28), fare calculation (15), payer (43), history (19)...

    Attributes:
        kind: the free-text type (``IFT`` e1 c2).
        carrier: airline the text is addressed to, when sent.
        text: the text elements joined by a space.
    """

    kind: str
    text: str
    carrier: str | None = None


@dataclass(frozen=True, slots=True)
class FrequentFlyer:
    """Frequent-flyer status and number only (``FTI``, ``SSR FQTV``): CJEU C-817/19 reads Annex I item 8
    as status and number, not the loyalty account."""

    carrier: str
    number: str
    tier: str | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment (``FOP``, Gr.4) with the payer (``IFT+4:43``) and billing address (``ADD``).

    Attributes:
        type: ``CC`` card, ``CA`` cash, ``CK`` cheque, ``MS`` miscellaneous, ``GR`` government, ``IN``...
        amount: amount paid with this means, as text (``416.00``).
        vendor: card vendor (``VI``, ``AX``...).
        account: account or card number as sent (carriers usually mask it).
        expiry: card expiry as sent (``MMYY``).
        payer: card holder or sponsor, free text.
        billing_address: payer address.
    """

    type: str
    amount: str | None = None
    vendor: str | None = None
    account: str | None = None
    expiry: str | None = None
    payer: str | None = None
    billing_address: Address | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    """A ticket (Gr.3 ``TKT`` with ``MON``, ``PTK``, ``TXD``, ``DAT``) and its payments (Gr.4).

    Attributes:
        number: ticket number; ``None`` for ticketless (``TKT+:1``-style).
        type: document type (``T`` ticket, ``1``/``700``... as sent).
        issued: issue date and time (``DAT+710``).
        base_fare / total: ``MON`` amounts with currency (``2888.00 GBP``).
        validating_carrier: ``PTK`` e4.
        taxes: ``TXD`` amounts with currency and code (``3.10 AY6``).
        payments: forms of payment.
    """

    number: str | None
    type: str | None = None
    issued: datetime | None = None
    base_fare: str | None = None
    total: str | None = None
    validating_carrier: str | None = None
    taxes: tuple[str, ...] = ()
    payments: tuple[Payment, ...] = ()


@dataclass(frozen=True, slots=True)
class PnrTraveller:
    """A traveller on a booking (Gr.2 ``TIF``) with what the reservation adds to the API fields.

    Attributes:
        person: the fields shared with API (names from ``TIF`` with titles removed; sex, birth date,
            nationality and documents from ``SSR DOCS``/``DOCO``; residence from ``DOCA``;
            ``reservation_ref`` = the booking's record locator; ``passenger_ref`` = ``REF``).
        ref: traveller reference (``TIF`` e2 c3) that links SSRs, seats and check-ins to this person.
        type: ``A`` adult, ``C`` child, ``IN`` infant without seat, ... as sent.
        title: the title found glued to the given names (``MR``, ``MRS``...), removed from them.
        accompanied_by_infant: ``TIF`` e2 c4 (``1`` = travels with an infant).
        frequent_flyer: ``FTI`` and ``SSR FQTV``.
        fare: ``FAR`` as sent.
        destination_address: ``DOCA`` with type ``D``.
        special_services: SSRs of this traveller other than DOCS/DOCO/DOCA/CTCx/FQTV.
        remarks: ``IFT`` of this traveller.
        tickets: tickets with their payments.
        emergency_addresses: Gr.2 ``ADD`` (emergency contact, minor delivery/collection).
        extra: segments of the group OpenPIU does not model.
    """

    person: Traveller
    ref: str | None = None
    type: str | None = None
    title: str | None = None
    accompanied_by_infant: bool = False
    frequent_flyer: tuple[FrequentFlyer, ...] = ()
    fare: str | None = None
    destination_address: Address | None = None
    special_services: tuple[SpecialService, ...] = ()
    remarks: tuple[Remark, ...] = ()
    tickets: tuple[Ticket, ...] = ()
    emergency_addresses: tuple[Address, ...] = ()
    extra: tuple[RawSegment, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckIn:
    """One checked-in traveller on a leg (Gr.6 ``DAT``/``ORG``, Gr.7 ``TRI``/``TIF``/``SSD``/``TBD``).

    Attributes:
        time: check-in transaction time (``DAT+2``, UTC).
        agent: who checked in (Gr.6 ``ORG``).
        traveller_ref: ``TRI`` traveller reference.
        sequence: boarding or sequence number (``TRI`` e2 c1).
        surname / given_names: from the Gr.7 ``TIF``, titles removed.
        seat: the actual seat (``SSD``).
        cabin: cabin class (``SSD`` e5).
        baggage: checked bags (``TBD``).
    """

    time: datetime | None = None
    agent: Agency | None = None
    traveller_ref: str | None = None
    sequence: str | None = None
    surname: str | None = None
    given_names: str | None = None
    seat: str | None = None
    cabin: str | None = None
    baggage: Baggage | None = None


@dataclass(frozen=True, slots=True)
class ItineraryLeg:
    """One flight of the booking's itinerary (Gr.5).

    Attributes:
        leg: marketing flight, airports and local times (``TVL``).
        booking_class: reservation booking designator (``TVL`` e5 c2).
        operating_carrier / operating_number: code-share operating flight (``TRA``, or a second
            ``TVL+++++number`` in older versions).
        status: reservation status (``RPI`` e2, ``HK`` confirmed...).
        quantity: seats (``RPI`` e1).
        equipment: aircraft type (``APD``).
        special_services: SSRs of this flight (seat requests, DOCS repeated per flight...).
        locators: ``RCI`` of this flight (DCS references).
        remarks: ``IFT`` of this flight.
        checkins: who checked in, with seats and bags.
        extra: segments of the group OpenPIU does not model.
    """

    leg: FlightLeg
    booking_class: str | None = None
    operating_carrier: str | None = None
    operating_number: str | None = None
    status: str | None = None
    quantity: int | None = None
    equipment: str | None = None
    special_services: tuple[SpecialService, ...] = ()
    locators: tuple[RecordLocator, ...] = ()
    remarks: tuple[Remark, ...] = ()
    checkins: tuple[CheckIn, ...] = ()
    extra: tuple[RawSegment, ...] = ()

    @property
    def is_codeshare(self) -> bool:
        return self.operating_number is not None or (
            self.operating_carrier is not None and self.operating_carrier != self.leg.carrier
        )


@dataclass(frozen=True, slots=True)
class SplitReference:
    """Gr.8 ``EQN`` + ``RCI``: the booking was split or divided; the other PNRs' locators."""

    count: int | None
    locators: tuple[RecordLocator, ...]


@dataclass(frozen=True, slots=True)
class NonAirSegment:
    """Gr.9 ``MSG`` + ``TVL``: hotel, car or other non-air service, kept as sent."""

    business_function: str | None
    segments: tuple[RawSegment, ...]


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """One structured history item (Gr.10 credit ``ABI``/``DAT``, Gr.11 ``SAC`` item, Gr.12 flight).

    Attributes:
        action: ``A`` added, ``X`` cancelled, as sent (``SAC`` e3).
        credit: who made the change (``ABI``, re-written as text).
        time: when (the Gr.10 ``DAT``).
        traveller: name from a history ``TIF`` (``SURNAME/GIVEN``), titles removed.
        service: a history ``SSR``.
        leg: a history flight (``TVL``) with its status (``RPI``) in ``status``.
        status: ``RPI`` status of a history flight.
        text: history free text (``IFT+4:19``).
        bags: history baggage (``TBD``).
        extra: other segments of the item, kept as sent.
    """

    action: str | None
    credit: str | None = None
    time: datetime | None = None
    traveller: str | None = None
    service: SpecialService | None = None
    leg: FlightLeg | None = None
    status: str | None = None
    text: str | None = None
    bags: Baggage | None = None
    extra: tuple[RawSegment, ...] = ()


@dataclass(frozen=True, slots=True)
class Booking:
    """One PNR of a push (Gr.1, from ``SRC`` to the next ``SRC``).

    Attributes:
        record_locator: the first ``RCI`` locator (the key with ``carrier``); ``""`` when none was sent.
        carrier: the system of that locator.
        locators: every ``RCI`` composite of Gr.1 (GDS and codeshare locators).
        created: creation time of the first locator.
        last_modified: ``DAT+700``, last PNR transaction (UTC).
        ticketed: ``DAT+710`` at PNR level.
        originator: Gr.1 ``ORG``, the agency or airline office that made the booking.
        cancelled: True when the booking came with an empty ``ORG`` (update push: the pushed flight was
            removed from the PNR or the PNR was cancelled) or with no body at all.
        contacts: ``ADD`` telephones, ``SSR CTCE/CTCM/CTCH``, OSI ``CTC`` lines, of any traveller.
        addresses: Gr.1 ``ADD`` (PNR contact address).
        special_services: Gr.1 SSRs (other than those read into a traveller).
        remarks: Gr.1 ``IFT`` (OSI...).
        excess_baggage: ``EBD`` as sent.
        group_name: ``TIF+NAME:G`` group booking name.
        travellers: Gr.2 travellers, in message order.
        itinerary: Gr.5 legs, in message order.
        splits: Gr.8 split/divided PNR references.
        non_air: Gr.9 non-air segments.
        history: Gr.10-12 structured history.
        history_text: ``LTS`` unstructured history lines.
        removed_categories: categories of elements the sensitive-data filter removed before storage
            (category only, never content; see ``openpiu.formats.sensitive``).
        extra: segments OpenPIU does not model, or found out of place.
        warnings: what was odd in this booking.
    """

    record_locator: str
    carrier: str | None
    locators: tuple[RecordLocator, ...] = ()
    created: datetime | None = None
    last_modified: datetime | None = None
    ticketed: datetime | None = None
    originator: Agency | None = None
    cancelled: bool = False
    contacts: tuple[Contact, ...] = ()
    addresses: tuple[Address, ...] = ()
    special_services: tuple[SpecialService, ...] = ()
    remarks: tuple[Remark, ...] = ()
    excess_baggage: tuple[str, ...] = ()
    group_name: str | None = None
    travellers: tuple[PnrTraveller, ...] = ()
    itinerary: tuple[ItineraryLeg, ...] = ()
    splits: tuple[SplitReference, ...] = ()
    non_air: tuple[NonAirSegment, ...] = ()
    history: tuple[HistoryItem, ...] = ()
    history_text: tuple[str, ...] = ()
    removed_categories: tuple[str, ...] = ()
    extra: tuple[RawSegment, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()

    @property
    def payments(self) -> tuple[Payment, ...]:
        """Every form of payment of every traveller's tickets."""
        return tuple(p for t in self.travellers for ticket in t.tickets for p in ticket.payments)


@dataclass(frozen=True, slots=True)
class PnrPush:
    """One PNRGOV message (UNH..UNT): the push of the PNRs of one flight.

    Attributes:
        format: ``"PNRGOV 13.1"``.
        function: full or update push (``MSG`` level 0).
        sender: interchange sender (``UNB`` e2).
        recipient: interchange recipient (``UNB`` e3).
        prepared: interchange preparation time.
        interchange_ref / message_ref / common_access_ref / sequence / final: envelope identification.
        originator: level-0 ``ORG``: the airline or system that sent the push.
        flight: level-0 ``TVL``: the flight being pushed (local times).
        declared_bookings: level-0 ``EQN``: PNRs in the whole push (may span several messages).
        bookings: the PNRs of this message.
        extra: level-0 segments OpenPIU does not model.
        warnings: what was odd (envelope, level 0 and every booking's).
    """

    format: str
    function: PushFunction
    sender: str | None
    recipient: str | None
    prepared: datetime | None
    interchange_ref: str | None
    message_ref: str | None
    common_access_ref: str | None
    sequence: int | None
    final: bool | None
    originator: Agency | None
    flight: FlightLeg | None
    declared_bookings: int | None
    bookings: tuple[Booking, ...]
    extra: tuple[RawSegment, ...] = ()
    warnings: tuple[ParseWarning, ...] = ()
