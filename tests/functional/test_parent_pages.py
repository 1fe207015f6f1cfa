"""The parent page through Flask's test client: sign-in, CSRF on every form, each change
checked in the store, and one household never touching another's."""

from __future__ import annotations

import os
import re
import stat
from decimal import Decimal
from pathlib import Path

import pytest
from flask.testing import FlaskClient

from tests.functional.conftest import WINE
from tests.functional.parent_support import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    OTHER_EMAIL,
    OTHER_PASSWORD,
    World,
    make_world,
)
from voicecart.adapters.sqlite import SQLiteStore
from voicecart.demo import demo_household
from voicecart.domain import codes
from voicecart.domain.guard import GuardPolicy
from voicecart.domain.orders import OrderStatus
from voicecart.domain.records import ApprovalStatus
from voicecart.web.parent.auth import secret_key
from voicecart.web.parent.demo_credentials import (
    DEMO_PARENT_EMAIL,
    DEMO_PARENT_PASSWORD,
    demo_banner,
    seed_parent_login,
)

PAGES = [
    "/parent/",
    "/parent/profiles",
    "/parent/code",
    "/parent/orders",
    "/parent/activity",
    "/parent/notifications",
]


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("VOICECART_SECRET_KEY", "test-only-secret")
    return make_world(tmp_path)


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


