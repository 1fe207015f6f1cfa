"""The parent page's cookie signing key on AWS: a SecureString in SSM Parameter Store.

A SecureString cannot be put into a Lambda environment variable by a CloudFormation dynamic
reference (and should not be: anyone who may read the function's configuration would see
it). So the template passes only the parameter's *name* (VOICECART_SECRET_KEY_PARAMETER);
the first request in a container reads and decrypts it once, and it stays in that
process's memory as VOICECART_SECRET_KEY, where the web app looks for its key.
"""

from __future__ import annotations

import os
import threading
from collections.abc import MutableMapping
from typing import Any

from ..domain.errors import StoreError

_lock = threading.Lock()


def export_secret_key(env: MutableMapping[str, str] | None = None, client: Any = None) -> bool:
    """Put the key named by VOICECART_SECRET_KEY_PARAMETER into VOICECART_SECRET_KEY, unless
    that is already set. Returns whether it read the parameter."""
    env = os.environ if env is None else env
    name = env.get("VOICECART_SECRET_KEY_PARAMETER", "")
    if env.get("VOICECART_SECRET_KEY") or not name:
        return False
    with _lock:
        if env.get("VOICECART_SECRET_KEY"):
            return False
        from botocore.exceptions import BotoCoreError, ClientError

        if client is None:
            import boto3

            client = boto3.session.Session().client("ssm")
        try:
            value = client.get_parameter(Name=name, WithDecryption=True)["Parameter"]["Value"]
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(
                f"cannot read the cookie signing key {name}: {type(exc).__name__}"
            ) from exc
        if len(value) < 32:
            raise StoreError(f"the cookie signing key {name} is too short (32 characters or more)")
        env["VOICECART_SECRET_KEY"] = value
        return True
