"""The embedded store: one SQLite file, created on first use, versioned migrations.

Records are stored as JSON documents beside the columns that queries filter on. Every
write that must not race (orders against budget counters, code attempts, approval
decisions) runs in one `BEGIN IMMEDIATE` transaction, which SQLite serialises across
threads and processes.

Each thread keeps one connection (WAL, synchronous=NORMAL: a commit is an append to the
write-ahead log, durable across a crash of the process, consistent after a power loss).

Inside a spoken turn (`turn`), writes that carry no condition (the cart, the pending
purchase, audit entries, notifications, broadcast records, clearing the wrong-code count)
are held and written together: in the turn's next transaction (placing an order), or in one
transaction at its end. A read of a table with held writes writes them first, so a turn
always reads its own writes; a turn that fails drops what it held. Placing an order is one
transaction: the order, its budget counters, its broadcast records and its audit entry.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
import weakref
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
from ..ports import NO_EFFECTS, CounterIncrement, GuardState, OrderEffects, Store, TurnReads
from . import serialization as ser

T = TypeVar("T")

log = logging.getLogger("voicecart.sqlite")

# The write-ahead log is checkpointed in a background thread once writes pause for QUIET
# seconds, or after MAX_COMMITS commits without a pause.
CHECKPOINT_QUIET = 0.1
CHECKPOINT_MAX_COMMITS = 1000
# Parsed household, profile and product documents remembered per store, by their JSON text:
# the same text always parses to the same (immutable) value, and every turn reads them.
DOC_CACHE_SIZE = 4096

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
    # 3: the small keyed tables a purchase writes become WITHOUT ROWID: one b-tree each
    # instead of a table plus its primary-key index, so placing an order writes 4 fewer
    # pages to the log (bench/: the buy-with-code turn).
    """
    CREATE TABLE counters_3 (key TEXT PRIMARY KEY, amount TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO counters_3 SELECT key, amount FROM counters;
    DROP TABLE counters;
    ALTER TABLE counters_3 RENAME TO counters;
    CREATE TABLE carts_3 (household_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO carts_3 SELECT household_id, doc FROM carts;
    DROP TABLE carts;
    ALTER TABLE carts_3 RENAME TO carts;
    CREATE TABLE code_locks_3 (household_id TEXT PRIMARY KEY, doc TEXT NOT NULL) WITHOUT ROWID;
    INSERT INTO code_locks_3 SELECT household_id, doc FROM code_locks;
    DROP TABLE code_locks;
    ALTER TABLE code_locks_3 RENAME TO code_locks;
    CREATE TABLE pending_3 (household_id TEXT NOT NULL, device_id TEXT NOT NULL,
                            doc TEXT NOT NULL, PRIMARY KEY (household_id, device_id))
                            WITHOUT ROWID;
    INSERT INTO pending_3 SELECT household_id, device_id, doc FROM pending;
    DROP TABLE pending;
    ALTER TABLE pending_3 RENAME TO pending;
    CREATE TABLE voice_orders_3 (sku TEXT NOT NULL, at TEXT NOT NULL, household_id TEXT NOT NULL,
                                 PRIMARY KEY (sku, at, household_id)) WITHOUT ROWID;
    INSERT OR IGNORE INTO voice_orders_3 SELECT sku, at, household_id FROM voice_orders;
    DROP TABLE voice_orders;
    ALTER TABLE voice_orders_3 RENAME TO voice_orders;
    """,
)


# One encoder, built once: json.dumps with options builds a new one on every call.
_ENCODER = json.JSONEncoder(separators=(",", ":"), sort_keys=True)


def _dump(doc: dict[str, object]) -> str:
    return _ENCODER.encode(doc)


def _load(text: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(text)
    return loaded


Write = Callable[[sqlite3.Connection], object]


class _Checkpointer:
    """Copies the write-ahead log back into the database file in a background thread.

    SQLite's automatic checkpoint runs inside whichever commit crosses 1,000 log pages and
    syncs the database file: milliseconds, paid by one unlucky spoken turn (it was the p99 of
    placing an order). The store's connections turn it off; this thread runs a PASSIVE
    checkpoint (which never blocks readers or writers) once writes pause for
    CHECKPOINT_QUIET seconds, or after CHECKPOINT_MAX_COMMITS commits under steady load.
    When the last connection to the file closes, SQLite checkpoints it anyway."""

    def __init__(self, path: str, timeout: float) -> None:
        self.path = path
        self.timeout = timeout
        self._wake = threading.Event()
        self._stopped = False
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self._pending = 0  # commits since the last checkpoint (unlocked: approximate is fine)
        self._last_commit = 0.0

    def committed(self) -> None:
        self._last_commit = time.monotonic()
        self._pending += 1
        if self._pending == 1:
            if self._thread is None:
                with self._start_lock:
                    if self._thread is None and not self._stopped:
                        self._thread = threading.Thread(
                            target=self._run, name="voicecart-sqlite-checkpoint", daemon=True
                        )
                        self._thread.start()
            self._wake.set()

    def stop(self) -> None:
        self._stopped = True
        self._wake.set()

    def _wait_for_a_pause(self) -> None:
        while not self._stopped and self._pending < CHECKPOINT_MAX_COMMITS:
            quiet = time.monotonic() - self._last_commit
            if quiet >= CHECKPOINT_QUIET:
                return
            time.sleep(CHECKPOINT_QUIET - quiet)

    def _run(self) -> None:
        conn: sqlite3.Connection | None = None
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                self._wait_for_a_pause()
                if self._stopped:
                    return
                self._pending = 0
                try:
                    if conn is None:
                        conn = sqlite3.connect(
                            self.path,
                            timeout=self.timeout,
                            isolation_level=None,
                            check_same_thread=False,
                        )
                    conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.Error as exc:
                    log.warning("WAL checkpoint failed", extra={"error": type(exc).__name__})
        finally:
            if conn is not None:
                conn.close()


class _Turn:
    """What one thread's current turn holds: plain writes (in order) and the tables they
    touch, and the actions to run once they are stored."""

    __slots__ = ("after", "tables", "writes")

    def __init__(self) -> None:
        self.writes: list[Write] = []
        self.tables: set[str] = set()
        self.after: list[Callable[[], None]] = []


class SQLiteStore(Store):
    def __init__(self, path: str | Path, timeout: float = 10.0) -> None:
        self.path = str(path)
        self.timeout = timeout
        self._local = threading.local()
        self._docs: dict[tuple[str, str], Any] = {}
        self._checkpointer: _Checkpointer | None = None
        if self.path != ":memory:":
            Path(self.path).expanduser().parent.mkdir(parents=True, exist_ok=True)
            self._checkpointer = _Checkpointer(self.path, timeout)
            weakref.finalize(self, self._checkpointer.stop)
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
        if self._checkpointer is not None:
            conn.execute("PRAGMA wal_autocheckpoint=0")  # _Checkpointer does it off the path

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction. Inside a turn, the writes it held go first, in the same
        transaction; if it rolls back they stay held."""
        conn = self._conn()
        turn: _Turn | None = getattr(self._local, "turn", None)
        held: list[Write] = []
        if turn is not None and turn.writes:
            held, turn.writes = turn.writes, []
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            if turn is not None:
                turn.writes[:0] = held
            raise StoreError(f"database busy: {exc}") from exc
        try:
            for write in held:
                write(conn)
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            if turn is not None:
                turn.writes[:0] = held
            raise
        else:
            conn.execute("COMMIT")
            if turn is not None and not turn.writes:
                turn.tables.clear()
            if self._checkpointer is not None:
                self._checkpointer.committed()

    def _parsed(self, kind: str, doc: str, parse: Callable[[dict[str, Any]], T]) -> T:
        """`parse(json.loads(doc))`, remembered: the value types are frozen dataclasses."""
        key = (kind, doc)
        found: T | None = self._docs.get(key)
        if found is None:
            if len(self._docs) >= DOC_CACHE_SIZE:
                self._docs.clear()
            found = self._docs[key] = parse(_load(doc))
        return found

    def _write(self, table: str, write: Write) -> None:
        """A write without a condition: held inside a turn, else its own transaction."""
        turn: _Turn | None = getattr(self._local, "turn", None)
        if turn is None:
            with self._tx() as conn:
                write(conn)
            return
        turn.writes.append(write)
        turn.tables.add(table)

    def _reading(self, table: str) -> None:
        """Before reading `table` inside a turn: store what the turn holds for it."""
        turn: _Turn | None = getattr(self._local, "turn", None)
        if turn is not None and table in turn.tables:
            self._flush(turn)

    def _flush(self, turn: _Turn) -> None:
        if turn.writes:
            try:
                with self._tx():
                    pass  # _tx writes what the turn holds
            except sqlite3.Error as exc:
                raise StoreError(str(exc)) from exc
        turn.tables.clear()

    @contextmanager
    def turn(self, reads: TurnReads) -> Iterator[None]:
        if getattr(self._local, "turn", None) is not None:
            yield  # already inside this thread's turn
            return
        turn = _Turn()
        self._local.turn = turn
        try:
            yield
            self._flush(turn)
        finally:
            self._local.turn = None  # on failure, what was held is dropped with the turn
        for action in turn.after:
            action()

    def after_turn(self, action: Callable[[], None]) -> None:
        turn: _Turn | None = getattr(self._local, "turn", None)
        if turn is None:
            action()
        else:
            turn.after.append(action)

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
        if self._checkpointer is not None:
            # A catalog import leaves a big log: checkpoint it now (not on a request path).
            self._read(lambda c: c.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall())
        return len(rows)

    def get_product(self, sku: str) -> Product | None:
        row = self._read(
            lambda c: c.execute("SELECT doc FROM products WHERE sku = ?", (sku,)).fetchone()
        )
        return self._parsed("product", row[0], ser.product_from) if row else None

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
        return self._parsed("household", row[0], ser.household_from) if row else None

    def list_households(self) -> list[Household]:
        rows = self._read(lambda c: c.execute("SELECT doc FROM households ORDER BY id").fetchall())
        return [ser.household_from(_load(doc)) for (doc,) in rows]

    def household_for_user(self, platform_user_id: str) -> Household | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT h.doc FROM household_users u JOIN households h ON h.id = u.household_id "
                "WHERE u.user_id = ?",
                (platform_user_id,),
            ).fetchone()
        )
        return self._parsed("household", row[0], ser.household_from) if row else None

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
        return self._parsed("profile", row[0], ser.profile_from) if row else None

    def list_profiles(self, household_id: str) -> list[Profile]:
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM profiles WHERE household_id = ? ORDER BY id", (household_id,)
            ).fetchall()
        )
        return [self._parsed("profile", doc, ser.profile_from) for (doc,) in rows]

    def profile_for_person(self, household_id: str, person_id: str) -> Profile | None:
        row = self._read(
            lambda c: c.execute(
                "SELECT p.doc FROM person_profiles pp JOIN profiles p "
                "ON p.household_id = pp.household_id AND p.id = pp.profile_id "
                "WHERE pp.household_id = ? AND pp.person_id = ?",
                (household_id, person_id),
            ).fetchone()
        )
        return self._parsed("profile", row[0], ser.profile_from) if row else None

    # ---- cart ------------------------------------------------------------------------
    def get_cart(self, household_id: str) -> Cart:
        self._reading("carts")
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM carts WHERE household_id = ?", (household_id,)
            ).fetchone()
        )
        return ser.cart_from(_load(row[0])) if row else Cart(household_id)

    def save_cart(self, cart: Cart) -> None:
        self._write("carts", lambda conn: self._put_cart(conn, cart))

    @staticmethod
    def _put_cart(conn: sqlite3.Connection, cart: Cart) -> None:
        conn.execute(
            "INSERT OR REPLACE INTO carts (household_id, doc) VALUES (?, ?)",
            (cart.household_id, _dump(ser.cart_to_dict(cart))),
        )

    # ---- orders and counters -----------------------------------------------------------
    def commit_order(
        self, order: Order, increments: Sequence[CounterIncrement], approval: Approval | None = None
    ) -> tuple[Order, bool]:
        return self.commit_order_with_records(order, increments, approval)

    def commit_order_with_records(
        self,
        order: Order,
        increments: Sequence[CounterIncrement],
        approval: Approval | None = None,
        audit: AuditEntry | None = None,
        voice_order_skus: Sequence[str] = (),
        effects: OrderEffects = NO_EFFECTS,
    ) -> tuple[Order, bool]:
        """All in one transaction (with whatever the turn held): the idempotency check, the
        budget check, the approval decision, the counters, the order, the pending purchase it
        uses up, and, only for a new order, its broadcast records, its audit entry, the
        emptied cart and the parent's notification."""
        with self._tx() as conn:
            if effects.consumes is not None:
                used = effects.consumes
                self._drop_pending(conn, used.household_id, used.device_id)
            # The order goes in first: its unique idempotency key is the check. A repeat
            # fails that statement alone (the transaction stays open) and gets the first order.
            try:
                conn.execute(
                    "INSERT INTO orders (household_id, id, idempotency_key, placed_at, status,"
                    " doc) VALUES (?, ?, ?, ?, ?, ?)",
                    (
                        order.household_id,
                        order.id,
                        order.idempotency_key,
                        order.placed_at.isoformat(),
                        order.status.value,
                        _dump(ser.order_to_dict(order)),
                    ),
                )
            except sqlite3.IntegrityError:
                row = conn.execute(
                    "SELECT doc FROM orders WHERE idempotency_key = ?", (order.idempotency_key,)
                ).fetchone()
                if row is None:
                    raise  # not a repeat: an order id taken under another key
                return ser.order_from(_load(row[0])), False
            totals = self._counters(conn, [inc.key for inc in increments])
            for inc in increments:
                totals[inc.key] += inc.amount
                if inc.limit is not None and totals[inc.key] > inc.limit:
                    raise BudgetExceeded(inc.key, inc.limit)  # rolls the order back
            if approval is not None:
                self._decide(conn, approval)
            if totals:
                conn.execute(
                    "INSERT INTO counters (key, amount) VALUES "
                    + ",".join(["(?, ?)"] * len(totals))
                    + " ON CONFLICT(key) DO UPDATE SET amount = excluded.amount",
                    [v for key, total in totals.items() for v in (key, str(total))],
                )
            at = order.placed_at.isoformat()
            conn.executemany(
                "INSERT OR IGNORE INTO voice_orders (sku, household_id, at) VALUES (?, ?, ?)",
                [(sku, order.household_id, at) for sku in dict.fromkeys(voice_order_skus)],
            )
            if audit is not None:
                self._insert_audit(conn, audit)
            if effects.empties_cart:
                self._put_cart(conn, Cart(order.household_id, updated_at=order.placed_at))
            if effects.notification is not None:
                self._insert_notification(conn, effects.notification)
        return order, True

    @staticmethod
    def _counters(conn: sqlite3.Connection, keys: Sequence[str]) -> dict[str, Decimal]:
        """Each counter's amount (0 where it has none yet), in one statement."""
        wanted = list(dict.fromkeys(keys))
        marks = ",".join("?" * len(wanted))
        rows = conn.execute(f"SELECT key, amount FROM counters WHERE key IN ({marks})", wanted)
        found = {key: Decimal(amount) for key, amount in rows}
        return {key: found.get(key, Decimal("0")) for key in wanted}

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
        self._reading("code_locks")
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
        self._write(
            "code_locks",
            lambda conn: conn.execute(
                "DELETE FROM code_locks WHERE household_id = ?", (household_id,)
            ),
        )

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
        args = (pending.household_id, pending.device_id, _dump(ser.pending_to_dict(pending)))
        self._write(
            "pending",
            lambda conn: conn.execute(
                "INSERT OR REPLACE INTO pending (household_id, device_id, doc) VALUES (?, ?, ?)",
                args,
            ),
        )

    def get_pending(self, household_id: str, device_id: str) -> PendingPurchase | None:
        self._reading("pending")
        row = self._read(
            lambda c: c.execute(
                "SELECT doc FROM pending WHERE household_id = ? AND device_id = ?",
                (household_id, device_id),
            ).fetchone()
        )
        return ser.pending_from(_load(row[0])) if row else None

    def delete_pending(self, household_id: str, device_id: str) -> None:
        self._write("pending", lambda conn: self._drop_pending(conn, household_id, device_id))

    @staticmethod
    def _drop_pending(conn: sqlite3.Connection, household_id: str, device_id: str) -> None:
        conn.execute(
            "DELETE FROM pending WHERE household_id = ? AND device_id = ?",
            (household_id, device_id),
        )

    # ---- audit, notifications, broadcast -----------------------------------------------
    def append_audit(self, entry: AuditEntry) -> None:
        self._write("audit", lambda conn: self._insert_audit(conn, entry))

    @staticmethod
    def _insert_audit(conn: sqlite3.Connection, entry: AuditEntry) -> None:
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
        self._reading("audit")
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
        self._write("notifications", lambda conn: self._insert_notification(conn, note))

    @staticmethod
    def _insert_notification(conn: sqlite3.Connection, note: Notification) -> None:
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
        self._reading("notifications")
        rows = self._read(
            lambda c: c.execute(
                "SELECT doc FROM notifications WHERE household_id = ? "
                "ORDER BY at DESC, rowid DESC LIMIT ?",
                (household_id, limit),
            ).fetchall()
        )
        return [ser.notification_from(_load(doc)) for (doc,) in rows]

    def record_voice_order(self, sku: str, household_id: str, at: datetime) -> None:
        args = (sku, household_id, at.isoformat())
        self._write(
            "voice_orders",
            lambda conn: conn.execute(
                "INSERT OR IGNORE INTO voice_orders (sku, household_id, at) VALUES (?, ?, ?)", args
            ),
        )

    def read_guard_state(
        self,
        household_id: str,
        counter_keys: Sequence[str],
        skus: Sequence[str],
        since: datetime,
        until: datetime | None = None,
    ) -> GuardState:
        """The lock, the counters and which households ordered each sku lately: one
        statement (each of its parts is a primary-key or index lookup)."""
        for table in ("code_locks", "counters", "voice_orders"):
            self._reading(table)
        keys = list(dict.fromkeys(counter_keys))
        wanted = list(dict.fromkeys(skus))
        parts = ["SELECT 0, doc, NULL FROM code_locks WHERE household_id = ?"]
        args: list[str] = [household_id]
        if keys:
            parts.append(
                f"SELECT 1, key, amount FROM counters WHERE key IN ({','.join('?' * len(keys))})"
            )
            args += keys
        if wanted:
            parts.append(
                "SELECT DISTINCT 2, sku, household_id FROM voice_orders"
                f" WHERE sku IN ({','.join('?' * len(wanted))}) AND at >= ?"
            )
            args += [*wanted, since.isoformat()]
        sql = " UNION ALL ".join(parts)
        rows = self._read(lambda c: c.execute(sql, args).fetchall())
        lock = CodeLock()
        counters = dict.fromkeys(keys, Decimal("0"))
        ordering: dict[str, set[str]] = {sku: set() for sku in wanted}
        for part, first, second in rows:
            if part == 0:
                lock = ser.lock_from(_load(first))
            elif part == 1:
                counters[first] = Decimal(second)
            else:
                ordering[first].add(second)
        return GuardState(lock, counters, ordering)

    def households_ordering(self, sku: str, since: datetime) -> set[str]:
        self._reading("voice_orders")
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
