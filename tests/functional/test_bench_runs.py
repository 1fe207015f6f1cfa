"""The benchmark command keeps working: a quick run on a small catalog prints the table and
writes every section's figures. It checks the harness, not the numbers (those are measured
by `bench/run.py` itself, never by a timed test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_a_quick_run_prints_the_table_and_writes_the_figures(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--quick", "--products", "3000", "--json", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert "| figure | unit | median | p99 | baseline" in done.stdout
    figures = json.loads(out.read_text())
    assert figures["products"] == 3000
    sections = {row["section"] for row in figures["rows"]}
    assert [s for s in sections if s.startswith("turn latency")] == [
        "turn latency (in-process, 3,000 products, SQLite)"
    ]
    named = {row["figure"] for row in figures["rows"]}
    for figure in (
        "search",
        "buy: code",
        "cold start, process wall time",
        "search turn, throughput",
        "server peak RSS (VmHWM), 3,000 catalog indexed",
        "top-3 accuracy vs FTS5 (576 queries)",
    ):
        assert figure in named, sorted(named)
    for row in figures["rows"]:
        assert row["median"] is not None and row["median"] >= 0, row
        if row["baseline"] and row["baseline"] != "-" and row["base_median"] is not None:
            assert row["base_median"] > 0, row  # every baseline was measured in this run
