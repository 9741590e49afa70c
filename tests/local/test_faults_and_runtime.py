# pyright: reportTypedDictNotRequiredAccess=false
# (conformance tests read members the service returns, which the stubs mark optional)
"""Faults, rate limits, the journal, and the runtime (invoke and streaming), with raw boto3."""

from __future__ import annotations

import time
from typing import Any

import botocore.exceptions
import pytest
from botocore.config import Config

from icsdk.testing import FaultKind, FaultPlan, Invocation, LocalSageMaker, ModelFailure

from .conftest import NO_RETRIES, spec


def create(local: LocalSageMaker, name: str = "a", copies: int = 1) -> Any:
    return local.sagemaker_client(config=NO_RETRIES).create_inference_component(
        InferenceComponentName=name,
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": copies},
    )


@pytest.mark.parametrize(
    ("kind", "code", "status"),
    [
        (FaultKind.THROTTLE, "ThrottlingException", 400),
        (FaultKind.INTERNAL_ERROR, "InternalFailure", 500),
        (FaultKind.SERVICE_UNAVAILABLE, "ServiceUnavailable", 503),
        (FaultKind.BAD_GATEWAY, "502", 502),
        (FaultKind.QUOTA, "ResourceLimitExceeded", 400),
        (FaultKind.ACCESS_DENIED, "AccessDeniedException", 400),
    ],
)
def test_error_faults_refuse_without_doing_anything(
    manual: LocalSageMaker, kind: FaultKind, code: str, status: int
) -> None:
    manual.faults.script(kind, operation="CreateInferenceComponent")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        create(manual)
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status
    assert manual.journal.count(operation="CreateInferenceComponent", committed=True) == 0
    assert manual.journal.calls(operation="CreateInferenceComponent")[0].outcome == kind.name
    create(manual)  # the fault was used up
    assert manual.journal.count(operation="CreateInferenceComponent", committed=True) == 1


def test_reset_before_processing_loses_the_request(manual: LocalSageMaker) -> None:
    manual.faults.script(FaultKind.RESET_BEFORE, operation="CreateInferenceComponent")
    with pytest.raises(botocore.exceptions.ConnectionClosedError):
        create(manual)
    assert manual.sagemaker_client().list_inference_components()["InferenceComponents"] == []


def test_reset_after_commit_is_the_ambiguous_case(manual: LocalSageMaker) -> None:
    manual.faults.script(FaultKind.RESET_AFTER, operation="CreateInferenceComponent")
    with pytest.raises(botocore.exceptions.ConnectionClosedError):
        create(manual)
    listed = manual.sagemaker_client().list_inference_components()["InferenceComponents"]
    assert [c["InferenceComponentName"] for c in listed] == ["a"]
    assert manual.journal.calls(committed=True, operation="CreateInferenceComponent")[
        0
    ].outcome == ("RESET_AFTER")


def test_slow_responses_trigger_read_timeouts_after_committing(manual: LocalSageMaker) -> None:
    manual.faults.script(FaultKind.SLOW, operation="CreateInferenceComponent", delay=1.2)
    impatient = manual.sagemaker_client(
        config=Config(read_timeout=0.4, retries={"mode": "standard", "total_max_attempts": 1})
    )
    with pytest.raises(botocore.exceptions.ReadTimeoutError):
        impatient.create_inference_component(
            InferenceComponentName="a",
            EndpointName="shared-gpu",
            VariantName="AllTraffic",
            Specification=spec(),
            RuntimeConfig={"CopyCount": 1},
        )
    assert manual.journal.count(operation="CreateInferenceComponent", committed=True) == 1


def test_malformed_200_after_committing(manual: LocalSageMaker) -> None:
    manual.faults.script(FaultKind.MALFORMED, operation="CreateInferenceComponent")
    try:
        response = create(manual)
    except botocore.exceptions.BotoCoreError:
        response = None
    assert response is None or "InferenceComponentArn" not in response
    assert manual.journal.count(operation="CreateInferenceComponent", committed=True) == 1


