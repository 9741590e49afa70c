"""The public surface: exactly the names in __all__, each documented, and the version."""

from __future__ import annotations
import __future__

import importlib.metadata
import inspect
import subprocess
import sys
import types

import pytest

import icsdk


def _exported(module: types.ModuleType, private: frozenset[str] = frozenset()) -> list[str]:
    """What a module offers: every public name bound in it, except modules and ``annotations``."""
    return sorted(
        name
        for name, value in vars(module).items()
        if (not name.startswith("_") or name in private)
        and not isinstance(value, types.ModuleType | __future__._Feature)
    )


def test_all_is_exactly_the_public_names() -> None:
    for name in icsdk.__all__:  # each loads on first use
        getattr(icsdk, name)
    assert icsdk.__all__ == _exported(icsdk, frozenset({"__version__"}))
    assert sorted(dir(icsdk)) == dir(icsdk) and set(icsdk.__all__) <= set(dir(icsdk))


def test_importing_icsdk_loads_no_public_name() -> None:
    loaded = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys, icsdk; print(sorted(m for m in sys.modules if m.startswith('icsdk')))",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert loaded.strip() == "['icsdk', 'icsdk._lazy']"  # the package and its loader only


def test_every_public_class_and_function_has_a_docstring_with_an_example() -> None:
    for name in icsdk.__all__:
        obj = getattr(icsdk, name)
        if not (inspect.isclass(obj) or inspect.isfunction(obj)):
            continue
        assert obj.__doc__ and ">>>" in obj.__doc__, f"{name} has no example"
        if not inspect.isclass(obj):
            continue
        own = [cls for cls in inspect.getmro(obj) if cls.__module__.startswith("icsdk")]
        members = {n: m for cls in reversed(own) for n, m in vars(cls).items()}
        for member_name, member in members.items():
            if member_name.startswith("_") or (
                not callable(member) and not isinstance(member, property)
            ):
                continue
            doc = inspect.getdoc(member)
            assert doc and ">>>" in doc, f"{name}.{member_name} has no example"


def test_version_comes_from_the_package_metadata() -> None:
    assert icsdk.__version__ == importlib.metadata.version("icsdk")


def test_import_loads_neither_cattrs_nor_tenacity_nor_the_type_stubs() -> None:
    code = (
        "import sys, icsdk; "
        "heavy = ('cattrs', 'tenacity', 'mypy_boto3_sagemaker'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_testing_exports_load_lazily() -> None:
    import icsdk.testing

    assert set(icsdk.testing._HOMES) == set(icsdk.testing.__all__)
    for name in icsdk.testing.__all__:
        assert getattr(icsdk.testing, name) is not None
    code = "import sys, icsdk.testing; print('icsdk.testing._plugin' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_every_public_name_is_in_the_api_reference() -> None:
    from pathlib import Path

    import icsdk.testing

    reference = "".join(
        page.read_text()
        for page in (Path(__file__).resolve().parent.parent / "docs" / "reference").glob("*.md")
    )
    names = [f"icsdk.{n}" for n in icsdk.__all__ if not n.startswith("__")]
    names += [f"icsdk.testing.{n}" for n in icsdk.testing.__all__]
    assert [n for n in names if f"::: {n}\n" not in reference + "\n"] == []


# Public data classes whose field types cannot be resolved at run time, each for a reason.
UNRESOLVED_HINTS = {
    # Its fields are the boto3 stubs' TypedDicts, which are never imported at run time.
    "AutoscalingRequests",
    # Endpoint imports the module EndpointState lives in (a cycle if it went the other way).
    "EndpointState",
    # CapacityFit loads with the Client's parts, never on a create's path.
    "Plan",
}


def test_public_data_classes_resolve_their_field_types() -> None:
    import typing

    import attrs

    unresolved: set[str] = set()
    for name in icsdk.__all__:
        value = getattr(icsdk, name)
        if inspect.isclass(value) and attrs.has(value):
            try:
                typing.get_type_hints(value)
            except NameError:
                unresolved.add(name)
    assert unresolved == UNRESOLVED_HINTS


@pytest.mark.parametrize("package", ["icsdk", "icsdk.testing"])
def test_type_checkers_and_the_lazy_loader_find_each_name_in_the_same_module(
    package: str,
) -> None:
    # A public name is written in the TYPE_CHECKING imports (for type checkers) and in
    # _HOMES (for the loader): the two must name the same module for it.
    import ast
    import importlib

    module = importlib.import_module(package)
    tree = ast.parse(inspect.getsource(module))
    imported: dict[str, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            for statement in node.body:
                assert isinstance(statement, ast.ImportFrom)
                for alias in statement.names:
                    imported[alias.asname or alias.name] = "." * statement.level + str(
                        statement.module
                    )
    homes: dict[str, str] = module._HOMES
    assert {name: home for name, home in homes.items() if name != "__version__"} == {
        name: home for name, home in imported.items() if name != "__version__"
    }
