"""Two speakers ordering at once cannot together pass a budget; no key orders twice."""

from __future__ import annotations

import threading
from decimal import Decimal

from tests.contract.test_store_contract import order
from voicecart.domain.errors import BudgetExceeded
from voicecart.ports import CounterIncrement


def test_many_threads_never_spend_more_than_the_daily_budget(store_factory) -> None:  # type: ignore[no-untyped-def]
    limit = Decimal("100.00")
    placed: list[str] = []
    refused: list[str] = []
    barrier = threading.Barrier(16)

    def buy(n: int) -> None:
        store = store_factory()  # one connection per thread, as in a server
        barrier.wait()
        for i in range(5):
            key = f"t{n}-{i}"
            try:
                store.commit_order(
                    order(key, "7.00"), [CounterIncrement("day", Decimal("7.00"), limit)]
                )
                placed.append(key)
            except BudgetExceeded:
                refused.append(key)

    threads = [threading.Thread(target=buy, args=(n,)) for n in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    store = store_factory()
    assert len(placed) == 14  # 14 x 7.00 = 98.00; a 15th would make 105.00
    assert len(refused) == 16 * 5 - 14
    assert store.get_counter("day") == Decimal("98.00")
    assert len(store.list_orders("h1", limit=200)) == 14


def test_the_same_confirmation_from_many_threads_places_one_order(store_factory) -> None:  # type: ignore[no-untyped-def]
    results: list[bool] = []
    barrier = threading.Barrier(8)

    def confirm() -> None:
        store = store_factory()
        barrier.wait()
        _, created = store.commit_order(order("same-key"), [CounterIncrement("day", Decimal("10"))])
        results.append(created)

    threads = [threading.Thread(target=confirm) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
    assert store_factory().get_counter("day") == Decimal("10")
