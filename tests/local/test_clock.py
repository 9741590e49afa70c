"""The service's clock is an icsdk clock: real time, or manual time that sleeping moves."""

from __future__ import annotations

import time

import pytest

from icsdk import Client, ComputeRequirements, InferenceComponent, Status
from icsdk.testing import LocalSageMaker

from .conftest import spec


def test_the_real_clock_is_the_system_clock() -> None:
    clock = LocalSageMaker(require_models=False).clock
    assert abs(clock.now() - time.time()) < 5
    assert abs(clock.monotonic() - time.monotonic()) < 5
    start = time.monotonic()
    clock.sleep(0.01)
    assert time.monotonic() - start >= 0.01


def test_sleeping_on_the_manual_clock_moves_it_at_once() -> None:
    local = LocalSageMaker(require_models=False, clock="manual")
    clock = local.clock
    now, monotonic = clock.now(), clock.monotonic()
    start = time.monotonic()
    clock.sleep(1800)
    assert time.monotonic() - start < 1
    assert (clock.now() - now, clock.monotonic() - monotonic) == (1800, 1800)
    assert local.now() == clock.now()
    with pytest.raises(ValueError, match="non-negative"):
        clock.sleep(-1)


@pytest.mark.parametrize("move", ["advance", "sleep"])
def test_moving_the_clock_settles_what_became_due(move: str) -> None:
    # A failure planned after the component's time came applies to its next deployment, not
    # to the create: the move itself finished the create.
    with LocalSageMaker(require_models=False, clock="manual", create_delay=30) as local:
        local.create_endpoint("shared-gpu")
        sagemaker = local.sagemaker_client()
        sagemaker.create_inference_component(
            InferenceComponentName="a",
            EndpointName="shared-gpu",
            VariantName="AllTraffic",
            Specification=spec(),
            RuntimeConfig={"CopyCount": 1},
        )
        if move == "advance":
            local.advance(30)
        else:
            local.clock.sleep(30)
        local.fail_next_deployment("a", "too late for the create")
        described = sagemaker.describe_inference_component(InferenceComponentName="a")
        assert described["InferenceComponentStatus"] == "InService"


def test_the_manual_client_fixture_is_bound_to_the_manual_service(
    manual_sagemaker: LocalSageMaker, manual_client: Client
) -> None:
    manual_sagemaker.create_endpoint("shared-gpu")
    manual_sagemaker.create_model("m")
    manual_client.create(_component("a"))
    assert [s.name for s in manual_client.list()] == ["a"]
    assert manual_client.describe("a").status is Status.CREATING
    manual_sagemaker.advance(1)
    assert manual_client.describe("a").status is Status.IN_SERVICE


def test_a_client_on_the_manual_clock_waits_in_simulated_time(
    manual_sagemaker: LocalSageMaker, manual_client: Client
) -> None:
    # The timeout is in the clock's seconds: one simulated second is enough for the 0.3 s
    # create; a Client that sleeps in real time gives up after one real second.
    manual_sagemaker.create_endpoint("shared-gpu")
    manual_sagemaker.create_model("m")
    manual_client.create(_component("a"))
    state = manual_client.wait("a", timeout=1)
    assert state is not None
    assert state.status is Status.IN_SERVICE


def _component(name: str) -> InferenceComponent:
    return (
        InferenceComponent.builder(name)
        .endpoint("shared-gpu")
        .model("m")
        .compute(ComputeRequirements(min_memory_mb=1024))
        .copies(1)
        .build()
    )
