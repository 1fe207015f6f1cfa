"""Every store adapter runs the same contract. Add a factory here to enrol an adapter."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from voicecart.ports import Store

StoreFactory = Callable[[], Store]


def _sqlite(tmp_path: Path) -> Iterator[StoreFactory]:
    from voicecart.adapters.sqlite import SQLiteStore

    def make() -> Store:
        return SQLiteStore(tmp_path / "contract.db")

    yield make


FACTORIES = {"sqlite": _sqlite}


@pytest.fixture(params=sorted(FACTORIES))
def store_factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[StoreFactory]:
    yield from FACTORIES[request.param](tmp_path)


@pytest.fixture
def store(store_factory: StoreFactory) -> Store:
    return store_factory()
