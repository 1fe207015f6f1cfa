"""Dialogflow ES v2 WebhookRequest -> Turn and Reply -> WebhookResponse, without Flask."""

from __future__ import annotations

import json
from typing import Any

import pytest

from voicecart.conversation import intents
from voicecart.conversation.model import INTENT, LAUNCH, Card, Reply
from voicecart.google.simulator import Agent, agent_for
from voicecart.google.translate import (
    DISPLAY_TEXT_LIMIT,
    ORDINAL_SLOTS,
    WebhookRequestError,
    canonical_intent,
    render,
    slot_value,
    to_turn,
)
from voicecart.models import load

SESSION = "projects/p/agent/sessions/abc"


def request(
    action: str = "SearchIntent",
    display: str = "SearchIntent",
    parameters: dict[str, Any] | None = None,
    contexts: list[dict[str, Any]] | None = None,
    user: str | None = "u-1",
    language: str = "en",
) -> dict[str, Any]:
    payload = {"user": {"userId": user}} if user else {}
    return {
        "responseId": "r-1",
        "session": SESSION,
        "queryResult": {
            "queryText": "whatever",
            "action": action,
            "parameters": parameters or {},
            "outputContexts": contexts or [],
            "intent": {"name": "projects/p/agent/intents/1", "displayName": display},
            "languageCode": language,
        },
        "originalDetectIntentRequest": {"source": "google", "payload": payload},
    }


@pytest.fixture(scope="module")
def agent() -> Agent:
    return agent_for(load())


class TestIntentNames:
    def test_every_agent_intent_maps_by_action_and_by_display_name_alone(
        self, agent: Agent
    ) -> None:
        assert set(agent.by_action) == {*intents.ALL, "LaunchRequest"}
        for action, intent in agent.by_action.items():
            assert canonical_intent(action, intent.display_name) == action
            # an agent edited in the console may lose its actions: the display name suffices
            assert canonical_intent("", intent.display_name) == action

    def test_the_console_defaults_and_unknown_names(self) -> None:
        assert canonical_intent("input.welcome", "") == "LaunchRequest"
        assert canonical_intent("input.unknown", "") == intents.FALLBACK
        assert canonical_intent("", "") == intents.FALLBACK
        assert canonical_intent("SomethingNew", "") == "SomethingNew"  # the core falls back

    def test_ordinal_slots_are_the_models_ordinal_slots(self) -> None:
        model = load()
        ordinal = {s.name for i in model.intents for s in i.slots if s.type == "AMAZON.Ordinal"}
        assert ordinal == ORDINAL_SLOTS


class TestSlots:
    @pytest.mark.parametrize(
        ("name", "value", "expected"),
        [
            ("quantity", 2.0, "2"),
            ("quantity", 2, "2"),
            ("budget", 20.5, "20.5"),
            ("ordinal", 2.0, "2nd"),
            ("ordinal", 11.0, "11th"),
            ("ordinal", "third", "3rd"),
            ("ordinal", "3", "3rd"),
            ("code", "0617", "0617"),
            ("query", "  paper towels ", "paper towels"),
            ("quantity", [3.0], "3"),
            ("budget", {"amount": 20.0, "currency": "USD"}, "20"),
            ("query", "", None),
            ("query", None, None),
            ("quantity", float("nan"), None),
            ("quantity", True, None),
        ],
    )
    def test_values_look_like_alexas(self, name: str, value: Any, expected: str | None) -> None:
        assert slot_value(name, value) == expected

    def test_empty_parameters_are_not_slots(self) -> None:
        turn = to_turn(request("AddToCartIntent", parameters={"item": "", "quantity": 2.0}))
        assert turn.slots == {"quantity": "2"}


