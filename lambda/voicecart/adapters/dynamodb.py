"""The DynamoDB store: what VoiceCart keeps on AWS. It passes the same contract tests as SQLite.

Two tables (names from the constructor, or VOICECART_TABLE and VOICECART_CATALOG_TABLE):

**The data table** holds everything a household owns, in one table (single-table design),
keyed by `pk` (partition) and `sk` (sort), with two local secondary indexes on the same
partition (`lsi1sk`, `lsi2sk`). Local, not global: their reads can be strongly consistent,
so "cancel my last order" finds the order placed a second ago. Ids inside keys are
percent-encoded, so an id holding `#` cannot run into the next key part.

    item                     pk                sk                          lsi1sk / lsi2sk
    household                HH#<hid>          HOUSEHOLD
    household list entry     HOUSEHOLDS        <hid>
    platform user            USER#<uid>        USER              (a copy of the household)
    profile                  HH#<hid>          PROFILE#<id>
    recognized voice         HH#<hid>          PERSON#<personId> (which profile it is)
    cart                     HH#<hid>          CART
    order                    HH#<hid>          ORDER#<id>                  ORDER#<placed>#<id>
    idempotency key          IDEM#<key>        IDEM              TTL
    budget counter           COUNTER#<key>     COUNTER           amount: a Number
    wrong-code state         HH#<hid>          CODELOCK          version for optimistic writes
    approval request         HH#<hid>          APPROVAL#<id>               APPROVAL#<created>#<id>
    pending purchase         HH#<hid>          PENDING#<device>  TTL
    audit entry              HH#<hid>          AUDIT#<at>#<seq>#<id>       AUDIT#P#<profile>#..
                                                                           / AUDIT#O#<outcome>#..
    notification (outbox)    HH#<hid>          NOTE#<at>#<seq>#<id>
    voice orders (broadcast) VOICE#<sku>       BUCKET#<start>#<shard>  TTL; h:<hid> = <at>
    parent login             HH#<hid>          LOGIN
    login e-mail             EMAIL#<email>     EMAIL             (a copy of the login)
    API token                HH#<hid>          TOKEN#<id>
    token id / token hash    TOKENID#<id>      TOKENID;   TOKENHASH#<sha256> TOKENHASH
    sign-in attempts         SIGNIN#<key>      SIGNIN            TTL

Every read a turn makes is a GetItem, a BatchGetItem or a Query on one partition; nothing
scans. The broadcast guard asks "which households ordered these skus between t and now": a
sku's voice orders are kept in one item per 10-minute bucket and shard (a household always
lands in the same one of 4 shards), each household an attribute `h:<hid>` holding when it
last ordered. The guard reads the buckets the window touches by key, so a cart of any size
(up to 12 skus per request) costs one BatchGetItem, and the order transaction updates
those items. Shards spread concurrent orders of one sku (a broadcast) over 4 items; an item
holds about 5,000 households, so one sku would need some 20,000 households ordering it by
voice within 10 minutes to fill a bucket.
The audit page filters by profile or outcome through the two local indexes, newest first.
Records that stop mattering carry a TTL attribute (`expire_at`, epoch seconds), and DynamoDB
deletes them for free: idempotency keys after 30 days, approvals 30 days after they expire,
pending purchases a day after theirs, broadcast records after a day, sign-in windows a day
after they close.

**The catalog table** (partition key `sku`) is the catalog's store of record, written by
`voicecart catalog import --dynamodb`, which also publishes the whole catalog as one gzip
JSON artifact to S3 (VOICECART_CATALOG_BUCKET / VOICECART_CATALOG_KEY). A container loads
that artifact once, builds the search index from it, and answers `get_product` from it, so
search, next, details and "add to cart" read no catalog table at all. Without an artifact,
`iter_products` scans the catalog table once per container (never per turn) and
`get_product` is a GetItem.

Writes that must not race are conditional: `commit_order` is one TransactWriteItems
(idempotency item `attribute_not_exists`, each budget counter `ADD` under
`attribute_not_exists(amount) OR amount <= :room` where room = limit - amount, the order
`attribute_not_exists`, and the approval only while still `pending`), so concurrent Lambdas
cannot overspend or order twice. Cancelling gives the counters back in a transaction that
holds only while the order is still placed. Read-modify-write records (wrong codes, profiles,
logins) carry a version and are written only if it did not move, else read and tried again.

Throttling and transient errors are retried by botocore ("standard" mode, three attempts in
all, so the waits stay well inside Alexa's 8 seconds) and, for a transaction cancelled by a
conflicting one, by this adapter with jittered backoff. What
still fails is raised as StoreError (`raise ... from` the botocore error) and, being one
transaction, leaves nothing half-written. Money is a string in the JSON documents and a
DynamoDB Number in counters; never a float.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import os
import random
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from ..domain.catalog import Product
from ..domain.errors import BudgetExceeded, Conflict, NotFound, StoreError
from ..domain.guard import CodeLock, GuardPolicy
from ..domain.household import GUEST_PROFILE_ID, Household, Profile
from ..domain.orders import Cart, Order, OrderStatus
from ..domain.parent_access import ApiToken, AttemptCount, ParentLogin
from ..domain.records import Approval, ApprovalStatus, AuditEntry, Notification, PendingPurchase
from ..ports import NO_EFFECTS, CounterIncrement, GuardState, OrderEffects, Store, TurnReads
from . import serialization as ser
from .dynamodb_turn import (
    BATCH_GET_LIMIT,
    BATCH_WRITE_LIMIT,
    Hint,
    Hints,
    Key,
    Turn,
    batch_write_requests,
    current,
    key_of,
    written_keys,
)
from .dynamodb_turn import CURRENT as _CURRENT_TURN

log = logging.getLogger("voicecart.dynamodb")

Item = dict[str, Any]  # low-level attribute maps: {"pk": {"S": "..."}}

# Both tables as CreateTable arguments. template.yaml declares the same keys and indexes;
# tests/unit/test_template.py keeps the two in step.
DATA_KEYS: dict[str, Any] = {
    "AttributeDefinitions": [
        {"AttributeName": name, "AttributeType": "S"} for name in ("pk", "sk", "lsi1sk", "lsi2sk")
    ],
    "KeySchema": [
        {"AttributeName": "pk", "KeyType": "HASH"},
        {"AttributeName": "sk", "KeyType": "RANGE"},
    ],
    "LocalSecondaryIndexes": [
        {
            "IndexName": index,
            "KeySchema": [
                {"AttributeName": "pk", "KeyType": "HASH"},
                {"AttributeName": attr, "KeyType": "RANGE"},
            ],
            "Projection": {"ProjectionType": "ALL"},
        }
        for index, attr in (("lsi1", "lsi1sk"), ("lsi2", "lsi2sk"))
    ],
}
CATALOG_KEYS: dict[str, Any] = {
    "AttributeDefinitions": [{"AttributeName": "sku", "AttributeType": "S"}],
    "KeySchema": [{"AttributeName": "sku", "KeyType": "HASH"}],
}
TTL_ATTRIBUTE = "expire_at"

IDEMPOTENCY_TTL = timedelta(days=30)
APPROVAL_RETENTION = timedelta(days=30)
PENDING_GRACE = timedelta(days=1)
VOICE_ORDER_TTL = timedelta(days=1)
VOICE_BUCKET = timedelta(minutes=10)  # one item per sku, bucket and shard
VOICE_SHARDS = 4
VOICE_PREFIX = "h:"  # a household's attribute in a voice-orders item
VOICE_KEYED_WINDOW = timedelta(hours=1)  # longer broadcast windows are queried, not read by key
SIGN_IN_GRACE = timedelta(days=1)
TRANSACTION_LIMIT = 100  # items in one TransactWriteItems
_WRITES = frozenset(
    {"put_item", "delete_item", "update_item", "transact_write_items", "batch_write_item"}
)
ZERO = Decimal("0")

# Reasons a transaction or write was refused that a retry can cure.
_TRANSIENT = frozenset(
    {
        "TransactionConflict",
        "TransactionConflictException",
        "TransactionInProgressException",
        "ThrottlingError",
        "ThrottlingException",
        "ProvisionedThroughputExceeded",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
    }
)
_SDK_RETRIES = frozenset(
    {
        "ThrottlingException",
        "ProvisionedThroughputExceededException",
        "RequestLimitExceeded",
    }
)
_client_lock = threading.Lock()  # creating boto3 clients is not thread-safe


class _ConditionFailed(Exception):
    def __init__(self, item: Item | None) -> None:
        super().__init__("condition failed")
        self.item = item


class _Cancelled(Exception):
    """A transaction refused by a condition; `reasons` line up with its items."""

    def __init__(self, reasons: list[dict[str, Any]]) -> None:
        super().__init__("transaction cancelled")
        self.reasons = reasons

    def failed(self, index: int) -> bool:
        return (
            index < len(self.reasons)
            and self.reasons[index].get("Code") == "ConditionalCheckFailed"
        )

    def item(self, index: int) -> Item | None:
        return self.reasons[index].get("Item") if index < len(self.reasons) else None


# ---- encoding -------------------------------------------------------------------------
def _part(value: str) -> str:
    return quote(value, safe="")


def _key(*parts: str) -> str:
    return "#".join(parts)


def _hh(household_id: str) -> str:
    return _key("HH", _part(household_id))


def _ts(at: datetime) -> str:
    """A fixed-width UTC time, so that sort keys sort by time."""
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")


def _epoch(at: datetime) -> int:
    return int(at.timestamp())


def _seq() -> str:
    # Breaks ties between records stamped with the same time, in the order they were written.
    return f"{time.time_ns():020d}"


_SHARDS = range(VOICE_SHARDS)


def _voice_pk(sku: str) -> str:
    return _key("VOICE", _part(sku))


def _voice_sk(bucket: datetime, shard: int) -> str:
    return _key("BUCKET", _ts(bucket), str(shard))


def _voice_bucket(at: datetime) -> datetime:
    """The start of the 10-minute bucket holding `at`."""
    width = int(VOICE_BUCKET.total_seconds())
    start = int(at.timestamp()) // width * width
    return datetime.fromtimestamp(start, UTC)


def _voice_buckets(since: datetime, until: datetime) -> list[datetime]:
    """The buckets a window touches (at least the one holding `since`)."""
    first, last = _voice_bucket(since), _voice_bucket(max(since, until))
    count = int((last - first) / VOICE_BUCKET) + 1
    return [first + i * VOICE_BUCKET for i in range(count)]


def _shard(household_id: str) -> int:
    """A household's shard: always the same one, so it is one attribute in one item."""
    return hashlib.sha256(household_id.encode()).digest()[0] % VOICE_SHARDS


