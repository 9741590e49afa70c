"""Capacity fit before anything is sent: copies per instance, instances needed, refusals."""

from __future__ import annotations

import pytest

from icsdk import (
    Client,
    ComputeRequirements,
    Endpoint,
    InferenceComponent,
    InstancePool,
    ManagedInstanceScaling,
    NeverFits,
    Variant,
)
from icsdk.testing import LocalSageMaker

from ..samples import adapter_component


def endpoint(name: str, instance_type: str, max_instances: int | None = None) -> Endpoint:
    scaling = None
    if max_instances is not None:
        scaling = ManagedInstanceScaling(min_instances=0, max_instances=max_instances)
    return (
        Endpoint.builder(name)
        .role("arn:aws:iam::123456789012:role/sagemaker")
        .variant("AllTraffic", instance_type=instance_type, instances=1, scaling=scaling)
        .build()
    )


def component(endpoint: str, gpus: float, copies: int = 1) -> InferenceComponent:
    return (
        InferenceComponent.builder("llama")
        .endpoint(endpoint)
        .model("llama-model")
        .compute(ComputeRequirements(min_memory_mb=8_192, accelerators=gpus, cpu_cores=2))
        .copies(copies)
        .build()
    )


def test_two_gpus_never_fit_on_a_one_gpu_instance_and_nothing_is_sent(
    local: LocalSageMaker, client: Client
) -> None:
    client.apply(endpoint("small", "ml.g5.xlarge"))
    plan = client.plan(component("small", gpus=2))
    assert plan.capacity is not None
    assert not plan.capacity.fits
    assert "accelerators=2 but it has 1 accelerators" in str(plan)
    with pytest.raises(NeverFits) as caught:
        client.apply(component("small", gpus=2))
    assert caught.value.name == "llama"
    assert local.journal.count(operation="CreateInferenceComponent") == 0


def test_allow_oversized_sends_it_anyway(local: LocalSageMaker, client: Client) -> None:
    client.apply(endpoint("small", "ml.g5.xlarge"))
    client.apply(component("small", gpus=2), allow_oversized=True, wait=False)
    assert local.journal.count(operation="CreateInferenceComponent") == 1


def test_the_plan_counts_instances_and_compares_them_with_the_maximum(client: Client) -> None:
    client.apply(endpoint("big", "ml.g5.12xlarge", max_instances=1))
    fit = client.plan(component("big", gpus=1, copies=6)).capacity
    assert fit is not None
    assert (fit.copies_per_instance, fit.instances_needed, fit.max_instances) == (4, 2, 1)
    assert not fit.within_limit
    assert str(fit).endswith("6 copies need 2 instances, more than the 1 allowed")
    within = client.plan(component("big", gpus=1, copies=4)).capacity
    assert within is not None
    assert within.within_limit


def test_a_fixed_instance_count_is_the_limit_without_managed_scaling(client: Client) -> None:
    client.apply(endpoint("fixed", "ml.g5.12xlarge"))
    fit = client.plan(component("fixed", gpus=2, copies=3)).capacity
    assert fit is not None
    assert (fit.copies_per_instance, fit.instances_needed, fit.max_instances) == (2, 2, 1)


def test_instance_pools_skip_the_check_with_a_note(client: Client) -> None:
    pooled = Endpoint(
        name="pooled",
        role_arn="arn:aws:iam::123456789012:role/sagemaker",
        variants=(
            Variant(
                name="AllTraffic",
                instances=1,
                instance_pools=(
                    InstancePool(instance_type="ml.g5.12xlarge", priority=1),
                    InstancePool(instance_type="ml.g6.12xlarge", priority=2),
                ),
            ),
        ),
    )
    client.apply(pooled)
    fit = client.plan(component("pooled", gpus=1)).capacity
    assert fit is not None
    assert fit.copies_per_instance is None
    assert fit.fits
    assert fit.note == "instance pools are not checked"


def test_an_adapter_has_no_capacity_of_its_own(client: Client) -> None:
    assert client.plan(adapter_component()).capacity is None


def test_a_missing_endpoint_is_noted_not_raised(client: Client) -> None:
    fit = client.plan(component("nowhere", gpus=1)).capacity
    assert fit is not None
    assert fit.note == "endpoint 'nowhere' unread"
