"""A hit's review deadline from the PIU's state: before arrival on flights into it, else before departure."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from openpiu.review import DeadlineBasis, review_deadline

DEP = datetime(2026, 11, 29, 7, 30, tzinfo=UTC)
ARR = DEP + timedelta(hours=2)
BEFORE = DEP - timedelta(hours=3)
AFTER = DEP + timedelta(minutes=10)
D, A = DeadlineBasis.DEPARTURE, DeadlineBasis.ARRIVAL


@pytest.mark.parametrize(
    ("departure_country", "arrival_country", "departure", "arrival", "now", "at", "basis", "reason"),
    [
        ("AUT", "SRB", DEP, ARR, BEFORE, ARR, A, "inbound to SRB: before arrival"),
        ("AUT", "SRB", DEP, ARR, AFTER, ARR, A, "inbound to SRB: before arrival"),
        ("SRB", "AUT", DEP, ARR, BEFORE, DEP, D, "outbound from SRB: before departure"),
        ("SRB", "SRB", DEP, ARR, BEFORE, DEP, D, "domestic in SRB: before departure"),
        ("AUT", "DEU", DEP, ARR, BEFORE, DEP, D, "neither from nor to SRB: before departure"),
        (None, "SRB", DEP, ARR, BEFORE, DEP, D, "departure airport's country unknown: before departure"),
        ("SRB", None, DEP, ARR, BEFORE, DEP, D, "arrival airport's country unknown: before departure"),
        # Found after take-off (API sent at wheels-up): the destination can still be alerted in flight.
        (
            "SRB",
            "AUT",
            DEP,
            ARR,
            AFTER,
            ARR,
            A,
            "outbound from SRB, already departed when found: before arrival",
        ),
        ("SRB", "AUT", DEP, ARR, None, DEP, D, "outbound from SRB: before departure"),
        # Missing times: the other one, else none.
        ("AUT", "SRB", DEP, None, BEFORE, DEP, D, "inbound to SRB, arrival time unknown: before departure"),
        (
            "SRB",
            "AUT",
            None,
            ARR,
            BEFORE,
            ARR,
            A,
            "outbound from SRB, departure time unknown: before arrival",
        ),
        ("SRB", "AUT", None, None, BEFORE, None, D, "outbound from SRB: before departure"),
    ],
)
def test_review_deadline(
    departure_country: str | None,
    arrival_country: str | None,
    departure: datetime | None,
    arrival: datetime | None,
    now: datetime | None,
    at: datetime | None,
    basis: DeadlineBasis,
    reason: str,
) -> None:
    decided = review_deadline(
        piu_country="SRB",
        departure_country=departure_country,
        arrival_country=arrival_country,
        departure=departure,
        arrival=arrival,
        now=now,
    )
    assert (decided.at, decided.basis, decided.reason) == (at, basis, reason)


def test_kosovo_flights_are_inbound_for_kosovo_only() -> None:
    # Belgrade to Pristina (RKS, ICAO 9303's code for Kosovo): outbound for Serbia, inbound for Kosovo.
    def deadline(piu: str) -> datetime | None:
        return review_deadline(
            piu_country=piu,
            departure_country="SRB",
            arrival_country="RKS",
            departure=DEP,
            arrival=ARR,
            now=BEFORE,
        ).at

    assert (deadline("SRB"), deadline("RKS")) == (DEP, ARR)
