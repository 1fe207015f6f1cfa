"""The Alexa endpoint through Flask: SkillAdapter + our verifiers, signed with a local test CA.

Every rejected request must be a 400 and must never reach the skill's handler.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_core.utils import is_request_type
from ask_sdk_model import Response
from flask import Flask
from flask.testing import FlaskClient

from tests.unit.test_alexa_verify import (
    EXPIRED_URL,
    GOOD_URL,
    NO_SAN_URL,
    OTHER_SAN_URL,
    ROGUE_URL,
    SKILL_ID,
    AlexaPKI,
    build_pki,
    launch_envelope,
)
from voicecart.web.alexa_verify import build_verifiers, make_skill_adapter

ROUTE = "/alexa"


class RecordingLaunch(AbstractRequestHandler):  # type: ignore[misc]
    def __init__(self) -> None:
        self.calls = 0

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        self.calls += 1
        return handler_input.response_builder.speak("Welcome to VoiceCart").response


@dataclass
class Endpoint:
    client: FlaskClient
    handler: RecordingLaunch
    pki: AlexaPKI
    fetched: list[str] = field(default_factory=list)

    def post(self, body: bytes, headers: dict[str, str] | None = None) -> Any:
        return self.client.post(
            ROUTE, data=body, headers=headers or {}, content_type="application/json"
        )

    def post_signed(self, body: bytes, url: str = GOOD_URL, signature: str | None = None) -> Any:
        headers = {
            "SignatureCertChainUrl": url,
            "Signature-256": signature if signature is not None else self.pki.sign(body),
        }
        return self.post(body, headers)


def _body(**kwargs: Any) -> bytes:
    return json.dumps(launch_envelope(**kwargs)).encode()


def _skill(handler: RecordingLaunch, skill_id: str | None = None) -> Any:
    builder = CustomSkillBuilder()
    builder.skill_id = skill_id  # type: ignore[assignment]  # the SDK annotates it as None
    builder.add_request_handler(handler)
    return builder.create()


def _endpoint(*, skill_id_in_skill: str | None = None, verify: bool = True) -> Endpoint:
    pki = build_pki()
    handler = RecordingLaunch()
    app = Flask(__name__)
    endpoint = Endpoint(client=app.test_client(), handler=handler, pki=pki)

    def fetch(url: str) -> bytes:
        endpoint.fetched.append(url)
        return pki.fetch(url)

    verifiers = build_verifiers(trust_roots=[pki.root], fetch=fetch) if verify else None
    adapter = make_skill_adapter(
        _skill(handler, skill_id_in_skill), SKILL_ID, app, verify=verify, verifiers=verifiers
    )
    adapter.register(app=app, route=ROUTE)
    return endpoint


@pytest.fixture
def endpoint() -> Endpoint:
    return _endpoint()


def _assert_rejected(endpoint: Endpoint, response: Any) -> None:
    assert response.status_code == 400, response.get_data(as_text=True)
    assert endpoint.handler.calls == 0


# --- accepted ---------------------------------------------------------------------------------


def test_a_correctly_signed_request_is_served(endpoint: Endpoint) -> None:
    response = endpoint.post_signed(_body())
    assert response.status_code == 200
    assert "Welcome to VoiceCart" in json.dumps(response.get_json())
    assert endpoint.handler.calls == 1
    assert endpoint.fetched == [GOOD_URL]


def test_the_chain_is_downloaded_once_per_url(endpoint: Endpoint) -> None:
    for _ in range(3):
        assert endpoint.post_signed(_body()).status_code == 200
    assert endpoint.fetched == [GOOD_URL]
    assert endpoint.handler.calls == 3


def test_a_150_second_old_request_is_still_served(endpoint: Endpoint) -> None:
    # 148 s plus the seconds the timestamp format drops stays inside the window.
    body = _body(timestamp=datetime.now(UTC) - timedelta(seconds=148))
    assert endpoint.post_signed(body).status_code == 200


# --- rejected: signature and certificate ------------------------------------------------------


def test_a_wrong_signature_is_rejected(endpoint: Endpoint) -> None:
    body = _body()
    forged = endpoint.pki.sign(body, key=endpoint.pki.rogue_key)
    _assert_rejected(endpoint, endpoint.post_signed(body, signature=forged))


def test_a_body_changed_after_signing_is_rejected(endpoint: Endpoint) -> None:
    body = _body()
    signature = endpoint.pki.sign(body)
    tampered = body.replace(b"LaunchRequest", b"LaunchRequest", 1) + b" "
    _assert_rejected(endpoint, endpoint.post_signed(tampered, signature=signature))


@pytest.mark.parametrize(
    "url",
    [
        "http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem",
        "https://evil.example.com/echo.api/echo-api-cert-test.pem",
        "https://s3.amazonaws.com/not.echo.api/echo-api-cert-test.pem",
        "https://s3.amazonaws.com/echo.api/../x",
        "https://s3.amazonaws.com:563/echo.api/echo-api-cert-test.pem",
    ],
    ids=["http", "wrong-host", "wrong-path", "dot-dot", "port-563"],
)
def test_a_bad_cert_url_is_rejected_without_a_download(endpoint: Endpoint, url: str) -> None:
    _assert_rejected(endpoint, endpoint.post_signed(_body(), url=url))
    assert endpoint.fetched == []


@pytest.mark.parametrize(
    "url",
    [EXPIRED_URL, NO_SAN_URL, OTHER_SAN_URL, ROGUE_URL],
    ids=["expired", "no-san", "san-without-echo-api", "untrusted-ca"],
)
def test_a_bad_certificate_is_rejected(endpoint: Endpoint, url: str) -> None:
    _assert_rejected(endpoint, endpoint.post_signed(_body(), url=url))


def test_a_chain_that_cannot_be_downloaded_is_rejected(endpoint: Endpoint) -> None:
    url = "https://s3.amazonaws.com/echo.api/not-there.pem"
    _assert_rejected(endpoint, endpoint.post_signed(_body(), url=url))


@pytest.mark.parametrize(
    "drop",
    [("SignatureCertChainUrl",), ("Signature-256",), ("SignatureCertChainUrl", "Signature-256")],
    ids=["no-url", "no-signature", "unsigned"],
)
def test_an_unsigned_request_is_rejected(endpoint: Endpoint, drop: tuple[str, ...]) -> None:
    body = _body()
    headers = {"SignatureCertChainUrl": GOOD_URL, "Signature-256": endpoint.pki.sign(body)}
    for name in drop:
        del headers[name]
    _assert_rejected(endpoint, endpoint.post(body, headers))
    assert endpoint.fetched == []


# --- rejected: envelope -----------------------------------------------------------------------


@pytest.mark.parametrize("age", [151, -151, 3600])
def test_a_stale_or_future_timestamp_is_rejected(endpoint: Endpoint, age: int) -> None:
    body = _body(timestamp=datetime.now(UTC) - timedelta(seconds=age))
    _assert_rejected(endpoint, endpoint.post_signed(body))


def test_a_request_for_another_skill_is_rejected(endpoint: Endpoint) -> None:
    _assert_rejected(endpoint, endpoint.post_signed(_body(skill_id="amzn1.ask.skill.other")))


def test_another_skill_is_a_400_even_when_the_skill_checks_its_id_too() -> None:
    # Without our verifier the SDK's own check would answer this with a 500.
    endpoint = _endpoint(skill_id_in_skill=SKILL_ID)
    _assert_rejected(endpoint, endpoint.post_signed(_body(skill_id="amzn1.ask.skill.other")))
    assert endpoint.post_signed(_body()).status_code == 200


MALFORMED = {
    "empty": b"",
    "not-json": b"hello alexa",
    "truncated": _body()[:57],
    "open-brace": b"{",
    "not-utf8": b'{"request": "\xff\xfe"}',
    "json-null": b"null",
    "json-list": b"[]",
    "json-string": b'"LaunchRequest"',
    "wrong-shape": b'{"request": 5}',
    "unknown-request-type": b'{"request": {"type": "NoSuchRequest"}}',
    "bad-timestamp": b'{"request": {"type": "LaunchRequest", "timestamp": "yesterday"}}',
    "deeply-nested": b"[" * 100_000 + b"]" * 100_000,
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
@pytest.mark.parametrize("signed", [False, True], ids=["unsigned", "validly-signed"])
def test_a_malformed_body_is_a_400_never_a_500(
    endpoint: Endpoint, body: bytes, signed: bool
) -> None:
    response = endpoint.post_signed(body) if signed else endpoint.post(body)
    _assert_rejected(endpoint, response)


def test_a_truncated_signed_request_is_a_400(endpoint: Endpoint) -> None:
    body = _body()
    signature = endpoint.pki.sign(body)
    _assert_rejected(endpoint, endpoint.post_signed(body[: len(body) // 2], signature=signature))


def test_get_is_not_allowed(endpoint: Endpoint) -> None:
    assert endpoint.client.get(ROUTE).status_code == 405
    assert endpoint.handler.calls == 0


# --- verification switched off, and the adapter's plumbing ------------------------------------


def test_verify_false_serves_unsigned_requests_but_still_checks_the_skill_id() -> None:
    endpoint = _endpoint(verify=False)
    old = _body(timestamp=datetime.now(UTC) - timedelta(hours=2))
    assert endpoint.post(old).status_code == 200
    _assert_rejected(
        _endpoint(verify=False),
        _endpoint(verify=False).post(_body(skill_id="amzn1.ask.skill.other")),
    )
    assert endpoint.fetched == []


def test_verify_false_with_verifiers_is_a_mistake() -> None:
    with pytest.raises(ValueError):
        make_skill_adapter(
            _skill(RecordingLaunch()), SKILL_ID, Flask(__name__), verify=False, verifiers=[]
        )


def test_verification_needs_a_skill_id() -> None:
    with pytest.raises(ValueError):
        make_skill_adapter(_skill(RecordingLaunch()), "", Flask(__name__))


def test_the_sdk_default_verifiers_are_switched_off() -> None:
    app = Flask(__name__)
    make_skill_adapter(
        _skill(RecordingLaunch()),
        SKILL_ID,
        app,
        verifiers=build_verifiers(trust_roots=[build_pki().root]),
    )
    assert app.config["ASK_SDK_VERIFY_SIGNATURE"] is False
    assert app.config["ASK_SDK_VERIFY_TIMESTAMP"] is False


def test_our_verifiers_also_work_in_the_plain_sdk_adapter() -> None:
    from flask_ask_sdk.skill_adapter import SkillAdapter

    pki = build_pki()
    handler = RecordingLaunch()
    app = Flask(__name__)
    app.config.update(ASK_SDK_VERIFY_SIGNATURE=False, ASK_SDK_VERIFY_TIMESTAMP=False)
    adapter = SkillAdapter(
        skill=_skill(handler),
        skill_id=SKILL_ID,
        app=app,
        verifiers=build_verifiers(trust_roots=[pki.root], fetch=pki.fetch),
    )
    adapter.register(app=app, route=ROUTE)
    client = app.test_client()
    body = _body()
    good = {"SignatureCertChainUrl": GOOD_URL, "Signature-256": pki.sign(body)}
    assert client.post(ROUTE, data=body, headers=good).status_code == 200
    forged = dict(good, **{"Signature-256": pki.sign(body, key=pki.rogue_key)})
    assert client.post(ROUTE, data=body, headers=forged).status_code == 400
    assert handler.calls == 1
