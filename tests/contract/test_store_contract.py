"""The Store port's contract: what every adapter (SQLite, DynamoDB) must do alike."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from tests.support import NOON_DALLAS, household, product, profile
from voicecart.domain.errors import BudgetExceeded, Conflict, NotFound
from voicecart.domain.guard import CodeLock, GuardPolicy
from voicecart.domain.household import Role
from voicecart.domain.orders import Cart, Line, Order, OrderStatus
from voicecart.domain.records import (
    Approval,
    ApprovalStatus,
    AuditEntry,
    Notification,
    PendingPurchase,
)
from voicecart.ports import CounterIncrement, OrderEffects, Store

T0 = NOON_DALLAS
TOWELS = product("TOWELS", "Paper Towels", "12.50")


def order(key: str = "k1", total: str = "10.00", **changes: object) -> Order:
    line = Line.of(TOWELS)
    base = Order(
        id="VC" + key,
        household_id="h1",
        profile_id="parent",
        lines=(line,),
        subtotal=Decimal(total),
        tax=Decimal("0"),
        total=Decimal(total),
        status=OrderStatus.PLACED,
        placed_at=T0,
        delivery_date=date(2026, 11, 25),
        idempotency_key=key,
        counters=("day", "month"),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def incs(total: str = "10.00", limit: str | None = "25.00") -> list[CounterIncrement]:
    lim = Decimal(limit) if limit else None
    return [CounterIncrement("day", Decimal(total), lim), CounterIncrement("month", Decimal(total))]


def approval(aid: str = "AP1", **changes: object) -> Approval:
    base = Approval(
        id=aid,
        household_id="h1",
        profile_id="child",
        requested_by="Emma",
        lines=(Line.of(TOWELS),),
        total=Decimal("12.50"),
        created_at=T0,
        expires_at=T0 + timedelta(hours=24),
    )
    return replace(base, **changes)  # type: ignore[arg-type]


class TestCatalog:
    def test_products_round_trip_with_exact_prices(self, store: Store) -> None:
        wine = product(
            "WINE",
            "Red Wine",
            "14.99",
            "alcohol",
            age_restricted=True,
            synonyms=("vino",),
            rating=4.5,
            review_count=12,
        )
        assert store.put_products([TOWELS, wine]) == 2
        assert store.get_product("WINE") == wine
        assert store.count_products() == 2
        assert {p.sku for p in store.iter_products()} == {"TOWELS", "WINE"}
        assert store.get_product("NOPE") is None

    def test_put_replaces_by_sku(self, store: Store) -> None:
        store.put_products([TOWELS])
        store.put_products([replace(TOWELS, price=Decimal("11.00"))])
        assert store.get_product("TOWELS").price == Decimal("11.00")  # type: ignore[union-attr]
        assert store.count_products() == 1


class TestHouseholds:
    def test_household_and_user_mapping(self, store: Store) -> None:
        h = household(platform_user_ids=("amzn1.ask.account.A",))
        store.put_household(h)
        assert store.get_household("h1") == h
        assert store.household_for_user("amzn1.ask.account.A") == h
        assert store.household_for_user("someone-else") is None
        assert [x.id for x in store.list_households()] == ["h1"]

    def test_profiles(self, store: Store) -> None:
        kid = profile(Role.CHILD, person_ids=("p-kid",))
        store.put_profile(kid)
        store.put_profile(profile(Role.ADULT))
        assert store.get_profile("h1", "child") == kid
        assert [p.id for p in store.list_profiles("h1")] == ["adult", "child"]
        assert store.get_profile("h1", "nobody") is None

    def test_one_voice_cannot_be_two_profiles(self, store: Store) -> None:
        store.put_profile(profile(Role.CHILD, person_ids=("p-1",)))
        with pytest.raises(Conflict):
            store.put_profile(profile(Role.ADULT, person_ids=("p-1",)))


class TestCart:
    def test_empty_cart_for_a_new_household(self, store: Store) -> None:
        assert store.get_cart("h1") == Cart("h1")

    def test_cart_outlives_the_store_object(self, store_factory) -> None:  # type: ignore[no-untyped-def]
        first = store_factory()
        first.save_cart(Cart("h1").add(TOWELS, 3).add(TOWELS, 1))
        again = store_factory()
        assert again.get_cart("h1").lines == (replace(Line.of(TOWELS), quantity=4),)


class TestOrders:
    def test_commit_counts_and_lists(self, store: Store) -> None:
        stored, created = store.commit_order(order(), incs())
        assert created
        assert store.get_order("h1", stored.id) == stored
        assert store.get_counter("day") == Decimal("10.00")
        assert store.list_orders("h1") == [stored]

    def test_same_idempotency_key_gives_the_same_order_once(self, store: Store) -> None:
        first, _ = store.commit_order(order(), incs())
        again, created = store.commit_order(order(placed_at=T0 + timedelta(seconds=5)), incs())
        assert not created
        assert again == first
        assert len(store.list_orders("h1")) == 1
        assert store.get_counter("day") == Decimal("10.00")

    def test_budget_limit_itself_fits_one_cent_over_does_not(self, store: Store) -> None:
        store.commit_order(order("a", "15.00"), incs("15.00"))
        store.commit_order(order("b", "10.00"), incs("10.00"))
        with pytest.raises(BudgetExceeded) as info:
            store.commit_order(order("c", "0.01"), incs("0.01"))
        assert info.value.counter_key == "day"
        assert store.get_counter("day") == Decimal("25.00")
        assert store.get_order("h1", "VCc") is None

    def test_orders_listed_newest_first(self, store: Store) -> None:
        store.commit_order(order("old", placed_at=T0 - timedelta(days=1)), incs(limit=None))
        store.commit_order(order("new"), incs(limit=None))
        assert [o.id for o in store.list_orders("h1")] == ["VCnew", "VCold"]
        assert [o.id for o in store.list_orders("h1", limit=1)] == ["VCnew"]

    def test_cancel_gives_the_budget_back_once(self, store: Store) -> None:
        placed, _ = store.commit_order(order(), incs())
        cancelled = placed.cancelled(T0 + timedelta(minutes=5))
        assert store.cancel_order(cancelled).status is OrderStatus.CANCELLED
        assert store.get_counter("day") == Decimal("0.00")
        with pytest.raises(Conflict):
            store.cancel_order(cancelled)
        assert store.get_counter("day") == Decimal("0.00")

    def test_status_changes(self, store: Store) -> None:
        placed, _ = store.commit_order(order(), incs())
        shipped = store.set_order_status("h1", placed.id, OrderStatus.SHIPPED, T0)
        assert shipped.status is OrderStatus.SHIPPED and shipped.shipped_at == T0
        with pytest.raises(Conflict):
            store.cancel_order(placed.cancelled(T0))
        with pytest.raises(NotFound):
            store.set_order_status("h1", "nope", OrderStatus.SHIPPED, T0)

    def test_commit_with_approval_decides_it_exactly_once(self, store: Store) -> None:
        store.add_approval(approval())
        decided = approval().decided(ApprovalStatus.APPROVED, "Alex", T0, order_id="VCk1")
        store.commit_order(order(approval_id="AP1"), incs(limit=None), decided)
        assert store.get_approval("h1", "AP1").status is ApprovalStatus.APPROVED  # type: ignore[union-attr]
        with pytest.raises(Conflict):
            store.commit_order(order("k2", approval_id="AP1"), incs(limit=None), decided)
        assert store.get_order("h1", "VCk2") is None


class TestWhatAnOrderTakesWithIt:
    """OrderEffects: the confirmation used up, the cart emptied and the parent told, with
    the order and only with it."""

    def pending(self) -> PendingPurchase:
        return PendingPurchase(
            "h1", "dev1", "parent", "buy", (Line.of(TOWELS),), Decimal("10.00"), "k1", T0, T0
        )

    def effects(self, note_id: str = "N1") -> OrderEffects:
        note = Notification(note_id, "h1", T0, "order_placed", "Order VCk1 placed.")
        return OrderEffects(self.pending(), empties_cart=True, notification=note)

    def fill(self, store: Store) -> Cart:
        cart = Cart("h1").add(TOWELS, 2)
        store.save_cart(cart)
        store.put_pending(self.pending())
        return cart

    def test_a_new_order_uses_up_the_yes_empties_the_cart_and_tells_the_parent(
        self, store: Store
    ) -> None:
        self.fill(store)
        _, created = store.commit_order_with_records(order(), incs(), effects=self.effects())
        assert created
        assert store.get_pending("h1", "dev1") is None
        assert store.get_cart("h1").is_empty
        assert [n.id for n in store.list_notifications("h1")] == ["N1"]

    def test_a_repeat_uses_up_the_yes_but_keeps_a_refilled_cart(self, store: Store) -> None:
        self.fill(store)
        store.commit_order_with_records(order(), incs(), effects=self.effects())
        refilled = self.fill(store)
        _, created = store.commit_order_with_records(order(), incs(), effects=self.effects("N2"))
        assert not created
        assert store.get_pending("h1", "dev1") is None
        assert store.get_cart("h1").lines == refilled.lines
        assert [n.id for n in store.list_notifications("h1")] == ["N1"]

    def test_a_refused_order_takes_nothing_with_it(self, store: Store) -> None:
        cart = self.fill(store)
        with pytest.raises(BudgetExceeded):
            store.commit_order_with_records(
                order(total="30.00"), incs("30.00"), effects=self.effects()
            )
        assert store.get_pending("h1", "dev1") == self.pending()
        assert store.get_cart("h1").lines == cart.lines
        assert store.list_notifications("h1") == []


class TestCodeAttempts:
    def test_failures_are_counted_and_cleared(self, store: Store) -> None:
        policy = GuardPolicy()
        assert store.get_code_lock("h1") == CodeLock()
        store.record_code_failure("h1", T0, policy)
        lock = store.record_code_failure("h1", T0, policy)
        assert lock.failures == 2 and not lock.is_locked(T0)
        lock = store.record_code_failure("h1", T0, policy)
        assert lock.is_locked(T0)
        assert store.get_code_lock("h1") == lock
        store.clear_code_failures("h1")
        assert store.get_code_lock("h1") == CodeLock()


class TestApprovals:
    def test_add_is_idempotent(self, store: Store) -> None:
        first = store.add_approval(approval())
        again = store.add_approval(approval(created_at=T0 + timedelta(minutes=1)))
        assert again == first

    def test_list_filters_by_status_at_a_moment(self, store: Store) -> None:
        store.add_approval(approval("AP1"))
        store.add_approval(
            approval("AP2", created_at=T0 - timedelta(hours=25), expires_at=T0 - timedelta(hours=1))
        )
        pending = store.list_approvals("h1", ApprovalStatus.PENDING, now=T0)
        expired = store.list_approvals("h1", ApprovalStatus.EXPIRED, now=T0)
        assert [a.id for a in pending] == ["AP1"]
        assert [a.id for a in expired] == ["AP2"]
        assert [a.id for a in store.list_approvals("h1")] == ["AP1", "AP2"]

    def test_decide_only_once(self, store: Store) -> None:
        store.add_approval(approval())
        declined = approval().decided(ApprovalStatus.DECLINED, "Alex", T0)
        store.decide_approval(declined)
        with pytest.raises(Conflict):
            store.decide_approval(approval().decided(ApprovalStatus.APPROVED, "Alex", T0))
        with pytest.raises(NotFound):
            store.decide_approval(approval("NOPE").decided(ApprovalStatus.DECLINED, "Alex", T0))


class TestPendingAuditOutbox:
    def test_pending_purchase_per_device(self, store: Store) -> None:
        pending = PendingPurchase(
            "h1",
            "dev1",
            "parent",
            "buy",
            (Line.of(TOWELS),),
            Decimal("12.50"),
            "key",
            T0,
            T0 + timedelta(minutes=10),
        )
        store.put_pending(pending)
        assert store.get_pending("h1", "dev1") == pending
        assert store.get_pending("h1", "dev2") is None
        store.delete_pending("h1", "dev1")
        assert store.get_pending("h1", "dev1") is None

    def test_audit_is_paged_and_filtered(self, store: Store) -> None:
        for i in range(5):
            store.append_audit(
                AuditEntry(
                    f"AU{i}",
                    "h1",
                    T0 + timedelta(seconds=i),
                    "buy",
                    "child" if i % 2 else "parent",
                    "x",
                    "adult",
                    "dev",
                    "voice",
                    (Line.of(TOWELS),),
                    Decimal("12.50"),
                    "deny" if i % 2 else "allow",
                    "r",
                )
            )
        assert [e.id for e in store.list_audit("h1", limit=2)] == ["AU4", "AU3"]
        assert [e.id for e in store.list_audit("h1", limit=2, offset=2)] == ["AU2", "AU1"]
        assert [e.id for e in store.list_audit("h1", profile_id="child")] == ["AU3", "AU1"]
        assert [e.id for e in store.list_audit("h1", outcome="allow")] == ["AU4", "AU2", "AU0"]
        assert store.list_audit("other") == []

    def test_notifications(self, store: Store) -> None:
        store.append_notification(Notification("N1", "h1", T0, "lockout", "Locked", {"n": 3}))
        store.append_notification(Notification("N2", "h1", T0 + timedelta(seconds=1), "x", "y"))
        assert [n.id for n in store.list_notifications("h1")] == ["N2", "N1"]
        assert store.list_notifications("h1")[1].data == {"n": 3}

    def test_broadcast_counts_distinct_households_in_the_window(self, store: Store) -> None:
        for hid in ("a", "b", "b", "c"):
            store.record_voice_order("DOLL", hid, T0)
        store.record_voice_order("DOLL", "old", T0 - timedelta(hours=1))
        assert store.households_ordering("DOLL", T0 - timedelta(minutes=10)) == {"a", "b", "c"}
        assert store.households_ordering("OTHER", T0 - timedelta(minutes=10)) == set()

    def test_what_the_guard_reads_comes_together(self, store: Store) -> None:
        """The lock, each counter asked for (zero where none is kept yet) and, per sku, who
        ordered it since the moment given."""
        store.record_code_failure("h1", T0, GuardPolicy())
        store.commit_order(order("k1", total="10.00"), incs("10.00"))
        for sku, hid, at in (
            ("DOLL", "a", T0),
            ("DOLL", "b", T0),
            ("COOKIES", "a", T0),
            ("COOKIES", "old", T0 - timedelta(hours=1)),
        ):
            store.record_voice_order(sku, hid, at)
        since = T0 - timedelta(minutes=10)
        state = store.read_guard_state("h1", ["day", "week"], ["DOLL", "COOKIES", "NONE"], since)
        assert state.lock.failures == 1
        assert state.counters == {"day": Decimal("10.00"), "week": Decimal("0")}
        assert state.households_by_sku == {"DOLL": {"a", "b"}, "COOKIES": {"a"}, "NONE": set()}
        bare = store.read_guard_state("h2", [], [], since)
        assert (bare.lock, bare.counters, bare.households_by_sku) == (CodeLock(), {}, {})

    def test_the_broadcast_window_ends_now_and_may_span_several_buckets(self, store: Store) -> None:
        """Orders from 25 minutes ago count in a 30-minute window, from 40 minutes ago they
        do not; a household's latest order is what counts; many skus come back together."""
        for sku, hid, minutes_ago in (
            ("DOLL", "a", 25),
            ("DOLL", "b", 40),
            ("DOLL", "c", 0),
            ("DOLL", "b", 45),
            ("COOKIES", "d", 29),
        ):
            store.record_voice_order(sku, hid, T0 - timedelta(minutes=minutes_ago))
        skus = ["DOLL", "COOKIES", *(f"SKU{i}" for i in range(20))]
        state = store.read_guard_state("h1", ["day"], skus, T0 - timedelta(minutes=30), until=T0)
        assert state.households_by_sku["DOLL"] == {"a", "c"}
        assert state.households_by_sku["COOKIES"] == {"d"}
        assert all(state.households_by_sku[f"SKU{i}"] == set() for i in range(20))
        store.record_voice_order("DOLL", "b", T0)  # b orders again: now it counts
        state = store.read_guard_state("h1", [], ["DOLL"], T0 - timedelta(minutes=30), until=T0)
        assert state.households_by_sku["DOLL"] == {"a", "b", "c"}
        assert store.households_ordering("DOLL", T0 - timedelta(minutes=30)) == {"a", "b", "c"}

    def test_a_long_broadcast_window_counts_all_of_it(self, store: Store) -> None:
        """A policy may watch for hours: every order in the window counts, none before it."""
        for hid, hours_ago in (("a", 2.5), ("b", 1), ("c", 4)):
            store.record_voice_order("DOLL", hid, T0 - timedelta(hours=hours_ago))
        state = store.read_guard_state("h1", [], ["DOLL"], T0 - timedelta(hours=3), until=T0)
        assert state.households_by_sku == {"DOLL": {"a", "b"}}
