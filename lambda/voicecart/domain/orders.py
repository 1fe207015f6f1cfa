"""Carts, order lines, orders and their lifecycle."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from .catalog import Product
from .errors import Conflict, ValidationError

CENT = Decimal("0.01")
MAX_QUANTITY = 99
DEFAULT_CANCEL_WINDOW = timedelta(minutes=30)


def money(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Line:
    """One product and quantity, priced at the moment it was added."""

    sku: str
    name: str
    category: str
    quantity: int
    unit_price: Decimal
    age_restricted: bool = False

    def __post_init__(self) -> None:
        if not 1 <= self.quantity <= MAX_QUANTITY:
            raise ValidationError(f"quantity must be between 1 and {MAX_QUANTITY}")

    @property
    def subtotal(self) -> Decimal:
        return money(self.unit_price * self.quantity)

    @classmethod
    def of(cls, product: Product, quantity: int = 1) -> Line:
        return cls(
            product.sku, product.name, product.category, quantity, product.price, product.restricted
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "sku": self.sku,
            "name": self.name,
            "category": self.category,
            "quantity": self.quantity,
            "unit_price": str(self.unit_price),
            "age_restricted": self.age_restricted,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, object]) -> Line:
        return cls(
            str(raw["sku"]),
            str(raw["name"]),
            str(raw["category"]),
            int(str(raw["quantity"])),
            Decimal(str(raw["unit_price"])),
            bool(raw.get("age_restricted", False)),
        )


def subtotal(lines: Iterable[Line]) -> Decimal:
    return money(sum((line.subtotal for line in lines), Decimal("0")))


@dataclass(frozen=True)
class Cart:
    household_id: str
    lines: tuple[Line, ...] = ()
    updated_at: datetime | None = None

    @property
    def is_empty(self) -> bool:
        return not self.lines

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self.lines)

    @property
    def subtotal(self) -> Decimal:
        return subtotal(self.lines)

    def add(self, product: Product, quantity: int = 1) -> Cart:
        lines = list(self.lines)
        for i, line in enumerate(lines):
            if line.sku == product.sku:
                lines[i] = replace(line, quantity=min(line.quantity + quantity, MAX_QUANTITY))
                return replace(self, lines=tuple(lines))
        return replace(self, lines=(*lines, Line.of(product, quantity)))

    def remove(self, sku: str, quantity: int | None = None) -> Cart:
        lines: list[Line] = []
        for line in self.lines:
            if line.sku == sku and (quantity is None or quantity >= line.quantity):
                continue
            if line.sku == sku and quantity is not None:
                line = replace(line, quantity=line.quantity - quantity)
            lines.append(line)
        return replace(self, lines=tuple(lines))

    def cleared(self) -> Cart:
        return replace(self, lines=())


class OrderStatus(StrEnum):
    PLACED = "placed"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Quote:
    """Everything the shopper must hear before confirming a purchase."""

    lines: tuple[Line, ...]
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    seller: str
    address: str
    delivery_date: date
    payment_brand: str
    payment_last4: str


def make_quote(
    lines: Iterable[Line],
    tax_rate: Decimal,
    seller: str,
    address: str,
    delivery_date: date,
    payment_brand: str,
    payment_last4: str,
) -> Quote:
    items = tuple(lines)
    if not items:
        raise ValidationError("there is nothing to buy")
    sub = subtotal(items)
    tax = money(sub * tax_rate)
    return Quote(
        items, sub, tax, sub + tax, seller, address, delivery_date, payment_brand, payment_last4
    )


def delivery_estimate(placed_at: datetime, business_days: int = 2) -> date:
    """Two business days after the order, skipping weekends."""
    day = placed_at.date()
    remaining = business_days
    while remaining:
        day += timedelta(days=1)
        if day.weekday() < 5:
            remaining -= 1
    return day


@dataclass(frozen=True)
class Order:
    id: str
    household_id: str
    profile_id: str
    lines: tuple[Line, ...]
    subtotal: Decimal
    tax: Decimal
    total: Decimal
    status: OrderStatus
    placed_at: datetime
    delivery_date: date
    payment_ref: str = ""
    channel: str = "voice"
    device_id: str = ""
    approval_id: str | None = None
    idempotency_key: str = ""
    shipped_at: datetime | None = None
    cancelled_at: datetime | None = None
    counters: tuple[str, ...] = field(default_factory=tuple)

    def can_cancel(self, now: datetime, window: timedelta = DEFAULT_CANCEL_WINDOW) -> bool:
        return self.status is OrderStatus.PLACED and now - self.placed_at <= window

    def cancelled(self, now: datetime, window: timedelta = DEFAULT_CANCEL_WINDOW) -> Order:
        if self.status is OrderStatus.CANCELLED:
            raise Conflict("that order is already cancelled")
        if self.status is not OrderStatus.PLACED:
            raise Conflict(f"that order has already {self.status.value}")
        if now - self.placed_at > window:
            minutes = int(window.total_seconds() // 60)
            raise Conflict(f"orders can only be cancelled within {minutes} minutes")
        return replace(self, status=OrderStatus.CANCELLED, cancelled_at=now)
