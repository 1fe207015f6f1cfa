"""What the API and the page both need: the services, sign-in, and read models such as
spending per profile, all scoped to one household."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from ...domain.household import Household, Profile
from ...domain.parent_access import ParentAccess
from ...domain.purchases import Actor, counter_keys
from ...domain.records import ApprovalStatus, AuditEntry
from .auth import parent_actor
from .wording import dollars, local

BLOCKED_OUTCOMES = frozenset({"deny"})
BLOCKED_REASONS = frozenset({"wrong_code", "broadcast_hold"})
NOT_THE_GUARD = frozenset({"declined_by_parent"})  # a parent's own "no" is not a block


@dataclass(frozen=True)
class Stopped:
    """One or more alike attempts in a row (six wrong codes read as one line)."""

    entry: AuditEntry  # the newest
    count: int


@dataclass(frozen=True)
class Spend:
    profile: Profile
    week: Decimal
    month: Decimal
    today: Decimal


class ParentContext:
    def __init__(self, services: Any) -> None:
        self.services = services
        self.store = services.store
        self.clock = services.clock
        self.access = ParentAccess(services.store, services.clock)

    def now(self) -> datetime:
        now: datetime = self.clock.now()
        return now

    @property
    def cancel_window(self) -> timedelta:
        window: timedelta = self.services.purchases.policy.cancel_window
        return window

    def household(self, household_id: str) -> Household:
        household: Household = self.services.households.get(household_id)
        return household

    def profiles(self, household_id: str) -> list[Profile]:
        profiles: list[Profile] = self.store.list_profiles(household_id)
        return profiles

    def names(self, household_id: str) -> dict[str, str]:
        return {p.id: p.name for p in self.profiles(household_id)}

    def actor(self, household_id: str, channel: str) -> Actor:
        return parent_actor(self.household(household_id), self.profiles(household_id), channel)

    def pending(self, household_id: str) -> list[Any]:
        approvals = self.store.list_approvals(household_id, ApprovalStatus.PENDING, now=self.now())
        return sorted(approvals, key=lambda a: a.created_at)

    def spending(self, household: Household) -> list[Spend]:
        """Per profile: today, this week (Monday on, household time) and this month, read
        from the same counters the guard enforces, so cancelled orders are already out."""
        today = local(self.now(), household.timezone)
        spends = []
        for profile in self.profiles(household.id):
            day_key, month_key = counter_keys(household.id, profile.id, today)
            week = Decimal("0")
            for back in range(today.weekday() + 1):
                key, _ = counter_keys(household.id, profile.id, today - timedelta(days=back))
                week += self.store.get_counter(key)
            spends.append(
                Spend(
                    profile,
                    week,
                    self.store.get_counter(month_key),
                    self.store.get_counter(day_key),
                )
            )
        return spends

    def blocked(self, household_id: str, limit: int = 8) -> list[AuditEntry]:
        """Recent attempts the guard stopped: refusals, wrong codes and broadcast holds."""
        entries = self.store.list_audit(household_id, limit=200)
        stopped = [
            e
            for e in entries
            if e.reason not in NOT_THE_GUARD
            and (e.outcome in BLOCKED_OUTCOMES or e.reason in BLOCKED_REASONS)
        ]
        return stopped[:limit]

    def stopped(self, household_id: str, limit: int = 6) -> list[Stopped]:
        groups: list[Stopped] = []
        for entry in self.blocked(household_id, limit=100):
            if groups and _alike(groups[-1].entry, entry):
                groups[-1] = Stopped(groups[-1].entry, groups[-1].count + 1)
            elif len(groups) < limit:
                groups.append(Stopped(entry, 1))
            else:
                break
        return groups

    def last_wrong_code(self, household_id: str) -> AuditEntry | None:
        for entry in self.store.list_audit(household_id, limit=50):
            if entry.reason == "wrong_code":
                return entry
        return None

    def budget_notes(self, household: Household, approvals: list[Any]) -> dict[str, str]:
        """For each pending request, whether approving it passes the child's budgets, so a
        parent knows before the click (an approval overrides them on purpose)."""
        spends = {s.profile.id: s for s in self.spending(household)}
        notes: dict[str, str] = {}
        for approval in approvals:
            spend = spends.get(approval.profile_id)
            if spend is None:
                continue
            p, over = spend.profile, []
            if p.per_order_limit is not None and approval.total > p.per_order_limit:
                over.append(f"per-order limit ({dollars(p.per_order_limit)})")
            if p.daily_budget is not None and spend.today + approval.total > p.daily_budget:
                over.append(f"daily budget ({dollars(p.daily_budget)})")
            if p.monthly_budget is not None and spend.month + approval.total > p.monthly_budget:
                over.append(f"monthly budget ({dollars(p.monthly_budget)})")
            if over:
                notes[approval.id] = f"Over {p.name}'s {_join(over)}. Approving orders it anyway."
        return notes


def _alike(a: AuditEntry, b: AuditEntry) -> bool:
    return (a.profile_id, a.reason, a.outcome, [line.sku for line in a.lines]) == (
        b.profile_id,
        b.reason,
        b.outcome,
        [line.sku for line in b.lines],
    )


def _join(parts: list[str]) -> str:
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
