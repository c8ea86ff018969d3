"""Finishing a booking: where SSRs, seats and infant documents sent elsewhere belong, and OSI contacts."""

from __future__ import annotations

from collections.abc import Sequence

from openpiu.formats.edifact import Segment
from openpiu.formats.pnrgov.builders import CheckInBuilder, LegBuilder, TravellerBuilder
from openpiu.formats.pnrgov.ssr import contact
from openpiu.model import Contact, FlightLeg, ParseWarning, Remark


def same_flight(leg: LegBuilder, pushed: FlightLeg) -> bool:
    """True when the itinerary leg is the pushed flight, by marketing or operating designator."""
    number = leg.leg.number
    if (leg.leg.carrier, number) == (pushed.carrier, pushed.number):
        return True
    operating = leg.operating_number.zfill(4) if leg.operating_number else number
    return (leg.operating_carrier, operating) == (pushed.carrier, pushed.number)


def osi_contact(note: Remark) -> Contact | None:
    """OSI (``IFT+4:28``) ``CTCE NAME//EXAMPLE.COM`` / ``CTC 0038111...`` / ``CTCM ...`` lines."""
    if note.kind != "28" or not note.text.startswith("CTC"):
        return None
    code, _, value = note.text.partition(" ")
    if code == "CTCE":
        return contact("CTCE", value)
    digits = sum(ch.isdigit() for ch in value)
    return Contact(kind="TE", value=value.strip()) if digits >= 5 else None


def place_infant_documents(
    travellers: Sequence[TravellerBuilder], warnings: list[ParseWarning], src: Segment
) -> None:
    """DOCS with gender MI/FI sent under the adult belong to the infant (``TIF ...:IN``) travelling with
    them: move each to the infant of the same surname (or the only infant without documents)."""
    infants = [t for t in travellers if t.type == "IN"]
    for adult in travellers:
        for docs in list(adult.infant_docs):
            match = next((i for i in infants if docs.surname and i.surname == docs.surname), None)
            if match is None:
                bare = [i for i in infants if i.docs is None]
                match = bare[0] if len(bare) == 1 else None
            if match is not None:
                if match.docs is None:
                    match.apply_docs(docs)
                elif docs.document is not None and docs.document not in match.documents:
                    match.documents.append(docs.document)
            else:
                adult.unplaced_infant.append(docs)
                warnings.append(
                    ParseWarning(
                        src.position, "SSR", "infant DOCS without an infant traveller: kept on the adult"
                    )
                )
        adult.infant_docs.clear()


def seats_and_bags(
    legs: Sequence[LegBuilder], travellers: Sequence[TravellerBuilder], pushed: FlightLeg
) -> None:
    """Seat and bags of each traveller on the pushed flight, shared with the API model: the actual
    seat and bags from check-in (Gr.7 SSD/TBD), else the requested seat (SSR SEAT)."""
    # Plain loops rather than ``next`` over generator expressions: one per traveller, and compiled
    # (mypyc) each generator is an object of its own.
    leg: LegBuilder | None = None
    for candidate in legs:
        if same_flight(candidate, pushed):
            leg = candidate
            break
    if leg is None:
        return
    requested: dict[str, str] = {}
    for found in leg.services:
        if found.seats and len(found.seats) == len(found.traveller_refs):
            requested.update(zip(found.traveller_refs, found.seats, strict=True))
    for traveller in travellers:
        checkin: CheckInBuilder | None = None
        for ci in leg.checkins:
            if (traveller.ref and ci.ref == traveller.ref) or (
                ci.surname == traveller.surname and ci.given == traveller.given
            ):
                checkin = ci
                break
        if checkin is not None and (checkin.seat or checkin.baggage):
            traveller.seat = checkin.seat
            traveller.baggage = checkin.baggage
        if traveller.seat is None and traveller.ref:
            traveller.seat = requested.get(traveller.ref)
