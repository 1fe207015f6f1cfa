"""A small closed-loop HTTP load generator: `connections` threads, each with one keep-alive
http.client connection, posting request bodies in turn until a time or count limit. Loopback
only. Returns completed requests per second and each request's latency."""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field


@dataclass
class Load:
    seconds: float
    ok: int = 0
    errors: int = 0
    latencies_ms: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0


def post_json(port: int, path: str, body: bytes, timeout: float = 30.0) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", path, body, {"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def run_load(
    port: int,
    path: str,
    bodies: list[bytes],
    connections: int,
    seconds: float,
    max_requests: int,
    expect: bytes = b'"outputSpeech"',
) -> Load:
    """Closed loop: every connection sends its next request as soon as the last one returns."""
    deadline = time.perf_counter() + seconds
    lock = threading.Lock()
    sent = [0]
    results: list[Load] = []

    def worker(offset: int) -> None:
        mine = Load(seconds)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = offset
        headers = {"Content-Type": "application/json"}
        try:
            while time.perf_counter() < deadline:
                with lock:
                    if sent[0] >= max_requests:
                        break
                    sent[0] += 1
                body = bodies[i % len(bodies)]
                i += connections
                started = time.perf_counter()
                try:
                    conn.request("POST", path, body, headers)
                    response = conn.getresponse()
                    data = response.read()
                except (OSError, http.client.HTTPException):
                    mine.errors += 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                took = (time.perf_counter() - started) * 1000
                if response.status == 200 and expect in data:
                    mine.ok += 1
                    mine.latencies_ms.append(took)
                else:
                    mine.errors += 1
        finally:
            conn.close()
            with lock:
                results.append(mine)

    started = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(seconds + 60)
    total = Load(time.perf_counter() - started)
    for part in results:
        total.ok += part.ok
        total.errors += part.errors
        total.latencies_ms.extend(part.latencies_ms)
    return total
