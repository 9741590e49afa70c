"""``python -m benchmarks [name ...]``: run benchmarks and rewrite docs/performance.md."""

from __future__ import annotations

import sys
from collections.abc import Callable

from . import bulk, coldstart, fleet, imports, percall, render, waiting
from ._harness import Report, summary, write_section

SUITES: dict[str, Callable[[], Report]] = {
    "imports": imports.run,
    "coldstart": coldstart.run,
    "percall": percall.run,
    "render": render.run,
    "waiting": waiting.run,
    "bulk": bulk.run,
    "fleet": fleet.run,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(SUITES)
    reports: list[Report] = []
    for name in chosen:
        report = SUITES[name]()
        write_section(name, report)
        reports.append(report)
    print(summary(reports))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
