from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support import FakeClock, product
from voicecart.adapters.outbox import OutboxNotifier
from voicecart.adapters.sandbox_pay import SandboxPayments, ledger_path_beside
from voicecart.adapters.sqlite import SQLiteStore
from voicecart.demo import CHILD_PERSON, PARENT_PERSON, TEEN_PERSON, demo_household, demo_profiles
from voicecart.domain.households import Households
from voicecart.domain.purchases import Actor, Purchases

DOLLHOUSE = product("TOY-DOLLHOUSE-KK", "KidKraft Dreamhouse Dollhouse", "169.99", "toys")
COOKIES = product("SNK-SUGAR-COOKIES-4LB", "Sugar Cookies, 4 lb tub", "24.99", "snacks")
WINE = product("ALC-RED-WINE-CAB", "Cabernet Red Wine", "14.99", "alcohol", age_restricted=True)
BATTERIES = product("BAT-AA-24", "Energizer AA Batteries, 24 Pack", "18.99", "electronics")


@dataclass
class World:
    store: SQLiteStore
    clock: FakeClock
    payments: SandboxPayments
    purchases: Purchases
    households: Households

    def actor(self, person: str | None, device: str = "kitchen-echo") -> Actor:
        household = self.households.get("demo")
        return Actor(household, self.households.profile_for(household, person), device)

    @property
    def parent(self) -> Actor:
        return self.actor(PARENT_PERSON)

    @property
    def teen(self) -> Actor:
        return self.actor(TEEN_PERSON)

    @property
    def child(self) -> Actor:
        return self.actor(CHILD_PERSON)

    @property
    def guest(self) -> Actor:
        return self.actor(None)


@pytest.fixture
def world(tmp_path: Path) -> World:
    store = SQLiteStore(tmp_path / "world.db")
    store.put_products([DOLLHOUSE, COOKIES, WINE, BATTERIES])
    store.put_household(demo_household())
    for p in demo_profiles():
        store.put_profile(p)
    clock = FakeClock()
    payments = SandboxPayments(ledger_path_beside(tmp_path / "world.db"))
    return World(
        store,
        clock,
        payments,
        Purchases(store, OutboxNotifier(store), payments, clock),
        Households(store),
    )
