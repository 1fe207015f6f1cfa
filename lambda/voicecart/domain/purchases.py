"""The purchase service: every buy, reorder and approval goes through `Purchases`.

It gathers what the guard needs from the store, asks `guard.evaluate`, and carries out the
outcome: places the order (atomically against the budget counters), queues an approval,
or refuses. Every attempt leaves an audit entry; the parent hears about the ones that matter.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ..ports import (
    NO_EFFECTS,
    Clock,
    CounterIncrement,
    GuardState,
    Notifier,
    OrderEffects,
    Payments,
    Store,
)
from . import codes
from .errors import BudgetExceeded, Conflict, NotFound, ValidationError
from .guard import Action, Attempt, CodeLock, Decision, GuardPolicy, Outcome, evaluate
from .household import Household, Profile
from .ids import derived_id, new_id
from .orders import Line, Order, OrderStatus, Quote, delivery_estimate, make_quote
from .records import Approval, ApprovalStatus, AuditEntry, Notification, PendingPurchase


@dataclass(frozen=True)
class Actor:
    """Who is trying to buy: the household, the recognized profile (or guest), the device."""

    household: Household
    profile: Profile
    device_id: str = ""
    channel: str = "voice"


@dataclass(frozen=True)
class PurchaseResult:
    decision: Decision
    order: Order | None = None
    approval: Approval | None = None
    attempts_left: int | None = None

    @property
    def outcome(self) -> Outcome:
        return self.decision.outcome


def counter_keys(household_id: str, profile_id: str, local_now: datetime) -> tuple[str, str]:
    day = f"{household_id}#{profile_id}#day#{local_now:%Y-%m-%d}"
    month = f"{household_id}#{profile_id}#month#{local_now:%Y-%m}"
    return day, month


class Purchases:
    def __init__(
        self,
        store: Store,
        notifier: Notifier,
        payments: Payments,
        clock: Clock,
        policy: GuardPolicy | None = None,
    ) -> None:
        self.store = store
        self.notifier = notifier
        self.payments = payments
        self.clock = clock
        self.policy = policy or GuardPolicy()

    # ---- quoting -------------------------------------------------------------------
    def quote(self, household: Household, lines: tuple[Line, ...]) -> Quote:
        if household.address is None or household.payment is None:
            raise ValidationError("the household needs an address and a payment method")
        return make_quote(
            lines,
            household.tax_rate,
            household.seller,
            household.address.spoken(),
            delivery_estimate(self._local_now(household)),
            household.payment.brand,
            household.payment.last4,
        )

    # ---- buying --------------------------------------------------------------------
    def attempt(
        self,
        actor: Actor,
        lines: tuple[Line, ...],
        idempotency_key: str,
        code: str | None = None,
        action: Action = Action.BUY,
        *,
        consumes: PendingPurchase | None = None,
        empties_cart: bool = False,
    ) -> PurchaseResult:
        """One try at buying `lines`. `code` is what the shopper said, if anything. An order
        placed uses up `consumes` (the pending purchase confirmed) and, with `empties_cart`,
        empties the cart it was bought from, both with the order."""
        quote = self.quote(actor.household, lines)
        # One reading of the clock for the whole attempt: the guard checks the same day's
        # and month's counters that the order then adds to, even across midnight.
        local = self._local_now(actor.household)
        keys = counter_keys(actor.household.id, actor.profile.id, local)
        state = self._guard_state(actor, lines, code, keys)
        failed = self._check_code(actor, code, state)
        if failed is not None:
            self._audit(actor, action, quote.lines, quote.total, failed.decision)
            return failed
        assert state is not None
        attempt = self._attempt(actor, action, quote, code is not None, state, local, keys)
        effects = OrderEffects(consumes=consumes, empties_cart=empties_cart)
        decision = evaluate(attempt)
        return self._carry_out(actor, action, quote, decision, idempotency_key, effects, keys)

    def _carry_out(
        self,
        actor: Actor,
        action: Action,
        quote: Quote,
        decision: Decision,
        key: str,
        effects: OrderEffects,
        counters: tuple[str, str],
    ) -> PurchaseResult:
        if decision.outcome is Outcome.ALLOW:
            return self._place(
                actor, action, quote, key, decision, effects=effects, counters=counters
            )
        if decision.outcome is Outcome.NEEDS_APPROVAL:
            approval = self._queue(actor, quote, key)
            self._audit(actor, action, quote.lines, quote.total, decision, approval_id=approval.id)
            return PurchaseResult(decision, approval=approval)
        self._audit(actor, action, quote.lines, quote.total, decision)
        return PurchaseResult(decision)

    def _place(
        self,
        actor: Actor,
        action: Action,
        quote: Quote,
        key: str,
        decision: Decision,
        approval: Approval | None = None,
        effects: OrderEffects = NO_EFFECTS,
        counters: tuple[str, str] | None = None,
    ) -> PurchaseResult:
        """`counters`: the ones the guard checked; by default, today's of whoever the order
        is for (an approved request is the requester's order, and counts against their
        budget)."""
        profile = actor.profile
        now = self.clock.now()
        profile_id = approval.profile_id if approval is not None else profile.id
        day_key, month_key = counters or counter_keys(
            actor.household.id, profile_id, self._local_now(actor.household)
        )
        # A parent's approval is an explicit override of the child's budget; the spend
        # still counts against the child's counters.
        override = approval is not None
        increments = [
            CounterIncrement(day_key, quote.total, None if override else profile.daily_budget),
            CounterIncrement(month_key, quote.total, None if override else profile.monthly_budget),
        ]
        # Charge first under the same idempotency key, so the stored order always carries its
        # payment reference and a repeated confirmation is neither charged nor ordered twice.
        # If a concurrent order took the budget meanwhile, the charge is refunded.
        assert actor.household.payment is not None
        ref = self.payments.charge(actor.household.payment.token, quote.total, "USD", key)
        order = Order(
            id=derived_id("VC", key),
            household_id=actor.household.id,
            profile_id=profile_id,
            lines=quote.lines,
            subtotal=quote.subtotal,
            tax=quote.tax,
            total=quote.total,
            status=OrderStatus.PLACED,
            placed_at=now,
            delivery_date=quote.delivery_date,
            channel=actor.channel,
            device_id=actor.device_id,
            approval_id=approval.id if approval else None,
            idempotency_key=key,
            counters=(day_key, month_key),
            payment_ref=ref,
        )
        # The audit entry and the broadcast records are written with the order (in the same
        # transaction where the store can), and only if the order is new.
        audit = self._audit_entry(
            actor, action, order.lines, order.total, decision, order_id=order.id
        )
        placed = self._notification(
            actor.household.id,
            "order_placed",
            f"Order {order.id} placed by voice for ${order.total}.",
            order_id=order.id,
            total=str(order.total),
        )
        try:
            stored, created = self.store.commit_order_with_records(
                order,
                increments,
                approval,
                audit=audit,
                voice_order_skus=[line.sku for line in order.lines],
                effects=replace(effects, notification=placed),
            )
        except BudgetExceeded as exc:
            self.payments.refund(ref, quote.total)
            which = "over_daily_budget" if "#day#" in exc.counter_key else "over_monthly_budget"
            denied = Decision(Outcome.DENY, which, {"limit": exc.limit, "name": profile.name})
            self._audit(actor, action, quote.lines, quote.total, denied)
            return PurchaseResult(denied)
        if created:
            self.notifier.deliver(placed)  # written with the order
        return PurchaseResult(decision, order=stored)

    def _queue(self, actor: Actor, quote: Quote, key: str) -> Approval:
        now = self.clock.now()
        approval = Approval(
            id=derived_id("AP", key),
            household_id=actor.household.id,
            profile_id=actor.profile.id,
            requested_by=actor.profile.name,
            lines=quote.lines,
            total=quote.total,
            created_at=now,
            expires_at=now + self.policy.approval_ttl,
            device_id=actor.device_id,
        )
        stored = self.store.add_approval(approval)
        if stored.created_at == now:
            names = ", ".join(line.name for line in quote.lines)
            self._notify(
                actor.household.id,
                "approval_requested",
                f"{actor.profile.name} asked for {names}, ${quote.total}.",
                approval_id=stored.id,
            )
        return stored

    # ---- the voice code ----------------------------------------------------------
    def _check_code(
        self, actor: Actor, code: str | None, state: GuardState | None
    ) -> PurchaseResult | None:
        """None when no code was given or it was right; otherwise the refusal to speak.
        `state` is what `_guard_state` read (None only for a misheard code)."""
        if code is None:
            return None
        if not codes.is_well_formed(code):
            # Misheard digits are re-asked, never counted against the household.
            return PurchaseResult(Decision(Outcome.NEEDS_CODE, "code_malformed"))
        hid = actor.household.id
        now = self.clock.now()
        lock = state.lock if state is not None else self.store.get_code_lock(hid)
        if lock.is_locked(now):
            return PurchaseResult(self._lock_refusal(lock, now))
        if codes.verify_code(actor.household.code_hash, code):
            if lock.failures:
                self.store.clear_code_failures(hid)
            return None
        lock = self.store.record_code_failure(hid, now, self.policy)
        if lock.is_locked(now):
            self._notify(hid, "lockout", self._lockout_message(lock), failures=lock.failures)
            return PurchaseResult(self._lock_refusal(lock, now))
        left = lock.attempts_before_lock(self.policy)
        return PurchaseResult(
            Decision(Outcome.NEEDS_CODE, "wrong_code", {"left": left}), attempts_left=left
        )

    def _lock_refusal(self, lock: CodeLock, now: datetime) -> Decision:
        if lock.hard_locked:
            return Decision(Outcome.DENY, "locked_until_parent")
        assert lock.locked_until is not None
        minutes = max(1, int((lock.locked_until - now).total_seconds() + 59) // 60)
        return Decision(Outcome.DENY, "locked_for", {"minutes": minutes})

    def _lockout_message(self, lock: CodeLock) -> str:
        if lock.hard_locked:
            return (
                f"Voice purchasing is locked after {lock.failures} wrong codes. "
                "Unlock it on the parent page."
            )
        minutes = int(self.policy.soft_lock_for.total_seconds() // 60)
        return (
            f"Voice purchasing is paused for {minutes} minutes after {lock.failures} wrong codes."
        )

    def unlock(self, household_id: str, by: str) -> None:
        self.store.clear_code_failures(household_id)
        self._notify(household_id, "unlocked", f"Voice purchasing was unlocked by {by}.")

    # ---- approvals -----------------------------------------------------------------
    def approve(
        self,
        actor: Actor,
        approval_id: str,
        code: str | None = None,
        parent_authenticated: bool = False,
        *,
        consumes: PendingPurchase | None = None,
    ) -> PurchaseResult:
        """Approve a queued request: by voice with the code (`consumes`: the pending
        "approve?" it confirms), or from the signed-in parent page."""
        approval = self._pending_approval(actor.household.id, approval_id)
        if not parent_authenticated:
            # Approving always takes the code, so what the broadcast guard reads (who else
            # ordered these lately) cannot change the decision: it is not read.
            local = self._local_now(actor.household)
            keys = counter_keys(actor.household.id, actor.profile.id, local)
            state = self._guard_state(actor, (), code, keys)
            failed = self._check_code(actor, code, state)
            if failed is not None:
                self._audit(
                    actor,
                    Action.APPROVE,
                    approval.lines,
                    approval.total,
                    failed.decision,
                    approval_id=approval.id,
                )
                return failed
            assert state is not None
            quote = self.quote(actor.household, approval.lines)
            attempt = self._attempt(
                actor, Action.APPROVE, quote, code is not None, state, local, keys
            )
            decision = evaluate(attempt)
            if decision.outcome is not Outcome.ALLOW:
                self._audit(
                    actor,
                    Action.APPROVE,
                    approval.lines,
                    approval.total,
                    decision,
                    approval_id=approval.id,
                )
                return PurchaseResult(decision, approval=approval)
        else:
            decision = Decision(Outcome.ALLOW, "approved_on_page")
        quote = self.quote(actor.household, approval.lines)
        decided = approval.decided(
            ApprovalStatus.APPROVED,
            actor.profile.name,
            self.clock.now(),
            order_id=derived_id("VC", "approval:" + approval.id),
        )
        result = self._place(
            actor,
            Action.APPROVE,
            quote,
            "approval:" + approval.id,
            decision,
            approval=decided,
            effects=OrderEffects(consumes=consumes),
        )
        if result.order is not None:
            self._notify(
                actor.household.id,
                "approval_decided",
                f"{actor.profile.name} approved {approval.requested_by}'s request.",
                approval_id=approval.id,
                order_id=result.order.id,
            )
            return replace(result, approval=decided)
        return result

    def decline(self, actor: Actor, approval_id: str) -> Approval:
        approval = self._pending_approval(actor.household.id, approval_id)
        decided = self.store.decide_approval(
            approval.decided(ApprovalStatus.DECLINED, actor.profile.name, self.clock.now())
        )
        self._audit(
            actor,
            Action.APPROVE,
            approval.lines,
            approval.total,
            Decision(Outcome.DENY, "declined_by_parent"),
            approval_id=approval.id,
        )
        return decided

    def _pending_approval(self, household_id: str, approval_id: str) -> Approval:
        approval = self.store.get_approval(household_id, approval_id)
        if approval is None:
            raise NotFound("no such request")
        status = approval.status_at(self.clock.now())
        if status is not ApprovalStatus.PENDING:
            raise Conflict(f"that request is already {status.value}")
        return approval

    # ---- cancelling ----------------------------------------------------------------
    def cancel(self, household: Household, order_id: str, by: str) -> Order:
        order = self.store.get_order(household.id, order_id)
        if order is None:
            raise NotFound("no such order")
        cancelled = self.store.cancel_order(
            order.cancelled(self.clock.now(), self.policy.cancel_window)
        )
        if order.payment_ref:
            self.payments.refund(order.payment_ref, order.total)
        self._notify(
            household.id,
            "order_cancelled",
            f"Order {order.id} was cancelled by {by}.",
            order_id=order.id,
        )
        return cancelled

    # ---- helpers -------------------------------------------------------------------
    def counter_keys_now(self, household: Household, profile_id: str) -> tuple[str, str]:
        """The budget counters a purchase by `profile_id` would check at this moment."""
        return counter_keys(household.id, profile_id, self._local_now(household))

    def _local_now(self, household: Household) -> datetime:
        return self.clock.now().astimezone(ZoneInfo(household.timezone))

    def _guard_state(
        self, actor: Actor, lines: tuple[Line, ...], code: str | None, keys: tuple[str, str]
    ) -> GuardState | None:
        """Everything the guard reads, the code lock included, in one batched store call
        (one or two round trips on DynamoDB). A misheard code is re-asked without reading."""
        if code is not None and not codes.is_well_formed(code):
            return None
        now = self.clock.now()
        return self.store.read_guard_state(
            actor.household.id,
            keys,
            [line.sku for line in lines],
            now - self.policy.broadcast_window,
            until=now,
        )

    def _attempt(
        self,
        actor: Actor,
        action: Action,
        quote: Quote,
        code_ok: bool,
        state: GuardState,
        local: datetime,
        keys: tuple[str, str],
    ) -> Attempt:
        day_key, month_key = keys
        hot = frozenset(
            line.sku
            for line in quote.lines
            if len(state.households_by_sku.get(line.sku, set()) - {actor.household.id})
            >= self.policy.broadcast_households
        )
        # A right code has just cleared the wrong-code count (see _check_code).
        lock = CodeLock() if code_ok else state.lock
        return Attempt(
            action=action,
            household=actor.household,
            profile=actor.profile,
            lines=quote.lines,
            total=quote.total,
            local_now=local,
            spent_today=state.counters[day_key],
            spent_month=state.counters[month_key],
            lock=lock,
            code_ok=code_ok,
            hot_skus=hot,
        )

    def _audit_entry(
        self,
        actor: Actor,
        action: Action,
        lines: tuple[Line, ...],
        total: Decimal,
        decision: Decision,
        order_id: str | None = None,
        approval_id: str | None = None,
    ) -> AuditEntry:
        return AuditEntry(
            id=new_id("AU"),
            household_id=actor.household.id,
            at=self.clock.now(),
            action=action.value,
            profile_id=actor.profile.id,
            profile_name=actor.profile.name,
            role=actor.profile.role.value,
            device_id=actor.device_id,
            channel=actor.channel,
            lines=lines,
            total=total,
            outcome=decision.outcome.value,
            reason=decision.reason,
            order_id=order_id,
            approval_id=approval_id,
        )

    def _audit(
        self,
        actor: Actor,
        action: Action,
        lines: tuple[Line, ...],
        total: Decimal,
        decision: Decision,
        order_id: str | None = None,
        approval_id: str | None = None,
    ) -> None:
        self.store.append_audit(
            self._audit_entry(actor, action, lines, total, decision, order_id, approval_id)
        )

    def _notify(self, household_id: str, kind: str, message: str, **data: object) -> None:
        self.notifier.notify(self._notification(household_id, kind, message, **data))

    def _notification(
        self, household_id: str, kind: str, message: str, **data: object
    ) -> Notification:
        return Notification(new_id("NT"), household_id, self.clock.now(), kind, message, dict(data))
