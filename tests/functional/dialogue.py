"""Dialogue tests read like what a shopper says and hears.

    emma = household.speaker("child")
    emma.opens()
    emma.says("find a dollhouse").hears("KidKraft")

Every line goes through the interaction model's resolver, a real Alexa request envelope,
the ask-sdk skill object and the conversation core, on a real SQLite store; or, with
platform "google", through the same resolver, the Dialogflow ES WebhookRequest the
generated agent would send, and `POST /google` of the Flask app `voicecart serve` runs.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support import FakeClock
from voicecart.bootstrap import Services, build
from voicecart.chat import Heard, Simulator
from voicecart.config import Config
from voicecart.google.simulator import GOOGLE_USERS, GoogleSimulator
from voicecart.google.translate import DISPLAY_TEXT_LIMIT, person_id_for
from voicecart.speech import texts_for

PLATFORMS = ("alexa", "google")

SECRET_CODE = "1234"


@dataclass
class Line:
    heard: Heard
    speaker: Speaker

    def hears(self, *fragments: str) -> Line:
        for fragment in fragments:
            assert fragment.lower() in self.heard.speech.lower(), (
                f"expected {fragment!r} in {self.heard.speech!r}"
            )
        return self

    def does_not_hear(self, *fragments: str) -> Line:
        for fragment in fragments:
            assert fragment.lower() not in self.heard.speech.lower(), (
                f"did not expect {fragment!r} in {self.heard.speech!r}"
            )
        return self

    def ends_with_a_question_or_hint(self) -> Line:
        speech = self.heard.speech.strip()
        assert self.heard.ended or speech.endswith("?") or " say " in speech.lower(), speech
        return self

    @property
    def card(self) -> dict[str, Any] | None:
        return self.heard.card

    @property
    def ended(self) -> bool:
        return self.heard.ended


@dataclass
class Speaker:
    sim: Simulator | GoogleSimulator
    transcript: list[tuple[str, str]]

    def opens(self) -> Line:
        return self._record("open voice cart", self.sim.open())

    def says(self, text: str) -> Line:
        return self._record(text, self.sim.say(text))

    def buys_with_the_code(self, thing: str) -> Line:
        """Find `thing`, "buy it", "yes", then the demo code: the whole purchase."""
        self.says(f"find {thing}")
        self.says("buy it")
        self.says("yes")
        return self.says("1234")

    def walks_away(self) -> Line:
        return self._record("(walks away)", self.sim.leave())

    @property
    def platform(self) -> str:
        return "google" if isinstance(self.sim, GoogleSimulator) else "alexa"

    def _record(self, text: str, heard: Heard) -> Line:
        self.transcript.append((text, heard.speech))
        # the specific paths answer everything a dialogue says: never the last resort
        assert "something went wrong" not in heard.speech, (text, heard.speech)
        if self.platform == "google":
            _check_google_response(heard)
        else:
            ssml = (heard.raw.get("response", {}).get("outputSpeech") or {}).get("ssml")
            if ssml:
                ET.fromstring(ssml)  # every reply is well-formed SSML
        return Line(heard, self)


def _check_google_response(heard: Heard) -> None:
    """Every reply is a WebhookResponse the Assistant would play: the same words in the
    text message and the simple response, short enough for one bubble, a basic card
    after it when there is a card, and the conversation state in our output context."""
    raw = heard.raw
    if not raw:  # walking away: Dialogflow sends nothing, nothing comes back
        assert heard.ended and not heard.speech
        return
    google = raw["payload"]["google"]
    items = google["richResponse"]["items"]
    simple = items[0]["simpleResponse"]
    assert simple["textToSpeech"] == raw["fulfillmentText"] == heard.speech
    assert simple["displayText"] == heard.speech and len(heard.speech) <= DISPLAY_TEXT_LIMIT
    assert raw["fulfillmentMessages"][0] == {"text": {"text": [heard.speech]}}
    cards = [i["basicCard"] for i in items[1:]]
    assert len(items) == 1 + len(cards) and len(cards) <= 1
    assert [m["basicCard"] for m in raw["fulfillmentMessages"][1:]] == cards
    for card in cards:
        assert card["title"] and card["formattedText"]
    assert google["expectUserResponse"] is not heard.ended
    assert heard.speech != texts_for("en-US").say("error")  # never the last resort
    [context] = raw["outputContexts"]
    assert context["name"].endswith("/contexts/voicecart-state")
    assert context["lifespanCount"] == (0 if heard.ended else 5)
    assert set(context["parameters"]) == {"state"}


@dataclass
class Household:
    services: Services
    clock: FakeClock
    platform: str = "alexa"
    transcript: list[tuple[str, str]] = field(default_factory=list)
    _google_client: Any = None

    def speaker(self, person: str, device: str = "amzn1.ask.device.kitchen") -> Speaker:
        """On Google the device is the conversation itself (the Dialogflow session)."""
        if self.platform == "google":
            return Speaker(self._google(person), self.transcript)
        from voicecart.alexa.skill import build_skill
        from voicecart.conversation.core import Conversation

        skill = build_skill(Conversation(self.services), self.services.config.skill_id)
        return Speaker(
            Simulator(
                skill,
                self.services.config.skill_id,
                person=person,
                device_id=device,
                model=_model(),
            ),
            self.transcript,
        )

    def _google(self, person: str) -> GoogleSimulator:
        from voicecart.google.webhook import configured_secret
        from voicecart.web.app import create_app

        if self._google_client is None:
            link_google_users(self.services)
            self._google_client = create_app(self.services).test_client()
        secret = configured_secret(self.services.config)
        assert secret is not None
        return GoogleSimulator(self._google_client, secret, person=person, model=_model())

    def pending_for(self, speaker: Speaker) -> Any:
        """The purchase waiting for this speaker's yes: per device on Alexa, per
        conversation (Dialogflow session) on Google."""
        sim = speaker.sim
        device = sim.session if isinstance(sim, GoogleSimulator) else sim.device_id
        return self.store.get_pending("demo", device)

    @property
    def store(self) -> Any:
        return self.services.store

    def orders(self) -> list[Any]:
        return self.store.list_orders("demo")

    def approvals(self) -> list[Any]:
        return self.store.list_approvals("demo")


_MODEL: list[Any] = []


def _model() -> Any:
    if not _MODEL:
        from voicecart.models import load

        _MODEL.append(load())
    return _MODEL[0]


def link_google_users(services: Services) -> None:
    """What a parent does on the parent page: add google:<user id> to each family
    member's profile (the guest stays unlinked). The page and the API's PATCH
    /api/v1/profiles/<id> both save through Households.save_profile."""
    households = services.households
    for person in ("parent", "teen", "child"):
        profile = households.profile("demo", person)
        linked = (*profile.person_ids, person_id_for(GOOGLE_USERS[person]))
        households.save_profile(profile.with_changes(person_ids=linked))


def demo_household(tmp_path: Path, platform: str = "alexa") -> Household:
    assert platform in PLATFORMS
    clock = FakeClock()
    services = build(
        Config(db_path=tmp_path / "dialogue.db", demo=True, skill_id="amzn1.ask.skill.test"),
        clock=clock,
    )
    return Household(services, clock, platform)
