"""Segment-by-segment mapping of each PNRGOV group, with literal messages (fictitious data)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from openpiu.model import Contact, PnrPush, PushFunction, Sex

Push = Callable[..., PnrPush]

# The annotated example of the standards digest §4.6, from SRC on.
DIGEST_BOOKING = (
    "SRC'"
    "RCI+ZZ:X7K2PQ::010325:0915'"
    "DAT+700:120325:1402'"
    "ORG+1A:MUC+12345678:IST1A0100+IST+ZZ+T+TR'"
    "ADD++700:TERAZIJE 1:BEOGRAD:::RS:11000'"
    "TIF+PETROVIC+MARKO JOVAN MR:A:1'"
    "FTI+ZZ:123456789'"
    "REF+:0012ABC3456DEF01'"
    "SSR+DOCS:HK:1:ZZ:::::/P/SRB/012345678/SRB/12FEB85/M/15JAN30/PETROVIC/MARKO/JOVAN+::1'"
    "SSR+CTCM:HK:1:ZZ:::::/381641234567+::1'"
    "TKT+1234567890123:T:1'"
    "MON+T:189.50:EUR'"
    "TXD++12.00::EUR:TR'"
    "DAT+710:010325:0920'"
    "FOP+CC::189.50:VI:XXXXXXXXXXXX1111:0828'"
    "IFT+4:43+MARKO PETROVIC+TERAZIJE 1 BEOGRAD'"
    "TVL+140325:1030:140325:1125+IST+BEG+ZZ+0456:Y'"
    "RPI+1+HK'"
    "APD+320'"
    "SSR+SEAT:HK:1:ZZ:::IST:BEG+14C::1'"
    "DAT+2:140325:0810'"
    "ORG+ZZ++++A'"
    "TRI++IST-057:::1'"
    "TIF+PETROVIC+MARKO JOVAN MR::1'"
    "SSD+14C++++Y'"
    "TBD++1:18:700+++ZZ:0123456789:1:BEG'"
)


def test_level0_gives_function_flight_and_count(push: Push) -> None:
    result = push(DIGEST_BOOKING)
    assert result.format == "PNRGOV 13.1"
    assert result.function is PushFunction.FULL
    assert result.originator is not None and (result.originator.system, result.originator.location) == (
        "ZZ",
        "IST",
    )
    assert result.flight is not None
    assert (result.flight.designator, result.flight.departure_airport, result.flight.arrival_airport) == (
        "ZZ0456",
        "IST",
        "BEG",
    )
    assert result.flight.scheduled_departure == datetime(2025, 3, 14, 10, 30)
    assert result.declared_bookings == 1
    assert (result.sender, result.recipient, result.common_access_ref) == (
        "ZZ",
        "RSPIU",
        "ZZ0456/140325/1030",
    )
    assert result.warnings == ()


def test_gr1_pnr_level(push: Push) -> None:
    booking = push(DIGEST_BOOKING).bookings[0]
    assert (booking.carrier, booking.record_locator) == ("ZZ", "X7K2PQ")
    assert booking.created == datetime(2025, 3, 1, 9, 15)
    assert booking.last_modified == datetime(2025, 3, 12, 14, 2)
    agency = booking.originator
    assert agency is not None
    assert (agency.system, agency.iata_number, agency.office, agency.originator_type, agency.country) == (
        "1A",
        "12345678",
        "IST1A0100",
        "T",
        "TR",
    )
    assert booking.addresses[0].street == "TERAZIJE 1"
    assert (booking.addresses[0].city, booking.addresses[0].country, booking.addresses[0].postcode) == (
        "BEOGRAD",
        "RS",
        "11000",
    )
    assert booking.cancelled is False


def test_gr2_traveller_with_docs_and_contact(push: Push) -> None:
    traveller = push(DIGEST_BOOKING).bookings[0].travellers[0]
    person = traveller.person
    assert (person.surname, person.given_names, traveller.title, traveller.type, traveller.ref) == (
        "PETROVIC",
        "MARKO JOVAN",
        "MR",
        "A",
        "1",
    )
    assert (person.sex, person.date_of_birth, person.nationality) == (Sex.MALE, date(1985, 2, 12), "SRB")
    document = person.documents[0]
    assert (document.type, document.number, document.issuing_country, document.expiry_date) == (
        "P",
        "012345678",
        "SRB",
        date(2030, 1, 15),
    )
    assert person.reservation_ref == "X7K2PQ"
    assert person.passenger_ref == "0012ABC3456DEF01"
    assert [(f.carrier, f.number) for f in traveller.frequent_flyer] == [("ZZ", "123456789")]
    assert person.contacts == (Contact("TE", "381641234567"),)


def test_gr3_gr4_ticket_and_payment(push: Push) -> None:
    booking = push(DIGEST_BOOKING).bookings[0]
    ticket = booking.travellers[0].tickets[0]
    assert (ticket.number, ticket.type, ticket.total, ticket.taxes) == (
        "1234567890123",
        "T",
        "189.50 EUR",
        ("12.00 EUR TR",),
    )
    assert ticket.issued == datetime(2025, 3, 1, 9, 20)
    payment = booking.payments[0]
    assert (payment.type, payment.amount, payment.vendor, payment.account, payment.expiry) == (
        "CC",
        "189.50",
        "VI",
        "XXXXXXXXXXXX1111",
        "0828",
    )
    assert payment.payer == "MARKO PETROVIC TERAZIJE 1 BEOGRAD"


def test_gr5_to_gr7_itinerary_and_checkin(push: Push) -> None:
    booking = push(DIGEST_BOOKING).bookings[0]
    leg = booking.itinerary[0]
    assert leg.leg.designator == "ZZ0456"
    assert (leg.leg.scheduled_departure, leg.leg.scheduled_arrival) == (
        datetime(2025, 3, 14, 10, 30),
        datetime(2025, 3, 14, 11, 25),
    )
    assert (leg.booking_class, leg.status, leg.quantity, leg.equipment) == ("Y", "HK", 1, "320")
    seat = leg.special_services[0]
    assert (seat.code, seat.seats, seat.traveller_refs, seat.board, seat.off) == (
        "SEAT",
        ("14C",),
        ("1",),
        "IST",
        "BEG",
    )
    checkin = leg.checkins[0]
    assert checkin.time == datetime(2025, 3, 14, 8, 10)
    assert checkin.agent is not None and checkin.agent.originator_type == "A"
    assert (checkin.traveller_ref, checkin.sequence, checkin.surname, checkin.seat, checkin.cabin) == (
        "1",
        "IST-057",
        "PETROVIC",
        "14C",
        "Y",
    )
    assert checkin.baggage is not None
    assert (checkin.baggage.count, checkin.baggage.weight, checkin.baggage.tags) == (1, 18.0, ("0123456789",))
    # The pushed flight's actual seat and bags are copied to the API-shared traveller fields.
    person = booking.travellers[0].person
    assert (person.seat, person.baggage) == ("14C", checkin.baggage)


def test_requested_seat_when_not_checked_in(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:ABC123'TIF+NOVAK+ANA MRS:A:1'TIF+NOVAK+LUKA MSTR:C:2'"
        "TVL+140325:1030+IST+BEG+ZZ+456:Y'SSR+SEAT:HK:2:ZZ:::IST:BEG+12A::1+12B::2'"
    ).bookings[0]
    assert [(t.person.given_names, t.title, t.type, t.person.seat) for t in booking.travellers] == [
        ("ANA", "MRS", "A", "12A"),
        ("LUKA", "MSTR", "C", "12B"),
    ]


def test_several_bookings_and_group(push: Push) -> None:
    result = push(
        "SRC'RCI+ZZ:AAA111'TIF+HOXHA+ARBEN MR:A:1'TVL+140325:1030+IST+BEG+ZZ+0456'"
        "SRC'RCI+ZZ:BBB222'TIF+BALKAN TOURS:G'TIF+KOVAC+IVAN MR:A:1'TIF+KOVAC+MAJA MS:A:2'"
        "TVL+140325:1030+IST+BEG+ZZ+0456'",
        level0="ORG+ZZ'TVL+140325:1030+IST+BEG+ZZ+0456'EQN+2'",
    )
    assert [b.record_locator for b in result.bookings] == ["AAA111", "BBB222"]
    assert result.bookings[1].group_name == "BALKAN TOURS"
    assert [t.person.surname for t in result.bookings[1].travellers] == ["KOVAC", "KOVAC"]
    assert not any("declares" in w.message for w in result.warnings)


def test_infant_gets_the_fi_docs_sent_under_the_adult(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:INF001'"
        "TIF+BEGIC+AMRA MRS:A:1:1'"
        "SSR+DOCS:HK:1:ZZ:::::/P/BIH/A1234567/BIH/03MAR90/F/01JAN30/BEGIC/AMRA+::1'"
        "SSR+DOCS:HK:1:ZZ:::::/P/BIH/B7654321/BIH/10AUG24/FI/01JAN29/BEGIC/LEJLA+::1'"
        "TIF+BEGIC+LEJLA:IN:2'"
    ).bookings[0]
    adult, infant = booking.travellers
    assert adult.accompanied_by_infant is True
    assert [d.number for d in adult.person.documents] == ["A1234567"]
    assert (infant.type, infant.person.sex, infant.person.date_of_birth) == (
        "IN",
        Sex.FEMALE,
        date(2024, 8, 10),
    )
    assert [d.number for d in infant.person.documents] == ["B7654321"]


def test_docs_shifted_by_one_is_realigned_with_a_warning(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:SHF001'TIF+DOE+JANE MS:A:1'"
        "SSR+DOCS:HK:1:ZZ::::://P/MNE/C0012345/MNE/21JUN79/F/02FEB31/DOE/JANE+::1'"
    ).bookings[0]
    person = booking.travellers[0].person
    assert (person.documents[0].number, person.nationality, person.date_of_birth) == (
        "C0012345",
        "MNE",
        date(1979, 6, 21),
    )
    assert any("shifted by 1" in w.message for w in booking.warnings)


def test_doco_and_doca(push: Push) -> None:
    person = (
        push(
            "SRC'RCI+ZZ:DOC001'TIF+DOE+JOHN MR:A:1'"
            "SSR+DOCO:HK:1:ZZ:::::SKOPJE/V/VX998877/BERLIN/01FEB24/DEU+::1'"
            "SSR+DOCA:HK:1:ZZ:::::/R/MKD/ILINDENSKA 5/SKOPJE//1000+::1'"
        )
        .bookings[0]
        .travellers[0]
        .person
    )
    visa = person.documents[0]
    assert (visa.type, visa.number, visa.place_of_issue, visa.issue_date, visa.issuing_country) == (
        "V",
        "VX998877",
        "BERLIN",
        date(2024, 2, 1),
        "DEU",
    )
    assert person.address is not None
    assert (person.address.street, person.address.city, person.address.country) == (
        "ILINDENSKA 5",
        "SKOPJE",
        "MKD",
    )


def test_update_push_with_empty_org_is_a_cancellation(push: Push) -> None:
    result = push("SRC'RCI+ZZ:CAN001'ORG'", function="141")
    assert result.function is PushFunction.UPDATE
    assert result.bookings[0].cancelled is True
    assert result.bookings[0].record_locator == "CAN001"


def test_gr8_split_gr9_non_air(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:SPL001'TIF+DOE+JOHN MR:A:1'TVL+140325:1030+IST+BEG+ZZ+0456'"
        "EQN+1'RCI+ZZ:SPL002'MSG+8'TVL+140325:1500:160325+BEG:HOTEL++XX+1:ROH'"
    ).bookings[0]
    assert [(s.count, [r.locator for r in s.locators]) for s in booking.splits] == [(1, ["SPL002"])]
    assert booking.non_air[0].business_function == "8"
    assert [s.tag for s in booking.non_air[0].segments] == ["MSG", "TVL"]
    assert len(booking.itinerary) == 1


def test_gr10_to_gr12_history_and_lts(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:HIS001'TIF+DOE+JOHN MR:A:1'TVL+140325:1030+IST+BEG+ZZ+0456'"
        "ABI+1+:BEGZZ+BEG++ZZ'DAT+ZT:010325:1010'"
        "SAC+++X'TIF+DOE+JON MR:A:1'"
        "SAC+++A'TVL+140325:1030::1125+IST+BEG+ZZ+0456:Y'RPI+1+HK'"
        "SAC+++X'IFT+4:19+NAME CHANGE'"
        "LTS+0/O/NM/DOE/JOHNMR'"
    ).bookings[0]
    removed, flight, text = booking.history
    assert (removed.action, removed.traveller, removed.time) == ("X", "DOE/JON", datetime(2025, 3, 1, 10, 10))
    assert removed.credit == "1+:BEGZZ+BEG++ZZ"
    assert (flight.action, flight.leg is not None and flight.leg.designator, flight.status) == (
        "A",
        "ZZ0456",
        "HK",
    )
    assert (text.action, text.text) == ("X", "NAME CHANGE")
    assert booking.history_text == ("0/O/NM/DOE/JOHNMR",)
    assert booking.warnings == ()


def test_codeshare_tra_and_old_style_second_tvl(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:COD001'TIF+DOE+JOHN MR:A:1'"
        "TVL+140325:1030+IST+BEG+ZZ+0456:Y'TRA+JU+8734:B'"
        "TVL+150325:1030+BEG+TGD+ZZ+0457:Y'TVL+++++303:Y'"
    ).bookings[0]
    first, second = booking.itinerary
    assert (first.operating_carrier, first.operating_number, first.is_codeshare) == ("JU", "8734", True)
    assert (second.operating_number, second.is_codeshare) == ("0303", True)


def test_unknown_and_out_of_place_segments_are_kept_with_warnings(push: Push) -> None:
    booking = push("SRC'RCI+ZZ:ODD001'XYZ+1'SSD+12A'TIF+DOE+JOHN MR:A:1'").bookings[0]
    assert [(r.tag, r.text) for r in booking.extra] == [("XYZ", "XYZ+1"), ("SSD", "SSD+12A")]
    messages = [w.message for w in booking.warnings]
    assert messages == ["unknown segment 'XYZ': kept raw", "SSD out of place: kept raw"]
    assert len(booking.travellers) == 1


def test_versions(push: Push) -> None:
    body = "SRC'RCI+ZZ:VER001'TIF+DOE+JOHN MR:A:1'"
    assert push(body, version="11:1").warnings == ()
    assert push(body, version="17:1").warnings == ()
    assert [w.message for w in push(body, version="10:1").warnings] == [
        "PNRGOV 10.1 predates 11.1: read leniently"
    ]
    assert [w.message for w in push(body, version="21:1").warnings] == [
        "PNRGOV version 21.1 not known: read as 17.1"
    ]


def test_rci_without_control_type_and_with_seconds(push: Push) -> None:
    booking = push("SRC'RCI+UA:06A9FD:110418:1220+AM:XXXYET::300413:115500'").bookings[0]
    assert [(r.locator, r.created) for r in booking.locators] == [
        ("06A9FD", datetime(2018, 4, 11, 12, 20)),
        ("XXXYET", datetime(2013, 4, 30, 11, 55)),
    ]
    assert booking.cancelled is True  # no body at all


def test_osi_and_ssr_contacts(push: Push) -> None:
    booking = push(
        "SRC'RCI+ZZ:CTC001'IFT+4:28::ZZ+CTCE ANA.NOVAK//EXAMPLE.COM'"
        "TIF+NOVAK+ANA MRS:A:1'SSR+CTCE:HK:1:ZZ:::::/ANA..NOVAK//EXAMPLE.COM+::1'"
    ).bookings[0]
    assert booking.contacts == (
        Contact("EM", "ANA.NOVAK@EXAMPLE.COM"),
        Contact("EM", "ANA_NOVAK@EXAMPLE.COM"),
    )
    assert booking.travellers[0].person.contacts == (Contact("EM", "ANA_NOVAK@EXAMPLE.COM"),)
