"""Test support: a clock the test controls, and small builders. Fakes, not mocks."""

from __future__ import annotations

import logging
import threading
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from voicecart.domain.catalog import Product
from voicecart.domain.household import Household, Mode, Profile, Role, default_profile
from voicecart.ports import Clock

# A Monday at noon in Dallas (18:00 UTC): inside no quiet hours.
NOON_DALLAS = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)


class FakeClock(Clock):
    def __init__(self, start: datetime = NOON_DALLAS) -> None:
        self._now = start
        self._lock = threading.Lock()

    def now(self) -> datetime:
        with self._lock:
            return self._now

    def advance(self, **delta: float) -> datetime:
        with self._lock:
            self._now += timedelta(**delta)
            return self._now

    def set(self, moment: datetime) -> None:
        with self._lock:
            self._now = moment


def product(
    sku: str, name: str, price: str, category: str = "household", **extra: object
) -> Product:
    return Product(
        sku=sku,
        name=name,
        brand=extra.pop("brand", "Acme"),  # type: ignore[arg-type]
        category=category,
        price=Decimal(price),
        **extra,
    )  # type: ignore[arg-type]


def household(**changes: object) -> Household:
    from voicecart.domain import codes

    base = Household(id="h1", name="Test household", code_hash=codes.hash_code("1234"))
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


def profile(role: Role = Role.ADULT, **changes: object) -> Profile:
    base = default_profile("h1", role.value, role.value.title(), role)
    from dataclasses import replace

    return replace(base, **changes)  # type: ignore[arg-type]


__all__ = ["FakeClock", "Mode", "NOON_DALLAS", "household", "product", "profile"]


# What logging itself puts on every record: when, where, which thread. A timestamp can hold
# any four digits by chance; only what the code under test wrote can leak a secret.
_LOGGING_OWN = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


def what_a_record_says(record: logging.LogRecord) -> str:
    """The message and every field the caller added (``extra=``), not logging's bookkeeping."""
    added = {k: v for k, v in vars(record).items() if k not in _LOGGING_OWN}
    return f"{record.getMessage()} {record.args!r} {record.exc_text or ''} {added!r}"
