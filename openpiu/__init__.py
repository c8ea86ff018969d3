"""OpenPIU: an open-source Passenger Information Unit system."""

__version__ = "0.1.0"
