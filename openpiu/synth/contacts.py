"""Booking details a PNR carries: agencies, payment, telephone numbers and e-mail addresses.

All fictitious: agency names are invented, e-mail addresses use the reserved ``example`` domains
(RFC 2606), card numbers are masked and never complete.
"""

from __future__ import annotations

import random

from openpiu.synth.draw import Weighted, between, pick
from openpiu.synth.model import Agency, Payment, SynthPerson
from openpiu.synth.spelling import Spelling, spell

# Invented travel agencies per region state: (name, city).
_AGENCIES = {
    "SRB": (("BALKAN STAR TRAVEL", "BEOGRAD"), ("SAVA TURIST", "BEOGRAD"), ("MORAVA TOURS", "NIS")),
    "RKS": (("DARDANIA TOURS", "PRISHTINE"), ("ILIRIA TRAVEL", "PRIZREN"), ("KOSOVA AIR TICKETS", "PEJE")),
    "ALB": (("SHQIPONJA TRAVEL", "TIRANE"), ("ADRIATIK TOURS", "DURRES"), ("SKANDERBEG TRAVEL", "TIRANE")),
    "MKD": (("VARDAR TURIST", "SKOPJE"), ("OHRID PEARL TRAVEL", "OHRID"), ("PELISTER TOURS", "BITOLA")),
    "MNE": (("ADRIA HOLIDAYS", "PODGORICA"), ("BOKA TRAVEL", "KOTOR"), ("LOVCEN TOURS", "CETINJE")),
    "BIH": (("DRINA TOURS", "SARAJEVO"), ("NERETVA TRAVEL", "MOSTAR"), ("VRBAS TURIST", "BANJA LUKA")),
}
_PHONES = {
    "SRB": ("381", ("60", "63", "64", "65", "66")),
    "RKS": ("383", ("43", "44", "45", "49")),
    "ALB": ("355", ("67", "68", "69")),
    "BIH": ("387", ("61", "62", "65", "66")),
    "MKD": ("389", ("70", "71", "72", "75")),
    "MNE": ("382", ("67", "68", "69")),
    "HRV": ("385", ("91", "95", "98")),
    "SVN": ("386", ("31", "40", "41")),
    "DEU": ("49", ("151", "160", "170", "176")),
    "AUT": ("43", ("650", "664", "676")),
    "CHE": ("41", ("76", "78", "79")),
    "ITA": ("39", ("320", "333", "347")),
    "TUR": ("90", ("530", "532", "555")),
    "GBR": ("44", ("7700", "7911")),
    "USA": ("1", ("212", "312", "646")),
    "FRA": ("33", ("6", "7")),
    "GRC": ("30", ("690", "694", "697")),
    "NLD": ("31", ("6",)),
    "MLT": ("356", ("79", "99")),
}
_DOMAINS = ("example.com", "example.net", "example.org", "mail.example")
_AGENCY_PAYMENT = Weighted.of([("CC", 0.4), ("CA", 0.2), ("INV", 0.4)])
_CALL_CENTRE_PAYMENT = Weighted.of([("CC", 0.85), ("CA", 0.15)])
_VENDORS = Weighted.of([("VI", 0.55), ("CA", 0.4), ("AX", 0.05)])


def agency_for(rng: random.Random, state: str) -> Agency:
    """A travel agency of ``state`` (or a generic online agency elsewhere), with an 8-digit IATA number."""
    name, city = pick(rng, _AGENCIES.get(state, (("EUROTRAVEL ONLINE", "WIEN"),)))
    # The IATA number is fixed per agency: derived from its name, not drawn.
    number = f"{sum(ord(c) * (i + 1) for i, c in enumerate(name)) % 10**8:08d}"
    return Agency(name, number, city, state)


def payment_for(rng: random.Random, channel: str, payer: SynthPerson, fares: float, minutes: int) -> Payment:
    """How a booking of ``fares`` adult fares (``openpiu.synth.tickets.fare_units``) was paid on
    ``channel``; the fare grows with flight time."""
    if channel == "AGENCY":
        kind = _AGENCY_PAYMENT.pick(rng)
    elif channel == "AIRPORT":
        kind = pick(rng, ("CC", "CA"))
    elif channel == "CALL_CENTRE":
        kind = _CALL_CENTRE_PAYMENT.pick(rng)
    else:
        kind = "CC"
    fare = (35 + minutes * rng.uniform(0.8, 2.2)) * fares
    amount = f"{fare:.2f}"
    if kind != "CC":
        return Payment(kind, amount, "EUR")
    vendor = _VENDORS.pick(rng)
    digits = 11 if vendor == "AX" else 12
    masked = "X" * digits + f"{between(rng, 0, 10000):04d}"
    holder = f"{payer.written_surname}/{payer.written_given_names}"
    return Payment(kind, amount, "EUR", vendor, masked, holder)


def phone_for(rng: random.Random, country: str) -> str:
    """A mobile number in international format for someone living in ``country``."""
    code, prefixes = _PHONES.get(country, ("381", ("64",)))
    return f"+{code} {pick(rng, prefixes)} {between(rng, 1000000, 10000000)}"


def email_for(rng: random.Random, person: SynthPerson) -> str:
    """``given.surname@example.com``-style address built from the person's names, lower case ASCII."""
    given = spell(person.given_names.split()[0], Spelling.ICAO).lower()
    surname = spell(person.surname, Spelling.ICAO).lower().replace(" ", "").replace("-", "")
    pattern = between(rng, 0, 3)
    local = (f"{given}.{surname}", f"{given[0]}{surname}", f"{surname}{between(rng, 1, 99)}")[pattern]
    return f"{local}@{pick(rng, _DOMAINS)}"
