"""The household's 4-digit voice code, and the parent's password: validated, hashed, compared
in constant time. Functions here never log or echo a code or a password.

Voice codes are stored as a *keyed* hash, not a slow one:

    hmac-sha256$v1$<key fingerprint>$<salt>$<mac>

where mac = HMAC-SHA256(subkey, salt + code), salt is 16 random bytes per code, and subkey is
derived by HKDF-SHA256 from the application's secret key (VOICECART_SECRET_KEY; locally a
random key kept 0600 next to the SQLite file; on AWS a SecureString in SSM). `bootstrap.build`
hands that key to `use_secret_key`, lazily: it is first read when a code is first hashed or
checked, never at import.

Why: a code has only 10,000 values, so whoever steals the database brute-forces any hash of
it offline in minutes, however slow the hash (an argon2id verify at ~20 ms each takes under
four minutes on one core). What protects a code is (1) the online lockout in the purchase
guard, server-side, counted per household, and (2) a key the database thief does not have:
without the subkey the stored MACs say nothing about the codes. A slow hash would add nothing
to (2) and cost ~20 ms on every purchase turn. The fingerprint names the key a hash was made
under; a hash made under another key (the secret key was changed or lost) never matches and
logs a warning, so the parent sets the code again. Rotating the secret key therefore resets
every household's voice code.

Hashes from before this scheme (argon2id, `$argon2...`) still verify, so stored codes keep
working. Parent passwords and other high-entropy secrets stay argon2id (`hash_secret`), where
a slow hash is what protects them.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import logging
import re
import secrets
import threading
from collections.abc import Callable
from typing import Any

from .errors import DomainError, ValidationError

log = logging.getLogger("voicecart.codes")

_FOUR_DIGITS = re.compile(r"^\d{4}$")

SCHEME = "hmac-sha256"
VERSION = "v1"
_PREFIX = f"{SCHEME}${VERSION}$"
_HKDF_INFO = b"voicecart/voice-code/hmac-sha256/v1"
_FINGERPRINT_LABEL = b"voicecart/voice-code/key-fingerprint"
_SALT_BYTES = 16
MIN_KEY_BYTES = 16

KeySource = Callable[[], str | bytes]


class CodeKeyMissing(DomainError):
    """No usable secret key for voice codes: fail closed rather than hash under a key that
    would be lost (and with it every household's code)."""


_source: KeySource | None = None
_derived: dict[bytes, tuple[bytes, str]] = {}  # secret key -> (HKDF subkey, fingerprint)
_derive_lock = threading.Lock()


def use_secret_key(source: KeySource | str | bytes | None) -> None:
    """Set where the application's secret key comes from: a function called whenever a code
    is hashed or checked (so it can load the key lazily and must be cheap after the first
    call), or the key itself. None unsets it. Called by `bootstrap.build`."""
    global _source
    if source is None or callable(source):
        _source = source
        return
    key = source

    def constant() -> str | bytes:
        return key

    _source = constant


def _subkey() -> tuple[bytes, str]:
    """(HKDF subkey for voice codes, its fingerprint), derived once per secret key."""
    if _source is None:
        raise CodeKeyMissing("no secret key for voice codes (bootstrap.build sets one)")
    secret = _source()
    master = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    if len(master) < MIN_KEY_BYTES:
        raise CodeKeyMissing(f"the secret key must be at least {MIN_KEY_BYTES} bytes")
    found = _derived.get(master)
    if found is None:
        # cryptography is imported here, on the first code check, not on the cold-start path.
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.hkdf import HKDF

        subkey = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=_HKDF_INFO).derive(
            master
        )
        tag = hmac.new(subkey, _FINGERPRINT_LABEL, hashlib.sha256).digest()[:6]
        found = (subkey, _b64(tag))
        with _derive_lock:
            if len(_derived) >= 8:  # one key per process in practice; tests switch keys
                _derived.clear()
            _derived[master] = found
    return found


def key_fingerprint() -> str:
    """The current key's fingerprint, as written into new hashes (for operators' logs)."""
    return _subkey()[1]


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def _mac(subkey: bytes, salt: bytes, code: str) -> bytes:
    return hmac.new(subkey, salt + code.encode("ascii"), hashlib.sha256).digest()


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
    """`hmac-sha256$v1$<key fingerprint>$<salt>$<mac>` (base64 without padding)."""
    digits = normalize(code)
    subkey, fingerprint = _subkey()
    salt = secrets.token_bytes(_SALT_BYTES)
    return f"{_PREFIX}{fingerprint}${_b64(salt)}${_b64(_mac(subkey, salt, digits))}"


def is_legacy_hash(code_hash: str | None) -> bool:
    """An argon2id code hash from before the keyed scheme (set the code again to upgrade)."""
    return bool(code_hash) and str(code_hash).startswith("$argon2")


def verify_code(code_hash: str | None, code: str) -> bool:
    """Whether `code` is the one `code_hash` was made from; constant-time comparison.
    Raises ValidationError for a code that is not four digits (the caller re-asks)."""
    if not code_hash:
        return False
    digits = normalize(code)
    if code_hash.startswith(_PREFIX):
        return _verify_keyed(code_hash, digits)
    if is_legacy_hash(code_hash):
        return _verify_argon2(code_hash, digits)
    return False


def _verify_keyed(code_hash: str, digits: str) -> bool:
    parts = code_hash[len(_PREFIX) :].split("$")
    if len(parts) != 3:
        return False
    fingerprint, salt_text, mac_text = parts
    subkey, current = _subkey()
    if not hmac.compare_digest(fingerprint.encode("ascii", "replace"), current.encode("ascii")):
        # Made under another secret key: it can never match. Never log the code.
        log.warning(
            "voice code hash was made under another secret key; the parent must set the code again",
            extra={"hash_key": fingerprint[:16], "current_key": current},
        )
        return False
    try:
        salt, mac = _unb64(salt_text), _unb64(mac_text)
    except (binascii.Error, ValueError):
        return False
    return hmac.compare_digest(_mac(subkey, salt, digits), mac)


# ---- argon2id: parent passwords and tokens, and legacy voice-code hashes ---------------------
# Argon2id at a cost that takes tens of milliseconds: what protects a high-entropy secret
# stolen with the database. Imported on first use: argon2-cffi costs ~15 ms at cold start.
_hasher: Any = None


def _argon2() -> Any:
    global _hasher
    if _hasher is None:
        from argon2 import PasswordHasher

        _hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
    return _hasher


def _verify_argon2(secret_hash: str, secret: str) -> bool:
    from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

    try:
        return bool(_argon2().verify(secret_hash, secret))
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def hash_secret(secret: str) -> str:
    """Hash a parent password or API token the slow way (argon2id)."""
    if len(secret) < 8:
        raise ValidationError("use at least 8 characters")
    return str(_argon2().hash(secret))


def verify_secret(secret_hash: str | None, secret: str) -> bool:
    if not secret_hash:
        return False
    return _verify_argon2(secret_hash, secret)
