"""Checking what a parent sends, before anything is changed.

The API and the page forms both end here, so a value refused on one is refused on the
other. Every function either returns complete, valid changes or raises ValidationError.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from decimal import Decimal, InvalidOperation

from ...domain.errors import Conflict, ValidationError
from ...domain.household import (
    GUEST_PROFILE_ID,
    Mode,
    Profile,
    QuietHours,
    Role,
    default_profile,
    validate_profile,
)

MAX_AMOUNT = Decimal("100000")
PROFILE_FIELDS = frozenset(
    {
        "name",
        "mode",
        "per_order_limit",
        "daily_budget",
        "monthly_budget",
        "blocked_categories",
        "quiet_hours",
        "person_ids",
    }
)
_CATEGORY = re.compile(r"^[a-z0-9][a-z0-9 &'_-]{0,39}$")
_PROFILE_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,31}$")
_LABELS = {
    "per_order_limit": "the per-order limit",
    "daily_budget": "the daily budget",
    "monthly_budget": "the monthly budget",
}


def require_object(raw: object) -> Mapping[str, object]:
    if not isinstance(raw, Mapping):
        raise ValidationError("send a JSON object")
    return raw


def reject_unknown(raw: Mapping[str, object], allowed: frozenset[str]) -> None:
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise ValidationError(f"unknown field: {', '.join(unknown)}")


def amount(value: object, label: str) -> Decimal | None:
    """None or "" means no limit; otherwise dollars and cents, not negative."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise ValidationError(f"{label} must be an amount like 25.00, or empty for no limit")
    text = str(value).strip().lstrip("$").replace(",", "")
    try:
        parsed = Decimal(text)
    except InvalidOperation as exc:
        raise ValidationError(f"{label} must be an amount like 25.00, not {value!r}") from exc
    if not parsed.is_finite():
        raise ValidationError(f"{label} must be an amount like 25.00")
    if parsed < 0:
        raise ValidationError(f"{label} cannot be negative")
    if parsed > MAX_AMOUNT:
        raise ValidationError(f"{label} cannot be more than ${MAX_AMOUNT:,}")
    if parsed != parsed.quantize(Decimal("0.01")):
        raise ValidationError(f"{label} has more than two decimals")
    return parsed.quantize(Decimal("0.01"))


def text_list(value: object, label: str) -> list[str]:
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError(f"{label} must be a list of strings")
    return [v.strip() for v in value if v.strip()]


def categories(value: object) -> frozenset[str]:
    found = {c.lower() for c in text_list(value, "blocked_categories")}
    for category in found:
        if not _CATEGORY.match(category):
            raise ValidationError(f"not a category name: {category!r}")
    return frozenset(found)


def person_ids(value: object) -> tuple[str, ...]:
    ids = text_list(value, "person_ids")
    for pid in ids:
        if len(pid) > 255 or any(c.isspace() for c in pid):
            raise ValidationError(f"not a voice (person) id: {pid[:40]!r}")
    return tuple(dict.fromkeys(ids))


def profile_changes(raw: object) -> dict[str, object]:
    """Partial changes to a profile's rules, checked field by field."""
    body = require_object(raw)
    reject_unknown(body, PROFILE_FIELDS)
    changes: dict[str, object] = {}
    if "name" in body:
        name = body["name"]
        if not isinstance(name, str) or not name.strip() or len(name.strip()) > 40:
            raise ValidationError("a profile name is 1 to 40 characters")
        changes["name"] = name.strip()
    if "mode" in body:
        try:
            changes["mode"] = Mode(body["mode"])
        except ValueError as exc:
            modes = ", ".join(m.value for m in Mode)
            raise ValidationError(f"mode must be one of {modes}") from exc
    for key, label in _LABELS.items():
        if key in body:
            changes[key] = amount(body[key], label)
    if "blocked_categories" in body:
        changes["blocked_categories"] = categories(body["blocked_categories"])
    if "quiet_hours" in body:
        changes["quiet_hours"] = quiet_hours(body["quiet_hours"])
    if "person_ids" in body:
        changes["person_ids"] = person_ids(body["person_ids"])
    return changes


def quiet_hours(value: object) -> QuietHours | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValidationError("quiet hours must look like 21:00-07:00, or be empty")
    return QuietHours.parse(value)


def changed_profile(profile: Profile, changes: Mapping[str, object]) -> Profile:
    updated = replace(profile, **changes)  # type: ignore[arg-type]
    validate_profile(updated)
    return updated


def new_profile(household_id: str, raw: object, taken: set[str]) -> Profile:
    """A new family member with their role's default rules, then any rules given."""
    body = require_object(raw)
    reject_unknown(body, PROFILE_FIELDS | {"id", "role"})
    try:
        role = Role(body.get("role"))
    except ValueError as exc:
        raise ValidationError("role must be adult, teen or child") from exc
    if role is Role.GUEST:
        raise ValidationError("the guest profile already exists; change its rules instead")
    name = body.get("name")
    if not isinstance(name, str) or not name.strip():
        raise ValidationError("a profile needs a name")
    profile_id = body.get("id") or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:32]
    if not isinstance(profile_id, str) or not _PROFILE_ID.match(profile_id):
        raise ValidationError("a profile id is lower-case letters, digits, - or _")
    if profile_id in taken or profile_id == GUEST_PROFILE_ID:
        raise Conflict(f"there is already a profile {profile_id!r}")
    base = default_profile(household_id, profile_id, name.strip(), role)
    rules = {k: v for k, v in body.items() if k not in ("id", "role")}
    return changed_profile(base, profile_changes(rules))


def settings_changes(raw: object) -> dict[str, bool]:
    body = require_object(raw)
    reject_unknown(body, frozenset({"voice_purchasing", "code_required"}))
    if not body:
        raise ValidationError("send voice_purchasing and/or code_required")
    for key, value in body.items():
        if not isinstance(value, bool):
            raise ValidationError(f"{key} must be true or false")
    return {k: bool(v) for k, v in body.items()}


def code_change(raw: object) -> tuple[str, str | None, str | None]:
    """(new code, current code, parent password); never echoed in an error."""
    body = require_object(raw)
    reject_unknown(body, frozenset({"new_code", "current_code", "password"}))
    new = body.get("new_code")
    current = body.get("current_code")
    password = body.get("password")
    if not isinstance(new, str):
        raise ValidationError("new_code must be four digits, as a string")
    for key, value in (("current_code", current), ("password", password)):
        if value is not None and not isinstance(value, str):
            raise ValidationError(f"{key} must be a string")
    return new, (current or None), (password or None)  # type: ignore[return-value]