def test_random_faults_are_reproducible() -> None:
    def draw(seed: int) -> list[str]:
        plan = FaultPlan()
        plan.randomly(
            0.5,
            [FaultKind.THROTTLE, FaultKind.RESET_AFTER],
            seed=seed,
            operations=["CreateInferenceComponent"],
        )
        return [
            getattr(plan.take("CreateInferenceComponent"), "kind", FaultKind.THROTTLE).name
            + str(plan.take("DescribeInferenceComponent"))
            for _ in range(20)
        ]

    assert draw(3) == draw(3)
    assert draw(3) != draw(4)


def test_rate_limit_throttles_past_the_burst(manual: LocalSageMaker) -> None:
    manual.rate_limits.set("ListInferenceComponents", tps=5, burst=2)
    client = manual.sagemaker_client(config=NO_RETRIES)
    client.list_inference_components()
    client.list_inference_components()
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        client.list_inference_components()
    assert caught.value.response["Error"] == {
        "Code": "ThrottlingException",
        "Message": "Rate exceeded",
    }
    time.sleep(0.25)  # a token refills after 1/5 s
    client.list_inference_components()
    assert manual.journal.count(operation="ListInferenceComponents", outcome="RateLimited") == 1


def test_invoke_routes_by_component_to_registered_handlers(manual: LocalSageMaker) -> None:
    create(manual, "a")
    manual.advance(30)
    seen: list[Invocation] = []

    @manual.handler("m")
    def model(invocation: Invocation) -> bytes:
        seen.append(invocation)
        return b'{"generated_text": "hello"}'

    runtime = manual.runtime_client()
    response = runtime.invoke_endpoint(
        EndpointName="shared-gpu",
        InferenceComponentName="a",
        Body=b'{"inputs": "hi"}',
        ContentType="application/json",
        Accept="application/json",
        CustomAttributes="trace=1",
    )
    assert response["Body"].read() == b'{"generated_text": "hello"}'
    assert response["ContentType"] == "application/json"
    assert response["InvokedProductionVariant"] == "AllTraffic"
    assert seen[0].component == "a"
    assert seen[0].model == "m"
    assert seen[0].body == b'{"inputs": "hi"}'
    assert seen[0].custom_attributes == "trace=1"


def test_streaming_sends_each_chunk_as_an_event(manual: LocalSageMaker) -> None:
    create(manual, "a")
    manual.advance(30)
    manual.register_handler("a", lambda invocation: [b"one ", b"two ", b"three"])
    stream = manual.runtime_client().invoke_endpoint_with_response_stream(
        EndpointName="shared-gpu", InferenceComponentName="a", Body=b"{}"
    )
    parts = [event["PayloadPart"]["Bytes"] for event in stream["Body"] if "PayloadPart" in event]
    assert parts == [b"one ", b"two ", b"three"]


def test_runtime_errors_use_the_runtime_codes(manual: LocalSageMaker) -> None:
    runtime = manual.runtime_client(config=NO_RETRIES)

    def invoke_error(**kwargs: Any) -> tuple[str, int, dict[str, Any]]:
        with pytest.raises(botocore.exceptions.ClientError) as caught:
            runtime.invoke_endpoint(EndpointName="shared-gpu", Body=b"{}", **kwargs)
        response: Any = caught.value.response
        return response["Error"]["Code"], response["ResponseMetadata"]["HTTPStatusCode"], response

    code, status, _ = invoke_error()
    assert (code, status) == ("ValidationError", 400)
    code, _, response = invoke_error(InferenceComponentName="nope")
    assert "not found" in response["Error"]["Message"]
    create(manual, "a")
    code, status, _ = invoke_error(InferenceComponentName="a")
    assert (code, status) == ("ModelNotReadyException", 429)
    manual.advance(30)

    def broken(invocation: Invocation) -> bytes:
        raise ModelFailure(400, "input too long")

    manual.register_handler("a", broken)
    code, status, response = invoke_error(InferenceComponentName="a")
    assert (code, status) == ("ModelError", 424)
    assert response["OriginalStatusCode"] == 400
    assert response["OriginalMessage"] == "input too long"
    manual.register_handler("a", lambda invocation: 1 / 0)  # type: ignore[arg-type,return-value]
    code, _, response = invoke_error(InferenceComponentName="a")
    assert code == "ModelError"
    assert "ZeroDivisionError" in response["OriginalMessage"]
    manual.sagemaker_client().update_inference_component_runtime_config(
        InferenceComponentName="a", DesiredRuntimeConfig={"CopyCount": 0}
    )
    manual.advance(20)
    code, status, response = invoke_error(InferenceComponentName="a")
    assert (code, status) == ("ValidationError", 400)
    assert response["Error"]["Message"].startswith("Inference Component has no capacity")
    unknown = manual.runtime_client(config=NO_RETRIES)
    with pytest.raises(botocore.exceptions.ClientError, match="not found"):
        unknown.invoke_endpoint(EndpointName="missing", Body=b"{}")


