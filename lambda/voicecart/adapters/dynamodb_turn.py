"""One spoken turn on DynamoDB: read what it needs in one request, write what it can together.

Every DynamoDB call is a network round trip, and a turn made naively of store calls costs
one per call: who is this household, which profile speaks, the cart, the pending purchase,
the code lock, the budget counters, then a write for each change. `DynamoDBStore.turn`
brackets the turn instead:

* **At the start, one BatchGetItem** reads every item the turn may need by key: the platform
  user (which holds a copy of the household), the recognized voice (which holds a copy of
  its profile), the guest profile, the cart, this device's pending purchase, the code lock,
  and the two budget counters a purchase by that profile would check today. Which household
  and profile to ask for comes from what the container saw on this user's last turn (a
  `Hint`), or, on a container new to the user, from the conversation's own session
  attribute (`TurnReads.household_hint`); the user item read in the same batch proves the
  hint still holds, and a stale one costs one more read, never a wrong answer. Without
  either (a conversation's first turn on a new container) the user item is read first.
* **Reads inside the turn** (`_get` by key) come from that batch when it holds the key, and
  every read or write of the turn updates or drops the cached copy, so the turn reads its
  own writes. Queries are not cached; before one runs, held writes to its partition go out.
* **Writes that carry no condition** (the cart, the pending purchase, audit entries, outbox
  notifications, clearing the wrong-code count after the right code) are held. If the turn
  runs a transaction (placing an order), they join it; the rest go out at the end of the turn
  in one BatchWriteItem (one PutItem or DeleteItem when there is only one). Conditional
  writes (orders, counters, approvals, wrong codes) run when they are made, as before.
  Actions given to `after_turn` (publishing to SNS) run after the held writes are stored.

If the turn fails before its end, held writes are dropped with it: a reply of "try again"
never leaves half a turn written.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

Item = dict[str, Any]
Key = tuple[str, str]  # (pk, sk)

BATCH_GET_LIMIT = 100  # keys in one BatchGetItem
BATCH_WRITE_LIMIT = 25  # requests in one BatchWriteItem
HINTS_KEPT = 4096  # platform users a container remembers


def key_of(item_or_key: Item) -> Key:
    """(pk, sk) of a data-table item or key; catalog items (keyed by sku) give ("", "")."""
    return item_or_key.get("pk", {}).get("S", ""), item_or_key.get("sk", {}).get("S", "")


def written_keys(operation: str, params: dict[str, Any]) -> list[Key]:
    """The items a write call touches, whatever it turns out to do to them."""
    if operation == "put_item":
        return [key_of(params["Item"])]
    if operation in ("delete_item", "update_item"):
        return [key_of(params["Key"])]
    if operation == "transact_write_items":
        keys = []
        for entry in params["TransactItems"]:
            (kind, body), *_ = entry.items()
            keys.append(key_of(body["Item"] if kind == "Put" else body["Key"]))
        return keys
    if operation == "batch_write_item":
        keys = []
        for requests in params["RequestItems"].values():
            for request in requests:
                put = request.get("PutRequest")
                keys.append(key_of(put["Item"] if put else request["DeleteRequest"]["Key"]))
        return keys
    return []


@dataclass
class Hint:
    """What a container last saw of a platform user: the household and who spoke as whom."""

    household_id: str
    household_doc: str
    profiles: dict[str, str] = field(default_factory=dict)  # person id -> profile id


class Hints:
    """Bounded, per container. Only ever a guess: every turn checks it against the user item."""

    def __init__(self, kept: int = HINTS_KEPT) -> None:
        self.kept = kept
        self._hints: OrderedDict[str, Hint] = OrderedDict()
        self._lock = threading.Lock()  # a server's threads share one store

    def get(self, user_id: str) -> Hint | None:
        with self._lock:
            hint = self._hints.get(user_id)
            if hint is not None:
                self._hints.move_to_end(user_id)
            return hint

    def put(self, user_id: str, hint: Hint) -> None:
        with self._lock:
            self._hints[user_id] = hint
            self._hints.move_to_end(user_id)
            while len(self._hints) > self.kept:
                self._hints.popitem(last=False)

    def forget(self, user_id: str) -> None:
        with self._lock:
            self._hints.pop(user_id, None)


@dataclass
class Turn:
    """The state of one turn: items read (None: known not to exist) and writes held back."""

    owner: object  # the store this turn belongs to
    cache: dict[Key, Item | None] = field(default_factory=dict)
    held: dict[Key, dict[str, Any]] = field(default_factory=dict)  # TransactItems entries
    after: list[Callable[[], None]] = field(default_factory=list)

    def hold(self, key: Key, entry: dict[str, Any], item: Item | None) -> None:
        """Hold a TransactItems entry (Put, Delete or Update) and what the item now is."""
        self.held.pop(key, None)  # a later write of the same item replaces the earlier one
        self.held[key] = entry
        self.cache[key] = item

    def take_held(self) -> list[dict[str, Any]]:
        entries = list(self.held.values())
        self.held.clear()
        return entries

    def holds_partition(self, pk: str) -> bool:
        return any(key[0] == pk for key in self.held)


CURRENT: ContextVar[Turn | None] = ContextVar("voicecart_dynamodb_turn", default=None)


def current(owner: object) -> Turn | None:
    turn = CURRENT.get()
    return turn if turn is not None and turn.owner is owner else None


def batch_write_requests(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """TransactItems-shaped Put/Delete entries as BatchWriteItem requests."""
    requests = []
    for entry in entries:
        if "Put" in entry:
            requests.append({"PutRequest": {"Item": entry["Put"]["Item"]}})
        else:
            requests.append({"DeleteRequest": {"Key": entry["Delete"]["Key"]}})
    return requests
