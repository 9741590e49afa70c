"""Writes tell the truth: busy is not evidence, mistakes are not connection failures."""

from __future__ import annotations

from typing import Any

import pytest

from icsdk import (
    Client,
    ComponentConflict,
    DeploymentFailed,
    InferenceComponent,
    NotConfigured,
    OutcomeUnknown,
    QuotaExceeded,
    ReplaceRequired,
    RetryPolicy,
    SpecError,
    Status,
)
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import (
    CANARY,
    RecordingClock,
    client_for,
    create_model,
    full_component,
    small_component,
)


@pytest.mark.parametrize("copies", [-1, 2.5, 2**31])
def test_scale_refuses_bad_copies_before_sending(local: LocalSageMaker, copies: Any) -> None:
    client = local.client()
    client.create(small_component("a"))
    before = local.journal.count()
    with pytest.raises(SpecError) as caught:
        client.scale("a", copies)
    assert caught.value.paths == ("copies",)
    assert local.journal.count() == before


@pytest.mark.parametrize("body", [{"a": 1}, 42, None])
def test_invoke_refuses_bodies_of_the_wrong_type(local: LocalSageMaker, body: Any) -> None:
    client = local.client()
    before = local.journal.count()
    with pytest.raises(SpecError, match="must be bytes or str"):
        client.invoke("a", body)
    assert local.journal.count() == before


def test_missing_credentials_are_not_a_connection_failure(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_PROFILE"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    clock = RecordingClock()
    client = Client(region="us-east-1", clock=clock, retry=RetryPolicy(attempts=5))
    with pytest.raises(NotConfigured, match="credentials") as caught:
        client.describe("a")
    assert not isinstance(caught.value, ConnectionError)
    assert clock.slept == []  # raised at once, never retried


def test_missing_region_is_not_a_connection_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AWS_DEFAULT_REGION", raising=False)
    monkeypatch.delenv("AWS_REGION", raising=False)
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    with pytest.raises(NotConfigured, match="region"):
        Client()


def test_an_ambiguous_scale_is_not_settled_by_a_busy_component(local: LocalSageMaker) -> None:
    client = client_for(local, retry=RetryPolicy(attempts=3, deadline=5), clock=RecordingClock())
    client.apply(small_component("a", copies=1))
    # Another writer's update keeps the component Updating; our scale is lost (a 500 that the
    # service never processed). Busy is not evidence: the scale is sent again once it can be.
    local.sagemaker_client().update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 3}
    )
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="UpdateInferenceComponentRuntimeConfig")
    with pytest.raises(OutcomeUnknown, match="Updating"):
        client.scale("a", 2)
    assert client.describe("a").desired_copies == 3  # not reported as done


def test_copies_that_cannot_be_placed_are_never_a_silent_success(local: LocalSageMaker) -> None:
    client = local.client()
    create_model(local)  # a replace checks the model exists before deleting
    # ml.g5.12xlarge has 4 GPUs: 6 copies of one GPU each cannot all be placed, and the
    # deployment fails rather than sitting InService with 4 of 6 copies.
    ic = small_component("a", copies=6)
    ic = ic.to_builder().set("specification.compute.accelerators", 1).build()
    with pytest.raises(DeploymentFailed, match="placed 4 of 6 copies"):
        client.apply(ic)
    assert client.describe("a").status is Status.FAILED
    with pytest.raises(ReplaceRequired, match="Insufficient capacity"):  # not "nothing to do"
        client.apply(ic, until="copies_settled", timeout=600)
    with pytest.raises(DeploymentFailed, match="placed 4 of 6 copies"):
        client.apply(ic, until="copies_settled", timeout=600, allow_replace=True)


def test_a_bad_until_lists_the_valid_values(local: LocalSageMaker) -> None:
    with pytest.raises(ValueError, match="'in_service', 'copies_settled', 'deleted'"):
        local.client().wait("a", until="ready")  # type: ignore[arg-type]


def test_a_failed_write_keeps_no_environment_value_in_traceback_locals(
    local: LocalSageMaker,
) -> None:
    client = local.client()
    local.faults.script(FaultKind.QUOTA, operation="CreateInferenceComponent")
    with pytest.raises(QuotaExceeded) as caught:
        client.create(full_component("a"))
    seen: list[str] = []
    error: BaseException | None = caught.value
    while error is not None:
        tb = error.__traceback__
        while tb is not None:
            seen.append(repr(tb.tb_frame.f_locals))
            tb = tb.tb_next
        error = error.__cause__
    assert seen
    assert all(CANARY not in frame for frame in seen)


def test_an_ambiguous_update_waits_out_another_rollout_and_then_lands(
    local: LocalSageMaker,
) -> None:
    client = client_for(local, retry=RetryPolicy(attempts=4, deadline=300), clock=RecordingClock())
    client.apply(small_component("a", copies=1))
    theirs = small_component("a").to_builder().set("specification.compute.min_memory_mb", 2048)
    ours = small_component("a").to_builder().set("specification.compute.min_memory_mb", 4096)
    local.sagemaker_client().update_inference_component(**_update_kwargs(theirs.build()))
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="UpdateInferenceComponent")
    client.update(ours.build(), wait=True)  # busy was not taken as proof: it was sent again
    spec = client.describe("a").specification
    assert spec is not None and spec.compute is not None
    assert spec.compute.min_memory_mb == 4096
    sent = local.journal.calls(operation="UpdateInferenceComponent")
    assert [c.committed for c in sent] == [True, False, True]


def test_an_ambiguous_create_over_a_deleting_component_is_not_a_success(
    local: LocalSageMaker,
) -> None:
    client = local.client()
    client.apply(small_component("a"))
    local.sagemaker_client().delete_inference_component(InferenceComponentName="a")
    local.faults.script(FaultKind.INTERNAL_ERROR, operation="CreateInferenceComponent")
    with pytest.raises(ComponentConflict):
        client.create(small_component("a"))
    local.advance(60)
    assert not client.exists("a")


def _update_kwargs(component: InferenceComponent) -> dict[str, Any]:
    kwargs = dict(component.to_boto3())
    return {
        "InferenceComponentName": kwargs["InferenceComponentName"],
        "Specification": kwargs["Specification"],
    }


def test_delete_waits_out_a_creation_the_service_will_not_interrupt(
    local: LocalSageMaker,
) -> None:
    client = local.client()
    client.create(small_component("a"))
    assert client.describe("a").status is Status.CREATING
    client.delete("a", wait=True)  # refused while Creating: waited for, then deleted
    assert not client.exists("a")
    refused = local.journal.calls(operation="DeleteInferenceComponent")
    assert [c.committed for c in refused] == [False, True]
