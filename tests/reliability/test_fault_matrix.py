"""Every operation x every fault: the outcome, attempts, time, and what reached the service."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from botocore.config import Config

import icsdk
from icsdk import (
    Client,
    ComputeRequirements,
    InferenceComponent,
    Polling,
    RetryPolicy,
    Specification,
)
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import small_component
from .matrix import EXPECTED, documented, render

POLICY = RetryPolicy(attempts=4, deadline=120)
OPERATION_NAMES = {
    "create": "CreateInferenceComponent",
    "describe": "DescribeInferenceComponent",
    "list": "ListInferenceComponents",
    "update": "UpdateInferenceComponent",
    "scale": "UpdateInferenceComponentRuntimeConfig",
    "delete": "DeleteInferenceComponent",
    "invoke": "InvokeEndpoint",
}
WRITES = {"create", "update", "scale", "delete"}


def make_client(local: LocalSageMaker) -> Client:
    # Generous against a loaded machine, yet well short of the SLOW fault's delay.
    config = Config(read_timeout=0.5, connect_timeout=2, retries={"total_max_attempts": 1})
    return Client(
        local.sagemaker_client(config=config),
        local.runtime_client(config=config),
        retry=POLICY,
        polling=Polling(),
    )


def action(client: Client, operation: str, kind: str) -> Callable[[], Any]:
    name = "missing" if kind == "NOT_FOUND" else "a"
    bigger = InferenceComponent(
        name=name,
        endpoint="shared-gpu",
        specification=Specification(
            model_name="bigger-model",
            compute=ComputeRequirements(min_memory_mb=2048, cpu_cores=1),
        ),
    )
    actions: dict[str, Callable[[], Any]] = {
        "create": lambda: client.create(
            small_component("a", endpoint="nowhere" if kind == "NOT_FOUND" else "shared-gpu")
        ),
        "describe": lambda: client.describe(name),
        "list": lambda: list(client.list(name_contains=name)),
        "update": lambda: client.update(bigger),
        "scale": lambda: client.scale(name, 3),
        "delete": lambda: client.delete(name),
        "invoke": lambda: client.invoke(name, b"{}"),
    }
    return actions[operation]


def prepare(local: LocalSageMaker, operation: str, kind: str) -> None:
    """The state before the operation runs: component ``a`` InService unless the case says."""
    setup = local.sagemaker_client()
    if operation == "create" and kind != "CONFLICT":
        return
    # A standard component names its variant on the wire (icsdk fills it in; raw boto3 must).
    request: Any = {**small_component("a").to_boto3(), "VariantName": "AllTraffic"}
    setup.create_inference_component(**request)
    if kind != "IN_PROGRESS":
        local.advance(60)
    local.journal.clear()


CASES = sorted(EXPECTED)


@pytest.mark.parametrize(("operation", "kind"), CASES, ids=[f"{o}-{k}" for o, k in CASES])
def test_cell(local: LocalSageMaker, operation: str, kind: str) -> None:
    prepare(local, operation, kind)
    client = make_client(local)
    api = OPERATION_NAMES[operation]
    if kind in FaultKind.__members__:
        local.faults.script(FaultKind[kind], operation=api, delay=1.2)
    started = local.now()
    expected = EXPECTED[(operation, kind)]
    if expected == "ok":
        action(client, operation, kind)()
    else:
        with pytest.raises(getattr(icsdk, expected)) as caught:
            action(client, operation, kind)()
        assert isinstance(caught.value, icsdk.IcsdkError)
        assert caught.value.__cause__ is not None or expected == "ComponentConflict"
    attempts = local.journal.count(operation=api)
    assert attempts <= POLICY.attempts
    assert local.now() - started <= float(POLICY.deadline)  # type: ignore[arg-type]
    creates = Counter(
        c.name for c in local.journal.calls(operation="CreateInferenceComponent", committed=True)
    )
    assert all(count <= 1 for count in creates.values()), creates
    if operation in WRITES:
        assert local.journal.count(operation=api, committed=True) <= 1


def test_every_operation_meets_every_injected_fault() -> None:
    kinds = {kind.name for kind in FaultKind}
    for operation in OPERATION_NAMES:
        covered = {kind for (op, kind) in EXPECTED if op == operation and kind in kinds}
        runtime_only = {"MODEL_ERROR", "NO_CAPACITY", "MODEL_NOT_READY"}
        missing = kinds - covered - (runtime_only if operation != "invoke" else {"MALFORMED"})
        assert not missing, (operation, missing)


def test_the_docs_show_this_matrix() -> None:
    assert documented() == render()
