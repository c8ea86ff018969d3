"""Sensitive and non-Annex-I PNR data, removed on receipt before storage (PNR Directive Art 6(1), 13(4)).

``filter_sensitive(raw_bytes)`` returns the copy to store and the categories removed; the one reviewed
table of codes and words is ``openpiu.formats.sensitive.table``.
"""

from openpiu.formats.sensitive.filter import FilterResult, Removal, filter_sensitive
from openpiu.formats.sensitive.table import SSR_CODES, Category, classify_text

__all__ = ["SSR_CODES", "Category", "FilterResult", "Removal", "classify_text", "filter_sensitive"]
