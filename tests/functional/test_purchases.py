"""The purchase service end to end on SQLite: the stories PRODUCT.md promises."""

from __future__ import annotations

import logging

import pytest

from tests.functional.conftest import BATTERIES, COOKIES, DOLLHOUSE, WINE, World
from tests.support import what_a_record_says
from voicecart.domain.errors import Conflict
from voicecart.domain.guard import Outcome
from voicecart.domain.orders import Line, OrderStatus
from voicecart.domain.records import ApprovalStatus

DOLL = (Line.of(DOLLHOUSE),)
COOKIE_TUBS = (Line.of(COOKIES, 4),)


def kinds(world: World) -> list[str]:
    return [n.kind for n in world.store.list_notifications("demo")]


class TestTheDallasStory:
    def test_a_child_asking_for_a_dollhouse_only_queues_a_request(self, world: World) -> None:
        result = world.purchases.attempt(world.child, DOLL, "k1")
        assert result.outcome is Outcome.NEEDS_APPROVAL
        assert world.store.list_orders("demo") == []
        assert result.approval is not None and result.approval.requested_by == "Emma"
        assert "approval_requested" in kinds(world)

    def test_a_child_who_knows_the_code_still_only_queues(self, world: World) -> None:
        result = world.purchases.attempt(world.child, COOKIE_TUBS, "k1", code="1234")
        assert result.outcome is Outcome.NEEDS_APPROVAL
        assert world.store.list_orders("demo") == []

    def test_a_guest_cannot_order_a_dollhouse_over_the_guest_limit(self, world: World) -> None:
        result = world.purchases.attempt(world.guest, DOLL, "k1", code="1234")
        assert (result.outcome, result.decision.reason) == (Outcome.DENY, "over_order_limit")

    def test_an_unrecognized_voice_must_say_the_code(self, world: World) -> None:
        result = world.purchases.attempt(world.guest, (Line.of(BATTERIES),), "k1")
        assert result.outcome is Outcome.NEEDS_CODE
        assert world.store.list_orders("demo") == []

    def test_the_parent_approves_with_the_code_and_one_order_is_placed(self, world: World) -> None:
        request = world.purchases.attempt(world.child, DOLL, "k1").approval
        assert request is not None
        asked = world.purchases.approve(world.parent, request.id)
        assert asked.outcome is Outcome.NEEDS_CODE
        done = world.purchases.approve(world.parent, request.id, code="1234")
        assert done.order is not None and done.order.profile_id == "child"
        assert world.store.get_approval("demo", request.id).status is ApprovalStatus.APPROVED  # type: ignore[union-attr]
        with pytest.raises(Conflict):
            world.purchases.approve(world.parent, request.id, code="1234")
        assert len(world.store.list_orders("demo")) == 1

    def test_requests_expire_after_24_hours(self, world: World) -> None:
        request = world.purchases.attempt(world.child, DOLL, "k1").approval
        assert request is not None
        world.clock.advance(hours=23, minutes=59)
        assert world.store.list_approvals("demo", ApprovalStatus.PENDING, world.clock.now())
        world.clock.advance(minutes=1)
        assert not world.store.list_approvals("demo", ApprovalStatus.PENDING, world.clock.now())
        with pytest.raises(Conflict):
            world.purchases.approve(world.parent, request.id, code="1234")

    def test_a_teen_cannot_approve(self, world: World) -> None:
        request = world.purchases.attempt(world.child, DOLL, "k1").approval
        assert request is not None
        result = world.purchases.approve(world.teen, request.id, code="1234")
        assert (result.outcome, result.decision.reason) == (Outcome.DENY, "only_adults_approve")


class TestBuying:
    def test_adult_with_code_places_one_order_and_is_charged_once(self, world: World) -> None:
        result = world.purchases.attempt(world.parent, (Line.of(BATTERIES),), "k1", code="1234")
        assert result.order is not None and result.order.status is OrderStatus.PLACED
        again = world.purchases.attempt(world.parent, (Line.of(BATTERIES),), "k1", code="1234")
        assert again.order == result.order
        assert len(world.store.list_orders("demo")) == 1
        assert len(world.payments.charges()) == 1
        assert kinds(world).count("order_placed") == 1

    def test_teen_budget_holds(self, world: World) -> None:
        world.purchases.attempt(world.teen, (Line.of(COOKIES, 2),), "k1", code="1234")
        over = world.purchases.attempt(world.teen, (Line.of(COOKIES, 1),), "k2", code="1234")
        assert (over.outcome, over.decision.reason) == (Outcome.DENY, "over_daily_budget")

    def test_teen_cannot_buy_wine(self, world: World) -> None:
        result = world.purchases.attempt(world.teen, (Line.of(WINE),), "k1", code="1234")
        assert result.decision.reason == "blocked_category"

    def test_every_attempt_is_audited(self, world: World) -> None:
        world.purchases.attempt(world.guest, (Line.of(BATTERIES),), "k1")
        world.purchases.attempt(world.child, DOLL, "k2")
        world.purchases.attempt(world.parent, (Line.of(BATTERIES),), "k3", code="1234")
        audit = world.store.list_audit("demo")
        assert [(e.profile_name, e.outcome) for e in audit] == [
            ("Alex", "allow"),
            ("Emma", "needs_approval"),
            ("Guest", "needs_code"),
        ]
        assert audit[0].order_id and audit[0].device_id == "kitchen-echo"


