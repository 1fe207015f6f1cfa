"""What the guard's reason keys mean, in the words a parent would use."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from ...domain.records import AuditEntry

_REASONS = {
    "voice_purchasing_off": "Voice purchasing is turned off for the household.",
    "locked_for": "Voice purchasing was paused after too many wrong voice codes.",
    "locked_until_parent": "Voice purchasing is locked after too many wrong voice codes.",
    "only_adults_approve": "Only a parent can approve requests.",
    "profile_disabled": "Purchases are turned off for {name}.",
    "blocked_category": "{category} is blocked for {name}.",
    "quiet_hours": "It was during {name}'s quiet hours.",
    "over_order_limit": "It was over {name}'s per-order limit.",
    "over_daily_budget": "It was over {name}'s daily budget.",
    "over_monthly_budget": "It was over {name}'s monthly budget.",
    "no_code_set": "No voice code is set up yet.",
    "declined_by_parent": "A parent declined the request.",
    "wrong_code": "Someone said a wrong voice code.",
    "code_malformed": "The voice code was not understood (not four digits).",
    "broadcast_hold": "Many households ordered this at once, as when a TV ad sets off speakers.",
    "approval_required": "{name} asked for a parent's approval.",
    "code_required": "Waiting for the voice code.",
    "code_to_approve": "Waiting for the voice code to approve.",
    "code_ok": "The voice code was right.",
    "allowed": "Allowed.",
    "approved_on_page": "Approved by a parent on the parent page.",
}

OUTCOME_LABELS = {
    "allow": "Ordered",
    "needs_code": "Asked for the code",
    "needs_approval": "Sent for approval",
    "deny": "Blocked",
}

ACTION_LABELS = {"buy": "Buy", "reorder": "Reorder", "approve": "Approve"}


def reason_text(entry: AuditEntry) -> str:
    template = _REASONS.get(entry.reason)
    if template is None:
        return entry.reason.replace("_", " ").capitalize() + "."
    categories = [line.category for line in entry.lines]
    category = categories[0].capitalize() if categories else "That category"
    return template.format(name=entry.profile_name, category=category)


def local(moment: datetime, timezone: str) -> datetime:
    return moment.astimezone(ZoneInfo(timezone))


def when(moment: datetime | None, timezone: str) -> str:
    """e.g. "Mon Nov 23, 12:05 PM" in the household's time zone."""
    if moment is None:
        return ""
    at = local(moment, timezone)
    return f"{at:%a %b} {at.day}, {at.hour % 12 or 12}:{at:%M %p}"


def ago(moment: datetime, now: datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        minutes = seconds // 60
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    if seconds < 86400:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    days = seconds // 86400
    return f"{days} day{'s' if days != 1 else ''} ago"


def time_left(until: datetime, now: datetime) -> str:
    seconds = max(0, int((until - now).total_seconds()))
    if seconds >= 3600:
        hours = seconds // 3600
        return f"{hours} hour{'s' if hours != 1 else ''}"
    minutes = max(1, seconds // 60)
    return f"{minutes} minute{'s' if minutes != 1 else ''}"


def dollars(amount: Decimal | None, none: str = "No limit") -> str:
    if amount is None:
        return none
    return f"${amount:,.2f}"
