"""A booking's push history as the traveller page shows it: labelled changes, times in local time.

``store.pnr.booking_history`` gives the stored rows (change kinds as codes, UTC instants); an analyst
reads words and the departure airport's clock. The stored values are data (a count, codes, names): the
words around them are the template's, in the analyst's language. Masking is decided here, not in the
template: a change of a depersonalised booking (or a change row itself depersonalised) carries its label
only.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from openpiu.model import DataState
from openpiu.pnr import change_label, created_travellers
from openpiu.web.timefmt import local_time


@dataclass(frozen=True, slots=True)
class ChangeView:
    """One change: its label (a message id, translated in the template) and what changed."""

    label: str
    # The traveller concerned; None when the change is about the booking itself or when the values name it.
    subject: str | None
    before: str | None
    after: str | None
    masked: bool
    # A booking created: how many travellers it has (the template says it, ``after`` is then None).
    # None for other changes and for a row stored as English text before the count was kept (``after``).
    travellers: int | None = None


@dataclass(frozen=True, slots=True)
class PushView:
    """One version of the booking: when its push was received, full or update, and its changes."""

    received: str
    full: bool
    changes: list[ChangeView]


def change_view(change: Mapping[str, Any], *, record_locator: str, masked: bool) -> ChangeView:
    """``change`` as stored (kind, subject, before, after, data_state) made readable, or masked.

    The subject is dropped when it only repeats the booking's locator (itinerary, payment, ...) or a value
    (a traveller added or removed, a new name): the values then say it, as ``before → after``.
    """
    label = change_label(change["kind"])
    if masked or change.get("data_state") == DataState.DEPERSONALISED:
        return ChangeView(label, None, None, None, masked=True)
    subject: str | None = change["subject"] or None
    before, after = change["before"], change["after"]
    if subject in (record_locator, before, after):
        subject = None
    travellers = created_travellers(change["kind"], after)
    if travellers is not None:
        after = None
    return ChangeView(label, subject, before, after, masked=False, travellers=travellers)


def push_history(
    history: Iterable[Mapping[str, Any]], *, record_locator: str, airport: str | None, masked: bool
) -> list[PushView]:
    """Each stored version (``store.pnr.booking_history``) with its receipt time in ``airport``'s local
    time (the zone named) and its changes made readable; ``masked`` hides every change's detail."""
    return [
        PushView(
            received=local_time(version["received_at"], airport),
            full=version["function"] == "22",
            changes=[
                change_view(c, record_locator=record_locator, masked=masked) for c in version["changes"]
            ],
        )
        for version in history
    ]