def _voice_households(items: Iterable[Item], since: str) -> set[str]:
    """Who ordered at or after `since` (each household's attribute holds its latest order)."""
    return {
        name[len(VOICE_PREFIX) :]
        for item in items
        for name, value in item.items()
        if name.startswith(VOICE_PREFIX) and value["S"] >= since
    }


def _s(value: str) -> dict[str, str]:
    return {"S": value}


def _n(value: Decimal | int) -> dict[str, str]:
    return {"N": str(value)}


def _dump(doc: dict[str, object]) -> str:
    return json.dumps(doc, separators=(",", ":"), sort_keys=True)


def _doc(item: Item) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(item["doc"]["S"])
    return loaded


def _version(item: Item | None) -> int:
    return int(item["v"]["N"]) if item and "v" in item else 0


def _money(raw: str) -> Decimal:
    value = Decimal(raw)
    cents = value.quantize(Decimal("0.01"))
    return cents if cents == value else value


def _merge(
    increments: Sequence[CounterIncrement],
) -> dict[str, tuple[Decimal, Decimal | None, Decimal | None]]:
    """Per counter key: the total to add, the most the counter may hold before adding it
    (None: no limit), and the limit that sets that room (reported when it is exceeded)."""
    merged: dict[str, tuple[Decimal, Decimal | None, Decimal | None]] = {}
    for inc in increments:
        total, room, limit = merged.get(inc.key, (Decimal("0"), None, None))
        if inc.limit is not None and (room is None or inc.limit - inc.amount < room):
            room, limit = inc.limit - inc.amount, inc.limit
        merged[inc.key] = (total + inc.amount, room, limit)
    return merged


# ---- the catalog artifact ----------------------------------------------------------------
ARTIFACT_FORMAT = 1


def artifact_bytes(products: Iterable[Product]) -> bytes:
    """The published catalog: every product, sorted by sku, as gzip JSON."""
    docs = sorted((ser.product_to_dict(p) for p in products), key=lambda d: str(d["sku"]))
    body = {"format": ARTIFACT_FORMAT, "products": docs}
    return gzip.compress(json.dumps(body, separators=(",", ":")).encode("utf-8"), mtime=0)


def products_from_artifact(data: bytes) -> list[Product]:
    body = json.loads(gzip.decompress(data).decode("utf-8"))
    if body.get("format") != ARTIFACT_FORMAT:
        raise StoreError(f"unknown catalog artifact format {body.get('format')!r}")
    return [ser.product_from(doc) for doc in body["products"]]


def product_attributes(product: Product) -> dict[str, str]:
    """A catalog table item (every attribute a string): the document, a few attributes to
    read in the console, and the content hash a resumed import compares."""
    doc = _dump(ser.product_to_dict(product))
    return {
        "sku": product.sku,
        "doc": doc,
        "name": product.name,
        "category": product.category,
        "price": str(product.price),
        "content_hash": hashlib.sha256(doc.encode("utf-8")).hexdigest(),
    }


@dataclass(frozen=True)
class CatalogArtifact:
    bucket: str
    key: str = "catalog/catalog.json.gz"


