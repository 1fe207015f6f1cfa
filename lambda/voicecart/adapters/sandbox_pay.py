"""A local sandbox payment ledger: charges are rows in a SQLite table, one per idempotency key.

It stands in for the store's real payment provider; the port is the same.
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


class SandboxPayments(Payments):
    def __init__(self, path: str | Path, decline_tokens: frozenset[str] = frozenset()) -> None:
        self.path = str(path)
        self.decline_tokens = decline_tokens
        self._lock = threading.Lock()
        self._local = threading.local()
        with self._connect():
            pass  # creates the table

    def _conn(self) -> sqlite3.Connection:
        """This thread's connection, opened once and kept (opening one per charge cost more
        than the charge). It shares the store's file, which the store
        switched to WAL, where synchronous=NORMAL is durable against a crash of the process
        and consistent after a power loss."""
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, timeout=10, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA synchronous=NORMAL")
            # The store checkpoints the shared log off the request path; this is a backstop.
            conn.execute("PRAGMA wal_autocheckpoint=10000")
            conn.execute(
                "CREATE TABLE IF NOT EXISTS sandbox_ledger (idempotency_key TEXT PRIMARY KEY,"
                " reference TEXT NOT NULL, token TEXT NOT NULL, amount TEXT NOT NULL,"
                " currency TEXT NOT NULL, refunded TEXT NOT NULL DEFAULT '0') WITHOUT ROWID"
            )
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
