"""The local notifier: notifications go to the store's outbox (shown on the parent page)
and to the log, where the local server prints them."""

from __future__ import annotations

import logging

from ..domain.records import Notification
from ..ports import Notifier, Store

log = logging.getLogger("voicecart.outbox")


class OutboxNotifier(Notifier):
    def __init__(self, store: Store) -> None:
        self.store = store

    def notify(self, note: Notification) -> None:
        self.store.append_notification(note)
        self.deliver(note)

    def deliver(self, note: Notification) -> None:
        log.info(
            "parent notification",
            extra={"kind": note.kind, "household": note.household_id, "text": note.message},
        )
