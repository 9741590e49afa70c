# pyright: reportTypedDictNotRequiredAccess=false
# (conformance tests read members the service returns, which the stubs mark optional)
"""Managed instance scaling: instances come for copies that do not fit and go when idle.

Driven through real boto3 clients on the manual clock: components take 30 s to create, 20 s to
update, endpoints 60 s, an instance 100 s to launch or release, and an idle instance is given
back after 600 s (the delays of `local`).
"""

from __future__ import annotations

from typing import Any

import botocore.exceptions
import pytest

from icsdk.testing import LocalSageMaker

from .conftest import NO_RETRIES, spec

ROLE = "arn:aws:iam::123456789012:role/sagemaker"


@pytest.fixture
def local(timed_endpoints: LocalSageMaker) -> LocalSageMaker:
    """This module's service: endpoints that take time to deploy and to scale."""
    return timed_endpoints


def managed(
    local: LocalSageMaker,
    *,
    instance_type: str = "ml.g5.xlarge",
    minimum: int = 1,
    maximum: int = 3,
    initial: int = 1,
    **policy: Any,
) -> Any:
    """An InService endpoint ``ep`` whose variant scales between ``minimum`` and ``maximum``."""
    scaling: dict[str, Any] = {
        "Status": "ENABLED",
        "MinInstanceCount": minimum,
        "MaxInstanceCount": maximum,
    }
    if policy:
        scaling["ScaleInPolicy"] = policy
    sm: Any = local.sagemaker_client(config=NO_RETRIES)
    sm.create_endpoint_config(
        EndpointConfigName="ep-v1",
        ExecutionRoleArn=ROLE,
        ProductionVariants=[
            {
                "VariantName": "AllTraffic",
                "InstanceType": instance_type,
                "InitialInstanceCount": initial,
                "ManagedInstanceScaling": scaling,
            }
        ],
    )
    sm.create_endpoint(EndpointName="ep", EndpointConfigName="ep-v1")
    local.advance(60)
    return sm


def create(sm: Any, name: str, copies: int, accelerators: float = 1, **extra: Any) -> None:
    sm.create_inference_component(
        InferenceComponentName=name,
        EndpointName="ep",
        VariantName="AllTraffic",
        Specification=spec(accelerators=accelerators, **extra),
        RuntimeConfig={"CopyCount": copies},
    )


def fleet(sm: Any) -> tuple[str, int, int]:
    """(status, current, desired) of the endpoint's variant."""
    described = sm.describe_endpoint(EndpointName="ep")
    variant = described["ProductionVariants"][0]
    return (
        described["EndpointStatus"],
        variant["CurrentInstanceCount"],
        variant["DesiredInstanceCount"],
    )


def copies(sm: Any, name: str) -> tuple[str, int, int]:
    """(status, current, desired) of component ``name``."""
    described = sm.describe_inference_component(InferenceComponentName=name)
    runtime = described["RuntimeConfig"]
    return (
        described["InferenceComponentStatus"],
        runtime["CurrentCopyCount"],
        runtime["DesiredCopyCount"],
    )


def test_copies_that_do_not_fit_wait_for_the_instances_scaling_adds(
    local: LocalSageMaker,
) -> None:
    sm = managed(local)  # ml.g5.xlarge: one accelerator each
    create(sm, "a", copies=3)
    local.advance(30)
    assert copies(sm, "a") == ("Creating", 1, 3)
    assert fleet(sm) == ("Updating", 1, 3)
    scaled = sm.describe_endpoint(EndpointName="ep")["LastModifiedTime"].timestamp()
    assert scaled == pytest.approx(local.now())
    local.advance(99)
    assert copies(sm, "a") == ("Creating", 1, 3)
    local.advance(1)
    assert copies(sm, "a") == ("InService", 3, 3)
    assert fleet(sm) == ("InService", 3, 3)
    described = sm.describe_inference_component(InferenceComponentName="a")
    assert described["LastModifiedTime"].timestamp() == pytest.approx(local.now())


def test_past_the_maximum_the_deployment_fails(local: LocalSageMaker) -> None:
    sm = managed(local, maximum=2)
    create(sm, "big", copies=3)
    local.advance(30)
    failed = sm.describe_inference_component(InferenceComponentName="big")
    assert failed["InferenceComponentStatus"] == "Failed"
    assert failed["FailureReason"].startswith("Insufficient capacity: placed 1 of 3 copies")
    assert fleet(sm) == ("InService", 1, 1)  # nothing is launched for copies that cannot fit
    sm.delete_inference_component(InferenceComponentName="big")
    local.advance(10)
    create(sm, "a", copies=1)
    local.advance(30)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 3}
    )
    local.advance(20)
    scaled = sm.describe_inference_component(InferenceComponentName="a")
    assert (scaled["InferenceComponentStatus"], scaled["RuntimeConfig"]["CurrentCopyCount"]) == (
        "Failed",
        1,
    )  # a failed scale keeps the copies that fit


