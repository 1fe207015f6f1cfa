"""Cold start: a fresh Python process imports boto3 (as the Lambda runtime has it loaded), then
the entry point, and answers its first request, a LaunchRequest. VoiceCart runs
`voicecart.lambda_function.alexa_handler` on the benchmark database with VOICECART_DEMO=0 and
the demo household already seeded and linked, so nothing is seeded and no index is built; the
baseline runs the hello skill's SDK `lambda_handler`. Runs alternate between the two, so drift
on a shared machine hits both alike. The figure is the wall time of the whole process, from
spawn to exit, as measured by the parent."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from voicecart.alexa.envelopes import envelope
from voicecart.config import DEMO_SKILL_ID
from voicecart.demo import PARENT_PERSON

from .stats import Row, bounded, median, p99, timing_row

SECTION = "cold start (new process: import boto3 + entry point, first LaunchRequest)"
MARK = "BENCH-RESULT "

# The child: the event is read before the clock starts (the Lambda runtime hands it over).
CHILD = (
    """
import json, sys, time
event = json.load(open(sys.argv[2]))
started = time.perf_counter()
import boto3
booted = time.perf_counter()
if sys.argv[1] == "voicecart":
    from voicecart.lambda_function import alexa_handler as handler
else:
    sys.path.insert(0, sys.argv[3])
    from bench.hello_skill import lambda_handler as handler
imported = time.perf_counter()
out = handler(event, None)
done = time.perf_counter()
print(MARK + json.dumps({
    "boto3_ms": (booted - started) * 1000,
    "import_ms": (imported - booted) * 1000,
    "first_request_ms": (done - imported) * 1000,
    "speech": out["response"]["outputSpeech"]["ssml"],
}))
"""
).replace("MARK", repr(MARK))


def _env(db_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VOICECART_")}
    env.update(
        VOICECART_DB=str(db_path),
        VOICECART_DEMO="0",
        VOICECART_SKILL_ID=DEMO_SKILL_ID,
        VOICECART_LOG_LEVEL="INFO",
        PYTHONUNBUFFERED="1",
    )
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _once(
    who: str, event_path: Path, root: Path, env: dict[str, str], importtime: bool = False
) -> tuple[float, dict[str, Any], str]:
    args = [sys.executable, *(["-X", "importtime"] if importtime else []), "-c", CHILD]
    started = time.perf_counter()
    proc = subprocess.run(
        [*args, who, str(event_path), str(root)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    wall = (time.perf_counter() - started) * 1000
    lines = [line for line in proc.stdout.splitlines() if line.startswith(MARK)]
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"{who} cold start failed ({proc.returncode}): {proc.stderr[-2000:]}")
    result: dict[str, Any] = json.loads(lines[-1][len(MARK) :])
    expected = "Welcome" if who == "voicecart" else "Hello"
    if expected not in result["speech"]:
        raise RuntimeError(f"{who} answered {result['speech']!r}")
    return wall, result, proc.stderr


def _import_times(stderr: str) -> dict[str, tuple[int, int]]:
    """-X importtime output -> module: (self us, cumulative us)."""
    out: dict[str, tuple[int, int]] = {}
    for line in stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        own, cumulative, name = line[len("import time:") :].split("|")
        out[name.strip()] = (int(own), int(cumulative))
    return out


def import_report(event_path: Path, root: Path, env: dict[str, str]) -> dict[str, Any]:
    """What VoiceCart imports beyond the baseline, costliest first (one -X importtime run)."""
    _, _, ours = _once("voicecart", event_path, root, env, importtime=True)
    _, _, theirs = _once("hello", event_path, root, env, importtime=True)
    mine, base = _import_times(ours), _import_times(theirs)
    extra = {name: t for name, t in mine.items() if name not in base}
    top_packages: dict[str, int] = {}
    for name, (own, _) in extra.items():
        top = (
            name.split(".")[0]
            if not name.startswith("voicecart.")
            else ".".join(name.split(".")[:3])
        )
        top_packages[top] = top_packages.get(top, 0) + own
    return {
        "voicecart_self_ms": sum(own for own, _ in mine.values()) / 1000,
        "baseline_self_ms": sum(own for own, _ in base.values()) / 1000,
        "extra_self_ms": sum(own for own, _ in extra.values()) / 1000,
        "top_extra_by_cumulative_ms": [
            (name, cumulative / 1000)
            for name, (_, cumulative) in sorted(extra.items(), key=lambda kv: -kv[1][1])[:12]
        ],
        "extra_self_ms_by_package": sorted(
            ((name, us / 1000) for name, us in top_packages.items()), key=lambda kv: -kv[1]
        )[:12],
    }


def run(db_path: Path, workdir: Path, quick: bool) -> tuple[list[Row], dict[str, Any]]:
    root = Path(__file__).resolve().parent.parent
    event_path = workdir / "launch.json"
    event_path.write_text(
        json.dumps(envelope("LaunchRequest", new=True, person_id=PARENT_PERSON)), "utf-8"
    )
    env = _env(db_path)
    for who in ("voicecart", "hello"):  # compile .pyc files and warm the page cache: untimed
        _once(who, event_path, root, env)
    runs, budget = (8, 20.0) if quick else (25, 60.0)
    walls: dict[str, list[float]] = {"voicecart": [], "hello": []}
    parts: dict[str, list[dict[str, Any]]] = {"voicecart": [], "hello": []}
    for i in bounded(runs, budget):
        order = ("voicecart", "hello") if i % 2 == 0 else ("hello", "voicecart")
        for who in order:
            wall, result, _ = _once(who, event_path, root, env)
            walls[who].append(wall)
            parts[who].append(result)
    ours, base = walls["voicecart"], walls["hello"]
    met = median(ours) <= 1.5 * median(base) and p99(ours) <= 1.5 * p99(base)
    rows = [
        timing_row(
            SECTION,
            "cold start, process wall time",
            ours,
            "hello skill, same process shape",
            base,
            "<= 1.5x baseline",
            met,
        )
    ]
    rows.append(
        timing_row(
            SECTION,
            "  of which import + first request",
            [p["import_ms"] + p["first_request_ms"] for p in parts["voicecart"]],
            "hello skill",
            [p["import_ms"] + p["first_request_ms"] for p in parts["hello"]],
            "",
            None,
            note="in the child, after boto3; the rest is interpreter start, boto3 and exit",
        )
    )
    extra = {
        "runs": len(ours),
        "boto3_import_ms_median": median([p["boto3_ms"] for p in parts["voicecart"]]),
        "imports": import_report(event_path, root, env),
    }
    return rows, extra
