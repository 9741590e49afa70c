"""Copies that cannot be placed end in DeploymentFailed: never a silent success, never a hang."""

from __future__ import annotations

import time
from typing import Any

import pytest

import icsdk
from icsdk import Client, DeploymentFailed, InferenceComponent, Status
from icsdk.testing import LocalSageMaker

from ..samples import small_component

# The `local` fixture's endpoint is one ml.g5.12xlarge: 4 GPUs.
GPUS = 4


def gpu_component(name: str, copies: int, gpus_each: int = 1) -> InferenceComponent:
    ic = small_component(name, copies=copies)
    return ic.to_builder().set("specification.compute.accelerators", gpus_each).build()


def test_apply_of_copies_that_cannot_fit_raises_deployment_failed(local: LocalSageMaker) -> None:
    client = local.client()
    started, real_start = local.now(), time.monotonic()
    with pytest.raises(DeploymentFailed) as caught:
        client.apply(gpu_component("a", copies=GPUS + 2))
    error = caught.value
    assert isinstance(error, icsdk.IcsdkError)
    assert error.name == "a"
    assert error.reason is not None
    assert error.reason.startswith("Insufficient capacity: placed 4 of 6 copies")
    # Decided once the create's delay (60 s) is over, not after a 30-minute wait.
    assert local.now() - started <= 61
    assert time.monotonic() - real_start < 5
    state = client.describe("a")
    assert (state.status, state.desired_copies, state.current_copies) == (Status.FAILED, 6, 0)


def test_copies_that_fit_exactly_deploy(local: LocalSageMaker) -> None:
    client = local.client()
    client.apply(gpu_component("a", copies=GPUS))
    state = client.describe("a")
    assert (state.status, state.current_copies) == (Status.IN_SERVICE, GPUS)


def test_the_component_that_does_not_fit_fails_and_the_others_keep_serving(
    local: LocalSageMaker,
) -> None:
    client = local.client()
    client.apply(gpu_component("first", copies=3))
    with pytest.raises(DeploymentFailed, match="placed 1 of 2 copies of inference component late"):
        client.apply(gpu_component("late", copies=2))
    first = client.describe("first")
    assert (first.status, first.current_copies) == (Status.IN_SERVICE, 3)
    assert client.invoke("first", b"{}").json()["component"] == "first"


def test_a_scale_that_cannot_fit_fails_and_keeps_serving(local: LocalSageMaker) -> None:
    client = local.client()
    client.apply(gpu_component("a", copies=2))
    with pytest.raises(DeploymentFailed, match="placed 4 of 6 copies"):
        client.scale("a", 6, wait=True, timeout=600)
    state = client.describe("a")
    # Assumed (no public evidence): the copies that fit keep serving while the scale has failed.
    assert (state.status, state.desired_copies, state.current_copies) == (Status.FAILED, 6, 4)
    assert client.invoke("a", b"{}").json()["component"] == "a"
    client.scale("a", GPUS, wait=True)  # a scale that fits recovers the component
    assert client.describe("a").status is Status.IN_SERVICE


def test_an_update_whose_copies_cannot_fit_fails(local: LocalSageMaker) -> None:
    client = local.client()
    client.apply(gpu_component("a", copies=2))
    with pytest.raises(DeploymentFailed, match="placed 2 of 3 copies"):
        client.apply(gpu_component("a", copies=3, gpus_each=2))


def test_wait_reports_the_shortfall_of_a_deployment_started_elsewhere(
    local: LocalSageMaker, client: Client
) -> None:
    # A standard component names its variant on the wire (icsdk fills it in; raw boto3 must).
    request: Any = {**gpu_component("a", 9).to_boto3(), "VariantName": "AllTraffic"}
    local.sagemaker_client().create_inference_component(**request)
    with pytest.raises(DeploymentFailed, match="placed 4 of 9 copies"):
        client.wait("a", until="copies_settled", timeout=600)
