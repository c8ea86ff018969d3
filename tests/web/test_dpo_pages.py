"""The data-protection pages over HTTP, per role: DPO dashboard, statistics, the authority's decisions."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

from privacy.traffic import hold
from sqlalchemy import select

from openpiu.model import StaffRole
from openpiu.privacy import subject_requests, unmasking
from openpiu.privacy.audit import verify
from openpiu.privacy.sealing import Sealer
from openpiu.store.accounts import UserRow
from openpiu.store.audit import AuditEventRow
from openpiu.store.privacy_tables import UnmaskRequestRow
from openpiu.store.pseudonyms import load_pseudonym_key
from openpiu.store.tables import TravellerRow
from web.conftest import START, Web


def _request(web: Web, requester: str) -> int:
    with web.session() as db:
        user = db.scalars(select(UserRow).where(UserRow.username == requester)).one()
        request_id = unmasking.submit(
            db,
            user,
            target="booking:JU/ABC123",
            case_ref="2025/17",
            offence_category="drug_trafficking",
            purpose="companions of a courier",
            at=START,
        )
        db.commit()
        return request_id


def test_dpo_dashboard_shows_data_by_age_holds_and_requests(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    dpo = web.client_as(StaffRole.DPO)
    with web.session() as db:
        hold(db, "flight:JU0456/2025-03-14", review=date(2025, 9, 1), at=START)
        db.commit()
    request_id = _request(web, analyst.username)
    page = dpo.client.get("/dpo")
    assert page.status_code == 200
    text = page.text
    assert (
        "under 24 hours" in text
        and "flight:JU0456/2025-03-14" in text
        and "objective link: courier pattern in case 2026/17" in text
    )
    assert "companions of a courier" in text and "Directive (EU) 2016/681 Art 12(2)" in text
    assert "PETROVIC" not in text and "HOXHA" not in text  # the dashboard shows counts, not people
    assert "No open requests" in text
    refused = dpo.client.post(
        f"/dpo/requests/{request_id}/review", data={"note": "n", "csrf_token": dpo.csrf}
    )
    assert refused.status_code == 400 and "only an approved request is reviewed" in refused.text
    assert analyst.client.get("/dpo").status_code == 403


def test_authority_decides_and_the_dpo_reviews(web: Web) -> None:
    analyst = web.client_as(StaffRole.ANALYST)
    judge = web.client_as(StaffRole.AUTHORITY, username="judge")
    dpo = web.client_as(StaffRole.DPO)
    request_id = _request(web, analyst.username)
    page = judge.client.get("/authority").text
    assert "companions of a courier" in page and "2025/17" in page
    # Neither the requester nor the DPO can reach the decision (403 from the route guard).
    for other in (analyst, dpo):
        answer = other.client.post(
            f"/authority/requests/{request_id}/decide",
            data={"decision": "approve", "reason": "x", "csrf_token": other.csrf},
        )
        assert answer.status_code == 403
    decided = judge.client.post(
        f"/authority/requests/{request_id}/decide",
        data={"decision": "approve", "reason": "grounds shown", "hours": "4", "csrf_token": judge.csrf},
        follow_redirects=False,
    )
    assert decided.status_code == 303
    again = judge.client.post(
        f"/authority/requests/{request_id}/decide",
        data={"decision": "reject", "reason": "changed", "csrf_token": judge.csrf},
    )
    assert again.status_code == 400 and "not pending" in again.text
    dashboard = dpo.client.get("/dpo").text
    assert f"re-personalisation {request_id} approved by judge for user.analyst" in dashboard
    reviewed = dpo.client.post(
        f"/dpo/requests/{request_id}/review",
        data={"note": "proportionate", "csrf_token": dpo.csrf},
        follow_redirects=False,
    )
    assert reviewed.status_code == 303
    with web.session() as db:
        assert unmasking.get(db, request_id).reviewed_by == "user.dpo"
        steps = [
            e.detail.get("step") for e in db.scalars(select(AuditEventRow)) if e.detail and "step" in e.detail
        ]
        assert steps == ["request", "approve", "review"]
        assert verify(db).ok


def test_statistics_page_draws_svg_charts(web: Web) -> None:
    auditor = web.client_as(StaffRole.AUDITOR)
    page = auditor.client.get("/statistics?period=2025-Q1")
    assert page.status_code == 200
    assert "<svg" in page.text and "<rect" in page.text and "api_travellers" in page.text
    assert "PETROVIC" not in page.text
    assert auditor.client.get("/statistics?period=2025-Q9").status_code == 400
    assert web.client_as(StaffRole.ANALYST).client.get("/statistics").status_code == 403


def test_masked_travellers_are_masked_in_the_pages(web: Web) -> None:
    from openpiu.privacy.job import run_retention
    from openpiu.privacy.retention import Policy, add_months
    from openpiu.privacy.sealing import Sealer

    with web.session() as db:
        hold(db, "flight:JU0456/2025-03-14", review=date(2026, 1, 1), at=START)
        db.commit()
    report = run_retention(web.engine, policy=Policy(), sealer=Sealer(bytes(32)), now=add_months(START, 7))
    assert report.counts[("api_border", "masked")] == 3 and report.counts[("api_border", "deleted")] == 1
    analyst = web.client_as(StaffRole.ANALYST)
    flight = analyst.client.get(f"/flights/{web.flight_ids['JU0456']}").text
    assert "masked (PNR Directive Art 12(2))" in flight and "HOXHA" not in flight and "PETROVIC" not in flight
    with web.session() as db:
        masked_id = db.scalars(
            select(TravellerRow.id).where(TravellerRow.flight_id == web.flight_ids["JU0456"])
        ).first()
    page = analyst.client.get(f"/travellers/{masked_id}").text
    assert "masked (PNR Directive Art 12(2))" in page and "AB1234567" not in page and "012345678" not in page


def test_requester_asks_on_the_web_and_sees_the_data_only_while_approved(web: Web) -> None:
    from openpiu.privacy.job import load_sealer, run_retention
    from openpiu.privacy.retention import Policy, add_months

    with web.session() as db:
        hold(db, "flight:JU0456/2025-03-14", review=date(2026, 1, 1), at=START)
        db.commit()
    sealer = load_sealer(web.app.state.settings)  # the key next to the test database, as the app uses it
    run_retention(web.engine, policy=Policy(), sealer=sealer, now=add_months(START, 7))
    with web.session() as db:
        masked = db.scalars(
            select(TravellerRow)
            .where(TravellerRow.flight_id == web.flight_ids["JU0456"])
            .order_by(TravellerRow.id)
        ).first()
        assert masked is not None and masked.surname == ""
    analyst = web.client_as(StaffRole.ANALYST)
    other = web.client_as(StaffRole.SUPERVISOR, username="other.supervisor")
    judge = web.client_as(StaffRole.AUTHORITY, username="judge")
    form = {
        "target": f"traveller:{masked.id}",
        "case_ref": "2025/17",
        "offence": "drug_trafficking",
        "purpose": "identify the courier",
        "csrf_token": analyst.csrf,
    }
    bad = analyst.client.post("/unmask", data={**form, "offence": "speeding"})
    assert bad.status_code == 400 and "not in Annex II" in bad.text
    assert analyst.client.post("/unmask", data=form, follow_redirects=False).status_code == 303
    refused = analyst.client.get("/unmask/1")
    assert refused.status_code == 403 and "not approved" in refused.text
    judge.client.post(
        "/authority/requests/1/decide",
        data={"decision": "approve", "reason": "grounds shown", "hours": "2", "csrf_token": judge.csrf},
    )
    shown = analyst.client.get("/unmask/1")
    assert shown.status_code == 200 and "PETROVIC" in shown.text and "012345678" in shown.text
    assert other.client.get("/unmask/1").status_code == 403  # the requester only
    with web.session() as db:  # two hours later (moving the clock would also end the login session)
        row = db.get(UnmaskRequestRow, 1)
        assert row is not None
        row.access_until = START
        db.commit()
    expired = analyst.client.get("/unmask/1")
    assert expired.status_code == 403 and "expired" in expired.text
    with web.session() as db:
        outcomes = [
            (e.actor, e.action, e.outcome)
            for e in db.scalars(select(AuditEventRow).where(AuditEventRow.approval_ref == "unmask:1"))
        ]
    assert outcomes == [
        ("user.analyst", "alter", "success"),
        ("user.analyst", "alter", "denied"),
        ("judge", "alter", "success"),
        ("user.analyst", "unmask", "success"),
        ("other.supervisor", "alter", "denied"),
        ("user.analyst", "alter", "denied"),
    ]


def test_dpo_places_and_releases_holds_on_the_dashboard(web: Web) -> None:
    dpo = web.client_as(StaffRole.DPO)
    form = {
        "target": "booking:ju/abc123",
        "reason": "courier pattern",
        "legal_basis": "Law Art 12",
        "review_date": "2025-09-01",
        "csrf_token": dpo.csrf,
    }
    bad = dpo.client.post("/dpo/holds", data={**form, "target": "somebody"})
    assert bad.status_code == 400 and "expected booking:CARRIER/LOCATOR" in bad.text
    past = dpo.client.post("/dpo/holds", data={**form, "review_date": "2025-01-01"})
    assert past.status_code == 400 and "in the past" in past.text
    assert dpo.client.post("/dpo/holds", data=form, follow_redirects=False).status_code == 303
    assert "<td>booking:JU/ABC123</td>" in dpo.client.get("/dpo").text
    released = dpo.client.post(
        "/dpo/holds/1/release", data={"reason": "case closed", "csrf_token": dpo.csrf}, follow_redirects=False
    )
    assert released.status_code == 303 and "<td>booking:JU/ABC123</td>" not in dpo.client.get("/dpo").text
    again = dpo.client.post("/dpo/holds/1/release", data={"reason": "again", "csrf_token": dpo.csrf})
    assert again.status_code == 400 and "already released" in again.text
    supervisor = web.client_as(StaffRole.SUPERVISOR)
    assert (
        supervisor.client.post("/dpo/holds", data={**form, "csrf_token": supervisor.csrf}).status_code == 403
    )
    with web.session() as db:
        details = [
            e.detail for e in db.scalars(select(AuditEventRow)) if e.object_refs and "hold:1" in e.object_refs
        ]
    assert [d["hold"] for d in details if d] == ["added", "released"]


def test_dpo_handles_a_data_subject_request_on_the_web(web: Web) -> None:
    dpo = web.client_as(StaffRole.DPO)
    form = {
        "kind": "access",
        "reference": "letter 2025/9",
        "surname": "Petrović",
        "given_names": "Marko",
        "born": "1985-02-12",
        "csrf_token": dpo.csrf,
    }
    bad = dpo.client.post("/dpo/subjects", data={**form, "kind": "forget"})
    assert bad.status_code == 400 and "access, rectification or erasure" in bad.text
    opened = dpo.client.post("/dpo/subjects", data=form, follow_redirects=False)
    assert opened.status_code == 303 and opened.headers["location"] == "/dpo/subjects/1"
    page = dpo.client.get("/dpo/subjects/1").text
    assert "Held about this person: 1 rows" in page and "012345678" in page and "HOXHA" not in page
    export = dpo.client.get("/dpo/subjects/1/export")
    assert export.headers["content-disposition"] == 'attachment; filename="subject-request-1.json"'
    assert [item["values"]["surname"] for item in export.json()["held"]] == ["PETROVIC"]
    answered = dpo.client.post(
        "/dpo/subjects/1/answer", data={"text": "export sent", "csrf_token": dpo.csrf}, follow_redirects=False
    )
    assert answered.status_code == 303 and "export sent" in dpo.client.get("/dpo/subjects/1").text
    assert web.client_as(StaffRole.ANALYST).client.get("/dpo/subjects/1").status_code == 403
    with web.session() as db:
        steps = [
            (e.action, (e.detail or {}).get("step"))
            for e in db.scalars(select(AuditEventRow).order_by(AuditEventRow.seq))
            if e.object_refs and "subject_request:1" in e.object_refs
        ]
    assert steps[0] == ("alter", "received") and ("export", "export") in steps and steps[-1][1] == "search"


def test_an_erased_subject_request_page_shows_the_decision_not_the_person(web: Web) -> None:
    dpo = web.client_as(StaffRole.DPO)
    form = {"kind": "erasure", "reference": "letter 2025/10", "surname": "Petrović", "csrf_token": dpo.csrf}
    assert dpo.client.post("/dpo/subjects", data=form, follow_redirects=False).status_code == 303
    assert "PETROVIC" in dpo.client.get("/dpo/subjects/1").text
    with web.session() as db:
        user = db.scalars(select(UserRow).where(UserRow.role == StaffRole.DPO)).first()
        assert user is not None
        subject_requests.decide_erasure(
            db,
            user,
            request_id=1,
            grant=True,
            reason="LED Art 16",
            sealer=Sealer(bytes(32)),
            pseudonym_key=load_pseudonym_key(db.connection(), web.app.state.settings),
            at=START,
        )
        db.commit()
    page = dpo.client.get("/dpo/subjects/1")
    assert page.status_code == 200 and "granted" in page.text and "LED Art 16" in page.text
    assert "Petrovi" not in page.text and "PETROVIC" not in page.text and "traveller 1" in page.text


def test_a_subject_search_without_the_pseudonym_key_says_so_instead_of_missing_hits(
    web: Web, tmp_path: Path
) -> None:
    dpo = web.client_as(StaffRole.DPO)
    form = {"kind": "access", "reference": "letter 2025/11", "surname": "Petrović", "csrf_token": dpo.csrf}
    assert dpo.client.post("/dpo/subjects", data=form, follow_redirects=False).status_code == 303
    web.app.state.settings = replace(web.app.state.settings, pseudonym_key_file=tmp_path / "gone.key")
    page = dpo.client.get("/dpo/subjects/1")
    assert page.status_code == 503 and "gone.key" in page.text and "PETROVIC" not in page.text
    assert dpo.client.get("/dpo/subjects/1/export").status_code == 503
