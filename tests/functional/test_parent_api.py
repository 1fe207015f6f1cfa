"""The parent JSON API: every endpoint's success and failure paths, sign-in and tokens,
CSRF, cross-household attempts, and the OpenAPI document kept true."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from tests.functional.conftest import COOKIES, WINE
from tests.functional.parent_support import (
    DEMO_EMAIL,
    DEMO_PASSWORD,
    OTHER_EMAIL,
    OTHER_PASSWORD,
    Api,
    World,
    make_world,
)
from voicecart.demo import CHILD_PERSON
from voicecart.domain import codes
from voicecart.domain.guard import GuardPolicy
from voicecart.domain.orders import OrderStatus
from voicecart.domain.records import ApprovalStatus
from voicecart.web.parent.openapi import openapi_document


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    monkeypatch.setenv("VOICECART_SECRET_KEY", "test-only-secret")
    monkeypatch.delenv("VOICECART_COOKIE_SECURE", raising=False)
    return make_world(tmp_path)


@pytest.fixture
def api(world: World) -> Api:
    client = world.api()
    assert client.sign_in().status_code == 200
    return client


@pytest.fixture
def other(world: World) -> Api:
    client = world.api()
    assert client.sign_in(OTHER_EMAIL, OTHER_PASSWORD).status_code == 200
    return client


def lock_hard(world: World, household_id: str = "demo") -> None:
    for _ in range(GuardPolicy().hard_lock_after):
        world.store.record_code_failure(household_id, world.clock.now(), GuardPolicy())


# ---- the OpenAPI document ---------------------------------------------------------------------
class TestOpenApi:
    def test_served_without_sign_in(self, world: World) -> None:
        response = world.api().get("/api/v1/openapi.json")
        assert response.status_code == 200
        assert response.get_json() == openapi_document()
        assert response.get_json()["openapi"].startswith("3.1")

    def test_every_route_is_described_and_nothing_more(self, world: World) -> None:
        routes = set()
        for rule in world.app.url_map.iter_rules():
            if rule.rule.startswith("/api/v1"):
                path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
                routes |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
        described = {
            (path, method) for path, item in openapi_document()["paths"].items() for method in item
        }
        assert routes == described

    def test_schemas_are_valid_json_schema(self) -> None:
        doc = openapi_document()
        for name, schema in doc["components"]["schemas"].items():
            Draft202012Validator.check_schema(schema), name
        for item in doc["paths"].values():
            for op in item.values():
                assert "401" in op["responses"] or op.get("security") == []
                for response in op["responses"].values():
                    Draft202012Validator.check_schema(
                        response["content"]["application/json"]["schema"]
                    )

    def test_unknown_paths_and_methods_answer_json(self, world: World) -> None:
        client = world.client()
        missing = client.get("/api/v1/nothing-here")
        assert missing.status_code == 404
        assert missing.get_json()["error"]["code"] == "not_found"
        wrong = client.put("/api/v1/orders")
        assert wrong.status_code == 405
        assert wrong.get_json()["error"]["code"] == "method_not_allowed"


# ---- signing in ---------------------------------------------------------------------------------
class TestSignIn:
    def test_sign_in_gives_a_session_and_a_csrf_token(self, world: World) -> None:
        client = world.api()
        response = client.sign_in()
        assert response.status_code == 200
        assert response.get_json()["household_id"] == "demo"
        assert client.get("/api/v1/household").get_json()["id"] == "demo"

    @pytest.mark.parametrize(
        "email,password",
        [
            (DEMO_EMAIL, "wrong password"),
            ("nobody@example.com", DEMO_PASSWORD),
            (OTHER_EMAIL, DEMO_PASSWORD),
            ("not an address", "x" * 10),
        ],
    )
    def test_wrong_sign_in_is_refused_alike(self, world: World, email: str, password: str) -> None:
        client = world.api()
        response = client.sign_in(email, password)
        assert response.status_code == 401
        assert response.get_json()["error"] == {
            "code": "sign_in_refused",
            "message": "wrong e-mail or password",
        }
        assert client.get("/api/v1/household").status_code == 401

    def test_bad_bodies(self, world: World) -> None:
        client = world.api()
        assert (
            client.post(
                "/api/v1/session",
                data="email=a",
                headers={"Content-Type": "application/x-www-form-urlencoded"},
            ).status_code
            == 415
        )
        assert client.post("/api/v1/session", json={"email": DEMO_EMAIL}).status_code == 400
        assert client.post("/api/v1/session", json=["x"]).status_code == 400
        assert (
            client.post(
                "/api/v1/session", json={"email": DEMO_EMAIL, "password": "x", "extra": 1}
            ).status_code
            == 400
        )

    def test_attempts_are_rate_limited_per_address(self, world: World) -> None:
        client = world.api()
        for _ in range(5):
            assert client.sign_in(DEMO_EMAIL, "guess").status_code == 401
        blocked = client.sign_in()  # even the right password, while the window lasts
        assert blocked.status_code == 429
        assert 0 < int(blocked.headers["Retry-After"]) <= 15 * 60
        assert client.get("/api/v1/household").status_code == 401
        # Another household's parent is not locked out by it.
        assert world.api().sign_in(OTHER_EMAIL, OTHER_PASSWORD).status_code == 200
        world.clock.advance(minutes=15)
        assert client.sign_in().status_code == 200

    def test_a_right_password_resets_the_count(self, world: World) -> None:
        client = world.api()
        for _ in range(4):
            client.sign_in(DEMO_EMAIL, "guess")
        assert client.sign_in().status_code == 200
        for _ in range(5):
            assert client.sign_in(DEMO_EMAIL, "guess").status_code == 401

    def test_sign_out(self, api: Api) -> None:
        assert api.delete("/api/v1/session").get_json() == {"signed_out": True}
        assert api.get("/api/v1/household").status_code == 401

    def test_sessions_end_after_twelve_hours(self, world: World, api: Api) -> None:
        world.clock.advance(hours=12, minutes=1)
        assert api.get("/api/v1/household").status_code == 401

    def test_changing_the_password_signs_sessions_out(self, world: World, api: Api) -> None:
        world.access.set_password("demo", "a brand new password")
        assert api.get("/api/v1/household").status_code == 401
        assert api.sign_in(DEMO_EMAIL, "a brand new password").status_code == 200

    def test_session_cookie_flags(self, world: World) -> None:
        http = world.api()
        http.sign_in()
        cookie = http.client.get_cookie("session")
        assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
        assert not cookie.secure  # plain http://127.0.0.1 keeps working locally
        https = world.api("https://parents.example.com")
        raw = https.post("/api/v1/session", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD})
        header = raw.headers["Set-Cookie"]
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header

    def test_secure_cookie_can_be_forced(self, world: World) -> None:
        world.app.config["VOICECART_COOKIE_SECURE"] = True
        response = world.api().sign_in()
        assert "Secure" in response.headers["Set-Cookie"]


# ---- authentication and CSRF on every endpoint ----------------------------------------------
def _sample(template: str) -> str:
    return re.sub(r"\{[^}]+\}", "X", template)


PROTECTED = [
    (path, method)
    for path, item in openapi_document()["paths"].items()
    for method, op in item.items()
    if op.get("security") != []
]


class TestAuthRequired:
    @pytest.mark.parametrize("path,method", PROTECTED)
    def test_no_credentials_401(self, world: World, path: str, method: str) -> None:
        response = world.api().call(method.upper(), _sample(path), json={})
        assert response.status_code == 401
        assert response.get_json()["error"]["code"] == "unauthorized"

    @pytest.mark.parametrize("path,method", [(p, m) for p, m in PROTECTED if m != "get"])
    def test_session_writes_without_csrf_header_403(self, api: Api, path: str, method: str) -> None:
        response = api.call(method.upper(), _sample(path), json={}, csrf=False)
        assert response.status_code == 403
        assert response.get_json()["error"]["code"] == "csrf"

    def test_wrong_csrf_header_changes_nothing(self, world: World, api: Api) -> None:
        response = api.patch(
            "/api/v1/household",
            json={"voice_purchasing": False},
            headers={"X-CSRF-Token": "forged"},
        )
        assert response.status_code == 403
        assert world.store.get_household("demo").voice_purchasing  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        "header", ["Bearer vct_not-a-real-token", "Bearer ", "Basic abc", "Bearer " + "x" * 300]
    )
    def test_bad_authorization_header_401(self, world: World, header: str) -> None:
        response = world.api().get("/api/v1/household", headers={"Authorization": header})
        assert response.status_code == 401
        assert "Bearer" in response.headers["WWW-Authenticate"]


# ---- household settings, the voice code, unlocking -------------------------------------------
class TestHousehold:
    def test_get_never_shows_the_code(self, api: Api) -> None:
        response = api.get("/api/v1/household")
        data = response.get_json()
        assert data["code_set"] and data["password_set"] and not data["locked"]
        assert "hash" not in response.get_data(as_text=True)
        assert "argon2" not in response.get_data(as_text=True)

    def test_settings(self, world: World, api: Api) -> None:
        data = api.patch("/api/v1/household", json={"voice_purchasing": False}).get_json()
        assert data["voice_purchasing"] is False and data["code_required"] is True
        assert not world.store.get_household("demo").voice_purchasing  # type: ignore[union-attr]

    @pytest.mark.parametrize(
        "body",
        [
            {},
            {"voice_purchasing": "no"},
            {"code_required": 0},
            {"voice_purchasing": False, "surprise": True},
            [True],
        ],
    )
    def test_invalid_settings_change_nothing(self, world: World, api: Api, body: object) -> None:
        before = world.store.get_household("demo")
        assert api.patch("/api/v1/household", json=body).status_code == 400
        assert world.store.get_household("demo") == before

    def test_change_code_with_current_code(self, world: World, api: Api) -> None:
        response = api.put(
            "/api/v1/household/code", json={"new_code": "8642", "current_code": "1234"}
        )
        assert response.get_json() == {"code_set": True}
        household = world.store.get_household("demo")
        assert codes.verify_code(household.code_hash, "8642")  # type: ignore[union-attr]

    def test_change_code_with_password(self, world: World, api: Api) -> None:
        response = api.put(
            "/api/v1/household/code", json={"new_code": "8642", "password": DEMO_PASSWORD}
        )
        assert response.status_code == 200
        assert "8642" not in response.get_data(as_text=True)

    @pytest.mark.parametrize(
        "body,status",
        [
            ({"new_code": "8642", "current_code": "9999"}, 403),
            ({"new_code": "8642", "password": "not it at all"}, 403),
            ({"new_code": "8642"}, 400),
            ({"new_code": "86", "current_code": "1234"}, 400),
            ({"new_code": "7777", "current_code": "1234"}, 400),
            ({"new_code": 8642, "current_code": "1234"}, 400),
            ({"new_code": "8642", "current_code": 1234}, 400),
            ({"new_code": "8642", "current_code": "1234", "echo": "yes"}, 400),
        ],
    )
    def test_refused_code_changes_keep_the_old_code(
        self, world: World, api: Api, body: object, status: int
    ) -> None:
        response = api.put("/api/v1/household/code", json=body)
        assert response.status_code == status
        household = world.store.get_household("demo")
        assert codes.verify_code(household.code_hash, "1234")  # type: ignore[union-attr]
        assert "8642" not in response.get_data(as_text=True)

    def test_guessing_the_current_code_is_rate_limited(self, world: World, api: Api) -> None:
        for guess in ("1111", "2222", "3333", "4444", "5555"):
            assert (
                api.put(
                    "/api/v1/household/code", json={"new_code": "8642", "current_code": guess}
                ).status_code
                == 403
            )
        response = api.put(
            "/api/v1/household/code", json={"new_code": "8642", "current_code": "1234"}
        )
        assert response.status_code == 429
        household = world.store.get_household("demo")
        assert codes.verify_code(household.code_hash, "1234")  # type: ignore[union-attr]

    def test_unlock_after_lockout(self, world: World, api: Api) -> None:
        lock_hard(world)
        before = api.get("/api/v1/household").get_json()
        assert before["locked"] and before["locked_until_parent"] and before["wrong_codes"] == 6
        after = api.post("/api/v1/household/unlock").get_json()
        assert not after["locked"] and after["wrong_codes"] == 0
        assert not world.store.get_code_lock("demo").is_locked(world.clock.now())
        assert world.store.list_notifications("demo", 1)[0].kind == "unlocked"

    def test_unlock_when_not_locked_is_harmless(self, world: World, api: Api) -> None:
        assert api.post("/api/v1/household/unlock").status_code == 200
        assert world.store.list_notifications("demo") == []


# ---- profiles ---------------------------------------------------------------------------------
class TestProfiles:
    def test_list_and_get(self, api: Api) -> None:
        profiles = {p["id"]: p for p in api.get("/api/v1/profiles").get_json()}
        assert set(profiles) == {"parent", "teen", "child", "guest"}
        child = api.get("/api/v1/profiles/child").get_json()
        assert child["mode"] == "needs_approval" and child["daily_budget"] == "50.00"
        assert "alcohol" in child["always_blocked"]
        assert api.get("/api/v1/profiles/nobody").status_code == 404

    def test_change_rules(self, world: World, api: Api) -> None:
        response = api.patch(
            "/api/v1/profiles/child",
            json={
                "daily_budget": "20",
                "monthly_budget": None,
                "blocked_categories": ["Snacks"],
                "quiet_hours": "20:00-07:30",
                "person_ids": [CHILD_PERSON, "amzn1.ask.person.x"],
            },
        )
        assert response.status_code == 200
        child = world.store.get_profile("demo", "child")
        assert child is not None
        assert child.daily_budget == Decimal("20.00") and child.monthly_budget is None
        assert child.blocked_categories == {"snacks"}
        assert str(child.quiet_hours) == "20:00-07:30"
        assert child.person_ids == (CHILD_PERSON, "amzn1.ask.person.x")

    @pytest.mark.parametrize(
        "body",
        [
            {"daily_budget": "-1"},
            {"daily_budget": "12.345"},
            {"daily_budget": "lots"},
            {"daily_budget": True},
            {"per_order_limit": "1000000"},
            {"mode": "allowed"},
            {"mode": "sometimes"},
            {"quiet_hours": "late"},
            {"blocked_categories": "toys"},
            {"blocked_categories": ["<script>"]},
            {"person_ids": ["has space"]},
            {"name": ""},
            {"colour": "blue"},
            {"daily_budget": "5", "monthly_budget": "-5"},
            "just text",
        ],
    )
    def test_invalid_rules_change_nothing(self, world: World, api: Api, body: object) -> None:
        before = world.store.get_profile("demo", "child")
        response = api.patch("/api/v1/profiles/child", json=body)
        assert response.status_code == 400
        assert response.get_json()["error"]["code"] == "invalid"
        assert world.store.get_profile("demo", "child") == before

    def test_a_voice_belongs_to_one_profile(self, world: World, api: Api) -> None:
        before = world.store.get_profile("demo", "teen")
        response = api.patch("/api/v1/profiles/teen", json={"person_ids": [CHILD_PERSON]})
        assert response.status_code == 409
        assert world.store.get_profile("demo", "teen") == before

    def test_patch_unknown_profile(self, api: Api) -> None:
        assert api.patch("/api/v1/profiles/nobody", json={"name": "X"}).status_code == 404

    def test_add_a_family_member(self, world: World, api: Api) -> None:
        response = api.post(
            "/api/v1/profiles", json={"name": "Noah", "role": "child", "daily_budget": "10"}
        )
        assert response.status_code == 201
        noah = world.store.get_profile("demo", "noah")
        assert noah is not None and noah.mode.value == "needs_approval"
        assert noah.daily_budget == Decimal("10.00")
        assert (
            api.post("/api/v1/profiles", json={"name": "Noah", "role": "teen"}).status_code == 409
        )

    @pytest.mark.parametrize(
        "body",
        [
            {"name": "Zed"},
            {"name": "Zed", "role": "guest"},
            {"name": "", "role": "adult"},
            {"name": "Zed", "role": "adult", "id": "Not Valid"},
            {"name": "Zed", "role": "child", "mode": "allowed"},
        ],
    )
    def test_invalid_new_profiles_are_not_added(self, world: World, api: Api, body: object) -> None:
        assert api.post("/api/v1/profiles", json=body).status_code == 400
        assert len(world.store.list_profiles("demo")) == 4


# ---- approvals ----------------------------------------------------------------------------------
class TestApprovals:
    def test_list_and_filter(self, world: World, api: Api) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        listed = api.get("/api/v1/approvals?status=pending").get_json()
        assert [a["id"] for a in listed] == [approval.id]
        assert listed[0]["requested_by"] == "Emma" and listed[0]["total"] == "184.01"
        assert api.get("/api/v1/approvals?status=approved").get_json() == []
        assert api.get("/api/v1/approvals?status=maybe").status_code == 400

    def test_approve_places_the_order(self, world: World, api: Api) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        data = api.post(f"/api/v1/approvals/{approval.id}/approve").get_json()
        assert data["approval"]["status"] == "approved"
        order = world.store.get_order("demo", data["order"]["id"])
        assert order is not None and order.status is OrderStatus.PLACED
        assert order.profile_id == "child" and order.total == Decimal("184.01")
        stored = world.store.get_approval("demo", approval.id)
        assert stored is not None and stored.status is ApprovalStatus.APPROVED
        again = api.post(f"/api/v1/approvals/{approval.id}/approve")
        assert again.status_code == 409
        assert len(world.store.list_orders("demo")) == 1

    def test_decline(self, world: World, api: Api) -> None:
        approval = world.child_asks(COOKIES).approval
        assert approval is not None
        data = api.post(f"/api/v1/approvals/{approval.id}/decline").get_json()
        assert data["approval"]["status"] == "declined"
        assert world.store.list_orders("demo") == []
        assert api.post(f"/api/v1/approvals/{approval.id}/approve").status_code == 409

    def test_expired_requests_cannot_be_approved(self, world: World, api: Api) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        world.clock.advance(hours=25)
        api.sign_in()  # the session itself lasts 12 hours
        assert api.post(f"/api/v1/approvals/{approval.id}/approve").status_code == 409
        assert world.store.list_orders("demo") == []

    def test_unknown_request(self, api: Api) -> None:
        assert api.post("/api/v1/approvals/APNOPE/approve").status_code == 404
        assert api.post("/api/v1/approvals/APNOPE/decline").status_code == 404


# ---- orders -----------------------------------------------------------------------------------
class TestOrders:
    def test_list_and_cancel_within_the_window(self, world: World, api: Api) -> None:
        order = world.parent_buys().order
        assert order is not None
        listed = api.get("/api/v1/orders").get_json()
        assert listed[0]["id"] == order.id and listed[0]["can_cancel"] is True
        data = api.post(f"/api/v1/orders/{order.id}/cancel").get_json()
        assert data["status"] == "cancelled" and data["can_cancel"] is False
        stored = world.store.get_order("demo", order.id)
        assert stored is not None and stored.status is OrderStatus.CANCELLED
        assert api.post(f"/api/v1/orders/{order.id}/cancel").status_code == 409

    def test_too_late_to_cancel(self, world: World, api: Api) -> None:
        order = world.parent_buys().order
        assert order is not None
        world.clock.advance(minutes=31)
        response = api.post(f"/api/v1/orders/{order.id}/cancel")
        assert response.status_code == 409
        assert "30 minutes" in response.get_json()["error"]["message"]
        assert world.store.get_order("demo", order.id).status is OrderStatus.PLACED  # type: ignore[union-attr]

    def test_unknown_order_and_bad_limit(self, api: Api) -> None:
        assert api.post("/api/v1/orders/VCNOPE/cancel").status_code == 404
        assert api.get("/api/v1/orders?limit=0").status_code == 400
        assert api.get("/api/v1/orders?limit=ten").status_code == 400
        assert api.get("/api/v1/orders?limit=2").get_json() == []


# ---- audit, notifications, spending, blocked --------------------------------------------------
class TestReading:
    def test_audit_is_paged_and_filtered(self, world: World, api: Api) -> None:
        world.child_asks()
        world.parent_buys()
        world.child_asks(WINE)  # blocked: alcohol
        page = api.get("/api/v1/audit?limit=2").get_json()
        assert len(page["entries"]) == 2 and page["next_offset"] == 2
        rest = api.get("/api/v1/audit?limit=2&offset=2").get_json()
        assert len(rest["entries"]) == 1 and rest["next_offset"] is None
        denied = api.get("/api/v1/audit?outcome=deny").get_json()["entries"]
        assert [e["reason"] for e in denied] == ["blocked_category"]
        assert denied[0]["reason_text"] == "Alcohol is blocked for Emma."
        emma = api.get("/api/v1/audit?profile=child").get_json()["entries"]
        assert {e["profile"] for e in emma} == {"Emma"} and len(emma) == 2
        for bad in ("outcome=maybe", "limit=500", "offset=-1", "limit=x"):
            assert api.get(f"/api/v1/audit?{bad}").status_code == 400

    def test_notifications(self, world: World, api: Api) -> None:
        world.child_asks()
        world.parent_buys()
        kinds = [n["kind"] for n in api.get("/api/v1/notifications").get_json()]
        assert kinds == ["order_placed", "approval_requested"]
        assert len(api.get("/api/v1/notifications?limit=1").get_json()) == 1
        assert api.get("/api/v1/notifications?limit=-3").status_code == 400

    def test_spending_counts_what_the_guard_counts(self, world: World, api: Api) -> None:
        order = world.parent_buys().order
        assert order is not None
        spend = {s["profile_id"]: s for s in api.get("/api/v1/spending").get_json()}
        assert spend["parent"]["today"] == spend["parent"]["week"] == str(order.total)
        assert spend["child"]["month"] == "0"
        api.post(f"/api/v1/orders/{order.id}/cancel")
        spend = {s["profile_id"]: s for s in api.get("/api/v1/spending").get_json()}
        assert Decimal(spend["parent"]["week"]) == 0

    def test_blocked_attempts_in_plain_words(self, world: World, api: Api) -> None:
        world.child_asks(WINE)
        approval = world.child_asks().approval
        assert approval is not None
        api.post(f"/api/v1/approvals/{approval.id}/decline")  # a parent's "no" is not a block
        blocked = api.get("/api/v1/blocked").get_json()
        assert [b["reason_text"] for b in blocked] == ["Alcohol is blocked for Emma."]
        assert api.get("/api/v1/blocked?limit=0").status_code == 400


# ---- API tokens --------------------------------------------------------------------------------
class TestTokens:
    def test_create_use_and_revoke(self, world: World, api: Api) -> None:
        created = api.post("/api/v1/tokens", json={"label": "store app"})
        assert created.status_code == 201
        token = created.get_json()["token"]
        listed = api.get("/api/v1/tokens").get_json()
        assert [t["label"] for t in listed] == ["store app"]
        assert token not in api.get("/api/v1/tokens").get_data(as_text=True)
        stored = world.store.list_api_tokens("demo")[0]
        assert token not in stored.token_hash and len(stored.token_hash) == 64

        app = world.api()
        app.token = token
        assert app.get("/api/v1/household").get_json()["id"] == "demo"
        # No CSRF header is needed with a bearer token: browsers never send one by themselves.
        assert (
            app.patch("/api/v1/profiles/child", json={"daily_budget": "30"}, csrf=False).status_code
            == 200
        )
        assert world.store.get_profile("demo", "child").daily_budget == 30  # type: ignore[union-attr]
        # A token cannot mint or list tokens: that needs the password.
        assert app.get("/api/v1/tokens").status_code == 403
        assert app.post("/api/v1/tokens", json={"label": "more"}).status_code == 403

        revoked = api.delete(f"/api/v1/tokens/{created.get_json()['id']}").get_json()
        assert revoked["active"] is False
        assert app.get("/api/v1/household").status_code == 401

    def test_invalid_tokens_requests(self, api: Api) -> None:
        assert api.post("/api/v1/tokens", json={"label": ""}).status_code == 400
        assert api.post("/api/v1/tokens", json={"label": "x" * 81}).status_code == 400
        assert api.post("/api/v1/tokens", json={"name": "x"}).status_code == 400
        assert api.delete("/api/v1/tokens/TKNOPE").status_code == 404
        assert api.get("/api/v1/tokens").get_json() == []


# ---- one household never reaches another's data ---------------------------------------------
class TestCrossHousehold:
    def test_session_of_another_household_is_refused(
        self, world: World, api: Api, other: Api
    ) -> None:
        approval = world.child_asks().approval
        order = world.parent_buys().order
        assert approval is not None and order is not None
        lock_hard(world)
        demo_child = world.store.get_profile("demo", "child")

        assert other.post(f"/api/v1/approvals/{approval.id}/approve").status_code == 404
        assert other.post(f"/api/v1/approvals/{approval.id}/decline").status_code == 404
        assert other.post(f"/api/v1/orders/{order.id}/cancel").status_code == 404
        assert other.get("/api/v1/approvals").get_json() == []
        assert other.get("/api/v1/orders").get_json() == []
        assert other.get("/api/v1/audit").get_json()["entries"] == []
        assert other.get("/api/v1/notifications").get_json() == []
        assert other.get("/api/v1/household").get_json()["id"] == "other"
        # "child" names the other household's own child, never Emma.
        assert other.get("/api/v1/profiles/child").get_json()["name"] == "Kim"
        assert other.patch("/api/v1/profiles/child", json={"daily_budget": "1"}).status_code == 200
        other.post("/api/v1/household/unlock")
        other.patch("/api/v1/household", json={"voice_purchasing": False})

        assert world.store.get_approval("demo", approval.id).status is ApprovalStatus.PENDING  # type: ignore[union-attr]
        assert world.store.get_order("demo", order.id).status is OrderStatus.PLACED  # type: ignore[union-attr]
        assert world.store.get_profile("demo", "child") == demo_child
        assert world.store.get_code_lock("demo").hard_locked
        assert world.store.get_household("demo").voice_purchasing  # type: ignore[union-attr]
        assert api.get("/api/v1/household").get_json()["locked"] is True

    def test_another_households_token_and_token_ids(
        self, world: World, api: Api, other: Api
    ) -> None:
        approval = world.child_asks().approval
        assert approval is not None
        created = other.post("/api/v1/tokens", json={"label": "theirs"}).get_json()
        assert api.delete(f"/api/v1/tokens/{created['id']}").status_code == 404
        assert world.store.list_api_tokens("other")[0].active
        theirs = world.api()
        theirs.token = created["token"]
        assert theirs.post(f"/api/v1/approvals/{approval.id}/approve").status_code == 404
        assert theirs.get("/api/v1/approvals").get_json() == []
        assert world.store.get_approval("demo", approval.id).status is ApprovalStatus.PENDING  # type: ignore[union-attr]

    def test_the_other_households_code_is_its_own(self, world: World, other: Api) -> None:
        # Demo's code does not prove anything in the other household.
        assert (
            other.put(
                "/api/v1/household/code", json={"new_code": "8642", "current_code": "1234"}
            ).status_code
            == 403
        )
        assert (
            other.put(
                "/api/v1/household/code", json={"new_code": "8642", "current_code": "2580"}
            ).status_code
            == 200
        )
        demo = world.store.get_household("demo")
        assert codes.verify_code(demo.code_hash, "1234")  # type: ignore[union-attr]
