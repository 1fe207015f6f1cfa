"""AWS Lambda entry points. Nothing is built at import time: the first request in a
container wires the services (and, for search, loads the index) once, then reuses them."""

from __future__ import annotations

import json
import threading
from typing import Any

_lock = threading.Lock()
_cache: dict[str, Any] = {}


def _services() -> Any:
    if "services" not in _cache:
        with _lock:
            if "services" not in _cache:
                from .bootstrap import build
                from .config import Config
                from .logs import configure

                config = Config.from_env()
                configure(config.log_level)
                _cache["services"] = build(config)
    return _cache["services"]


def skill() -> Any:
    """The same skill object the Flask endpoint serves."""
    if "skill" not in _cache:
        from .alexa.skill import build_skill
        from .conversation.core import Conversation

        services = _services()
        _cache["skill"] = build_skill(Conversation(services), services.config.skill_id)
    return _cache["skill"]


def alexa_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Trigger: Alexa Skills Kit, bound to the skill id in template.yaml."""
    from ask_sdk_model import RequestEnvelope

    the_skill = skill()
    envelope = the_skill.serializer.deserialize(payload=json.dumps(event), obj_type=RequestEnvelope)
    response = the_skill.invoke(request_envelope=envelope, context=context)
    result: dict[str, Any] = the_skill.serializer.serialize(response)
    return result


def web_handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Trigger: the HTTP API (Google webhook, parent page and API) through apig-wsgi."""
    if "web" not in _cache:
        from apig_wsgi import make_lambda_handler

        from .adapters.ssm import export_secret_key
        from .web.app import create_app

        export_secret_key()  # one cookie-signing key for every container, from SSM

        _cache["web"] = make_lambda_handler(create_app(_services(), skill=skill()))
    handler = _cache["web"]
    result: dict[str, Any] = handler(event, context)
    return result


handler = alexa_handler  # the name the ASK CLI's Lambda template expects
