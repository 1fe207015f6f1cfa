"""Summaries of repeated measurements, and one row of the results table."""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any


def percentile(samples: list[float], q: float) -> float:
    """The q-th percentile (0-100), linear between the closest ranks."""
    if not samples:
        return math.nan
    ordered = sorted(samples)
    at = (len(ordered) - 1) * q / 100
    lo = math.floor(at)
    hi = min(lo + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (at - lo)


def median(samples: list[float]) -> float:
    return percentile(samples, 50)


def p99(samples: list[float]) -> float:
    return percentile(samples, 99)


def bounded(count: int, seconds: float) -> Iterator[int]:
    """0, 1, 2, ... at most `count` times and for at most `seconds` (at least once)."""
    deadline = time.monotonic() + seconds
    for i in range(count):
        if i and time.monotonic() > deadline:
            return
        yield i


@dataclass
class Row:
    """One figure of the table: VoiceCart against a baseline measured in the same run.

    `higher_is_better` tells how to read the ratio (throughput and accuracy: higher)."""

    section: str
    figure: str
    unit: str
    median: float
    p99: float | None
    baseline: str
    base_median: float | None
    base_p99: float | None
    goal: str
    met: bool | None
    higher_is_better: bool = False
    n: int = 0
    base_n: int = 0
    ratio_median: float | None = field(default=None)
    ratio_p99: float | None = field(default=None)
    note: str = ""

    def __post_init__(self) -> None:
        if self.base_median:
            self.ratio_median = self.median / self.base_median
        if self.p99 is not None and self.base_p99:
            self.ratio_p99 = self.p99 / self.base_p99

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def timing_row(
    section: str,
    figure: str,
    samples_ms: list[float],
    baseline: str,
    base_ms: list[float] | None,
    goal: str,
    met: bool | None,
    unit: str = "ms",
    note: str = "",
) -> Row:
    return Row(
        section=section,
        figure=figure,
        unit=unit,
        median=median(samples_ms),
        p99=p99(samples_ms),
        baseline=baseline,
        base_median=median(base_ms) if base_ms else None,
        base_p99=p99(base_ms) if base_ms else None,
        goal=goal,
        met=met,
        n=len(samples_ms),
        base_n=len(base_ms or []),
        note=note,
    )
