"""The shopping service: search, cart, order history and reorder lookup."""

from __future__ import annotations

import gc
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from ..ports import Clock, Store
from .catalog import Product
from .errors import NotFound, ValidationError
from .orders import Cart, Line, Order, OrderStatus

if TYPE_CHECKING:  # the search module (and rapidfuzz, jellyfish) loads on the first search,
    # not at a Lambda cold start that only launches or checks out
    from .search import SearchResult, VoiceSearch

USUAL_WORDS = frozenset({"usual", "my usual", "the usual", "the regular", "my regular"})


def _voice_search(products: Iterable[Product]) -> VoiceSearch:
    from .search import VoiceSearch

    return VoiceSearch(products)


def settle_heap() -> None:
    """Once the index is built, this process is a long-lived server with a big heap.

    The index is a hundred thousand long-lived containers and more. Left to the cyclic
    garbage collector, every full collection walks them all (40 to 110 ms measured at 100k
    products) in whatever turn happens to trigger it: frozen, the collector skips everything
    alive now (the index is still freed by reference counting if it is replaced). And a
    search builds large sets of product ids; a young-generation collection that happens
    while they are alive walks every id in them (1 to 4 ms). Collecting the young generation
    every 20,000 allocations rather than every 700 makes that rare; nearly all garbage here
    is freed by reference counting anyway (bench/: `--only turns`, p99 of "next")."""
    gc.freeze()
    gc.set_threshold(20_000, 10, 10)


class Shopping:
    def __init__(
        self,
        store: Store,
        clock: Clock,
        make_index: Callable[[Iterable[Product]], VoiceSearch] | None = None,
    ) -> None:
        self.store = store
        self.clock = clock
        self._make_index = make_index
        self._index: VoiceSearch | None = None
        self._index_lock = threading.Lock()

    # ---- search ----------------------------------------------------------------------
    @property
    def index(self) -> VoiceSearch:
        """Built on first use, once per process (a Lambda container keeps it warm)."""
        if self._index is None:
            with self._index_lock:
                if self._index is None:
                    make_index = self._make_index or _voice_search
                    self.use_index(make_index(self.store.iter_products()))
        assert self._index is not None
        return self._index

    def use_index(self, index: VoiceSearch) -> None:
        self._index = index
        settle_heap()

    def catalog_changed(self) -> None:
        self._index = None

    def search(self, text: str, limit: int = 10) -> SearchResult:
        if not text or not text.strip():
            raise ValidationError("say what you are looking for")
        return self.index.search(text, limit=limit)

    def product(self, sku: str) -> Product:
        product = self.store.get_product(sku)
        if product is None:
            raise NotFound("that product is no longer available")
        return product

    # ---- cart ------------------------------------------------------------------------
    def cart(self, household_id: str) -> Cart:
        return self.store.get_cart(household_id)

    def add_to_cart(self, household_id: str, sku: str, quantity: int = 1) -> Cart:
        product = self.product(sku)
        if quantity < 1:
            raise ValidationError("the quantity must be at least one")
        cart = self.store.get_cart(household_id).add(product, quantity)
        return self._save(cart)

    def remove_from_cart(
        self, household_id: str, text: str, quantity: int | None = None
    ) -> tuple[Cart, Line | None]:
        cart = self.store.get_cart(household_id)
        line = self.match_line(cart.lines, text)
        if line is None:
            return cart, None
        return self._save(cart.remove(line.sku, quantity)), line

    def empty_cart(self, household_id: str) -> Cart:
        return self._save(Cart(household_id))  # nothing of the old cart is kept: no read

    def _save(self, cart: Cart) -> Cart:
        cart = replace(cart, updated_at=self.clock.now())
        self.store.save_cart(cart)
        return cart

    def match_line(self, lines: Iterable[Line], text: str) -> Line | None:
        """The line a shopper means by `text` ("the batteries"), or None."""
        by_sku = {line.sku: line for line in lines}
        if not by_sku or not text.strip():
            return None
        if text in by_sku:
            return by_sku[text]
        products = [p for p in (self.store.get_product(s) for s in by_sku) if p is not None]
        found = _voice_search(products).search(text, limit=1)
        return by_sku[found.products[0].sku] if found.products else None

    # ---- orders and reorder --------------------------------------------------------------
    def orders(self, household_id: str, limit: int = 50) -> list[Order]:
        return self.store.list_orders(household_id, limit)

    def last_order(self, household_id: str) -> Order | None:
        orders = self.store.list_orders(household_id, 1)
        return orders[0] if orders else None

    def order(self, household_id: str, order_id: str) -> Order:
        order = self.store.get_order(household_id, order_id)
        if order is None:
            raise NotFound("no such order")
        return order

    def reorder_lookup(self, household_id: str, text: str) -> Line | None:
        """Find what the household bought before that `text` names; "my usual" is the most
        often bought item. Returns a line at today's price and the last quantity."""
        history = [
            o
            for o in self.store.list_orders(household_id, 200)
            if o.status is not OrderStatus.CANCELLED
        ]
        last_qty: dict[str, int] = {}
        counts: Counter[str] = Counter()
        for order in reversed(history):  # oldest first, so the latest quantity wins
            for line in order.lines:
                last_qty[line.sku] = line.quantity
                counts[line.sku] += 1
        products = {sku: self.store.get_product(sku) for sku in last_qty}
        available = {sku: p for sku, p in products.items() if p is not None}
        if not available:
            return None
        cleaned = text.strip().lower()
        if not cleaned or cleaned in USUAL_WORDS:
            sku = max(available, key=lambda s: (counts[s], list(last_qty).index(s)))
        else:
            found = _voice_search(available.values()).search(text, limit=1)
            if not found.products:
                return None
            sku = found.products[0].sku
        return Line.of(available[sku], last_qty[sku])
