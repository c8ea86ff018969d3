"""Synthetic but realistic travel data and watchlists (no real person anywhere)."""