class Browser:
    """A parent with a test client: reads the CSRF token from the last page, like a form."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        self.html = ""

    def get(self, path: str, status: int = 200) -> str:
        response = self.client.get(path)
        assert response.status_code == status, (path, response.status_code)
        self.html = response.get_data(as_text=True)
        return self.html

    def post(
        self,
        path: str,
        data: dict[str, object] | None = None,
        *,
        csrf: bool = True,
        follow: bool = True,
    ) -> tuple[int, str]:
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = csrf_of(self.html)
        response = self.client.post(path, data=form, follow_redirects=follow)
        self.html = response.get_data(as_text=True)
        return response.status_code, self.html

    def sign_in(self, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> tuple[int, str]:
        self.get("/parent/sign-in")
        return self.post("/parent/sign-in", {"email": email, "password": password})


@pytest.fixture
def parent(world: World) -> Browser:
    browser = Browser(world.client())
    status, html = browser.sign_in()
    assert status == 200 and "Waiting for your OK" in html
    return browser


class TestSignIn:
    @pytest.mark.parametrize("path", PAGES)
    def test_pages_need_sign_in(self, world: World, path: str) -> None:
        response = world.client().get(path)
        assert response.status_code == 302
        assert "/parent/sign-in" in response.headers["Location"]

    def test_sign_in_and_back_to_the_page_asked_for(self, world: World) -> None:
        browser = Browser(world.client())
        browser.get("/parent/sign-in?next=/parent/orders")
        status, html = browser.post(
            "/parent/sign-in",
            {"email": DEMO_EMAIL, "password": DEMO_PASSWORD, "next": "/parent/orders"},
        )
        assert status == 200 and "<h1>Orders</h1>" in html

    def test_open_redirects_are_ignored(self, world: World) -> None:
        browser = Browser(world.client())
        browser.get("/parent/sign-in")
        response = browser.client.post(
            "/parent/sign-in",
            data={
                "email": DEMO_EMAIL,
                "password": DEMO_PASSWORD,
                "next": "//evil.example.com/",
                "csrf_token": csrf_of(browser.html),
            },
        )
        assert response.headers["Location"] == "/parent/"

    def test_wrong_password(self, world: World) -> None:
        browser = Browser(world.client())
        status, html = browser.sign_in(DEMO_EMAIL, "nope nope nope")
        assert status == 401 and "don&#39;t match" in html

    def test_sign_in_without_csrf_is_refused(self, world: World) -> None:
        response = world.client().post(
            "/parent/sign-in", data={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
        )
        assert response.status_code == 403

    def test_rate_limited(self, world: World) -> None:
        browser = Browser(world.client())
        for _ in range(5):
            assert browser.sign_in(DEMO_EMAIL, "guess guess")[0] == 401
        status, html = browser.sign_in()
        assert status == 429 and "Too many tries" in html

    def test_sign_out(self, parent: Browser) -> None:
        status, html = parent.post("/parent/sign-out")
        assert status == 200 and "You are signed out" in html
        assert parent.client.get("/parent/").status_code == 302

    def test_pages_are_not_cached_and_not_framed(self, parent: Browser) -> None:
        response = parent.client.get("/parent/")
        assert response.headers["Cache-Control"] == "no-store"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]


class TestCsrf:
    @pytest.mark.parametrize(
        "path",
        [
            "/parent/approvals/X/approve",
            "/parent/approvals/X/decline",
            "/parent/unlock",
            "/parent/profiles/child",
            "/parent/code",
            "/parent/settings",
            "/parent/orders/X/cancel",
            "/parent/sign-out",
        ],
    )
    def test_form_posts_without_the_token_are_refused(self, parent: Browser, path: str) -> None:
        status, html = parent.post(path, {"daily_budget": "1"}, csrf=False)
        assert status == 403 and "did not come from this page" in html

    def test_forged_token_changes_nothing(self, world: World, parent: Browser) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        response = parent.client.post(
            f"/parent/approvals/{approval.id}/approve", data={"csrf_token": "forged"}
        )
        assert response.status_code == 403
        assert world.store.get_approval("demo", approval.id).status is ApprovalStatus.PENDING  # type: ignore[union-attr]
        assert world.store.list_orders("demo") == []

    def test_token_from_another_session_is_refused(self, world: World, parent: Browser) -> None:
        intruder = Browser(world.client())
        intruder.get("/parent/sign-in")
        response = parent.client.post(
            "/parent/settings", data={"csrf_token": csrf_of(intruder.html)}
        )
        assert response.status_code == 403
        assert world.store.get_household("demo").voice_purchasing  # type: ignore[union-attr]


class TestOverview:
    def test_pending_request_first_with_buttons(self, world: World, parent: Browser) -> None:
        world.child_asks(WINE)
        world.child_asks()
        html = parent.get("/parent/")
        assert html.index("Waiting for your OK") < html.index("Spending by person")
        assert "<strong>Emma</strong> asked for" in html and "KidKraft Dreamhouse Dollhouse" in html
        assert "$184.01" in html and "Approve and order" in html and "Decline" in html
        assert "Alcohol is blocked for Emma." in html
        assert "Emma asked for KidKraft Dreamhouse Dollhouse, $184.01." in html  # notification
        assert '<svg class="bars"' in html and "This week $0.00" in html
        assert (
            "Over Emma&#39;s per-order limit ($50.00), daily budget ($50.00) and monthly "
            "budget ($100.00)." in html
        )

    def test_approve(self, world: World, parent: Browser) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        parent.get("/parent/")
        status, html = parent.post(f"/parent/approvals/{approval.id}/approve")
        assert status == 200 and "Approved. Order" in html
        stored = world.store.get_approval("demo", approval.id)
        assert stored is not None and stored.status is ApprovalStatus.APPROVED
        order = world.store.get_order("demo", stored.order_id or "")
        assert order is not None and order.status is OrderStatus.PLACED
        status, html = parent.post(f"/parent/approvals/{approval.id}/approve")
        assert "Could not approve: that request is already approved." in html
        assert len(world.store.list_orders("demo")) == 1

    def test_decline(self, world: World, parent: Browser) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        parent.get("/parent/")
        status, html = parent.post(f"/parent/approvals/{approval.id}/decline")
        assert "Declined Emma&#39;s request." in html
        assert world.store.get_approval("demo", approval.id).status is ApprovalStatus.DECLINED  # type: ignore[union-attr]

    def test_unlock(self, world: World, parent: Browser) -> None:
        for _ in range(6):
            world.store.record_code_failure("demo", world.clock.now(), GuardPolicy())
        html = parent.get("/parent/")
        assert "Voice purchasing is locked" in html
        status, html = parent.post("/parent/unlock")
        assert "Voice purchasing is unlocked" in html
        assert not world.store.get_code_lock("demo").is_locked(world.clock.now())


class TestProfiles:
    def form(self, world: World, profile_id: str, **changes: object) -> dict[str, object]:
        p = world.store.get_profile("demo", profile_id)
        assert p is not None
        data: dict[str, object] = {
            "name": p.name,
            "mode": p.mode.value,
            "per_order_limit": p.per_order_limit or "",
            "daily_budget": p.daily_budget or "",
            "monthly_budget": p.monthly_budget or "",
            "blocked_categories": sorted(p.blocked_categories),
            "quiet_start": p.quiet_hours.start.strftime("%H:%M") if p.quiet_hours else "",
            "quiet_end": p.quiet_hours.end.strftime("%H:%M") if p.quiet_hours else "",
            "person_ids": "\n".join(p.person_ids),
        }
        data.update(changes)
        return data

    def test_change_the_childs_daily_budget(self, world: World, parent: Browser) -> None:
        html = parent.get("/parent/profiles")
        assert 'for="child-daily_budget">Daily budget ($)</label>' in html
        status, html = parent.post(
            "/parent/profiles/child",
            self.form(
                world,
                "child",
                daily_budget="20",
                blocked_categories=["toys"],
                quiet_start="20:00",
                quiet_end="07:00",
            ),
        )
        assert status == 200 and "Saved Emma&#39;s rules." in html
        child = world.store.get_profile("demo", "child")
        assert child is not None and child.daily_budget == Decimal("20.00")
        assert child.blocked_categories == {"toys"} and str(child.quiet_hours) == "20:00-07:00"

    @pytest.mark.parametrize(
        "changes,message",
        [
            ({"daily_budget": "-5"}, "cannot be negative"),
            ({"daily_budget": "lots"}, "must be an amount"),
            ({"mode": "allowed"}, "child profile can only be"),
            ({"quiet_start": "20:00", "quiet_end": ""}, "both a start and an end"),
            ({"name": ""}, "1 to 40 characters"),
        ],
    )
    def test_invalid_input_changes_nothing(
        self, world: World, parent: Browser, changes: dict[str, object], message: str
    ) -> None:
        before = world.store.get_profile("demo", "child")
        parent.get("/parent/profiles")
        status, html = parent.post("/parent/profiles/child", self.form(world, "child", **changes))
        assert status == 400 and message in html and "Nothing was changed." in html
        assert world.store.get_profile("demo", "child") == before

    def test_unknown_profile(self, world: World, parent: Browser) -> None:
        parent.get("/parent/profiles")
        status, _ = parent.post("/parent/profiles/nobody", self.form(world, "child"))
        assert status == 404


class TestVoiceCode:
    def test_change_with_the_current_code(self, world: World, parent: Browser) -> None:
        parent.get("/parent/code")
        status, html = parent.post(
            "/parent/code", {"new_code": "8642", "confirm_code": "8642", "current_code": "1234"}
        )
        assert status == 200 and "The new voice code is set" in html and "8642" not in html
        assert codes.verify_code(world.store.get_household("demo").code_hash, "8642")  # type: ignore[union-attr]

    def test_change_with_the_password(self, world: World, parent: Browser) -> None:
        parent.get("/parent/code")
        status, _ = parent.post(
            "/parent/code", {"new_code": "8642", "confirm_code": "8642", "password": DEMO_PASSWORD}
        )
        assert status == 200
        assert codes.verify_code(world.store.get_household("demo").code_hash, "8642")  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        "form,message",
        [
            ({"new_code": "8642", "confirm_code": "8642", "current_code": "9999"}, "not right"),
            ({"new_code": "8642", "confirm_code": "8643", "current_code": "1234"}, "not the same"),
            ({"new_code": "86", "confirm_code": "86", "current_code": "1234"}, "exactly four"),
            ({"new_code": "5555", "confirm_code": "5555", "current_code": "1234"}, "same"),
            ({"new_code": "8642", "confirm_code": "8642"}, "current voice code or your parent"),
        ],
    )
    def test_refused(
        self, world: World, parent: Browser, form: dict[str, object], message: str
    ) -> None:
        parent.get("/parent/code")
        status, html = parent.post("/parent/code", form)
        assert status == 400 and message in html and "8642" not in html
        assert codes.verify_code(world.store.get_household("demo").code_hash, "1234")  # type: ignore[union-attr]

    def test_settings(self, world: World, parent: Browser) -> None:
        parent.get("/parent/code")
        status, html = parent.post("/parent/settings", {"code_required": "on"})
        assert "Settings saved." in html and "Voice purchasing is turned off" in html
        household = world.store.get_household("demo")
        assert household is not None
        assert not household.voice_purchasing and household.code_required


class TestApiTokens:
    """A parent makes a token for a script on the voice-code page, sees it once, and can
    revoke it; the JSON API takes it until then."""

    def create(self, parent: Browser, label: str = "kitchen tablet") -> str:
        parent.get("/parent/code")
        status, html = parent.post("/parent/tokens", {"label": label})
        assert status == 201 and "shown only this once" in html
        found = re.search(r'id="new-token">([^<]+)<', html)
        assert found is not None
        return found.group(1)

    def api(self, world: World, token: str) -> int:
        response = world.client().get(
            "/api/v1/household", headers={"Authorization": f"Bearer {token}"}
        )
        return response.status_code

    def test_a_token_is_shown_once_and_opens_the_api(self, world: World, parent: Browser) -> None:
        token = self.create(parent)
        assert token.startswith("vct_")
        assert self.api(world, token) == 200
        again = parent.get("/parent/code")
        assert token not in again and "kitchen tablet" in again and "active" in again

    def test_a_revoked_token_opens_nothing(self, world: World, parent: Browser) -> None:
        token = self.create(parent)
        [record] = world.store.list_api_tokens("demo")
        status, html = parent.post(f"/parent/tokens/{record.id}/revoke")
        assert status == 200 and "Revoked the token" in html and "revoked" in html
        assert self.api(world, token) == 401

    def test_a_token_needs_a_label(self, world: World, parent: Browser) -> None:
        parent.get("/parent/code")
        status, html = parent.post("/parent/tokens", {"label": "  "})
        assert status == 400 and "needs a label" in html and "Nothing was changed." in html
        assert world.store.list_api_tokens("demo") == []

    def test_creating_and_revoking_need_the_form_token(self, world: World, parent: Browser) -> None:
        parent.get("/parent/code")
        status, _ = parent.post("/parent/tokens", {"label": "x"}, csrf=False)
        assert status in (400, 403)
        assert world.store.list_api_tokens("demo") == []


class TestOrdersActivityNotifications:
    def test_cancel_an_order(self, world: World, parent: Browser) -> None:
        order = world.parent_buys().order
        assert order is not None
        html = parent.get("/parent/orders")
        assert f"Cancel order {order.id}" in html
        status, html = parent.post(f"/parent/orders/{order.id}/cancel")
        assert f"Order {order.id} is cancelled" in html
        assert world.store.get_order("demo", order.id).status is OrderStatus.CANCELLED  # type: ignore[union-attr]
        status, html = parent.post(f"/parent/orders/{order.id}/cancel")
        assert "Could not cancel" in html

    def test_activity_is_filtered_and_paged(self, world: World, parent: Browser) -> None:
        for _ in range(27):
            world.child_asks(WINE)
        world.parent_buys()
        html = parent.get("/parent/activity?outcome=deny&profile=child")
        assert html.count("Alcohol is blocked for Emma.") == 25 and "Older →" in html
        html = parent.get("/parent/activity?outcome=deny&profile=child&page=2")
        assert html.count("Alcohol is blocked for Emma.") == 2 and "← Newer" in html
        html = parent.get("/parent/activity?outcome=allow")
        assert "Ordered" in html and "Alcohol is blocked" not in html
        parent.get("/parent/activity?outcome=maybe", status=400)

    def test_notifications(self, world: World, parent: Browser) -> None:
        world.child_asks()
        html = parent.get("/parent/notifications")
        assert "Emma asked for KidKraft Dreamhouse Dollhouse" in html


class TestCrossHousehold:
    def test_another_household_cannot_act_on_these_ids(self, world: World) -> None:
        approval = world.child_asks().approval
        order = world.parent_buys().order
        assert approval is not None and order is not None
        intruder = Browser(world.client())
        intruder.sign_in(OTHER_EMAIL, OTHER_PASSWORD)
        html = intruder.get("/parent/")
        assert "The Other household" in html and "Dollhouse" not in html
        _, html = intruder.post(f"/parent/approvals/{approval.id}/approve")
        assert "Could not approve: no such request." in html
        _, html = intruder.post(f"/parent/orders/{order.id}/cancel")
        assert "Could not cancel: no such order." in html
        assert world.store.get_approval("demo", approval.id).status is ApprovalStatus.PENDING  # type: ignore[union-attr]
        assert world.store.get_order("demo", order.id).status is OrderStatus.PLACED  # type: ignore[union-attr]
        assert order.id not in intruder.get("/parent/orders")
        assert "Emma" not in intruder.get("/parent/activity")


class TestSetup:
    def test_secret_key_file_is_private_and_stable(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("VOICECART_SECRET_KEY", raising=False)
        db = tmp_path / "data" / "voicecart.db"
        first = secret_key(db)
        assert first == secret_key(db) and len(first) >= 40
        path = db.parent / "voicecart-secret-key"
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
        monkeypatch.setenv("VOICECART_SECRET_KEY", "from-env")
        assert secret_key(db) == "from-env"

    def test_read_only_disk_falls_back_to_a_process_key(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        monkeypatch.delenv("VOICECART_SECRET_KEY", raising=False)
        blocker = tmp_path / "not-a-dir"
        blocker.write_text("a file where the data directory should be")
        key = secret_key(blocker / "voicecart.db")
        assert len(key) >= 40 and key != secret_key(blocker / "voicecart.db")

    def test_demo_parent_login_is_seeded_once(self, tmp_path: Path, world: World) -> None:
        fresh = SQLiteStore(tmp_path / "fresh.db")
        fresh.put_household(demo_household())
        assert seed_parent_login(fresh, world.clock, "demo") is True
        assert seed_parent_login(fresh, world.clock, "demo") is False
        assert seed_parent_login(fresh, world.clock, "nowhere") is False
        login = fresh.find_parent_login(DEMO_PARENT_EMAIL)
        assert login is not None
        assert codes.verify_secret(login.password_hash, DEMO_PARENT_PASSWORD)
        assert DEMO_PARENT_EMAIL in demo_banner("http://127.0.0.1:8000/")
