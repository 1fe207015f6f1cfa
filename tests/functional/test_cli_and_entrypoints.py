"""The command line keeps the code secret and speaks JSON; CanFulfillIntentRequest changes
nothing; the Lambda entry point answers a real envelope."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from voicecart.alexa.envelopes import envelope, speech_of
from voicecart.config import DEMO_SKILL_ID

VOICECART = str(Path(sys.executable).with_name("voicecart"))


def cli(db: Path, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [VOICECART, *args, "--db", str(db)],
        input=stdin,
        text=True,
        capture_output=True,
        timeout=120,
    )


def test_set_code_never_echoes_and_the_code_is_nowhere_in_any_output(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    assert cli(db, "demo").returncode == 0
    changed = cli(db, "household", "set-code", stdin="4826\n4826\n")
    assert changed.returncode == 0, changed.stderr
    mismatch = cli(db, "household", "set-code", stdin="4826\n4827\n")
    assert mismatch.returncode == 2 and "did not match" in mismatch.stderr
    outputs = [changed, mismatch]
    for args in (
        ("household", "show", "--json"),
        ("audit", "--json"),
        ("approvals", "list", "--json"),
        ("orders", "list", "--json"),
        ("profiles", "list", "--json"),
    ):
        done = cli(db, *args)
        assert done.returncode == 0, done.stderr
        outputs.append(done)
    for done in outputs:
        assert "4826" not in done.stdout + done.stderr
        assert "4827" not in done.stdout + done.stderr
    shown = json.loads(cli(db, "household", "show", "--json").stdout)
    assert shown["code_set"] is True and "code_hash" not in shown


def test_orders_list_json_shape(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    cli(db, "demo")
    orders = json.loads(cli(db, "orders", "list", "--json").stdout)
    assert orders, "the demo household has an order history"
    for order in orders:
        assert {"id", "status", "total", "profile", "items"} <= order.keys()
        for item in order["items"]:
            assert {"sku", "name", "quantity", "unit_price"} <= item.keys()


def test_a_bad_catalog_line_is_named_and_nothing_is_imported(tmp_path: Path) -> None:
    db = tmp_path / "cli.db"
    cli(db, "demo")
    before = cli(db, "catalog", "search", "widget", "--json").stdout
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "sku,name,brand,category,price\nW1,Widget,Acme,tools,4.99\n"
        "W2,Gadget,Acme,tools,not-a-price\n"
    )
    done = cli(db, "catalog", "import", str(bad))
    assert done.returncode == 2 and "line 3" in done.stderr
    assert cli(db, "catalog", "search", "widget", "--json").stdout == before


def _snapshot(db: Path) -> dict[str, Any]:
    import sqlite3

    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {t: conn.execute(f"SELECT * FROM {t}").fetchall() for t in tables}  # noqa: S608


def test_can_fulfill_intent_request_changes_nothing(tmp_path: Path) -> None:
    from ask_sdk_model import RequestEnvelope

    from voicecart.alexa.skill import build_skill
    from voicecart.bootstrap import build
    from voicecart.config import Config
    from voicecart.conversation.core import Conversation

    db = tmp_path / "cfir.db"
    services = build(Config(db_path=db, demo=True, skill_id=DEMO_SKILL_ID))
    skill = build_skill(Conversation(services), DEMO_SKILL_ID)
    before = _snapshot(db)
    for intent, slots in (
        ("BuyIntent", {"item": "dollhouse"}),
        ("SearchIntent", {"query": "x"}),
        ("VoiceCodeIntent", {"code": "1234"}),
        ("NoSuchIntent", {}),
    ):
        body = envelope(
            "CanFulfillIntentRequest", intent=intent, slots=slots, skill_id=DEMO_SKILL_ID
        )
        request = skill.serializer.deserialize(payload=json.dumps(body), obj_type=RequestEnvelope)
        raw = skill.serializer.serialize(skill.invoke(request_envelope=request, context=None))
        verdict = raw["response"]["canFulfillIntent"]["canFulfill"]
        expected = {"BuyIntent": "MAYBE", "SearchIntent": "MAYBE"}.get(intent, "NO")
        assert verdict == expected, (intent, verdict)
    assert _snapshot(db) == before


def test_the_lambda_entry_point_answers_a_launch(tmp_path: Path) -> None:
    probe = (
        "import json, sys\n"
        "from voicecart.alexa.envelopes import envelope\n"
        "import voicecart.lambda_function as lf\n"
        f"print(json.dumps(lf.alexa_handler(envelope('LaunchRequest', skill_id={DEMO_SKILL_ID!r}),"
        " None)))\n"
    )
    env = {
        **os.environ,
        "VOICECART_DB": str(tmp_path / "lambda.db"),
        "VOICECART_DEMO": "1",
        "VOICECART_SKILL_ID": DEMO_SKILL_ID,
        "VOICECART_LOG_LEVEL": "WARNING",
    }
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert "Welcome to VoiceCart" in speech_of(json.loads(done.stdout.strip().splitlines()[-1]))
