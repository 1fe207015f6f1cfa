"""`POST /google` on the Flask app `voicecart serve` runs: the shared secret, malformed
bodies, the last resort, and a Google user linked to a profile through the parent API."""

from __future__ import annotations

import base64
import json
import logging
from pathlib import Path
from typing import Any

import pytest
from flask.testing import FlaskClient

from tests.functional.dialogue import demo_household
from tests.support import FakeClock
from voicecart.bootstrap import Services, build
from voicecart.config import DEMO_SKILL_ID, Config
from voicecart.conversation.core import Conversation
from voicecart.demo import CHILD_PERSON
from voicecart.domain.orders import OrderStatus
from voicecart.google import DEMO_SECRET, SECRET_ENV, SECRET_HEADER
from voicecart.google.simulator import GoogleSimulator
from voicecart.logs import JsonFormatter
from voicecart.web.app import create_app
from voicecart.web.parent.demo_credentials import DEMO_PARENT_EMAIL, DEMO_PARENT_PASSWORD


def services_for(tmp_path: Path, demo: bool = True) -> Services:
    config = Config(db_path=tmp_path / "g.db", demo=demo, skill_id=DEMO_SKILL_ID)
    return build(config, clock=FakeClock())


@pytest.fixture
def client(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> FlaskClient:
    monkeypatch.delenv(SECRET_ENV, raising=False)
    return create_app(services_for(tmp_path)).test_client()


def welcome(session: str = "projects/p/agent/sessions/s1") -> dict[str, Any]:
    return {
        "responseId": "r1",
        "session": session,
        "queryResult": {
            "queryText": "GOOGLE_ASSISTANT_WELCOME",
            "action": "LaunchRequest",
            "parameters": {},
            "intent": {"displayName": "Default Welcome Intent"},
            "languageCode": "en",
        },
        "originalDetectIntentRequest": {"source": "google", "payload": {}},
    }


def basic(user: str, password: str) -> dict[str, str]:
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


class TestTheSharedSecret:
    @pytest.mark.parametrize(
        "headers",
        [
            {},
            {SECRET_HEADER: "wrong"},
            {SECRET_HEADER: ""},
            basic("voicecart", "wrong"),
            {"Authorization": f"Bearer {DEMO_SECRET}"},
        ],
    )
    def test_without_it_401_json(self, client: FlaskClient, headers: dict[str, str]) -> None:
        response = client.post("/google", json=welcome(), headers=headers)
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"
        assert response.headers["WWW-Authenticate"].startswith("Basic")

    @pytest.mark.parametrize(
        "headers", [{SECRET_HEADER: DEMO_SECRET}, basic("dialogflow", DEMO_SECRET)]
    )
    def test_the_header_or_basic_auth(self, client: FlaskClient, headers: dict[str, str]) -> None:
        response = client.post("/google", json=welcome(), headers=headers)
        assert response.status_code == 200
        assert "Welcome to VoiceCart" in response.get_json()["fulfillmentText"]

    def test_the_environment_secret_replaces_the_demo_one(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.setenv(SECRET_ENV, "a-long-secret-set-by-the-developer")
        client = create_app(services_for(tmp_path)).test_client()
        refused = client.post("/google", json=welcome(), headers={SECRET_HEADER: DEMO_SECRET})
        assert refused.status_code == 401
        ok = {SECRET_HEADER: "a-long-secret-set-by-the-developer"}
        assert client.post("/google", json=welcome(), headers=ok).status_code == 200

    def test_outside_the_demo_no_secret_means_no_access(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv(SECRET_ENV, raising=False)
        client = create_app(services_for(tmp_path, demo=False)).test_client()
        for headers in ({}, {SECRET_HEADER: DEMO_SECRET}, {SECRET_HEADER: ""}):
            assert client.post("/google", json=welcome(), headers=headers).status_code == 401

    def test_the_demo_banner_prints_it(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        from voicecart.cli_server import _google_secret_row

        monkeypatch.delenv(SECRET_ENV, raising=False)
        assert DEMO_SECRET in _google_secret_row(services_for(tmp_path))
        assert "NOT SET" in _google_secret_row(services_for(tmp_path / "real", demo=False))
        monkeypatch.setenv(SECRET_ENV, "a-long-secret-set-by-the-developer")
        row = _google_secret_row(services_for(tmp_path))
        assert SECRET_ENV in row and "a-long-secret" not in row


class TestMalformedRequests:
    @pytest.mark.parametrize(
        "body",
        [
            b"{not json",
            b"",
            b"[]",
            b'"text"',
            b'{"session": "s"}',
            b'{"session": "s", "queryResult": {"parameters": []}}',
            b"\xff\xfe\x00",
            b"[" * 100_000 + b"]" * 100_000,
        ],
        ids=["broken", "empty", "array", "string", "no-query", "bad-params", "bytes", "deep"],
    )
    def test_400_json_never_500(self, client: FlaskClient, body: bytes) -> None:
        response = client.post(
            "/google",
            data=body,
            content_type="application/json",
            headers={SECRET_HEADER: DEMO_SECRET},
        )
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "bad_request"

    def test_a_body_too_large_is_refused_as_json(self, client: FlaskClient) -> None:
        response = client.post(
            "/google",
            data=b"x" * (300 * 1024),
            content_type="application/json",
            headers={SECRET_HEADER: DEMO_SECRET},
        )
        assert response.status_code == 413 and response.get_json()["error"]["code"]

    def test_the_secret_is_checked_before_the_body_is_read(self, client: FlaskClient) -> None:
        response = client.post("/google", data=b"{not json", content_type="application/json")
        assert response.status_code == 401


class TestTheLastResort:
    def test_an_unexpected_error_is_a_spoken_apology_and_a_log_without_values(
        self,
        tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture,
    ) -> None:
        monkeypatch.delenv(SECRET_ENV, raising=False)

        def broken(self: Conversation, turn: Any) -> Any:
            raise RuntimeError(f"the core broke on {turn.slots}")

        monkeypatch.setattr(Conversation, "respond", broken)
        sim = GoogleSimulator(create_app(services_for(tmp_path)).test_client(), DEMO_SECRET)
        with caplog.at_level(logging.INFO, logger="voicecart"):
            heard = sim.intent("VoiceCodeIntent", code="4821")
        assert heard.raw["fulfillmentText"].startswith("Sorry, something went wrong")
        assert heard.raw["payload"]["google"]["expectUserResponse"] is True
        [record] = [r for r in caplog.records if r.name == "voicecart.google"]
        line = JsonFormatter().format(record)
        assert "4821" not in line and json.loads(line)["path"] == "last_resort"
        assert json.loads(line)["slots"] == ["code"] and json.loads(line)["error"] == "RuntimeError"


class TestWhoIsSpeaking:
    def _sign_in(self, client: FlaskClient) -> str:
        response = client.post(
            "/api/v1/session", json={"email": DEMO_PARENT_EMAIL, "password": DEMO_PARENT_PASSWORD}
        )
        assert response.status_code == 200
        return str(response.get_json()["csrf_token"])

    def test_a_google_user_linked_through_the_parent_api_is_that_profile(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv(SECRET_ENV, raising=False)
        services = services_for(tmp_path)
        client = create_app(services).test_client()

        # Before anyone links it, Emma's Google account is a guest: the guest's rules apply.
        emma = GoogleSimulator(client, DEMO_SECRET, person="emma-google-id")
        emma.open()
        emma.say("find a dollhouse")
        emma.say("buy it")
        assert "over Guest's limit" in emma.say("yes").speech
        assert not services.store.list_approvals("demo")

        csrf = self._sign_in(client)
        response = client.patch(
            "/api/v1/profiles/child",
            json={"person_ids": [CHILD_PERSON, "google:emma-google-id"]},
            headers={"X-CSRF-Token": csrf},
        )
        assert response.status_code == 200
        assert "google:emma-google-id" in response.get_json()["person_ids"]

        emma = GoogleSimulator(client, DEMO_SECRET, person="emma-google-id")
        emma.open()
        emma.say("find a dollhouse")
        emma.say("buy it")
        assert "asked a parent to approve" in emma.say("1234").speech
        [request] = services.store.list_approvals("demo")
        assert request.requested_by == "Emma"
        assert not [o for o in services.store.list_orders("demo") if o.status is OrderStatus.PLACED]

    def test_an_unlinked_or_anonymous_user_is_a_guest(self, tmp_path: Path) -> None:
        for person in ("someone-nobody-linked", "anonymous"):
            home = demo_household(tmp_path / person, "google")
            guest = home.speaker(person)
            guest.opens()
            guest.says("find coffee")
            guest.says("buy it")
            guest.says("yes").hears("four-digit voice code")
            guest.says("1234").hears("is placed")
            [audit] = [a for a in home.store.list_audit("demo") if a.outcome == "allow"]
            assert audit.profile_id == "guest"


class TestTheCodeStaysSecret:
    def test_no_response_carries_the_code_though_dialogflow_copies_it_into_contexts(
        self, tmp_path: Path
    ) -> None:
        home = demo_household(tmp_path, "google")
        alex = home.speaker("parent")
        alex.opens()
        alex.says("find coffee")
        alex.says("buy it")
        alex.says("yes")
        sim = alex.sim
        assert isinstance(sim, GoogleSimulator)
        heard = sim.say("my code is 4321")
        assert "didn't match" in heard.speech
        assert "4321" not in json.dumps(heard.raw)
        heard = sim.say("1234")
        assert "is placed" in heard.speech and "1234" not in json.dumps(heard.raw)
        # the request did carry it back in the context, as Dialogflow would
        contexts = sim.last_request["queryResult"]["outputContexts"]
        assert any(c.get("parameters", {}).get("code") == "1234" for c in contexts)
