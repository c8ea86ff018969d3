"""Synthetic but realistic Western Balkan traffic: flights, people, bookings and the PAXLST files about them.

``generate_day`` is pure and deterministic; ``write_day`` writes the files and their ground truth.
"""

from openpiu.synth.day import generate_day
from openpiu.synth.files import SynthSummary, write_day
from openpiu.synth.model import SynthDay

__all__ = ["SynthDay", "SynthSummary", "generate_day", "write_day"]
