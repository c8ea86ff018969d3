"""What a shared booking keeps and loses when one traveller is erased (pure)."""

from __future__ import annotations

from openpiu.privacy.erasure_fields import traces, without_subject
from openpiu.privacy.subjects import Criteria

BOOKING = {
    "record_locator": "JKL012",
    "group_name": "BABIC FAMILY",
    "travellers": [
        {
            "surname": "BABIC",
            "given_names": "TOMO",
            "traveller_ref": "1",
            "contacts": [{"value": "T@X.TEST"}],
        },
        {
            "surname": "MARIC",
            "given_names": "NINA",
            "traveller_ref": "2",
            "contacts": [{"value": "N@X.TEST"}],
        },
    ],
    "contacts": [{"kind": "EM", "value": "t@x.test"}, {"kind": "EM", "value": "N@X.TEST"}],
    "addresses": [],
    "payment": [
        {"type": "CC", "amount": "150.00", "account": "XXXX4444", "payer": "TOMO BABIC", "vendor": "VI"},
        {"type": "CA", "amount": "20.00", "account": None, "payer": "NINA MARIC", "vendor": None},
    ],
    "itinerary": [
        {
            "number": "123",
            "checkins": [
                {"traveller_ref": "1", "surname": "BABIC", "given_names": "TOMO", "seat": "1A"},
                {"traveller_ref": "2", "surname": "MARIC", "given_names": "NINA", "seat": "1B"},
            ],
        }
    ],
}


def test_the_erased_travellers_fields_go_and_the_co_travellers_stay() -> None:
    criteria = Criteria(surname="Babić", given_names="Tomo")
    found = traces(criteria, [BOOKING])
    assert found.in_text("payment CC VI XXXX4444 150.00") and not found.in_text("E N@X.TEST")
    content, gone = without_subject(criteria, BOOKING, found)
    assert [p["surname"] for p in content["travellers"]] == ["MARIC"]
    assert content["contacts"] == [{"kind": "EM", "value": "N@X.TEST"}]
    assert content["payment"][0] == {
        "type": "CC",
        "amount": "150.00",
        "account": None,
        "payer": None,
        "vendor": None,
    }
    assert content["payment"][1]["payer"] == "NINA MARIC"
    assert content["group_name"] is None
    assert [c["seat"] for c in content["itinerary"][0]["checkins"]] == ["1B"]
    assert gone == {
        "traveller entry": 1,
        "booking contact": 1,
        "payment holder": 1,
        "group name": 1,
        "check-in": 1,
    }


def test_nothing_goes_from_a_booking_without_the_person() -> None:
    criteria = Criteria(surname="Horvat")
    content, gone = without_subject(criteria, BOOKING, traces(criteria, [BOOKING]))
    assert (content, gone) == (BOOKING, {})
