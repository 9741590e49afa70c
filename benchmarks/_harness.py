"""Shared pieces: paired CPU timing, medians, and rewriting the tables in docs/performance.md.

Every timing here is CPU time (user + system), not wall time: another process on the machine
slows the wall clock of whichever side it lands on, but not the CPU time that side used.
"""

from __future__ import annotations

import compileall
import importlib.util
import os
import platform
import re
import resource
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
    """One comparison: what was measured, icsdk's and boto3's medians, and the target.

    The target is a ratio (``target``) or, for a row whose boto3 side is only a yardstick, a
    ceiling on icsdk's own figure (``limit``, in seconds); a row with neither is reported.
    """

    name: str
    icsdk: float
    boto3: float
    unit: str
    target: float | None = None
    paired: float | None = None
    """The median of per-round ratios, when rounds were paired (steadier than medians' ratio)."""
    limit: float | None = None

    @property
    def ratio(self) -> float:
        return self.paired if self.paired is not None else self.icsdk / self.boto3

    @property
    def verdict(self) -> str:
        if self.target is not None:
            return "met" if self.ratio <= self.target else "MISSED"
        if self.limit is not None:
            return "met" if self.icsdk <= self.limit else "MISSED"
        return "reported (no target)"

    @property
    def goal(self) -> str:
        if self.target is not None:
            return f"≤ {self.target:.2f}×"
        if self.limit is not None:
            return f"icsdk ≤ {_fmt(self.limit, self.unit)}"
        return "—"


@dataclass
class Report:
    """The rows of one benchmark section and the free-form facts beside them."""

    title: str
    command: str
    timing: str | None = None
    """How the figures were timed (CPU or wall time, and how they were paired)."""
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
    """Medians of both, and the median of their per-round ratios (first / second).

    Each round runs both, the order alternating from round to round, after one round that is
    not counted (it loads modules and fills caches for both).
    """
    first()
    second()
    a: list[float] = []
    b: list[float] = []
    for index in range(rounds):
        order = (first, second) if index % 2 == 0 else (second, first)
        for run in order:
            (a if run is first else b).append(run())
    ratios = [x / y for x, y in zip(a, b, strict=True)]
    return statistics.median(a), statistics.median(b), statistics.median(ratios)


def compile_bytecode() -> None:
    """Compile icsdk and the benchmarks to bytecode first, as installing a wheel does.

    Otherwise the first process to import a changed module pays for compiling it.
    """
    for package in ("icsdk", "benchmarks"):
        spec = importlib.util.find_spec(package)
        for location in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(location, quiet=1)


def process_seconds(code: str) -> Callable[[], float]:
    """A runner timing one fresh ``python -c code`` process (its CPU seconds, user + system)."""

    def run() -> float:
        return run_process(code)[2]

    return run


def run_process(code: str) -> tuple[str, str, float]:
    """``python -c code`` in a fresh process: its stdout, its stderr and its CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=ROOT, capture_output=True, text=True
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return done.stdout, done.stderr, seconds


PROCESS_TIMING = (
    "CPU time (user + system) of each fresh process, bytecode compiled first; ratio: the median "
    "of per-round ratios, the sides alternating"
)
CALL_TIMING = (
    "CPU time per call in one process, stack depth cycled; ratio: the median of per-round "
    "ratios, the sides alternating"
)

DEPTHS = 8
"""Stack depths the per-call runners cycle through (see `per_call_seconds`)."""


def per_call_seconds(call: Callable[[], object], number: int) -> Callable[[], float]:
    """A runner timing ``number`` calls of ``call`` in this process (CPU seconds per call).

    Each run calls from a different stack depth (0 to ``DEPTHS - 1`` frames deeper, in turn),
    and paired runners move in step. CPython 3.11 allocates frames in chunks: where a caller
    sits in the stack decides whether a call this deep crosses a chunk boundary again and
    again, which moved one and the same boto3 call by up to 3 % here. Cycling through depths
    gives both sides the same mix instead of a lucky or unlucky position for one of them.
    The frames added sit outside the timed loop, so they cost neither side anything.
    """
    runs = 0

    def loop() -> float:
        start = time.process_time()
        for _ in range(number):
            call()
        return (time.process_time() - start) / number

    def run() -> float:
        nonlocal runs
        depth, runs = runs % DEPTHS, runs + 1
        return _at_depth(depth, loop)

    return run


def _at_depth(depth: int, loop: Callable[[], float]) -> float:
    return loop() if depth == 0 else _at_depth(depth - 1, loop)


def machine() -> str:
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
    if report.timing:
        lines += [f"Timed: {report.timing}.", ""]
    if report.rows:
        lines += [
            "| measurement | icsdk | raw boto3 | ratio | target | verdict |",
            "|---|---|---|---|---|---|",
        ]
        for row in report.rows:
            how = " (paired)" if row.paired is not None else ""
            lines.append(
                f"| {row.name} | {_fmt(row.icsdk, row.unit)} | {_fmt(row.boto3, row.unit)} | "
                f"{row.ratio:.3f}×{how} | {row.goal} | {row.verdict} |"
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
            f"  {row.name}: {row.ratio:.3f}x (target {row.goal}) {row.verdict}"
            for row in report.rows
        )
        out.extend(f"  {name}: {value}" for name, value in report.facts)
    return "\n".join(out)