class TestTurn:
    def test_an_intent_turn(self) -> None:
        turn = to_turn(request(parameters={"query": "coffee"}, language="en-us"))
        assert (turn.kind, turn.intent, turn.slots) == (INTENT, "SearchIntent", {"query": "coffee"})
        assert turn.user_id == turn.person_id == "google:u-1"
        assert turn.device_id == SESSION and turn.request_id == "r-1"
        assert turn.locale == "en-US" and turn.new_session and turn.session == {}

    def test_the_welcome_intent_is_a_launch(self) -> None:
        turn = to_turn(request("LaunchRequest", "Default Welcome Intent"))
        assert turn.kind == LAUNCH

    def test_without_a_user_id_the_conversation_is_a_guest(self) -> None:
        turn = to_turn(request(user=None))
        assert turn.user_id == SESSION and turn.person_id is None

    def test_state_comes_back_from_the_context_with_whole_numbers(self) -> None:
        state = {"pos": 2.0, "results": ["A", "B", "C"], "item": "C", "stage": "browse"}
        context = {
            "name": f"{SESSION}/contexts/voicecart-state",
            "lifespanCount": 4,
            # Dialogflow copies the intent's own parameters in beside ours
            "parameters": {"state": state, "item": "", "code": "4821", "code.original": "4821"},
        }
        system = {"name": f"{SESSION}/contexts/__system_counters__", "parameters": {}}
        turn = to_turn(request(contexts=[system, context]))
        assert turn.session == {
            "pos": 2,
            "results": ["A", "B", "C"],
            "item": "C",
            "stage": "browse",
        }
        assert isinstance(turn.session["pos"], int) and not turn.new_session

    @pytest.mark.parametrize(
        "body",
        [
            [],
            "text",
            {"session": SESSION},
            {"session": SESSION, "queryResult": []},
            {"queryResult": {}},
            {"session": 5, "queryResult": {}},
            {"session": SESSION, "queryResult": {"parameters": ["x"]}},
            {"session": SESSION, "queryResult": {"action": 3}},
            {"session": SESSION, "queryResult": {"outputContexts": {}}},
            {"session": SESSION, "queryResult": {}, "originalDetectIntentRequest": "x"},
        ],
    )
    def test_malformed_requests_are_refused(self, body: Any) -> None:
        with pytest.raises(WebhookRequestError):
            to_turn(body)


class TestRender:
    def test_speech_card_state_and_expect_user_response(self) -> None:
        reply = Reply(
            "Done. Your order is placed.",
            "Anything else?",
            Card("Order 1 placed", "1 x Coffee"),
            session={"stage": "browse"},
        )
        out = render(reply, SESSION)
        card = {"title": "Order 1 placed", "formattedText": "1 x Coffee"}
        assert out["fulfillmentText"] == "Done. Your order is placed."
        assert out["fulfillmentMessages"] == [
            {"text": {"text": ["Done. Your order is placed."]}},
            {"basicCard": card},
        ]
        google = out["payload"]["google"]
        assert google["expectUserResponse"] is True
        assert google["richResponse"]["items"] == [
            {
                "simpleResponse": {
                    "textToSpeech": "Done. Your order is placed.",
                    "displayText": "Done. Your order is placed.",
                }
            },
            {"basicCard": card},
        ]
        assert google["noInputPrompts"][0]["textToSpeech"] == "Anything else?"
        assert out["outputContexts"] == [
            {
                "name": f"{SESSION}/contexts/voicecart-state",
                "lifespanCount": 5,
                "parameters": {"state": {"stage": "browse"}},
            }
        ]
        json.dumps(out)  # plain JSON

    def test_an_ended_conversation_clears_its_context(self) -> None:
        out = render(Reply("Goodbye.", end_session=True), SESSION)
        assert out["payload"]["google"]["expectUserResponse"] is False
        assert "noInputPrompts" not in out["payload"]["google"]
        assert out["outputContexts"][0]["lifespanCount"] == 0

    def test_a_link_account_card_says_what_to_do(self) -> None:
        out = render(Reply("Please link your account.", card=Card("Link", "", True)), SESSION)
        assert out["fulfillmentMessages"][1]["basicCard"]["formattedText"]

    def test_display_text_fits_one_bubble_and_speech_stays_whole(self) -> None:
        long = "word " * 200
        simple = render(Reply(long), SESSION)["payload"]["google"]["richResponse"]["items"][0]
        assert simple["simpleResponse"]["textToSpeech"] == long
        assert len(simple["simpleResponse"]["displayText"]) <= DISPLAY_TEXT_LIMIT
