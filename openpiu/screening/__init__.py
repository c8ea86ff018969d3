"""Screening of travellers: watchlist matching (screening branch) and pre-determined criteria (``rules``)."""
