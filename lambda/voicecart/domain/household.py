"""Households, family profiles and the purchase rules attached to them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import time
from decimal import Decimal
from enum import StrEnum

from .catalog import AGE_RESTRICTED_CATEGORIES
from .errors import ValidationError


class Role(StrEnum):
    ADULT = "adult"
    TEEN = "teen"
    CHILD = "child"
    GUEST = "guest"


class Mode(StrEnum):
    ALLOWED = "allowed"
    NEEDS_APPROVAL = "needs_approval"
    DISABLED = "disabled"


GUEST_PROFILE_ID = "guest"


@dataclass(frozen=True)
class QuietHours:
    """A daily window in household-local time during which voice purchases are refused.

    The window may wrap midnight (21:00-07:00). The start is inside, the end is not.
    """

    start: time
    end: time

    def contains(self, moment: time) -> bool:
        if self.start == self.end:
            return False
        if self.start < self.end:
            return self.start <= moment < self.end
        return moment >= self.start or moment < self.end

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"

    @classmethod
    def parse(cls, text: str) -> QuietHours:
        try:
            start_s, end_s = text.split("-")
            return cls(time.fromisoformat(start_s.strip()), time.fromisoformat(end_s.strip()))
        except ValueError as exc:
            raise ValidationError(f"quiet hours must look like 21:00-07:00, not {text!r}") from exc


@dataclass(frozen=True)
class Profile:
    """A family member's purchase rules; a guest profile covers every unrecognized voice."""

    id: str
    household_id: str
    name: str
    role: Role
    mode: Mode
    person_ids: tuple[str, ...] = ()
    per_order_limit: Decimal | None = None
    daily_budget: Decimal | None = None
    monthly_budget: Decimal | None = None
    blocked_categories: frozenset[str] = frozenset()
    quiet_hours: QuietHours | None = None

    @property
    def effective_blocked_categories(self) -> frozenset[str]:
        """Age-restricted categories are always blocked for children and teens."""
        if self.role in (Role.CHILD, Role.TEEN):
            return self.blocked_categories | AGE_RESTRICTED_CATEGORIES
        return self.blocked_categories

    @property
    def blocks_age_restricted(self) -> bool:
        return self.role in (Role.CHILD, Role.TEEN, Role.GUEST) or bool(
            AGE_RESTRICTED_CATEGORIES & self.blocked_categories
        )

    def with_changes(self, **changes: object) -> Profile:
        updated = replace(self, **changes)  # type: ignore[arg-type]
        validate_profile(updated)
        return updated


def default_profile(household_id: str, profile_id: str, name: str, role: Role) -> Profile:
    """The defaults PRODUCT.md promises for each role."""
    if role is Role.CHILD:
        return Profile(
            profile_id,
            household_id,
            name,
            role,
            Mode.NEEDS_APPROVAL,
            per_order_limit=Decimal("50.00"),
            daily_budget=Decimal("50.00"),
            monthly_budget=Decimal("100.00"),
        )
    if role is Role.TEEN:
        return Profile(
            profile_id,
            household_id,
            name,
            role,
            Mode.ALLOWED,
            per_order_limit=Decimal("75.00"),
            daily_budget=Decimal("75.00"),
            monthly_budget=Decimal("200.00"),
            quiet_hours=QuietHours(time(22, 0), time(7, 0)),
        )
    if role is Role.GUEST:
        return Profile(
            profile_id,
            household_id,
            name,
            role,
            Mode.ALLOWED,
            per_order_limit=Decimal("100.00"),
            daily_budget=Decimal("200.00"),
        )
    return Profile(profile_id, household_id, name, role, Mode.ALLOWED)


def validate_profile(profile: Profile) -> None:
    for label, amount in (
        ("per-order limit", profile.per_order_limit),
        ("daily budget", profile.daily_budget),
        ("monthly budget", profile.monthly_budget),
    ):
        if amount is not None and amount < 0:
            raise ValidationError(f"{label} cannot be negative")
    if not profile.name.strip():
        raise ValidationError("a profile needs a name")
    if profile.role is Role.CHILD and profile.mode is Mode.ALLOWED:
        raise ValidationError("a child profile can only be needs_approval or disabled")


@dataclass(frozen=True)
class Address:
    name: str
    line1: str
    city: str
    region: str
    postal_code: str
    country: str = "US"

    def spoken(self) -> str:
        return f"{self.line1}, {self.city}"


@dataclass(frozen=True)
class PaymentMethod:
    token: str  # the payment provider's reference; never a card number
    brand: str
    last4: str


@dataclass(frozen=True)
class Household:
    id: str
    name: str
    timezone: str = "America/Chicago"
    voice_purchasing: bool = True
    code_required: bool = True
    code_hash: str | None = None  # keyed hash (domain/codes.py); never the code itself
    address: Address | None = None
    payment: PaymentMethod | None = None
    tax_rate: Decimal = Decimal("0.0825")
    seller: str = "VoiceCart Demo Store"
    platform_user_ids: tuple[str, ...] = field(default_factory=tuple)

    @property
    def has_code(self) -> bool:
        return self.code_hash is not None
