"""The fidelity record (docs/local-fidelity.md) names only tests that exist, and its floor holds."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORD = ROOT / "docs" / "local-fidelity.md"
_NAMED = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")


def _tests_in(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and node.name.startswith("test_")
    }


def test_every_test_the_record_names_exists() -> None:
    named = _NAMED.findall(RECORD.read_text(encoding="utf-8"))
    assert len(named) >= 40  # one or more per row; a table that lost its tests is caught here
    missing = [
        f"{file}::{test}"
        for file, test in named
        if not (ROOT / file).is_file() or test not in _tests_in(ROOT / file)
    ]
    assert missing == []


def test_every_issue_item_has_a_row() -> None:
    text = RECORD.read_text(encoding="utf-8")
    rows = {int(n) for n in re.findall(r"^\| \((\d+)\)", text, flags=re.MULTILINE)}
    assert rows >= set(range(1, 16))


def test_the_declared_floor_has_the_partition_shapes() -> None:
    # AcceleratorPartitionType first appears in botocore 1.43.123 (fidelity evidence §15).
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    floors = {
        name: tuple(int(p) for p in version.split("."))
        for requirement in project["project"]["dependencies"]
        if (match := re.fullmatch(r"(boto3|botocore)>=([\d.]+)", requirement))
        for name, version in [match.groups()]
    }
    assert floors["boto3"] >= (1, 43, 123)
    assert floors["botocore"] >= (1, 43, 123)
