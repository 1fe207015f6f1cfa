"""Records the guard leaves behind: approval requests, audit entries, notifications,
and the purchase waiting for the shopper's confirmation."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal
from enum import StrEnum

from .errors import Conflict
from .orders import Line


class ApprovalStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    DECLINED = "declined"
    EXPIRED = "expired"


@dataclass(frozen=True)
class Approval:
    id: str
    household_id: str
    profile_id: str
    requested_by: str  # the profile's name, as a parent hears it
    lines: tuple[Line, ...]
    total: Decimal
    created_at: datetime
    expires_at: datetime
    status: ApprovalStatus = ApprovalStatus.PENDING
    decided_at: datetime | None = None
    decided_by: str | None = None
    order_id: str | None = None
    device_id: str = ""

    def status_at(self, now: datetime) -> ApprovalStatus:
        """Expiry is a function of time, so a pending request past 24 hours reads as expired."""
        if self.status is ApprovalStatus.PENDING and now >= self.expires_at:
            return ApprovalStatus.EXPIRED
        return self.status

    def decided(
        self, status: ApprovalStatus, by: str, now: datetime, order_id: str | None = None
    ) -> Approval:
        current = self.status_at(now)
        if current is not ApprovalStatus.PENDING:
            raise Conflict(f"that request is already {current.value}")
        return replace(self, status=status, decided_by=by, decided_at=now, order_id=order_id)


@dataclass(frozen=True)
class AuditEntry:
    id: str
    household_id: str
    at: datetime
    action: str
    profile_id: str
    profile_name: str
    role: str
    device_id: str
    channel: str
    lines: tuple[Line, ...]
    total: Decimal
    outcome: str
    reason: str
    order_id: str | None = None
    approval_id: str | None = None


@dataclass(frozen=True)
class Notification:
    id: str
    household_id: str
    at: datetime
    kind: str  # approval_requested, order_placed, lockout, approval_decided, order_cancelled
    message: str
    data: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class PendingPurchase:
    """A quoted purchase awaiting "yes" or the code, held server-side per household and device.

    The idempotency key is minted when the quote is made, so repeating the confirmation
    can never place a second order.
    """

    household_id: str
    device_id: str
    profile_id: str
    action: str
    lines: tuple[Line, ...]
    total: Decimal
    idempotency_key: str
    created_at: datetime
    expires_at: datetime
    stage: str = "confirm"  # confirm -> code
    approval_id: str | None = None
