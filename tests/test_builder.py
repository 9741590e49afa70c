"""The fluent builder: immutable steps, templates, full-path validation at build()."""

from __future__ import annotations

from typing import Any

import attrs
import pytest
from hypothesis import given, settings

from icsdk import (
    Adapter,
    ComputeRequirements,
    Container,
    InferenceComponent,
    Scheduling,
    SpecError,
    StartupParameters,
    Tag,
)

from .samples import (
    CANARY,
    adapter_component,
    full_component,
    full_specification,
    pooled_component,
)
from .strategies import components

COMPUTE = ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4)


def test_design_example_builds_the_expected_request() -> None:
    ic = (
        InferenceComponent.builder("llama-8b")
        .endpoint("shared-gpu", variant="AllTraffic")
        .model("llama-8b-model")
        .compute(COMPUTE)
        .copies(2)
        .tag("team", "search")
        .build()
    )
    assert ic.to_boto3() == {
        "InferenceComponentName": "llama-8b",
        "EndpointName": "shared-gpu",
        "VariantName": "AllTraffic",
        "Specification": {
            "ModelName": "llama-8b-model",
            "ComputeResourceRequirements": {
                "MinMemoryRequiredInMb": 16_384,
                "NumberOfAcceleratorDevicesRequired": 1,
                "NumberOfCpuCoresRequired": 4,
            },
        },
        "RuntimeConfig": {"CopyCount": 2},
        "Tags": [{"Key": "team", "Value": "search"}],
    }


def test_each_step_returns_a_new_builder() -> None:
    base = InferenceComponent.builder("a").endpoint("e").compute(COMPUTE)
    first = base.model("m1").copies(1)
    second = base.model("m2")
    assert first.build().specification is not None
    assert first.build().specification.model_name == "m1"  # type: ignore[union-attr]
    assert second.build().specification.model_name == "m2"  # type: ignore[union-attr]
    assert second.build().copies is None
    with pytest.raises(SpecError):
        base.build()  # the template itself has no model yet


def test_template_stamps_many_components() -> None:
    template = InferenceComponent.builder("t").endpoint("shared").compute(COMPUTE).copies(1)
    built = [template.name(f"model-{i}").model(f"model-{i}").build() for i in range(5)]
    assert [ic.name for ic in built] == [f"model-{i}" for i in range(5)]
    assert {ic.endpoint for ic in built} == {"shared"}


def test_every_field_is_reachable() -> None:
    ic = (
        InferenceComponent.builder("full")
        .endpoint("e")
        .variant("v")
        .model("m")
        .image("repo/img:1")
        .artifact_url("s3://b/m/")
        .environment({"A": "1"}, B="2")
        .metrics("/metrics", publish_frequency_s=30)
        .startup(StartupParameters(model_data_download_timeout_s=600))
        .compute(COMPUTE)
        .data_caching()
        .scheduling(Scheduling(placement_strategy="BINPACK"))
        .copies(3)
        .tags({"a": "1", "b": "2"})
        .tag("a", "replaced")
        .build()
    )
    spec = ic.specification
    assert spec is not None and spec.container is not None
    assert spec.container.environment == {"A": "1", "B": "2"}
    assert spec.container.metrics is not None
    assert spec.data_caching is True
    assert ic.tags == (Tag(key="b", value="2"), Tag(key="a", value="replaced"))


def test_container_object_and_piecewise_calls_combine() -> None:
    ic = (
        InferenceComponent.builder("a")
        .endpoint("e")
        .container(Container(image="repo/img:1", environment={"A": "1"}))
        .environment(B="2")
        .compute(COMPUTE)
        .build()
    )
    assert ic.specification is not None and ic.specification.container is not None
    assert ic.specification.container.image == "repo/img:1"
    assert dict(ic.specification.container.environment or {}) == {"A": "1", "B": "2"}


def test_build_reports_every_problem_with_full_paths() -> None:
    with pytest.raises(SpecError) as caught:
        (
            InferenceComponent.builder("bad_name")
            .model("m")
            .compute(COMPUTE)
            .metrics("/m", publish_frequency_s=7)
            .environment(TOKEN=CANARY * 200)
            .copies(-1)
            .tag("k", "bad#value")
            .build()
        )
    assert set(caught.value.paths) == {
        "name",
        "endpoint",
        "copies",
        "tags[0].value",
        "specification.container.environment['TOKEN']",
        "specification.container.metrics.endpoints[0].publish_frequency_s",
    }
    assert CANARY not in str(caught.value)


def test_builder_refuses_compute_and_variant_on_adapters() -> None:
    with pytest.raises(SpecError) as caught:
        (
            InferenceComponent.builder("sql")
            .endpoint("shared-gpu", variant="AllTraffic")
            .adapter(Adapter(base="llama-8b", artifact_url="s3://bucket/adapters/sql/"))
            .compute(COMPUTE)
            .build()
        )
    assert set(caught.value.paths) == {"variant", "specification.compute"}


