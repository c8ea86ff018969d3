"""OpenPIU: an open-source Passenger Information Unit system."""

from openpiu import accel

__version__ = "0.1.0"

# Before any reader is imported: the compiled readers only while they match their sources (accel.py).
accel.guard()
