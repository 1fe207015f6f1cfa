"""The household's 4-digit voice code: validated, hashed slowly, compared in constant time.

The code is only ever held as an argon2id hash. Functions here never log or echo it.
"""

from __future__ import annotations

import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from .errors import ValidationError

_FOUR_DIGITS = re.compile(r"^\d{4}$")
# Argon2id at a cost that takes tens of milliseconds: slow for a brute force over 10,000
# codes stolen with the database, still fine inside an 8-second voice turn.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def is_well_formed(code: str | None) -> bool:
    return code is not None and bool(_FOUR_DIGITS.match(code.strip()))


def normalize(code: str | None) -> str:
    """Return the 4 digits or raise ValidationError (the caller re-asks; never counts it wrong)."""
    if not is_well_formed(code):
        raise ValidationError("a voice code is exactly four digits")
    assert code is not None
    return code.strip()


def weak_reason(code: str) -> str | None:
    """A reason to refuse an obviously guessable code, or None."""
    if len(set(code)) == 1:
        return "all four digits are the same"
    return None


def hash_code(code: str) -> str:
    return _hasher.hash(normalize(code))


def verify_code(code_hash: str | None, code: str) -> bool:
    """Constant-time check (argon2 compares digests with a constant-time comparison)."""
    if code_hash is None:
        return False
    try:
        return _hasher.verify(code_hash, normalize(code))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def hash_secret(secret: str) -> str:
    """Hash a parent password or API token the same slow way."""
    if len(secret) < 8:
        raise ValidationError("use at least 8 characters")
    return _hasher.hash(secret)


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    if not secret_hash:
        return False
    try:
        return _hasher.verify(secret_hash, secret)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