def test_adapter_request_shape() -> None:
    ic = (
        InferenceComponent.builder("llama-8b-sql")
        .endpoint("shared-gpu")
        .adapter(Adapter(base="llama-8b", artifact_url="s3://bucket/adapters/sql/"))
        .build()
    )
    assert ic.is_adapter
    assert ic.to_boto3() == {
        "InferenceComponentName": "llama-8b-sql",
        "EndpointName": "shared-gpu",
        "Specification": {
            "BaseInferenceComponentName": "llama-8b",
            "Container": {"ArtifactUrl": "s3://bucket/adapters/sql/"},
        },
    }


def test_instance_pools_exclude_the_single_specification() -> None:
    pools = (full_specification("ml.g5.xlarge"), full_specification("ml.g6.xlarge"))
    ic = InferenceComponent.builder("a").endpoint("e").instance_pools(*pools).copies(1).build()
    request: Any = ic.to_boto3()
    assert "Specification" not in request
    assert [s["InstanceType"] for s in request["Specifications"]] == [
        "ml.g5.xlarge",
        "ml.g6.xlarge",
    ]
    with pytest.raises(SpecError) as caught:
        InferenceComponent.builder("a").endpoint("e").model("m").instance_pools(*pools).build()
    assert "instance_pools" in caught.value.paths


def test_builder_repr_never_shows_environment_values() -> None:
    builder = (
        InferenceComponent.builder("a")
        .endpoint("e")
        .container(Container(image="repo/img:1", environment={"TOKEN": CANARY}))
        .environment(OTHER=CANARY)
    )
    shown = repr(builder)
    assert CANARY not in shown
    assert "TOKEN" in shown and "specification.container.image='repo/img:1'" in shown
    wrong = builder.set("specification.container.environment", CANARY)
    assert CANARY not in repr(wrong)
    pooled = InferenceComponent.builder("a").instance_pools(full_specification("ml.g5.xlarge"))
    assert CANARY not in repr(pooled)


@pytest.mark.parametrize(
    "ic", [full_component(), pooled_component(), adapter_component()], ids=lambda ic: ic.name
)
def test_to_builder_round_trips(ic: InferenceComponent) -> None:
    assert ic.to_builder().build() == ic
    assert ic.to_builder().copies(7).build() == attrs.evolve(ic, copies=7)


@settings(max_examples=200)
@given(components())
def test_to_builder_round_trips_every_valid_component(ic: InferenceComponent) -> None:
    assert ic.to_builder().build() == ic


def test_to_builder_changes_one_nested_value() -> None:
    ic = full_component()
    changed = ic.to_builder().set("specification.compute.cpu_cores", 8).image("repo/img:2").build()
    spec, old = changed.specification, ic.specification
    assert spec is not None and old is not None and spec.container is not None
    assert spec.compute == attrs.evolve(old.compute, cpu_cores=8)  # type: ignore[misc]
    assert spec.container.image == "repo/img:2"
    assert spec.container.environment == old.container.environment  # type: ignore[union-attr]
    assert changed.tags == ic.tags and changed.copies == ic.copies


def test_a_nested_value_makes_its_parents() -> None:
    ic = (
        InferenceComponent.builder("a")
        .endpoint("e")
        .model("m")
        .set("specification.compute.min_memory_mb", 1024)
        .set("specification.scheduling.availability_zone_balance.max_imbalance", 1)
        .set("specification.scheduling.placement_strategy", "SPREAD")
        .build()
    )
    assert ic.specification is not None and ic.specification.scheduling is not None
    assert ic.specification.scheduling.availability_zone_balance is not None
    assert ic.specification.compute == ComputeRequirements(min_memory_mb=1024)
    with pytest.raises(SpecError) as caught:
        InferenceComponent.builder("a").set("specification.compute.gpus", 1)
    assert caught.value.paths == ("specification.compute.gpus",)
    with pytest.raises(SpecError) as caught:
        InferenceComponent.builder("a").endpoint("e").model("m").set(
            "specification.compute.cpu_cores", 2
        ).build()
    assert caught.value.paths == ("specification.compute.min_memory_mb",)


def test_every_spec_has_a_builder() -> None:
    container = Container(image="repo/img:1", environment={"A": "1"})
    assert container.to_builder().set("image", "repo/img:2").build() == attrs.evolve(
        container, image="repo/img:2"
    )
    with pytest.raises(SpecError) as caught:
        Tag(key="k", value="v").to_builder().set("value", "#").build()
    assert caught.value.paths == ("value",)
