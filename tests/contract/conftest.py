"""Every store adapter runs the same contract. Add a factory here to enrol an adapter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.dynamodb_loopback import fresh_tables, loopback_dynamodb  # noqa: F401 (a fixture)
from voicecart.ports import Store

StoreFactory = Callable[[], Store]


def _sqlite(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StoreFactory]:
    from voicecart.adapters.sqlite import SQLiteStore

    def make() -> Store:
        return SQLiteStore(tmp_path / "contract.db")

    yield make


def _dynamodb(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StoreFactory]:
    """A real DynamoDB API (moto's server on loopback), fresh tables for every test."""
    from voicecart.adapters.dynamodb import DynamoDBStore

    server = request.getfixturevalue("loopback_dynamodb")
    client = server.client()  # thread-safe; shared like one Lambda container's client
    with fresh_tables(server) as (table, catalog):

        def make() -> Store:
            return DynamoDBStore(table, catalog, client=client)

        yield make


FACTORIES = {"sqlite": _sqlite, "dynamodb": _dynamodb}


@pytest.fixture(params=sorted(FACTORIES))
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    yield from FACTORIES[request.param](tmp_path, request)


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    return store_factory()
