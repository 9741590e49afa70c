"""Autoscaling on a component: the recipe's defaults, the rules, and how it sits on the spec."""

from __future__ import annotations

from typing import Any

import attrs
import pytest

from icsdk import (
    Adapter,
    Autoscaling,
    ComputeRequirements,
    InferenceComponent,
    SpecError,
    WakeOnRequest,
)

from .samples import adapter_component, full_component


def problems(cls: type, **kwargs: Any) -> dict[str, str]:
    """Each path's problem; a path is reported once (the walker and the rules do not repeat)."""
    with pytest.raises(SpecError) as caught:
        cls(**kwargs)
    paths = [p.path for p in caught.value.problems]
    assert len(paths) == len(set(paths)), caught.value.problems
    return {p.path: p.message for p in caught.value.problems}


def scaled(**kwargs: Any) -> Autoscaling:
    values: dict[str, Any] = {"min_copies": 0, "max_copies": 4, "invocations_per_copy": 5}
    return Autoscaling(**{**values, **kwargs})


def test_the_defaults_are_the_published_recipe() -> None:
    scaling = scaled()
    assert (scaling.scale_in_cooldown_s, scaling.scale_out_cooldown_s) == (300, 300)
    assert scaling.wake == WakeOnRequest(
        copies_added=1,
        cooldown_s=60,
        aggregation="Maximum",
        period_s=30,
        evaluation_periods=1,
        datapoints_to_alarm=1,
        statistic="Maximum",
        comparison="GreaterThanOrEqualToThreshold",
        threshold=1,
        treat_missing_data="missing",
    )


def test_wake_is_filled_in_only_for_a_component_allowed_to_reach_zero() -> None:
    assert scaled().wake == WakeOnRequest()
    assert scaled(min_copies=1).wake is None
    custom = WakeOnRequest(period_s=60, statistic="Sum")
    assert scaled(wake=custom).wake == custom


def test_zero_copies_without_a_way_back_is_refused() -> None:
    found = problems(Autoscaling, min_copies=0, max_copies=2, invocations_per_copy=5, wake=None)
    assert set(found) == {"wake"}
    assert "target tracking never scales out from zero" in found["wake"]


def test_wake_settings_above_zero_copies_are_refused() -> None:
    found = problems(
        Autoscaling, min_copies=1, max_copies=2, invocations_per_copy=5, wake=WakeOnRequest()
    )
    assert set(found) == {"wake"}
    assert "applies only with min_copies=0" in found["wake"]


@pytest.mark.parametrize(
    ("kwargs", "path", "message"),
    [
        ({"min_copies": -1}, "min_copies", "must be at least 0 copies, got -1"),
        ({"max_copies": 0}, "max_copies", "must be at least 1 copy"),
        ({"min_copies": 3, "max_copies": 2}, "max_copies", "not be less than min_copies (3)"),
        ({"invocations_per_copy": None}, "invocations_per_copy", "give exactly one target"),
        ({"concurrent_requests_per_copy": 2}, "invocations_per_copy", "not both"),
        ({"invocations_per_copy": 0}, "invocations_per_copy", "must be more than 0"),
        ({"invocations_per_copy": -2.5}, "invocations_per_copy", "must be more than 0"),
        ({"invocations_per_copy": 2.0**361}, "invocations_per_copy", "at most 2^360"),
        ({"invocations_per_copy": float("nan")}, "invocations_per_copy", "finite"),
        ({"invocations_per_copy": "5"}, "invocations_per_copy", "must be a number"),
        ({"scale_in_cooldown_s": -1}, "scale_in_cooldown_s", "at least 0 seconds"),
        ({"scale_out_cooldown_s": 2**31}, "scale_out_cooldown_s", "32-bit integer"),
        ({"max_copies": 4.0}, "max_copies", "must be an integer"),
        ({"min_copies": True}, "min_copies", "must be an integer"),
    ],
)
def test_autoscaling_rules(kwargs: dict[str, Any], path: str, message: str) -> None:
    values = {"min_copies": 1, "max_copies": 4, "invocations_per_copy": 5, **kwargs}
    found = problems(Autoscaling, **values)
    assert path in found, found
    assert message in found[path]


@pytest.mark.parametrize(
    ("kwargs", "path", "message"),
    [
        ({"copies_added": 0}, "copies_added", "must add at least 1 copy"),
        ({"cooldown_s": -5}, "cooldown_s", "at least 0 seconds"),
        ({"aggregation": "Sum"}, "aggregation", "must be one of Average, Minimum, Maximum"),
        ({"period_s": 0}, "period_s", "must be at least 1 second"),
        ({"period_s": 45}, "period_s", "10, 20, 30 or a multiple of 60"),
        ({"period_s": 3600, "evaluation_periods": 169}, "evaluation_periods", "604800"),
        ({"period_s": 60, "evaluation_periods": 1441}, "evaluation_periods", "86400"),
        ({"evaluation_periods": 0}, "evaluation_periods", "must be at least 1 period"),
        ({"datapoints_to_alarm": 2}, "datapoints_to_alarm", "not be more than evaluation_periods"),
        ({"statistic": "p99"}, "statistic", "must be one of SampleCount"),
        ({"comparison": "LessThanThreshold"}, "comparison", "wakes the component"),
        ({"comparison": "GreaterThanUpperThreshold"}, "comparison", "wakes the component"),
        ({"comparison": "Above"}, "comparison", "must be one of"),
        ({"threshold": float("inf")}, "threshold", "finite"),
        ({"treat_missing_data": "skip"}, "treat_missing_data", "breaching, notBreaching"),
        ({"treat_missing_data": ""}, "treat_missing_data", "at least 1 character"),
    ],
)
def test_wake_rules(kwargs: dict[str, Any], path: str, message: str) -> None:
    found = problems(WakeOnRequest, **kwargs)
    assert path in found, found
    assert message in found[path]


