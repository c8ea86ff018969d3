"""PAXLST (UN/EDIFACT Advance Passenger Information) → ``ApiManifest``, one per UNH..UNT message."""

from openpiu.formats.paxlst.message import manifest_from_message, parse_paxlst

__all__ = ["manifest_from_message", "parse_paxlst"]
