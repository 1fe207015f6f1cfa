"""The Flask application: the Alexa endpoint, the Google webhook, the parent page and API."""

from __future__ import annotations

import logging
from typing import Any

from flask import Flask, jsonify

log = logging.getLogger("voicecart.web")


def create_app(services: Any, *, skill: Any = None, verify: bool = True) -> Flask:
    """`verify=False` only for local simulators; the caller warns loudly."""
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = 256 * 1024  # no voice request is near this
    app.extensions["voicecart"] = services

    if skill is None:
        from ..alexa.skill import build_skill
        from ..conversation.core import Conversation

        skill = build_skill(Conversation(services), services.config.skill_id)
    from .alexa_verify import make_skill_adapter

    adapter = make_skill_adapter(skill, services.config.skill_id, app, verify=verify)
    adapter.register(app=app, route="/alexa")

    try:
        from .parent import register_parent
    except ImportError:  # the parent page is optional for a skill-only deployment
        register_parent = None
    if register_parent is not None:
        register_parent(app, services)

    from ..google.webhook import register_google

    register_google(app, services)

    @app.get("/healthz")
    def healthz() -> Any:
        return jsonify(status="ok")

    return app
