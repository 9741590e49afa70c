"""The package's shape: imports point one way, siblings are imported at the top, modules stay small.

The rules come from CONTRIBUTING.md ("The layout"); these tests read the source, so a change
that breaks one fails here rather than in a reviewer's head.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "icsdk"
MAX_LINES = 400
# Deferred on purpose: the pytest plugin's fixtures load the service only when a test uses them,
# and the Client loads its parts for endpoints, autoscaling and plan/apply on first use.
ALLOWED_LOCAL_IMPORTS = 3
# Where a deferred import may sit, and what it may load (None: any module).
DEFERRING = {"icsdk.testing._plugin": None, "icsdk._client": {"icsdk._client_parts"}}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _resolve(module: str, node: ast.ImportFrom) -> list[str]:
    """The icsdk modules a ``from ... import ...`` statement in ``module`` loads."""
    if node.level == 0:
        base = node.module or ""
    else:
        package = module.split(".")
        is_package = MODULES[module].name == "__init__.py"
        anchor = package if is_package else package[:-1]
        anchor = anchor[: len(anchor) - (node.level - 1)]
        base = ".".join([*anchor, *([node.module] if node.module else [])])
    if not base.startswith("icsdk"):
        return []
    found = [base] if base in MODULES else []
    found += [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in MODULES]
    return found


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def _imports(module: str) -> Iterator[tuple[str, bool]]:
    """(imported icsdk module, whether the import sits inside a function) for ``module``."""
    tree = ast.parse(MODULES[module].read_text())

    def visit(node: ast.AST, in_function: bool) -> Iterator[tuple[str, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                continue  # annotations only: never executed
            inside = in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef)
            if isinstance(child, ast.ImportFrom):
                for target in _resolve(module, child):
                    yield target, in_function
            elif isinstance(child, ast.Import):
                for alias in child.names:
                    if alias.name in MODULES:
                        yield alias.name, in_function
            yield from visit(child, inside)

    yield from visit(tree, False)


GRAPH = {
    module: {target for target, _ in _imports(module) if target != module} for module in MODULES
}


def test_no_import_cycle_among_icsdk_modules_counting_imports_in_functions() -> None:
    # A package importing its own submodules is its public face, not a dependency.
    edges = {
        module: {t for t in targets if not (module and t.startswith(module + "."))}
        for module, targets in GRAPH.items()
    }
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def walk(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(edges[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                walk(target, [*path, target])
        state[module] = 2

    for module in sorted(edges):
        if module not in state:
            walk(module, [module])
    assert cycles == []


def test_sibling_modules_are_imported_at_the_top() -> None:
    local = sorted(
        (module, target)
        for module in MODULES
        for target, in_function in _imports(module)
        if in_function
    )
    assert len(local) <= ALLOWED_LOCAL_IMPORTS, local
    for module, target in local:
        assert module in DEFERRING, (module, target)
        allowed = DEFERRING[module]
        assert allowed is None or target in allowed, (module, target)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_and_classes_stay_small(module: str) -> None:
    source = MODULES[module].read_text()
    first_line = source.lstrip('"').splitlines()[0] if source else ""
    if "generated" in first_line.lower():
        return
    assert len(source.splitlines()) <= MAX_LINES, f"{module} has grown past {MAX_LINES} lines"
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            size = (node.end_lineno or node.lineno) - node.lineno + 1
            assert size <= MAX_LINES, f"{module}.{node.name} is {size} lines"


def test_no_private_name_is_imported_from_another_module() -> None:
    crossings: list[str] = []
    for module, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and _resolve(module, node):
                crossings += [
                    f"{module}: {alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                    and f"{node.module}.{alias.name}" not in MODULES
                    and not alias.name.startswith("__")
                ]
    assert crossings == []


def _drawn_rows() -> list[tuple[int, str]]:
    text = (PACKAGE.parent.parent / "CONTRIBUTING.md").read_text()
    drawing = text.split("<!-- layout -->", 1)[1].split("<!-- /layout -->", 1)[0]
    return [
        (int(line.split()[0]), line.split()[1])
        for line in drawing.splitlines()
        if line[:5].strip().isdigit()
    ]


def test_the_drawings_sizes_are_close_to_the_modules_sizes() -> None:
    for drawn, module in _drawn_rows():
        path = PACKAGE / f"{module}.py"
        actual = len(path.read_text().splitlines())
        assert abs(drawn - actual) <= max(20, actual // 10), (module, drawn, actual)


def test_the_drawing_in_contributing_lists_every_core_module() -> None:
    drawn = {module for _, module in _drawn_rows()}
    leaves = {"_environment", "_fields", "_instance_types", "_version", "_wire/names", "_wire"}
    core = {
        module.removeprefix("icsdk.").replace(".", "/")
        for module in MODULES
        if module != "icsdk" and not module.startswith("icsdk.testing")
    }
    assert drawn == core - leaves
