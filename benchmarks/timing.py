"""Timing helpers and the result table."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from burner_desk.services import access


def seconds(call: Callable[[], object]) -> float:
    started = time.perf_counter()
    call()
    return time.perf_counter() - started


def start_env(workdir: Path) -> dict[str, str]:
    """The environment of a timed app start: offscreen, and from bytecode as an installed app starts.

    pip compiles an install and PyInstaller bundles .pyc files; under PYTHONDONTWRITEBYTECODE=1 every start
    from source would compile burner_desk again (~20 ms the bare window does not pay). So timed children
    share a bytecode cache in the workdir; one untimed start fills it.
    """
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "PYTHONPYCACHEPREFIX": str(workdir / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def p50(samples: list[float]) -> float:
    return statistics.median(samples)


def p95(samples: list[float]) -> float:
    if len(samples) < 2:
        return samples[0]
    return statistics.quantiles(samples, n=20, method="inclusive")[-1]


def ms(value: float) -> str:
    return f"{value * 1000:.2f} ms"


@dataclass(frozen=True)
class Row:
    """One line of the report: what was measured, against what, and the budget it is held to."""

    name: str
    subject: str
    baseline: str
    ratio: float
    budget: str
    within: bool

    def cells(self) -> list[str]:
        verdict = "ok" if self.within else "OVER"
        return [self.name, self.subject, self.baseline, f"{self.ratio:.2f}x", self.budget, verdict]


HEADER = ["measurement", "measured", "baseline (same run)", "ratio", "budget", ""]


def table(rows: list[Row]) -> str:
    lines = [HEADER, *(row.cells() for row in rows)]
    widths = [max(len(line[col]) for line in lines) for col in range(len(HEADER))]
    rendered = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)) for line in lines
    ]
    rendered.insert(1, "  ".join("-" * width for width in widths))
    return "\n".join(line.rstrip() for line in rendered)


BENCH_PASSPHRASE = "Bench passphrase 42 ok"


def bench_setup(user_name: str) -> access.SetupInput:
    """First-run answers for a throwaway benchmark vault."""
    return access.SetupInput(
        agency="Bench agency",
        device_name="bench",
        user_name=user_name,
        display_name=user_name,
        badge_no="",
        direct_phone="",
        passphrase=BENCH_PASSPHRASE,
    )
