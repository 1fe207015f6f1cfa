"""The SQLite store inside a spoken turn: plain writes are held and written together (in the
order's transaction, or at the end), the turn reads its own writes, a failed turn drops what
it held, and placing an order is one transaction with its records."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from tests.contract.test_store_contract import T0, TOWELS, incs, order
from tests.support import household
from voicecart.adapters.sandbox_pay import SandboxPayments, ledger_path_beside
from voicecart.adapters.sqlite import SQLiteStore
from voicecart.domain.errors import BudgetExceeded
from voicecart.domain.orders import Cart, Line
from voicecart.domain.records import AuditEntry, Notification
from voicecart.ports import TurnReads

READS = TurnReads("user", None, "device")


def audit(aid: str = "AU1") -> AuditEntry:
    return AuditEntry(
        aid, "h1", T0, "buy", "parent", "Alex", "adult", "dev", "voice",
        (Line.of(TOWELS),), Decimal("12.50"), "allow", "ok",
    )  # fmt: skip


def note(nid: str = "NT1") -> Notification:
    return Notification(nid, "h1", T0, "order_placed", "placed")


@pytest.fixture
def stores(tmp_path: Path) -> tuple[SQLiteStore, SQLiteStore]:
    """The store under test and a second one on the same file: another process's view."""
    store = SQLiteStore(tmp_path / "t.db")
    store.put_household(household())
    return store, SQLiteStore(tmp_path / "t.db")


def cart_with_towels() -> Cart:
    return Cart("h1").add(TOWELS, 2)


def test_plain_writes_are_held_until_the_end_of_the_turn(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    with store.turn(READS):
        store.save_cart(cart_with_towels())
        store.append_notification(note())
        assert other.get_cart("h1").is_empty
        assert other.list_notifications("h1") == []
    assert other.get_cart("h1").item_count == 2
    assert [n.id for n in other.list_notifications("h1")] == ["NT1"]


def test_the_turn_reads_its_own_writes(stores) -> None:  # type: ignore[no-untyped-def]
    store, _ = stores
    with store.turn(READS):
        store.save_cart(cart_with_towels())
        assert store.get_cart("h1").item_count == 2
        store.clear_code_failures("h1")
        store.append_audit(audit())
        assert [a.id for a in store.list_audit("h1")] == ["AU1"]


def test_held_writes_join_the_order_transaction(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    with store.turn(READS):
        store.save_cart(cart_with_towels())
        stored, created = store.commit_order_with_records(
            order(), incs(), audit=audit(), voice_order_skus=["TOWELS", "TOWELS"]
        )
        assert created
        # Committed with the order, before the turn ends.
        assert other.get_cart("h1").item_count == 2
        assert other.get_order("h1", stored.id) is not None
        assert [a.id for a in other.list_audit("h1")] == ["AU1"]
        assert other.households_ordering("TOWELS", T0) == {"h1"}
        assert other.get_counter("day") == Decimal("10.00")


def test_records_are_written_only_for_a_new_order(stores) -> None:  # type: ignore[no-untyped-def]
    store, _ = stores
    store.commit_order_with_records(order(), incs(), audit=audit("AU1"), voice_order_skus=["A"])
    _, created = store.commit_order_with_records(
        order(), incs(), audit=audit("AU2"), voice_order_skus=["B"]
    )
    assert not created
    assert [a.id for a in store.list_audit("h1")] == ["AU1"]
    assert store.households_ordering("B", T0) == set()
    assert store.get_counter("day") == Decimal("10.00")


def test_a_refused_order_keeps_the_held_writes_held(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    with store.turn(READS):
        store.save_cart(cart_with_towels())
        with pytest.raises(BudgetExceeded):
            store.commit_order_with_records(order(total="30.00"), incs("30.00"), audit=audit())
        assert other.get_cart("h1").is_empty  # rolled back with the order, still held
        assert store.get_cart("h1").item_count == 2
    assert other.get_cart("h1").item_count == 2
    assert other.list_audit("h1") == []


def test_a_failed_turn_drops_what_it_held_but_not_a_placed_order(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    ran: list[str] = []
    with pytest.raises(RuntimeError), store.turn(READS):
        stored, _ = store.commit_order_with_records(order(), incs())
        store.save_cart(cart_with_towels())
        store.after_turn(lambda: ran.append("after"))
        raise RuntimeError("the reply could not be rendered")
    assert other.get_order("h1", stored.id) is not None
    assert other.get_cart("h1").is_empty
    assert ran == []


def test_after_turn_runs_once_the_writes_are_stored(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    seen: list[int] = []
    with store.turn(READS):
        store.save_cart(cart_with_towels())
        store.after_turn(lambda: seen.append(other.get_cart("h1").item_count))
        assert seen == []
    assert seen == [2]
    store.after_turn(lambda: seen.append(0))  # outside a turn: at once
    assert seen == [2, 0]


def test_outside_a_turn_every_write_is_its_own_transaction(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    store.save_cart(cart_with_towels())
    assert other.get_cart("h1").item_count == 2


def test_documents_are_parsed_once_and_stay_current(stores) -> None:  # type: ignore[no-untyped-def]
    store, other = stores
    first = store.get_household("h1")
    assert store.get_household("h1") is first  # same text, same (immutable) value
    other.put_household(replace(household(), name="Renamed"))
    assert store.get_household("h1").name == "Renamed"  # type: ignore[union-attr]


def test_profile_for_person_uses_the_voice_link(stores) -> None:  # type: ignore[no-untyped-def]
    from tests.support import profile

    store, _ = stores
    store.put_profile(profile(person_ids=("voice-1",)))
    assert store.profile_for_person("h1", "voice-1").id == "adult"  # type: ignore[union-attr]
    assert store.profile_for_person("h1", "voice-2") is None


def test_store_connections_leave_checkpoints_to_the_background(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "c.db")
    conn = store._conn()
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
    assert conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0


def test_sandbox_payments_keep_one_connection_and_charge_once(tmp_path: Path) -> None:
    payments = SandboxPayments(tmp_path / "p.db")
    first = payments.charge("tok", Decimal("5.00"), "USD", "key-1")
    conn = payments._local.conn
    assert payments.charge("tok", Decimal("5.00"), "USD", "key-1") == first
    assert payments._local.conn is conn
    payments.refund(first, Decimal("5.00"))
    assert payments.charges() == [(first, Decimal("5.00"), Decimal("5.00"))]


def test_the_sandbox_ledger_keeps_its_own_file_and_carries_older_charges_over(
    tmp_path: Path,
) -> None:
    """Older versions kept the ledger in the store's file; a charge made then still refunds."""
    store_path = tmp_path / "voicecart.db"
    SQLiteStore(store_path)
    old = SandboxPayments(store_path)
    before = old.charge("tok", Decimal("7.00"), "USD", "key-old")
    beside = ledger_path_beside(store_path)
    assert beside == str(tmp_path / "voicecart-payments.db")
    ledger = SandboxPayments(beside, carry_from=store_path)
    assert ledger.charges() == [(before, Decimal("7.00"), Decimal("0"))]
    assert ledger.charge("tok", Decimal("7.00"), "USD", "key-old") == before  # still once
    ledger.refund(before, Decimal("7.00"))
    assert ledger.charges() == [(before, Decimal("7.00"), Decimal("7.00"))]
    # Opened again, nothing is copied twice and the refund stays.
    again = SandboxPayments(beside, carry_from=store_path)
    assert again.charges() == [(before, Decimal("7.00"), Decimal("7.00"))]
    assert sqlite3.connect(beside).execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert ledger_path_beside(":memory:") == ":memory:"
