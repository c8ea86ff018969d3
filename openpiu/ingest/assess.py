"""Assess stored travellers against pre-determined criteria (PNR Directive Art 6(2)(a), 6(3)(b)).

Builds each traveller's ``Subject`` from the stored rows — the API traveller with their documents, the
current state of their booking (re-read from the stored, filtered raw copy), the version before it and
the flight's scheduled times — derives the facts, and either evaluates the firing criteria and records
their hits (``assess_flights``) or hands the facts to a backtest (``stored_history``).

Keys: a flight is ``flight:ID``; an API traveller ``traveller:ID`` (the latest row when a carrier resent
them), a traveller known only from PNR ``pnr:CARRIER/LOCATOR/REF``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.orm import Session

from openpiu.ingest.deadlines import flight_deadline
from openpiu.ingest.pnr import ParsedRaws, booking_at
from openpiu.ingest.reconcile import booking_carriers, line_travellers, pnr_name
from openpiu.model import Baggage, Booking, FlightLeg, Role, Sex, TravelDocument, Traveller
from openpiu.pnr import booking_key, reconcile
from openpiu.review import HitState, RecordResult
from openpiu.review.rules import rule_detections
from openpiu.review.workflow import Raised
from openpiu.screening.rules import FactValue, HistoricalTraveller, Outcome, Subject, derive_facts
from openpiu.store.airports import airport_country, airport_zone
from openpiu.store.assessment import (
    StoredFlight,
    document_rows,
    flight_bookings_with_previous,
    flight_traveller_rows,
    flights_between,
    review_outcomes,
)
from openpiu.store.hits import record_detections
from openpiu.store.pnr import StoredLink, flight_links, version_locations
from openpiu.store.rules import load_rule_versions


@dataclass(frozen=True, slots=True)
class FlightFacts:
    """The facts of every traveller of one stored flight, with their keys."""

    flight: StoredFlight
    keys: list[str]
    facts: list[dict[str, FactValue]]


@dataclass(frozen=True, slots=True)
class Assessment:
    """What one assessment run did."""

    flights: int
    travellers: int
    rules: int
    raised: int
    refreshed: int
    suppressed: int
    hit_ids: tuple[int, ...]


def flight_facts(
    connection: Connection, stored: StoredFlight, *, raws: ParsedRaws | None = None
) -> FlightFacts:
    """Facts of the flight's passengers (API, linked to their PNR where one was pushed) and of the PNR
    travellers who were not reported in API.

    The links are the flight's stored reconciliation (``openpiu.ingest.reconcile``); a flight with
    bookings but no stored reconciliation is reconciled here, without storing.
    """
    raws = raws or ParsedRaws(64)
    leg = FlightLeg(
        stored.carrier,
        stored.number,
        stored.departure_airport,
        stored.arrival_airport,
        stored.departure_local,
        stored.arrival_local,
    )
    api = _api_travellers(connection, stored.id)
    bookings = _bookings(connection, stored.id, raws)
    links = flight_links(connection, flight_id=stored.id)
    if bookings and not links:
        links = _reconciled(api, bookings)
    current = {id(booking): (previous, pushes) for booking, previous, pushes in bookings.values()}
    about = {
        id(line): (booking, pnr)
        for booking, pnr, line in line_travellers([b for b, _, _ in bookings.values()], links, dict(api))
        if line is not None
    }
    linked = {line.traveller_id: line for line in links if line.status == "linked"}
    keys: list[str] = []
    subjects: list[Subject] = []
    for row_id, person in api:
        subject = Subject(person, leg)
        line = linked.get(row_id)
        if line is not None and id(line) in about:
            booking, pnr = about[id(line)]
            previous, pushes = current[id(booking)]
            subject = Subject(person, leg, booking, pnr, True, previous, pushes)
        keys.append(f"traveller:{row_id}")
        subjects.append(subject)
    for line in links:
        if line.status != "pnr_only" or id(line) not in about:
            continue
        booking, pnr = about[id(line)]
        previous, pushes = current[id(booking)]
        keys.append(f"pnr:{booking.carrier or ''}/{line.record_locator}/{pnr.ref or line.pnr_name}")
        subjects.append(Subject(pnr.person, leg, booking, pnr, False, previous, pushes))
    facts = [derive_facts(s, country_of=airport_country, zone_of=airport_zone) for s in subjects]
    return FlightFacts(stored, keys, facts)


# (carrier as ``booking_state`` keys it, record locator) -> current state, previous body, push count.
Bookings = dict[tuple[str, str], tuple[Booking, Booking | None, int]]


def _bookings(connection: Connection, flight_id: int, raws: ParsedRaws) -> Bookings:
    """Current state, previous body and push count of each booking of the flight, by carrier and locator."""
    states = flight_bookings_with_previous(connection, flight_id=flight_id)
    wanted = [s.body_version_id for s in states] + [
        s.previous_version_id for s in states if s.previous_version_id
    ]
    locations = version_locations(connection, version_ids=wanted)

    def load(version_id: int | None) -> Booking | None:
        location = locations.get(version_id) if version_id is not None else None
        return booking_at(connection, location, raws=raws) if location is not None else None

    found: Bookings = {}
    for state in states:
        booking = load(state.body_version_id)
        if booking is not None:
            found[(booking_key(booking)[0], booking.record_locator)] = (
                replace(booking, cancelled=state.cancelled),
                load(state.previous_version_id),
                state.versions,
            )
    return found


def _reconciled(api: list[tuple[int, Traveller]], bookings: Bookings) -> list[StoredLink]:
    """The lines ``openpiu.ingest.reconcile`` would store for the flight, computed without storing."""
    current = [b for b, _, _ in bookings.values() if not b.cancelled]
    result = reconcile([t for _, t in api], current)
    ids = {id(t): row_id for row_id, t in api}
    carriers = booking_carriers(current)
    return [
        StoredLink(
            "linked", ids[id(link.api)], carriers[id(link.pnr)], link.record_locator, pnr_name(link.pnr)
        )
        for link in result.links
    ] + [
        StoredLink("pnr_only", None, carriers[id(pnr)], locator, pnr_name(pnr))
        for locator, pnr in result.pnr_only
    ]


def iter_flight_facts(
    engine: Engine, *, first: date, last: date, raws: ParsedRaws | None = None
) -> Iterator[FlightFacts]:
    """``flight_facts`` of every flight departing from ``first`` to ``last`` (local dates)."""
    raws = raws or ParsedRaws(256)
    with engine.connect() as connection:
        for stored in flights_between(connection, first=first, last=last):
            yield flight_facts(connection, stored, raws=raws)


def assess_flights(
    engine: Engine,
    *,
    first: date,
    last: date,
    piu_country: str,
    now: Callable[[], datetime] | None = None,
    progress: Callable[[FlightFacts], None] | None = None,
    raws: ParsedRaws | None = None,
) -> Assessment:
    """Evaluate the criteria firing on each flight's day over its stored travellers and record the hits
    (one transaction per flight; a dismissed hit stays silent while its evidence is unchanged).

    ``piu_country`` (alpha-3, ``settings.piu_country``) decides each hit's deadline: before arrival on a
    flight arriving in the PIU's state, else before departure (``openpiu.review.deadline``).
    """
    clock = now or (lambda: datetime.now(UTC))
    with Session(engine) as session:
        versions = load_rule_versions(session)
    counts = {"flights": 0, "travellers": 0, "raised": 0, "refreshed": 0, "suppressed": 0}
    hit_ids: list[int] = []
    rules_seen: set[str] = set()
    for item in iter_flight_facts(engine, first=first, last=last, raws=raws):
        counts["flights"] += 1
        counts["travellers"] += len(item.keys)
        seen_at = clock()
        flight = item.flight
        deadline = flight_deadline(
            piu_country=piu_country,
            departure_airport=flight.departure_airport,
            arrival_airport=flight.arrival_airport,
            departure=flight.departure_utc,
            arrival=flight.arrival_utc,
            now=seen_at,
        ).at
        detections = rule_detections(
            versions,
            item.facts,
            item.keys,
            flight_key=item.flight.key,
            day=item.flight.departure_date,
            seen_at=seen_at,
            deadline=deadline,
        )
        if detections:
            with Session(engine) as session, session.begin():
                results = record_detections(session, detections)
            _count(counts, hit_ids, results)
            rules_seen.update(d.reference for d in detections)
        if progress is not None:
            progress(item)
    return Assessment(
        flights=counts["flights"],
        travellers=counts["travellers"],
        rules=len(rules_seen),
        raised=counts["raised"],
        refreshed=counts["refreshed"],
        suppressed=counts["suppressed"],
        hit_ids=tuple(hit_ids),
    )


def _count(counts: dict[str, int], hit_ids: list[int], results: Sequence[tuple[int, RecordResult]]) -> None:
    for hit_id, result in results:
        if result.needs_review:
            hit_ids.append(hit_id)
        if result.action in (Raised.NEW, Raised.REOPENED):
            counts["raised"] += 1
        else:
            counts[result.action.value] += 1


def stored_history(
    engine: Engine, *, first: date, last: date
) -> tuple[list[HistoricalTraveller], dict[str, Outcome]]:
    """Stored travellers from ``first`` to ``last`` as backtest history, with what review decided about
    them (any confirmed hit: confirmed; decided hits all dismissed: dismissed)."""
    with engine.connect() as connection:
        decided = review_outcomes(connection)
    history: list[HistoricalTraveller] = []
    outcomes: dict[str, Outcome] = {}
    for item in iter_flight_facts(engine, first=first, last=last):
        for key, facts in zip(item.keys, item.facts, strict=True):
            unique = f"{item.flight.key}|{key}"
            history.append(HistoricalTraveller(unique, item.flight.departure_date, item.flight.route, facts))
            state = decided.get((item.flight.key, key))
            if state is not None:
                outcomes[unique] = Outcome.CONFIRMED if state == HitState.CONFIRMED else Outcome.DISMISSED
    return history, outcomes


def _api_travellers(connection: Connection, flight_id: int) -> list[tuple[int, Traveller]]:
    """The flight's passengers as model travellers; a traveller resent in a later message counts once
    (the latest row: same name, date of birth and first document)."""
    rows = [r for r in flight_traveller_rows(connection, flight_id=flight_id) if r["role"] == Role.PASSENGER]
    documents: dict[int, list[TravelDocument]] = {}
    for doc in document_rows(connection, traveller_ids=[r["id"] for r in rows]):
        documents.setdefault(doc["traveller_id"], []).append(
            TravelDocument(
                doc["type"], doc["number"], doc["issuing_country"], doc["expiry_date"], doc["issue_date"]
            )
        )
    latest: dict[tuple[Any, ...], tuple[int, Traveller]] = {}
    for row in rows:
        docs = tuple(documents.get(row["id"], ()))
        person = Traveller(
            role=Role.PASSENGER,
            surname=row["surname"],
            given_names=row["given_names"],
            in_transit=bool(row["in_transit"]),
            sex=Sex(row["sex"]) if row["sex"] else None,
            date_of_birth=row["date_of_birth"],
            nationality=row["nationality"],
            country_of_residence=row["country_of_residence"],
            documents=docs,
            reservation_ref=row["reservation_ref"],
            seat=row["seat"],
            baggage=_baggage(row),
        )
        identity = (
            row["surname"],
            row["given_names"],
            row["date_of_birth"],
            docs[0].number if docs else None,
        )
        latest[identity] = (row["id"], person)
    return sorted(latest.values(), key=lambda item: item[0])


def _baggage(row: dict[str, Any]) -> Baggage | None:
    if row["bag_count"] is None and row["bag_weight"] is None:
        return None
    return Baggage(row["bag_count"], row["bag_weight"], row["bag_weight_unit"])