def test_the_longest_evaluation_ranges_are_accepted() -> None:
    assert WakeOnRequest(period_s=60, evaluation_periods=1440).evaluation_periods == 1440
    assert WakeOnRequest(period_s=3600, evaluation_periods=168).period_s == 3600
    assert WakeOnRequest(period_s=20, statistic="Sum", comparison="GreaterThanThreshold")


def test_problems_nest_under_the_component() -> None:
    base = InferenceComponent.builder("llama-8b").endpoint("e").model("m")
    base = base.compute(ComputeRequirements(min_memory_mb=1024))
    with pytest.raises(SpecError) as caught:
        base.copies(5).set("autoscaling.min_copies", 0).set("autoscaling.max_copies", 2).set(
            "autoscaling.invocations_per_copy", 5
        ).set("autoscaling.wake.period_s", 45).build()
    assert set(caught.value.paths) == {"copies", "autoscaling.wake.period_s"}
    assert "within autoscaling's min_copies and max_copies (0..2)" in str(caught.value)


def test_copies_are_the_count_to_start_with_within_the_bounds() -> None:
    ic = attrs.evolve(full_component(), copies=2, autoscaling=scaled(min_copies=1))
    assert ic.copies == 2
    assert attrs.evolve(ic, copies=None).copies is None
    for outside in (0, 5):
        with pytest.raises(SpecError) as caught:
            attrs.evolve(ic, copies=outside)
        assert caught.value.paths == ("copies",)


def test_an_adapter_has_no_copies_to_scale() -> None:
    with pytest.raises(SpecError) as caught:
        attrs.evolve(adapter_component(), autoscaling=scaled())
    assert caught.value.paths == ("autoscaling",)
    assert "scale the base component" in str(caught.value)
    with pytest.raises(SpecError) as caught:
        InferenceComponent.builder("sql").endpoint("e").adapter(
            Adapter(base="llama-8b", artifact_url="s3://b/sql/")
        ).autoscaling(scaled()).build()
    assert caught.value.paths == ("autoscaling",)


def test_autoscaling_is_not_part_of_create_inference_component() -> None:
    ic = attrs.evolve(full_component(), autoscaling=scaled(min_copies=1))
    request = ic.to_boto3()
    assert request == full_component().to_boto3()
    assert InferenceComponent.from_boto3(request) == attrs.evolve(ic, autoscaling=None)
    with pytest.raises(SpecError, match="unknown key"):
        InferenceComponent.from_boto3({**request, "Autoscaling": {"MinCapacity": 1}})
    assert full_component().autoscaling_to_boto3() is None


def test_equality_hash_and_repr_include_autoscaling() -> None:
    one = attrs.evolve(full_component(), autoscaling=scaled(min_copies=1))
    same = attrs.evolve(full_component(), autoscaling=scaled(min_copies=1))
    other = attrs.evolve(full_component(), autoscaling=scaled(min_copies=1, max_copies=5))
    assert one == same and hash(one) == hash(same)
    assert one != other and one != full_component()
    assert scaled() == scaled(wake=WakeOnRequest())
    assert hash(scaled()) == hash(scaled(wake=WakeOnRequest()))
    assert scaled() != scaled(wake=WakeOnRequest(period_s=60))
    assert "autoscaling=Autoscaling(min_copies=1, max_copies=4, invocations_per_copy=5" in repr(one)


@pytest.mark.parametrize(
    "scaling",
    [scaled(), scaled(min_copies=2, concurrent_requests_per_copy=3.5, invocations_per_copy=None)],
)
def test_to_builder_round_trips_autoscaling(scaling: Autoscaling) -> None:
    ic = attrs.evolve(full_component(), copies=2, autoscaling=scaling)
    assert ic.to_builder().build() == ic
    assert scaling.to_builder().build() == scaling
    moved = ic.to_builder().set("autoscaling.max_copies", 9).build()
    assert moved.autoscaling == attrs.evolve(scaling, max_copies=9)
    assert ic.to_builder().set("autoscaling", None).build().autoscaling is None


def test_the_builder_sets_the_whole_autoscaling() -> None:
    base = InferenceComponent.builder("llama-8b").endpoint("e").model("m").copies(1)
    ic = base.compute(ComputeRequirements(min_memory_mb=1024)).autoscaling(scaled()).build()
    assert ic.autoscaling == scaled()
    rebuilt = ic.to_builder().autoscaling(scaled(min_copies=1)).build()
    assert rebuilt.autoscaling == scaled(min_copies=1)
    assert rebuilt.autoscaling is not None and rebuilt.autoscaling.wake is None


def test_specs_are_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        scaled().max_copies = 3  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        WakeOnRequest().period_s = 60  # type: ignore[misc]
