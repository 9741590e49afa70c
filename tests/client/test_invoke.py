"""Invoking through the Client against LocalSageMaker."""

from __future__ import annotations

import pytest

from icsdk import Client, ModelError, ModelNotReady, NoCapacity, RetryPolicy
from icsdk.testing import FaultKind, Invocation, LocalSageMaker, ModelFailure

from ..samples import RecordingClock, adapter_component, client_for, small_component


def test_invoke_and_stream(client: Client, local: LocalSageMaker) -> None:
    client.apply(small_component("a"))
    local.register_handler("small-model", lambda inv: [b"x", inv.body, b"z"])
    result = client.invoke("a", "y", accept="text/plain")
    assert result.body == b"xyz"
    assert result.content_type == "text/plain"
    assert result.invoked_variant == "AllTraffic"
    assert list(client.invoke_stream("a", b"y")) == [b"x", b"y", b"z"]
    assert local.journal.count(operation="DescribeInferenceComponent", name="a") >= 1


def test_adapters_are_invoked_by_name(client: Client, local: LocalSageMaker) -> None:
    client.apply(small_component("llama-8b"))
    client.apply(adapter_component())
    seen: list[Invocation] = []

    def record(invocation: Invocation) -> bytes:
        seen.append(invocation)
        return b"{}"

    local.register_handler("small-model", record)
    client.invoke("llama-8b-sql", b"{}")
    assert seen[0].component == "llama-8b-sql"
    assert seen[0].model == "small-model"


def test_model_failures_raise_model_error(client: Client, local: LocalSageMaker) -> None:
    client.apply(small_component("a"))

    def failing(invocation: Invocation) -> bytes:
        raise ModelFailure(400, "input too long")

    local.register_handler("a", failing)
    with pytest.raises(ModelError) as caught:
        client.invoke("a", b"{}")
    assert caught.value.original_status == 400
    assert caught.value.original_message == "input too long"
    assert local.journal.count(operation="InvokeEndpoint") == 1  # never retried


def test_no_capacity(client: Client) -> None:
    client.apply(small_component("a", copies=0))
    with pytest.raises(NoCapacity):
        client.invoke("a", b"{}")


def test_model_not_ready_is_retried(local: LocalSageMaker) -> None:
    client = client_for(local, retry=RetryPolicy(attempts=3), clock=RecordingClock())
    client.apply(small_component("a"))
    local.faults.script(FaultKind.MODEL_NOT_READY, operation="InvokeEndpoint")
    assert client.invoke("a", b"{}").json()["component"] == "a"
    local.faults.script(FaultKind.MODEL_NOT_READY, operation="InvokeEndpoint", times=3)
    with pytest.raises(ModelNotReady):
        client.invoke("a", b"{}")


def test_a_moved_component_is_found_again(client: Client, local: LocalSageMaker) -> None:
    local.create_endpoint("other")
    client.apply(small_component("a"))
    client.invoke("a", b"{}")  # caches a's endpoint
    local.sagemaker_client().delete_inference_component(InferenceComponentName="a")  # elsewhere
    client.wait("a", until="deleted")
    client.apply(small_component("a", endpoint="other"))
    assert client.invoke("a", b"{}").json()["component"] == "a"