class DynamoDBStore(Store):
    def __init__(
        self,
        table: str,
        catalog_table: str | None = None,
        *,
        client: Any = None,
        s3_client: Any = None,
        region_name: str | None = None,
        endpoint_url: str | None = None,
        artifact: CatalogArtifact | None = None,
        conflict_retries: int = 6,
        backoff_base: float = 0.025,
    ) -> None:
        self.table = table
        self.catalog_table = catalog_table or f"{table}-catalog"
        self.region_name = region_name
        self.endpoint_url = endpoint_url
        self.artifact = artifact
        self.conflict_retries = conflict_retries
        self.backoff_base = backoff_base
        self._client = client
        self._s3 = s3_client
        self._snapshot: dict[str, Product] | None = None
        self._snapshot_lock = threading.Lock()
        # The code lock each household was last seen with, and its version: a wrong code is
        # then one conditional write, not a read and a write (a stale entry costs a retry).
        self._locks: OrderedDict[str, tuple[int, CodeLock]] = OrderedDict()
        self._locks_lock = threading.Lock()
        # Which household and profile each platform user's last turn was (dynamodb_turn.py).
        self._hints = Hints()

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides: Any) -> DynamoDBStore:
        env = dict(os.environ if env is None else env)
        table = env.get("VOICECART_TABLE", "")
        if not table:
            raise StoreError("VOICECART_TABLE is not set: name the DynamoDB table to use")
        bucket = env.get("VOICECART_CATALOG_BUCKET", "")
        artifact = (
            CatalogArtifact(bucket, env.get("VOICECART_CATALOG_KEY") or CatalogArtifact.key)
            if bucket
            else None
        )
        options: dict[str, Any] = {
            "catalog_table": env.get("VOICECART_CATALOG_TABLE") or None,
            "artifact": artifact,
        }
        options.update(overrides)
        return cls(table, **options)

    # ---- clients and calls -------------------------------------------------------------
    @property
    def client(self) -> Any:
        if self._client is None:
            with _client_lock:
                if self._client is None:
                    self._client = self._make_client("dynamodb")
        return self._client

    @property
    def s3(self) -> Any:
        if self._s3 is None:
            with _client_lock:
                if self._s3 is None:
                    self._s3 = self._make_client("s3")
        return self._s3

    def _make_client(self, service: str) -> Any:
        import boto3
        from botocore.config import Config

        # Alexa waits 8 seconds for a reply: short timeouts and a few quick retries
        # ("standard" mode backs off and retries throttling and 5xx errors; three attempts
        # wait at most 1 + 2 seconds between them).
        config = Config(
            retries={"mode": "standard", "total_max_attempts": 3},
            connect_timeout=2,
            read_timeout=3,
            max_pool_connections=32,
        )
        session = boto3.session.Session(region_name=self.region_name)
        endpoint = self.endpoint_url if service == "dynamodb" else None
        return session.client(service, endpoint_url=endpoint, config=config)

    def _call(self, operation: str, **params: Any) -> dict[str, Any]:
        from botocore.exceptions import BotoCoreError, ClientError

        turn = current(self)
        if turn is not None and operation in _WRITES:
            touched = written_keys(operation, params)
            if turn.held.keys() & set(touched):
                self._write_held(turn)  # what the turn held for these items goes first
            for key in touched:
                turn.cache.pop(key, None)
        for attempt in range(self.conflict_retries + 1):
            try:
                result: dict[str, Any] = getattr(self.client, operation)(**params)
                return result
            except ClientError as exc:
                code = exc.response.get("Error", {}).get("Code", "")
                if code == "ConditionalCheckFailedException":
                    raise _ConditionFailed(exc.response.get("Item")) from exc
                # Throttling of a plain call was retried by the SDK already (with backoff);
                # retrying it here again would multiply the waits past Alexa's 8 seconds.
                transient = code in _TRANSIENT and code not in _SDK_RETRIES
                if code == "TransactionCanceledException":
                    reasons = list(exc.response.get("CancellationReasons") or [])
                    codes = {r.get("Code") for r in reasons}
                    if "ConditionalCheckFailed" in codes:
                        raise _Cancelled(reasons) from exc
                    transient = bool(codes & _TRANSIENT)
                if not transient or attempt == self.conflict_retries:
                    raise StoreError(f"DynamoDB {operation} failed: {code}") from exc
            except BotoCoreError as exc:
                raise StoreError(f"DynamoDB {operation} failed: {type(exc).__name__}") from exc
            self._pause(attempt)
        raise AssertionError("unreachable")

    def _pause(self, attempt: int) -> None:
        time.sleep(random.uniform(0, min(0.5, self.backoff_base * 2**attempt)))

    def _get(self, pk: str, sk: str, projection: str | None = None) -> Item | None:
        turn = current(self) if projection is None else None
        if turn is not None and (pk, sk) in turn.cache:
            return turn.cache[(pk, sk)]
        params: dict[str, Any] = {
            "TableName": self.table,
            "ConsistentRead": True,
            "Key": {"pk": _s(pk), "sk": _s(sk)},
        }
        if projection:
            params["ProjectionExpression"] = projection
        item: Item | None = self._call("get_item", **params).get("Item")
        if turn is not None:
            turn.cache[(pk, sk)] = item
        return item

    def _put(
        self,
        item: Item,
        condition: str | None = None,
        values: dict[str, Any] | None = None,
        names: dict[str, str] | None = None,
        return_old: bool = False,
    ) -> None:
        params: dict[str, Any] = {"TableName": self.table, "Item": item}
        _conditional(params, condition, values, names, return_old)
        self._call("put_item", **params)

    def _delete(self, pk: str, sk: str) -> None:
        self._call("delete_item", TableName=self.table, Key={"pk": _s(pk), "sk": _s(sk)})

    def _transact(self, items: list[dict[str, Any]]) -> None:
        turn = current(self)
        if turn is None or not turn.held:
            self._call("transact_write_items", TransactItems=items)
            return
        touched = set(written_keys("transact_write_items", {"TransactItems": items}))
        if len(items) + len(turn.held) > TRANSACTION_LIMIT or touched & turn.held.keys():
            self._call("transact_write_items", TransactItems=items)
            return
        # The turn's held writes join the transaction (at the end, so the indexes of a
        # cancellation's reasons still line up with `items`).
        held = dict(turn.held)
        turn.held.clear()
        try:
            self._call("transact_write_items", TransactItems=items + list(held.values()))
        except BaseException:
            turn.held.update(held)
            raise

    # ---- one spoken turn (see dynamodb_turn.py) ----------------------------------------
    def turn(self, reads: TurnReads) -> Any:
        return self._turn(reads)

    @contextmanager
    def _turn(self, reads: TurnReads) -> Iterator[None]:
        if current(self) is not None:  # already inside one
            yield
            return
        turn = Turn(self)
        token = _CURRENT_TURN.set(turn)
        try:
            self._prefetch(turn, reads)
            yield
            self._write_held(turn)
        finally:
            _CURRENT_TURN.reset(token)
        for action in turn.after:
            try:
                action()
            except Exception:  # delivery is best effort; what it tells about is stored
                log.exception("an action after the turn failed")

    def after_turn(self, action: Callable[[], None]) -> None:
        turn = current(self)
        if turn is None:
            action()
        else:
            turn.after.append(action)

    def _prefetch(self, turn: Turn, reads: TurnReads) -> None:
        user_key = (_key("USER", _part(reads.user_id)), "USER")
        hint = self._hints.get(reads.user_id)
        if hint is None and reads.household_hint:
            # A container new to this user, in a conversation already under way.
            hint = Hint(reads.household_hint, "")
        if hint is not None:
            self._read_keys([user_key, *self._turn_keys(hint, reads)])
            user = turn.cache.get(user_key)
            if user is not None and user["hid"]["S"] == hint.household_id:
                hint.household_doc = user["doc"]["S"]
            else:  # unlinked or moved: nothing read for the old household may be used
                self._hints.forget(reads.user_id)
                turn.cache = {user_key: user}
                hint = None
        if hint is None:
            user = self._get(*user_key)
            if user is None:
                return
            hint = Hint(user["hid"]["S"], user["doc"]["S"])
            self._read_keys(self._turn_keys(hint, reads))
        if reads.person_id:
            person = turn.cache.get(self._person_key(hint.household_id, reads.person_id))
            if person is not None:
                hint.profiles[reads.person_id] = person["profile_id"]["S"]
            else:
                hint.profiles.pop(reads.person_id, None)
        self._hints.put(reads.user_id, hint)

    def _turn_keys(self, hint: Hint, reads: TurnReads) -> list[Key]:
        """Everything a turn for this user may read by key: see dynamodb_turn.py."""
        hh = _hh(hint.household_id)
        keys = [
            (hh, _key("PROFILE", _part(GUEST_PROFILE_ID))),
            (hh, "CART"),
            (hh, _key("PENDING", _part(reads.device_id))),
            (hh, "CODELOCK"),
        ]
        if reads.person_id:
            keys.append(self._person_key(hint.household_id, reads.person_id))
        if reads.counter_keys is not None and hint.household_doc:
            household = ser.household_from(json.loads(hint.household_doc))
            profile_id = hint.profiles.get(reads.person_id or "", GUEST_PROFILE_ID)
            keys += [
                (_key("COUNTER", _part(k)), "COUNTER")
                for k in reads.counter_keys(household, profile_id)
            ]
        return keys

    def _person_key(self, household_id: str, person_id: str) -> Key:
        return _hh(household_id), _key("PERSON", _part(person_id))

    def _read_keys(self, keys: Sequence[Key]) -> dict[Key, Item | None]:
        """Items by key (None: absent): from the turn's reads where it has them, the rest in
        BatchGetItem requests (one for up to 100 keys)."""
        turn = current(self)
        wanted = list(dict.fromkeys(keys))
        found: dict[Key, Item | None] = {}
        missing = []
        for key in wanted:
            if turn is not None and key in turn.cache:
                found[key] = turn.cache[key]
            else:
                missing.append(key)
        for start in range(0, len(missing), BATCH_GET_LIMIT):
            chunk = missing[start : start + BATCH_GET_LIMIT]
            request: dict[str, Any] = {
                self.table: {
                    "Keys": [{"pk": _s(pk), "sk": _s(sk)} for pk, sk in chunk],
                    "ConsistentRead": True,
                }
            }
            got: dict[Key, Item] = {}
            for attempt in range(self.conflict_retries + 8):
                page = self._call("batch_get_item", RequestItems=request)
                for item in page.get("Responses", {}).get(self.table, []):
                    got[key_of(item)] = item
                request = page.get("UnprocessedKeys") or {}
                if not request:
                    break
                self._pause(attempt)
            else:
                raise StoreError("DynamoDB kept refusing a batch read (throttled)")
            for key in chunk:
                found[key] = got.get(key)
                if turn is not None:
                    turn.cache[key] = got.get(key)
        return found

    def _write_plain(self, item: Item | None = None, key: Item | None = None) -> None:
        """A Put of `item` or a Delete of `key` that needs no condition: held in a turn."""
        turn = current(self)
        if turn is None:
            if item is not None:
                self._call("put_item", TableName=self.table, Item=item)
            else:
                self._call("delete_item", TableName=self.table, Key=key)
            return
        if item is not None:
            turn.hold(key_of(item), {"Put": {"TableName": self.table, "Item": item}}, item)
        else:
            assert key is not None
            turn.hold(key_of(key), {"Delete": {"TableName": self.table, "Key": key}}, None)

    def _write_held(self, turn: Turn) -> None:
        entries = turn.take_held()
        for update in [e["Update"] for e in entries if "Update" in e]:
            self._call("update_item", **update)
        entries = [e for e in entries if "Update" not in e]
        if not entries:
            return
        if len(entries) == 1:
            (kind, body), *_ = entries[0].items()
            self._call("put_item" if kind == "Put" else "delete_item", **body)
            return
        requests = batch_write_requests(entries)
        for start in range(0, len(requests), BATCH_WRITE_LIMIT):
            waiting = requests[start : start + BATCH_WRITE_LIMIT]
            for attempt in range(self.conflict_retries + 8):
                left = self._call("batch_write_item", RequestItems={self.table: waiting})
                waiting = left.get("UnprocessedItems", {}).get(self.table, [])
                if not waiting:
                    break
                self._pause(attempt)
            else:
                raise StoreError("DynamoDB kept refusing a batch write (throttled)")

    def _query(
        self,
        pk: str,
        *,
        prefix: str | None = None,
        since: str | None = None,
        index: str | None = None,
        newest_first: bool = False,
        limit: int | None = None,
        filter_expression: str | None = None,
        filter_values: dict[str, Any] | None = None,
    ) -> list[Item]:
        """Items of one partition, page after page until `limit` are found (None: all)."""
        turn = current(self)
        if turn is not None and turn.holds_partition(pk):
            self._write_held(turn)  # a query sees what this turn wrote
        sort = {"lsi1": "lsi1sk", "lsi2": "lsi2sk"}.get(index or "", "sk")
        condition = "pk = :pk"
        values: dict[str, Any] = {":pk": _s(pk)}
        if prefix is not None:
            condition += " AND begins_with(#sort, :prefix)"
            values[":prefix"] = _s(prefix)
        elif since is not None:
            condition += " AND #sort >= :since"
            values[":since"] = _s(since)
        params: dict[str, Any] = {
            "TableName": self.table,
            "KeyConditionExpression": condition,
            "ExpressionAttributeValues": values,
            "ConsistentRead": True,
            "ScanIndexForward": not newest_first,
        }
        if prefix is not None or since is not None:
            params["ExpressionAttributeNames"] = {"#sort": sort}
        if index:
            params["IndexName"] = index
        if filter_expression:
            params["FilterExpression"] = filter_expression
            values.update(filter_values or {})
        items: list[Item] = []
        while True:
            if limit is not None:
                params["Limit"] = max(1, limit - len(items))
            page = self._call("query", **params)
            items.extend(page.get("Items", []))
            start = page.get("LastEvaluatedKey")
            if not start or (limit is not None and len(items) >= limit):
                return items[:limit] if limit is not None else items
            params["ExclusiveStartKey"] = start

    # ---- catalog -----------------------------------------------------------------------
    def _product_item(self, product: Product) -> Item:
        return {name: _s(value) for name, value in product_attributes(product).items()}

    def put_products(self, products: Iterable[Product]) -> int:
        listed = list(products)
        latest = {p.sku: self._product_item(p) for p in listed}  # the last one of a sku wins
        if len(latest) <= TRANSACTION_LIMIT:
            if latest:
                self._transact(
                    [
                        {"Put": {"TableName": self.catalog_table, "Item": item}}
                        for item in latest.values()
                    ]
                )
        else:
            # More than one transaction holds: written in batches. `catalog import` checks
            # everything before it writes and can be run again to finish an interrupted one.
            self.batch_put(self.catalog_table, list(latest.values()))
        with self._snapshot_lock:
            self._snapshot = None
        return len(listed)

    def batch_put(self, table: str, items: list[Item]) -> None:
        for start in range(0, len(items), 25):
            pending: list[dict[str, Any]] = [
                {"PutRequest": {"Item": item}} for item in items[start : start + 25]
            ]
            for attempt in range(self.conflict_retries + 8):
                left = self._call("batch_write_item", RequestItems={table: pending})
                pending = left.get("UnprocessedItems", {}).get(table, [])
                if not pending:
                    break
                self._pause(attempt)
            else:
                raise StoreError("DynamoDB kept refusing a batch write (throttled)")

    def get_product(self, sku: str) -> Product | None:
        snapshot = self._snapshot
        if snapshot is not None and sku in snapshot:
            return snapshot[sku]
        item = self._call(
            "get_item", TableName=self.catalog_table, Key={"sku": _s(sku)}, ConsistentRead=True
        ).get("Item")
        return ser.product_from(_doc(item)) if item else None

    def iter_products(self) -> Iterator[Product]:
        if self.artifact is not None:
            snapshot = self._load_snapshot()
            if snapshot is not None:
                yield from (snapshot[sku] for sku in sorted(snapshot))
                return
        products = [ser.product_from(_doc(item)) for item in self._scan_catalog("doc")]
        yield from sorted(products, key=lambda p: p.sku)

    def _load_snapshot(self) -> dict[str, Product] | None:
        """The published catalog, loaded once per container; None if none was published."""
        assert self.artifact is not None
        with self._snapshot_lock:
            if self._snapshot is None:
                from botocore.exceptions import BotoCoreError, ClientError

                try:
                    body = self.s3.get_object(Bucket=self.artifact.bucket, Key=self.artifact.key)
                    data = body["Body"].read()
                except ClientError as exc:
                    code = exc.response.get("Error", {}).get("Code", "")
                    if code in ("NoSuchKey", "404"):
                        log.warning(
                            "no catalog artifact published; scanning the catalog table",
                            extra={"bucket": self.artifact.bucket},
                        )
                        return None
                    raise StoreError(f"cannot read the catalog artifact: {code}") from exc
                except BotoCoreError as exc:
                    raise StoreError("cannot read the catalog artifact") from exc
                self._snapshot = {p.sku: p for p in products_from_artifact(data)}
            return self._snapshot

    def _scan_catalog(self, projection: str) -> Iterator[Item]:
        params: dict[str, Any] = {
            "TableName": self.catalog_table,
            "ProjectionExpression": projection,
        }
        while True:
            page = self._call("scan", **params)
            yield from page.get("Items", [])
            if not page.get("LastEvaluatedKey"):
                return
            params["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    def catalog_hashes(self) -> dict[str, str]:
        """sku -> content hash of what the catalog table holds (for a resumable import)."""
        return {
            item["sku"]["S"]: item.get("content_hash", {}).get("S", "")
            for item in self._scan_catalog("sku, content_hash")
        }

    def count_products(self) -> int:
        params: dict[str, Any] = {"TableName": self.catalog_table, "Select": "COUNT"}
        total = 0
        while True:
            page = self._call("scan", **params)
            total += int(page.get("Count", 0))
            if not page.get("LastEvaluatedKey"):
                return total
            params["ExclusiveStartKey"] = page["LastEvaluatedKey"]

    # ---- households and profiles ---------------------------------------------------------
    def put_household(self, household: Household) -> None:
        doc = _dump(ser.household_to_dict(household))
        hid = household.id
        users = list(dict.fromkeys(household.platform_user_ids))
        kept: set[str] = set()  # removed users now mapped to another household: leave them
        for attempt in range(self.conflict_retries + 1):
            old = self._get(_hh(hid), "HOUSEHOLD")
            version = _version(old)
            old_users = ser.household_from(_doc(old)).platform_user_ids if old else ()
            removed = [u for u in old_users if u not in users and u not in kept]
            items: list[dict[str, Any]] = [
                self._versioned_put(
                    {"pk": _s(_hh(hid)), "sk": _s("HOUSEHOLD"), "doc": _s(doc)}, version
                ),
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": {"pk": _s("HOUSEHOLDS"), "sk": _s(_part(hid)), "doc": _s(doc)},
                    }
                },
            ]
            items += [
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": {
                            "pk": _s(_key("USER", _part(u))),
                            "sk": _s("USER"),
                            "hid": _s(hid),
                            "doc": _s(doc),
                        },
                    }
                }
                for u in users
            ]
            items += [
                {
                    "Delete": {
                        "TableName": self.table,
                        "Key": {"pk": _s(_key("USER", _part(u))), "sk": _s("USER")},
                        "ConditionExpression": "attribute_not_exists(pk) OR hid = :me",
                        "ExpressionAttributeValues": {":me": _s(hid)},
                    }
                }
                for u in removed
            ]
            try:
                self._transact(items)
                return
            except _Cancelled as cancelled:
                first_removed = 2 + len(users)
                kept |= {u for i, u in enumerate(removed) if cancelled.failed(first_removed + i)}
                self._pause(attempt)
        raise StoreError("the household kept changing while it was saved")

    def _versioned_put(self, item: Item, version: int) -> dict[str, Any]:
        item = {**item, "v": _n(version + 1)}
        put: dict[str, Any] = {"TableName": self.table, "Item": item}
        if version == 0:
            put["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            put["ConditionExpression"] = "v = :v"
            put["ExpressionAttributeValues"] = {":v": _n(version)}
        return {"Put": put}

    def get_household(self, household_id: str) -> Household | None:
        item = self._get(_hh(household_id), "HOUSEHOLD")
        return ser.household_from(_doc(item)) if item else None

    def list_households(self) -> list[Household]:
        households = [ser.household_from(_doc(item)) for item in self._query("HOUSEHOLDS")]
        return sorted(households, key=lambda h: h.id)

    def household_for_user(self, platform_user_id: str) -> Household | None:
        item = self._get(_key("USER", _part(platform_user_id)), "USER")
        return ser.household_from(_doc(item)) if item else None

    def put_profile(self, profile: Profile) -> None:
        hid, pid = profile.household_id, profile.id
        doc = _dump(ser.profile_to_dict(profile))
        persons = list(dict.fromkeys(profile.person_ids))
        for attempt in range(self.conflict_retries + 1):
            old = self._get(_hh(hid), _key("PROFILE", _part(pid)))
            old_persons = ser.profile_from(_doc(old)).person_ids if old else ()
            items = [
                self._versioned_put(
                    {"pk": _s(_hh(hid)), "sk": _s(_key("PROFILE", _part(pid))), "doc": _s(doc)},
                    _version(old),
                )
            ]
            items += [
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": {
                            "pk": _s(_hh(hid)),
                            "sk": _s(_key("PERSON", _part(person))),
                            "profile_id": _s(pid),
                            "doc": _s(doc),  # a copy, so a turn knows the speaker in one read
                        },
                        "ConditionExpression": "attribute_not_exists(pk) OR profile_id = :me",
                        "ExpressionAttributeValues": {":me": _s(pid)},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                    }
                }
                for person in persons
            ]
            items += [
                {
                    "Delete": {
                        "TableName": self.table,
                        "Key": {"pk": _s(_hh(hid)), "sk": _s(_key("PERSON", _part(person)))},
                        "ConditionExpression": "attribute_not_exists(pk) OR profile_id = :me",
                        "ExpressionAttributeValues": {":me": _s(pid)},
                    }
                }
                for person in old_persons
                if person not in persons
            ]
            try:
                self._transact(items)
                return
            except _Cancelled as cancelled:
                for i in range(1, 1 + len(persons)):
                    if cancelled.failed(i):
                        owner = (cancelled.item(i) or {}).get("profile_id", {}).get("S", "another")
                        raise Conflict(f"that voice is already linked to profile {owner}") from None
                self._pause(attempt)
        raise StoreError("the profile kept changing while it was saved")

    def get_profile(self, household_id: str, profile_id: str) -> Profile | None:
        item = self._get(_hh(household_id), _key("PROFILE", _part(profile_id)))
        return ser.profile_from(_doc(item)) if item else None

    def profile_for_person(self, household_id: str, person_id: str) -> Profile | None:
        item = self._get(*self._person_key(household_id, person_id))
        if item is None:
            return None
        if "doc" in item:
            return ser.profile_from(_doc(item))
        return self.get_profile(household_id, item["profile_id"]["S"])  # written before copies

    def list_profiles(self, household_id: str) -> list[Profile]:
        items = self._query(_hh(household_id), prefix="PROFILE#")
        return sorted((ser.profile_from(_doc(item)) for item in items), key=lambda p: p.id)

    # ---- cart ----------------------------------------------------------------------------
    def get_cart(self, household_id: str) -> Cart:
        item = self._get(_hh(household_id), "CART")
        return ser.cart_from(_doc(item)) if item else Cart(household_id)

    def save_cart(self, cart: Cart) -> None:
        self._write_plain(self._cart_item(cart))

    def _cart_item(self, cart: Cart) -> Item:
        return {
            "pk": _s(_hh(cart.household_id)),
            "sk": _s("CART"),
            "doc": _s(_dump(ser.cart_to_dict(cart))),
        }

    # ---- orders and counters ---------------------------------------------------------------
    def _order_item(self, order: Order) -> Item:
        return {
            "pk": _s(_hh(order.household_id)),
            "sk": _s(_key("ORDER", _part(order.id))),
            "lsi1sk": _s(_key("ORDER", _ts(order.placed_at), _part(order.id))),
            "status": _s(order.status.value),
            "doc": _s(_dump(ser.order_to_dict(order))),
        }

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
        merged = _merge(increments)
        skus = list(dict.fromkeys(voice_order_skus))
        records: list[Item] = []
        if audit is not None:
            records.append(self._audit_item(audit))
        voice = [self._voice_update(sku, order.household_id, order.placed_at) for sku in skus]
        if effects.empties_cart:
            records.append(self._cart_item(Cart(order.household_id, updated_at=order.placed_at)))
        if effects.notification is not None:
            records.append(self._note_item(effects.notification))
        used = effects.consumes
        if 4 + len(merged) + len(records) + len(voice) > TRANSACTION_LIMIT:  # 45-odd skus
            return super().commit_order_with_records(
                order, increments, approval, audit, skus, effects
            )
        items: list[dict[str, Any]] = [
            {
                "Put": {
                    "TableName": self.table,
                    "Item": {
                        "pk": _s(_key("IDEM", _part(order.idempotency_key))),
                        "sk": _s("IDEM"),
                        "hid": _s(order.household_id),
                        "order_id": _s(order.id),
                        TTL_ATTRIBUTE: _n(_epoch(order.placed_at + IDEMPOTENCY_TTL)),
                    },
                    "ConditionExpression": "attribute_not_exists(pk)",
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                }
            }
        ]
        for key, (amount, room, _) in merged.items():
            update: dict[str, Any] = {
                "TableName": self.table,
                "Key": {"pk": _s(_key("COUNTER", _part(key))), "sk": _s("COUNTER")},
                "UpdateExpression": "ADD amount :amount",
                "ExpressionAttributeValues": {":amount": _n(amount)},
            }
            if room is not None:
                # A new counter starts at zero, so it fits exactly when the room is not negative.
                update["ConditionExpression"] = (
                    "attribute_not_exists(amount) OR amount <= :room"
                    if room >= 0
                    else "amount <= :room"
                )
                update["ExpressionAttributeValues"][":room"] = _n(room)
            items.append({"Update": update})
        items.append(
            {
                "Put": {
                    "TableName": self.table,
                    "Item": self._order_item(order),
                    "ConditionExpression": "attribute_not_exists(pk)",
                }
            }
        )
        if approval is not None:
            items.append(
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": self._approval_item(approval),
                        "ConditionExpression": "attribute_exists(pk) AND #status = :pending",
                        "ExpressionAttributeNames": {"#status": "status"},
                        "ExpressionAttributeValues": {":pending": _s(ApprovalStatus.PENDING.value)},
                        "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                    }
                }
            )
        items += [{"Put": {"TableName": self.table, "Item": record}} for record in records]
        items += [{"Update": update} for update in voice]
        if used is not None:
            pending = self._pending_key(used.household_id, used.device_id)
            items.append({"Delete": {"TableName": self.table, "Key": pending}})
        try:
            self._transact(items)
        except _Cancelled as cancelled:
            stored = self._commit_refused(order, merged, approval, cancelled)
            if used is not None:  # a repeat: the confirmation is used up all the same
                self.delete_pending(used.household_id, used.device_id)
            return stored, False
        return order, True

    def _commit_refused(
        self,
        order: Order,
        merged: dict[str, tuple[Decimal, Decimal | None, Decimal | None]],
        approval: Approval | None,
        cancelled: _Cancelled,
    ) -> Order:
        """Why the order transaction was refused: a repeat (return the order), a budget, or
        an approval decided meanwhile. In that order, as the SQLite store checks them."""
        if cancelled.failed(0):
            seen = cancelled.item(0) or {}
            stored = self.get_order(
                seen.get("hid", {}).get("S", order.household_id),
                seen.get("order_id", {}).get("S", order.id),
            )
            if stored is None:
                raise StoreError("an idempotency key points at a missing order")
            return stored
        for i, key in enumerate(merged, start=1):
            if cancelled.failed(i):
                raise BudgetExceeded(key, merged[key][2])
        if cancelled.failed(1 + len(merged)):
            # The idempotency record expired but the order (its id derived from the key) is there.
            stored = self.get_order(order.household_id, order.id)
            if stored is not None and stored.idempotency_key == order.idempotency_key:
                return stored
            raise Conflict("an order with that id already exists")
        if approval is not None and cancelled.failed(2 + len(merged)):
            raise _approval_refusal(cancelled.item(2 + len(merged)))
        raise StoreError("the order transaction was refused")

    def get_order(self, household_id: str, order_id: str) -> Order | None:
        item = self._get(_hh(household_id), _key("ORDER", _part(order_id)))
        return ser.order_from(_doc(item)) if item else None

    def list_orders(self, household_id: str, limit: int = 50) -> list[Order]:
        items = self._query(
            _hh(household_id), prefix="ORDER#", index="lsi1", newest_first=True, limit=limit
        )
        return [ser.order_from(_doc(item)) for item in items]

    def cancel_order(self, order: Order) -> Order:
        stored = self.get_order(order.household_id, order.id)
        if stored is None:
            raise NotFound("no such order")
        if stored.status is not OrderStatus.PLACED:
            raise Conflict(f"that order is already {stored.status.value}")
        items: list[dict[str, Any]] = [
            {
                "Put": {
                    "TableName": self.table,
                    "Item": self._order_item(order),
                    "ConditionExpression": "#status = :placed",
                    "ExpressionAttributeNames": {"#status": "status"},
                    "ExpressionAttributeValues": {":placed": _s(OrderStatus.PLACED.value)},
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                }
            }
        ]
        items += [
            {
                "Update": {
                    "TableName": self.table,
                    "Key": {"pk": _s(_key("COUNTER", _part(key))), "sk": _s("COUNTER")},
                    "UpdateExpression": "ADD amount :back",
                    "ExpressionAttributeValues": {":back": _n(-stored.total)},
                }
            }
            for key in dict.fromkeys(stored.counters)
        ]
        try:
            self._transact(items)
        except _Cancelled as cancelled:
            now = (cancelled.item(0) or {}).get("status", {}).get("S", "changed")
            raise Conflict(f"that order is already {now}") from None
        return order

    def set_order_status(
        self, household_id: str, order_id: str, status: OrderStatus, at: datetime
    ) -> Order:
        for attempt in range(self.conflict_retries + 1):
            item = self._get(_hh(household_id), _key("ORDER", _part(order_id)))
            if item is None:
                raise NotFound("no such order")
            order = ser.order_from(_doc(item))
            if order.status is OrderStatus.CANCELLED:
                raise Conflict("that order was cancelled")
            changes: dict[str, Any] = {"status": status}
            if status is OrderStatus.SHIPPED:
                changes["shipped_at"] = at
            order = replace(order, **changes)
            try:
                self._put(self._order_item(order), "doc = :old", {":old": item["doc"]})
                return order
            except _ConditionFailed:
                self._pause(attempt)
        raise StoreError("the order kept changing while its status was set")

    def get_counter(self, key: str) -> Decimal:
        item = self._get(_key("COUNTER", _part(key)), "COUNTER")
        return _money(item["amount"]["N"]) if item and "amount" in item else ZERO

    # ---- code attempts -------------------------------------------------------------------
    def _lock_key(self, household_id: str) -> dict[str, Any]:
        return {"pk": _s(_hh(household_id)), "sk": _s("CODELOCK")}

    def _remember_lock(self, household_id: str, item: Item | None) -> CodeLock:
        lock = CodeLock()
        if item is not None:
            until = item.get("locked_until", {}).get("S")
            lock = CodeLock(
                int(item.get("failures", {}).get("N", "0")),
                datetime.fromisoformat(until) if until else None,
                bool(item.get("hard_locked", {}).get("BOOL", False)),
            )
        with self._locks_lock:  # a server's threads share one store
            self._locks[household_id] = (_version(item), lock)
            self._locks.move_to_end(household_id)
            while len(self._locks) > 1024:
                self._locks.popitem(last=False)
        return lock

    def _write_lock(self, household_id: str, lock: CodeLock, version: int) -> None:
        item: Item = {
            **self._lock_key(household_id),
            "failures": _n(lock.failures),
            "hard_locked": {"BOOL": lock.hard_locked},
        }
        if lock.locked_until is not None:
            item["locked_until"] = _s(lock.locked_until.isoformat())
        self._call("put_item", **self._versioned_put(item, version)["Put"])
        self._remember_lock(household_id, {**item, "v": _n(version + 1)})

    def get_code_lock(self, household_id: str) -> CodeLock:
        return self._remember_lock(household_id, self._get(_hh(household_id), "CODELOCK"))

    def record_code_failure(
        self, household_id: str, now: datetime, policy: GuardPolicy
    ) -> CodeLock:
        known = self._locks.get(household_id)
        for attempt in range(self.conflict_retries + 1):
            if known is None:
                item = self._get(_hh(household_id), "CODELOCK")
                known = (_version(item), self._remember_lock(household_id, item))
            version, lock = known
            after = lock.after_failure(now, policy)
            try:
                self._write_lock(household_id, after, version)
                return after
            except _ConditionFailed:
                known = None  # someone else counted one meanwhile: read and count again
                if attempt:
                    self._pause(attempt)
        raise StoreError("too many concurrent wrong codes to count")

    def clear_code_failures(self, household_id: str) -> None:
        # Kept as a cleared record with a higher version rather than deleted, so a version a
        # container remembers can never come back and match a different state.
        # In a turn it is held and goes with the order the right code placed.
        lock = self._lock_key(household_id)
        update: dict[str, Any] = {
            "TableName": self.table,
            "Key": lock,
            "UpdateExpression": "SET failures = :zero, hard_locked = :no "
            "REMOVE locked_until ADD v :one",
            "ExpressionAttributeValues": {":zero": _n(0), ":no": {"BOOL": False}, ":one": _n(1)},
        }
        turn = current(self)
        if turn is None:
            self._call("update_item", **update)
        else:
            turn.hold(key_of(lock), {"Update": update}, None)
            turn.cache.pop(key_of(lock), None)  # read again if asked: version moved
        self._locks.pop(household_id, None)

    # ---- approvals -------------------------------------------------------------------------
    def _approval_item(self, approval: Approval) -> Item:
        return {
            "pk": _s(_hh(approval.household_id)),
            "sk": _s(_key("APPROVAL", _part(approval.id))),
            "lsi1sk": _s(_key("APPROVAL", _ts(approval.created_at), _part(approval.id))),
            "status": _s(approval.status.value),
            "doc": _s(_dump(ser.approval_to_dict(approval))),
            TTL_ATTRIBUTE: _n(_epoch(approval.expires_at + APPROVAL_RETENTION)),
        }

    def add_approval(self, approval: Approval) -> Approval:
        try:
            self._put(self._approval_item(approval), "attribute_not_exists(pk)", return_old=True)
        except _ConditionFailed as exists:
            if exists.item and "doc" in exists.item:
                return ser.approval_from(_doc(exists.item))
            stored = self.get_approval(approval.household_id, approval.id)
            if stored is None:
                raise StoreError("an approval vanished while it was added") from None
            return stored
        return approval

    def get_approval(self, household_id: str, approval_id: str) -> Approval | None:
        item = self._get(_hh(household_id), _key("APPROVAL", _part(approval_id)))
        return ser.approval_from(_doc(item)) if item else None

    def list_approvals(
        self, household_id: str, status: ApprovalStatus | None = None, now: datetime | None = None
    ) -> list[Approval]:
        items = self._query(_hh(household_id), prefix="APPROVAL#", index="lsi1", newest_first=True)
        approvals = [ser.approval_from(_doc(item)) for item in items]
        if status is None:
            return approvals
        return [a for a in approvals if (a.status_at(now) if now else a.status) is status]

    def decide_approval(self, approval: Approval) -> Approval:
        try:
            self._put(
                self._approval_item(approval),
                "attribute_exists(pk) AND #status = :pending",
                {":pending": _s(ApprovalStatus.PENDING.value)},
                {"#status": "status"},
                return_old=True,
            )
        except _ConditionFailed as refused:
            item = refused.item
            if item is None:  # an older server that does not return the item: look
                item = self._get(_hh(approval.household_id), _key("APPROVAL", _part(approval.id)))
            raise _approval_refusal(item) from None
        return approval

    # ---- pending purchases -----------------------------------------------------------------
    def put_pending(self, pending: PendingPurchase) -> None:
        self._write_plain(
            {
                "pk": _s(_hh(pending.household_id)),
                "sk": _s(_key("PENDING", _part(pending.device_id))),
                "doc": _s(_dump(ser.pending_to_dict(pending))),
                TTL_ATTRIBUTE: _n(_epoch(pending.expires_at + PENDING_GRACE)),
            }
        )

    def get_pending(self, household_id: str, device_id: str) -> PendingPurchase | None:
        item = self._get(_hh(household_id), _key("PENDING", _part(device_id)))
        return ser.pending_from(_doc(item)) if item else None

    def delete_pending(self, household_id: str, device_id: str) -> None:
        self._write_plain(key=self._pending_key(household_id, device_id))

    def _pending_key(self, household_id: str, device_id: str) -> Item:
        return {"pk": _s(_hh(household_id)), "sk": _s(_key("PENDING", _part(device_id)))}

    # ---- audit, notifications, broadcast -----------------------------------------------------
    def _audit_item(self, entry: AuditEntry) -> Item:
        tail = _key(_ts(entry.at), _seq(), _part(entry.id))
        return {
            "pk": _s(_hh(entry.household_id)),
            "sk": _s(_key("AUDIT", tail)),
            "lsi1sk": _s(_key("AUDIT", "P", _part(entry.profile_id), tail)),
            "lsi2sk": _s(_key("AUDIT", "O", _part(entry.outcome), tail)),
            "profile_id": _s(entry.profile_id),
            "outcome": _s(entry.outcome),
            "doc": _s(_dump(ser.audit_to_dict(entry))),
        }

    def append_audit(self, entry: AuditEntry) -> None:
        self._write_plain(self._audit_item(entry))

    def list_audit(
        self,
        household_id: str,
        limit: int = 50,
        offset: int = 0,
        profile_id: str | None = None,
        outcome: str | None = None,
    ) -> list[AuditEntry]:
        want = max(0, offset) + max(0, limit)
        if want == 0:
            return []
        pk = _hh(household_id)
        if profile_id is not None:
            # Within one profile's entries; an outcome on top is filtered on that query.
            items = self._query(
                pk,
                prefix=_key("AUDIT", "P", _part(profile_id), ""),
                index="lsi1",
                newest_first=True,
                limit=want,
                filter_expression="outcome = :outcome" if outcome is not None else None,
                filter_values={":outcome": _s(outcome)} if outcome is not None else None,
            )
        elif outcome is not None:
            items = self._query(
                pk,
                prefix=_key("AUDIT", "O", _part(outcome), ""),
                index="lsi2",
                newest_first=True,
                limit=want,
            )
        else:
            items = self._query(pk, prefix="AUDIT#", newest_first=True, limit=want)
        return [ser.audit_from(_doc(item)) for item in items[offset:want]]

    def append_notification(self, note: Notification) -> None:
        self._write_plain(self._note_item(note))

    def _note_item(self, note: Notification) -> Item:
        return {
            "pk": _s(_hh(note.household_id)),
            "sk": _s(_key("NOTE", _ts(note.at), _seq(), _part(note.id))),
            "doc": _s(_dump(ser.notification_to_dict(note))),
        }

    def list_notifications(self, household_id: str, limit: int = 50) -> list[Notification]:
        items = self._query(_hh(household_id), prefix="NOTE#", newest_first=True, limit=limit)
        return [ser.notification_from(_doc(item)) for item in items]

    def _voice_update(self, sku: str, household_id: str, at: datetime) -> dict[str, Any]:
        """The Update recording that `household_id` ordered `sku` by voice at `at`."""
        bucket = _voice_bucket(at)
        return {
            "TableName": self.table,
            "Key": {"pk": _s(_voice_pk(sku)), "sk": _s(_voice_sk(bucket, _shard(household_id)))},
            "UpdateExpression": "SET #h = :at, #ttl = :ttl",
            "ExpressionAttributeNames": {"#h": VOICE_PREFIX + household_id, "#ttl": TTL_ATTRIBUTE},
            "ExpressionAttributeValues": {
                ":at": _s(_ts(at)),
                ":ttl": _n(_epoch(bucket + VOICE_BUCKET + VOICE_ORDER_TTL)),
            },
        }

    def record_voice_order(self, sku: str, household_id: str, at: datetime) -> None:
        self._call("update_item", **self._voice_update(sku, household_id, at))

    def households_ordering(self, sku: str, since: datetime) -> set[str]:
        """Every bucket from the one holding `since` on: one Query."""
        items = self._query(_voice_pk(sku), since=_voice_sk(_voice_bucket(since), 0))
        return _voice_households(items, _ts(since))

    # ---- batched operations ----------------------------------------------------------------
    def read_guard_state(
        self,
        household_id: str,
        counter_keys: Sequence[str],
        skus: Sequence[str],
        since: datetime,
        until: datetime | None = None,
    ) -> GuardState:
        """The lock, every counter and each sku's voice-order buckets from `since` to `until`
        (now), all by key: one BatchGetItem for up to 100 keys (none for what the turn read
        already). Without `until`, or for a window over an hour, one Query per sku."""
        lock_key = (_hh(household_id), "CODELOCK")
        counter_items = {k: (_key("COUNTER", _part(k)), "COUNTER") for k in counter_keys}
        wanted = list(dict.fromkeys(skus))
        # A long window (a policy of hours) touches many buckets: a Query per sku reads less.
        near = until is not None and until - since <= VOICE_KEYED_WINDOW
        buckets = _voice_buckets(since, until) if near and until is not None else None
        voice_keys = {
            sku: [(_voice_pk(sku), _voice_sk(b, shard)) for b in buckets for shard in _SHARDS]
            for sku in (wanted if buckets is not None else ())
        }
        found = self._read_keys(
            [lock_key, *counter_items.values(), *(k for ks in voice_keys.values() for k in ks)]
        )
        lock = self._remember_lock(household_id, found[lock_key])
        counters: dict[str, Decimal] = {}
        for key in counter_keys:
            item = found[counter_items[key]]
            counters[key] = _money(item["amount"]["N"]) if item and "amount" in item else ZERO
        if buckets is None:
            ordering = {sku: self.households_ordering(sku, since) for sku in wanted}
        else:
            first = _ts(since)
            ordering = {
                sku: _voice_households([item for key in keys if (item := found[key])], first)
                for sku, keys in voice_keys.items()
            }
        return GuardState(lock, counters, ordering)

    # ---- parent sign-in (web) ----------------------------------------------------------------
    def get_parent_login(self, household_id: str) -> ParentLogin | None:
        item = self._get(_hh(household_id), "LOGIN")
        return ParentLogin.from_dict(_doc(item)) if item else None

    def find_parent_login(self, email: str) -> ParentLogin | None:
        item = self._get(_key("EMAIL", _part(email)), "EMAIL")
        return ParentLogin.from_dict(_doc(item)) if item else None

    def set_parent_login(self, login: ParentLogin) -> None:
        hid = login.household_id
        doc = _dump(login.to_dict())
        for attempt in range(self.conflict_retries + 1):
            old = self._get(_hh(hid), "LOGIN")
            old_email = ParentLogin.from_dict(_doc(old)).email if old else None
            items = [
                self._versioned_put(
                    {"pk": _s(_hh(hid)), "sk": _s("LOGIN"), "doc": _s(doc)}, _version(old)
                ),
                {
                    "Put": {
                        "TableName": self.table,
                        "Item": {
                            "pk": _s(_key("EMAIL", _part(login.email))),
                            "sk": _s("EMAIL"),
                            "hid": _s(hid),
                            "doc": _s(doc),
                        },
                        "ConditionExpression": "attribute_not_exists(pk) OR hid = :me",
                        "ExpressionAttributeValues": {":me": _s(hid)},
                    }
                },
            ]
            if old_email is not None and old_email != login.email:
                items.append(
                    {
                        "Delete": {
                            "TableName": self.table,
                            "Key": {"pk": _s(_key("EMAIL", _part(old_email))), "sk": _s("EMAIL")},
                            "ConditionExpression": "attribute_not_exists(pk) OR hid = :me",
                            "ExpressionAttributeValues": {":me": _s(hid)},
                        }
                    }
                )
            try:
                self._transact(items)
                return
            except _Cancelled as cancelled:
                if cancelled.failed(1):
                    raise Conflict(
                        "that e-mail address already signs in to another household"
                    ) from None
                self._pause(attempt)
        raise StoreError("the parent login kept changing while it was saved")

    def _token_items(self, token: ApiToken) -> tuple[Item, Item]:
        doc = _dump(token.to_dict())
        own = {
            "pk": _s(_hh(token.household_id)),
            "sk": _s(_key("TOKEN", _part(token.id))),
            "doc": _s(doc),
        }
        by_hash = {
            "pk": _s(_key("TOKENHASH", token.token_hash)),
            "sk": _s("TOKENHASH"),
            "hid": _s(token.household_id),
            "doc": _s(doc),
        }
        return own, by_hash

    def add_api_token(self, token: ApiToken) -> None:
        own, by_hash = self._token_items(token)
        marker = {
            "pk": _s(_key("TOKENID", _part(token.id))),
            "sk": _s("TOKENID"),
            "hid": _s(token.household_id),
        }
        try:
            self._transact(
                [
                    {
                        "Put": {
                            "TableName": self.table,
                            "Item": item,
                            "ConditionExpression": "attribute_not_exists(pk)",
                        }
                    }
                    for item in (own, marker, by_hash)
                ]
            )
        except _Cancelled:
            raise Conflict("that token already exists") from None

    def list_api_tokens(self, household_id: str) -> list[ApiToken]:
        tokens = [
            ApiToken.from_dict(_doc(item))
            for item in self._query(_hh(household_id), prefix="TOKEN#")
        ]
        tokens.sort(key=lambda t: t.id)
        tokens.sort(key=lambda t: t.created_at, reverse=True)
        return tokens

    def find_api_token(self, token_hash: str) -> ApiToken | None:
        item = self._get(_key("TOKENHASH", token_hash), "TOKENHASH")
        return ApiToken.from_dict(_doc(item)) if item else None

    def revoke_api_token(self, household_id: str, token_id: str, at: datetime) -> ApiToken:
        for attempt in range(self.conflict_retries + 1):
            item = self._get(_hh(household_id), _key("TOKEN", _part(token_id)))
            if item is None:
                raise NotFound("no such token")
            token = ApiToken.from_dict(_doc(item))
            if token.revoked_at is not None:
                return token
            revoked = replace(token, revoked_at=at)
            own, by_hash = self._token_items(revoked)
            try:
                self._transact(
                    [
                        {
                            "Put": {
                                "TableName": self.table,
                                "Item": own,
                                "ConditionExpression": "doc = :old",
                                "ExpressionAttributeValues": {":old": item["doc"]},
                            }
                        },
                        {"Put": {"TableName": self.table, "Item": by_hash}},
                    ]
                )
                return revoked
            except _Cancelled:
                self._pause(attempt)
        raise StoreError("the token kept changing while it was revoked")

    def count_sign_in_attempt(self, key: str, now: datetime, window: timedelta) -> AttemptCount:
        pk = {"pk": _s(_key("SIGNIN", _part(key))), "sk": _s("SIGNIN")}
        now_us = _n(int(now.timestamp() * 1_000_000))
        for attempt in range(self.conflict_retries + 1):
            try:  # the usual case: one more in the current window
                new = self._call(
                    "update_item",
                    TableName=self.table,
                    Key=pk,
                    UpdateExpression="ADD #count :one",
                    ConditionExpression="ends_us > :now",
                    ExpressionAttributeNames={"#count": "count"},
                    ExpressionAttributeValues={":one": _n(1), ":now": now_us},
                    ReturnValues="ALL_NEW",
                )["Attributes"]
                return AttemptCount(
                    int(new["count"]["N"]), datetime.fromisoformat(new["window_ends"]["S"])
                )
            except _ConditionFailed:
                pass
            ends = now + window
            try:  # no window, or it ended: this attempt opens a new one
                self._put(
                    {
                        **pk,
                        "count": _n(1),
                        "window_ends": _s(ends.isoformat()),
                        "ends_us": _n(int(ends.timestamp() * 1_000_000)),
                        TTL_ATTRIBUTE: _n(_epoch(ends + SIGN_IN_GRACE)),
                    },
                    "attribute_not_exists(pk) OR ends_us <= :now",
                    {":now": now_us},
                )
                return AttemptCount(1, ends)
            except _ConditionFailed:
                self._pause(attempt)  # another attempt opened the window first: count in it
        raise StoreError("too many concurrent sign-in attempts to count")

    def clear_sign_in_attempts(self, key: str) -> None:
        self._delete(_key("SIGNIN", _part(key)), "SIGNIN")


