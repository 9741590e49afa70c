"""Every ``python`` code block in the docs and the README runs, so none can rot."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)


def blocks(page: Path) -> list[str]:
    return BLOCK.findall(page.read_text())


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_code_blocks_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for index, source in enumerate(blocks(page)):
        code = compile(source, f"{page.name}[block {index}]", "exec")
        exec(code, namespace)
    capsys.readouterr()


def test_printed_validation_errors_match_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    page = (ROOT / "docs" / "describing.md").read_text()
    source = next(b for b in BLOCK.findall(page) if "except SpecError as error:\n    print" in b)
    exec(compile(source, "describing.md", "exec"), {})
    shown = page.split(source, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
    assert capsys.readouterr().out == shown


def test_printed_autoscaling_errors_match_the_docs(capsys: pytest.CaptureFixture[str]) -> None:
    page = (ROOT / "docs" / "autoscaling.md").read_text()
    namespace: dict[str, object] = {}
    for source in BLOCK.findall(page):
        capsys.readouterr()
        exec(compile(source, "autoscaling.md", "exec"), namespace)
        if "except SpecError as error:\n    print" in source:
            shown = page.split(source, 1)[1].split("```text\n", 1)[1].split("```", 1)[0]
            assert capsys.readouterr().out == shown
            return
    raise AssertionError("no printed SpecError on the page")
