"""Each guard rule at its edge: the limit itself, one cent over, the boundaries of time."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tests.support import household, product, profile
from voicecart.domain.guard import Action, Attempt, CodeLock, GuardPolicy, Outcome, evaluate
from voicecart.domain.household import Mode, QuietHours, Role
from voicecart.domain.orders import Line

DALLAS = ZoneInfo("America/Chicago")
NOON = datetime(2026, 11, 23, 12, 0, tzinfo=DALLAS)
POLICY = GuardPolicy()


def attempt(
    total: str = "10.00",
    *,
    role: Role = Role.ADULT,
    category: str = "household",
    restricted: bool = False,
    action: Action = Action.BUY,
    at: datetime = NOON,
    code_ok: bool = False,
    prof: object = None,
    hh: object = None,
    **extra: object,
) -> Attempt:
    item = product("SKU1", "Thing", total, category, age_restricted=restricted)
    return Attempt(
        action=action,
        household=hh or household(),
        profile=prof or profile(role),
        lines=(Line.of(item),),
        total=Decimal(total),
        local_now=at,
        code_ok=code_ok,
        **extra,
    )  # type: ignore[arg-type]


class TestHouseholdSwitches:
    def test_voice_purchasing_off_denies_everyone(self) -> None:
        d = evaluate(attempt(hh=household(voice_purchasing=False), code_ok=True))
        assert (d.outcome, d.reason) == (Outcome.DENY, "voice_purchasing_off")

    def test_adult_needs_code_by_default(self) -> None:
        d = evaluate(attempt())
        assert (d.outcome, d.reason) == (Outcome.NEEDS_CODE, "code_required")

    def test_adult_with_right_code_is_allowed(self) -> None:
        assert evaluate(attempt(code_ok=True)).outcome is Outcome.ALLOW

    def test_adult_without_code_requirement_is_allowed(self) -> None:
        assert evaluate(attempt(hh=household(code_required=False))).outcome is Outcome.ALLOW

    def test_no_code_set_means_no_purchase_where_a_code_is_needed(self) -> None:
        d = evaluate(attempt(hh=household(code_hash=None)))
        assert (d.outcome, d.reason) == (Outcome.DENY, "no_code_set")


class TestProfiles:
    def test_guest_must_say_the_code_even_when_adults_need_not(self) -> None:
        d = evaluate(attempt(role=Role.GUEST, hh=household(code_required=False)))
        assert d.outcome is Outcome.NEEDS_CODE

    def test_teen_needs_the_code_even_when_adults_need_not(self) -> None:
        d = evaluate(attempt(role=Role.TEEN, hh=household(code_required=False)))
        assert d.outcome is Outcome.NEEDS_CODE

    def test_child_goes_to_approval_and_the_code_does_not_bypass_it(self) -> None:
        d = evaluate(attempt("169.99", role=Role.CHILD, code_ok=True))
        assert (d.outcome, d.reason) == (Outcome.NEEDS_APPROVAL, "approval_required")

    def test_disabled_profile_is_denied(self) -> None:
        d = evaluate(attempt(prof=profile(Role.ADULT, mode=Mode.DISABLED), code_ok=True))
        assert (d.outcome, d.reason) == (Outcome.DENY, "profile_disabled")

    def test_adult_in_approval_mode_is_queued(self) -> None:
        d = evaluate(attempt(prof=profile(Role.ADULT, mode=Mode.NEEDS_APPROVAL), code_ok=True))
        assert d.outcome is Outcome.NEEDS_APPROVAL


class TestCategories:
    @pytest.mark.parametrize("role", [Role.CHILD, Role.TEEN])
    @pytest.mark.parametrize("category", ["alcohol", "tobacco", "weapons"])
    def test_age_restricted_categories_blocked_for_minors(self, role: Role, category: str) -> None:
        d = evaluate(attempt(role=role, category=category, code_ok=True))
        assert (d.outcome, d.reason) == (Outcome.DENY, "blocked_category")

    def test_age_restricted_flag_blocks_a_teen_in_any_category(self) -> None:
        d = evaluate(attempt(role=Role.TEEN, category="grocery", restricted=True, code_ok=True))
        assert d.reason == "blocked_category"

    def test_adult_may_buy_wine_with_the_code(self) -> None:
        assert evaluate(attempt(category="alcohol", restricted=True, code_ok=True)).allowed

    def test_parent_blocked_category(self) -> None:
        prof = profile(Role.ADULT, blocked_categories=frozenset({"electronics"}))
        d = evaluate(attempt(prof=prof, category="electronics", code_ok=True))
        assert (d.outcome, d.reason) == (Outcome.DENY, "blocked_category")


class TestLimits:
    teen = profile(
        Role.TEEN,
        per_order_limit=Decimal("50.00"),
        daily_budget=Decimal("60.00"),
        monthly_budget=Decimal("100.00"),
        quiet_hours=None,
    )

    def test_per_order_limit_itself_is_allowed(self) -> None:
        assert evaluate(attempt("50.00", prof=self.teen, code_ok=True)).allowed

    def test_per_order_limit_one_cent_over_is_denied(self) -> None:
        d = evaluate(attempt("50.01", prof=self.teen, code_ok=True))
        assert (d.outcome, d.reason) == (Outcome.DENY, "over_order_limit")

    def test_daily_budget_exactly_reached_is_allowed(self) -> None:
        d = evaluate(attempt("10.00", prof=self.teen, code_ok=True, spent_today=Decimal("50.00")))
        assert d.allowed

    def test_daily_budget_one_cent_over_is_denied(self) -> None:
        d = evaluate(attempt("10.01", prof=self.teen, code_ok=True, spent_today=Decimal("50.00")))
        assert (d.outcome, d.reason) == (Outcome.DENY, "over_daily_budget")
        assert d.params["left"] == Decimal("10.00")

    def test_monthly_budget_edge(self) -> None:
        ok = attempt("10.00", prof=self.teen, code_ok=True, spent_month=Decimal("90.00"))
        over = attempt("10.01", prof=self.teen, code_ok=True, spent_month=Decimal("90.00"))
        assert evaluate(ok).allowed
        assert evaluate(over).reason == "over_monthly_budget"

    def test_limits_are_checked_before_asking_for_the_code(self) -> None:
        d = evaluate(attempt("50.01", prof=self.teen))
        assert d.outcome is Outcome.DENY


class TestQuietHours:
    prof = profile(Role.TEEN, quiet_hours=QuietHours(time(22, 0), time(7, 0)))

    @pytest.mark.parametrize(
        ("hh", "mm", "quiet"),
        [
            (21, 59, False),
            (22, 0, True),
            (23, 30, True),
            (0, 0, True),
            (6, 59, True),
            (7, 0, False),
        ],
    )
    def test_boundaries_wrapping_midnight(self, hh: int, mm: int, quiet: bool) -> None:
        at = datetime(2026, 11, 23, hh, mm, tzinfo=DALLAS)
        d = evaluate(attempt(prof=self.prof, at=at, code_ok=True))
        assert (d.reason == "quiet_hours") is quiet

    def test_window_within_a_day(self) -> None:
        prof = profile(Role.ADULT, quiet_hours=QuietHours(time(13, 0), time(15, 0)))
        inside = datetime(2026, 11, 23, 13, 0, tzinfo=DALLAS)
        end = datetime(2026, 11, 23, 15, 0, tzinfo=DALLAS)
        assert evaluate(attempt(prof=prof, at=inside, code_ok=True)).reason == "quiet_hours"
        assert evaluate(attempt(prof=prof, at=end, code_ok=True)).allowed

    def test_parse_rejects_nonsense(self) -> None:
        from voicecart.domain.errors import ValidationError

        with pytest.raises(ValidationError):
            QuietHours.parse("late")


class TestLockout:
    def test_third_wrong_code_locks_for_fifteen_minutes(self) -> None:
        now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
        lock = CodeLock()
        for _ in range(2):
            lock = lock.after_failure(now, POLICY)
            assert not lock.is_locked(now)
        lock = lock.after_failure(now, POLICY)
        assert lock.is_locked(now)
        assert lock.is_locked(now + timedelta(minutes=14, seconds=59))
        assert not lock.is_locked(now + timedelta(minutes=15))

    def test_sixth_wrong_code_locks_until_a_parent_unlocks(self) -> None:
        now = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
        lock = CodeLock()
        for i in range(5):
            lock = lock.after_failure(now + timedelta(hours=i), POLICY)
            assert not lock.hard_locked
        lock = lock.after_failure(now + timedelta(hours=6), POLICY)
        assert lock.hard_locked
        assert lock.is_locked(now + timedelta(days=365))

    def test_locked_household_is_denied_even_with_the_right_code(self) -> None:
        locked = CodeLock(3, NOON + timedelta(minutes=15))
        d = evaluate(attempt(code_ok=True, lock=locked))
        assert (d.outcome, d.reason) == (Outcome.DENY, "locked_for")
        assert d.params["minutes"] == 15
        hard = evaluate(attempt(code_ok=True, lock=CodeLock(6, None, True)))
        assert hard.reason == "locked_until_parent"


class TestApproveAction:
    def test_only_adults_approve(self) -> None:
        for role in (Role.TEEN, Role.CHILD, Role.GUEST):
            d = evaluate(attempt(role=role, action=Action.APPROVE, code_ok=True))
            assert (d.outcome, d.reason) == (Outcome.DENY, "only_adults_approve")

    def test_approving_needs_the_code_even_when_purchases_do_not(self) -> None:
        d = evaluate(attempt(action=Action.APPROVE, hh=household(code_required=False)))
        assert d.outcome is Outcome.NEEDS_CODE
        assert evaluate(attempt(action=Action.APPROVE, code_ok=True)).allowed


class TestBroadcastGuard:
    def test_hot_product_needs_the_code_even_when_adults_need_none(self) -> None:
        d = evaluate(attempt(hh=household(code_required=False), hot_skus=frozenset({"SKU1"})))
        assert (d.outcome, d.reason) == (Outcome.NEEDS_CODE, "broadcast_hold")

    def test_hot_product_without_any_code_goes_to_approval(self) -> None:
        d = evaluate(
            attempt(hh=household(code_required=False, code_hash=None), hot_skus=frozenset({"SKU1"}))
        )
        assert d.outcome is Outcome.NEEDS_APPROVAL

    def test_other_hot_products_do_not_matter(self) -> None:
        d = evaluate(attempt(hh=household(code_required=False), hot_skus=frozenset({"OTHER"})))
        assert d.allowed
