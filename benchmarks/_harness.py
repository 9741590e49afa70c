"""Shared pieces: interleaved timing, medians, and rewriting the tables in docs/performance.md."""

from __future__ import annotations

import platform
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PERFORMANCE_MD = ROOT / "docs" / "performance.md"


@dataclass
class Row:
    """One comparison: what was measured, icsdk's and boto3's medians, the target ratio."""

    name: str
    icsdk: float
    boto3: float
    unit: str
    target: float | None = None
    paired: float | None = None
    """The median of per-round ratios, when rounds were paired (steadier than medians' ratio)."""

    @property
    def ratio(self) -> float:
        return self.paired if self.paired is not None else self.icsdk / self.boto3

    @property
    def verdict(self) -> str:
        if self.target is None:
            return "reported"
        return "met" if self.ratio <= self.target else "MISSED"


@dataclass
class Report:
    """The rows of one benchmark section and the free-form facts beside them."""

    title: str
    command: str
    rows: list[Row] = field(default_factory=list[Row])
    facts: list[tuple[str, str]] = field(default_factory=list[tuple[str, str]])


def interleaved(
    first: Callable[[], float], second: Callable[[], float], rounds: int
) -> tuple[float, float]:
    """Medians of ``first`` and ``second``, run alternately so drift hits both alike."""
    a, b, _ = paired(first, second, rounds)
    return a, b


def paired(
    first: Callable[[], float], second: Callable[[], float], rounds: int
) -> tuple[float, float, float]:
    """Medians of both, and the median of their per-round ratios (first / second)."""
    a: list[float] = []
    b: list[float] = []
    for index in range(rounds):
        order = (first, second) if index % 2 == 0 else (second, first)
        for run in order:
            (a if run is first else b).append(run())
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def process_seconds(code: str) -> Callable[[], float]:
    """A runner timing one fresh ``python -c code`` process (wall time, seconds)."""

    def run() -> float:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        return time.perf_counter() - start

    return run


def per_call_seconds(call: Callable[[], object], number: int) -> Callable[[], float]:
    """A runner timing ``number`` calls of ``call`` in this process (seconds per call)."""

    def run() -> float:
        start = time.perf_counter()
        for _ in range(number):
            call()
        return (time.perf_counter() - start) / number

    return run


def machine() -> str:
    import os

    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"boto3 {version('boto3')}, botocore {version('botocore')}, attrs {version('attrs')}, "
        f"cattrs {version('cattrs')}, tenacity {version('tenacity')}, icsdk {version('icsdk')}"
    )


def _fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.1f} ms" if value < 1 else f"{value:.2f} s"
    if unit == "us":
        return f"{value * 1e6:.2f} µs"
    return f"{value:g} {unit}".strip()


def render(report: Report) -> str:
    lines = [f"Command: `{report.command}`", ""]
    if report.rows:
        lines += [
            "| measurement | icsdk | raw boto3 | ratio | target | verdict |",
            "|---|---|---|---|---|---|",
        ]
        for row in report.rows:
            target = f"≤ {row.target:.2f}×" if row.target is not None else "—"
            how = " (paired)" if row.paired is not None else ""
            lines.append(
                f"| {row.name} | {_fmt(row.icsdk, row.unit)} | {_fmt(row.boto3, row.unit)} | "
                f"{row.ratio:.3f}×{how} | {target} | {row.verdict} |"
            )
    if report.facts:
        lines += ["", "| fact | value |", "|---|---|"]
        lines += [f"| {name} | {value} |" for name, value in report.facts]
    return "\n".join(lines)


def write_section(key: str, report: Report, path: Path = PERFORMANCE_MD) -> None:
    """Replace the text between ``<!-- bench:KEY -->`` and ``<!-- /bench:KEY -->``."""
    text = path.read_text()
    begin, end = f"<!-- bench:{key} -->", f"<!-- /bench:{key} -->"
    body = f"{begin}\n{render(report)}\n\n_Measured on {machine()}._\n{end}"
    pattern = re.compile(re.escape(begin) + ".*?" + re.escape(end), re.DOTALL)
    if not pattern.search(text):
        raise ValueError(f"{path} has no {begin} section")
    path.write_text(pattern.sub(lambda _: body, text))


def summary(reports: Sequence[Report]) -> str:
    out: list[str] = []
    for report in reports:
        out.append(f"== {report.title}")
        out.extend(
            f"  {row.name}: {row.ratio:.3f}x (target {row.target}) {row.verdict}"
            for row in report.rows
        )
        out.extend(f"  {name}: {value}" for name, value in report.facts)
    return "\n".join(out)
