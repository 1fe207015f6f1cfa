"""A database made by an older VoiceCart opens in this one with everything it held: the
migrations run once, in order, inside one transaction."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from tests.contract.test_store_contract import T0, TOWELS, incs, order
from tests.support import household
from voicecart.adapters import sqlite as sqlite_adapter
from voicecart.adapters.sqlite import MIGRATIONS, SQLiteStore
from voicecart.domain.guard import GuardPolicy
from voicecart.domain.orders import Cart, Line
from voicecart.domain.records import PendingPurchase

PENDING = PendingPurchase(
    "h1", "dev1", "parent", "buy", (Line.of(TOWELS),), Decimal("12.50"), "key", T0,
    T0 + timedelta(minutes=10),
)  # fmt: skip


def tables_without_rowid(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        rows = conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    return {name for name, sql in rows if "WITHOUT ROWID" in sql.upper()}


def test_a_version_2_database_keeps_its_carts_counters_locks_and_pending_purchases(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "old.db"
    monkeypatch.setattr(sqlite_adapter, "MIGRATIONS", MIGRATIONS[:2])
    old = SQLiteStore(path)
    assert old.schema_version == 2
    old.put_household(household())
    old.save_cart(Cart("h1").add(TOWELS, 2))
    old.commit_order(order("k1", total="10.00"), incs("10.00"))
    old.record_code_failure("h1", T0, GuardPolicy())
    old.put_pending(PENDING)
    old.record_voice_order("TOWELS", "h1", T0)
    old.close()
    assert tables_without_rowid(path) == set()

    monkeypatch.setattr(sqlite_adapter, "MIGRATIONS", MIGRATIONS)
    new = SQLiteStore(path)
    assert new.schema_version == len(MIGRATIONS) >= 3
    assert {"counters", "carts", "code_locks", "pending", "voice_orders"} <= tables_without_rowid(
        path
    )
    assert new.get_cart("h1").lines[0].quantity == 2
    assert new.get_code_lock("h1").failures == 1
    assert new.get_pending("h1", "dev1") == PENDING
    state = new.read_guard_state("h1", ["day", "month"], ["TOWELS"], T0 - timedelta(minutes=1))
    assert state.counters == {"day": Decimal("10.00"), "month": Decimal("10.00")}
    assert state.households_by_sku == {"TOWELS": {"h1"}}
    assert new.households_ordering("TOWELS", T0 - timedelta(minutes=1)) == {"h1"}
    # The same order again is still the same order, and the counters still hold the budget.
    again, created = new.commit_order(order("k1", total="10.00"), incs("10.00"))
    assert not created and again.id == "VCk1"
    with pytest.raises(Exception, match="day"):
        new.commit_order(order("k2", total="20.00"), incs("20.00"))


def test_opening_a_current_database_runs_nothing_again(tmp_path: Path) -> None:
    path = tmp_path / "t.db"
    SQLiteStore(path).close()
    store = SQLiteStore(path)
    assert store.schema_version == len(MIGRATIONS)