@pytest.mark.parametrize(
    ("kind", "code", "status"),
    [
        (FaultKind.MODEL_ERROR, "ModelError", 424),
        (FaultKind.NO_CAPACITY, "ValidationError", 400),
        (FaultKind.MODEL_NOT_READY, "ModelNotReadyException", 429),
        (FaultKind.THROTTLE, "ThrottlingException", 400),
    ],
)
def test_runtime_faults(manual: LocalSageMaker, kind: FaultKind, code: str, status: int) -> None:
    create(manual, "a")
    manual.advance(30)
    manual.faults.script(kind, operation="InvokeEndpoint")
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        manual.runtime_client(config=NO_RETRIES).invoke_endpoint(
            EndpointName="shared-gpu", InferenceComponentName="a", Body=b"{}"
        )
    assert caught.value.response["Error"]["Code"] == code
    assert caught.value.response["ResponseMetadata"]["HTTPStatusCode"] == status


def test_journal_answers_exact_questions(manual: LocalSageMaker) -> None:
    manual.faults.script(FaultKind.THROTTLE, operation="CreateInferenceComponent", times=1)
    client = manual.sagemaker_client(config=Config(retries={"mode": "standard", "max_attempts": 5}))
    client.create_inference_component(
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    assert manual.journal.count(operation="CreateInferenceComponent", name="a") == 2
    assert manual.journal.count(operation="CreateInferenceComponent", name="a", committed=True) == 1
    assert [c.outcome for c in manual.journal] == ["THROTTLE", "ok"]
    assert len(manual.journal) == 2
    assert "params" not in repr(manual.journal.calls()[0])
    manual.journal.clear()
    assert len(manual.journal) == 0


def test_pytest_fixtures(
    local_sagemaker: LocalSageMaker, sagemaker_client: Any, runtime_client: Any
) -> None:
    local_sagemaker.create_endpoint("shared-gpu")
    local_sagemaker.create_model("m")
    sagemaker_client.create_inference_component(
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    deadline = time.monotonic() + 5
    while (
        sagemaker_client.describe_inference_component(InferenceComponentName="a")[
            "InferenceComponentStatus"
        ]
        != "InService"
    ):
        assert time.monotonic() < deadline
        time.sleep(0.02)
    body = runtime_client.invoke_endpoint(
        EndpointName="shared-gpu", InferenceComponentName="a", Body=b'"x"'
    )["Body"].read()
    assert b'"component": "a"' in body


def test_manual_and_icsdk_fixtures(manual_sagemaker: LocalSageMaker, icsdk_client: Any) -> None:
    manual_sagemaker.create_endpoint("shared-gpu")
    manual_sagemaker.create_model("m")
    manual_sagemaker.sagemaker_client().create_inference_component(
        InferenceComponentName="a",
        EndpointName="shared-gpu",
        VariantName="AllTraffic",
        Specification=spec(),
        RuntimeConfig={"CopyCount": 1},
    )
    first = manual_sagemaker.journal.count()
    manual_sagemaker.advance(0.1)
    assert manual_sagemaker.journal.count() == first  # advancing the clock sends nothing
    assert list(icsdk_client.list()) == []  # a separate service (local_sagemaker)
