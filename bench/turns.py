"""Turn latency in-process: the real skill object invoked on a request the real ask-sdk
deserializer parsed, exactly as `voicecart.lambda_function.alexa_handler` does it (json dumps,
deserialize, invoke, serialize), with the embedded SQLite store and the 100k catalog.

The baseline is the hello skill (bench/hello_skill.py) invoked the same way on the very same
request body, right after VoiceCart answered it, so both see the same machine noise."""

from __future__ import annotations

import json
import random
import time
import uuid
from pathlib import Path
from typing import Any

from ask_sdk_model import RequestEnvelope

from voicecart.alexa.envelopes import envelope, speech_of
from voicecart.demo import DEMO_CODE, PARENT_PERSON

from .catalog import ADJECTIVES, BRANDS, NOUNS
from .hello_skill import build_hello_skill
from .stats import Row, bounded, p99, timing_row

SECTION = "turn latency (in-process, 100k products, SQLite)"

# (figure, request type, intent, slots); the search query is filled in per session.
SESSION: tuple[tuple[str, str, str | None, dict[str, str]], ...] = (
    ("launch", "LaunchRequest", None, {}),
    ("search", "IntentRequest", "SearchIntent", {"query": ""}),
    ("next", "IntentRequest", "AMAZON.NextIntent", {}),
    ("details", "IntentRequest", "DetailsIntent", {}),
    ("add to cart", "IntentRequest", "AddToCartIntent", {}),
    ("buy: summary", "IntentRequest", "BuyIntent", {}),
    ("buy: yes", "IntentRequest", "AMAZON.YesIntent", {}),
    ("buy: code", "IntentRequest", "VoiceCodeIntent", {"code": DEMO_CODE}),
)
# What each turn must say, so a benchmark of a broken path fails instead of looking fast.
EXPECT = {
    "launch": "Welcome",
    "search": "",
    "next": "",
    "details": "",
    "add to cart": "cart",
    "buy: summary": "",
    "buy: yes": "code",
    "buy: code": "placed",
}


def broad_queries(n: int, seed: int = 11) -> list[str]:
    """Spoken searches a shopper starts a session with: broad ones ("organic coffee", "dish
    soap under ten dollars"), which match hundreds of products, the expensive case for the
    index (big sets to intersect and rank)."""
    rnd = random.Random(seed)
    nouns = sorted({noun for group in NOUNS.values() for noun in group})
    prices = ["ten", "twenty", "fifteen", "fifty", "a hundred"]
    shapes = (
        lambda: f"{rnd.choice(ADJECTIVES)} {rnd.choice(nouns)}",
        lambda: f"find me some {rnd.choice(nouns)}",
        lambda: f"{rnd.choice(nouns)} under {rnd.choice(prices)} dollars",
        lambda: f"{rnd.choice(BRANDS).lower()} {rnd.choice(nouns)}",
        lambda: f"do you have {rnd.choice(ADJECTIVES)} {rnd.choice(nouns)}",
    )
    return [rnd.choice(shapes)() for _ in range(n)]


def call(skill: Any, body: dict[str, Any]) -> dict[str, Any]:
    """What alexa_handler does with an event."""
    serializer = skill.serializer
    request = serializer.deserialize(payload=json.dumps(body), obj_type=RequestEnvelope)
    result: dict[str, Any] = serializer.serialize(
        skill.invoke(request_envelope=request, context=None)
    )
    return result


def voicecart_skill(db_path: Path, products: list[Any]) -> tuple[Any, float]:
    """The skill over the database, its search index built before any timing."""
    from voicecart.alexa.skill import build_skill
    from voicecart.bootstrap import build
    from voicecart.config import Config
    from voicecart.conversation.core import Conversation
    from voicecart.domain.search import VoiceSearch

    services = build(Config(db_path=db_path, demo=True))
    started = time.perf_counter()
    index = VoiceSearch(services.store.iter_products())
    seconds = time.perf_counter() - started
    assert len(index) == len(products)
    services.shopping.use_index(index)
    return build_skill(Conversation(services), services.config.skill_id), seconds


def _session(skill: Any, hello: Any, query: str, samples: dict[str, list[float]] | None) -> None:
    session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
    attributes: dict[str, Any] = {}
    for i, (figure, kind, intent, slots) in enumerate(SESSION):
        body = envelope(
            kind,
            intent=intent,
            slots={k: (query if k == "query" else v) for k, v in slots.items()},
            person_id=PARENT_PERSON,
            session_id=session_id,
            attributes=attributes,
            new=i == 0,
        )
        started = time.perf_counter()
        out = call(skill, body)
        took = time.perf_counter() - started
        started = time.perf_counter()
        call(hello, body)
        base = time.perf_counter() - started
        said = speech_of(out)
        if EXPECT[figure] not in said:
            raise RuntimeError(f"turn {figure!r} said {said!r}, expected {EXPECT[figure]!r}")
        attributes = dict(out.get("sessionAttributes") or {})
        if samples is not None:
            samples[figure].append(took * 1000)
            samples[f"hello:{figure}"].append(base * 1000)


def code_verify_ms(count: int) -> list[float]:
    """The voice code check alone: HMAC-SHA256 under the app's secret key (domain/codes.py
    says why a keyed hash, not a slow one). The key is the one bootstrap wired for the run."""
    from voicecart.domain import codes

    hashed = codes.hash_code(DEMO_CODE)
    out = []
    for _ in range(count):
        started = time.perf_counter()
        assert codes.verify_code(hashed, DEMO_CODE)
        out.append((time.perf_counter() - started) * 1000)
    return out


def run(db_path: Path, products: list[Any], quick: bool) -> tuple[list[Row], dict[str, Any]]:
    skill, index_seconds = voicecart_skill(db_path, products)
    hello = build_hello_skill()
    sessions, budget = (60, 25.0) if quick else (300, 90.0)
    queries = broad_queries(sessions + 10)
    for q in queries[:5]:  # warm-up: first-use imports and caches, not timed
        _session(skill, hello, q, None)
    samples: dict[str, list[float]] = {name: [] for name, *_ in SESSION}
    samples.update({f"hello:{name}": [] for name, *_ in SESSION})
    for i in bounded(sessions, budget):
        _session(skill, hello, queries[10 + i], samples)
    verify = code_verify_ms(200 if quick else 1000)
    rows: list[Row] = []
    for figure, *_ in SESSION:
        took, base = samples[figure], samples[f"hello:{figure}"]
        if figure == "search":
            goal, met = "p99 <= 15 ms", p99(took) <= 15
        else:
            goal, met = (
                "<= 3x baseline",
                p99(took) <= 3 * p99(base)
                and (sorted(took)[len(took) // 2] <= 3 * sorted(base)[len(base) // 2]),
            )
        note = ""
        if figure == "buy: code":
            note = "places the order: one keyed-hash code check, two SQLite transactions"
        rows.append(
            timing_row(
                SECTION, figure, took, "hello skill, same request", base, goal, met, note=note
            )
        )
    rows.append(
        timing_row(
            SECTION,
            "  of which voice-code check",
            verify,
            "",
            None,
            "(report)",
            None,
            note="codes.verify_code alone: HMAC-SHA256, HKDF subkey of the app's secret key",
        )
    )
    extra = {"index_build_seconds": index_seconds, "sessions": len(samples["launch"])}
    return rows, extra
