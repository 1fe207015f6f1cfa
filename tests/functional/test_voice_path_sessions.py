"""The voice endpoints skip Flask's cookie session (no parsing or signing per request); the
parent page keeps its signed session."""

from __future__ import annotations

from pathlib import Path

from flask import request, session

from voicecart.bootstrap import build
from voicecart.config import DEMO_SKILL_ID, Config
from voicecart.web.app import create_app


def test_only_parent_paths_open_a_session(tmp_path: Path) -> None:
    services = build(Config(db_path=tmp_path / "v.db", demo=True, skill_id=DEMO_SKILL_ID))
    app = create_app(services, verify=False)
    interface = app.session_interface
    with app.test_request_context("/alexa", method="POST"):
        assert interface.open_session(app, request) is None
    with app.test_request_context("/google", method="POST"):
        assert interface.open_session(app, request) is None
    with app.test_request_context("/parent/login"):
        opened = interface.open_session(app, request)
        assert opened is not None and not interface.is_null_session(opened)
    with app.test_request_context("/api/v1/household"):
        opened = interface.open_session(app, request)
        assert opened is not None and not interface.is_null_session(opened)
    with app.test_request_context("/healthz"):
        app.preprocess_request()
        assert session.get("anything") is None  # a null session reads as empty


def test_health_check_sets_no_cookie(tmp_path: Path) -> None:
    services = build(Config(db_path=tmp_path / "v.db", demo=True, skill_id=DEMO_SKILL_ID))
    response = create_app(services, verify=False).test_client().get("/healthz")
    assert response.status_code == 200 and "Set-Cookie" not in response.headers
