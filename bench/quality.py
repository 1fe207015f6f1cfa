"""Voice-search quality: the generated spoken-style queries (bench/spoken.py) against
VoiceCart's VoiceSearch and, in the same run on the same 100k catalog, SQLite FTS5 with BM25
and rapidfuzz's WRatio over product names.

    FTS5      a real FTS5 table over name, brand, synonyms, category and description with the
              porter tokenizer; the query is the spoken words joined with OR, ranked by bm25().
    rapidfuzz process.extract(query, names, scorer=fuzz.WRatio, limit=3), names and query
              lower-cased and stripped by rapidfuzz.utils.default_process.

A query counts as found at k when one of the first k products is its target (or an exact
twin: a product whose name and brand hold every word of the clean query too). WRatio scans
all 100k names per query (a few hundred ms), so it runs on an evenly spread subset of the
queries, and VoiceSearch is also scored on that same subset for the comparison."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from rapidfuzz import fuzz, process, utils

from voicecart.domain.catalog import Product
from voicecart.domain.search import VoiceSearch

from .spoken import CLASSES, Query, generate, tokens
from .stats import Row, median, p99, timing_row

SECTION = "voice-search quality (spoken-style queries, 100k catalog)"
Engine = Callable[[str], list[str]]


@dataclass
class Scores:
    name: str
    n: int = 0
    top1: int = 0
    top3: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    by_class: dict[str, list[int]] = field(default_factory=dict)  # class -> [n, top1, top3]
    by_source: dict[str, list[int]] = field(default_factory=dict)
    misses: list[tuple[str, str, str, list[str]]] = field(default_factory=list)

    def add(self, query: Query, found: list[str], ms: float) -> None:
        hit1 = bool(found[:1]) and found[0] in query.accept
        hit3 = any(sku in query.accept for sku in found[:3])
        self.n += 1
        self.top1 += hit1
        self.top3 += hit3
        self.latencies_ms.append(ms)
        for key, table in ((query.error, self.by_class), (query.source, self.by_source)):
            row = table.setdefault(key, [0, 0, 0])
            row[0] += 1
            row[1] += hit1
            row[2] += hit3
        if not hit3 and len(self.misses) < 400:
            self.misses.append((query.error, query.text, query.clean, found[:3]))

    def pct(self, hits: int) -> float:
        return 100 * hits / self.n if self.n else 0.0


def voicesearch_engine(index: VoiceSearch) -> Engine:
    def search(text: str) -> list[str]:
        return [p.sku for p in index.search(text, limit=3).products]

    return search


def fts5_engine(products: Sequence[Product]) -> tuple[Engine, float]:
    started = time.perf_counter()
    db = sqlite3.connect(":memory:", check_same_thread=False)
    db.execute(
        "CREATE VIRTUAL TABLE fts USING fts5(sku UNINDEXED, name, brand, synonyms, category,"
        " description, tokenize='porter unicode61')"
    )
    db.executemany(
        "INSERT INTO fts VALUES (?, ?, ?, ?, ?, ?)",
        (
            (p.sku, p.name, p.brand, " ".join(p.synonyms), p.category, p.description)
            for p in products
        ),
    )
    db.commit()
    built = time.perf_counter() - started

    def search(text: str) -> list[str]:
        words = list(dict.fromkeys(tokens(text)))
        if not words:
            return []
        match = " OR ".join(f'"{w}"' for w in words)
        rows = db.execute(
            "SELECT sku FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT 3", (match,)
        ).fetchall()
        return [sku for (sku,) in rows]

    return search, built


def rapidfuzz_engine(products: Sequence[Product]) -> Engine:
    names = [utils.default_process(p.name) for p in products]
    skus = [p.sku for p in products]

    def search(text: str) -> list[str]:
        hits = process.extract(
            utils.default_process(text), names, scorer=fuzz.WRatio, processor=None, limit=3
        )
        return [skus[i] for _, _, i in hits]

    return search


def _run(
    engine: Engine, name: str, queries: Sequence[Query], scores: Scores | None = None
) -> Scores:
    scores = scores or Scores(name)
    for query in queries:
        started = time.perf_counter()
        found = engine(query.text)
        scores.add(query, found, (time.perf_counter() - started) * 1000)
    return scores


def run(
    products: list[Product], demo_count: int, index: VoiceSearch, quick: bool
) -> tuple[list[Row], dict[str, Any]]:
    sources = {
        "demo": list(range(demo_count)),
        "synthetic": list(range(demo_count, len(products))),
    }
    queries = generate(products, sources, per_class=36)
    fts, fts_build_s = fts5_engine(products)
    rf = rapidfuzz_engine(products)
    vs = voicesearch_engine(index)
    # WRatio over 100k names costs a few hundred ms a query: an evenly spread subset.
    step = 12 if quick else 3
    # Interleaved per query, so machine noise hits every engine alike.
    scores = {
        name: Scores(name) for name in ("voicesearch", "fts5", "voicesearch@subset", "rapidfuzz")
    }
    in_subset = set(range(0, len(queries), step))
    for i, query in enumerate(queries):
        _run(vs, "voicesearch", [query], scores["voicesearch"])
        _run(fts, "fts5", [query], scores["fts5"])
        if i in in_subset:
            _run(rf, "rapidfuzz", [query], scores["rapidfuzz"])
            hit = scores["voicesearch"]
            # the same answer, scored again for the like-for-like comparison
            found_ms = hit.latencies_ms[-1]
            scores["voicesearch@subset"].add(query, vs(query.text), found_ms)
    ours, full_fts = scores["voicesearch"], scores["fts5"]
    ours_sub, rapid = scores["voicesearch@subset"], scores["rapidfuzz"]
    best_delta = min(
        ours.pct(ours.top3) - full_fts.pct(full_fts.top3),
        ours_sub.pct(ours_sub.top3) - rapid.pct(rapid.top3),
    )
    rows: list[Row] = []
    for k, attr in ((1, "top1"), (3, "top3")):
        for base, mine in ((full_fts, ours), (rapid, ours_sub)):
            mine_pct, base_pct = mine.pct(getattr(mine, attr)), base.pct(getattr(base, attr))
            is_goal = k == 3
            label = "SQLite FTS5 bm25()" if base is full_fts else "rapidfuzz WRatio (names)"
            # The 95% bar is judged on every query; the rapidfuzz subset is only for the
            # like-for-like margin over rapidfuzz.
            if not is_goal:
                goal, met = "(report)", None
            elif base is full_fts:
                goal, met = ">= 95% and >= +10 pts", mine_pct >= 95 and mine_pct - base_pct >= 10
            else:
                goal, met = ">= +10 pts (95% bar: row above)", mine_pct - base_pct >= 10
            rows.append(
                Row(
                    section=SECTION,
                    figure=f"top-{k} accuracy vs {'FTS5' if base is full_fts else 'rapidfuzz'}"
                    f" ({mine.n} queries)",
                    unit="%",
                    median=mine_pct,
                    p99=None,
                    baseline=label,
                    base_median=base_pct,
                    base_p99=None,
                    goal=goal,
                    met=met,
                    higher_is_better=True,
                    n=mine.n,
                    base_n=base.n,
                    note=f"{mine_pct - base_pct:+.1f} points",
                )
            )
    rows.append(
        timing_row(
            SECTION,
            f"search latency at 100k ({ours.n} queries)",
            ours.latencies_ms,
            "SQLite FTS5 bm25()",
            full_fts.latencies_ms,
            "p99 <= 15 ms",
            p99(ours.latencies_ms) <= 15,
        )
    )
    rows.append(
        timing_row(
            SECTION,
            f"search latency at 100k ({rapid.n} queries)",
            ours_sub.latencies_ms,
            "rapidfuzz WRatio (names)",
            rapid.latencies_ms,
            "p99 <= 15 ms",
            p99(ours_sub.latencies_ms) <= 15,
        )
    )
    extra = {
        "queries": len(queries),
        "rapidfuzz_queries": rapid.n,
        "goal_top3_points_over_best_baseline": best_delta,
        "fts5_build_seconds": fts_build_s,
        "by_class": {
            name: {cls: s.by_class.get(cls, [0, 0, 0]) for cls in CLASSES}
            for name, s in scores.items()
        },
        "by_source": {name: s.by_source for name, s in scores.items()},
        "latency_ms": {
            name: {"median": median(s.latencies_ms), "p99": p99(s.latencies_ms)}
            for name, s in scores.items()
        },
        "voicesearch_misses": scores["voicesearch"].misses,
        "examples": [
            {"error": q.error, "said": q.text, "clean": q.clean, "target": q.target}
            for q in queries[:: max(1, len(queries) // 24)]
        ],
    }
    return rows, extra
