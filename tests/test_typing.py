"""Static typing catches misuse: a deliberate mistake must be reported by mypy."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def run_mypy(tmp_path: Path, source: str) -> subprocess.CompletedProcess[str]:
    module = tmp_path / "misuse.py"
    module.write_text(textwrap.dedent(source))
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(module)],
        capture_output=True,
        text=True,
        check=False,
    )


def test_mypy_reports_a_string_for_an_integer_field(tmp_path: Path) -> None:
    result = run_mypy(
        tmp_path,
        """
        from icsdk import ComputeRequirements, InferenceComponent

        ComputeRequirements(min_memory_mb="1GB")
        InferenceComponent.builder("a").copies("2")
        """,
    )
    assert result.returncode == 1, result.stdout
    assert 'Argument "min_memory_mb" to "ComputeRequirements" has incompatible type "str"' in (
        result.stdout
    )
    assert 'Argument 1 to "copies" of "InferenceComponentBuilder" has incompatible type' in (
        result.stdout
    )


def test_mypy_accepts_correct_use(tmp_path: Path) -> None:
    result = run_mypy(
        tmp_path,
        """
        from icsdk import ComputeRequirements, InferenceComponent

        ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ComputeRequirements(min_memory_mb=1024)
        ).build()
        request = ic.to_boto3()
        print(request["InferenceComponentName"])
        """,
    )
    assert result.returncode == 0, result.stdout


def test_mypy_refuses_component_options_on_an_endpoint(tmp_path: Path) -> None:
    result = run_mypy(
        tmp_path,
        """
        from icsdk import Client, Endpoint

        def deploy(client: Client, ep: Endpoint) -> None:
            client.apply(ep, until="copies_settled")
        """,
    )
    assert result.returncode == 1, result.stdout
    assert 'No overload variant of "apply" of "EndpointMethods" matches' in result.stdout
