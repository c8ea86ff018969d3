"""The re-personalisation state machine: who may do each step, independence, expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from openpiu.errors import AccessDenied
from openpiu.model import StaffRole
from openpiu.privacy.repersonalisation import (
    UnmaskRequest,
    UnmaskState,
    WorkflowError,
    approve,
    check_access,
    reject,
    request,
    review,
)

AT = datetime(2026, 11, 29, 9, 0, tzinfo=UTC)


def asked(role: StaffRole = StaffRole.ANALYST, requester: str = "ana") -> UnmaskRequest:
    return request(
        target="booking:JU/ABC123",
        requester=requester,
        role=role,
        case_ref="2026/17",
        offence_category="drug_trafficking",
        purpose="identify the courier's companions",
        at=AT,
    )


def test_the_whole_course() -> None:
    pending = asked()
    assert pending.state is UnmaskState.REQUESTED
    with pytest.raises(AccessDenied, match="not approved"):
        check_access(pending, user="ana", at=AT)
    granted = approve(
        pending,
        approver="judge",
        role=StaffRole.AUTHORITY,
        at=AT,
        reason="grounds shown",
        access_for=timedelta(hours=4),
    )
    assert (granted.state, granted.access_until) == (UnmaskState.APPROVED, AT + timedelta(hours=4))
    check_access(granted, user="ana", at=AT + timedelta(hours=3, minutes=59))
    with pytest.raises(AccessDenied, match="approved for ana only"):
        check_access(granted, user="boris", at=AT)
    with pytest.raises(AccessDenied, match="expired"):
        check_access(granted, user="ana", at=AT + timedelta(hours=4))
    done = review(
        granted, reviewer="dora", role=StaffRole.DPO, at=AT + timedelta(days=1), note="proportionate"
    )
    assert done.state is UnmaskState.REVIEWED
    with pytest.raises(AccessDenied, match="expired"):  # a review does not renew access
        check_access(done, user="ana", at=AT + timedelta(days=1))


@pytest.mark.parametrize("role", [StaffRole.DPO, StaffRole.ADMIN, StaffRole.AUTHORITY, StaffRole.AUDITOR])
def test_only_analysts_and_supervisors_ask(role: StaffRole) -> None:
    with pytest.raises(AccessDenied, match="requesting re-personalisation is for the analyst or supervisor"):
        asked(role)


@pytest.mark.parametrize("role", [StaffRole.SUPERVISOR, StaffRole.DPO, StaffRole.ADMIN, StaffRole.ANALYST])
def test_only_the_independent_authority_decides(role: StaffRole) -> None:
    with pytest.raises(AccessDenied, match="is for the authority role"):
        approve(asked(), approver="x", role=role, at=AT, reason="r")
    with pytest.raises(AccessDenied, match="is for the authority role"):
        reject(asked(), approver="x", role=role, at=AT, reason="r")


def test_the_requester_never_approves_and_decisions_are_final() -> None:
    # An authority account that made the request (it cannot: requesting needs a PIU role) is refused too.
    pending = asked(requester="judge")
    with pytest.raises(AccessDenied, match="judge made the request and cannot decide on it"):
        approve(pending, approver="judge", role=StaffRole.AUTHORITY, at=AT, reason="r")
    refused = reject(asked(), approver="judge", role=StaffRole.AUTHORITY, at=AT, reason="no grounds")
    with pytest.raises(AccessDenied, match="not approved"):
        check_access(refused, user="ana", at=AT)
    with pytest.raises(WorkflowError, match="the request is rejected, not pending"):
        approve(refused, approver="judge", role=StaffRole.AUTHORITY, at=AT, reason="changed my mind")
    with pytest.raises(WorkflowError, match="only an approved request is reviewed"):
        review(refused, reviewer="dora", role=StaffRole.DPO, at=AT, note="n")


def test_reasons_and_limits() -> None:
    with pytest.raises(WorkflowError, match="not in Annex II"):
        request(
            target="t",
            requester="ana",
            role=StaffRole.ANALYST,
            case_ref="1",
            offence_category="speeding",
            purpose="p",
            at=AT,
        )
    with pytest.raises(WorkflowError, match="a case reference is required"):
        request(
            target="t",
            requester="ana",
            role=StaffRole.ANALYST,
            case_ref=" ",
            offence_category="fraud",
            purpose="p",
            at=AT,
        )
    with pytest.raises(WorkflowError, match="between a moment and 7 days"):
        approve(
            asked(),
            approver="judge",
            role=StaffRole.AUTHORITY,
            at=AT,
            reason="r",
            access_for=timedelta(days=8),
        )
    with pytest.raises(AccessDenied, match=r"review.*is for the dpo role"):
        granted = approve(asked(), approver="judge", role=StaffRole.AUTHORITY, at=AT, reason="r")
        review(granted, reviewer="sam", role=StaffRole.SUPERVISOR, at=AT, note="n")
