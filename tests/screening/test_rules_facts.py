"""Facts derived from the domain model: one literal booking, every derived fact checked."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from openpiu.model import (
    Agency,
    Booking,
    CheckIn,
    Contact,
    FlightLeg,
    ItineraryLeg,
    Payment,
    PnrTraveller,
    Role,
    Sex,
    SpecialService,
    Ticket,
    TravelDocument,
    Traveller,
)
from openpiu.screening.rules import FACT_SCHEMA, Subject, derive_facts

COUNTRIES = {"TIA": "ALB", "IST": "TUR", "AMS": "NLD", "BEG": "SRB"}
ZONES = {"TIA": ZoneInfo("Europe/Tirane"), "IST": ZoneInfo("Europe/Istanbul")}


def leg(number: str, dep: str, arr: str, start: datetime, end: datetime, carrier: str = "JU") -> ItineraryLeg:
    return ItineraryLeg(FlightLeg(carrier, number, dep, arr, start, end))


def person(surname: str = "PETROVIC", **extra: object) -> Traveller:
    fields: dict[str, object] = {
        "role": Role.PASSENGER,
        "surname": surname,
        "given_names": "MARKO",
        "sex": Sex.MALE,
        "date_of_birth": date(1990, 12, 1),
        "nationality": "SRB",
        "documents": (TravelDocument("P", "012345678", "SRB", date(2027, 1, 15), date(2017, 1, 16)),),
    }
    fields.update(extra)
    return Traveller(**fields)


FLIGHT = FlightLeg("JU", "0680", "TIA", "IST", datetime(2026, 11, 30, 10, 0), datetime(2026, 11, 30, 13, 0))
ITINERARY = (
    leg("0680", "TIA", "IST", datetime(2026, 11, 30, 10), datetime(2026, 11, 30, 13)),
    leg("1234", "IST", "AMS", datetime(2026, 11, 30, 16), datetime(2026, 11, 30, 19), carrier="TK"),
)


def booking(**extra: object) -> Booking:
    marko = PnrTraveller(
        person=person(),
        ref="1",
        tickets=(
            Ticket(
                "1234567890123",
                issued=datetime(2026, 11, 29, 22, 0, tzinfo=UTC),
                payments=(Payment("CA", "350.00", payer="JOHANNES EXAMPLE"),),
            ),
        ),
        special_services=(SpecialService("UMNR"),),
    )
    ana = PnrTraveller(person=person("JOVANOVIC", given_names="ANA", sex=Sex.FEMALE), ref="2")
    fields: dict[str, object] = {
        "record_locator": "ABC123",
        "carrier": "JU",
        "created": datetime(2026, 11, 29, 20, 0, tzinfo=UTC),
        "originator": Agency(country="ALB", originator_type="T", iata_number="12345675"),
        "contacts": (Contact("EM", "someone@example.org"),),
        "travellers": (marko, ana),
        "itinerary": ITINERARY,
    }
    fields.update(extra)
    return Booking(**fields)


def test_pnr_traveller_facts() -> None:
    pnr = booking()
    facts = derive_facts(
        Subject(pnr.travellers[0].person, FLIGHT, pnr, pnr.travellers[0], has_api=False, pushes=2),
        country_of=COUNTRIES.get,
        zone_of=ZONES.get,
    )
    assert facts["flight.departure_country"] == "ALB" and facts["flight.arrival_country"] == "TUR"
    assert facts["flight.departure_hour"] == 10.0  # local hour of day at Tirana
    assert facts["traveller.age"] == 35.0
    assert facts["traveller.has_api"] is False and facts["traveller.has_pnr"] is True
    assert facts["traveller.unaccompanied_minor"] is True
    assert facts["traveller.checked_in"] is False
    assert facts["document.days_to_expiry"] == 46.0
    assert facts["document.issued_days_before"] == (date(2026, 11, 30) - date(2017, 1, 16)).days
    assert facts["document.issuer_differs_from_nationality"] is False
    # Booked 20:00 UTC on the 29th; departs 10:00 Tirana time (UTC+1 in November) = 09:00 UTC: 13 hours.
    assert facts["booking.hours_to_departure"] == 13.0
    assert facts["booking.travellers"] == 2.0 and facts["booking.co_travellers"] == 1.0
    assert facts["booking.agency_country"] == "ALB" and facts["booking.agency_type"] == "T"
    assert facts["booking.has_email"] is True and facts["booking.has_phone"] is False
    assert facts["booking.pushes"] == 2.0
    assert "booking.itinerary_changed" not in facts  # no previous push known
    assert facts["itinerary.one_way"] is True
    assert facts["itinerary.origin"] == "TIA" and facts["itinerary.destination"] == "AMS"
    assert facts["itinerary.via_airports"] == frozenset({"IST"})
    assert facts["itinerary.via_countries"] == frozenset({"TUR"})
    assert facts["itinerary.countries"] == frozenset({"ALB", "TUR", "NLD"})
    assert facts["itinerary.carriers"] == frozenset({"JU", "TK"})
    assert facts["itinerary.stay_days"] is None
    assert facts["ticket.hours_to_departure"] == 11.0 and facts["ticket.count"] == 1.0
    assert facts["payment.types"] == frozenset({"CA"}) and facts["payment.cash"] is True
    assert facts["payment.third_party"] is True
    # Every derived fact is declared, and no proxy of a sensitive characteristic is ever derived.
    assert set(facts) <= set(FACT_SCHEMA)
    assert not [name for name in facts if FACT_SCHEMA[name].proxy_for is not None]


def test_round_trip_stay_change_between_pushes_and_own_payment() -> None:
    back = leg("0681", "IST", "TIA", datetime(2026, 12, 4, 14), datetime(2026, 12, 4, 15))
    own = Ticket("1", payments=(Payment("CC", vendor="VI", payer="MARKO PETROVIC"),))
    before = booking()
    changed = booking(
        itinerary=(ITINERARY[0], back),
        travellers=(
            PnrTraveller(person=person(), ref="1", tickets=(own,)),
            before.travellers[1],
        ),
        group_name="CHOIR",
    )
    changed = replace(
        changed, itinerary=(ItineraryLeg(ITINERARY[0].leg, checkins=(CheckIn(traveller_ref="1"),)), back)
    )
    facts = derive_facts(Subject(person(), FLIGHT, changed, changed.travellers[0], previous_booking=before))
    assert facts["itinerary.one_way"] is False
    assert facts["itinerary.destination"] == "IST"
    assert facts["itinerary.via_airports"] == frozenset()
    assert (
        facts["itinerary.stay_days"]
        == (datetime(2026, 12, 4, 14) - datetime(2026, 11, 30, 13)).total_seconds() / 86400
    )
    assert facts["booking.itinerary_changed"] is True
    assert facts["booking.group"] is True
    assert facts["traveller.checked_in"] is True
    assert facts["payment.third_party"] is False and facts["payment.cash"] is False
    assert facts["payment.card_vendors"] == frozenset({"VI"})
    # Without an airport table, country facts are unknown rather than guessed.
    assert "itinerary.countries" not in facts and facts["flight.departure_country"] is None


def test_api_only_traveller_has_no_booking_facts() -> None:
    facts = derive_facts(Subject(person(nationality="ALB", documents=()), FLIGHT))
    assert facts["traveller.nationality"] == "ALB"
    assert facts["document.count"] == 0.0
    assert "booking.hours_to_departure" not in facts and "itinerary.one_way" not in facts
    assert facts["traveller.has_pnr"] is False


def test_durations_to_departure_use_utc_instants() -> None:
    pnr = booking()
    subject = Subject(pnr.travellers[0].person, FLIGHT, pnr, pnr.travellers[0])
    # Summer time: Tirana is UTC+2, so a 10:00 local departure is 08:00 UTC.
    summer = replace(
        subject,
        flight=replace(FLIGHT, scheduled_departure=datetime(2026, 7, 1, 10, 0)),
        booking=replace(pnr, created=datetime(2026, 6, 30, 20, 0)),
    )
    assert derive_facts(summer, zone_of=ZONES.get)["booking.hours_to_departure"] == 12.0
    # Without the airport's zone the duration is unknown, not off by the UTC offset.
    unknown = derive_facts(subject)
    assert unknown["booking.hours_to_departure"] is None and unknown["ticket.hours_to_departure"] is None
    assert unknown["flight.departure_hour"] == 10.0
