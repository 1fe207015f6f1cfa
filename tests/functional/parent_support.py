"""Shared by the parent page and API tests: two households on one SQLite store, a tiny
Flask app of our own (Flask + register_parent), and a client that checks every /api/v1
response against the served OpenAPI document."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from flask import Flask
from flask.testing import FlaskClient
from jsonschema import Draft202012Validator
from werkzeug.test import TestResponse

from tests.functional.conftest import BATTERIES, COOKIES, DOLLHOUSE, WINE
from tests.support import FakeClock
from voicecart.adapters.sqlite import SQLiteStore
from voicecart.bootstrap import Services, build
from voicecart.config import Config
from voicecart.demo import CHILD_PERSON, demo_household, demo_profiles
from voicecart.domain import codes
from voicecart.domain.household import Household, Role, default_profile
from voicecart.domain.ids import new_key
from voicecart.domain.orders import Line
from voicecart.domain.parent_access import ParentAccess
from voicecart.domain.purchases import Actor, PurchaseResult
from voicecart.web.parent import register_parent
from voicecart.web.parent.openapi import openapi_document

DEMO_EMAIL, DEMO_PASSWORD = "alex@example.com", "correct horse battery"
OTHER_EMAIL, OTHER_PASSWORD = "other@example.com", "another long password"


def other_household() -> Household:
    base = demo_household()
    return replace(
        base,
        id="other",
        name="The Other household",
        code_hash=codes.hash_code("2580"),
        platform_user_ids=(),
    )


@dataclass
class World:
    services: Services
    store: SQLiteStore
    clock: FakeClock
    app: Flask
    access: ParentAccess

    def client(self) -> FlaskClient:
        return self.app.test_client()

    def api(self, base_url: str = "http://localhost") -> Api:
        return Api(self.client(), base_url)

    def actor(self, person: str | None, household_id: str = "demo") -> Actor:
        household = self.services.households.get(household_id)
        profile = self.services.households.profile_for(household, person)
        return Actor(household, profile, device_id="kitchen-echo")

    def child_asks(self, product: Any = DOLLHOUSE, household_id: str = "demo") -> PurchaseResult:
        return self.services.purchases.attempt(
            self.actor(CHILD_PERSON, household_id), (Line.of(product),), new_key()
        )

    def parent_buys(self, product: Any = BATTERIES, household_id: str = "demo") -> PurchaseResult:
        actor = self.actor(None, household_id)
        adult = self.services.households.profile(household_id, "parent")
        actor = replace(actor, profile=adult)
        code = "1234" if household_id == "demo" else "2580"
        return self.services.purchases.attempt(actor, (Line.of(product),), new_key(), code=code)


def make_world(tmp_path: Path) -> World:
    store = SQLiteStore(tmp_path / "parent.db")
    store.put_products([DOLLHOUSE, COOKIES, WINE, BATTERIES])
    store.put_household(demo_household())
    for profile in demo_profiles():
        store.put_profile(profile)
    other = other_household()
    store.put_household(other)
    for pid, name, role in (("parent", "Robin", Role.ADULT), ("child", "Kim", Role.CHILD)):
        store.put_profile(default_profile(other.id, pid, name, role))
    clock = FakeClock()
    services = build(Config(db_path=tmp_path / "parent.db"), store=store, clock=clock)
    access = ParentAccess(store, clock)
    access.set_password("demo", DEMO_PASSWORD, DEMO_EMAIL)
    access.set_password("other", OTHER_PASSWORD, OTHER_EMAIL)
    app = Flask("parent-test")
    app.testing = True
    register_parent(app, services)
    return World(services, store, clock, app, access)


# ---- the API client that keeps the OpenAPI document honest --------------------------------
def _template_regex(template: str) -> re.Pattern[str]:
    return re.compile("^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$")


class Api:
    """Calls /api/v1 and validates each response's status and body against the spec."""

    def __init__(self, client: FlaskClient, base_url: str = "http://localhost") -> None:
        self.client = client
        self.base_url = base_url
        self.doc = openapi_document()
        self.csrf: str | None = None
        self.token: str | None = None
        self.seen: set[tuple[str, str, int]] = set()

    def sign_in(self, email: str = DEMO_EMAIL, password: str = DEMO_PASSWORD) -> TestResponse:
        response = self.post("/api/v1/session", json={"email": email, "password": password})
        if response.status_code == 200:
            self.csrf = response.get_json()["csrf_token"]
        return response

    def call(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        csrf: bool = True,
        headers: dict[str, str] | None = None,
        **kw: Any,
    ) -> TestResponse:
        sent = dict(headers or {})
        if self.token is not None:
            sent.setdefault("Authorization", f"Bearer {self.token}")
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            sent.setdefault("X-CSRF-Token", self.csrf)
        response = self.client.open(
            path, method=method, json=json, headers=sent, base_url=self.base_url, **kw
        )
        self.check(method, path, response)
        return response

    def get(self, path: str, **kw: Any) -> TestResponse:
        return self.call("GET", path, **kw)

    def post(self, path: str, **kw: Any) -> TestResponse:
        return self.call("POST", path, **kw)

    def patch(self, path: str, **kw: Any) -> TestResponse:
        return self.call("PATCH", path, **kw)

    def put(self, path: str, **kw: Any) -> TestResponse:
        return self.call("PUT", path, **kw)

    def delete(self, path: str, **kw: Any) -> TestResponse:
        return self.call("DELETE", path, **kw)

    def operation(self, method: str, path: str) -> tuple[str, dict[str, Any]]:
        bare = path.split("?", 1)[0]
        for template, item in self.doc["paths"].items():
            if _template_regex(template).match(bare) and method.lower() in item:
                return template, item[method.lower()]
        raise AssertionError(f"{method} {bare} is not in the OpenAPI document")

    def check(self, method: str, path: str, response: TestResponse) -> None:
        template, op = self.operation(method, path)
        status = str(response.status_code)
        assert status in op["responses"], (
            f"{method} {template} answered {status}, which the OpenAPI document does not list: "
            f"{response.get_data(as_text=True)[:300]}"
        )
        schema = op["responses"][status]["content"]["application/json"]["schema"]
        body = response.get_json(silent=True)
        assert body is not None, f"{method} {template} {status} is not JSON"
        validator = Draft202012Validator({**schema, "components": self.doc["components"]})
        errors = sorted(validator.iter_errors(body), key=str)
        assert not errors, f"{method} {template} {status}: {errors[0].message}"
        self.seen.add((method, template, response.status_code))
