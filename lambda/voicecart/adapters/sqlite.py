"""The embedded store: one SQLite file, created on first use, versioned migrations.

Records are stored as JSON documents beside the columns that queries filter on. Every
write that must not race (orders against budget counters, code attempts, approval
decisions) runs in one `BEGIN IMMEDIATE` transaction, which SQLite serialises across
threads and processes.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from ..domain.catalog import Product
from ..domain.errors import BudgetExceeded, Conflict, NotFound, StoreError
from ..domain.guard import CodeLock, GuardPolicy
from ..domain.household import Household, Profile
from ..domain.orders import Cart, Order, OrderStatus
from ..domain.parent_access import ApiToken, AttemptCount, ParentLogin
from ..domain.records import Approval, ApprovalStatus, AuditEntry, Notification, PendingPurchase
from ..ports import CounterIncrement, Store
from . import serialization as ser

T = TypeVar("T")

# Each entry is one schema version; a database at version N runs entries N+1.. on open.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE products (sku TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE households (id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE household_users (user_id TEXT PRIMARY KEY, household_id TEXT NOT NULL);
    CREATE TABLE profiles (household_id TEXT NOT NULL, id TEXT NOT NULL, doc TEXT NOT NULL,
                           PRIMARY KEY (household_id, id));
    CREATE TABLE person_profiles (household_id TEXT NOT NULL, person_id TEXT NOT NULL,
                                  profile_id TEXT NOT NULL, PRIMARY KEY (household_id, person_id));
    CREATE TABLE carts (household_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE orders (household_id TEXT NOT NULL, id TEXT NOT NULL,
                         idempotency_key TEXT NOT NULL UNIQUE, placed_at TEXT NOT NULL,
                         status TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (household_id, id));
    CREATE INDEX orders_by_time ON orders (household_id, placed_at);
    CREATE TABLE counters (key TEXT PRIMARY KEY, amount TEXT NOT NULL);
    CREATE TABLE code_locks (household_id TEXT PRIMARY KEY, doc TEXT NOT NULL);
    CREATE TABLE approvals (household_id TEXT NOT NULL, id TEXT NOT NULL, created_at TEXT NOT NULL,
                            doc TEXT NOT NULL, PRIMARY KEY (household_id, id));
    CREATE TABLE pending (household_id TEXT NOT NULL, device_id TEXT NOT NULL, doc TEXT NOT NULL,
                          PRIMARY KEY (household_id, device_id));
    CREATE TABLE audit (household_id TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,
                        profile_id TEXT NOT NULL, outcome TEXT NOT NULL, doc TEXT NOT NULL,
                        PRIMARY KEY (household_id, id));
    CREATE INDEX audit_by_time ON audit (household_id, at);
    CREATE TABLE notifications (household_id TEXT NOT NULL, id TEXT NOT NULL, at TEXT NOT NULL,
                                doc TEXT NOT NULL, PRIMARY KEY (household_id, id));
    CREATE TABLE voice_orders (sku TEXT NOT NULL, household_id TEXT NOT NULL, at TEXT NOT NULL);
    CREATE INDEX voice_orders_by_sku ON voice_orders (sku, at);
    """,
    # 2: parent sign-in for the web page and API
    """
    CREATE TABLE parent_logins (household_id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE,
                                doc TEXT NOT NULL);
    CREATE TABLE api_tokens (id TEXT PRIMARY KEY, household_id TEXT NOT NULL,
                             token_hash TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL,
                             doc TEXT NOT NULL);
    CREATE INDEX api_tokens_by_household ON api_tokens (household_id, created_at);
    CREATE TABLE sign_in_attempts (key TEXT PRIMARY KEY, count INTEGER NOT NULL,
                                   window_ends TEXT NOT NULL);
    """,
)


def _dump(doc: dict[str, object]) -> str:
    return json.dumps(doc, separators=(",", ":"), sort_keys=True)


def _load(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text)
    return loaded


