"""Through the real HTTP endpoint and the real interaction model: virtual-alexa (an
independent simulator from npm) turns typed utterances into Alexa requests using
skill-package/interactionModels/custom/en-US.json and posts them to `voicecart serve`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from tests.e2e.conftest import ROOT, Server
from voicecart.adapters.sqlite import SQLiteStore
from voicecart.config import DEMO_SKILL_ID
from voicecart.demo import CHILD_PERSON, PARENT_PERSON
from voicecart.domain.orders import OrderStatus
from voicecart.domain.records import ApprovalStatus

MODEL = ROOT / "skill-package" / "interactionModels" / "custom" / "en-US.json"


def talk(
    sim: Path, server: Server, tmp_path: Path, *conversations: dict[str, Any]
) -> list[dict[str, Any]]:
    script = {
        "url": f"{server.url}/alexa",
        "model": str(MODEL),
        "applicationId": DEMO_SKILL_ID,
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


def test_the_dallas_story_end_to_end(alexa_sim: Path, server: Server, tmp_path: Path) -> None:
    child = {
        "personId": CHILD_PERSON,
        "deviceId": "amzn1.ask.device.playroom",
        "steps": says("find a dollhouse", "buy it", "one two three four"),
    }
    turns = talk(alexa_sim, server, tmp_path, child)
    speech = [t["speech"] for t in turns]
    assert "KidKraft Dreamhouse Dollhouse" in speech[1]
    assert "Should I place the order?" in speech[2]
    assert "asked a parent to approve" in speech[3]
    store = SQLiteStore(server.db)
    assert not [o for o in store.list_orders("demo") if o.status is OrderStatus.PLACED]
    [request] = store.list_approvals("demo")
    assert (request.requested_by, request.status) == ("Emma", ApprovalStatus.PENDING)

    parent = {"personId": PARENT_PERSON, "steps": says("any purchase requests", "yes", "1234")}
    turns = talk(alexa_sim, server, tmp_path, parent)
    assert "waiting for your approval" in turns[0]["speech"]
    assert "Emma asked for" in turns[1]["speech"]
    assert "voice code" in turns[2]["speech"]
    assert "Approved" in turns[3]["speech"]
    placed = [o for o in store.list_orders("demo") if o.status is OrderStatus.PLACED]
    assert len(placed) == 1 and placed[0].lines[0].sku == "TOY-DOLLHOUSE-KK"
    for turn in turns:
        assert "1234" not in turn["speech"]


def test_search_browse_cart_buy_and_cancel(alexa_sim: Path, server: Server, tmp_path: Path) -> None:
    # virtual-alexa reads any "tell ..." as "tell <skill> ...", so ask for details another way.
    steps = says(
        "find double a batteries",
        "next",
        "the first one",
        "more details",
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
    turns = talk(alexa_sim, server, tmp_path, {"personId": PARENT_PERSON, "steps": steps})
    speech = [t["speech"] for t in turns]
    assert "AA Batteries" in speech[1] and "Number 2" in speech[2]
    assert "Number 1" in speech[3] and "reviews" in speech[4]
    assert "Added 2" in speech[5] and "2 Energizer AA Batteries" in speech[6]
    assert "ending in 4242" in speech[7] and "voice code" in speech[8]
    assert "is placed" in speech[9] and turns[9]["card"]["title"].startswith("Order ")
    assert "should arrive by" in speech[10]
    assert "Cancel your order" in speech[11] and "cancelled" in speech[12]
    assert turns[13]["ended"]
    store = SQLiteStore(server.db)
    latest = store.list_orders("demo")[0]
    assert latest.status is OrderStatus.CANCELLED and latest.lines[0].quantity == 2


def test_a_guest_needs_the_code_and_help_fallback_work(
    alexa_sim: Path, server: Server, tmp_path: Path
) -> None:
    steps = says("help", "blah blah wibble", "reorder coffee", "yes", "no")
    turns = talk(alexa_sim, server, tmp_path, {"steps": steps})
    speech = [t["speech"] for t in turns]
    assert "you can search" in speech[1]
    assert "didn't catch that" in speech[2] or "Say" in speech[2]
    assert "You last ordered" in speech[3]
    assert "voice code" in speech[4]
    assert "won't order" in speech[5]


def test_the_gift_finder_one_question_at_a_time(
    alexa_sim: Path, server: Server, tmp_path: Path
) -> None:
    """Each question comes with Dialog.ElicitSlot: the simulator, like Alexa, then matches the
    asked slot's own samples, so lone numbers answer."""
    steps = says("help me find a gift", "six", "thirty", "a puzzle")
    turns = talk(alexa_sim, server, tmp_path, {"steps": steps})
    speech = [t["speech"] for t in turns]
    assert "How old" in speech[1]
    assert "someone who's 6" in speech[2]
    assert "What kind of gift" in speech[3]
    assert "three ideas for someone who's 6, under $30.00" in speech[4]
