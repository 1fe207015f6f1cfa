"""The DynamoDB adapter's edges, with botocore's Stubber (no server): retries of conflicting
transactions and throttling, errors wrapped in StoreError, nothing done at import time."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest

from voicecart.adapters.dynamodb import DynamoDBStore
from voicecart.adapters.ssm import export_secret_key, export_secrets
from voicecart.domain.errors import BudgetExceeded, StoreError
from voicecart.domain.orders import Order, OrderStatus
from voicecart.ports import CounterIncrement

T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
ORDER = Order(
    id="VCk1",
    household_id="h1",
    profile_id="parent",
    lines=(),
    subtotal=Decimal("7"),
    tax=Decimal("0"),
    total=Decimal("7.00"),
    status=OrderStatus.PLACED,
    placed_at=T0,
    delivery_date=date(2026, 11, 25),
    idempotency_key="k1",
    counters=("day",),
)
DAY = [CounterIncrement("day", Decimal("7.00"), Decimal("10.00"))]


def stubbed() -> tuple[DynamoDBStore, Any]:
    import boto3
    from botocore.stub import Stubber

    client = boto3.session.Session().client(
        "dynamodb", region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )
    store = DynamoDBStore("data", "catalog", client=client, conflict_retries=3, backoff_base=0)
    return store, Stubber(client)


def cancelled(stub: Any, *codes: str) -> None:
    stub.add_client_error(
        "transact_write_items",
        service_error_code="TransactionCanceledException",
        service_message="Transaction cancelled",
        modeled_fields={"CancellationReasons": [{"Code": c} for c in codes]},
    )


def test_a_conflicting_transaction_is_tried_again() -> None:
    store, stub = stubbed()
    cancelled(stub, "None", "TransactionConflict", "None")
    cancelled(stub, "TransactionConflict", "None", "None")
    stub.add_response("transact_write_items", {})
    with stub:
        stored, created = store.commit_order(ORDER, DAY)
    assert created and stored == ORDER
    stub.assert_no_pending_responses()


def test_conflicts_that_do_not_stop_become_a_store_error() -> None:
    store, stub = stubbed()
    for _ in range(4):
        cancelled(stub, "None", "TransactionConflict", "None")
    with stub, pytest.raises(StoreError) as info:
        store.commit_order(ORDER, DAY)
    from botocore.exceptions import ClientError

    assert isinstance(info.value.__cause__, ClientError)


def test_a_refused_counter_is_a_budget_not_a_retry() -> None:
    store, stub = stubbed()
    cancelled(stub, "None", "ConditionalCheckFailed", "None")
    with stub, pytest.raises(BudgetExceeded) as info:
        store.commit_order(ORDER, DAY)
    assert (info.value.counter_key, info.value.limit) == ("day", Decimal("10.00"))


def test_the_budget_condition_reads_room_left() -> None:
    store, stub = stubbed()
    expected_update = {
        "TableName": "data",
        "Key": {"pk": {"S": "COUNTER#day"}, "sk": {"S": "COUNTER"}},
        "UpdateExpression": "ADD amount :amount",
        "ConditionExpression": "attribute_not_exists(amount) OR amount <= :room",
        "ExpressionAttributeValues": {":amount": {"N": "7.00"}, ":room": {"N": "3.00"}},
    }
    seen: list[dict[str, Any]] = []
    store.client.meta.events.register(
        "provide-client-params.dynamodb.TransactWriteItems", lambda params, **_: seen.append(params)
    )
    stub.add_response("transact_write_items", {})
    with stub:
        store.commit_order(ORDER, DAY)
    assert seen[0]["TransactItems"][1] == {"Update": expected_update}


def test_throttling_the_sdk_retried_is_reported_not_retried_again() -> None:
    """The client retries throttling itself (three attempts, with backoff: see the spoken
    test in test_dynamodb_round_trips.py); the adapter must not multiply those waits."""
    store, stub = stubbed()
    stub.add_client_error(
        "get_item", service_error_code="ThrottlingException", http_status_code=400
    )
    with stub, pytest.raises(StoreError) as info:
        store.get_cart("h1")
    assert "ThrottlingException" in str(info.value)
    stub.assert_no_pending_responses()


def test_an_unreachable_endpoint_is_a_store_error() -> None:
    from botocore.exceptions import EndpointConnectionError

    class Down:
        def get_item(self, **_: Any) -> None:
            raise EndpointConnectionError(endpoint_url="https://dynamodb.example")

    store = DynamoDBStore("data", client=Down())
    with pytest.raises(StoreError) as info:
        store.get_cart("h1")
    assert isinstance(info.value.__cause__, EndpointConnectionError)


def test_nothing_happens_at_import_or_construction() -> None:
    code = (
        "import sys; import voicecart.adapters.dynamodb as d, voicecart.adapters.sns, "
        "voicecart.adapters.dynamodb_import, voicecart.adapters.ssm; "
        "d.DynamoDBStore('t'); "
        "print(sorted(m for m in ('boto3', 'botocore') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    assert out == "[]"


def test_from_env_needs_a_table() -> None:
    with pytest.raises(StoreError):
        DynamoDBStore.from_env({})
    store = DynamoDBStore.from_env(
        {"VOICECART_TABLE": "d", "VOICECART_CATALOG_TABLE": "c", "VOICECART_CATALOG_BUCKET": "b"}
    )
    assert (store.table, store.catalog_table) == ("d", "c")
    assert store.artifact is not None and store.artifact.bucket == "b"


class FakeSsm:
    """GetParameters as SSM answers it: the values it has, the names it has not."""

    def __init__(self, **values: str) -> None:
        self.values = values
        self.asked: list[dict[str, Any]] = []

    def get_parameters(self, Names: list[str], WithDecryption: bool) -> dict[str, Any]:  # noqa: N803
        self.asked.append({"Names": Names, "WithDecryption": WithDecryption})
        return {
            "Parameters": [{"Name": n, "Value": self.values[n]} for n in Names if n in self.values],
            "InvalidParameters": [n for n in Names if n not in self.values],
        }


KEY, HOOK = "/voicecart/dev/secret-key", "/voicecart/dev/google-webhook-secret"


def test_both_secrets_are_read_once_in_one_request() -> None:
    env = {"VOICECART_SECRET_KEY_PARAMETER": KEY, "VOICECART_GOOGLE_SECRET_PARAMETER": HOOK}
    ssm = FakeSsm(**{KEY: "k" * 48, HOOK: "h" * 24})
    assert export_secrets(env, ssm) == ["VOICECART_SECRET_KEY", "VOICECART_GOOGLE_SECRET"]
    assert export_secrets(env, ssm) == []
    assert (env["VOICECART_SECRET_KEY"], env["VOICECART_GOOGLE_SECRET"]) == ("k" * 48, "h" * 24)
    assert ssm.asked == [{"Names": [KEY, HOOK], "WithDecryption": True}]


def test_the_skill_function_reads_only_the_key_and_a_set_value_wins() -> None:
    env = {"VOICECART_SECRET_KEY_PARAMETER": KEY}
    ssm = FakeSsm(**{KEY: "k" * 48})
    assert export_secret_key(env, ssm) is True
    assert ssm.asked == [{"Names": [KEY], "WithDecryption": True}]
    given = {"VOICECART_SECRET_KEY_PARAMETER": KEY, "VOICECART_SECRET_KEY": "x" * 40}
    assert export_secret_key(given, ssm) is False and given["VOICECART_SECRET_KEY"] == "x" * 40


def test_a_missing_or_short_secret_is_refused_without_showing_it() -> None:
    with pytest.raises(StoreError, match="no parameter /voicecart/dev/secret-key"):
        export_secrets({"VOICECART_SECRET_KEY_PARAMETER": KEY}, FakeSsm())
    with pytest.raises(StoreError, match="too short") as refused:
        export_secrets({"VOICECART_SECRET_KEY_PARAMETER": KEY}, FakeSsm(**{KEY: "short"}))
    assert "short (" in str(refused.value) and "'short'" not in str(refused.value)
