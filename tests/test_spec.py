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
        "accelerators": "must be at least 1 device, got 0",
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


# -- what the wire cannot carry ----------------------------------------------------------------


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_floats_are_refused(value: float) -> None:
    found = problems(ComputeRequirements, min_memory_mb=128, cpu_cores=value, accelerators=value)
    assert set(found) == {"cpu_cores", "accelerators"}
    assert found["cpu_cores"] == f"must be a finite number, got {value!r}"


def test_floats_beyond_a_32_bit_float_are_refused() -> None:
    found = problems(ComputeRequirements, min_memory_mb=128, cpu_cores=1e39)
    assert found == {"cpu_cores": "must be at most 3.40282e+38 cores (a 32-bit float), got 1e+39"}


def test_integers_beyond_32_bits_are_refused() -> None:
    found = problems(
        ComputeRequirements, min_memory_mb=2**31, max_memory_mb=2**31 + 5, accelerators=1
    )
    assert found["min_memory_mb"] == (
        "must be at most 2147483647 MB (a 32-bit integer), got 2147483648"
    )
    assert ComputeRequirements(min_memory_mb=2**31 - 1)
    spec = full_specification()
    found = problems(InferenceComponent, name="a", endpoint="e", specification=spec, copies=2**31)
    assert set(found) == {"copies"}


@pytest.mark.parametrize("huge", [10**400, -(10**400), 10**5000], ids=["1e400", "-1e400", "1e5000"])
def test_huge_integers_give_a_spec_error_that_formats(huge: int) -> None:
    with pytest.raises(SpecError) as caught:
        ComputeRequirements(min_memory_mb=huge, cpu_cores=huge, accelerators=huge)
    assert set(caught.value.paths) == {"min_memory_mb", "cpu_cores", "accelerators"}
    assert "digits" in str(caught.value)
    with pytest.raises(SpecError) as caught:
        Tag(key=huge, value="v")  # type: ignore[arg-type]
    assert "must be a string, got int" in str(caught.value)


@pytest.mark.parametrize(
    ("factory", "kwargs", "path"),
    [
        (Adapter, {"base": "b", "artifact_url": "s3://bucket/a\nb"}, "artifact_url"),
        (MetricsEndpoint, {"path": "/metrics\n"}, "path"),
        (Tag, {"key": "line\nbreak", "value": "v"}, "key"),
        (
            ComputeRequirements,
            {"min_memory_mb": 128, "accelerator_partition_type": "mig-1g.10gb\n"},
            "accelerator_partition_type",
        ),
    ],
)
def test_newlines_do_not_pass_the_models_patterns(
    factory: Any, kwargs: dict[str, Any], path: str
) -> None:
    found = problems(factory, **kwargs)
    assert set(found) == {path}
    assert "must match the pattern" in found[path]


def test_alarm_names_refuse_line_terminators_as_the_service_does() -> None:
    from icsdk import CapacitySize, DeploymentConfig, RollingUpdate

    rolling = RollingUpdate(
        maximum_batch_size=CapacitySize(type="COPY_COUNT", value=1), wait_interval_s=0
    )
    assert DeploymentConfig(rolling_update=rolling, auto_rollback_alarms=("p99\u00a0high",))
    for bad in ("line\nbreak", "a\rb", "a\u2028b", "  \n"):
        found = problems(DeploymentConfig, rolling_update=rolling, auto_rollback_alarms=(bad,))
        assert set(found) == {"auto_rollback_alarms[0]"}, bad


def test_an_environment_of_the_wrong_shape_is_not_echoed() -> None:
    for wrong in (CANARY, [("A", CANARY)], 12345):
        found = problems(Container, environment=wrong)
        assert set(found) == {"environment"}
        assert CANARY not in found["environment"] and "12345" not in found["environment"]
        assert found["environment"].startswith("must be a mapping, got ")


# -- rules the spec alone decides ---------------------------------------------------------------


def test_a_partition_type_takes_exactly_one_accelerator() -> None:
    found = problems(
        ComputeRequirements,
        min_memory_mb=128,
        accelerators=2,
        accelerator_partition_type="mig-3g.40gb",
    )
    assert found == {"accelerators": "must be 1 with an accelerator_partition_type, got 2"}
    assert ComputeRequirements(
        min_memory_mb=128, accelerators=1, accelerator_partition_type="mig-3g.40gb"
    )
    request: Any = full_component().to_boto3()
    request["Specification"]["ComputeResourceRequirements"][
        "NumberOfAcceleratorDevicesRequired"
    ] = 2
    with pytest.raises(SpecError) as caught:
        InferenceComponent.from_boto3(request)
    assert caught.value.paths == ("specification.compute.accelerators",)


def test_several_instance_pools_each_name_their_instance_type() -> None:
    pools = (full_specification("ml.g5.xlarge"), full_specification(), full_specification())
    found = problems(InferenceComponent, name="a", endpoint="e", instance_pools=pools)
    assert found == {
        "instance_pools[1].instance_type": "is required when there are several instance pools",
        "instance_pools[2].instance_type": "is required when there are several instance pools",
    }
    assert InferenceComponent(name="a", endpoint="e", instance_pools=(full_specification(),))
