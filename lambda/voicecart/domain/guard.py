"""The purchase guard: one pure decision for every buy, reorder or approve attempt.

`evaluate` sees everything it needs in an `Attempt` and touches no storage, so each
rule can be tested at its edge. Enforcement that must hold under concurrency (budget
counters, code attempts) happens again atomically in the store; this function gives
the speakable answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal
from enum import StrEnum

from .household import Household, Mode, Profile, Role
from .orders import Line


class Outcome(StrEnum):
    ALLOW = "allow"
    NEEDS_CODE = "needs_code"
    NEEDS_APPROVAL = "needs_approval"
    DENY = "deny"


class Action(StrEnum):
    BUY = "buy"
    REORDER = "reorder"
    APPROVE = "approve"


@dataclass(frozen=True)
class GuardPolicy:
    soft_lock_after: int = 3
    soft_lock_for: timedelta = timedelta(minutes=15)
    hard_lock_after: int = 6
    approval_ttl: timedelta = timedelta(hours=24)
    cancel_window: timedelta = timedelta(minutes=30)
    broadcast_window: timedelta = timedelta(minutes=10)
    broadcast_households: int = 5


@dataclass(frozen=True)
class CodeLock:
    """Wrong-code state of a household, kept on the server (never in a session)."""

    failures: int = 0
    locked_until: datetime | None = None
    hard_locked: bool = False

    def is_locked(self, now: datetime) -> bool:
        return self.hard_locked or (self.locked_until is not None and now < self.locked_until)

    def after_failure(self, now: datetime, policy: GuardPolicy) -> CodeLock:
        failures = self.failures + 1
        if failures >= policy.hard_lock_after:
            return CodeLock(failures, None, True)
        if failures % policy.soft_lock_after == 0:
            return CodeLock(failures, now + policy.soft_lock_for, False)
        return CodeLock(failures, self.locked_until, False)

    def attempts_before_lock(self, policy: GuardPolicy) -> int:
        return policy.soft_lock_after - self.failures % policy.soft_lock_after


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    reason: str  # a key into the speech texts, e.g. "over_daily_budget"
    params: dict[str, object] = field(default_factory=dict)

    @property
    def allowed(self) -> bool:
        return self.outcome is Outcome.ALLOW


@dataclass(frozen=True)
class Attempt:
    action: Action
    household: Household
    profile: Profile
    lines: tuple[Line, ...]
    total: Decimal
    local_now: datetime  # in the household's time zone
    spent_today: Decimal = Decimal("0")
    spent_month: Decimal = Decimal("0")
    lock: CodeLock = CodeLock()
    code_ok: bool = False
    hot_skus: frozenset[str] = frozenset()


def _deny(reason: str, **params: object) -> Decision:
    return Decision(Outcome.DENY, reason, params)


def _lock_decision(attempt: Attempt) -> Decision | None:
    lock = attempt.lock
    if lock.hard_locked:
        return _deny("locked_until_parent")
    if lock.is_locked(attempt.local_now):
        assert lock.locked_until is not None
        minutes = max(1, int((lock.locked_until - attempt.local_now).total_seconds() + 59) // 60)
        return _deny("locked_for", minutes=minutes)
    return None


def _code_decision(attempt: Attempt, reason: str, **params: object) -> Decision:
    if not attempt.household.has_code:
        return _deny("no_code_set")
    if attempt.code_ok:
        return Decision(Outcome.ALLOW, "code_ok")
    return Decision(Outcome.NEEDS_CODE, reason, dict(params))


def _approve_decision(attempt: Attempt) -> Decision:
    if attempt.profile.role is not Role.ADULT:
        return _deny("only_adults_approve")
    return _code_decision(attempt, "code_to_approve")


def _rule_decision(attempt: Attempt) -> Decision | None:
    """Refusals that no code or approval can lift."""
    profile = attempt.profile
    if profile.mode is Mode.DISABLED:
        return _deny("profile_disabled", name=profile.name)
    blocked = profile.effective_blocked_categories
    for line in attempt.lines:
        if line.category in blocked or (line.age_restricted and profile.blocks_age_restricted):
            return _deny("blocked_category", category=line.category, item=line.name)
    quiet = profile.quiet_hours
    if quiet is not None and quiet.contains(attempt.local_now.time().replace(tzinfo=None)):
        return _deny("quiet_hours", start=quiet.start, end=quiet.end)
    return None


def _budget_decision(attempt: Attempt) -> Decision | None:
    profile, total = attempt.profile, attempt.total
    if profile.per_order_limit is not None and total > profile.per_order_limit:
        return _deny("over_order_limit", limit=profile.per_order_limit, name=profile.name)
    if profile.daily_budget is not None and attempt.spent_today + total > profile.daily_budget:
        left = max(Decimal("0"), profile.daily_budget - attempt.spent_today)
        return _deny("over_daily_budget", limit=profile.daily_budget, left=left, name=profile.name)
    if profile.monthly_budget is not None and attempt.spent_month + total > profile.monthly_budget:
        left = max(Decimal("0"), profile.monthly_budget - attempt.spent_month)
        return _deny(
            "over_monthly_budget", limit=profile.monthly_budget, left=left, name=profile.name
        )
    return None


def evaluate(attempt: Attempt) -> Decision:
    """Decide one purchase attempt. The order of the checks is the policy."""
    if not attempt.household.voice_purchasing:
        return _deny("voice_purchasing_off")
    locked = _lock_decision(attempt)
    if locked is not None:
        return locked
    if attempt.action is Action.APPROVE:
        return _approve_decision(attempt)
    refused = _rule_decision(attempt)
    if refused is not None:
        return refused
    if attempt.profile.mode is Mode.NEEDS_APPROVAL:
        # No code lifts this: a child who knows the code still only asks.
        return Decision(Outcome.NEEDS_APPROVAL, "approval_required", {"name": attempt.profile.name})
    over = _budget_decision(attempt)
    if over is not None:
        return over
    hot = sorted(attempt.hot_skus & {line.sku for line in attempt.lines})
    if hot:
        if not attempt.household.has_code:
            return Decision(Outcome.NEEDS_APPROVAL, "broadcast_hold", {"skus": hot})
        return _code_decision(attempt, "broadcast_hold", skus=hot)
    role = attempt.profile.role
    if attempt.household.code_required or role in (Role.TEEN, Role.GUEST):
        return _code_decision(attempt, "code_required")
    return Decision(Outcome.ALLOW, "allowed")
