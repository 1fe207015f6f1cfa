"""Who may use the parent page and API: a household password, API tokens, and a limit on
sign-in attempts.

Passwords are argon2 hashes (slow, salted). API tokens are long random strings, so a fast
SHA-256 is enough to store them: there is nothing to guess and the hash allows a direct
lookup. Every refusal to sign in looks the same, whatever was wrong.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from . import codes
from .errors import DomainError, NotFound, ValidationError
from .ids import new_id

if TYPE_CHECKING:  # ports.py imports the records below, so only the type checker looks back
    from ..ports import Clock, Store

TOKEN_PREFIX = "vct_"
MAX_PASSWORD = 1024  # argon2 would hash more, but nobody types it
MAX_LABEL = 80


class SignInRefused(DomainError):
    """Wrong e-mail or password (deliberately not saying which)."""


class TooManyAttempts(DomainError):
    """Too many wrong tries within the window; try again after `retry_after` seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__("too many attempts; try again later")
        self.retry_after = retry_after


@dataclass(frozen=True)
class ParentLogin:
    household_id: str
    email: str  # normalized: stripped and lower-case
    password_hash: str
    updated_at: datetime

    def to_dict(self) -> dict[str, object]:
        return {
            "household_id": self.household_id,
            "email": self.email,
            "password_hash": self.password_hash,
            "updated_at": self.updated_at.isoformat(),
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ParentLogin:
        return cls(
            raw["household_id"],
            raw["email"],
            raw["password_hash"],
            datetime.fromisoformat(raw["updated_at"]),
        )


@dataclass(frozen=True)
class ApiToken:
    id: str
    household_id: str
    label: str
    token_hash: str  # SHA-256 hex of the token; the token itself is shown once and never kept
    created_at: datetime
    revoked_at: datetime | None = None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "household_id": self.household_id,
            "label": self.label,
            "token_hash": self.token_hash,
            "created_at": self.created_at.isoformat(),
            "revoked_at": self.revoked_at.isoformat() if self.revoked_at else None,
        }

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> ApiToken:
        revoked = raw.get("revoked_at")
        return cls(
            raw["id"],
            raw["household_id"],
            raw["label"],
            raw["token_hash"],
            datetime.fromisoformat(raw["created_at"]),
            datetime.fromisoformat(revoked) if revoked else None,
        )


@dataclass(frozen=True)
class AttemptCount:
    """Attempts counted for one key in the current window, which ends at `window_ends`."""

    count: int
    window_ends: datetime


@dataclass(frozen=True)
class AttemptPolicy:
    max_attempts: int = 5
    window: timedelta = timedelta(minutes=15)


def normalize_email(email: str) -> str:
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254 or any(c.isspace() for c in email):
        raise ValidationError("enter an e-mail address")
    return email


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)  # 256 bits of randomness


class ParentAccess:
    """Sign-in, re-authentication and API tokens for one store."""

    def __init__(self, store: Store, clock: Clock, policy: AttemptPolicy | None = None) -> None:
        self.store = store
        self.clock = clock
        self.policy = policy or AttemptPolicy()
        self._dummy_hash: str | None = None

    # ---- the household password ----------------------------------------------------
    def set_password(
        self, household_id: str, password: str, email: str | None = None
    ) -> ParentLogin:
        if self.store.get_household(household_id) is None:
            raise NotFound("no such household")
        current = self.store.get_parent_login(household_id)
        if email is None and current is None:
            raise ValidationError("give the parent's e-mail address the first time")
        address = normalize_email(email) if email is not None else current.email  # type: ignore[union-attr]
        if len(password) > MAX_PASSWORD:
            raise ValidationError("that password is too long")
        login = ParentLogin(household_id, address, codes.hash_secret(password), self.clock.now())
        self.store.set_parent_login(login)
        return login

    def has_password(self, household_id: str) -> bool:
        return self.store.get_parent_login(household_id) is not None

    def sign_in(self, email: str, password: str) -> ParentLogin:
        """The household's login if the password is right; refusals never say which part was
        wrong, and an unknown address costs as much time as a wrong password."""
        try:
            address = normalize_email(email)
        except ValidationError as exc:
            raise SignInRefused("wrong e-mail or password") from exc
        self._count("signin:" + address)
        login = self.store.find_parent_login(address)
        if login is None or len(password) > MAX_PASSWORD:
            codes.verify_secret(self._dummy(), password[:MAX_PASSWORD])
            raise SignInRefused("wrong e-mail or password")
        if not codes.verify_secret(login.password_hash, password):
            raise SignInRefused("wrong e-mail or password")
        self.store.clear_sign_in_attempts("signin:" + address)
        return login

    def check_password(self, household_id: str, password: str) -> bool:
        """Re-authentication for a sensitive change, counted like a sign-in."""
        login = self.store.get_parent_login(household_id)
        if login is None:
            return False
        self._count("signin:" + login.email)
        if len(password) <= MAX_PASSWORD and codes.verify_secret(login.password_hash, password):
            self.store.clear_sign_in_attempts("signin:" + login.email)
            return True
        return False

    def check_voice_code(self, household_id: str, code: str) -> bool:
        """The current voice code, when a parent proves who they are with it on the page.
        Counted separately from the speaker's attempts, so that a stolen API token cannot
        try all 10,000 codes."""
        household = self.store.get_household(household_id)
        if household is None:
            raise NotFound("no such household")
        key = "voicecode:" + household_id
        self._count(key)
        if codes.is_well_formed(code) and codes.verify_code(household.code_hash, code):
            self.store.clear_sign_in_attempts(key)
            return True
        return False

    def session_stamp(self, household_id: str) -> str:
        """Changes whenever the password does, so changing it signs every session out."""
        login = self.store.get_parent_login(household_id)
        material = login.password_hash if login else "no-password"
        return hashlib.sha256(material.encode("utf-8")).hexdigest()[:24]

    def _count(self, key: str) -> None:
        counted = self.store.count_sign_in_attempt(key, self.clock.now(), self.policy.window)
        if counted.count > self.policy.max_attempts:
            wait = (counted.window_ends - self.clock.now()).total_seconds()
            raise TooManyAttempts(max(1, int(wait + 0.999)))

    def _dummy(self) -> str:
        if self._dummy_hash is None:
            self._dummy_hash = codes.hash_secret(secrets.token_urlsafe(16))
        return self._dummy_hash

    # ---- API tokens ----------------------------------------------------------------
    def create_token(self, household_id: str, label: str) -> tuple[ApiToken, str]:
        """Returns the record and the token; the token is never stored or shown again."""
        if self.store.get_household(household_id) is None:
            raise NotFound("no such household")
        label = (label or "").strip()
        if not label or len(label) > MAX_LABEL:
            raise ValidationError(f"a token needs a label of 1 to {MAX_LABEL} characters")
        token = new_token()
        record = ApiToken(new_id("TK"), household_id, label, hash_token(token), self.clock.now())
        self.store.add_api_token(record)
        return record, token

    def tokens(self, household_id: str) -> list[ApiToken]:
        return self.store.list_api_tokens(household_id)

    def revoke_token(self, household_id: str, token_id: str) -> ApiToken:
        return self.store.revoke_api_token(household_id, token_id, self.clock.now())

    def token_household(self, token: str) -> str | None:
        if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
            return None
        record = self.store.find_api_token(hash_token(token))
        if record is None or not record.active:
            return None
        return record.household_id


__all__ = [
    "ApiToken",
    "AttemptCount",
    "AttemptPolicy",
    "ParentAccess",
    "ParentLogin",
    "SignInRefused",
    "TooManyAttempts",
    "hash_token",
    "normalize_email",
]
