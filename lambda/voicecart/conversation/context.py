"""Per-turn context handed to every handler: who, what they said, and how to answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from ..domain.household import Household, Profile
from ..domain.households import Households
from ..domain.purchases import Actor, Purchases
from ..domain.shopping import Shopping
from ..ports import Clock, Store
from ..speech import Texts
from .model import Card, Reply, Turn


class CoreServices(Protocol):
    """What the conversation needs from the wired application (see bootstrap.Services)."""

    store: Store
    clock: Clock
    households: Households
    shopping: Shopping
    purchases: Purchases


@dataclass
class Context:
    turn: Turn
    services: CoreServices
    texts: Texts
    household: Household
    profile: Profile
    session: dict[str, Any] = field(default_factory=dict)
    path: str = ""

    @property
    def device_id(self) -> str:
        return self.turn.confirming_device  # where pending purchases are held

    @property
    def actor(self) -> Actor:
        return Actor(self.household, self.profile, self.device_id, "voice")

    def say(self, key: str, **params: object) -> str:
        return self.texts.say(key, self.turn.platform, **params)

    def ask(
        self,
        speech: str,
        reprompt: str | None = None,
        card: Card | None = None,
        *,
        elicit: tuple[str, str] | None = None,
    ) -> Reply:
        return Reply(
            speech,
            reprompt or self.texts.say("reprompt_main"),
            card,
            False,
            dict(self.session),
            self.path,
            elicit,
        )

    def tell(self, speech: str, card: Card | None = None) -> Reply:
        return Reply(speech, None, card, True, {}, self.path)
