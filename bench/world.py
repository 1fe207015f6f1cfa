"""The benchmark's world: a temporary SQLite database holding the 100k-product catalog (the
demo catalog plus synthetic products) and the demo household, built once per run and shared
by every benchmark (each server or child process opens the same file)."""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from pathlib import Path

from voicecart.domain.catalog import Product

from .catalog import full_catalog

DEMO_USER = "amzn1.ask.account.demo-user"  # the user id envelopes() sends by default


@dataclass
class World:
    db_path: Path
    products: list[Product]
    seconds_to_build: float


def build_world(directory: Path, total: int) -> World:
    """Write `total` products into a fresh database, then seed the demo household into it.

    The household is also linked to the demo user, so a process started with
    VOICECART_DEMO=0 finds it without seeding anything (no catalog load, no index build)."""
    from voicecart.bootstrap import build
    from voicecart.config import DEMO_HOUSEHOLD_ID, Config

    started = time.perf_counter()
    products = full_catalog(total)
    db_path = directory / "bench.db"
    services = build(Config(db_path=db_path, demo=False))
    services.store.put_products(products)
    # Demo mode now adds only the household (the catalog is not empty): profiles, order
    # history, parent sign-in.
    services = build(Config(db_path=db_path, demo=True))
    household = services.store.get_household(DEMO_HOUSEHOLD_ID)
    assert household is not None
    services.store.put_household(replace(household, platform_user_ids=(DEMO_USER,)))
    assert services.store.count_products() == len(products)
    return World(db_path, products, time.perf_counter() - started)
