"""The OpenAPI 3.1 description of /api/v1, served at /api/v1/openapi.json.

tests/functional/test_parent_api.py keeps it true: every route is described, nothing
described is missing, and every response the tests see matches its schema."""

from __future__ import annotations

from functools import cache
from typing import Any

Schema = dict[str, Any]

_STR = {"type": "string"}
_NSTR = {"type": ["string", "null"]}
_MONEY = {"type": "string", "pattern": r"^-?\d+(\.\d+)?$"}
_NMONEY = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
_WHEN = {"type": "string", "format": "date-time"}
_NWHEN = {"type": ["string", "null"], "format": "date-time"}
_BOOL = {"type": "boolean"}
_STRS = {"type": "array", "items": _STR}


def _ref(name: str) -> Schema:
    return {"$ref": f"#/components/schemas/{name}"}


def _obj(
    required: dict[str, Any], optional: dict[str, Any] | None = None, closed: bool = True
) -> Schema:
    props = {**required, **(optional or {})}
    schema: Schema = {"type": "object", "properties": props, "required": sorted(required)}
    if closed:
        schema["additionalProperties"] = False
    return schema


def _list(name: str) -> Schema:
    return {"type": "array", "items": _ref(name)}


_LINE = _obj(
    {"sku": _STR, "name": _STR, "quantity": {"type": "integer", "minimum": 1}, "unit_price": _MONEY}
)
_RULES = {
    "name": {"type": "string", "minLength": 1, "maxLength": 40},
    "mode": {"enum": ["allowed", "needs_approval", "disabled"]},
    "per_order_limit": {"type": ["string", "number", "null"], "description": "null: no limit"},
    "daily_budget": {"type": ["string", "number", "null"]},
    "monthly_budget": {"type": ["string", "number", "null"]},
    "blocked_categories": _STRS,
    "quiet_hours": {"type": ["string", "null"], "examples": ["21:00-07:00"]},
    "person_ids": {
        "type": "array",
        "items": _STR,
        "description": "Alexa recognized-voice personIds that mean this profile",
    },
}

SCHEMAS: dict[str, Schema] = {
    "Error": _obj({"error": _obj({"code": _STR, "message": _STR})}),
    "SignIn": _obj({"email": _STR, "password": _STR}),
    "Session": _obj({"household_id": _STR, "csrf_token": _STR}),
    "SignedOut": _obj({"signed_out": {"const": True}}),
    "Household": _obj(
        {
            "id": _STR,
            "name": _STR,
            "timezone": _STR,
            "voice_purchasing": _BOOL,
            "code_required": _BOOL,
            "code_set": _BOOL,
            "wrong_codes": {"type": "integer", "minimum": 0},
            "locked": _BOOL,
            "locked_until": _NWHEN,
            "locked_until_parent": _BOOL,
            "password_set": _BOOL,
        }
    ),
    "Settings": {
        **_obj({}, {"voice_purchasing": _BOOL, "code_required": _BOOL}),
        "minProperties": 1,
    },
    "CodeChange": _obj(
        {"new_code": {"type": "string", "pattern": r"^\s*\d{4}\s*$"}},
        {"current_code": _STR, "password": _STR},
    ),
    "CodeSet": _obj({"code_set": {"const": True}}),
    "Profile": _obj(
        {
            "id": _STR,
            "name": _STR,
            "role": {"enum": ["adult", "teen", "child", "guest"]},
            "mode": {"enum": ["allowed", "needs_approval", "disabled"]},
            "person_ids": _STRS,
            "per_order_limit": _NMONEY,
            "daily_budget": _NMONEY,
            "monthly_budget": _NMONEY,
            "blocked_categories": _STRS,
            "always_blocked": _STRS,
            "quiet_hours": _NSTR,
        }
    ),
    "ProfileChanges": _obj({}, _RULES),
    "NewProfile": _obj(
        {"name": _RULES["name"], "role": {"enum": ["adult", "teen", "child"]}},
        {
            **{k: v for k, v in _RULES.items() if k != "name"},
            "id": {"type": "string", "pattern": "^[a-z0-9][a-z0-9_-]{0,31}$"},
        },
    ),
    "Line": _LINE,
    "Approval": _obj(
        {
            "id": _STR,
            "status": {"enum": ["pending", "approved", "declined", "expired"]},
            "requested_by": _STR,
            "profile_id": _STR,
            "total": _MONEY,
            "created_at": _WHEN,
            "expires_at": _WHEN,
            "decided_at": _NWHEN,
            "decided_by": _NSTR,
            "order_id": _NSTR,
            "items": _list("Line"),
        }
    ),
    "Order": _obj(
        {
            "id": _STR,
            "status": {"enum": ["placed", "shipped", "delivered", "cancelled"]},
            "total": _MONEY,
            "subtotal": _MONEY,
            "tax": _MONEY,
            "profile": _STR,
            "profile_id": _STR,
            "placed_at": _WHEN,
            "delivery_date": {"type": "string", "format": "date"},
            "channel": _STR,
            "can_cancel": _BOOL,
            "cancel_until": _WHEN,
            "cancelled_at": _NWHEN,
            "items": _list("Line"),
        }
    ),
    "Approved": _obj({"approval": _ref("Approval"), "order": _ref("Order")}),
    "Declined": _obj({"approval": _ref("Approval")}),
    "AuditEntry": _obj(
        {
            "id": _STR,
            "at": _WHEN,
            "action": {"enum": ["buy", "reorder", "approve"]},
            "profile": _STR,
            "profile_id": _STR,
            "role": _STR,
            "device": _STR,
            "channel": _STR,
            "items": _list("Line"),
            "total": _MONEY,
            "outcome": {"enum": ["allow", "needs_code", "needs_approval", "deny"]},
            "reason": _STR,
            "reason_text": _STR,
            "order_id": _NSTR,
            "approval_id": _NSTR,
        }
    ),
    "AuditPage": _obj(
        {
            "entries": _list("AuditEntry"),
            "offset": {"type": "integer"},
            "limit": {"type": "integer"},
            "next_offset": {"type": ["integer", "null"]},
        }
    ),
    "Notification": _obj(
        {
            "id": _STR,
            "at": _WHEN,
            "kind": {
                "type": "string",
                "examples": [
                    "approval_requested",
                    "order_placed",
                    "lockout",
                    "approval_decided",
                    "order_cancelled",
                    "unlocked",
                ],
            },
            "message": _STR,
            "data": {"type": "object", "additionalProperties": _NSTR},
        }
    ),
    "Spend": _obj(
        {
            "profile_id": _STR,
            "name": _STR,
            "today": _MONEY,
            "week": _MONEY,
            "month": _MONEY,
            "daily_budget": _NMONEY,
            "monthly_budget": _NMONEY,
        }
    ),
    "Token": _obj(
        {"id": _STR, "label": _STR, "created_at": _WHEN, "revoked_at": _NWHEN, "active": _BOOL}
    ),
    "NewToken": _obj({"label": {"type": "string", "minLength": 1, "maxLength": 80}}),
    "CreatedToken": _obj(
        {
            "id": _STR,
            "label": _STR,
            "created_at": _WHEN,
            "revoked_at": {"type": "null"},
            "active": {"const": True},
            "token": {"type": "string", "description": "shown only in this response"},
        }
    ),
}

