"""Screening of travellers against watchlists (pure: handed entries and travellers, returns matches).

Modules, by concept: ``translit`` (explicit transliteration tables), ``names`` (tokens, romanisations,
equivalence-class keys), ``documents`` (document-number keys and ICAO check digits), ``index`` (candidate
index), ``align`` (name alignment), ``score`` (weighted features), ``engine`` (``Screener``), and the
importers in ``importers/``.
"""

from openpiu.screening.engine import Screener

__all__ = ["Screener"]
