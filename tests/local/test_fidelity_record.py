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


def test_the_declared_floor_has_every_shape_and_is_the_one_make_test_runs() -> None:
    # CrossRegionTrafficConfig and RoutingStrategy KV_AWARE first ship in botocore 1.44.4, the
    # newest of the shapes icsdk renders (fidelity record, row 15); `make floor` runs the wire
    # tests against the Makefile's FLOOR, so that must be the declared floor itself.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    floors = {
        name: version
        for requirement in project["project"]["dependencies"]
        if (match := re.fullmatch(r"(boto3|botocore)>=([\d.]+)", requirement))
        for name, version in [match.groups()]
    }
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    floor = re.search(r"^FLOOR := ([\d.]+)$", makefile, flags=re.MULTILINE)
    tools = re.search(r"^FLOOR_TOOLS := (.+)$", makefile, flags=re.MULTILINE)
    assert floor is not None
    assert tools is not None
    assert floors == {"boto3": floor.group(1), "botocore": floor.group(1)}
    assert tuple(int(part) for part in floor.group(1).split(".")) >= (1, 44, 4)
    dev = set(project["project"]["optional-dependencies"]["dev"])
    assert set(tools.group(1).split()) <= dev  # the floor's test tools are the dev pins