class SQLiteStore(Store):
    def __init__(self, path: str | Path, timeout: float = 10.0) -> None:
        self.path = str(path)
        self.timeout = timeout
        self._local = threading.local()
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
        self._migrate()

    # ---- connection and transactions -------------------------------------------------
    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            try:
                conn = sqlite3.connect(
                    self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False
                )
            except sqlite3.Error as exc:
                raise StoreError(f"cannot open the database at {self.path}: {exc}") from exc
            self._setup(conn)
            self._local.conn = conn
        return conn

    def _setup(self, conn: sqlite3.Connection) -> None:
        """Switch a new file to WAL once. Switching needs a moment alone with the file and
        SQLite does not wait for it, so several first connections at once retry here."""
        deadline = time.monotonic() + self.timeout
        delay = 0.005
        while True:
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
                break
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    conn.close()
                    raise StoreError(f"cannot open the database at {self.path}: {exc}") from exc
                time.sleep(delay)
                delay = min(delay * 2, 0.2)
        conn.execute("PRAGMA synchronous=NORMAL")
        conn.execute("PRAGMA foreign_keys=ON")

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn()
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"database busy: {exc}") from exc
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def _read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        try:
            return fn(self._conn())
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from exc

    def _migrate(self) -> None:
        with self._tx() as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            for number, script in enumerate(MIGRATIONS, start=1):
                if number > version:
                    for statement in script.split(";"):
                        if statement.strip():
                            conn.execute(statement)
                    conn.execute(f"PRAGMA user_version = {number}")

    @property
    def schema_version(self) -> int:
        return int(self._read(lambda c: c.execute("PRAGMA user_version").fetchone()[0]))

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

    # ---- catalog ---------------------------------------------------------------------
    def put_products(self, products: Iterable[Product]) -> int:
        rows = [(p.sku, _dump(ser.product_to_dict(p))) for p in products]
        with self._tx() as conn:
            conn.executemany("INSERT OR REPLACE INTO products (sku, doc) VALUES (?, ?)", rows)
        return len(rows)

    def get_product(self, sku: str) -> Product | None:
        row = self._read(
            lambda c: c.execute("SELECT doc FROM products WHERE sku = ?", (sku,)).fetchone()
        )
        return ser.product_from(_load(row[0])) if row else None

    def iter_products(self) -> Iterator[Product]:
        rows = self._read(lambda c: c.execute("SELECT doc FROM products ORDER BY sku").fetchall())
        for (doc,) in rows:
            yield ser.product_from(_load(doc))

    def count_products(self) -> int:
        return int(self._read(lambda c: c.execute("SELECT COUNT(*) FROM products").fetchone()[0]))

    # ---- households and profiles -----------------------------------------------------
    def put_household(self, household: Household) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO households (id, doc) VALUES (?, ?)",
                (household.id, _dump(ser.household_to_dict(household))),
            )
            for user_id in household.platform_user_ids:
                conn.execute(
                    "INSERT OR REPLACE INTO household_users VALUES (?, ?)", (user_id, household.id)
                )

    def get_household(self, household_id: str) -> Household | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM households WHERE id = ?", (household_id,)
            ).fetchone()
        )
        return ser.household_from(_load(row[0])) if row else None

    def list_households(self) -> list[Household]:
        rows = self._read(lambda c: c.execute("SELECT doc FROM households ORDER BY id").fetchall())
        return [ser.household_from(_load(doc)) for (doc,) in rows]

    def household_for_user(self, platform_user_id: str) -> Household | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT household_id FROM household_users WHERE user_id = ?", (platform_user_id,)
            ).fetchone()
        )
        return self.get_household(row[0]) if row else None

    def put_profile(self, profile: Profile) -> None:
        with self._tx() as conn:
            taken = conn.execute(
                "SELECT person_id, profile_id FROM person_profiles WHERE household_id = ?",
                (profile.household_id,),
            ).fetchall()
            for person_id, owner in taken:
                if person_id in profile.person_ids and owner != profile.id:
                    raise Conflict(f"that voice is already linked to profile {owner}")
            conn.execute(
                "INSERT OR REPLACE INTO profiles (household_id, id, doc) VALUES (?, ?, ?)",
                (profile.household_id, profile.id, _dump(ser.profile_to_dict(profile))),
            )
            conn.execute(
                "DELETE FROM person_profiles WHERE household_id = ? AND profile_id = ?",
                (profile.household_id, profile.id),
            )
            conn.executemany(
                "INSERT INTO person_profiles VALUES (?, ?, ?)",
                [(profile.household_id, pid, profile.id) for pid in profile.person_ids],
            )

    def get_profile(self, household_id: str, profile_id: str) -> Profile | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM profiles WHERE household_id = ? AND id = ?",
                (household_id, profile_id),
            ).fetchone()
        )
        return ser.profile_from(_load(row[0])) if row else None

    def list_profiles(self, household_id: str) -> list[Profile]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM profiles WHERE household_id = ? ORDER BY id", (household_id,)
            ).fetchall()
        )
        return [ser.profile_from(_load(doc)) for (doc,) in rows]

    # ---- cart ------------------------------------------------------------------------
    def get_cart(self, household_id: str) -> Cart:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM carts WHERE household_id = ?", (household_id,)
            ).fetchone()
        )
        return ser.cart_from(_load(row[0])) if row else Cart(household_id)

    def save_cart(self, cart: Cart) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO carts (household_id, doc) VALUES (?, ?)",
                (cart.household_id, _dump(ser.cart_to_dict(cart))),
            )

    # ---- orders and counters -----------------------------------------------------------
    def commit_order(
        self, order: Order, increments: Sequence[CounterIncrement], approval: Approval | None = None
    ) -> tuple[Order, bool]:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT doc FROM orders WHERE idempotency_key = ?", (order.idempotency_key,)
            ).fetchone()
            if row:
                return ser.order_from(_load(row[0])), False
            for inc in increments:
                current = self._counter(conn, inc.key)
                if inc.limit is not None and current + inc.amount > inc.limit:
                    raise BudgetExceeded(inc.key, inc.limit)
            if approval is not None:
                self._decide(conn, approval)
            for inc in increments:
                conn.execute(
                    "INSERT INTO counters (key, amount) VALUES (?, ?) ON CONFLICT(key) "
                    "DO UPDATE SET amount = ?",
                    (inc.key, str(inc.amount), str(self._counter(conn, inc.key) + inc.amount)),
                )
            conn.execute(
                "INSERT INTO orders (household_id, id, idempotency_key, placed_at, status, doc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    order.household_id,
                    order.id,
                    order.idempotency_key,
                    order.placed_at.isoformat(),
                    order.status.value,
                    _dump(ser.order_to_dict(order)),
                ),
            )
        return order, True

    @staticmethod
    def _counter(conn: sqlite3.Connection, key: str) -> Decimal:
        row = conn.execute("SELECT amount FROM counters WHERE key = ?", (key,)).fetchone()
        return Decimal(row[0]) if row else Decimal("0")

    def get_order(self, household_id: str, order_id: str) -> Order | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM orders WHERE household_id = ? AND id = ?", (household_id, order_id)
            ).fetchone()
        )
        return ser.order_from(_load(row[0])) if row else None

    def list_orders(self, household_id: str, limit: int = 50) -> list[Order]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM orders WHERE household_id = ? ORDER BY placed_at DESC, id LIMIT ?",
                (household_id, limit),
            ).fetchall()
        )
        return [ser.order_from(_load(doc)) for (doc,) in rows]

    def cancel_order(self, order: Order) -> Order:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT status, doc FROM orders WHERE household_id = ? AND id = ?",
                (order.household_id, order.id),
            ).fetchone()
            if row is None:
                raise NotFound("no such order")
            if row[0] != OrderStatus.PLACED.value:
                raise Conflict(f"that order is already {row[0]}")
            stored = ser.order_from(_load(row[1]))
            for key in stored.counters:
                conn.execute(
                    "UPDATE counters SET amount = ? WHERE key = ?",
                    (str(self._counter(conn, key) - stored.total), key),
                )
            conn.execute(
                "UPDATE orders SET status = ?, doc = ? WHERE household_id = ? AND id = ?",
                (order.status.value, _dump(ser.order_to_dict(order)), order.household_id, order.id),
            )
        return order

    def set_order_status(
        self, household_id: str, order_id: str, status: OrderStatus, at: datetime
    ) -> Order:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT doc FROM orders WHERE household_id = ? AND id = ?", (household_id, order_id)
            ).fetchone()
            if row is None:
                raise NotFound("no such order")
            order = ser.order_from(_load(row[0]))
            if order.status is OrderStatus.CANCELLED:
                raise Conflict("that order was cancelled")
            changes: dict[str, Any] = {"status": status}
            if status is OrderStatus.SHIPPED:
                changes["shipped_at"] = at
            order = replace(order, **changes)
            conn.execute(
                "UPDATE orders SET status = ?, doc = ? WHERE household_id = ? AND id = ?",
                (status.value, _dump(ser.order_to_dict(order)), household_id, order_id),
            )
        return order

    def get_counter(self, key: str) -> Decimal:
        return self._read(lambda c: self._counter(c, key))

    # ---- code attempts ---------------------------------------------------------------
    def get_code_lock(self, household_id: str) -> CodeLock:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM code_locks WHERE household_id = ?", (household_id,)
            ).fetchone()
        )
        return ser.lock_from(_load(row[0])) if row else CodeLock()

    def record_code_failure(
        self, household_id: str, now: datetime, policy: GuardPolicy
    ) -> CodeLock:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT doc FROM code_locks WHERE household_id = ?", (household_id,)
            ).fetchone()
            lock = ser.lock_from(_load(row[0])) if row else CodeLock()
            lock = lock.after_failure(now, policy)
            conn.execute(
                "INSERT OR REPLACE INTO code_locks (household_id, doc) VALUES (?, ?)",
                (household_id, _dump(ser.lock_to_dict(lock))),
            )
        return lock

    def clear_code_failures(self, household_id: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM code_locks WHERE household_id = ?", (household_id,))

    # ---- approvals -------------------------------------------------------------------
    def add_approval(self, approval: Approval) -> Approval:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT doc FROM approvals WHERE household_id = ? AND id = ?",
                (approval.household_id, approval.id),
            ).fetchone()
            if row:
                return ser.approval_from(_load(row[0]))
            conn.execute(
                "INSERT INTO approvals (household_id, id, created_at, doc) VALUES (?, ?, ?, ?)",
                (
                    approval.household_id,
                    approval.id,
                    approval.created_at.isoformat(),
                    _dump(ser.approval_to_dict(approval)),
                ),
            )
        return approval

    def get_approval(self, household_id: str, approval_id: str) -> Approval | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM approvals WHERE household_id = ? AND id = ?",
                (household_id, approval_id),
            ).fetchone()
        )
        return ser.approval_from(_load(row[0])) if row else None

    def list_approvals(
        self, household_id: str, status: ApprovalStatus | None = None, now: datetime | None = None
    ) -> list[Approval]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM approvals WHERE household_id = ? ORDER BY created_at DESC",
                (household_id,),
            ).fetchall()
        )
        approvals = [ser.approval_from(_load(doc)) for (doc,) in rows]
        if status is None:
            return approvals
        return [a for a in approvals if (a.status_at(now) if now else a.status) is status]

    def decide_approval(self, approval: Approval) -> Approval:
        with self._tx() as conn:
            self._decide(conn, approval)
        return approval

    def _decide(self, conn: sqlite3.Connection, approval: Approval) -> None:
        row = conn.execute(
            "SELECT doc FROM approvals WHERE household_id = ? AND id = ?",
            (approval.household_id, approval.id),
        ).fetchone()
        if row is None:
            raise NotFound("no such request")
        stored = ser.approval_from(_load(row[0]))
        if stored.status is not ApprovalStatus.PENDING:
            raise Conflict(f"that request is already {stored.status.value}")
        conn.execute(
            "UPDATE approvals SET doc = ? WHERE household_id = ? AND id = ?",
            (_dump(ser.approval_to_dict(approval)), approval.household_id, approval.id),
        )

    # ---- pending purchases -----------------------------------------------------------
    def put_pending(self, pending: PendingPurchase) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO pending (household_id, device_id, doc) VALUES (?, ?, ?)",
                (pending.household_id, pending.device_id, _dump(ser.pending_to_dict(pending))),
            )

    def get_pending(self, household_id: str, device_id: str) -> PendingPurchase | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM pending WHERE household_id = ? AND device_id = ?",
                (household_id, device_id),
            ).fetchone()
        )
        return ser.pending_from(_load(row[0])) if row else None

    def delete_pending(self, household_id: str, device_id: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "DELETE FROM pending WHERE household_id = ? AND device_id = ?",
                (household_id, device_id),
            )

    # ---- audit, notifications, broadcast -----------------------------------------------
    def append_audit(self, entry: AuditEntry) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO audit (household_id, id, at, profile_id, outcome, doc) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (
                    entry.household_id,
                    entry.id,
                    entry.at.isoformat(),
                    entry.profile_id,
                    entry.outcome,
                    _dump(ser.audit_to_dict(entry)),
                ),
            )

    def list_audit(
        self,
        household_id: str,
        limit: int = 50,
        offset: int = 0,
        profile_id: str | None = None,
        outcome: str | None = None,
    ) -> list[AuditEntry]:
        sql = "SELECT doc FROM audit WHERE household_id = ?"
        args: list[object] = [household_id]
        if profile_id is not None:
            sql += " AND profile_id = ?"
            args.append(profile_id)
        if outcome is not None:
            sql += " AND outcome = ?"
            args.append(outcome)
        sql += " ORDER BY at DESC, rowid DESC LIMIT ? OFFSET ?"
        args += [limit, offset]
        rows = self._read(lambda c: c.execute(sql, args).fetchall())
        return [ser.audit_from(_load(doc)) for (doc,) in rows]

    def append_notification(self, note: Notification) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO notifications (household_id, id, at, doc) VALUES (?, ?, ?, ?)",
                (
                    note.household_id,
                    note.id,
                    note.at.isoformat(),
                    _dump(ser.notification_to_dict(note)),
                ),
            )

    def list_notifications(self, household_id: str, limit: int = 50) -> list[Notification]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM notifications WHERE household_id = ? "
                "ORDER BY at DESC, rowid DESC LIMIT ?",
                (household_id, limit),
            ).fetchall()
        )
        return [ser.notification_from(_load(doc)) for (doc,) in rows]

    def record_voice_order(self, sku: str, household_id: str, at: datetime) -> None:
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO voice_orders (sku, household_id, at) VALUES (?, ?, ?)",
                (sku, household_id, at.isoformat()),
            )

    def households_ordering(self, sku: str, since: datetime) -> set[str]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT DISTINCT household_id FROM voice_orders WHERE sku = ? AND at >= ?",
                (sku, since.isoformat()),
            ).fetchall()
        )
        return {r[0] for r in rows}

    # ---- parent sign-in (web) ----------------------------------------------------------
    def get_parent_login(self, household_id: str) -> ParentLogin | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM parent_logins WHERE household_id = ?", (household_id,)
            ).fetchone()
        )
        return ParentLogin.from_dict(_load(row[0])) if row else None

    def find_parent_login(self, email: str) -> ParentLogin | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM parent_logins WHERE email = ?", (email,)
            ).fetchone()
        )
        return ParentLogin.from_dict(_load(row[0])) if row else None

    def set_parent_login(self, login: ParentLogin) -> None:
        with self._tx() as conn:
            owner = conn.execute(
                "SELECT household_id FROM parent_logins WHERE email = ?", (login.email,)
            ).fetchone()
            if owner and owner[0] != login.household_id:
                raise Conflict("that e-mail address already signs in to another household")
            conn.execute(
                "INSERT OR REPLACE INTO parent_logins (household_id, email, doc) VALUES (?, ?, ?)",
                (login.household_id, login.email, _dump(login.to_dict())),
            )

    def add_api_token(self, token: ApiToken) -> None:
        with self._tx() as conn:
            taken = conn.execute(
                "SELECT 1 FROM api_tokens WHERE id = ? OR token_hash = ?",
                (token.id, token.token_hash),
            ).fetchone()
            if taken:
                raise Conflict("that token already exists")
            conn.execute(
                "INSERT INTO api_tokens (id, household_id, token_hash, created_at, doc) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    token.id,
                    token.household_id,
                    token.token_hash,
                    token.created_at.isoformat(),
                    _dump(token.to_dict()),
                ),
            )

    def list_api_tokens(self, household_id: str) -> list[ApiToken]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM api_tokens WHERE household_id = ? ORDER BY created_at DESC, id",
                (household_id,),
            ).fetchall()
        )
        return [ApiToken.from_dict(_load(doc)) for (doc,) in rows]

    def find_api_token(self, token_hash: str) -> ApiToken | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM api_tokens WHERE token_hash = ?", (token_hash,)
            ).fetchone()
        )
        return ApiToken.from_dict(_load(row[0])) if row else None

    def revoke_api_token(self, household_id: str, token_id: str, at: datetime) -> ApiToken:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT doc FROM api_tokens WHERE household_id = ? AND id = ?",
                (household_id, token_id),
            ).fetchone()
            if row is None:
                raise NotFound("no such token")
            token = ApiToken.from_dict(_load(row[0]))
            if token.revoked_at is None:
                token = replace(token, revoked_at=at)
                conn.execute(
                    "UPDATE api_tokens SET doc = ? WHERE id = ?", (_dump(token.to_dict()), token_id)
                )
        return token

    def count_sign_in_attempt(self, key: str, now: datetime, window: timedelta) -> AttemptCount:
        with self._tx() as conn:
            row = conn.execute(
                "SELECT count, window_ends FROM sign_in_attempts WHERE key = ?", (key,)
            ).fetchone()
            if row is None or datetime.fromisoformat(row[1]) <= now:
                counted = AttemptCount(1, now + window)
            else:
                counted = AttemptCount(int(row[0]) + 1, datetime.fromisoformat(row[1]))
            conn.execute(
                "INSERT OR REPLACE INTO sign_in_attempts (key, count, window_ends) "
                "VALUES (?, ?, ?)",
                (key, counted.count, counted.window_ends.isoformat()),
            )
        return counted

    def clear_sign_in_attempts(self, key: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM sign_in_attempts WHERE key = ?", (key,))
