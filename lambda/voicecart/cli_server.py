"""`voicecart serve` (the web service) and `voicecart chat` (the terminal simulator)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from typing import Any

BANNER_WIDTH = 72


def _google_secret_row(services: Any) -> str:
    from .google import DEMO_SECRET, SECRET_ENV, SECRET_HEADER
    from .google.webhook import configured_secret

    secret = configured_secret(services.config)
    if secret is None:
        return f"  Google secret     NOT SET: /google refuses every request (set {SECRET_ENV})"
    if secret == DEMO_SECRET:
        return (
            f"  Google secret     {DEMO_SECRET}   (demo only: header {SECRET_HEADER}"
            " or basic-auth password)"
        )
    return f"  Google secret     from {SECRET_ENV}"


def _banner(args: argparse.Namespace, services: Any, verify: bool) -> str:
    base = f"http://{args.host}:{args.port}"
    rows = [
        "VoiceCart is running on the embedded store" + (" with the demo data" if args.demo else ""),
        f"  database          {services.config.db_path}",
        f"  Alexa endpoint    POST {base}/alexa",
        f"  Google webhook    POST {base}/google",
        _google_secret_row(services),
        f"  parent page       {base}/parent",
        f"  parent API        {base}/api/v1",
        f"  health            {base}/healthz",
    ]
    if args.demo:
        from .demo import DEMO_CODE

        rows.append(
            f"  demo voice code   {DEMO_CODE}   (demo only; set your own on the parent page)"
        )
        try:
            from .web.parent.demo_credentials import DEMO_PARENT_EMAIL, DEMO_PARENT_PASSWORD
        except ImportError:
            pass
        else:
            rows.append(f"  demo parent login {DEMO_PARENT_EMAIL} / {DEMO_PARENT_PASSWORD}")
        rows.append("  try it by typing: voicecart chat --person parent")
    if not verify:
        rule = "!" * BANNER_WIDTH
        rows += [
            rule,
            "!! ALEXA REQUEST VERIFICATION IS OFF (--insecure-no-verify).",
            "!! Anyone who can reach this port can act as Alexa. Use only with a",
            "!! local simulator, never on a public address.",
            rule,
        ]
    return "\n".join(rows)


def cmd_serve(services: Any, args: argparse.Namespace) -> int:
    from waitress import serve

    from .logs import configure
    from .web.app import create_app

    configure(services.config.log_level)
    verify = not args.insecure_no_verify
    app = create_app(services, verify=verify)
    print(_banner(args, services, verify), flush=True)
    serve(app, host=args.host, port=args.port, threads=args.threads, ident="voicecart")
    return 0


def register(sub: Any, add: Callable[..., argparse.ArgumentParser]) -> None:
    p = add(
        sub,
        "serve",
        cmd_serve,
        "run the web service: Alexa endpoint, Google webhook, parent page and API",
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--demo", action="store_true", help="load the demo store and household")
    p.add_argument("--threads", type=int, default=8)
    p.add_argument(
        "--skill-id", help="accept only this Alexa skill id (default: VOICECART_SKILL_ID)"
    )
    p.add_argument(
        "--insecure-no-verify",
        action="store_true",
        help="turn off Alexa request verification (local simulators only)",
    )
    from .chat import register as register_chat

    register_chat(sub, add)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("use the voicecart command")
