"""The spec classes: validation on construction, immutability, secrets kept out of reprs."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from icsdk import (
    Adapter,
    AvailabilityZoneBalance,
    ComputeRequirements,
    Container,
    Environment,
    InferenceComponent,
    MetricsEndpoint,
    Scheduling,
    SpecError,
    Specification,
    StartupParameters,
    Tag,
)

from .samples import CANARY, adapter_component, full_component, full_specification


def problems(factory: Any, **kwargs: Any) -> dict[str, str]:
    with pytest.raises(SpecError) as caught:
        factory(**kwargs)
    return {problem.path: problem.message for problem in caught.value.problems}


def test_compute_reports_every_problem_at_once() -> None:
    found = problems(
        ComputeRequirements, min_memory_mb=64, cpu_cores=0.1, accelerators=0, max_memory_mb=100
    )
    assert found == {
        "min_memory_mb": "must be at least 128 MB, got 64",
        "max_memory_mb": "must be at least 128 MB, got 100",
        "cpu_cores": "must be at least 0.25 cores, got 0.1",
        "accelerators": "must be at least 1 devices, got 0",
    }


def test_max_memory_below_min_memory_is_refused() -> None:
    found = problems(ComputeRequirements, min_memory_mb=2048, max_memory_mb=1024)
    assert found == {
        "max_memory_mb": "must not be less than min_memory_mb (2048 MB), got 1024",
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1GB", "must be an integer, got str '1GB'"),
        (True, "must be an integer, got bool"),
        (1024.0, "must be an integer, got float 1024.0"),
    ],
)
def test_wrong_types_are_named(value: object, message: str) -> None:
    assert problems(ComputeRequirements, min_memory_mb=value) == {"min_memory_mb": message}


def test_partition_type_follows_the_model_pattern() -> None:
    assert ComputeRequirements(min_memory_mb=128, accelerator_partition_type="mig-3g.40gb")
    found = problems(ComputeRequirements, min_memory_mb=128, accelerator_partition_type="gpu-1")
    assert "must match the pattern" in found["accelerator_partition_type"]


def test_startup_timeouts_are_bounded() -> None:
    found = problems(
        StartupParameters,
        model_data_download_timeout_s=59,
        container_startup_health_check_timeout_s=3601,
    )
    assert found == {
        "model_data_download_timeout_s": "must be at least 60 seconds, got 59",
        "container_startup_health_check_timeout_s": "must be at most 3600 seconds, got 3601",
    }


@pytest.mark.parametrize("frequency", [10, 30, 60, 120, 180, 240, 300])
def test_metric_publish_frequencies_the_service_accepts(frequency: int) -> None:
    assert MetricsEndpoint(path="/metrics", publish_frequency_s=frequency)


def test_other_metric_publish_frequencies_are_refused() -> None:
    found = problems(MetricsEndpoint, path="/metrics", publish_frequency_s=15)
    assert found == {
        "publish_frequency_s": "must be one of 10, 30, 60, 120, 180, 240, 300 seconds, got 15"
    }
    assert "pattern" in problems(MetricsEndpoint, path="/../etc")["path"]


def test_placement_strategy_is_an_enum() -> None:
    found = problems(Scheduling, placement_strategy="FOO")
    assert found == {"placement_strategy": "must be one of SPREAD, BINPACK, got 'FOO'"}


def test_zone_balance_is_bounded() -> None:
    assert problems(AvailabilityZoneBalance, max_imbalance=101) == {
        "max_imbalance": "must be at most 100 copies, got 101"
    }


def test_a_component_needs_compute_and_a_model_or_image() -> None:
    found = problems(Specification)
    assert set(found) == {"compute", "model_name"}
    assert Specification(
        container=Container(image="repo/img:1"), compute=ComputeRequirements(min_memory_mb=128)
    )


def test_adapters_carry_no_compute_nor_artifact_url_on_the_container() -> None:
    found = problems(
        Specification,
        adapter=Adapter(base="b", artifact_url="s3://b/a"),
        compute=ComputeRequirements(min_memory_mb=128),
        container=Container(artifact_url="s3://b/other"),
    )
    assert set(found) == {"compute", "container.artifact_url"}


def test_adapter_components_carry_no_variant() -> None:
    spec = Specification(adapter=Adapter(base="b", artifact_url="s3://b/a"))
    found = problems(InferenceComponent, name="a", endpoint="e", variant="v", specification=spec)
    assert found == {"variant": "an adapter runs on its base component's variant; leave it unset"}


def test_specification_xor_instance_pools() -> None:
    spec = full_specification()
    pool = full_specification("ml.g5.xlarge")
    both = problems(
        InferenceComponent, name="a", endpoint="e", specification=spec, instance_pools=(pool,)
    )
    assert set(both) == {"instance_pools"}
    neither = problems(InferenceComponent, name="a", endpoint="e")
    assert neither == {"specification": "is required (or instance_pools)"}
    too_many = problems(InferenceComponent, name="a", endpoint="e", instance_pools=(pool,) * 6)
    assert too_many == {"instance_pools": "must have at most 5 pools, got 6"}


def test_instance_type_only_in_pools() -> None:
    spec = full_specification("ml.g5.xlarge")
    found = problems(InferenceComponent, name="a", endpoint="e", specification=spec)
    assert found == {
        "specification.instance_type": "an instance type belongs only in instance_pools"
    }


def test_unknown_instance_types_are_refused() -> None:
    found = problems(
        Specification,
        model_name="m",
        compute=ComputeRequirements(min_memory_mb=128),
        instance_type="ml.fake.huge",
    )
    assert "must be one of the" in found["instance_type"]


def test_copies_and_names_follow_the_model() -> None:
    found = problems(
        InferenceComponent,
        name="bad_name",
        endpoint="-e",
        copies=-5,
        specification=full_specification(),
    )
    assert set(found) == {"name", "endpoint", "copies"}
    assert found["copies"] == "must be at least 0 copies, got -5"


def test_tags_are_checked_as_the_model_says() -> None:
    assert Tag(key="päth/with spaces:ok", value="")
    assert set(problems(Tag, key="", value="v")) == {"key"}
    assert set(problems(Tag, key="a", value="x#y")) == {"value"}


def test_specs_are_frozen_and_hashable() -> None:
    ic = full_component()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        ic.copies = 3  # type: ignore[misc]
    assert hash(ic) == hash(full_component())
    assert ic == full_component()
    assert attrs.evolve(ic, copies=3) != ic


def test_lists_become_tuples_and_dicts_become_read_only() -> None:
    tags: Any = [Tag(key="a", value="b")]
    ic = InferenceComponent(name="a", endpoint="e", specification=full_specification(), tags=tags)
    assert ic.tags == (Tag(key="a", value="b"),)
    env = {"A": "1"}
    container = Container(environment=env)
    env["A"] = "changed"
    assert container.environment == {"A": "1"}
    assert isinstance(container.environment, Environment)
    with pytest.raises(TypeError):
        container.environment["A"] = "2"  # type: ignore[index]


def test_environment_values_never_print() -> None:
    for text in (repr(full_component()), str(full_component()), repr(adapter_component())):
        assert CANARY not in text
        assert "HF_TOKEN" in text or "ADAPTER_TOKEN" in text


def test_environment_values_never_appear_in_errors() -> None:
    with pytest.raises(SpecError) as caught:
        Container(environment={"TOKEN": CANARY * 100})
    assert CANARY not in str(caught.value)
    assert "environment['TOKEN']" in caught.value.paths[0]
    with pytest.raises(SpecError) as caught:
        Container(environment={"TOKEN": 12345})  # type: ignore[dict-item]
    assert "12345" not in str(caught.value)


def test_environment_is_a_proper_mapping() -> None:
    env = Environment({"A": "1", "B": "2"})
    assert env == Environment([("B", "2"), ("A", "1")])
    assert env != Environment({"A": "1"})
    assert env != None  # noqa: E711 - the comparison the wire converter makes
    assert env != "A"
    assert list(env) == ["A", "B"]
    assert len(env) == 2
    assert env.to_dict() == {"A": "1", "B": "2"}


def test_spec_error_reads_well() -> None:
    with pytest.raises(SpecError) as caught:
        ComputeRequirements(min_memory_mb=64)
    assert (
        str(caught.value)
        == "1 problem in the spec:\n  min_memory_mb: must be at least 128 MB, got 64"
    )
    assert isinstance(caught.value, ValueError)