_ERRORS = {
    400: "Invalid input; nothing was changed.",
    401: "Not signed in, wrong sign-in, or an invalid API token.",
    403: "Missing CSRF header (session writes), or not allowed for this caller.",
    404: "Not found in your household.",
    409: "Not possible in the current state (already decided, too late to cancel...).",
    415: "The body must be application/json.",
    429: "Too many attempts; see Retry-After.",
    502: "The payment provider refused the charge.",
}


def _response(schema: Schema, description: str = "OK") -> Schema:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _op(
    summary: str,
    ok: Schema,
    errors: tuple[int, ...],
    *,
    status: int = 200,
    body: str | None = None,
    params: list[Schema] | None = None,
    public: bool = False,
) -> Schema:
    responses = {str(status): _response(ok)}
    auth_errors = () if public else (401,)
    for code in sorted(set(errors) | set(auth_errors)):
        responses[str(code)] = _response(_ref("Error"), _ERRORS[code])
    op: Schema = {"summary": summary, "responses": responses}
    if body:
        op["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": _ref(body)}},
        }
    if params:
        op["parameters"] = params
    if public:
        op["security"] = []
    return op


def _path(name: str, description: str) -> Schema:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "schema": _STR,
        "description": description,
    }


def _query(name: str, schema: Schema, description: str) -> Schema:
    return {
        "name": name,
        "in": "query",
        "required": False,
        "schema": schema,
        "description": description,
    }


_LIMIT = _query("limit", {"type": "integer", "minimum": 1, "maximum": 200}, "how many")
_WRITE = (400, 403, 415)


