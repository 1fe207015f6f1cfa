"""Voice codes are a keyed hash (HMAC-SHA256 under an HKDF subkey of the app's secret key);
argon2id hashes from before still verify; parent passwords stay argon2id."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import pytest

from tests.support import what_a_record_says
from voicecart.domain import codes
from voicecart.domain.errors import ValidationError

KEY_A = "first-secret-key-for-voice-code-tests"
KEY_B = "second-secret-key-for-voice-code-tests"


@pytest.fixture
def key() -> Iterator[list[str]]:
    """The secret key the codes module sees; a test changes it by assigning key[0]."""
    current = [KEY_A]
    codes.use_secret_key(lambda: current[0])
    yield current
    codes.use_secret_key(lambda: os.environ["VOICECART_SECRET_KEY"])


def test_hash_format_and_round_trip(key: list[str]) -> None:
    hashed = codes.hash_code("2580")
    scheme, version, fingerprint, salt, mac = hashed.split("$")
    assert (scheme, version) == ("hmac-sha256", "v1")
    assert fingerprint == codes.key_fingerprint()
    assert len(salt) == 22 and len(mac) == 43  # 16 and 32 bytes, base64 without padding
    assert "2580" not in hashed
    assert codes.verify_code(hashed, "2580")
    assert codes.verify_code(hashed, " 2580 ")
    assert not codes.verify_code(hashed, "2581")
    assert not codes.verify_code(None, "2580")


def test_each_hash_has_its_own_salt(key: list[str]) -> None:
    assert codes.hash_code("2580") != codes.hash_code("2580")


def test_malformed_code_is_a_validation_error_not_a_wrong_code(key: list[str]) -> None:
    hashed = codes.hash_code("2580")
    with pytest.raises(ValidationError):
        codes.verify_code(hashed, "25")


def test_hash_under_another_key_never_matches_and_warns_without_the_code(
    key: list[str], caplog: pytest.LogCaptureFixture
) -> None:
    hashed = codes.hash_code("2580")
    key[0] = KEY_B
    with caplog.at_level(logging.WARNING, logger="voicecart.codes"):
        assert not codes.verify_code(hashed, "2580")
    assert "another secret key" in caplog.text
    for record in caplog.records:
        assert "2580" not in what_a_record_says(record)
    key[0] = KEY_A
    assert codes.verify_code(hashed, "2580")


def test_the_mac_depends_on_the_key_not_only_the_fingerprint(key: list[str]) -> None:
    """Forging the fingerprint does not help: the MAC is checked under the current key."""
    hashed = codes.hash_code("2580")
    key[0] = KEY_B
    _, _, _, salt, mac = hashed.split("$")
    forged = f"hmac-sha256$v1${codes.key_fingerprint()}${salt}${mac}"
    assert not codes.verify_code(forged, "2580")


@pytest.mark.parametrize(
    "broken",
    [
        "hmac-sha256$v1$",
        "hmac-sha256$v1$fp$salt",
        "hmac-sha256$v1$fp$s$m$extra",
        "hmac-sha256$v2$fp$s$m",
        "plain-1234",
        "",
    ],
)
def test_malformed_hashes_are_false(key: list[str], broken: str) -> None:
    assert not codes.verify_code(broken, "1234")


def test_corrupt_base64_is_false(key: list[str]) -> None:
    scheme, version, fingerprint, salt, mac = codes.hash_code("1234").split("$")
    assert not codes.verify_code(f"{scheme}${version}${fingerprint}$!!!${mac}", "1234")


def test_legacy_argon2_hashes_still_verify(key: list[str]) -> None:
    from argon2 import PasswordHasher

    legacy = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("1234")
    assert codes.is_legacy_hash(legacy)
    assert codes.verify_code(legacy, "1234")
    assert not codes.verify_code(legacy, "4321")
    key[0] = KEY_B  # the secret key plays no part in a legacy hash
    assert codes.verify_code(legacy, "1234")


def test_no_key_fails_closed() -> None:
    codes.use_secret_key(None)
    try:
        with pytest.raises(codes.CodeKeyMissing):
            codes.hash_code("1234")
        codes.use_secret_key("short")
        with pytest.raises(codes.CodeKeyMissing):
            codes.hash_code("1234")
    finally:
        codes.use_secret_key(lambda: os.environ["VOICECART_SECRET_KEY"])


def test_key_source_is_called_lazily() -> None:
    calls: list[int] = []

    def source() -> str:
        calls.append(1)
        return KEY_A

    try:
        codes.use_secret_key(source)
        assert calls == []
        codes.verify_code(codes.hash_code("1234"), "1234")
        assert calls
    finally:
        codes.use_secret_key(lambda: os.environ["VOICECART_SECRET_KEY"])


def test_passwords_stay_argon2id() -> None:
    hashed = codes.hash_secret("correct horse battery")
    assert hashed.startswith("$argon2id$")
    assert codes.verify_secret(hashed, "correct horse battery")
    assert not codes.verify_secret(hashed, "wrong horse battery")
    with pytest.raises(ValidationError):
        codes.hash_secret("short")
