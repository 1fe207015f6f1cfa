"""The HTTP baseline: the hello skill behind flask-ask-sdk's SkillAdapter, served by waitress
with the settings `voicecart serve` uses. Verification is off, as it is for VoiceCart in the
benchmark (`--insecure-no-verify`); loopback only.

    python -m bench.hello_app --port 8001
"""

from __future__ import annotations

import argparse
import importlib
from typing import Any

from .hello_skill import DEMO_SKILL_ID, build_hello_skill


def create_app() -> Any:
    # voicecart.web.alexa_verify must be imported before flask_ask_sdk: the SDK's import
    # chain (certvalidator -> oscrypto) crashes on this machine's OpenSSL unless VoiceCart's
    # fallback is installed first, exactly as in VoiceCart's own app. Imported here, in
    # order, and by call, so no import sorter can swap them.
    importlib.import_module("voicecart.web.alexa_verify")

    from flask import Flask, jsonify
    from flask_ask_sdk.skill_adapter import (
        VERIFY_SIGNATURE_APP_CONFIG,
        VERIFY_TIMESTAMP_APP_CONFIG,
        SkillAdapter,
    )

    app = Flask(__name__)
    app.config[VERIFY_SIGNATURE_APP_CONFIG] = False
    app.config[VERIFY_TIMESTAMP_APP_CONFIG] = False
    adapter = SkillAdapter(skill=build_hello_skill(), skill_id=DEMO_SKILL_ID, verifiers=[], app=app)
    adapter.register(app=app, route="/alexa")

    @app.get("/healthz")
    def healthz() -> object:
        return jsonify(status="ok")

    return app


def main() -> None:
    from waitress import serve

    parser = argparse.ArgumentParser()
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    serve(create_app(), host=args.host, port=args.port, threads=args.threads, ident="hello")


if __name__ == "__main__":
    main()
