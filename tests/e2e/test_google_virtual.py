"""Through the real HTTP webhook and the generated Dialogflow agent: virtual-google-assistant
(bespoken's simulator, from npm) matches typed utterances against dialogflow/agent/ and
posts Dialogflow ES v2 webhook requests to `POST /google` of `voicecart serve --demo`.
Google users are linked to profiles the way a parent does it: through the parent API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ROOT, Server, need
from voicecart.adapters.sqlite import SQLiteStore
from voicecart.demo import CHILD_PERSON, PARENT_PERSON
from voicecart.domain.orders import OrderStatus
from voicecart.domain.records import ApprovalStatus
from voicecart.google import DEMO_SECRET, SECRET_ENV, SECRET_HEADER
from voicecart.web.parent.demo_credentials import DEMO_PARENT_EMAIL, DEMO_PARENT_PASSWORD

AGENT = ROOT / "dialogflow" / "agent"
SECRET = os.environ.get(SECRET_ENV) or DEMO_SECRET  # what the server under test uses


@pytest.fixture(scope="session")
def google_sim() -> Path:
    folder = ROOT / "tests" / "e2e" / "google_sim"
    need(shutil.which("node") is not None, "node is not installed")
    need(
        (folder / "node_modules" / "virtual-google-assistant").is_dir(),
        "virtual-google-assistant is not installed (run: npm ci --prefix tests/e2e/google_sim)",
    )
    return folder / "drive.js"


def talk(
    sim: Path, server: Server, tmp_path: Path, *conversations: dict[str, Any]
) -> list[dict[str, Any]]:
    script = {
        "url": f"{server.url}/google",
        "secret": SECRET,
        "agent": str(AGENT),
        "conversations": list(conversations),
    }
    path = tmp_path / "script.json"
    path.write_text(json.dumps(script))
    done = subprocess.run(
        ["node", str(sim), str(path)], capture_output=True, text=True, timeout=120, check=True
    )
    turns = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    for turn in turns:
        assert "error" not in turn, turn
    return turns


def says(*lines: str) -> list[dict[str, Any]]:
    return [{"launch": True}] + [{"say": line} for line in lines]


def link_google_user(server: Server, profile_id: str, person: str, google_user: str) -> None:
    """What a parent does: sign in to the parent API and add google:<user id> to a profile."""
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))

    def call(method: str, path: str, body: object, headers: dict[str, str]) -> Any:
        request = urllib.request.Request(
            f"{server.url}{path}",
            data=json.dumps(body).encode(),
            method=method,
            headers={"Content-Type": "application/json", **headers},
        )
        with opener.open(request, timeout=10) as response:
            return json.loads(response.read())

    session = call(
        "POST",
        "/api/v1/session",
        {"email": DEMO_PARENT_EMAIL, "password": DEMO_PARENT_PASSWORD},
        {},
    )
    profile = call(
        "PATCH",
        f"/api/v1/profiles/{profile_id}",
        {"person_ids": [person, f"google:{google_user}"]},
        {"X-CSRF-Token": session["csrf_token"]},
    )
    assert f"google:{google_user}" in profile["person_ids"]


def post(server: Server, body: bytes, headers: dict[str, str]) -> tuple[int, Any]:
    request = urllib.request.Request(
        f"{server.url}/google",
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **headers},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_the_dallas_story_end_to_end(google_sim: Path, server: Server, tmp_path: Path) -> None:
    link_google_user(server, "child", CHILD_PERSON, "e2e-emma")
    link_google_user(server, "parent", PARENT_PERSON, "e2e-alex")
    child = {"userId": "e2e-emma", "steps": says("find a dollhouse", "buy it", "1234")}
    turns = talk(google_sim, server, tmp_path, child)
    speech = [t["speech"] for t in turns]
    assert turns[0]["intent"] == "Default Welcome Intent"
    assert "KidKraft Dreamhouse Dollhouse" in speech[1]
    assert "Should I place the order?" in speech[2]
    assert turns[3]["intent"] == "VoiceCodeIntent" and turns[3]["parameters"] == {"code": "1234"}
    assert "asked a parent to approve" in speech[3]
    store = SQLiteStore(server.db)
    assert not [o for o in store.list_orders("demo") if o.status is OrderStatus.PLACED]
    [request] = store.list_approvals("demo")
    assert (request.requested_by, request.status) == ("Emma", ApprovalStatus.PENDING)

    parent = {"userId": "e2e-alex", "steps": says("any purchase requests", "yes", "1234")}
    turns = talk(google_sim, server, tmp_path, parent)
    assert "waiting for your approval" in turns[0]["speech"]
    assert "Emma asked for" in turns[1]["speech"]
    assert "voice code" in turns[2]["speech"]
    assert "Approved" in turns[3]["speech"]
    placed = [o for o in store.list_orders("demo") if o.status is OrderStatus.PLACED]
    assert len(placed) == 1 and placed[0].lines[0].sku == "TOY-DOLLHOUSE-KK"
    assert placed[0].profile_id == "child"
    for turn in turns:
        assert "1234" not in turn["speech"]


def test_search_browse_cart_buy_and_cancel(
    google_sim: Path, server: Server, tmp_path: Path
) -> None:
    link_google_user(server, "parent", PARENT_PERSON, "e2e-alex")
    steps = says(
        "find double a batteries",
        "next",
        "the first one",
        "tell me more",
        "add two to my cart",
        "what's in my cart",
        "check out",
        "yes",
        "1234",
        "where is my order",
        "cancel my last order",
        "yes",
        "stop",
    )
    turns = talk(google_sim, server, tmp_path, {"userId": "e2e-alex", "steps": steps})
    speech = [t["speech"] for t in turns]
    assert turns[1]["parameters"] == {"query": "double a batteries"}
    assert "AA Batteries" in speech[1] and "Number 2" in speech[2]
    assert "Number 1" in speech[3] and "reviews" in speech[4]
    assert turns[5]["parameters"] == {"quantity": "2"}  # the agent's @sys.number
    assert "Added 2" in speech[5] and "2 Energizer AA Batteries" in speech[6]
    assert "ending in 4242" in speech[7] and "voice code" in speech[8]
    assert "is placed" in speech[9] and turns[9]["card"]["title"].startswith("Order ")
    assert "should arrive by" in speech[10]
    assert "Cancel your order" in speech[11] and "cancelled" in speech[12]
    assert turns[13]["ended"] and not any(t["ended"] for t in turns[:13])
    store = SQLiteStore(server.db)
    latest = store.list_orders("demo")[0]
    assert latest.status is OrderStatus.CANCELLED and latest.lines[0].quantity == 2


def test_a_guest_needs_the_code_and_help_fallback_work(
    google_sim: Path, server: Server, tmp_path: Path
) -> None:
    steps = says("help", "blah blah wibble", "reorder coffee", "yes", "no")
    turns = talk(google_sim, server, tmp_path, {"userId": "e2e-nobody-linked", "steps": steps})
    speech = [t["speech"] for t in turns]
    assert "you can search" in speech[1]
    assert turns[2]["intent"] == "Default Fallback Intent" and "didn't catch that" in speech[2]
    assert "You last ordered" in speech[3]
    assert "voice code" in speech[4]
    assert "won't order" in speech[5]


def test_a_quote_belongs_to_its_conversation(
    google_sim: Path, server: Server, tmp_path: Path
) -> None:
    first = {"userId": "e2e-sam", "steps": says("find coffee", "buy it")}
    later = {"userId": "e2e-sam", "steps": says("yes", "1234")}
    turns = talk(google_sim, server, tmp_path, first, later)
    assert "Should I place the order?" in turns[2]["speech"]
    assert "nothing waiting" in turns[4]["speech"] and "nothing waiting" in turns[5]["speech"]
    store = SQLiteStore(server.db)
    assert not [o for o in store.list_orders("demo") if o.status is OrderStatus.PLACED]


def test_the_webhook_wants_its_secret_and_json(server: Server) -> None:
    body = json.dumps({"session": "projects/p/agent/sessions/s", "queryResult": {}}).encode()
    status, answer = post(server, body, {})
    assert status == 401 and answer["error"]["code"] == "unauthorized"
    status, answer = post(server, body, {SECRET_HEADER: "not-the-secret"})
    assert status == 401
    status, answer = post(server, b"{not json", {SECRET_HEADER: SECRET})
    assert status == 400 and answer["error"]["code"] == "bad_request"
    status, answer = post(server, body, {SECRET_HEADER: SECRET})
    assert status == 200 and answer["fulfillmentText"]


def test_the_gift_finder_one_question_at_a_time(
    google_sim: Path, server: Server, tmp_path: Path
) -> None:
    """Dialogflow's own matching of the generated agent: the answers said with their units,
    then the ideas; and a code said afterwards in a purchase is still the code."""
    steps = says(
        "help me find a gift",
        "six years old",
        "under 30 dollars",
        "a puzzle",
        "buy it",
        "yes",
        "1234",
    )
    turns = talk(google_sim, server, tmp_path, {"userId": "e2e-gift", "steps": steps})
    speech = [t["speech"] for t in turns]
    assert "How old" in speech[1]
    assert "someone who's 6" in speech[2] and "spend" in speech[2]
    assert "What kind of gift" in speech[3]
    assert "three ideas for someone who's 6, under $30.00" in speech[4]
    assert "voice code" in speech[6]
    assert turns[7]["intent"] == "VoiceCodeIntent" and "Done" in speech[7]
