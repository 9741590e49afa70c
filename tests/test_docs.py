"""Every ``python`` code block in the docs and the README runs and type-checks, so none can rot.

A page's blocks are one program: joined in order, they run, and they pass ``mypy --strict`` and
pyright strict under the project's own settings. A block that starts with a file name comment
(``# test_deploy.py``) is a file of its own: it is type-checked alone and run under pytest, with
the icsdk plugin loaded from its entry point, as a user's test file would be.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = sorted([ROOT / "README.md", *(ROOT / "docs").rglob("*.md")])
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.DOTALL | re.MULTILINE)
FILE_NAME = re.compile(r"\A# (test_\w+\.py)\n")
BIN = Path(sys.executable).parent
TIMEOUT = 300


def blocks(page: Path) -> list[str]:
    """The page's blocks that belong to its one program (not the files of their own)."""
    return [b for b in BLOCK.findall(page.read_text()) if not FILE_NAME.match(b)]


def files(page: Path) -> dict[str, str]:
    """The page's blocks that are files of their own, by file name."""
    found = (FILE_NAME.match(b) for b in BLOCK.findall(page.read_text()))
    return {match.group(1): match.string for match in found if match}


def program(page: Path) -> str:
    """The page's blocks joined, each headed by where it comes from."""
    return "".join(
        f"# {page.name}, block {index}\n{source}" for index, source in enumerate(blocks(page))
    )


@pytest.mark.parametrize("page", [p for p in PAGES if blocks(p)], ids=lambda p: p.name)
def test_code_blocks_run(page: Path, capsys: pytest.CaptureFixture[str]) -> None:
    namespace: dict[str, object] = {"__name__": f"docs_{page.stem}"}
    for index, source in enumerate(blocks(page)):
        code = compile(source, f"{page.name}[block {index}]", "exec")
        exec(code, namespace)
    capsys.readouterr()


def test_code_blocks_pass_mypy_strict_and_pyright_strict(tmp_path: Path) -> None:
    checked: list[Path] = []
    for page in PAGES:
        if blocks(page):
            checked.append(tmp_path / f"page_{page.stem.replace('-', '_')}.py")
            checked[-1].write_text(program(page))
        for name, source in files(page).items():
            checked.append(tmp_path / name)
            checked[-1].write_text(source)
    config = str(ROOT / "pyproject.toml")
    cache = str(tmp_path / ".mypy_cache")
    commands = {
        "mypy": [str(BIN / "mypy"), "--config-file", config, "--cache-dir", cache],
        "pyright": [str(BIN / "pyright"), "--project", config],
    }
    # Both at once: one run of each over every page.
    running = {
        tool: subprocess.Popen(
            [*command, *map(str, checked)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for tool, command in commands.items()
    }
    failed: dict[str, str] = {}
    for tool, process in running.items():
        output, _ = process.communicate(timeout=TIMEOUT)
        if process.returncode != 0:
            failed[tool] = output
    assert not failed, "\n".join(f"{tool}:\n{output}" for tool, output in failed.items())
    assert len(checked) > len(PAGES) // 2


def test_the_testing_guides_test_file_passes_under_pytest(tmp_path: Path) -> None:
    shown = files(ROOT / "docs" / "testing.md")
    assert shown, "the testing guide shows no complete test file"
    for name, source in shown.items():
        (tmp_path / name).write_text(source)
    tests = sum(len(re.findall(r"^def test_", source, re.MULTILINE)) for source in shown.values())
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-W", "error", *shown],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"{tests} passed" in result.stdout, result.stdout


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
