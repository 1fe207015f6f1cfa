"""A parent in a real headless Chromium (Debian's /usr/bin/chromium driven by Playwright):
signs in, approves the dollhouse Emma asked for, changes Emma's daily budget, cancels an
order and unlocks voice purchasing — each change checked in the store. Saves screenshots
of the overview to artifacts/ for a person to look at.

Skips only when Chromium is absent and CI is not set; under CI it fails instead.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from werkzeug.serving import make_server

from voicecart.bootstrap import Services, build
from voicecart.config import Config
from voicecart.demo import CHILD_PERSON, DEMO_CODE, PARENT_PERSON
from voicecart.domain.guard import GuardPolicy
from voicecart.domain.ids import new_key
from voicecart.domain.orders import Line, OrderStatus
from voicecart.domain.purchases import Actor
from voicecart.domain.records import ApprovalStatus
from voicecart.web.parent import register_parent
from voicecart.web.parent.demo_credentials import DEMO_PARENT_EMAIL, DEMO_PARENT_PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DOLLHOUSE_SKU = "TOY-DOLLHOUSE-KK"


def _under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _require_browser() -> Any:
    if not CHROMIUM.exists():
        if _under_ci():
            pytest.fail(f"{CHROMIUM} is missing under CI: .ci/run must `apt-get install chromium`")
        pytest.skip(
            f"needs Debian's Chromium at {CHROMIUM} (apt-get install chromium); "
            "set CI=true to make this a failure"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        if _under_ci():
            pytest.fail("the playwright package is missing under CI (pip install playwright)")
        pytest.skip("needs the playwright Python package (pip install -r requirements.txt)")
    return sync_playwright


@dataclass
class Running:
    services: Services
    url: str

    def actor(self, person: str) -> Actor:
        household = self.services.households.get("demo")
        return Actor(
            household,
            self.services.households.profile_for(household, person),
            device_id="kitchen-echo",
        )


@pytest.fixture
def running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Running]:
    monkeypatch.setenv("VOICECART_SECRET_KEY", "browser-test-secret")
    monkeypatch.delenv("VOICECART_COOKIE_SECURE", raising=False)
    services = build(Config(db_path=tmp_path / "browser.db", demo=True))
    app = Flask("parent-browser-test")
    register_parent(app, services)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="parent-page", daemon=True)
    thread.start()
    try:
        yield Running(services, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)


def _story(running: Running) -> tuple[str, str]:
    """Emma asks for the dollhouse; a parent orders batteries by voice; then someone
    guesses the voice code six times. Returns (approval id, order id)."""
    services = running.services
    dollhouse = services.store.get_product(DOLLHOUSE_SKU)
    batteries = services.store.get_product("BAT-AA-24")
    assert dollhouse is not None and batteries is not None, "the demo catalog changed"
    asked = services.purchases.attempt(
        running.actor(CHILD_PERSON), (Line.of(dollhouse),), new_key()
    )
    assert asked.approval is not None, asked.decision
    bought = services.purchases.attempt(
        running.actor(PARENT_PERSON), (Line.of(batteries),), new_key(), code=DEMO_CODE
    )
    assert bought.order is not None, bought.decision
    policy = GuardPolicy()
    for guess in ("4321", "1111", "2468"):  # a stranger at the speaker: paused after three
        refused = services.purchases.attempt(
            running.actor(""), (Line.of(dollhouse),), new_key(), code=guess
        )
        assert refused.order is None
    for _ in range(policy.hard_lock_after - policy.soft_lock_after):  # three more, later on
        services.store.record_code_failure("demo", services.clock.now(), policy)
    return asked.approval.id, bought.order.id


def test_a_parent_uses_the_page(running: Running) -> None:
    sync_playwright = _require_browser()
    approval_id, order_id = _story(running)
    store = running.services.store
    ARTIFACTS.mkdir(exist_ok=True)

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.set_default_timeout(15_000)

            # Sign in: the page sends a stranger to the sign-in form first.
            page.goto(running.url + "/parent/")
            assert page.get_by_role("heading", name="Sign in").is_visible()
            page.get_by_label("E-mail").fill(DEMO_PARENT_EMAIL)
            page.get_by_label("Household password").fill(DEMO_PARENT_PASSWORD)
            page.get_by_role("button", name="Sign in").click()
            page.get_by_role("heading", name=re.compile("Waiting for your OK")).wait_for()

            # What a parent sees first: the lock, the request, the chart.
            assert page.get_by_role("heading", name="Voice purchasing is locked").is_visible()
            assert page.get_by_text("KidKraft").first.is_visible()
            assert page.get_by_text("Over Emma's per-order limit").is_visible()
            assert page.get_by_text("Someone said a wrong voice code.").is_visible()
            page.screenshot(path=str(ARTIFACTS / "parent-overview.png"), full_page=True)
            page.set_viewport_size({"width": 390, "height": 844})
            page.screenshot(path=str(ARTIFACTS / "parent-overview-phone.png"), full_page=True)
            page.set_viewport_size({"width": 1100, "height": 900})

            # Approve the dollhouse.
            page.get_by_role("button", name=re.compile(r"^Approve Emma's request")).click()
            page.get_by_text(re.compile(r"Approved\. Order \w+")).wait_for()
            approval = store.get_approval("demo", approval_id)
            assert approval is not None and approval.status is ApprovalStatus.APPROVED
            placed = store.get_order("demo", approval.order_id or "")
            assert placed is not None and placed.status is OrderStatus.PLACED
            assert placed.profile_id == "child"

            # Change Emma's daily budget.
            page.get_by_role("link", name="Profiles & rules").click()
            emma = page.locator("#profile-child")
            emma.get_by_label("Daily budget ($)").fill("20")
            emma.get_by_role("button", name="Save Emma's rules").click()
            page.get_by_text("Saved Emma's rules.").wait_for()
            child = store.get_profile("demo", "child")
            assert child is not None and child.daily_budget == Decimal("20.00")
            page.screenshot(path=str(ARTIFACTS / "parent-profiles.png"), full_page=True)

            # Cancel the batteries order.
            page.get_by_role("link", name="Orders").click()
            page.get_by_role("button", name=f"Cancel order {order_id}").click()
            page.get_by_text(f"Order {order_id} is cancelled").wait_for()
            cancelled = store.get_order("demo", order_id)
            assert cancelled is not None and cancelled.status is OrderStatus.CANCELLED
            page.screenshot(path=str(ARTIFACTS / "parent-orders.png"), full_page=True)

            # Unlock voice purchasing.
            page.get_by_role("link", name=re.compile("^Overview")).click()
            page.get_by_role("button", name="Unlock voice purchasing").click()
            page.get_by_text("Voice purchasing is unlocked").wait_for()
            lock = store.get_code_lock("demo")
            assert not lock.is_locked(running.services.clock.now()) and lock.failures == 0
            page.screenshot(path=str(ARTIFACTS / "parent-overview-after.png"), full_page=True)
        finally:
            browser.close()
