"""Small factories for bookings and API travellers (synthetic names); imported by the tests here."""

from __future__ import annotations

from datetime import date, datetime

from openpiu.model import (
    Baggage,
    Booking,
    Contact,
    FlightLeg,
    ItineraryLeg,
    Payment,
    PnrTraveller,
    RecordLocator,
    Role,
    Ticket,
    TravelDocument,
    Traveller,
)

FLIGHT = FlightLeg("JU", "0123", "IST", "BEG", datetime(2025, 3, 14, 10, 30), datetime(2025, 3, 14, 11, 25))


def person(
    surname: str,
    given: str,
    *,
    doc: str | None = None,
    born: date | None = None,
    seat: str | None = None,
    locator: str | None = None,
    bags: int | None = None,
) -> Traveller:
    return Traveller(
        role=Role.PASSENGER,
        surname=surname,
        given_names=given,
        date_of_birth=born,
        documents=(TravelDocument("P", doc, "SRB"),) if doc else (),
        reservation_ref=locator,
        seat=seat,
        baggage=Baggage(count=bags) if bags is not None else None,
    )


def pnr_traveller(surname: str, given: str, *, ref: str | None = None, **kwargs: object) -> PnrTraveller:
    return PnrTraveller(person=person(surname, given, **kwargs), ref=ref)  # type: ignore[arg-type]


def booking(
    locator: str,
    *travellers: PnrTraveller,
    legs: tuple[FlightLeg, ...] = (FLIGHT,),
    payment: str = "CC",
    contact: str = "38164000000",
    cancelled: bool = False,
) -> Booking:
    return Booking(
        record_locator=locator,
        carrier="JU",
        locators=(RecordLocator("JU", locator),),
        cancelled=cancelled,
        contacts=(Contact("TE", contact),),
        travellers=tuple(
            PnrTraveller(
                person=t.person,
                ref=t.ref,
                tickets=(Ticket("1", payments=(Payment(payment),)),) if i == 0 else (),
            )
            for i, t in enumerate(travellers)
        ),
        itinerary=tuple(ItineraryLeg(leg) for leg in legs),
    )
