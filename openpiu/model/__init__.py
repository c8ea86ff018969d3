"""Pure domain types, shared by intake, screening, review and the web application."""

from openpiu.model.api import ApiManifest, ParseWarning
from openpiu.model.staff import StaffRole
from openpiu.model.travel import (
    Address,
    Baggage,
    Contact,
    FlightLeg,
    RawSegment,
    TravelDocument,
    Traveller,
)
from openpiu.model.values import (
    DataState,
    ParseOutcome,
    Role,
    Sex,
    is_airport_code,
    is_carrier_code,
    is_country_code,
    normalise_document_number,
    normalise_flight_number,
    split_flight_designator,
)

__all__ = [
    "Address",
    "ApiManifest",
    "Baggage",
    "Contact",
    "DataState",
    "FlightLeg",
    "ParseOutcome",
    "ParseWarning",
    "RawSegment",
    "Role",
    "Sex",
    "StaffRole",
    "TravelDocument",
    "Traveller",
    "is_airport_code",
    "is_carrier_code",
    "is_country_code",
    "normalise_document_number",
    "normalise_flight_number",
    "split_flight_designator",
]
