"""Every API failure is JSON: {"error": {"code": ..., "message": ...}} with its HTTP status."""

from __future__ import annotations

import logging

from flask import Blueprint, Flask, Response, jsonify, request
from werkzeug.exceptions import HTTPException

from ...domain.errors import BudgetExceeded, Conflict, NotFound, StoreError, ValidationError
from ...domain.parent_access import SignInRefused, TooManyAttempts
from ...ports import PaymentError

log = logging.getLogger("voicecart.web.parent")

API_PREFIX = "/api/v1"


class ApiError(Exception):
    """A refusal decided in the web layer (auth, CSRF, media type)."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers or {}


def error_response(
    status: int, code: str, message: str, headers: dict[str, str] | None = None
) -> Response:
    response = jsonify(error={"code": code, "message": message})
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    for key, value in (headers or {}).items():
        response.headers[key] = value
    return response


def _domain(status: int, code: str):  # type: ignore[no-untyped-def]
    def handle(exc: Exception) -> Response:
        return error_response(status, code, str(exc))

    return handle


def register_api_errors(bp: Blueprint) -> None:
    bp.register_error_handler(
        ApiError, lambda e: error_response(e.status, e.code, e.message, e.headers)
    )
    bp.register_error_handler(ValidationError, _domain(400, "invalid"))
    bp.register_error_handler(NotFound, _domain(404, "not_found"))
    bp.register_error_handler(Conflict, _domain(409, "conflict"))
    bp.register_error_handler(BudgetExceeded, _domain(409, "over_budget"))
    bp.register_error_handler(SignInRefused, _domain(401, "sign_in_refused"))
    bp.register_error_handler(
        TooManyAttempts,
        lambda e: error_response(
            429,
            "rate_limited",
            "Too many attempts. Try again later.",
            {"Retry-After": str(e.retry_after)},
        ),
    )
    bp.register_error_handler(PaymentError, _domain(502, "payment_failed"))
    bp.register_error_handler(StoreError, _store_error)
    bp.register_error_handler(HTTPException, _http_error)


def _store_error(exc: StoreError) -> Response:
    log.error("store failure in the parent API", extra={"error": type(exc).__name__})
    return error_response(503, "unavailable", "The store is busy. Try again in a moment.")


def _http_error(exc: HTTPException) -> Response:
    code = (exc.name or "error").lower().replace(" ", "_")
    return error_response(exc.code or 500, code, exc.description or exc.name or "error")


def register_api_not_found(app: Flask) -> None:
    """Unknown paths and wrong methods under /api/v1 answer in JSON too. Routing errors
    never reach a blueprint's handlers, so these two are app-wide and pass anything
    outside /api/v1 through unchanged."""

    def handle(exc: HTTPException) -> Response | HTTPException:
        if request.path == API_PREFIX or request.path.startswith(API_PREFIX + "/"):
            response = _http_error(exc)
            if exc.code == 405 and hasattr(exc, "valid_methods") and exc.valid_methods:
                response.headers["Allow"] = ", ".join(exc.valid_methods)
            return response
        return exc

    app.register_error_handler(404, handle)
    app.register_error_handler(405, handle)
