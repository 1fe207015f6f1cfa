"""HTTP throughput of `voicecart serve` (waitress) against the flask-ask-sdk hello app under
the same waitress settings, driven by the same load generator on 127.0.0.1, and the peak
memory of both servers.

Both servers stay up for the whole benchmark and rounds alternate between them, so noise on a
shared machine hits both alike. Alexa request verification is off in both (loopback only)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from voicecart.alexa.envelopes import envelope
from voicecart.config import DEMO_SKILL_ID
from voicecart.demo import PARENT_PERSON

from .loadgen import Load, post_json, run_load
from .stats import Row, median, p99, timing_row
from .turns import broad_queries

SECTION = "HTTP (waitress, 8 threads, loopback, keep-alive, 4 connections)"
THREADS = 8
CONNECTIONS = 4


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def status_kb(pid: int, field: str) -> int:
    """A `kB` line of /proc/<pid>/status: VmHWM is the peak resident set, VmRSS the current."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


class Server:
    def __init__(self, name: str, proc: subprocess.Popen[bytes], port: int, log: IO[bytes]):
        self.name, self.proc, self.port, self.log = name, proc, port, log

    def peak_mib(self) -> float:
        return status_kb(self.proc.pid, "VmHWM") / 1024

    def rss_mib(self) -> float:
        return status_kb(self.proc.pid, "VmRSS") / 1024


@contextmanager
def server(name: str, args: list[str], env: dict[str, str], logdir: Path) -> Iterator[Server]:
    port = free_port()
    root = Path(__file__).resolve().parent.parent
    log = open(logdir / f"{name}.log", "wb")  # noqa: SIM115 - closed below
    proc = subprocess.Popen(
        [*args, "--port", str(port)], cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            if proc.poll() is not None:
                log.flush()
                tail = (logdir / f"{name}.log").read_text("utf-8", "replace")[-3000:]
                raise RuntimeError(f"{name} exited ({proc.returncode}):\n{tail}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{name} did not start within 60 s") from None
                time.sleep(0.1)
        yield Server(name, proc, port, log)
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)
        log.close()


def _env(db_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICECART_")}
    env.update(VOICECART_DB=str(db_path), PYTHONUNBUFFERED="1")
    return env


def _body(kind: str, intent: str | None, slots: dict[str, str], attrs: dict[str, Any]) -> bytes:
    return json.dumps(
        envelope(
            kind,
            intent=intent,
            slots=slots,
            person_id=PARENT_PERSON,
            session_id=f"amzn1.echo-api.session.{uuid.uuid4()}",
            attributes=attrs,
            skill_id=DEMO_SKILL_ID,
        )
    ).encode()


def run(db_path: Path, workdir: Path, quick: bool) -> tuple[list[Row], dict[str, Any]]:
    env = _env(db_path)
    voicecart_cmd = [
        sys.executable,
        "-m",
        "voicecart.cli",
        "serve",
        "--db",
        str(db_path),
        "--demo",
        "--insecure-no-verify",
        "--skill-id",
        DEMO_SKILL_ID,
        "--threads",
        str(THREADS),
    ]
    hello_cmd = [sys.executable, "-m", "bench.hello_app", "--threads", str(THREADS)]
    rounds, seconds = (3, 1.5) if quick else (5, 3.0)
    with (
        server("voicecart", voicecart_cmd, env, workdir) as vc,
        server("hello", hello_cmd, env, workdir) as hello,
    ):
        started_mib = vc.peak_mib()
        # The first search builds the index (once per process); time it, then the memory.
        started = time.perf_counter()
        status, data = post_json(
            vc.port, "/alexa", _body("IntentRequest", "SearchIntent", {"query": "coffee"}, {})
        )
        first_search_s = time.perf_counter() - started
        if status != 200:
            raise RuntimeError(f"first search failed: {status} {data[:300]!r}")
        attrs = json.loads(data).get("sessionAttributes") or {}
        if len(attrs.get("results") or []) < 2:
            raise RuntimeError(f"the first search found too little: {data[:300]!r}")
        indexed_mib = vc.peak_mib()
        scenarios = {
            "search": [
                _body("IntentRequest", "SearchIntent", {"query": q}, {})
                for q in broad_queries(64, seed=23)
            ],
            "next": [_body("IntentRequest", "AMAZON.NextIntent", {}, attrs)],
        }
        loads: dict[tuple[str, str], list[Load]] = {}
        cap = 200_000
        for r in range(rounds):
            for scenario, bodies in scenarios.items():
                pair = (vc, hello) if r % 2 == 0 else (hello, vc)
                for srv in pair:
                    load = run_load(srv.port, "/alexa", bodies, CONNECTIONS, seconds, cap)
                    if load.errors:
                        raise RuntimeError(f"{srv.name} {scenario}: {load.errors} failed requests")
                    loads.setdefault((srv.name, scenario), []).append(load)
        peak_vc, peak_hello = vc.peak_mib(), hello.peak_mib()
        rss_vc = vc.rss_mib()
    rows: list[Row] = []
    for scenario, label in (("search", "search turn"), ("next", "browse (next) turn")):
        ours = [load.rate for load in loads[("voicecart", scenario)]]
        base = [load.rate for load in loads[("hello", scenario)]]
        ratio = median(ours) / median(base)
        rows.append(
            Row(
                section=SECTION,
                figure=f"{label}, throughput",
                unit="req/s",
                median=median(ours),
                p99=None,
                baseline="flask-ask-sdk hello app",
                base_median=median(base),
                base_p99=None,
                goal=">= 50% of baseline",
                met=ratio >= 0.5,
                higher_is_better=True,
                n=len(ours),
                base_n=len(base),
                note=f"median over {len(ours)} rounds of {seconds:g} s",
            )
        )
        lat = [x for load in loads[("voicecart", scenario)] for x in load.latencies_ms]
        base_lat = [x for load in loads[("hello", scenario)] for x in load.latencies_ms]
        rows.append(
            timing_row(
                SECTION,
                f"{label}, latency under load",
                lat,
                "flask-ask-sdk hello app",
                base_lat,
                "",
                None,
            )
        )
    rows.append(
        Row(
            section="memory",
            figure="server peak RSS (VmHWM), 100k catalog indexed",
            unit="MiB",
            median=peak_vc,
            p99=None,
            baseline="flask-ask-sdk hello app",
            base_median=peak_hello,
            base_p99=None,
            goal="(report)",
            met=None,
            note=f"before the first search {started_mib:.0f} MiB; after it {indexed_mib:.0f} MiB",
        )
    )
    extra = {
        "first_search_seconds": first_search_s,
        "voicecart_peak_mib_before_index": started_mib,
        "voicecart_peak_mib_after_index": indexed_mib,
        "voicecart_peak_mib_end": peak_vc,
        "voicecart_rss_mib_end": rss_vc,
        "hello_peak_mib": peak_hello,
        "latency_p99_ms": {
            f"{who}:{scenario}": p99([x for load in ls for x in load.latencies_ms])
            for (who, scenario), ls in loads.items()
        },
    }
    return rows, extra