def test_idle_instances_are_released_down_to_zero_and_come_back(local: LocalSageMaker) -> None:
    sm = managed(local, minimum=0, maximum=2)
    create(sm, "a", copies=1)
    local.advance(30)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 0}
    )
    local.advance(20)
    assert copies(sm, "a") == ("InService", 0, 0)
    local.advance(599)
    assert fleet(sm) == ("InService", 1, 1)
    local.advance(1)
    assert fleet(sm) == ("Updating", 1, 0)
    local.advance(100)
    assert fleet(sm) == ("InService", 0, 0)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 1}
    )
    local.advance(20)
    assert copies(sm, "a") == ("Updating", 0, 1)
    assert fleet(sm) == ("Updating", 0, 1)
    runtime = local.runtime_client()
    with pytest.raises(botocore.exceptions.ClientError, match="has no capacity"):
        runtime.invoke_endpoint(EndpointName="ep", InferenceComponentName="a", Body=b"1")
    local.advance(100)
    assert copies(sm, "a") == ("InService", 1, 1)
    assert runtime.invoke_endpoint(EndpointName="ep", InferenceComponentName="a", Body=b"1")


def test_instances_stay_at_the_minimum_and_busy_ones_stay(local: LocalSageMaker) -> None:
    sm = managed(local, minimum=1, maximum=3, initial=2)
    create(sm, "a", copies=1)
    local.advance(30)
    local.advance(600)  # the second instance, idle since the endpoint started, goes
    assert fleet(sm) == ("Updating", 2, 1)
    local.advance(100)
    assert fleet(sm) == ("InService", 1, 1)
    sm.delete_inference_component(InferenceComponentName="a")
    local.advance(10 + 600 + 100)
    assert fleet(sm) == ("InService", 1, 1)  # MinInstanceCount 1


def test_consolidation_moves_copies_after_the_cooldown(local: LocalSageMaker) -> None:
    # ml.g5.12xlarge: 4 accelerators. a takes two per copy, b two.
    sm = managed(
        local,
        instance_type="ml.g5.12xlarge",
        minimum=1,
        maximum=2,
        Strategy="CONSOLIDATION",
        CooldownInMinutes=5,
    )
    create(sm, "a", copies=2, accelerators=2)
    local.advance(30)
    create(sm, "b", copies=1, accelerators=2)
    local.advance(30 + 100)
    assert fleet(sm) == ("InService", 2, 2)
    assert copies(sm, "b") == ("InService", 1, 1)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 1}
    )
    local.advance(20)
    local.advance(299)
    assert fleet(sm) == ("InService", 2, 2)
    local.advance(1)
    assert fleet(sm) == ("Updating", 2, 1)
    local.advance(100)
    assert fleet(sm) == ("InService", 1, 1)
    assert copies(sm, "a") == ("InService", 1, 1)
    assert copies(sm, "b") == ("InService", 1, 1)
    runtime = local.runtime_client()
    for name in ("a", "b"):
        assert runtime.invoke_endpoint(EndpointName="ep", InferenceComponentName=name, Body=b"1")


def test_idle_release_does_not_consolidate(local: LocalSageMaker) -> None:
    sm = managed(local, instance_type="ml.g5.12xlarge", minimum=1, maximum=2)
    create(sm, "a", copies=2, accelerators=2)
    local.advance(30)
    create(sm, "b", copies=1, accelerators=2)
    local.advance(30 + 100)
    sm.update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 1}
    )
    local.advance(20 + 3600)
    assert fleet(sm) == ("InService", 2, 2)  # no instance is idle: both hold a copy


def test_copies_waiting_for_instances_another_component_takes_fail_at_the_maximum(
    local: LocalSageMaker,
) -> None:
    sm = managed(local, maximum=3)
    create(sm, "a", copies=1)
    local.advance(30)
    create(sm, "b", copies=2)
    local.advance(30)  # two instances on their way for b
    create(sm, "c", copies=1)
    local.advance(30)  # c counts on them too
    assert copies(sm, "c") == ("Creating", 0, 1)
    local.advance(70)  # they arrive; b, the older, takes both and the variant is at its maximum
    assert copies(sm, "b") == ("InService", 2, 2)
    failed = sm.describe_inference_component(InferenceComponentName="c")
    assert failed["InferenceComponentStatus"] == "Failed"
    assert failed["FailureReason"].startswith("Insufficient capacity: placed 0 of 1 copies")
    assert fleet(sm) == ("InService", 3, 3)
