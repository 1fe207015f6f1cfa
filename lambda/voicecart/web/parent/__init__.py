"""The parent page (/parent) and JSON API (/api/v1): purchase controls for one household.

`register_parent(app, services)` is all an application needs to call.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Flask


def parent_blueprints(services: Any) -> tuple[Blueprint, Blueprint]:
    """(the API under /api/v1, the page under /parent), sharing one sign-in."""
    from .api import api_blueprint
    from .context import ParentContext
    from .pages import page_blueprint

    ctx = ParentContext(services)
    return api_blueprint(ctx), page_blueprint(ctx)


def register_parent(app: Flask, services: Any) -> None:
    """Register the page and API, and set the session cookie's flags and signing key."""
    from .auth import configure_cookies, secret_key
    from .errors import register_api_not_found

    if not app.secret_key:
        app.secret_key = secret_key(getattr(services.config, "db_path", None))
    configure_cookies(app)
    for blueprint in parent_blueprints(services):
        app.register_blueprint(blueprint)
    register_api_not_found(app)


__all__ = ["parent_blueprints", "register_parent"]
