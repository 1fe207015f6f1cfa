"""Talk to `POST /google` the way Dialogflow ES would, with no Google account.

Typed text is resolved to an intent and slots from the interaction model's samples (the
same resolver `voicecart chat` uses), then sent as the Dialogflow ES v2 WebhookRequest the
generated agent would produce for it: the intent's display name, id and action from the
agent files, every one of its parameters (empty when not said), values as Dialogflow's
entities give them (@sys.number 2.0, @sys.ordinal 2.0, a custom entity's reference value),
and the active contexts as Dialogflow keeps them: numbers turned to doubles by the
protobuf Struct, the matched intent's parameters copied into every active context, a
context dropped when its lifespan runs out or the webhook sets it to 0.

The interface is chat.Simulator's: open / say / intent / leave, each returning Heard.
"""

from __future__ import annotations

import json
import re
import uuid
import weakref
from dataclasses import dataclass, field
from typing import Any

from ..chat import Heard
from . import SECRET_HEADER

# Who is speaking -> the Google user id the simulator sends. A parent links
# google:<user id> to a profile (see voicecart.google); the guest is linked to none.
GOOGLE_USERS: dict[str, str] = {
    "parent": "demo-google-user-parent",
    "teen": "demo-google-user-teen",
    "child": "demo-google-user-child",
    "guest": "demo-google-user-guest",
}
WELCOME_QUERY = "GOOGLE_ASSISTANT_WELCOME"  # what the Assistant sends with the WELCOME event


class ProtocolError(Exception):
    """The webhook answered something Dialogflow would refuse."""


@dataclass(frozen=True)
class AgentIntent:
    display_name: str
    id: str
    action: str
    parameters: dict[str, str]  # parameter name -> entity (@sys.number, @CATEGORY, ...)


class Agent:
    """The generated Dialogflow agent, read the way the console would import it."""

    def __init__(self, files: dict[str, bytes], language: str) -> None:
        self.language = language
        self.by_action: dict[str, AgentIntent] = {}
        self.entities: dict[str, dict[str, str]] = {}  # entity -> synonym -> reference value
        regexp = {
            f"@{json.loads(data)['name']}"
            for path, data in files.items()
            if path.startswith("entities/")
            and "_entries_" not in path
            and json.loads(data).get("isRegexp")
        }
        for path, data in files.items():
            doc = json.loads(data)
            if path.startswith("intents/") and "_usersays_" not in path:
                response = doc["responses"][0]
                intent = AgentIntent(
                    doc["name"],
                    doc["id"],
                    response["action"],
                    {p["name"]: p["dataType"] for p in response["parameters"]},
                )
                self.by_action[intent.action] = intent
            elif path.startswith("entities/") and "_entries_" in path:
                name = path.split("/", 1)[1].split("_entries_")[0]
                table: dict[str, str] = {}
                for entry in doc:
                    for phrase in [entry["value"], *entry.get("synonyms", [])]:
                        table.setdefault(phrase.lower(), entry["value"])
                if f"@{name}" not in regexp:  # a regexp entity gives the text it matched
                    self.entities[f"@{name}"] = table

    def intent(self, action: str) -> AgentIntent:
        return self.by_action[action]


_AGENTS: weakref.WeakKeyDictionary[Any, Agent] = weakref.WeakKeyDictionary()


def agent_for(model: Any) -> Agent:
    agent = _AGENTS.get(model)
    if agent is None:
        from ..models.dialogflow import build_dialogflow

        agent = _AGENTS[model] = Agent(build_dialogflow(model), model.language)
    return agent


def _number(value: str) -> float | str:
    try:
        return float(value)
    except ValueError:
        return value


