"""Every way an invocation can fail surfaces as an icsdk error, never as botocore's or urllib3's."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Callable
from typing import Any

import pytest

import icsdk
from icsdk import Client, ConnectionFailed, ModelError, RetryPolicy, ServiceError
from icsdk.testing import FaultKind, Invocation, LocalSageMaker, ModelFailure

from ..samples import small_component

STREAM = "InvokeEndpointWithResponseStream"
# The parser third-party code uses on the real message (fidelity evidence §12).
REAL_WORDING = re.compile(
    r"Received client error \((.*?)\) from primary with message \"(.*?)\". "
    r"See .* in account .* for more information."
)


@pytest.fixture
def once(local: LocalSageMaker) -> Client:
    """A client that sends each invocation once, so the fault itself surfaces."""
    local.register_handler("small-model", lambda invocation: [b"one", b"two", b"three"])
    client = local.client(retry=RetryPolicy(attempts=1))
    client.apply(small_component("a"))
    return client


def streamed(client: Client, received: list[bytes]) -> None:
    """Collect parts into ``received`` as they come, so those before a failure are kept."""
    received.extend(client.invoke_stream("a", b"{}"))


def test_a_body_cut_short_is_connection_failed(once: Client, local: LocalSageMaker) -> None:
    local.faults.script(FaultKind.TRUNCATED, operation="InvokeEndpoint")
    with pytest.raises(ConnectionFailed) as caught:
        once.invoke("a", b"{}")
    error = caught.value
    assert isinstance(error, icsdk.IcsdkError)
    assert (error.operation, error.code, error.applied) == (
        "InvokeEndpoint",
        "ResponseStreamingError",
        None,  # the model ran: the invocation may have had its effect
    )
    assert "IncompleteRead" in error.message


def test_a_body_cut_short_is_retried_like_a_reset(local: LocalSageMaker) -> None:
    client = local.client(retry=RetryPolicy(attempts=2))
    client.apply(small_component("a"))
    local.faults.script(FaultKind.TRUNCATED, operation="InvokeEndpoint")
    assert client.invoke("a", b'"hi"').json()["input"] == "hi"
    assert local.journal.count(operation="InvokeEndpoint") == 2


def test_a_stream_cut_short_is_connection_failed(once: Client, local: LocalSageMaker) -> None:
    local.faults.script(FaultKind.TRUNCATED, operation=STREAM)
    received: list[bytes] = []
    with pytest.raises(ConnectionFailed) as caught:
        streamed(once, received)
    assert received == [b"one"]  # what came before the cut is delivered
    assert isinstance(caught.value, icsdk.IcsdkError)
    assert (caught.value.operation, caught.value.code) == (STREAM, "ProtocolError")


def test_a_model_stream_error_is_a_model_error(once: Client, local: LocalSageMaker) -> None:
    local.faults.script(FaultKind.MODEL_STREAM_ERROR, operation=STREAM)
    received: list[bytes] = []
    with pytest.raises(ModelError) as caught:
        streamed(once, received)
    assert received == [b"one"]
    error = caught.value
    assert (error.operation, error.code) == (STREAM, "ModelStreamError")
    assert error.message.startswith("The model failed to finish sending the response")
    assert type(error.__cause__).__name__ == "EventStreamError"


def test_an_internal_stream_failure_is_a_service_error(once: Client, local: LocalSageMaker) -> None:
    local.faults.script(FaultKind.INTERNAL_STREAM_FAILURE, operation=STREAM)
    received: list[bytes] = []
    with pytest.raises(ServiceError) as caught:
        streamed(once, received)
    assert received == [b"one"]
    assert not isinstance(caught.value, ModelError)  # the service failed, not the model
    assert (caught.value.code, caught.value.message) == (
        "InternalStreamFailure",
        "The stream processing failed because of an unknown error, exception or failure. "
        "Try your request again.",
    )


def test_stream_faults_leave_invoke_endpoint_alone(once: Client, local: LocalSageMaker) -> None:
    for kind in (FaultKind.MODEL_STREAM_ERROR, FaultKind.INTERNAL_STREAM_FAILURE):
        local.faults.script(kind, operation="InvokeEndpoint")
        assert once.invoke("a", b"{}").body == b"onetwothree"


def test_a_model_error_reads_as_the_real_one(once: Client, local: LocalSageMaker) -> None:
    def reject(invocation: Invocation) -> bytes:
        raise ModelFailure(400, "Feature size 32 is not 31")

    local.register_handler("a", reject)
    with pytest.raises(ModelError) as caught:
        once.invoke("a", b"{}")
    error = caught.value
    match = REAL_WORDING.fullmatch(error.message)
    assert match is not None, error.message
    assert match.groups() == ("400", "Feature size 32 is not 31")
    assert (
        "See https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1"
        "#logEventViewer:group=/aws/sagemaker/Endpoints/shared-gpu in account 123456789012"
    ) in error.message
    assert (error.status, error.original_status, error.original_message) == (
        424,
        400,
        "Feature size 32 is not 31",
    )
    assert error.log_stream_arn == (
        "arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/shared-gpu"
    )


def raw_invoke(local: LocalSageMaker) -> tuple[int, dict[str, Any]]:
    request = urllib.request.Request(
        f"{local.endpoint_url}/endpoints/shared-gpu/invocations",
        data=b"{}",
        headers={"X-Amzn-SageMaker-Inference-Component": "a"},
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=5)
    body: dict[str, Any] = json.loads(caught.value.read())
    return caught.value.code, body


@pytest.mark.parametrize(
    ("status", "side", "error_code"),
    [(400, "client", "CLIENT_ERROR_FROM_MODEL"), (503, "server", "SERVER_ERROR_FROM_MODEL")],
)
def test_a_model_error_body_carries_the_real_members(
    once: Client, local: LocalSageMaker, status: int, side: str, error_code: str
) -> None:
    def reject(invocation: Invocation) -> bytes:
        raise ModelFailure(status, "no")

    local.register_handler("a", reject)
    code, body = raw_invoke(local)
    assert code == 424
    assert sorted(body) == [
        "ErrorCode",
        "LogStreamArn",
        "OriginalMessage",
        "OriginalStatusCode",
        "message",
    ]
    assert body["ErrorCode"] == error_code
    assert body["message"].startswith(f"Received {side} error ({status}) from primary with")
    assert (body["OriginalStatusCode"], body["OriginalMessage"]) == (status, "no")


def test_an_injected_model_error_names_the_endpoint(once: Client, local: LocalSageMaker) -> None:
    local.faults.script(FaultKind.MODEL_ERROR, operation="InvokeEndpoint")
    with pytest.raises(ModelError) as caught:
        once.invoke("a", b"{}")
    assert caught.value.original_status == 500
    assert caught.value.message.startswith("Received server error (500) from primary with")
    assert caught.value.log_stream_arn is not None
    assert caught.value.log_stream_arn.endswith("/aws/sagemaker/Endpoints/shared-gpu")


CALLS: dict[str, tuple[str, Callable[[Client], object]]] = {
    "invoke": ("InvokeEndpoint", lambda client: client.invoke("a", b"{}")),
    "invoke_stream": (STREAM, lambda client: list(client.invoke_stream("a", b"{}"))),
}


@pytest.mark.parametrize("call", sorted(CALLS))
def test_no_fault_lets_a_foreign_exception_out(
    once: Client, local: LocalSageMaker, call: str
) -> None:
    operation, send = CALLS[call]
    foreign: list[str] = []
    uncaused: list[str] = []
    for kind in FaultKind:
        local.faults.script(kind, operation=operation)
        try:
            send(once)
        except icsdk.IcsdkError as error:
            if error.__cause__ is None:  # the raw error must stay reachable
                uncaused.append(kind.name)
        except Exception as error:  # the failure this test exists to catch
            foreign.append(f"{kind.name}: {type(error).__module__}.{error!r}")
    assert (foreign, uncaused) == ([], [])
