"""Sessions, CSRF and API tokens for the parent page and API.

A signed-in parent holds Flask's signed session cookie naming their household and a stamp
of the password hash, so changing the password signs every session out. The cookie is
HttpOnly and SameSite=Lax, and Secure whenever the request came over HTTPS or
VOICECART_COOKIE_SECURE=1 (plain http://127.0.0.1 still works for local use).

CSRF: every form post carries a random per-session token that must equal the one in the
session (compared in constant time). JSON API writes made with the session cookie must send
it in the X-CSRF-Token header; writes with a bearer token need none, since a browser never
adds that header by itself. This is Flask's own session plus `secrets` and `hmac` — a few
lines, so no Flask-WTF and WTForms for forms we render by hand.
"""

from __future__ import annotations

import hmac
import logging
import os
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from flask import Flask, has_request_context, request, session
from flask.sessions import SecureCookieSessionInterface

from ...adapters.local_secret import ENV, stored_key
from ...domain.household import Household, Mode, Profile, Role
from ...domain.parent_access import ParentAccess
from ...domain.purchases import Actor

log = logging.getLogger("voicecart.web.parent")

SESSION_KEY = "voicecart_parent"
CSRF_KEY = "voicecart_csrf"
CSRF_HEADER = "X-CSRF-Token"
CSRF_FIELD = "csrf_token"
SESSION_HOURS = 12
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Only the parent page and API have sessions; the voice endpoints never read the cookie.
SESSION_PATHS = ("/parent", "/api/")


class ParentSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session whose Secure flag follows the request's scheme. Requests
    outside the parent page and API (Alexa, Google, health) get Flask's null session: no
    cookie parsing or signing on the voice path, and nothing to set there."""

    def open_session(self, app: Flask, request: Any) -> Any:
        if not request.path.startswith(SESSION_PATHS):
            return None  # Flask substitutes its NullSession
        return super().open_session(app, request)

    def get_cookie_secure(self, app: Flask) -> bool:
        forced = app.config.get("VOICECART_COOKIE_SECURE")
        if forced:
            return True
        secure_request = has_request_context() and request.is_secure
        return bool(secure_request) or bool(app.config["SESSION_COOKIE_SECURE"])


def secret_key(db_path: Path | str | None) -> str:
    """VOICECART_SECRET_KEY, or a random key kept (0600) next to the SQLite file."""
    from_env = os.environ.get(ENV, "")
    if from_env:
        return from_env
    if db_path is None or str(db_path) == ":memory:":
        return secrets.token_urlsafe(48)
    try:
        return stored_key(db_path)
    except OSError as exc:
        # A read-only disk (AWS Lambda): sessions then last only as long as this process.
        log.warning(
            "cannot keep a session key next to the database; set VOICECART_SECRET_KEY",
            extra={"error": exc.strerror or type(exc).__name__},
        )
        return secrets.token_urlsafe(48)


# ---- CSRF ---------------------------------------------------------------------------------
def csrf_token() -> str:
    token = session.get(CSRF_KEY)
    if not isinstance(token, str) or not token:
        token = secrets.token_urlsafe(32)
        session[CSRF_KEY] = token
    return token


def csrf_ok(sent: str | None) -> bool:
    expected = session.get(CSRF_KEY)
    if not isinstance(expected, str) or not expected or not sent:
        return False
    return hmac.compare_digest(expected.encode(), sent.encode())


# ---- sessions -----------------------------------------------------------------------------
def start_session(household_id: str, stamp: str, now: datetime) -> str:
    """Replace whatever the cookie held (no fixation); returns the new CSRF token."""
    session.clear()
    session[SESSION_KEY] = {"hid": household_id, "stamp": stamp, "at": now.isoformat()}
    return csrf_token()


def end_session() -> None:
    session.clear()


def session_household(access: ParentAccess, now: datetime) -> str | None:
    data = session.get(SESSION_KEY)
    if not isinstance(data, dict):
        return None
    hid, stamp, at = data.get("hid"), data.get("stamp"), data.get("at")
    if not isinstance(hid, str) or not isinstance(stamp, str) or not isinstance(at, str):
        return None
    try:
        started = datetime.fromisoformat(at)
    except ValueError:
        return None
    if not timedelta(0) <= now - started <= timedelta(hours=SESSION_HOURS):
        return None
    if not hmac.compare_digest(stamp.encode(), access.session_stamp(hid).encode()):
        return None
    return hid


def bearer_token() -> str | None:
    """The token from `Authorization: Bearer ...`, "" if the header is there but malformed,
    None if there is no Authorization header."""
    header = request.headers.get("Authorization")
    if header is None:
        return None
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return ""
    return value.strip()


# ---- who acts on the household ------------------------------------------------------------
@dataclass(frozen=True)
class Parent:
    """The signed-in parent (or API token holder) acting for one household."""

    household_id: str
    via: str  # "session" or "token"


def parent_actor(household: Household, profiles: list[Profile], channel: str) -> Actor:
    """Decisions on the page are the household's first adult's, as on the command line."""
    adults = [p for p in profiles if p.role is Role.ADULT]
    profile = (
        adults[0]
        if adults
        else Profile("parent", household.id, "A parent", Role.ADULT, Mode.ALLOWED)
    )
    return Actor(household, profile, device_id=channel, channel=channel)


def configure_cookies(app: Flask) -> None:
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        VOICECART_COOKIE_SECURE=os.environ.get("VOICECART_COOKIE_SECURE", "").strip().lower()
        in ("1", "true", "yes", "on"),
    )
    if type(app.session_interface) is SecureCookieSessionInterface:
        app.session_interface = ParentSessionInterface()


def json_body() -> Any:
    return request.get_json(silent=True)
