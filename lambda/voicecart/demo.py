"""The demo store: the shipped catalog and a household to try every conversation with.

Seeding is idempotent: it adds only what is missing.
"""

from __future__ import annotations

from datetime import timedelta
from importlib import resources
from zoneinfo import ZoneInfo

from .config import DEMO_HOUSEHOLD_ID
from .domain import codes
from .domain.catalog import parse_products
from .domain.household import (
    GUEST_PROFILE_ID,
    Address,
    Household,
    PaymentMethod,
    Profile,
    Role,
    default_profile,
)
from .domain.orders import Line, Order, OrderStatus, make_quote
from .domain.purchases import counter_keys
from .ports import Clock, CounterIncrement, Store

DEMO_CODE = "1234"  # documented demo credential; real households set theirs on the parent page
PARENT_PERSON = "amzn1.ask.person.demo-parent"
TEEN_PERSON = "amzn1.ask.person.demo-teen"
CHILD_PERSON = "amzn1.ask.person.demo-child"

# (days ago, [(sku, quantity)], status)
_HISTORY = (
    (34, [("HH-PAPER-TOWELS-12", 1), ("GRC-COFFEE-HOUSE-BLEND", 2)], OrderStatus.DELIVERED),
    (20, [("PET-DOG-FOOD-30LB", 1), ("HH-DISH-SOAP", 2)], OrderStatus.DELIVERED),
    (9, [("GRC-COFFEE-HOUSE-BLEND", 2), ("BAT-AA-24", 1)], OrderStatus.DELIVERED),
    (3, [("HH-PAPER-TOWELS-12", 1), ("HH-TOILET-PAPER-24", 1)], OrderStatus.SHIPPED),
)


def demo_catalog_text() -> str:
    return resources.files("voicecart.data").joinpath("demo_catalog.json").read_text("utf-8")


def demo_household() -> Household:
    return Household(
        id=DEMO_HOUSEHOLD_ID,
        name="The Rivera household",
        timezone="America/Chicago",
        code_hash=codes.hash_code(DEMO_CODE),
        address=Address("Alex Rivera", "1200 Elm Street", "Dallas", "TX", "75201"),
        payment=PaymentMethod("sandbox-card-visa-4242", "Visa", "4242"),
    )


def demo_profiles() -> list[Profile]:
    hid = DEMO_HOUSEHOLD_ID
    parent = default_profile(hid, "parent", "Alex", Role.ADULT)
    teen = default_profile(hid, "teen", "Sam", Role.TEEN)
    child = default_profile(hid, "child", "Emma", Role.CHILD)
    guest = default_profile(hid, GUEST_PROFILE_ID, "Guest", Role.GUEST)
    return [
        parent.with_changes(person_ids=(PARENT_PERSON,)),
        teen.with_changes(person_ids=(TEEN_PERSON,)),
        child.with_changes(person_ids=(CHILD_PERSON,)),
        guest,
    ]


def seed_demo(store: Store, clock: Clock) -> bool:
    """Load the demo catalog and household if absent. Returns True if anything was added."""
    added = False
    if store.count_products() == 0:
        store.put_products(p for _, p in parse_products(demo_catalog_text(), "json"))
        added = True
    if store.get_household(DEMO_HOUSEHOLD_ID) is None:
        household = demo_household()
        store.put_household(household)
        for profile in demo_profiles():
            store.put_profile(profile)
        _seed_history(store, clock, household)
        added = True
    from .web.parent.demo_credentials import seed_parent_login  # the parent page's sign-in

    return seed_parent_login(store, clock, DEMO_HOUSEHOLD_ID) or added


def _seed_history(store: Store, clock: Clock, household: Household) -> None:
    assert household.address is not None and household.payment is not None
    tz = ZoneInfo(household.timezone)
    for days_ago, items, status in _HISTORY:
        placed = clock.now() - timedelta(days=days_ago)
        lines = []
        for sku, qty in items:
            product = store.get_product(sku)
            if product is not None:
                lines.append(Line.of(product, qty))
        if not lines:
            continue
        quote = make_quote(
            lines,
            household.tax_rate,
            household.seller,
            household.address.spoken(),
            (placed + timedelta(days=2)).date(),
            household.payment.brand,
            household.payment.last4,
        )
        key = f"demo-history-{days_ago}"
        day_key, month_key = counter_keys(household.id, "parent", placed.astimezone(tz))
        order = Order(
            id=f"VCDEMO{days_ago:02d}",
            household_id=household.id,
            profile_id="parent",
            lines=quote.lines,
            subtotal=quote.subtotal,
            tax=quote.tax,
            total=quote.total,
            status=status,
            placed_at=placed,
            delivery_date=quote.delivery_date,
            payment_ref=f"CHDEMO{days_ago:02d}",
            idempotency_key=key,
            counters=(day_key, month_key),
        )
        store.commit_order(
            order,
            [CounterIncrement(day_key, quote.total), CounterIncrement(month_key, quote.total)],
        )
