"""Screening of travellers: watchlists and pre-determined criteria (pure: handed data, returns matches).

Modules, by concept: ``translit`` (explicit transliteration tables), ``names`` (tokens, romanisations,
equivalence-class keys), ``documents`` (document-number keys and ICAO check digits), ``index`` (candidate
index; its ``vocabulary`` of keys and edit neighbourhoods, and ``postings``, the NumPy multimaps it is made
of), ``align`` (name alignment), ``score`` (weighted features), ``engine`` (``Screener``), the
importers in ``importers/``, and the criteria language in ``rules/``.
"""

from openpiu.screening.engine import Screener

__all__ = ["Screener"]
