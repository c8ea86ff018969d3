"""API ↔ PNR reconciliation with deliberate mismatches."""

from __future__ import annotations

from datetime import date

from pnr_factories import booking, person, pnr_traveller  # type: ignore[import-not-found]

from openpiu.pnr import reconcile


def test_links_no_shows_go_shows_and_name_mismatches() -> None:
    bookings = [
        booking(
            "ABC123",
            pnr_traveller("PETROVIC", "MARKO", doc="P111", born=date(1985, 2, 12), seat="12A"),
            pnr_traveller("PETROVIC", "ANA", doc="P222", born=date(1987, 5, 1)),
        ),
        booking("XYZ789", pnr_traveller("ĐOKOVIĆ", "JELENA", born=date(1990, 1, 1))),
        booking("NOS001", pnr_traveller("KRASNIQI", "ARBEN", doc="P999")),  # booked, not flown
        booking("CAN001", pnr_traveller("BEGIC", "AMIR", doc="P555"), cancelled=True),
    ]
    api = [
        person("PETROVIC", "MARKO", doc="P111", born=date(1985, 2, 12), seat="12A", locator="ABC123"),
        person("PETROVIC", "JANA", doc="P222", born=date(1987, 5, 1)),  # another given name in the PNR
        person("PETROVIC", "LUKA", doc="P333", seat="12B", locator="ABC123"),  # child added at the airport
        person("DJOKOVIC", "JELENA", born=date(1990, 1, 1), locator="XYZ789"),
        person("HOXHA", "DRITA", doc="P777"),  # no booking: go-show
        person("BEGIC", "AMIR", doc="P555"),  # booking cancelled
    ]
    result = reconcile(api, bookings)
    linked = {(link.api.given_names, link.record_locator): link for link in result.links}
    marko = linked[("MARKO", "ABC123")]
    assert (marko.confidence, marko.reasons) == (
        1.0,
        ("document number", "record locator", "surname", "given names", "date of birth", "seat"),
    )
    jana = linked[("JANA", "ABC123")]
    assert jana.name_mismatch is True
    assert (jana.confidence, jana.reasons) == (0.8, ("document number", "surname", "date of birth"))
    jelena = linked[("JELENA", "XYZ789")]
    assert "surname (normalised)" in jelena.reasons
    assert jelena.name_mismatch is False
    assert [t.surname + "/" + t.given_names for t in result.api_only] == [
        "PETROVIC/LUKA",
        "HOXHA/DRITA",
        "BEGIC/AMIR",
    ]
    assert [(locator, t.person.surname) for locator, t in result.pnr_only] == [("NOS001", "KRASNIQI")]
    assert [link.api.given_names for link in result.name_mismatches] == ["JANA"]


def test_spelling_variants_are_normalised_matches() -> None:
    result = reconcile(
        [person("ZHIVKOVICH", "ANNA", locator="ABC123")],
        [booking("ABC123", pnr_traveller("ŽIVKOVIĆ", "ANA"))],
    )
    (link,) = result.links
    assert link.reasons == ("record locator", "surname (normalised)", "given names (normalised)")
    assert (link.confidence, link.name_mismatch) == (0.45, False)


def test_weak_evidence_is_not_a_link() -> None:
    result = reconcile([person("NOVAK", "LUKA")], [booking("ABC123", pnr_traveller("NOVAK", "IVAN"))])
    assert result.links == ()
    assert len(result.api_only) == 1
    assert len(result.pnr_only) == 1


def test_family_members_sharing_locator_and_surname_are_not_confused() -> None:
    result = reconcile(
        [person("PETROVIC", "LUKA", locator="ABC123")],
        [booking("ABC123", pnr_traveller("PETROVIC", "ANA"))],
    )
    assert result.links == ()
    assert [t.given_names for t in result.api_only] == ["LUKA"]
    assert [t.person.given_names for _, t in result.pnr_only] == ["ANA"]
