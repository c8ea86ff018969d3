"""PAXLST SG2/SG3: flights (``TDT``) and their itinerary points (``LOC``+``DTM``) → ``FlightLeg``.

``LOC+125`` (last port before the reporting state) and ``LOC+87`` (first arrival in it) describe the
border-crossing leg; ``LOC+92`` points come in pairs, departure then arrival, for domestic or progressive
legs. A ``DTM+189`` (departure) or ``DTM+232`` (arrival) follows the point it dates. Times are local.
"""

from __future__ import annotations

from datetime import datetime

from openpiu.formats.dates import flight_time
from openpiu.formats.edifact import Segment
from openpiu.model import FlightLeg, ParseWarning, split_flight_designator


class _Open:
    __slots__ = ("airport", "crosses", "time")

    def __init__(self, airport: str | None, crosses: bool) -> None:
        self.airport = airport
        self.crosses = crosses
        self.time: datetime | None = None


class LegReader:
    """Collects legs as the header segments go by; ``legs`` is complete after ``finish()``."""

    def __init__(self, warnings: list[ParseWarning]) -> None:
        self.warnings = warnings
        self.legs: list[FlightLeg] = []
        self.carrier = ""
        self.number = ""
        self.in_flight = False
        self.open: _Open | None = None
        self.last_closed = -1  # index in legs of the leg a DTM+232 would date

    def tdt(self, segment: Segment) -> None:
        """A new flight: carrier from TDT e5 (or the designator's prefix), number normalised."""
        self.flush(segment)
        designator = segment.get(2).strip()
        carrier = segment.get(5, 1).strip().upper() or None
        if not designator:
            self.warnings.append(ParseWarning(segment.position, "TDT", "flight without a number"))
        self.carrier, self.number = split_flight_designator(designator, carrier)
        self.in_flight = True
        self.last_closed = -1

    def loc(self, segment: Segment) -> bool:
        """Place an itinerary point; False when the qualifier is not one of a flight's (caller keeps it)."""
        qualifier = segment.get(1).strip()
        airport = segment.get(2).strip().upper() or segment.get(2, 4).strip() or None
        if not self.in_flight or qualifier not in ("125", "87", "92"):
            return False
        if qualifier == "125":
            if self.open is not None:
                self.close(airport, crosses=False)
            self.open = _Open(airport, crosses=True)
        elif qualifier == "87":
            self.close(airport, crosses=True)
        elif self.open is None:
            self.open = _Open(airport, crosses=False)
        else:
            self.close(airport, crosses=False)
        return True

    def dtm(self, segment: Segment) -> bool:
        """Date a point (189 departure, 232 arrival); False when not a flight date (caller keeps it)."""
        qualifier = segment.get(1).strip()
        if not self.in_flight or qualifier not in ("189", "232"):
            return False
        text = segment.get(1, 2)
        when = flight_time(text, segment.get(1, 3))
        if when is None:
            self.warnings.append(
                ParseWarning(segment.position, "DTM", f"flight time {text!r} not understood")
            )
        if qualifier == "189":
            if self.open is not None:
                self.open.time = when
            elif self.legs and self.legs[-1].scheduled_departure is None and self.last_closed >= 0:
                self.legs[-1] = _replace_departure(self.legs[-1], when)
            else:
                self.warnings.append(
                    ParseWarning(segment.position, "DTM", "departure time without a departure")
                )
        elif self.last_closed >= 0:
            leg = self.legs[self.last_closed]
            self.legs[self.last_closed] = FlightLeg(
                leg.carrier,
                leg.number,
                leg.departure_airport,
                leg.arrival_airport,
                leg.scheduled_departure,
                when,
                leg.crosses_border,
            )
        else:
            self.warnings.append(ParseWarning(segment.position, "DTM", "arrival time without an arrival"))
        return True

    def close(self, arrival: str | None, *, crosses: bool) -> None:
        opened = self.open
        self.legs.append(
            FlightLeg(
                carrier=self.carrier,
                number=self.number,
                departure_airport=opened.airport if opened else None,
                arrival_airport=arrival,
                scheduled_departure=opened.time if opened else None,
                scheduled_arrival=None,
                crosses_border=crosses or (opened.crosses if opened else False),
            )
        )
        self.last_closed = len(self.legs) - 1
        self.open = None

    def flush(self, segment: Segment | None) -> None:
        """End the current flight; a departure without arrival still makes a leg (with a warning)."""
        if self.open is not None:
            if segment is not None:
                self.warnings.append(
                    ParseWarning(segment.position, segment.tag, "flight leg without an arrival")
                )
            self.close(None, crosses=self.open.crosses)
        self.in_flight = False

    def finish(self, last: Segment | None) -> list[FlightLeg]:
        """Close the last flight (``last`` is the segment reported if a leg is left open)."""
        self.flush(last)
        return self.legs


def _replace_departure(leg: FlightLeg, when: datetime | None) -> FlightLeg:
    return FlightLeg(
        leg.carrier,
        leg.number,
        leg.departure_airport,
        leg.arrival_airport,
        when,
        leg.scheduled_arrival,
        leg.crosses_border,
    )
