"""PNRGOV EDIFACT (PNR push to governments) → ``PnrPush``: bookings, travellers, itinerary, history.

Versions 11.1 to 17.1 of the IATA/WCO/ICAO implementation guide, 10.1 leniently (standards digest §4).
Built for what carriers really send: missing terminators, wrapped lines, segments out of place and
unknown segments are kept raw and warned about, never fatal.
"""

from openpiu.formats.pnrgov.message import LENIENT_VERSIONS, SUPPORTED_VERSIONS, push_from_message

__all__ = ["LENIENT_VERSIONS", "SUPPORTED_VERSIONS", "push_from_message"]
