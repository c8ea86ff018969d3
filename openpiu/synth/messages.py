"""PAXLST manifests of a flight: the passenger list (sometimes split into a multi-part series) and the
crew list (``BGM+250``), each to be written as one interchange per file.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import timedelta

from openpiu.model import ApiManifest, Baggage, Contact, FlightLeg, Role, TravelDocument, Traveller
from openpiu.synth.contacts import phone_for
from openpiu.synth.draw import between, pick
from openpiu.synth.model import Boarding, SynthFlight, SynthMessage
from openpiu.synth.profiles import FUNCTIONS, options_for, quirks_of
from openpiu.synth.schedule import FlightPlan


@dataclass
class Counters:
    """Interchange control references per sender, running through the day."""

    by_sender: dict[str, int]

    def next(self, sender: str) -> int:
        value = self.by_sender.get(sender, 0) + 1
        self.by_sender[sender] = value
        return value


def traveller_of(boarding: Boarding, clearance: str | None) -> Traveller:
    """The domain ``Traveller`` the carrier declares for a boarding (names as written, not original)."""
    person, document = boarding.person, boarding.person.document
    baggage = None
    if boarding.bags is not None:
        weight = float(boarding.bag_weight) if boarding.bag_weight is not None else None
        baggage = Baggage(boarding.bags, weight, "KGM" if weight is not None else None, boarding.bag_tags)
    passenger = boarding.role is Role.PASSENGER
    return Traveller(
        role=boarding.role,
        in_transit=boarding.in_transit,
        surname=person.written_surname,
        given_names=person.written_given_names,
        sex=person.sex,
        date_of_birth=person.date_of_birth,
        nationality=person.nationality,
        place_of_birth=person.place_of_birth,
        country_of_residence=person.residence,
        embarkation=boarding.embarkation,
        debarkation=boarding.debarkation,
        clearance=clearance if passenger else None,
        documents=(
            TravelDocument(document.type, document.number, document.issuing_country, document.expiry_date),
        ),
        reservation_ref=boarding.record_locator,
        passenger_ref=boarding.passenger_ref,
        seat=boarding.seat,
        baggage=baggage,
        verified=boarding.verified,
        crew_function=boarding.crew_function,
    )


# Share of flights with more than 120 passengers whose list is sent as a multi-part series.
SERIES_SHARE = 0.15


def messages_for(
    rng: random.Random,
    plan: FlightPlan,
    flight: SynthFlight,
    counters: Counters,
    *,
    series_share: float = SERIES_SHARE,
) -> list[SynthMessage]:
    """Passenger list part(s) and crew list of one flight.

    A series repeats the whole header in each part, under one common access reference (UNH 0068),
    numbered ``01:C``, ``02:C``, ``03:F`` (UNH 0070/0073); each part declares the flight's total (CNT).
    """
    carrier = plan.carrier
    leg = FlightLeg(
        carrier.code,
        plan.number,
        plan.departure_airport,
        plan.arrival_airport,
        plan.scheduled_departure,
        plan.scheduled_arrival,
        True,
    )
    prepared = plan.scheduled_departure - timedelta(minutes=between(rng, 15, 45))
    stamp = plan.scheduled_departure.strftime("%y%m%d/%H%M")
    access = f"{carrier.code}{plan.number}/{stamp}"
    contacts = (Contact("TE", phone_for(rng, plan.home)), Contact("EM", f"API.AT.{carrier.sender}.EXAMPLE"))
    clearance = plan.region_airport
    passengers = flight.passengers
    parts = 1
    if len(passengers) > 120 and rng.random() < series_share:
        parts = pick(rng, (2, 3))
    size = -(-len(passengers) // parts) if passengers else 0
    chunks = [passengers[i * size : (i + 1) * size] for i in range(parts)] if passengers else [()]
    out = []
    route = f"{plan.departure_airport}{plan.arrival_airport}"
    name = f"{plan.scheduled_departure:%Y%m%d}_{carrier.code}{plan.number}_{route}"
    for index, chunk in enumerate(chunks, start=1):
        reference = counters.next(carrier.sender)
        manifest = ApiManifest(
            format="",
            sender=carrier.sender,
            recipient=plan.recipient,
            prepared=prepared,
            interchange_ref=f"{reference:09d}",
            message_ref=f"{carrier.code}{reference:06d}",
            common_access_ref=access,
            sequence=index if parts > 1 else 1,
            final=index == parts,
            document_type="745",
            function=FUNCTIONS.get(carrier.code),
            transaction_ref=f"{carrier.code}{plan.number}{plan.scheduled_departure:%y%m%d}",
            transaction_revision="1",
            reporting_party=f"{carrier.name} API CONTROL",
            reporting_contacts=contacts,
            legs=(leg,),
            travellers=tuple(traveller_of(b, clearance) for b in chunk),
            declared_passengers=len(passengers),
            declared_crew=None,
        )
        options = options_for(rng, carrier.code)
        suffix = f"_pax{index}of{parts}" if parts > 1 else "_pax"
        out.append(
            SynthMessage(name + suffix + ".edi", flight.key, manifest, options, quirks_of(options), chunk)
        )
    reference = counters.next(carrier.sender)
    crew = ApiManifest(
        format="",
        sender=carrier.sender,
        recipient=plan.recipient,
        prepared=prepared,
        interchange_ref=f"{reference:09d}",
        message_ref=f"{carrier.code}{reference:06d}",
        common_access_ref=access,
        sequence=1,
        final=True,
        document_type="250",
        function="C",
        transaction_ref=f"{carrier.code}{plan.number}{plan.scheduled_departure:%y%m%d}C",
        transaction_revision="1",
        reporting_party=f"{carrier.name} API CONTROL",
        reporting_contacts=contacts,
        legs=(leg,),
        travellers=tuple(traveller_of(b, None) for b in flight.crew),
        declared_passengers=None,
        declared_crew=len(flight.crew),
    )
    options = options_for(rng, carrier.code)
    out.append(SynthMessage(name + "_crew.edi", flight.key, crew, options, quirks_of(options), flight.crew))
    return out
