"""JSON shapes of the parent API. They extend the `voicecart` CLI's --json shapes (same
keys, a few more), and never carry a code hash, a password hash or a token hash."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from ...domain.catalog import AGE_RESTRICTED_CATEGORIES
from ...domain.guard import CodeLock
from ...domain.household import Household, Profile, Role
from ...domain.orders import Line, Order
from ...domain.parent_access import ApiToken
from ...domain.records import Approval, AuditEntry, Notification
from .wording import reason_text

if TYPE_CHECKING:
    from .context import Spend


def _money(value: object) -> str | None:
    return str(value) if value is not None else None


def _when(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def always_blocked(p: Profile) -> frozenset[str]:
    """Categories the guard blocks for this role whatever the parent ticks."""
    if p.role in (Role.CHILD, Role.TEEN, Role.GUEST):
        return AGE_RESTRICTED_CATEGORIES - p.blocked_categories
    return frozenset()


def line_json(line: Line) -> dict[str, object]:
    return {
        "sku": line.sku,
        "name": line.name,
        "quantity": line.quantity,
        "unit_price": str(line.unit_price),
    }


def household_json(
    h: Household, lock: CodeLock, now: datetime, has_password: bool
) -> dict[str, object]:
    return {
        "id": h.id,
        "name": h.name,
        "timezone": h.timezone,
        "voice_purchasing": h.voice_purchasing,
        "code_required": h.code_required,
        "code_set": h.has_code,
        "wrong_codes": lock.failures,
        "locked": lock.is_locked(now),
        "locked_until": _when(lock.locked_until) if not lock.hard_locked else None,
        "locked_until_parent": lock.hard_locked,
        "password_set": has_password,
    }


def profile_json(p: Profile) -> dict[str, object]:
    return {
        "id": p.id,
        "name": p.name,
        "role": p.role.value,
        "mode": p.mode.value,
        "person_ids": list(p.person_ids),
        "per_order_limit": _money(p.per_order_limit),
        "daily_budget": _money(p.daily_budget),
        "monthly_budget": _money(p.monthly_budget),
        "blocked_categories": sorted(p.blocked_categories),
        "always_blocked": sorted(always_blocked(p)),
        "quiet_hours": str(p.quiet_hours) if p.quiet_hours else None,
    }


def approval_json(a: Approval, now: datetime) -> dict[str, object]:
    return {
        "id": a.id,
        "status": a.status_at(now).value,
        "requested_by": a.requested_by,
        "profile_id": a.profile_id,
        "total": str(a.total),
        "created_at": a.created_at.isoformat(),
        "expires_at": a.expires_at.isoformat(),
        "decided_at": _when(a.decided_at),
        "decided_by": a.decided_by,
        "order_id": a.order_id,
        "items": [line_json(line) for line in a.lines],
    }


def order_json(
    o: Order, names: dict[str, str], now: datetime, window: timedelta
) -> dict[str, object]:
    return {
        "id": o.id,
        "status": o.status.value,
        "total": str(o.total),
        "subtotal": str(o.subtotal),
        "tax": str(o.tax),
        "profile": names.get(o.profile_id, o.profile_id),
        "profile_id": o.profile_id,
        "placed_at": o.placed_at.isoformat(),
        "delivery_date": o.delivery_date.isoformat(),
        "channel": o.channel,
        "can_cancel": o.can_cancel(now, window),
        "cancel_until": (o.placed_at + window).isoformat(),
        "cancelled_at": _when(o.cancelled_at),
        "items": [line_json(line) for line in o.lines],
    }


def audit_json(e: AuditEntry) -> dict[str, object]:
    return {
        "id": e.id,
        "at": e.at.isoformat(),
        "action": e.action,
        "profile": e.profile_name,
        "profile_id": e.profile_id,
        "role": e.role,
        "device": e.device_id,
        "channel": e.channel,
        "items": [line_json(line) for line in e.lines],
        "total": str(e.total),
        "outcome": e.outcome,
        "reason": e.reason,
        "reason_text": reason_text(e),
        "order_id": e.order_id,
        "approval_id": e.approval_id,
    }


def notification_json(n: Notification) -> dict[str, object]:
    return {
        "id": n.id,
        "at": n.at.isoformat(),
        "kind": n.kind,
        "message": n.message,
        "data": {k: str(v) if v is not None else None for k, v in n.data.items()},
    }


def token_json(t: ApiToken) -> dict[str, object]:
    return {
        "id": t.id,
        "label": t.label,
        "created_at": t.created_at.isoformat(),
        "revoked_at": _when(t.revoked_at),
        "active": t.active,
    }


def spend_json(s: Spend) -> dict[str, object]:
    return {
        "profile_id": s.profile.id,
        "name": s.profile.name,
        "today": str(s.today),
        "week": str(s.week),
        "month": str(s.month),
        "daily_budget": _money(s.profile.daily_budget),
        "monthly_budget": _money(s.profile.monthly_budget),
    }
