"""End-to-end fixtures: a real `voicecart serve` process on a loopback port."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def need(tool_ok: bool, why: str) -> None:
    """Skip on a developer machine without the tool; under CI a missing tool is a failure."""
    if tool_ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{why} (CI must install it: see .ci/run)")
    pytest.skip(why)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    url: str
    db: Path
    process: subprocess.Popen[str]


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Server]:
    port = free_port()
    db = tmp_path / "e2e.db"
    voicecart = Path(sys.executable).with_name("voicecart")
    process = subprocess.Popen(
        [
            str(voicecart),
            "serve",
            "--demo",
            "--db",
            str(db),
            "--port",
            str(port),
            "--insecure-no-verify",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "VOICECART_LOG_LEVEL": "WARNING"},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stdout.read() if process.stdout else ''}")
        try:
            with urllib.request.urlopen(f"{url}/healthz", timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    else:
        process.kill()
        raise RuntimeError("server did not start")
    try:
        yield Server(url, db, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.fixture(scope="session")
def alexa_sim() -> Path:
    folder = ROOT / "tests" / "e2e" / "alexa_sim"
    need(shutil.which("node") is not None, "node is not installed")
    need(
        (folder / "node_modules" / "virtual-alexa").is_dir(),
        "virtual-alexa is not installed (run: npm ci --prefix tests/e2e/alexa_sim)",
    )
    return folder / "drive.js"
