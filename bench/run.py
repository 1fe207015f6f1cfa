"""Run every VoiceCart benchmark and print one table against baselines measured in the same run.

    .venv/bin/python bench/run.py                # the full run, a few minutes
    .venv/bin/python bench/run.py --quick        # about a minute, fewer repetitions
    .venv/bin/python bench/run.py --json out.json

Numbers, not pass/fail: the exit status is 0 whenever the benchmarks ran, met goals or not.
Every figure is a median and a p99 over repeated measurements, with its ratio to a baseline
measured in the same run, so a noisy machine moves both sides alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, Python puts bench/ first on the path; the package is imported from the root.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))

from bench.stats import Row  # noqa: E402

SECTIONS = ("turns", "coldstart", "http", "quality")


def _fmt(value: float | None, unit: str) -> str:
    if value is None:
        return "-"
    if unit == "%":
        return f"{value:.1f}"
    if unit in ("req/s", "MiB"):
        return f"{value:.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _ratio(row: Row) -> str:
    if row.unit == "%" and row.base_median is not None:
        return f"{row.median - row.base_median:+.1f} pts"
    if row.ratio_median is None:
        return "-"
    text = f"{row.ratio_median:.2f}x"
    if row.ratio_p99 is not None:
        text += f" / {row.ratio_p99:.2f}x"
    return text


def table(rows: list[Row]) -> str:
    header = (
        "figure",
        "unit",
        "median",
        "p99",
        "baseline",
        "base med",
        "base p99",
        "ratio (med / p99)",
        "goal",
        "met",
    )
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    section = None
    for row in rows:
        if row.section != section:
            section = row.section
            lines.append(f"| **{section}** |" + " |" * (len(header) - 1))
        met = "-" if row.met is None else ("yes" if row.met else "**NO**")
        cells = (
            row.figure,
            row.unit,
            _fmt(row.median, row.unit),
            _fmt(row.p99, row.unit),
            row.baseline or "-",
            _fmt(row.base_median, row.unit),
            _fmt(row.base_p99, row.unit),
            _ratio(row),
            row.goal or "-",
            met,
        )
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def class_table(by_class: dict[str, dict[str, list[int]]]) -> str:
    engines = [
        e for e in ("voicesearch", "fts5", "voicesearch@subset", "rapidfuzz") if e in by_class
    ]
    classes = list(next(iter(by_class.values())))
    lines = [
        "| error class | " + " | ".join(f"{e} top-3" for e in engines) + " |",
        "|---|" + "---|" * len(engines),
    ]
    for cls in classes:
        cells = []
        for e in engines:
            n, _, top3 = by_class[e][cls]
            cells.append(f"{100 * top3 / n:.0f}% ({top3}/{n})" if n else "-")
        lines.append(f"| {cls} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="about a minute, fewer repetitions")
    parser.add_argument("--json", metavar="PATH", help="also write every figure as JSON")
    parser.add_argument(
        "--only", choices=SECTIONS, action="append", help="run only these sections (repeatable)"
    )
    parser.add_argument("--products", type=int, default=100_000, help="catalog size")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args(argv)
    only = set(args.only or SECTIONS)

    from bench import coldstart, http_bench, quality, turns
    from bench.catalog import demo_products
    from bench.world import build_world
    from voicecart.domain.search import VoiceSearch
    from voicecart.domain.shopping import settle_heap

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="voicecart-bench-"))
    rows: list[Row] = []
    extra: dict[str, Any] = {}
    try:
        print(f"building the {args.products:,}-product database in {workdir} ...", flush=True)
        world = build_world(workdir, args.products)
        extra["world_build_seconds"] = world.seconds_to_build
        index = None
        if "turns" in only:
            print("turn latency ...", flush=True)
            part, extra["turns"] = turns.run(world.db_path, world.products, args.quick)
            rows += part
        if "coldstart" in only:
            print("cold start ...", flush=True)
            part, extra["coldstart"] = coldstart.run(world.db_path, workdir, args.quick)
            rows += part
        if "http" in only:
            print("HTTP throughput and memory ...", flush=True)
            part, extra["http"] = http_bench.run(world.db_path, workdir, args.quick)
            rows += part
        if "quality" in only:
            print("voice-search quality ...", flush=True)
            index = VoiceSearch(world.products)
            settle_heap()  # what the server does once its index is built (Shopping.use_index)
            part, extra["quality"] = quality.run(
                world.products, len(demo_products()), index, args.quick
            )
            rows += part
    finally:
        if args.keep:
            print(f"kept {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    elapsed = time.perf_counter() - started
    if args.products != 100_000:  # the labels name the catalog size the goals are set for
        size = f"{args.products:,}"
        rows = [
            replace(
                row,
                section=row.section.replace("100k", size),
                figure=row.figure.replace("100k", size),
            )
            for row in rows
        ]
    machine = (
        f"{platform.python_implementation()} {platform.python_version()}, {os.cpu_count()} CPUs"
    )
    print()
    print(
        f"VoiceCart benchmarks ({'quick' if args.quick else 'full'} run,"
        f" {args.products:,} products, {machine}, {elapsed:.0f} s)"
    )
    print()
    print(table(rows))
    if "quality" in extra:
        print()
        print("Voice-search top-3 accuracy by speech-recognition error class:")
        print()
        print(class_table(extra["quality"]["by_class"]))
    if "coldstart" in extra:
        imports = extra["coldstart"]["imports"]
        print()
        print(
            f"Cold-start imports beyond the baseline's (-X importtime, self time): "
            f"{imports['extra_self_ms']:.0f} ms; costliest: "
            + ", ".join(f"{n} {ms:.1f} ms" for n, ms in imports["extra_self_ms_by_package"][:6])
        )
    if args.json:
        payload = {
            "quick": args.quick,
            "products": args.products,
            "machine": machine,
            "seconds": elapsed,
            "rows": [row.to_json() for row in rows],
            "details": extra,
        }
        Path(args.json).write_text(json.dumps(payload, indent=2, default=str), "utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
