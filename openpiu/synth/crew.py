"""Crews: two pilots and a cabin crew sized to the aircraft, one crew per rotation (both legs)."""

from __future__ import annotations

import random

from openpiu.model import Role, Sex
from openpiu.synth.model import Boarding
from openpiu.synth.people import PersonSpec, birth_date, draw_person, origin_for
from openpiu.synth.schedule import FlightPlan


def crew_for(rng: random.Random, plan: FlightPlan) -> tuple[Boarding, ...]:
    """The crew of ``plan``'s rotation: ``CR1`` cockpit, ``CR2`` cabin (one per 50 seats, at least 2).

    Nationalities follow the carrier; low-cost carriers with local bases crew from the region state.
    """
    day = plan.scheduled_departure.date()
    cabin = max(2, -(-plan.aircraft.seats // 50))
    out = []
    for index in range(2 + cabin):
        cockpit = index < 2
        nationality = rng.choice(plan.carrier.crew)
        if nationality == "HOME":
            nationality = plan.home
        female = rng.random() < (0.1 if cockpit else 0.75)
        spec = PersonSpec(
            nationality=nationality,
            origin=origin_for(rng, nationality, nationality),
            sex=Sex.FEMALE if female else Sex.MALE,
            date_of_birth=birth_date(rng, day, 28 if cockpit else 21, 60 if cockpit else 50),
        )
        person = draw_person(
            rng,
            spec,
            person_id=f"{plan.rotation}-{day:%Y%m%d}-C{index + 1:02d}",
            travel_day=day,
            route_states=(plan.home, plan.other),
            with_birthplace=False,
            allow_card=False,
        )
        function = "CR1" if cockpit else "CR2"
        out.append(Boarding(person=person, role=Role.CREW, verified=True, crew_function=function))
    return tuple(out)
