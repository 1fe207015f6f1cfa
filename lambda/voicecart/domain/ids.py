"""Identifiers: random where new, derived where a retry must land on the same record."""

from __future__ import annotations

import hashlib
import secrets

_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: read aloud and typed by parents
assert 256 % len(_ALPHABET) == 0  # so a byte taken modulo the alphabet picks without bias


# byte -> letter, for bytes.translate: spelling an id is one C call
_SPELLING = bytes(ord(_ALPHABET[b % len(_ALPHABET)]) for b in range(256))


def _spell(data: bytes) -> str:
    return data.translate(_SPELLING).decode("ascii")


def new_id(prefix: str) -> str:
    return prefix + _spell(secrets.token_bytes(8))


def derived_id(prefix: str, key: str) -> str:
    return prefix + _spell(hashlib.sha256(key.encode()).digest()[:8])


def new_key() -> str:
    return secrets.token_urlsafe(16)
