"""The ports the domain talks through. Adapters implement them; tests use fakes or SQLite.

One `Store` covers the household's data so that a transaction (an order and its budget
counters, say) never spans two adapters.
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from .domain.catalog import Product
from .domain.guard import CodeLock, GuardPolicy
from .domain.household import Household, Profile
from .domain.orders import Cart, Order, OrderStatus
from .domain.parent_access import ApiToken, AttemptCount, ParentLogin
from .domain.records import Approval, ApprovalStatus, AuditEntry, Notification, PendingPurchase


@dataclass(frozen=True)
class GuardState:
    """What the purchase guard reads before it decides: the household's wrong-code state, the
    budget counters it checks, and, per sku, the households that ordered it by voice lately."""

    lock: CodeLock
    counters: dict[str, Decimal]
    households_by_sku: dict[str, set[str]]


@dataclass(frozen=True)
class CounterIncrement:
    """Add `amount` to the counter `key`, refusing if the result would pass `limit`."""

    key: str
    amount: Decimal
    limit: Decimal | None = None


@dataclass(frozen=True)
class OrderEffects:
    """What placing an order also does, in the order's own transaction where the store can:
    the pending purchase ("yes" or the code) it uses up, emptying the cart it was bought from,
    and the parent's notification of it. The cart and the notification go only with a new
    order; the pending purchase is used up by a repeat too."""

    consumes: PendingPurchase | None = None
    empties_cart: bool = False
    notification: Notification | None = None


NO_EFFECTS = OrderEffects()


@dataclass(frozen=True)
class TurnReads:
    """Who a spoken turn is for, given to `Store.turn` before anything else is read, so that
    a store where every call is a network round trip can read what the turn will need at once:
    the platform user, the recognized voice (if any), the device, and a function naming the
    budget counters a purchase by `profile_id` in `household` would check now."""

    user_id: str
    person_id: str | None
    device_id: str
    counter_keys: Callable[[Household, str], Sequence[str]] | None = None
    # The household this conversation's earlier turns were for (a session attribute): only
    # a guess at which items to read, which the store checks against the user's own record.
    household_hint: str | None = None


class Clock(abc.ABC):
    @abc.abstractmethod
    def now(self) -> datetime:
        """An aware datetime in UTC."""


class SystemClock(Clock):
    def now(self) -> datetime:
        return datetime.now(UTC)


class Store(abc.ABC):
    """Everything VoiceCart keeps. Every method is atomic on its own."""

    # catalog
    @abc.abstractmethod
    def put_products(self, products: Iterable[Product]) -> int:
        """Insert or replace products all-or-nothing; returns how many were written."""

    @abc.abstractmethod
    def get_product(self, sku: str) -> Product | None: ...

    @abc.abstractmethod
    def iter_products(self) -> Iterator[Product]: ...

    @abc.abstractmethod
    def count_products(self) -> int: ...

    # households and profiles
    @abc.abstractmethod
    def put_household(self, household: Household) -> None: ...

    @abc.abstractmethod
    def get_household(self, household_id: str) -> Household | None: ...

    @abc.abstractmethod
    def list_households(self) -> list[Household]: ...

    @abc.abstractmethod
    def household_for_user(self, platform_user_id: str) -> Household | None: ...

    @abc.abstractmethod
    def put_profile(self, profile: Profile) -> None: ...

    @abc.abstractmethod
    def get_profile(self, household_id: str, profile_id: str) -> Profile | None: ...

    @abc.abstractmethod
    def list_profiles(self, household_id: str) -> list[Profile]: ...

    # cart
    @abc.abstractmethod
    def get_cart(self, household_id: str) -> Cart: ...

    @abc.abstractmethod
    def save_cart(self, cart: Cart) -> None: ...

    # orders and budget counters
    @abc.abstractmethod
    def commit_order(
        self, order: Order, increments: Sequence[CounterIncrement], approval: Approval | None = None
    ) -> tuple[Order, bool]:
        """Atomically: return (existing order, False) if its idempotency key was seen; else check
        every counter against its limit (raise BudgetExceeded), add the increments, insert
        the order, and, when `approval` is given, store it (already decided) only if the
        stored approval is still pending (raise Conflict otherwise). Returns (order, True)."""

    @abc.abstractmethod
    def get_order(self, household_id: str, order_id: str) -> Order | None: ...

    @abc.abstractmethod
    def list_orders(self, household_id: str, limit: int = 50) -> list[Order]:
        """Newest first."""

    @abc.abstractmethod
    def cancel_order(self, order: Order) -> Order:
        """Store `order` (already cancelled) if the stored one is still placed, and give its
        counters back; raise Conflict if it changed meanwhile."""

    @abc.abstractmethod
    def set_order_status(
        self, household_id: str, order_id: str, status: OrderStatus, at: datetime
    ) -> Order: ...

    @abc.abstractmethod
    def get_counter(self, key: str) -> Decimal: ...

    # voice code attempts
    @abc.abstractmethod
    def get_code_lock(self, household_id: str) -> CodeLock: ...

    @abc.abstractmethod
    def record_code_failure(
        self, household_id: str, now: datetime, policy: GuardPolicy
    ) -> CodeLock:
        """Atomically count one wrong code and return the new state."""

    @abc.abstractmethod
    def clear_code_failures(self, household_id: str) -> None: ...

    # approvals
    @abc.abstractmethod
    def add_approval(self, approval: Approval) -> Approval:
        """Insert unless one with the same id exists; return the stored one."""

    @abc.abstractmethod
    def get_approval(self, household_id: str, approval_id: str) -> Approval | None: ...

    @abc.abstractmethod
    def list_approvals(
        self, household_id: str, status: ApprovalStatus | None = None, now: datetime | None = None
    ) -> list[Approval]:
        """Newest first; with `now`, status filters use the status at that moment."""

    @abc.abstractmethod
    def decide_approval(self, approval: Approval) -> Approval:
        """Store the decided approval if the stored one is still pending (else Conflict)."""

    # pending purchases (what "yes" or the code would confirm)
    @abc.abstractmethod
    def put_pending(self, pending: PendingPurchase) -> None: ...

    @abc.abstractmethod
    def get_pending(self, household_id: str, device_id: str) -> PendingPurchase | None: ...

    @abc.abstractmethod
    def delete_pending(self, household_id: str, device_id: str) -> None: ...

    # audit, notifications, broadcast guard
    @abc.abstractmethod
    def append_audit(self, entry: AuditEntry) -> None: ...

    @abc.abstractmethod
    def list_audit(
        self,
        household_id: str,
        limit: int = 50,
        offset: int = 0,
        profile_id: str | None = None,
        outcome: str | None = None,
    ) -> list[AuditEntry]:
        """Newest first."""

    @abc.abstractmethod
    def append_notification(self, note: Notification) -> None: ...

    @abc.abstractmethod
    def list_notifications(self, household_id: str, limit: int = 50) -> list[Notification]: ...

    @abc.abstractmethod
    def record_voice_order(self, sku: str, household_id: str, at: datetime) -> None: ...

    @abc.abstractmethod
    def households_ordering(self, sku: str, since: datetime) -> set[str]: ...

    # ---- parent sign-in (web) ----
    @abc.abstractmethod
    def get_parent_login(self, household_id: str) -> ParentLogin | None:
        """The household's parent e-mail and password hash, if a password was set."""

    @abc.abstractmethod
    def find_parent_login(self, email: str) -> ParentLogin | None:
        """By normalized e-mail address."""

    @abc.abstractmethod
    def set_parent_login(self, login: ParentLogin) -> None:
        """Insert or replace the household's login; raise Conflict if another household
        already signs in with that e-mail address."""

    @abc.abstractmethod
    def add_api_token(self, token: ApiToken) -> None:
        """Store a new token (its hash only); raise Conflict if the id or hash exists."""

    @abc.abstractmethod
    def list_api_tokens(self, household_id: str) -> list[ApiToken]:
        """Newest first, revoked ones included."""

    @abc.abstractmethod
    def find_api_token(self, token_hash: str) -> ApiToken | None:
        """By SHA-256 hex of the token, revoked or not."""

    @abc.abstractmethod
    def revoke_api_token(self, household_id: str, token_id: str, at: datetime) -> ApiToken:
        """Mark revoked (once: revoking again keeps the first time). NotFound unless the
        token belongs to that household."""

    @abc.abstractmethod
    def count_sign_in_attempt(self, key: str, now: datetime, window: timedelta) -> AttemptCount:
        """Atomically count one attempt for `key` in a fixed window that starts at the first
        attempt after the previous window ended; returns the count including this one."""

    @abc.abstractmethod
    def clear_sign_in_attempts(self, key: str) -> None: ...

    # ---- one spoken turn (optional) ----
    def turn(self, reads: TurnReads) -> AbstractContextManager[None]:
        """Brackets one spoken turn. Inside it an adapter may serve reads from one batched
        read made at the start, and hold writes that carry no condition (cart, pending
        purchase, audit, notifications) until the turn's transaction or its end, where they
        are written together; what `after_turn` was given runs once they are. The default
        does nothing special: every call is carried out when it is made."""
        return nullcontext()

    def after_turn(self, action: Callable[[], None]) -> None:
        """Run `action` once what this turn wrote is stored (now, outside a turn)."""
        action()

    def profile_for_person(self, household_id: str, person_id: str) -> Profile | None:
        """The profile a recognized voice (`person_id`) is linked to, or None."""
        for profile in self.list_profiles(household_id):
            if person_id in profile.person_ids:
                return profile
        return None

    # ---- batched operations (optional) ----
    # Where every call is a network round trip (DynamoDB), an adapter overrides these to read
    # or write in one request; the defaults compose the methods above, so they mean the same.
    def read_guard_state(
        self,
        household_id: str,
        counter_keys: Sequence[str],
        skus: Sequence[str],
        since: datetime,
        until: datetime | None = None,
    ) -> GuardState:
        """The code lock, the counters and, per sku, `households_ordering(sku, since)`.
        `until` (now) bounds the window for a store that reads voice orders by time bucket."""
        return GuardState(
            lock=self.get_code_lock(household_id),
            counters={key: self.get_counter(key) for key in counter_keys},
            households_by_sku={sku: self.households_ordering(sku, since) for sku in skus},
        )

    def commit_order_with_records(
        self,
        order: Order,
        increments: Sequence[CounterIncrement],
        approval: Approval | None = None,
        audit: AuditEntry | None = None,
        voice_order_skus: Sequence[str] = (),
        effects: OrderEffects = NO_EFFECTS,
    ) -> tuple[Order, bool]:
        """`commit_order`, and only when it created the order: `append_audit(audit)`,
        `record_voice_order` for each sku at the order's time, and the `effects`. An adapter
        may write all of it in the one transaction."""
        stored, created = self.commit_order(order, increments, approval)
        if created:
            for sku in dict.fromkeys(voice_order_skus):
                self.record_voice_order(sku, stored.household_id, stored.placed_at)
            if audit is not None:
                self.append_audit(audit)
            if effects.notification is not None:
                self.append_notification(effects.notification)
            if effects.empties_cart:
                self.save_cart(Cart(order.household_id, updated_at=order.placed_at))
        if effects.consumes is not None:
            self.delete_pending(effects.consumes.household_id, effects.consumes.device_id)
        return stored, created


class Notifier(abc.ABC):
    """Tells the parent: the local outbox by default, SNS on AWS."""

    @abc.abstractmethod
    def notify(self, note: Notification) -> None:
        """Write `note` to the store's outbox and deliver it."""

    def deliver(self, note: Notification) -> None:
        """Deliver `note`, already written to the outbox with what it tells about (see
        OrderEffects). The outbox alone needs nothing more."""
        return None


class PaymentError(Exception):
    """The payment provider refused or failed; adapters raise this."""


class Payments(abc.ABC):
    @abc.abstractmethod
    def charge(
        self, payment_token: str, amount: Decimal, currency: str, idempotency_key: str
    ) -> str:
        """Charge once per idempotency key; returns the provider's reference."""

    @abc.abstractmethod
    def refund(self, reference: str, amount: Decimal) -> None: ...
