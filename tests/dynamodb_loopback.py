"""A real DynamoDB API server on loopback for the tests: moto's server mode in a child process.

The tests talk to it over HTTP with boto3, exactly as the store talks to DynamoDB. moto keeps
its tables in plain Python objects that two request threads could change at once, while
DynamoDB itself applies each request (and each transaction) atomically; so the server here
handles one request at a time, which is what lets the concurrency tests mean something.

The child listens on 127.0.0.1 only, on a free port it reports on its first line, and exits
when its standard input closes, so it cannot outlive the test run that started it.

    python -m tests.dynamodb_loopback      # serve until stdin closes; prints the port
"""

from __future__ import annotations

import atexit
import os
import subprocess
import sys
import tempfile
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
START_TIMEOUT = 60.0


class LoopbackDynamoDB:
    """One moto server process, started on first use and stopped at the end of the run."""

    _shared: LoopbackDynamoDB | None = None
    _shared_lock = threading.Lock()

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.endpoint = ""
        self._log = tempfile.TemporaryFile(mode="w+")

    @classmethod
    def shared(cls) -> LoopbackDynamoDB:
        with cls._shared_lock:
            if cls._shared is None:
                server = cls()
                server.start()
                atexit.register(server.stop)
                cls._shared = server
            return cls._shared

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.dynamodb_loopback"],
            cwd=ROOT,
            text=True,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert self.process.stdout is not None
        port: list[str] = []
        reader = threading.Thread(
            target=lambda: port.append(self.process.stdout.readline()),  # type: ignore[union-attr]
            daemon=True,
        )
        reader.start()
        reader.join(START_TIMEOUT)
        if not port or not port[0].strip().isdigit():
            self.stop()
            self._log.seek(0)
            raise RuntimeError(f"the loopback DynamoDB did not start:\n{self._log.read()[-2000:]}")
        self.endpoint = f"http://127.0.0.1:{int(port[0])}"

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()  # the child exits when its stdin closes
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None

    def client(self, service: str = "dynamodb") -> Any:
        import boto3
        from botocore.config import Config

        return boto3.session.Session().client(
            service,
            endpoint_url=self.endpoint,
            region_name=REGION,
            aws_access_key_id="loopback",
            aws_secret_access_key="loopback",
            config=Config(
                max_pool_connections=64,
                retries={"mode": "standard"},
                s3={"addressing_style": "path"},
            ),
        )


@contextmanager
def fresh_tables(server: LoopbackDynamoDB) -> Iterator[tuple[str, str]]:
    """A data table and a catalog table under a new name prefix, deleted afterwards."""
    from voicecart.adapters.dynamodb import create_tables, delete_tables

    prefix = "t" + uuid.uuid4().hex[:12]
    names = (f"{prefix}-data", f"{prefix}-catalog")
    client = server.client()
    create_tables(client, *names)
    try:
        yield names
    finally:
        delete_tables(client, *names)


@pytest.fixture(scope="session")
def loopback_dynamodb() -> Iterator[LoopbackDynamoDB]:
    server = LoopbackDynamoDB.shared()
    yield server
    server.stop()
    LoopbackDynamoDB._shared = None


def _serve() -> None:
    import logging

    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    app = DomainDispatcherApplication(create_backend_app)
    one_at_a_time = threading.Lock()

    def serialized(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        with one_at_a_time:
            return list(app(environ, start_response))

    server = make_server("127.0.0.1", 0, serialized, threaded=True)
    print(server.server_port, flush=True)

    def watch_parent() -> None:
        sys.stdin.read()  # returns when the test run closes our stdin, or dies
        os._exit(0)

    threading.Thread(target=watch_parent, daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    _serve()