@cache
def openapi_document() -> dict[str, Any]:
    paths: dict[str, Schema] = {
        "/api/v1/openapi.json": {"get": _op("This document", {"type": "object"}, (), public=True)},
        "/api/v1/session": {
            "post": _op(
                "Sign in with the parent e-mail and household password; sets the "
                "session cookie and returns the CSRF token for later writes",
                _ref("Session"),
                (400, 401, 415, 429),
                body="SignIn",
                public=True,
            ),
            "delete": _op("Sign out", _ref("SignedOut"), (403,)),
        },
        "/api/v1/household": {
            "get": _op("Household settings and voice-code lock state", _ref("Household"), ()),
            "patch": _op(
                "Turn voice purchasing or the voice code requirement on or off",
                _ref("Household"),
                _WRITE,
                body="Settings",
            ),
        },
        "/api/v1/household/code": {
            "put": _op(
                "Set or change the 4-digit voice code (the current code or the parent "
                "password is required once a code is set)",
                _ref("CodeSet"),
                (*_WRITE, 429),
                body="CodeChange",
            ),
        },
        "/api/v1/household/unlock": {
            "post": _op("Unlock voice purchasing after wrong codes", _ref("Household"), (403,)),
        },
        "/api/v1/profiles": {
            "get": _op("Family profiles and their rules", _list("Profile"), ()),
            "post": _op(
                "Add a family member with their role's default rules",
                _ref("Profile"),
                (*_WRITE, 409),
                status=201,
                body="NewProfile",
            ),
        },
        "/api/v1/profiles/{profile_id}": {
            "get": _op(
                "One profile", _ref("Profile"), (404,), params=[_path("profile_id", "e.g. child")]
            ),
            "patch": _op(
                "Change a profile's rules (only the fields sent)",
                _ref("Profile"),
                (*_WRITE, 404, 409),
                body="ProfileChanges",
                params=[_path("profile_id", "e.g. child")],
            ),
        },
        "/api/v1/approvals": {
            "get": _op(
                "Purchase requests, newest first",
                _list("Approval"),
                (400,),
                params=[
                    _query(
                        "status",
                        {"enum": ["pending", "approved", "declined", "expired"]},
                        "only requests in this state",
                    )
                ],
            ),
        },
        "/api/v1/approvals/{approval_id}/approve": {
            "post": _op(
                "Approve a pending request: the order is placed",
                _ref("Approved"),
                (403, 404, 409, 502),
                params=[_path("approval_id", "request id")],
            ),
        },
        "/api/v1/approvals/{approval_id}/decline": {
            "post": _op(
                "Decline a pending request",
                _ref("Declined"),
                (403, 404, 409),
                params=[_path("approval_id", "request id")],
            ),
        },
        "/api/v1/orders": {
            "get": _op("Orders, newest first", _list("Order"), (400,), params=[_LIMIT]),
        },
        "/api/v1/orders/{order_id}/cancel": {
            "post": _op(
                "Cancel an order within the cancel window, before it ships",
                _ref("Order"),
                (403, 404, 409),
                params=[_path("order_id", "order id")],
            ),
        },
        "/api/v1/audit": {
            "get": _op(
                "Every purchase attempt, newest first, paged",
                _ref("AuditPage"),
                (400,),
                params=[
                    _LIMIT,
                    _query("offset", {"type": "integer", "minimum": 0}, "skip"),
                    _query("profile", _STR, "profile id"),
                    _query(
                        "outcome",
                        {"enum": ["allow", "needs_code", "needs_approval", "deny"]},
                        "only this outcome",
                    ),
                ],
            ),
        },
        "/api/v1/blocked": {
            "get": _op(
                "Recent attempts the guard stopped, with the reason in plain words",
                _list("AuditEntry"),
                (400,),
                params=[
                    _query("limit", {"type": "integer", "minimum": 1, "maximum": 50}, "how many")
                ],
            ),
        },
        "/api/v1/notifications": {
            "get": _op(
                "The parent notification outbox, newest first",
                _list("Notification"),
                (400,),
                params=[_LIMIT],
            ),
        },
        "/api/v1/spending": {
            "get": _op("Spending per profile today, this week and this month", _list("Spend"), ()),
        },
        "/api/v1/tokens": {
            "get": _op("API tokens (signed-in parent only)", _list("Token"), (403,)),
            "post": _op(
                "Create an API token; the token is shown only in this response",
                _ref("CreatedToken"),
                _WRITE,
                status=201,
                body="NewToken",
            ),
        },
        "/api/v1/tokens/{token_id}": {
            "delete": _op(
                "Revoke an API token",
                _ref("Token"),
                (403, 404),
                params=[_path("token_id", "token id")],
            ),
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "VoiceCart parent API",
            "version": "1.0.0",
            "description": "Purchase controls for one household: the caller's own, from "
            "the session cookie or the API token. Errors are "
            '{"error": {"code", "message"}}.',
        },
        "servers": [{"url": "/"}],
        "security": [{"bearerToken": []}, {"sessionCookie": [], "csrfHeader": []}],
        "paths": paths,
        "components": {
            "schemas": SCHEMAS,
            "securitySchemes": {
                "bearerToken": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "an API token from `voicecart tokens create`",
                },
                "sessionCookie": {
                    "type": "apiKey",
                    "in": "cookie",
                    "name": "session",
                    "description": "from POST /api/v1/session",
                },
                "csrfHeader": {
                    "type": "apiKey",
                    "in": "header",
                    "name": "X-CSRF-Token",
                    "description": "required with the cookie on writes",
                },
            },
        },
    }
