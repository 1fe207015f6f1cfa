"""What the platform adapters hand the core, and what they get back."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAUNCH = "launch"
INTENT = "intent"
SESSION_ENDED = "session_ended"


@dataclass(frozen=True)
class Turn:
    """One thing the shopper said, as the core needs it, whatever the platform."""

    kind: str  # launch | intent | session_ended
    user_id: str
    intent: str | None = None
    slots: dict[str, str] = field(default_factory=dict)  # spoken (or resolved) values
    slot_ids: dict[str, str] = field(default_factory=dict)  # entity-resolution ids, if any
    locale: str = "en-US"
    person_id: str | None = None
    device_id: str = ""
    session: dict[str, Any] = field(default_factory=dict)  # conveniences only, never security
    new_session: bool = False
    request_id: str = ""
    platform: str = ""  # "alexa" or "google": only picks platform-specific wording

    @property
    def confirming_device(self) -> str:
        """Where a pending purchase is held: this device (on Google, this conversation), so
        a second speaker elsewhere in the house cannot confirm what was said in the kitchen."""
        return self.device_id or self.user_id

    def slot(self, name: str) -> str | None:
        value = self.slots.get(name)
        if value is None or not str(value).strip() or str(value).strip() == "?":
            return None
        return str(value).strip()


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    link_account: bool = False


@dataclass(frozen=True)
class Reply:
    """Plain text speech: the adapter escapes it into SSML (or a chat bubble)."""

    speech: str
    reprompt: str | None = None
    card: Card | None = None
    end_session: bool = False
    session: dict[str, Any] = field(default_factory=dict)
    # facts for logs and tests (never shown to the user): which path answered
    path: str = ""
    # (intent, slot) the question asks for, where the platform can listen for just that
    # (Alexa: Dialog.ElicitSlot, so a lone "six" fills the slot); others ignore it
    elicit: tuple[str, str] | None = None
