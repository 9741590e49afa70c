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