def _struct(value: Any) -> Any:
    """What a protobuf Struct gives back: every number a double."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, list):
        return [_struct(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _struct(v) for k, v in value.items()}
    raise ProtocolError(f"not JSON for a Struct: {type(value).__name__}")


@dataclass
class GoogleSimulator:
    """One Google user in one Dialogflow conversation after another."""

    client: Any  # a Flask test client of the app that serves /google
    secret: str
    person: str = "parent"
    locale: str = "en-US"
    model: Any = None
    project: str = "voicecart-simulator"
    path: str = "/google"
    last_request: dict[str, Any] = field(default_factory=dict)
    _contexts: dict[str, dict[str, Any]] = field(default_factory=dict)
    _in_session: bool = False
    _session: str = ""

    def __post_init__(self) -> None:
        if self.model is None:
            from ..models import load

            self.model = load()

    @property
    def agent(self) -> Agent:
        return agent_for(self.model)

    @property
    def user_id(self) -> str | None:
        """The Google user id sent; None for a channel that sends no user."""
        if self.person == "anonymous":
            return None
        return GOOGLE_USERS.get(self.person, self.person)

    @property
    def session(self) -> str:
        """The Dialogflow session path: the webhook holds pending purchases under it."""
        return self._session

    def open(self) -> Heard:
        """ "Hey Google, talk to voice cart": the WELCOME event."""
        return self._send(WELCOME_QUERY, "LaunchRequest", {}, {})

    def say(self, text: str) -> Heard:
        from ..models import LAUNCH, resolve_full

        found = resolve_full(text, self.model)
        if found.intent == LAUNCH:
            return self.open()
        return self._send(text, found.intent, dict(found.slots), dict(found.slot_ids))

    def intent(self, name: str, **slots: str) -> Heard:
        return self._send(" ".join(slots.values()) or name, name, slots, {})

    def leave(self) -> Heard:
        """The person walks away. Dialogflow sends nothing (it has no SessionEndedRequest);
        the conversation is simply over, and the next one is a new session."""
        self._in_session = False
        self._contexts = {}
        return Heard("(no request)", {}, "", "", None, True, {})

    # ---- building the WebhookRequest -------------------------------------------------------
    def _value(self, action: str, entity: str, slot: str, value: str, value_id: str | None) -> Any:
        if entity == "@sys.number":
            return _number(value)
        if entity == "@sys.ordinal":
            digits = re.sub(r"\D", "", value)
            return float(digits) if digits else value
        table = self.agent.entities.get(entity)
        if table is None:
            return value  # @sys.any and the regexp code entity: the text as said
        # A custom entity gives its reference value for any synonym; one with automated
        # expansion (ITEM_NAME) passes words it does not know as they were said.
        intent = self.model.intent(action)
        declared = intent.slot(slot) if intent is not None else None
        custom = self.model.type(declared.type) if declared is not None else None
        if value_id and custom is not None:
            for known in custom.values:
                if known.id == value_id:
                    return known.name
        return table.get(value.lower(), value)

    def _request(
        self, query_text: str, action: str, slots: dict[str, str], slot_ids: dict[str, str]
    ) -> dict[str, Any]:
        intent = self.agent.intent(action)
        parameters: dict[str, Any] = {name: "" for name in intent.parameters}
        originals: dict[str, Any] = {f"{name}.original": "" for name in intent.parameters}
        for name, value in slots.items():
            entity = intent.parameters.get(name)
            if entity is None:
                raise ProtocolError(f"{intent.display_name} has no parameter {name!r}")
            parameters[name] = self._value(action, entity, name, value, slot_ids.get(name))
            originals[f"{name}.original"] = value
        new = not self._in_session
        if new:
            self._session = f"projects/{self.project}/agent/sessions/{uuid.uuid4()}"
            self._contexts = {}
        self._age_contexts()
        for context in self._contexts.values():  # Dialogflow's habit, emulated on purpose
            context["parameters"].update(parameters)
            context["parameters"].update(originals)
        contexts = {n: dict(c) for n, c in self._contexts.items()}
        contexts[f"{self._session}/contexts/__system_counters__"] = {
            "lifespanCount": 1,
            "parameters": {"no-input": 0, "no-match": 0},
        }
        payload: dict[str, Any] = {}
        if self.user_id is not None:
            payload = {
                "user": {"userId": self.user_id, "locale": self.locale},
                "conversation": {
                    "conversationId": self._session.rsplit("/", 1)[1],
                    "type": "NEW" if new else "ACTIVE",
                },
                "inputs": [
                    {
                        "intent": "actions.intent.MAIN" if new else "actions.intent.TEXT",
                        "rawInputs": [{"inputType": "VOICE", "query": query_text}],
                    }
                ],
                "surface": {"capabilities": [{"name": "actions.capability.AUDIO_OUTPUT"}]},
            }
        return {
            "responseId": f"{uuid.uuid4()}-{uuid.uuid4().hex[:8]}",
            "session": self._session,
            "queryResult": {
                "queryText": query_text,
                "action": intent.action,
                "parameters": parameters,
                "allRequiredParamsPresent": True,
                "fulfillmentMessages": [{"text": {"text": [""]}}],
                "outputContexts": [
                    {"name": name, "lifespanCount": c["lifespanCount"], **_params(c)}
                    for name, c in contexts.items()
                ],
                "intent": {
                    "name": f"projects/{self.project}/agent/intents/{intent.id}",
                    "displayName": intent.display_name,
                },
                "intentDetectionConfidence": 1,
                "languageCode": self.agent.language,
            },
            "originalDetectIntentRequest": {"source": "google", "version": "2", "payload": payload},
        }

    def _age_contexts(self) -> None:
        """Each query uses up one turn of every context's lifespan."""
        for name in list(self._contexts):
            context = self._contexts[name]
            context["lifespanCount"] = int(context["lifespanCount"]) - 1
            if context["lifespanCount"] <= 0:
                del self._contexts[name]

    # ---- sending and reading -----------------------------------------------------------
    def _send(
        self, query_text: str, action: str, slots: dict[str, str], slot_ids: dict[str, str]
    ) -> Heard:
        body = json.loads(json.dumps(self._request(query_text, action, slots, slot_ids)))
        for context in body["queryResult"]["outputContexts"]:
            if "parameters" in context:
                context["parameters"] = _struct(context["parameters"])
        self.last_request = body
        response = self.client.post(self.path, json=body, headers={SECRET_HEADER: self.secret})
        if response.status_code != 200:
            raise ProtocolError(f"/google answered {response.status_code}: {response.get_data()}")
        raw: dict[str, Any] = response.get_json()
        self._keep_contexts(raw)
        google = (raw.get("payload") or {}).get("google") or {}
        items = (google.get("richResponse") or {}).get("items") or []
        card = next((i["basicCard"] for i in items if "basicCard" in i), None)
        prompts = google.get("noInputPrompts") or [{}]
        ended = not google.get("expectUserResponse", True)
        self._in_session = not ended
        return Heard(
            action,
            dict(slots),
            str(raw.get("fulfillmentText") or ""),
            str(prompts[0].get("textToSpeech") or ""),
            card,
            ended,
            raw,
        )

    def _keep_contexts(self, raw: dict[str, Any]) -> None:
        for context in raw.get("outputContexts") or []:
            name = str(context.get("name") or "")
            if not name.startswith(f"{self._session}/contexts/"):
                raise ProtocolError(f"a context outside this session: {name!r}")
            short = name.rsplit("/", 1)[1]
            name = f"{self._session}/contexts/{short.lower()}"  # Dialogflow lowercases ids
            lifespan = int(context.get("lifespanCount") or 0)
            if lifespan <= 0:
                self._contexts.pop(name, None)
            else:
                self._contexts[name] = {
                    "lifespanCount": lifespan,
                    "parameters": dict(context.get("parameters") or {}),
                }


def _params(context: dict[str, Any]) -> dict[str, Any]:
    return {"parameters": context["parameters"]} if context["parameters"] else {}


def google_simulator_for(services: Any, person: str = "parent", **kwargs: Any) -> GoogleSimulator:
    """A simulator on a fresh app for these services (the app `voicecart serve` runs)."""
    from ..web.app import create_app
    from .webhook import configured_secret

    secret = configured_secret(services.config)
    if secret is None:
        raise RuntimeError("no webhook secret: set VOICECART_GOOGLE_SECRET or use the demo")
    client = create_app(services).test_client()
    return GoogleSimulator(client, secret, person=person, **kwargs)
