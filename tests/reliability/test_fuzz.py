"""Fuzzing: specs that break one constraint are refused before any request; valid ones accepted."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from icsdk import Client, InferenceComponent, SpecError
from icsdk.testing import LocalSageMaker
from icsdk.testing._protocol import validate_request

from ..strategies import components

# 600 examples each by default keeps the suite within its time; ICSDK_FUZZ_EXAMPLES raises it.
EXAMPLES = settings(
    max_examples=int(os.environ.get("ICSDK_FUZZ_EXAMPLES", "600")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[LocalSageMaker, Client]]:
    with LocalSageMaker(require_models=False) as local:
        yield local, local.client()


def _spec(request: Any) -> Any:
    return request.get("Specification") or request["Specifications"][0]


def _compute(request: Any) -> Any:
    return _spec(request).setdefault("ComputeResourceRequirements", {"MinMemoryRequiredInMb": 1024})


# (what breaks, how to break the request, the path icsdk must report)
BREAKERS: list[tuple[str, Callable[[Any, Any], None], str]] = [
    ("name pattern", lambda r, v: r.update(InferenceComponentName=f"-{v}"), "name"),
    ("name length", lambda r, v: r.update(InferenceComponentName="a" * 64), "name"),
    ("endpoint pattern", lambda r, v: r.update(EndpointName=f"{v}_x"), "endpoint"),
    ("copies minimum", lambda r, v: r.update(RuntimeConfig={"CopyCount": -1 - v}), "copies"),
    ("tag key length", lambda r, v: r.update(Tags=[{"Key": "", "Value": "v"}]), "tags[0].key"),
    (
        "tag value pattern",
        lambda r, v: r.update(Tags=[{"Key": "k", "Value": "#"}]),
        "tags[0].value",
    ),
    (
        "tag count",
        lambda r, v: r.update(Tags=[{"Key": f"k{i}", "Value": "v"} for i in range(51)]),
        "tags",
    ),
    (
        "memory minimum",
        lambda r, v: _compute(r).update(MinMemoryRequiredInMb=127 - v % 100),
        ".compute.min_memory_mb",
    ),
    (
        "cpu minimum",
        lambda r, v: _compute(r).update(NumberOfCpuCoresRequired=0.2),
        ".compute.cpu_cores",
    ),
    (
        "cpu not finite",
        lambda r, v: _compute(r).update(NumberOfCpuCoresRequired=float("nan" if v % 2 else "inf")),
        ".compute.cpu_cores",
    ),
    (
        "memory beyond 32 bits",
        lambda r, v: _compute(r).update(MinMemoryRequiredInMb=2**31 + v),
        ".compute.min_memory_mb",
    ),
    (
        "copies beyond 32 bits",
        lambda r, v: r.update(RuntimeConfig={"CopyCount": 10**400}),
        "copies",
    ),
    (
        "accelerators minimum",
        lambda r, v: _compute(r).update(NumberOfAcceleratorDevicesRequired=0),
        ".compute.accelerators",
    ),
    (
        "partition pattern",
        lambda r, v: _compute(r).update(AcceleratorPartitionType="gpu-1"),
        ".compute.accelerator_partition_type",
    ),
    ("model name pattern", lambda r, v: _spec(r).update(ModelName="bad name"), ".model_name"),
    (
        "placement enum",
        lambda r, v: _spec(r).update(SchedulingConfig={"PlacementStrategy": "X"}),
        ".scheduling.placement_strategy",
    ),
    (
        "startup range",
        lambda r, v: _spec(r).update(
            StartupParameters={"ModelDataDownloadTimeoutInSeconds": 3601 + v}
        ),
        ".startup.model_data_download_timeout_s",
    ),
    (
        "env key pattern",
        lambda r, v: _spec(r).update(Container={"Environment": {"1x": "v"}}),
        ".container.environment",
    ),
    (
        "env count",
        lambda r, v: _spec(r).update(Container={"Environment": {f"K{i}": "v" for i in range(101)}}),
        ".container.environment",
    ),
    (
        "metrics frequency",
        lambda r, v: _spec(r).update(
            Container={
                "ContainerMetricsConfig": {
                    "MetricsEndpoints": [
                        {"MetricsEndpointPath": "/m", "MetricPublishFrequencyInSeconds": 7}
                    ]
                }
            }
        ),
        ".container.metrics.endpoints[0].publish_frequency_s",
    ),
    (
        "image pattern",
        lambda r, v: _spec(r).update(Container={"Image": "has space"}),
        ".container.image",
    ),
]


@EXAMPLES
@given(
    ic=components(),
    breaker=st.sampled_from(BREAKERS),
    amount=st.integers(0, 1000),
)
def test_a_broken_constraint_is_refused_before_anything_is_sent(
    service: tuple[LocalSageMaker, Client],
    ic: InferenceComponent,
    breaker: tuple[str, Callable[[Any, Any], None], str],
    amount: int,
) -> None:
    local, client = service
    _, damage, path = breaker
    request: Any = copy.deepcopy(ic.to_boto3())
    specs = [ic.specification] if ic.specification else list(ic.instance_pools or ())
    if path.startswith(".") and any(spec.adapter for spec in specs):
        # Adapters have no compute or container of their own to break: use a plain model.
        request.pop("Specifications", None)
        request["Specification"] = {
            "ModelName": "m",
            "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
        }
    damage(request, amount)
    before = len(local.journal)
    with pytest.raises(SpecError) as caught:
        client.create(InferenceComponent.from_boto3(request))
    assert any(path in p for p in caught.value.paths), (
        path,
        caught.value.paths,
    )
    assert len(local.journal) == before == 0


@EXAMPLES
@given(ic=components())
def test_valid_specs_pass_the_local_services_model_validation(ic: InferenceComponent) -> None:
    validate_request("sagemaker", "CreateInferenceComponent", ic.to_boto3())
