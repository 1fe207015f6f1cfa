"""The parent JSON API under /api/v1. Every route acts on the caller's own household,
taken from the session or the API token, never from the URL: another household's ids
simply are not found."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, g, jsonify, request

from ...domain import codes
from ...domain.errors import ValidationError
from ...domain.records import ApprovalStatus
from . import inputs, shapes
from .auth import (
    CSRF_HEADER,
    SAFE_METHODS,
    Parent,
    bearer_token,
    csrf_ok,
    end_session,
    session_household,
    start_session,
)
from .context import ParentContext
from .errors import ApiError, register_api_errors
from .openapi import openapi_document

PUBLIC_ENDPOINTS = frozenset({"parent_api.openapi", "parent_api.sign_in"})
OUTCOMES = ("allow", "needs_code", "needs_approval", "deny")


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValidationError(f"{name} must be a whole number") from exc
    if not low <= value <= high:
        raise ValidationError(f"{name} must be between {low} and {high}")
    return value


def _body() -> Any:
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "send the body as application/json")
    body = request.get_json(silent=True)
    if body is None:
        raise ValidationError("the body is not valid JSON")
    return body


def _parent() -> Parent:
    parent: Parent = g.voicecart_parent
    return parent


def _json(data: object, status: int = 200) -> Response:
    response = jsonify(data)
    response.status_code = status
    return response


def api_blueprint(ctx: ParentContext) -> Blueprint:  # noqa: C901 - one closure per route
    bp = Blueprint("parent_api", __name__, url_prefix="/api/v1")
    register_api_errors(bp)

    @bp.before_request
    def authenticate() -> None:
        if request.endpoint in PUBLIC_ENDPOINTS:
            return
        token = bearer_token()
        if token is not None:
            hid = ctx.access.token_household(token) if token else None
            if hid is None:
                raise ApiError(
                    401,
                    "unauthorized",
                    "that API token is not valid",
                    {"WWW-Authenticate": 'Bearer realm="voicecart"'},
                )
            g.voicecart_parent = Parent(hid, "token")
            return
        hid = session_household(ctx.access, ctx.now())
        if hid is None:
            raise ApiError(
                401,
                "unauthorized",
                "sign in, or send an API token",
                {"WWW-Authenticate": 'Bearer realm="voicecart"'},
            )
        if request.method not in SAFE_METHODS and not csrf_ok(request.headers.get(CSRF_HEADER)):
            raise ApiError(403, "csrf", f"send the {CSRF_HEADER} header you got at sign-in")
        g.voicecart_parent = Parent(hid, "session")

    @bp.after_request
    def no_store(response: Response) -> Response:
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    # ---- the document and the session ---------------------------------------------------
    @bp.get("/openapi.json")
    def openapi() -> Response:
        return _json(openapi_document())

    @bp.post("/session")
    def sign_in() -> Response:
        body = inputs.require_object(_body())
        inputs.reject_unknown(body, frozenset({"email", "password"}))
        email, password = body.get("email"), body.get("password")
        if not isinstance(email, str) or not isinstance(password, str):
            raise ValidationError("send email and password as strings")
        login = ctx.access.sign_in(email, password)
        token = start_session(
            login.household_id, ctx.access.session_stamp(login.household_id), ctx.now()
        )
        return _json({"household_id": login.household_id, "csrf_token": token})

    @bp.delete("/session")
    def sign_out() -> Response:
        end_session()
        return _json({"signed_out": True})

    # ---- household -------------------------------------------------------------------------
    def household_data(hid: str) -> dict[str, object]:
        return shapes.household_json(
            ctx.household(hid),
            ctx.store.get_code_lock(hid),
            ctx.now(),
            ctx.access.has_password(hid),
        )

    @bp.get("/household")
    def household() -> Response:
        return _json(household_data(_parent().household_id))

    @bp.patch("/household")
    def household_settings() -> Response:
        hid = _parent().household_id
        changes = inputs.settings_changes(_body())
        ctx.services.households.update_settings(hid, **changes)
        return _json(household_data(hid))

    @bp.put("/household/code")
    def set_code() -> Response:
        hid = _parent().household_id
        new, current, password = inputs.code_change(_body())
        code = codes.normalize(new)
        weak = codes.weak_reason(code)
        if weak:
            raise ValidationError(f"choose another code: {weak}")
        if ctx.household(hid).has_code:
            if password is not None:
                proven = ctx.access.check_password(hid, password)
            elif current is not None:
                proven = ctx.access.check_voice_code(hid, current)
            else:
                raise ValidationError("give the current voice code or the parent password")
            if not proven:
                raise ApiError(
                    403,
                    "not_verified",
                    "the current voice code or the parent password is not right",
                )
        ctx.services.households.set_code(hid, code, parent_authenticated=True)
        return _json({"code_set": True})

    @bp.post("/household/unlock")
    def unlock() -> Response:
        hid = _parent().household_id
        lock = ctx.store.get_code_lock(hid)
        if lock.failures or lock.is_locked(ctx.now()):
            ctx.services.purchases.unlock(hid, by="a parent through the API")
        return _json(household_data(hid))

    # ---- profiles --------------------------------------------------------------------------
    @bp.get("/profiles")
    def profiles() -> Response:
        return _json([shapes.profile_json(p) for p in ctx.profiles(_parent().household_id)])

    @bp.post("/profiles")
    def create_profile() -> Response:
        hid = _parent().household_id
        taken = {p.id for p in ctx.profiles(hid)}
        profile = inputs.new_profile(hid, _body(), taken)
        saved = ctx.services.households.save_profile(profile)
        return _json(shapes.profile_json(saved), 201)

    @bp.get("/profiles/<profile_id>")
    def profile(profile_id: str) -> Response:
        found = ctx.services.households.profile(_parent().household_id, profile_id)
        return _json(shapes.profile_json(found))

    @bp.patch("/profiles/<profile_id>")
    def update_profile(profile_id: str) -> Response:
        hid = _parent().household_id
        changes = inputs.profile_changes(_body())
        current = ctx.services.households.profile(hid, profile_id)
        saved = ctx.services.households.save_profile(inputs.changed_profile(current, changes))
        return _json(shapes.profile_json(saved))

    # ---- approvals -------------------------------------------------------------------------
    @bp.get("/approvals")
    def approvals() -> Response:
        raw = request.args.get("status")
        try:
            status = ApprovalStatus(raw) if raw else None
        except ValueError as exc:
            raise ValidationError("status must be pending, approved, declined or expired") from exc
        found = ctx.store.list_approvals(_parent().household_id, status, now=ctx.now())
        return _json([shapes.approval_json(a, ctx.now()) for a in found])

    @bp.post("/approvals/<approval_id>/approve")
    def approve(approval_id: str) -> Response:
        hid = _parent().household_id
        actor = ctx.actor(hid, "api")
        result = ctx.services.purchases.approve(actor, approval_id, parent_authenticated=True)
        if result.order is None:
            raise ApiError(409, "not_approved", f"not approved: {result.decision.reason}")
        return _json(
            {
                "approval": shapes.approval_json(result.approval, ctx.now()),
                "order": shapes.order_json(
                    result.order, ctx.names(hid), ctx.now(), ctx.cancel_window
                ),
            }
        )

    @bp.post("/approvals/<approval_id>/decline")
    def decline(approval_id: str) -> Response:
        hid = _parent().household_id
        decided = ctx.services.purchases.decline(ctx.actor(hid, "api"), approval_id)
        return _json({"approval": shapes.approval_json(decided, ctx.now())})

    # ---- orders ----------------------------------------------------------------------------
    @bp.get("/orders")
    def orders() -> Response:
        hid = _parent().household_id
        limit = _int_arg("limit", 50, 1, 200)
        names, now = ctx.names(hid), ctx.now()
        return _json(
            [
                shapes.order_json(o, names, now, ctx.cancel_window)
                for o in ctx.store.list_orders(hid, limit)
            ]
        )

    @bp.post("/orders/<order_id>/cancel")
    def cancel(order_id: str) -> Response:
        hid = _parent().household_id
        cancelled = ctx.services.purchases.cancel(
            ctx.household(hid), order_id, by="a parent through the API"
        )
        return _json(shapes.order_json(cancelled, ctx.names(hid), ctx.now(), ctx.cancel_window))

    # ---- audit, notifications, spending ----------------------------------------------------
    @bp.get("/audit")
    def audit() -> Response:
        hid = _parent().household_id
        limit = _int_arg("limit", 50, 1, 200)
        offset = _int_arg("offset", 0, 0, 1_000_000)
        outcome = request.args.get("outcome") or None
        if outcome is not None and outcome not in OUTCOMES:
            raise ValidationError(f"outcome must be one of {', '.join(OUTCOMES)}")
        profile_id = request.args.get("profile") or None
        entries = ctx.store.list_audit(
            hid, limit=limit + 1, offset=offset, profile_id=profile_id, outcome=outcome
        )
        return _json(
            {
                "entries": [shapes.audit_json(e) for e in entries[:limit]],
                "offset": offset,
                "limit": limit,
                "next_offset": offset + limit if len(entries) > limit else None,
            }
        )

    @bp.get("/notifications")
    def notifications() -> Response:
        hid = _parent().household_id
        limit = _int_arg("limit", 50, 1, 200)
        return _json(
            [shapes.notification_json(n) for n in ctx.store.list_notifications(hid, limit)]
        )

    @bp.get("/spending")
    def spending() -> Response:
        household = ctx.household(_parent().household_id)
        return _json([shapes.spend_json(s) for s in ctx.spending(household)])

    @bp.get("/blocked")
    def blocked() -> Response:
        entries = ctx.blocked(_parent().household_id, limit=_int_arg("limit", 10, 1, 50))
        return _json([shapes.audit_json(e) for e in entries])

    # ---- API tokens (only with the password-backed session) ----------------------------------
    def session_only() -> str:
        parent = _parent()
        if parent.via != "session":
            raise ApiError(403, "forbidden", "sign in with the parent password to manage tokens")
        return parent.household_id

    @bp.get("/tokens")
    def tokens() -> Response:
        return _json([shapes.token_json(t) for t in ctx.access.tokens(session_only())])

    @bp.post("/tokens")
    def create_token() -> Response:
        hid = session_only()
        body = inputs.require_object(_body())
        inputs.reject_unknown(body, frozenset({"label"}))
        label = body.get("label")
        if not isinstance(label, str):
            raise ValidationError("a token needs a label")
        record, token = ctx.access.create_token(hid, label)
        # The only time the token is ever shown.
        return _json({**shapes.token_json(record), "token": token}, 201)

    @bp.delete("/tokens/<token_id>")
    def revoke_token(token_id: str) -> Response:
        return _json(shapes.token_json(ctx.access.revoke_token(session_only(), token_id)))

    return bp
