"""Secrets on AWS: SecureStrings in SSM Parameter Store, read once per container.

A SecureString cannot be put into a Lambda environment variable by a CloudFormation dynamic
reference (and should not be: anyone who may read the function's configuration would see
it). So the template passes only each parameter's *name* (`..._PARAMETER`); the first
request in a container reads and decrypts them in one GetParameters call, and each value
stays in that process's memory under the variable the code already reads:

    parameter name in                    value exported as          what it is
    VOICECART_SECRET_KEY_PARAMETER       VOICECART_SECRET_KEY       the app's secret key
    VOICECART_GOOGLE_SECRET_PARAMETER    VOICECART_GOOGLE_SECRET    the Dialogflow webhook secret

A value already in the environment wins (and nothing is read); a missing or too short
parameter is a StoreError naming the parameter, never showing a value.
"""

from __future__ import annotations

import os
import threading
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from ..domain.errors import StoreError

_lock = threading.Lock()


@dataclass(frozen=True)
class Secret:
    parameter_env: str
    value_env: str
    min_length: int
    what: str


SECRETS = (
    Secret("VOICECART_SECRET_KEY_PARAMETER", "VOICECART_SECRET_KEY", 32, "secret key"),
    Secret("VOICECART_GOOGLE_SECRET_PARAMETER", "VOICECART_GOOGLE_SECRET", 16, "webhook secret"),
)


def _wanted(env: MutableMapping[str, str]) -> list[Secret]:
    return [s for s in SECRETS if env.get(s.parameter_env) and not env.get(s.value_env)]


def export_secrets(env: MutableMapping[str, str] | None = None, client: Any = None) -> list[str]:
    """Read every secret named by a `..._PARAMETER` variable whose value is not set yet, in
    one request. Returns the variables it set."""
    env = os.environ if env is None else env
    if not _wanted(env):
        return []
    with _lock:
        wanted = _wanted(env)
        if not wanted:
            return []
        from botocore.exceptions import BotoCoreError, ClientError

        if client is None:
            import boto3

            client = boto3.session.Session().client("ssm")
        names = {env[s.parameter_env]: s for s in wanted}
        try:
            got = client.get_parameters(Names=list(names), WithDecryption=True)
        except (BotoCoreError, ClientError) as exc:
            raise StoreError(
                f"cannot read {', '.join(names)} from SSM: {type(exc).__name__}"
            ) from exc
        missing = sorted(set(got.get("InvalidParameters", [])) | (set(names) - _names(got)))
        if missing:
            raise StoreError(f"SSM has no parameter {', '.join(missing)}: create it (docs/aws.md)")
        values = {p["Name"]: p["Value"] for p in got["Parameters"]}
        for name, secret in names.items():
            if len(values[name]) < secret.min_length:
                raise StoreError(
                    f"the {secret.what} {name} is too short "
                    f"({secret.min_length} characters or more)"
                )
        for name, secret in names.items():
            env[secret.value_env] = values[name]
        return [names[n].value_env for n in names]


def _names(got: dict[str, Any]) -> set[str]:
    return {p["Name"] for p in got.get("Parameters", [])}


def export_secret_key(env: MutableMapping[str, str] | None = None, client: Any = None) -> bool:
    """`export_secrets`; True if it read anything."""
    return bool(export_secrets(env, client))
