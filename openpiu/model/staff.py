"""The roles of PIU staff who use OpenPIU (not travellers' roles: see ``Role``).

One role per account, on purpose: least privilege and separation of duties (an administrator who manages
accounts sees no personal data; a DPO who audits does not screen). ``docs/roles.md`` has the matrix.
"""

from __future__ import annotations

from enum import StrEnum


class StaffRole(StrEnum):
    """What a member of staff may do, by job (see docs/roles.md)."""

    ANALYST = "analyst"  # screens flights and travellers, reviews hits
    SUPERVISOR = "supervisor"  # an analyst who also approves decisions and disseminations
    DPO = "dpo"  # data protection officer: reads the access log, oversees retention
    AUDITOR = "auditor"  # reads the access log (internal audit, supervisory authority)
    ADMIN = "admin"  # manages accounts and roles; sees no personal data
    LIAISON = "liaison"  # handles requests from and to partner authorities (exchange, to come)
    # Not PIU staff: the independent authority (a court or an independent administrative body) that
    # approves or refuses re-personalisation requests (PNR Directive Art 12(3), CJEU C-817/19).
    AUTHORITY = "authority"
