"""Two speakers ordering at once cannot together pass a budget; no key orders twice."""

from __future__ import annotations

import threading
from collections.abc import Callable
from decimal import Decimal

from tests.contract.test_store_contract import order
from voicecart.domain.errors import BudgetExceeded
from voicecart.ports import CounterIncrement

BARRIER_TIMEOUT = 60  # a thread that dies early must fail the test, never hang it


def run_all(target: Callable[..., None], args: list[tuple[object, ...]]) -> None:
    """Start one thread per args tuple, wait for all, re-raise the first error."""
    errors: list[BaseException] = []

    def guarded(*a: object) -> None:
        try:
            target(*a)
        except BaseException as exc:  # noqa: BLE001 - reported to the test below
            errors.append(exc)

    threads = [threading.Thread(target=guarded, args=a) for a in args]
    for t in threads:
        t.start()
    for t in threads:
        t.join(BARRIER_TIMEOUT * 2)
    assert not any(t.is_alive() for t in threads), "a thread did not finish"
    if errors:
        raise errors[0]


def test_many_threads_never_spend_more_than_the_daily_budget(store_factory) -> None:  # type: ignore[no-untyped-def]
    limit = Decimal("100.00")
    placed: list[str] = []
    refused: list[str] = []
    barrier = threading.Barrier(16, timeout=BARRIER_TIMEOUT)

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

    run_all(buy, [(n,) for n in range(16)])
    store = store_factory()
    assert len(placed) == 14  # 14 x 7.00 = 98.00; a 15th would make 105.00
    assert len(refused) == 16 * 5 - 14
    assert store.get_counter("day") == Decimal("98.00")
    assert len(store.list_orders("h1", limit=200)) == 14


def test_the_same_confirmation_from_many_threads_places_one_order(store_factory) -> None:  # type: ignore[no-untyped-def]
    results: list[bool] = []
    barrier = threading.Barrier(8, timeout=BARRIER_TIMEOUT)

    def confirm() -> None:
        store = store_factory()
        barrier.wait()
        _, created = store.commit_order(order("same-key"), [CounterIncrement("day", Decimal("10"))])
        results.append(created)

    run_all(confirm, [() for _ in range(8)])
    assert results.count(True) == 1
    assert store_factory().get_counter("day") == Decimal("10")