def _conditional(
    params: dict[str, Any],
    condition: str | None,
    values: dict[str, Any] | None,
    names: dict[str, str] | None,
    return_old: bool,
) -> None:
    if condition:
        params["ConditionExpression"] = condition
    if values:
        params["ExpressionAttributeValues"] = values
    if names:
        params["ExpressionAttributeNames"] = names
    if return_old:
        params["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"


def _approval_refusal(item: Item | None) -> Exception:
    if item is None or "status" not in item:
        return NotFound("no such request")
    return Conflict(f"that request is already {item['status']['S']}")


def create_tables(client: Any, table: str, catalog_table: str) -> None:
    """Create both tables (on-demand, TTL on), as template.yaml declares them. For tests and
    for a DynamoDB-compatible server on a developer's machine; on AWS, `sam deploy` does it."""
    client.create_table(TableName=table, BillingMode="PAY_PER_REQUEST", **DATA_KEYS)
    client.create_table(TableName=catalog_table, BillingMode="PAY_PER_REQUEST", **CATALOG_KEYS)
    for name in (table, catalog_table):
        client.get_waiter("table_exists").wait(
            TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50}
        )
    client.update_time_to_live(
        TableName=table, TimeToLiveSpecification={"Enabled": True, "AttributeName": TTL_ATTRIBUTE}
    )


def delete_tables(client: Any, *tables: str) -> None:
    for name in tables:
        client.delete_table(TableName=name)
