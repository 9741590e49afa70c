"""Each benchmark runs, on tiny parameters, so none can rot (no timing is asserted here)."""

from __future__ import annotations

import inspect
from pathlib import Path

from benchmarks import imports, render
from benchmarks._harness import DEPTHS, Report, Row, per_call_seconds, write_section


def test_import_benchmark_runs() -> None:
    report = imports.run(rounds=1)
    assert [row.unit for row in report.rows] == ["s", "s"]
    assert all(row.icsdk > 0 and row.boto3 > 0 for row in report.rows)
    assert [row.target for row in report.rows] == [1.08, None]


def test_render_benchmark_checks_the_hand_written_request() -> None:
    report = render.run(rounds=1, number=10)
    assert len(report.rows) == 2
    assert all(row.paired is not None and row.limit == render.LIMIT for row in report.rows)


def test_every_row_states_its_target_and_verdict() -> None:
    assert Row("r", 2.0, 1.0, "s", 1.5).verdict == "MISSED"
    assert Row("r", 2.0, 1.0, "s", 2.5).goal == "≤ 2.50×"
    assert Row("r", 4e-6, 1e-6, "us", limit=5e-6).verdict == "met"
    assert Row("r", 4e-6, 1e-6, "us", limit=5e-6).goal == "icsdk ≤ 5.00 µs"
    assert Row("r", 1.0, 1.0, "s").verdict == "reported (no target)"


def test_per_call_runners_time_cpu_in_step_across_depths() -> None:
    depths: list[int] = []

    def probe() -> None:
        depths.append(len(inspect.stack(0)))

    runner = per_call_seconds(probe, 1)
    for _ in range(DEPTHS + 1):
        assert runner() >= 0
    assert depths[DEPTHS] == depths[0]
    assert depths[1:DEPTHS] == [depths[0] + n for n in range(1, DEPTHS)]


def test_sections_are_rewritten_in_place(tmp_path: Path) -> None:
    page = tmp_path / "performance.md"
    page.write_text("before\n<!-- bench:x -->\nold\n<!-- /bench:x -->\nafter\n")
    write_section("x", Report("X", "cmd"), page)
    text = page.read_text()
    assert "old" not in text
    assert text.startswith("before\n<!-- bench:x -->\nCommand: `cmd`")
    assert text.endswith("<!-- /bench:x -->\nafter\n")


def test_per_call_benchmark_runs() -> None:
    from benchmarks import percall

    report = percall.run(rounds=1, number=3)
    assert [row.target for row in report.rows] == [1.03, None, None, 1.05]
    assert all(row.paired is not None for row in report.rows)


def test_cold_start_benchmark_runs() -> None:
    from benchmarks import coldstart

    report = coldstart.run(rounds=1, step_rounds=1)
    row = report.rows[0]
    assert row.boto3 > 0 and row.target == 1.10 and row.paired is not None
    steps = [name for name, _ in report.facts if name.startswith("step: ")]
    assert len(steps) == len(coldstart.STEP_NAMES)
    assert all(value.endswith(" ms") and float(value[:-3]) >= 0 for _, value in report.facts)
    exits = [name for name, _ in report.facts if name.startswith("exit")]
    assert len(exits) == 3


def test_waiting_benchmark_counts_calls() -> None:
    from benchmarks import waiting

    report = waiting.run(count=5, deployment_s=30)
    assert report.facts[1][1] == "30"


def test_bulk_benchmark_runs_both_sides() -> None:
    from benchmarks import bulk

    for side in ("icsdk", *bulk.RAW_MODES):
        result = bulk.measure(side, count=4, threads=4, create_delay=0.05, poll=0.05)
        assert (result["failed_creates"], result["failed_waits"]) == (0, 0)
        assert (result["duplicates"], result["created"]) == (0, 4)
