"""bootstrap wires the one application secret key into the voice codes, lazily."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from voicecart.bootstrap import build, secret_key_source
from voicecart.config import Config
from voicecart.domain import codes


@pytest.fixture(autouse=True)
def _restore_codes_key() -> object:
    yield None
    codes.use_secret_key(lambda: os.environ["VOICECART_SECRET_KEY"])


def test_env_key_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VOICECART_SECRET_KEY", "an-environment-secret-key-of-some-length")
    source = secret_key_source(Config(db_path=tmp_path / "v.db"))
    assert source() == "an-environment-secret-key-of-some-length"
    assert not (tmp_path / "voicecart-secret-key").exists()


def test_sqlite_key_file_is_shared_by_every_process_on_the_database(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VOICECART_SECRET_KEY", raising=False)
    monkeypatch.delenv("VOICECART_SECRET_KEY_PARAMETER", raising=False)
    db = tmp_path / "v.db"
    first = build(Config(db_path=db, demo=True))
    hashed = first.store.get_household("demo").code_hash  # type: ignore[union-attr]
    assert hashed is not None and hashed.startswith("hmac-sha256$v1$")
    key_file = tmp_path / "voicecart-secret-key"
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    # Another process (here: another build) on the same database reads the same key.
    codes.use_secret_key(None)
    build(Config(db_path=db))
    assert codes.verify_code(hashed, "1234")


def test_the_key_is_read_on_the_first_code_check_not_at_build(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("VOICECART_SECRET_KEY", raising=False)
    monkeypatch.setenv("VOICECART_SECRET_KEY_PARAMETER", "/voicecart/test/secret-key")
    read: list[str] = []

    def fake_export() -> bool:
        read.append("ssm")
        os.environ["VOICECART_SECRET_KEY"] = "k" * 48
        return True

    monkeypatch.setattr("voicecart.adapters.ssm.export_secret_key", fake_export)
    build(Config(db_path=tmp_path / "v.db"))
    assert read == []
    assert codes.verify_code(codes.hash_code("2468"), "2468")
    assert read == ["ssm"]


def test_dynamodb_without_a_key_fails_closed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICECART_SECRET_KEY", raising=False)
    monkeypatch.delenv("VOICECART_SECRET_KEY_PARAMETER", raising=False)
    source = secret_key_source(Config(db_path=Path("/nonexistent/v.db"), store="dynamodb"))
    with pytest.raises(codes.CodeKeyMissing):
        source()


def test_in_memory_database_gets_a_process_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOICECART_SECRET_KEY", raising=False)
    monkeypatch.delenv("VOICECART_SECRET_KEY_PARAMETER", raising=False)
    source = secret_key_source(Config(db_path=Path(":memory:")))
    assert source() == source() and len(source()) >= 40
