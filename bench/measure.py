"""Timing helpers shared by the suites."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable


def timed(function: Callable, *args) -> tuple[float, object]:
    """Seconds one call takes, and its value; garbage collected first, outside the timing."""
    gc.collect()
    started = time.perf_counter()
    value = function(*args)
    return time.perf_counter() - started, value


def ratio_summary(ratios: list[float]) -> dict:
    return {
        "rounds": ratios,
        "median": statistics.median(ratios),
        "min": min(ratios),
        "max": max(ratios),
    }
