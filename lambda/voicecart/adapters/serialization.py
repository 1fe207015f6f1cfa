"""Domain records to and from plain JSON-able dicts, shared by every store adapter.

Money travels as strings so no float ever touches a price.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ..domain.catalog import Product, product_from_dict
from ..domain.guard import CodeLock
from ..domain.household import Address, Household, Mode, PaymentMethod, Profile, QuietHours, Role
from ..domain.orders import Cart, Line, Order, OrderStatus
from ..domain.records import Approval, ApprovalStatus, AuditEntry, Notification, PendingPurchase


def _dt(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def _parse_dt(value: Any) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _dec(value: Decimal | None) -> str | None:
    return str(value) if value is not None else None


def _parse_dec(value: Any) -> Decimal | None:
    return Decimal(str(value)) if value is not None and value != "" else None


def _lines(lines: tuple[Line, ...]) -> list[dict[str, object]]:
    return [line.to_dict() for line in lines]


def _parse_lines(raw: Any) -> tuple[Line, ...]:
    return tuple(Line.from_dict(item) for item in raw or ())


def product_to_dict(product: Product) -> dict[str, object]:
    return product.to_dict()


def product_from(raw: dict[str, Any]) -> Product:
    return product_from_dict(raw)


def household_to_dict(h: Household) -> dict[str, object]:
    return {
        "id": h.id,
        "name": h.name,
        "timezone": h.timezone,
        "voice_purchasing": h.voice_purchasing,
        "code_required": h.code_required,
        "code_hash": h.code_hash,
        "address": None
        if h.address is None
        else {
            "name": h.address.name,
            "line1": h.address.line1,
            "city": h.address.city,
            "region": h.address.region,
            "postal_code": h.address.postal_code,
            "country": h.address.country,
        },
        "payment": None
        if h.payment is None
        else {"token": h.payment.token, "brand": h.payment.brand, "last4": h.payment.last4},
        "tax_rate": str(h.tax_rate),
        "seller": h.seller,
        "platform_user_ids": list(h.platform_user_ids),
    }


def household_from(raw: dict[str, Any]) -> Household:
    return Household(
        id=raw["id"],
        name=raw["name"],
        timezone=raw["timezone"],
        voice_purchasing=bool(raw["voice_purchasing"]),
        code_required=bool(raw["code_required"]),
        code_hash=raw.get("code_hash"),
        address=Address(**raw["address"]) if raw.get("address") else None,
        payment=PaymentMethod(**raw["payment"]) if raw.get("payment") else None,
        tax_rate=Decimal(raw["tax_rate"]),
        seller=raw["seller"],
        platform_user_ids=tuple(raw.get("platform_user_ids") or ()),
    )


def profile_to_dict(p: Profile) -> dict[str, object]:
    return {
        "id": p.id,
        "household_id": p.household_id,
        "name": p.name,
        "role": p.role.value,
        "mode": p.mode.value,
        "person_ids": list(p.person_ids),
        "per_order_limit": _dec(p.per_order_limit),
        "daily_budget": _dec(p.daily_budget),
        "monthly_budget": _dec(p.monthly_budget),
        "blocked_categories": sorted(p.blocked_categories),
        "quiet_hours": str(p.quiet_hours) if p.quiet_hours else None,
    }


def profile_from(raw: dict[str, Any]) -> Profile:
    return Profile(
        id=raw["id"],
        household_id=raw["household_id"],
        name=raw["name"],
        role=Role(raw["role"]),
        mode=Mode(raw["mode"]),
        person_ids=tuple(raw.get("person_ids") or ()),
        per_order_limit=_parse_dec(raw.get("per_order_limit")),
        daily_budget=_parse_dec(raw.get("daily_budget")),
        monthly_budget=_parse_dec(raw.get("monthly_budget")),
        blocked_categories=frozenset(raw.get("blocked_categories") or ()),
        quiet_hours=QuietHours.parse(raw["quiet_hours"]) if raw.get("quiet_hours") else None,
    )


def cart_to_dict(c: Cart) -> dict[str, object]:
    return {
        "household_id": c.household_id,
        "lines": _lines(c.lines),
        "updated_at": _dt(c.updated_at),
    }


def cart_from(raw: dict[str, Any]) -> Cart:
    return Cart(
        raw["household_id"], _parse_lines(raw.get("lines")), _parse_dt(raw.get("updated_at"))
    )


def order_to_dict(o: Order) -> dict[str, object]:
    return {
        "id": o.id,
        "household_id": o.household_id,
        "profile_id": o.profile_id,
        "lines": _lines(o.lines),
        "subtotal": str(o.subtotal),
        "tax": str(o.tax),
        "total": str(o.total),
        "status": o.status.value,
        "placed_at": _dt(o.placed_at),
        "delivery_date": o.delivery_date.isoformat(),
        "payment_ref": o.payment_ref,
        "channel": o.channel,
        "device_id": o.device_id,
        "approval_id": o.approval_id,
        "idempotency_key": o.idempotency_key,
        "shipped_at": _dt(o.shipped_at),
        "cancelled_at": _dt(o.cancelled_at),
        "counters": list(o.counters),
    }


def order_from(raw: dict[str, Any]) -> Order:
    placed = _parse_dt(raw["placed_at"])
    assert placed is not None
    return Order(
        id=raw["id"],
        household_id=raw["household_id"],
        profile_id=raw["profile_id"],
        lines=_parse_lines(raw["lines"]),
        subtotal=Decimal(raw["subtotal"]),
        tax=Decimal(raw["tax"]),
        total=Decimal(raw["total"]),
        status=OrderStatus(raw["status"]),
        placed_at=placed,
        delivery_date=date.fromisoformat(raw["delivery_date"]),
        payment_ref=raw.get("payment_ref") or "",
        channel=raw.get("channel") or "voice",
        device_id=raw.get("device_id") or "",
        approval_id=raw.get("approval_id"),
        idempotency_key=raw.get("idempotency_key") or "",
        shipped_at=_parse_dt(raw.get("shipped_at")),
        cancelled_at=_parse_dt(raw.get("cancelled_at")),
        counters=tuple(raw.get("counters") or ()),
    )


def approval_to_dict(a: Approval) -> dict[str, object]:
    return {
        "id": a.id,
        "household_id": a.household_id,
        "profile_id": a.profile_id,
        "requested_by": a.requested_by,
        "lines": _lines(a.lines),
        "total": str(a.total),
        "created_at": _dt(a.created_at),
        "expires_at": _dt(a.expires_at),
        "status": a.status.value,
        "decided_at": _dt(a.decided_at),
        "decided_by": a.decided_by,
        "order_id": a.order_id,
        "device_id": a.device_id,
    }


def approval_from(raw: dict[str, Any]) -> Approval:
    created, expires = _parse_dt(raw["created_at"]), _parse_dt(raw["expires_at"])
    assert created is not None and expires is not None
    return Approval(
        id=raw["id"],
        household_id=raw["household_id"],
        profile_id=raw["profile_id"],
        requested_by=raw["requested_by"],
        lines=_parse_lines(raw["lines"]),
        total=Decimal(raw["total"]),
        created_at=created,
        expires_at=expires,
        status=ApprovalStatus(raw["status"]),
        decided_at=_parse_dt(raw.get("decided_at")),
        decided_by=raw.get("decided_by"),
        order_id=raw.get("order_id"),
        device_id=raw.get("device_id") or "",
    )


def audit_to_dict(e: AuditEntry) -> dict[str, object]:
    return {
        "id": e.id,
        "household_id": e.household_id,
        "at": _dt(e.at),
        "action": e.action,
        "profile_id": e.profile_id,
        "profile_name": e.profile_name,
        "role": e.role,
        "device_id": e.device_id,
        "channel": e.channel,
        "lines": _lines(e.lines),
        "total": str(e.total),
        "outcome": e.outcome,
        "reason": e.reason,
        "order_id": e.order_id,
        "approval_id": e.approval_id,
    }


def audit_from(raw: dict[str, Any]) -> AuditEntry:
    at = _parse_dt(raw["at"])
    assert at is not None
    return AuditEntry(
        id=raw["id"],
        household_id=raw["household_id"],
        at=at,
        action=raw["action"],
        profile_id=raw["profile_id"],
        profile_name=raw["profile_name"],
        role=raw["role"],
        device_id=raw["device_id"],
        channel=raw["channel"],
        lines=_parse_lines(raw["lines"]),
        total=Decimal(raw["total"]),
        outcome=raw["outcome"],
        reason=raw["reason"],
        order_id=raw.get("order_id"),
        approval_id=raw.get("approval_id"),
    )


def notification_to_dict(n: Notification) -> dict[str, object]:
    return {
        "id": n.id,
        "household_id": n.household_id,
        "at": _dt(n.at),
        "kind": n.kind,
        "message": n.message,
        "data": n.data,
    }


def notification_from(raw: dict[str, Any]) -> Notification:
    at = _parse_dt(raw["at"])
    assert at is not None
    return Notification(
        raw["id"], raw["household_id"], at, raw["kind"], raw["message"], dict(raw.get("data") or {})
    )


def pending_to_dict(p: PendingPurchase) -> dict[str, object]:
    return {
        "household_id": p.household_id,
        "device_id": p.device_id,
        "profile_id": p.profile_id,
        "action": p.action,
        "lines": _lines(p.lines),
        "total": str(p.total),
        "idempotency_key": p.idempotency_key,
        "created_at": _dt(p.created_at),
        "expires_at": _dt(p.expires_at),
        "stage": p.stage,
        "approval_id": p.approval_id,
    }


def pending_from(raw: dict[str, Any]) -> PendingPurchase:
    created, expires = _parse_dt(raw["created_at"]), _parse_dt(raw["expires_at"])
    assert created is not None and expires is not None
    return PendingPurchase(
        household_id=raw["household_id"],
        device_id=raw["device_id"],
        profile_id=raw["profile_id"],
        action=raw["action"],
        lines=_parse_lines(raw["lines"]),
        total=Decimal(raw["total"]),
        idempotency_key=raw["idempotency_key"],
        created_at=created,
        expires_at=expires,
        stage=raw.get("stage") or "confirm",
        approval_id=raw.get("approval_id"),
    )


def lock_to_dict(lock: CodeLock) -> dict[str, object]:
    return {
        "failures": lock.failures,
        "locked_until": _dt(lock.locked_until),
        "hard_locked": lock.hard_locked,
    }


def lock_from(raw: dict[str, Any]) -> CodeLock:
    return CodeLock(
        int(raw.get("failures") or 0),
        _parse_dt(raw.get("locked_until")),
        bool(raw.get("hard_locked")),
    )
