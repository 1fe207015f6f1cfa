"""The AWS notifier: parent notifications go to the store's outbox (the parent page shows
them) and are published to an SNS topic, where the store's operator subscribes e-mail, SMS,
a push service or a queue.

The outbox write comes first and is the record: it is what the parent page reads, and it
is in the same store as everything else. Publishing is delivery on top of it, so an SNS
failure (after botocore's retries) is logged and not raised: by the time a notification is
sent, the order or the approval request it tells about is already stored, and the shopper
must not hear "try again" for something that was done.

One topic serves every household. Each message carries `household_id` and `kind` as message
attributes, so a subscription can take only its household's messages with a filter policy
(`{"household_id": ["..."]}`). E-mail and SMS subscribers get the plain sentence; queues,
functions and HTTPS endpoints get the whole notification as JSON.
"""

from __future__ import annotations

import json
import logging
import threading
from typing import Any

from ..domain.records import Notification
from ..ports import Notifier, Store
from . import serialization as ser

log = logging.getLogger("voicecart.sns")

SUBJECTS = {
    "order_placed": "Order placed by voice",
    "approval_requested": "A purchase request is waiting",
    "approval_decided": "Purchase request approved",
    "order_cancelled": "Order cancelled",
    "lockout": "Voice purchasing locked",
    "unlocked": "Voice purchasing unlocked",
}


def subject(note: Notification) -> str:
    """An e-mail subject: ASCII, at most 100 characters, as SNS requires."""
    text = "VoiceCart: " + SUBJECTS.get(note.kind, note.kind.replace("_", " "))
    return text.encode("ascii", "replace").decode("ascii")[:100]


def message(note: Notification) -> str:
    """The MessageStructure=json body: a sentence for people, the record for programs."""
    record = json.dumps(ser.notification_to_dict(note), default=str)
    return json.dumps(
        {
            "default": note.message,
            "email": note.message,
            "sms": note.message,
            "sqs": record,
            "lambda": record,
            "http": record,
            "https": record,
            "email-json": record,
        }
    )


class SnsNotifier(Notifier):
    def __init__(
        self, topic_arn: str, store: Store, *, client: Any = None, region_name: str | None = None
    ) -> None:
        self.topic_arn = topic_arn
        self.store = store
        self.region_name = region_name
        self._client = client
        self._lock = threading.Lock()

    @property
    def client(self) -> Any:
        if self._client is None:
            with self._lock:
                if self._client is None:
                    import boto3
                    from botocore.config import Config

                    config = Config(
                        retries={"mode": "standard", "max_attempts": 3},
                        connect_timeout=2,
                        read_timeout=3,
                    )
                    self._client = boto3.session.Session(region_name=self.region_name).client(
                        "sns", config=config
                    )
        return self._client

    def notify(self, note: Notification) -> None:
        self.store.append_notification(note)
        self.deliver(note)

    def deliver(self, note: Notification) -> None:
        # Published once the outbox record is stored: in a spoken turn, at the turn's end.
        self.store.after_turn(lambda: self._publish(note))

    def _publish(self, note: Notification) -> None:
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.client.publish(
                TopicArn=self.topic_arn,
                Subject=subject(note),
                Message=message(note),
                MessageStructure="json",
                MessageAttributes={
                    "household_id": {"DataType": "String", "StringValue": note.household_id},
                    "kind": {"DataType": "String", "StringValue": note.kind},
                },
            )
        except (BotoCoreError, ClientError) as exc:
            log.warning(
                "parent notification not published; it is in the outbox",
                extra={
                    "kind": note.kind,
                    "household": note.household_id,
                    "error": type(exc).__name__,
                },
            )
        else:
            log.info(
                "parent notification published",
                extra={"kind": note.kind, "household": note.household_id},
            )
