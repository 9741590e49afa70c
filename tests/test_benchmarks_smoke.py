"""Each benchmark runs, on tiny parameters, so none can rot (no timing is asserted here)."""

from __future__ import annotations

from pathlib import Path

from benchmarks import imports, render
from benchmarks._harness import Report, write_section


def test_import_benchmark_runs() -> None:
    report = imports.run(rounds=1)
    assert [row.unit for row in report.rows] == ["s", "s"]
    assert all(row.icsdk > 0 and row.boto3 > 0 for row in report.rows)


def test_render_benchmark_checks_the_hand_written_request() -> None:
    report = render.run(rounds=1, number=10)
    assert len(report.rows) == 2


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
    assert [row.target for row in report.rows] == [1.05, None, 1.10]


def test_cold_start_benchmark_runs() -> None:
    from benchmarks import coldstart

    assert coldstart.run(rounds=1).rows[0].boto3 > 0


def test_waiting_benchmark_counts_calls() -> None:
    from benchmarks import waiting

    report = waiting.run(count=5, deployment_s=30)
    assert report.facts[1][1] == "30"


def test_bulk_benchmark_runs_both_sides() -> None:
    from benchmarks import bulk

    for side in ("icsdk", "raw"):
        result = bulk.measure(side, count=4, threads=4, create_delay=0.05, poll=0.05)
        assert (result["failures"], result["duplicates"], result["created"]) == (0, 0, 4)
