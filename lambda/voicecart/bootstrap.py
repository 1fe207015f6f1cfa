"""The one place that wires adapters to the core."""

from __future__ import annotations

import os
from dataclasses import dataclass, replace

from .config import Config
from .domain.guard import GuardPolicy
from .domain.households import Households
from .domain.purchases import Purchases
from .domain.shopping import Shopping
from .ports import Clock, Notifier, Payments, Store, SystemClock


@dataclass
class Services:
    config: Config
    store: Store
    clock: Clock
    notifier: Notifier
    payments: Payments
    households: Households
    shopping: Shopping
    purchases: Purchases


def _default_store(config: Config) -> Store:
    if config.store == "sqlite":
        from .adapters.sqlite import SQLiteStore

        return SQLiteStore(config.db_path)
    if config.store == "dynamodb":  # on AWS: tables, bucket and key from VOICECART_* variables
        from .adapters.dynamodb import DynamoDBStore

        return DynamoDBStore.from_env()
    raise ValueError(f"unknown store {config.store!r}")


def build(
    config: Config | None = None,
    *,
    store: Store | None = None,
    clock: Clock | None = None,
    notifier: Notifier | None = None,
    payments: Payments | None = None,
    policy: GuardPolicy | None = None,
) -> Services:
    config = config or Config.from_env()
    store = store or _default_store(config)
    clock = clock or SystemClock()
    if notifier is None and os.environ.get("VOICECART_SNS_TOPIC_ARN"):
        from .adapters.sns import SnsNotifier

        notifier = SnsNotifier(os.environ["VOICECART_SNS_TOPIC_ARN"], store)
    if notifier is None:
        from .adapters.outbox import OutboxNotifier

        notifier = OutboxNotifier(store)
    if payments is None:
        from .adapters.sandbox_pay import SandboxPayments

        payments = SandboxPayments(config.db_path)
    policy = replace(policy or GuardPolicy(), cancel_window=config.cancel_window)
    if config.demo:
        from .demo import seed_demo

        seed_demo(store, clock)
    return Services(
        config=config,
        store=store,
        clock=clock,
        notifier=notifier,
        payments=payments,
        households=Households(store, config.demo_household_id),
        shopping=Shopping(store, clock),
        purchases=Purchases(store, notifier, payments, clock, policy),
    )