class TestWrongCodes:
    def test_third_wrong_code_locks_and_tells_the_parent(self, world: World) -> None:
        first = world.purchases.attempt(world.guest, DOLL, "k1", code="0000")
        assert (first.decision.reason, first.attempts_left) == ("wrong_code", 2)
        world.purchases.attempt(world.guest, DOLL, "k2", code="1111")
        third = world.purchases.attempt(world.guest, DOLL, "k3", code="2222")
        assert (third.outcome, third.decision.reason) == (Outcome.DENY, "locked_for")
        assert "lockout" in kinds(world)
        right = world.purchases.attempt(world.parent, DOLL, "k4", code="1234")
        assert right.decision.reason == "locked_for"
        world.clock.advance(minutes=15)
        assert world.purchases.attempt(world.parent, DOLL, "k5", code="1234").order is not None

    def test_sixth_wrong_code_locks_until_a_parent_unlocks(self, world: World) -> None:
        for i in range(6):
            world.purchases.attempt(world.guest, DOLL, f"k{i}", code="9999")
            world.clock.advance(minutes=16)
        locked = world.purchases.attempt(world.parent, DOLL, "kx", code="1234")
        assert locked.decision.reason == "locked_until_parent"
        world.clock.advance(days=2)
        assert world.purchases.attempt(world.parent, DOLL, "ky", code="1234").order is None
        world.purchases.unlock("demo", by="Alex on the parent page")
        assert world.purchases.attempt(world.parent, DOLL, "kz", code="1234").order is not None

    def test_misheard_code_is_reasked_not_counted(self, world: World) -> None:
        for said in ("12", "one two", "12345", ""):
            result = world.purchases.attempt(world.guest, DOLL, "k1", code=said)
            assert result.decision.reason == "code_malformed"
        assert world.store.get_code_lock("demo").failures == 0

    def test_right_code_resets_the_count(self, world: World) -> None:
        world.purchases.attempt(world.guest, DOLL, "k1", code="0000")
        world.purchases.attempt(world.guest, DOLL, "k2", code="0000")
        world.purchases.attempt(world.parent, (Line.of(BATTERIES),), "k3", code="1234")
        assert world.store.get_code_lock("demo").failures == 0

    def test_the_code_never_reaches_logs_audit_or_notifications(
        self, world: World, caplog: pytest.LogCaptureFixture
    ) -> None:
        caplog.set_level(logging.DEBUG)
        world.purchases.attempt(world.guest, DOLL, "k1", code="1234")
        for wrong in ("4321", "5678", "8765"):
            world.purchases.attempt(world.guest, DOLL, "kw" + wrong, code=wrong)
        texts = [what_a_record_says(r) for r in caplog.records]
        texts += [str(e) for e in world.store.list_audit("demo")]
        texts += [str(n) for n in world.store.list_notifications("demo")]
        for text in texts:
            for code in ("1234", "4321", "5678", "8765"):
                assert code not in text


class TestCancelAndBroadcast:
    def test_cancel_within_window_refunds_and_restores_budget(self, world: World) -> None:
        order = world.purchases.attempt(world.teen, (Line.of(COOKIES, 2),), "k1", code="1234").order
        assert order is not None
        world.clock.advance(minutes=29)
        world.purchases.cancel(world.teen.household, order.id, by="Sam")
        again = world.purchases.attempt(world.teen, (Line.of(COOKIES, 2),), "k2", code="1234")
        assert again.order is not None
        assert any(refunded for _, _, refunded in world.payments.charges())

    def test_cancel_after_window_or_shipping_is_refused(self, world: World) -> None:
        a = world.purchases.attempt(world.parent, (Line.of(BATTERIES),), "k1", code="1234").order
        b = world.purchases.attempt(world.parent, (Line.of(COOKIES),), "k2", code="1234").order
        assert a is not None and b is not None
        world.store.set_order_status("demo", b.id, OrderStatus.SHIPPED, world.clock.now())
        with pytest.raises(Conflict):
            world.purchases.cancel(world.parent.household, b.id, by="Alex")
        world.clock.advance(minutes=31)
        with pytest.raises(Conflict):
            world.purchases.cancel(world.parent.household, a.id, by="Alex")

    def test_many_households_ordering_one_product_holds_it(self, world: World) -> None:
        for hid in ("h1", "h2", "h3", "h4", "h5"):
            world.store.record_voice_order(DOLLHOUSE.sku, hid, world.clock.now())
        from dataclasses import replace

        household = replace(world.parent.household, code_required=False)
        world.store.put_household(household)
        result = world.purchases.attempt(world.parent, DOLL, "k1")
        assert (result.outcome, result.decision.reason) == (Outcome.NEEDS_CODE, "broadcast_hold")
        calm = world.purchases.attempt(world.parent, (Line.of(BATTERIES),), "k2")
        assert calm.order is not None
