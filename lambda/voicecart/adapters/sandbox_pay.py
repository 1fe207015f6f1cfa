"""A local sandbox payment ledger: charges are rows in a SQLite table, one per idempotency key.

It stands in for the store's real payment provider; the port is the same. Like a provider, it
keeps its own books: its own file beside the store's (`ledger_path_beside`). Sharing the
store's file made every charge a write by another connection, which throws away the store
connection's page cache just before the order is written (bench/: about 55 us of the
buy-with-code turn).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

from ..domain.ids import derived_id
from ..ports import PaymentError, Payments

_TABLE = (
    "CREATE TABLE IF NOT EXISTS sandbox_ledger (idempotency_key TEXT PRIMARY KEY,"
    " reference TEXT NOT NULL, token TEXT NOT NULL, amount TEXT NOT NULL,"
    " currency TEXT NOT NULL, refunded TEXT NOT NULL DEFAULT '0') WITHOUT ROWID"
)
_COLUMNS = "idempotency_key, reference, token, amount, currency, refunded"


def ledger_path_beside(db_path: str | Path) -> str:
    """`voicecart.db` -> `voicecart-payments.db`, in the same folder (`:memory:` stays)."""
    if str(db_path) == ":memory:":
        return ":memory:"
    path = Path(db_path).expanduser()
    return str(path.with_name(f"{path.stem}-payments{path.suffix or '.db'}"))


class SandboxPayments(Payments):
    def __init__(
        self,
        path: str | Path,
        decline_tokens: frozenset[str] = frozenset(),
        *,
        carry_from: str | Path | None = None,
    ) -> None:
        """`carry_from`: a database whose `sandbox_ledger` table (where older versions kept
        it) is copied in once, so charges made before still refund."""
        self.path = str(path)
        self.decline_tokens = decline_tokens
        self._lock = threading.Lock()
        self._local = threading.local()
        with self._connect() as conn:
            if carry_from is not None and self.path != ":memory:":
                _carry(conn, Path(carry_from).expanduser())

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection, opened once and kept (opening one per charge cost more
        than the charge). The file is in WAL mode, where synchronous=NORMAL is durable
        against a crash of the process and consistent after a power loss."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=10, isolation_level=None, check_same_thread=False
            )
            try:
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode=WAL")
            except sqlite3.OperationalError:
                pass  # another process is switching the new file to WAL at this moment
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute(_TABLE)
            self._local.conn = conn
        return conn

    @contextmanager
    def _connect(self) -> Iterator[sqlite3.Connection]:
        """One transaction on this thread's connection."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")

    def charge(
        self, payment_token: str, amount: Decimal, currency: str, idempotency_key: str
    ) -> str:
        if payment_token in self.decline_tokens:
            raise PaymentError("the card was declined")
        reference = derived_id("CH", idempotency_key)
        with self._lock:  # one statement: a transaction of its own
            self._conn().execute(
                "INSERT OR IGNORE INTO sandbox_ledger (idempotency_key, reference, token,"
                " amount, currency) VALUES (?, ?, ?, ?, ?)",
                (idempotency_key, reference, payment_token, str(amount), currency),
            )
        return reference

    def refund(self, reference: str, amount: Decimal) -> None:
        with self._lock, self._connect() as conn:
            conn.execute(
                "UPDATE sandbox_ledger SET refunded = ? WHERE reference = ?",
                (str(amount), reference),
            )

    def charges(self) -> list[tuple[str, Decimal, Decimal]]:
        with self._connect() as conn:
            rows = conn.execute("SELECT reference, amount, refunded FROM sandbox_ledger").fetchall()
        return [(ref, Decimal(a), Decimal(r)) for ref, a, r in rows]


def _carry(conn: sqlite3.Connection, old: Path) -> None:
    """Copy the charges an older version kept in the store's own file, once (a ledger that
    already holds rows has been carried over or used)."""
    if not old.is_file() or conn.execute("SELECT 1 FROM sandbox_ledger LIMIT 1").fetchone():
        return
    source = sqlite3.connect(f"file:{old}?mode=ro", uri=True, timeout=10)
    try:
        found = source.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sandbox_ledger'"
        ).fetchone()
        rows = source.execute(f"SELECT {_COLUMNS} FROM sandbox_ledger").fetchall() if found else []
    finally:
        source.close()
    conn.executemany(
        f"INSERT OR IGNORE INTO sandbox_ledger ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
