"""`POST /google`: the Dialogflow ES v2 fulfillment webhook. Check the shared secret,
translate, call the core, render. No rules here."""

from __future__ import annotations

import hmac
import json
import logging
import os
import time
import traceback
from typing import Any

from flask import Blueprint, Flask, Request, Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..conversation.core import Conversation
from ..conversation.model import Turn
from ..speech import texts_for
from . import DEMO_SECRET, SECRET_ENV, SECRET_HEADER
from .translate import WebhookRequestError, apology, render, to_turn

log = logging.getLogger("voicecart.google")


def configured_secret(config: Any) -> str | None:
    """VOICECART_GOOGLE_SECRET; in demo mode without it, the documented demo secret."""
    secret = os.environ.get(SECRET_ENV, "").strip()
    if secret:
        return secret
    if getattr(config, "demo", False):
        return DEMO_SECRET
    return None


def authorized(req: Request, secret: str | None) -> bool:
    """The secret header or basic-auth password, compared in constant time."""
    if not secret:
        return False
    expected = secret.encode("utf-8")
    presented = []
    header = req.headers.get(SECRET_HEADER)
    if header is not None:
        presented.append(header.strip())
    auth = req.authorization
    if auth is not None and auth.type == "basic" and auth.password:
        presented.append(auth.password)
    ok = False
    for candidate in presented:  # both compared, so the time does not tell which was set
        ok |= hmac.compare_digest(candidate.encode("utf-8", "surrogateescape"), expected)
    return ok


def _error(status: int, code: str, message: str) -> Response:
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = 'Basic realm="voicecart-google"'
    response.headers["Cache-Control"] = "no-store"
    return response


def _where(exc: BaseException) -> list[str]:
    """Where it failed, frame by frame, without the exception's message (it may hold a
    parameter value, and the code parameter is a secret)."""
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    return [f"{os.path.basename(f.filename)}:{f.lineno} in {f.name}" for f in frames]


def _log_fields(turn: Turn) -> dict[str, Any]:
    return {
        "platform": "google",
        "kind": turn.kind,
        "intent": turn.intent,
        "slots": sorted(turn.slots),  # names only, never values
        "recognized": turn.person_id is not None,
    }


def google_blueprint(conversation: Conversation, secret: str | None) -> Blueprint:
    bp = Blueprint("google", __name__)

    @bp.post("/google")
    def webhook() -> Response:
        if not authorized(request, secret):
            return _error(401, "unauthorized", "send the webhook secret header or basic auth")
        try:
            body = json.loads(request.get_data(cache=False))
        except RequestEntityTooLarge:
            return _error(413, "too_large", "the request body is too large")
        except (ValueError, RecursionError):
            return _error(400, "bad_request", "the body is not JSON")
        try:
            turn = to_turn(body)
        except WebhookRequestError as exc:
            return _error(400, "bad_request", str(exc))
        started = time.perf_counter()
        try:
            reply = conversation.respond(turn)
        except Exception as exc:  # the last resort: log what and where, apologise
            log.error(
                "unhandled error",
                extra={
                    **_log_fields(turn),
                    "path": "last_resort",
                    "error": type(exc).__name__,
                    "where": _where(exc),
                },
            )
            texts = texts_for(turn.locale)
            return jsonify(
                apology(
                    texts.say("error"), texts.say("reprompt_main"), turn.device_id, turn.session
                )
            )
        log.info(
            "turn",
            extra={
                **_log_fields(turn),
                "path": reply.path,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return jsonify(render(reply, turn.device_id))

    return bp


def register_google(app: Flask, services: Any) -> None:
    secret = configured_secret(services.config)
    if not secret:
        log.warning(f"{SECRET_ENV} is not set: POST /google refuses every request")
    app.register_blueprint(google_blueprint(Conversation(services), secret))
