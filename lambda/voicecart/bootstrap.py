"""The one place that wires adapters to the core."""

from __future__ import annotations

import os
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace

from .config import Config
from .domain import codes
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


def secret_key_source(config: Config) -> Callable[[], str]:
    """Where the application's secret key comes from, read when first needed (the first voice
    code hashed or checked), never at import:

    1. VOICECART_SECRET_KEY;
    2. on AWS, the SSM SecureString named by VOICECART_SECRET_KEY_PARAMETER, read once and
       exported as VOICECART_SECRET_KEY (the same key the web app then signs cookies with);
    3. with the SQLite store, the 0600 key file next to the database (shared by every local
       process on that database: serve, chat, the CLI);
    4. an in-memory SQLite database gets a random key that lives as long as it does.

    Otherwise (DynamoDB without a key) it raises CodeKeyMissing: a random per-container key
    would make every code set in one container fail in the next."""
    kept: list[str] = []
    lock = threading.Lock()

    def source() -> str:
        env = os.environ
        if not env.get("VOICECART_SECRET_KEY") and env.get("VOICECART_SECRET_KEY_PARAMETER"):
            from .adapters.ssm import export_secret_key

            export_secret_key()
        from_env = env.get("VOICECART_SECRET_KEY", "")
        if from_env:
            return from_env
        if not kept:
            with lock:
                if not kept:
                    kept.append(_local_secret_key(config))
        return kept[0]

    return source


def _local_secret_key(config: Config) -> str:
    if config.store != "sqlite":
        raise codes.CodeKeyMissing(
            "set VOICECART_SECRET_KEY or VOICECART_SECRET_KEY_PARAMETER: voice codes are "
            "keyed with the application's secret key"
        )
    if str(config.db_path) == ":memory:":
        return secrets.token_urlsafe(48)
    from .adapters.local_secret import stored_key

    try:
        return stored_key(config.db_path)
    except OSError as exc:
        raise codes.CodeKeyMissing(
            f"cannot keep a secret key next to the database ({exc.strerror or exc}); "
            "set VOICECART_SECRET_KEY"
        ) from exc


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
    # Voice codes are keyed with the application's secret key (see domain/codes.py); set
    # here, once, before anything (the demo seed included) hashes or checks a code.
    codes.use_secret_key(secret_key_source(config))
    store = store or _default_store(config)
    clock = clock or SystemClock()
    if notifier is None and os.environ.get("VOICECART_SNS_TOPIC_ARN"):
        from .adapters.sns import SnsNotifier

        notifier = SnsNotifier(os.environ["VOICECART_SNS_TOPIC_ARN"], store)
    if notifier is None:
        from .adapters.outbox import OutboxNotifier

        notifier = OutboxNotifier(store)
    if payments is None:
        from .adapters.sandbox_pay import SandboxPayments, ledger_path_beside

        payments = SandboxPayments(ledger_path_beside(config.db_path), carry_from=config.db_path)
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
