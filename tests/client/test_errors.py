"""The one mapping from botocore errors to icsdk's error tree."""

from __future__ import annotations

import copy
import pickle

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    NoCredentialsError,
    NoRegionError,
    ParamValidationError,
    ReadTimeoutError,
)

from icsdk import (
    AccessDenied,
    AdaptersAttached,
    ComponentConflict,
    ComponentNotFound,
    ConnectionFailed,
    DeploymentFailed,
    EndpointNotFound,
    IcsdkError,
    InvalidState,
    ModelError,
    ModelNotReady,
    NoCapacity,
    NotConfigured,
    OutcomeUnknown,
    Problem,
    QuotaExceeded,
    ReplaceIncomplete,
    ReplaceRequired,
    ServiceError,
    SpecError,
    SpecMismatch,
    Throttled,
    WaitTimeout,
)
from icsdk._aws_errors import map_error
from icsdk._retry import Decision, decide


def client_error(code: str, message: str = "", status: int = 400, **extra: object) -> ClientError:
    response: dict[str, object] = {
        "Error": {"Code": code, "Message": message},
        "ResponseMetadata": {"RequestId": "req-1", "HTTPStatusCode": status},
        **extra,
    }
    return ClientError(response, "Op")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("code", "message", "status", "expected"),
    [
        ("ValidationException", 'Could not find inference component "x".', 400, ComponentNotFound),
        (
            "ValidationException",
            'Could not find base inference component "x".',
            400,
            ComponentNotFound,
        ),
        ("ValidationException", 'Could not find endpoint "x".', 400, EndpointNotFound),
        (
            "ValidationException",
            'Cannot create already existing inference component "x".',
            400,
            ComponentConflict,
        ),
        (
            "ValidationException",
            'Cannot update inference component "x" because it is in Creating status.',
            400,
            InvalidState,
        ),
        ("ValidationException", "1 validation error detected: ...", 400, ServiceError),
        ("ResourceLimitExceeded", "limit", 400, QuotaExceeded),
        ("ThrottlingException", "Rate exceeded", 400, Throttled),
        ("AccessDeniedException", "no", 400, AccessDenied),
        ("ExpiredTokenException", "expired", 400, AccessDenied),
        ("InternalFailure", "boom", 500, ServiceError),
        (
            "ValidationError",
            "Inference Component has no capacity to process this request.",
            400,
            NoCapacity,
        ),
        ("ValidationError", "Endpoint e of account 1 not found.", 400, EndpointNotFound),
        (
            "ValidationError",
            "Inference Component x not found for endpoint e.",
            400,
            ComponentNotFound,
        ),
        ("ModelNotReadyException", "loading", 429, ModelNotReady),
    ],
)
def test_client_errors_map_to_the_tree(
    code: str, message: str, status: int, expected: type[ServiceError]
) -> None:
    error = map_error("Op", client_error(code, message, status))
    assert type(error) is expected
    assert (error.operation, error.code, error.message) == ("Op", code, message)
    assert (error.request_id, error.status) == ("req-1", status)
    assert isinstance(error, IcsdkError)


def test_model_errors_keep_the_container_details() -> None:
    error = map_error(
        "InvokeEndpoint",
        client_error(
            "ModelError",
            "Received server error (500)",
            424,
            OriginalStatusCode=500,
            OriginalMessage="CUDA OOM",
            LogStreamArn="arn:aws:logs:x",
        ),
    )
    assert isinstance(error, ModelError)
    assert (error.original_status, error.original_message, error.log_stream_arn) == (
        500,
        "CUDA OOM",
        "arn:aws:logs:x",
    )


@pytest.mark.parametrize(
    ("raw", "applied"),
    [
        (EndpointConnectionError(endpoint_url="http://x"), False),
        (ConnectTimeoutError(endpoint_url="http://x"), False),
        (ReadTimeoutError(endpoint_url="http://x"), None),
    ],
)
def test_connection_errors(raw: Exception, applied: bool | None) -> None:
    error = map_error("Op", raw)
    assert isinstance(error, ConnectionFailed)
    assert error.applied is applied
    assert (error.status, error.fault) == (None, None)


def test_errors_carry_facts_and_one_function_decides() -> None:
    throttled = map_error("Op", client_error("ThrottlingException"))
    server = map_error("Op", client_error("InternalFailure", status=503))
    refused = map_error("Op", client_error("ValidationException"))
    assert isinstance(throttled, ServiceError)
    assert isinstance(server, ServiceError)
    assert isinstance(refused, ServiceError)
    assert (throttled.throttling, throttled.fault, throttled.applied) == (True, "client", False)
    assert (server.throttling, server.fault, server.applied) == (False, "server", None)
    assert (refused.throttling, refused.fault, refused.applied) == (False, "client", False)
    assert decide(throttled, write=True) is Decision.RETRY
    assert decide(server, write=True) is Decision.SETTLE
    assert decide(server, write=False) is Decision.RETRY
    assert decide(refused, write=False) is Decision.RAISE
    assert decide(SpecError([]), write=True) is Decision.RAISE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (NoCredentialsError(), NotConfigured),
        (NoRegionError(), NotConfigured),
        (ParamValidationError(report="Invalid type for parameter CopyCount"), SpecError),
    ],
)
def test_client_side_failures_are_not_connection_failures(
    raw: Exception, expected: type[IcsdkError]
) -> None:
    error = map_error("Op", raw)
    assert type(error) is expected
    assert not isinstance(error, ConnectionError)
    assert decide(error, write=True) is Decision.RAISE


ERRORS: list[IcsdkError] = [
    map_error("Op", client_error("ValidationException", 'Could not find inference component "a".')),
    map_error("Op", client_error("ModelError", "boom", 424, OriginalStatusCode=500)),
    map_error("Op", client_error("ValidationException", "x because it is in Creating status")),
    map_error("Op", ReadTimeoutError(endpoint_url="http://x")),
    SpecError([Problem("a.b", "must be positive")]),
    SpecMismatch("a", "a: update"),
    ReplaceRequired("a", "a: replace"),
    ReplaceIncomplete("a", "quota reached"),
    OutcomeUnknown("UpdateInferenceComponent", "a", "describe it"),
    NotConfigured("Op", "no region"),
    DeploymentFailed("a", "OOM"),
    WaitTimeout("a", 3.0, "Creating"),
]


@pytest.mark.parametrize("error", ERRORS, ids=lambda error: type(error).__name__)
def test_every_error_pickles_and_copies(error: IcsdkError) -> None:
    for clone in (pickle.loads(pickle.dumps(error)), copy.copy(error), copy.deepcopy(error)):
        assert type(clone) is type(error)
        assert str(clone) == str(error)
        assert vars(clone) == vars(error)


def test_the_real_services_delete_in_progress_refusal_is_a_busy_deleting_component() -> None:
    # The token terraform-provider-aws matches (internal/service/sagemaker/inference_component.go);
    # the rest of the sentence is not public, so the test varies it.
    for message in (
        'Inference component "a" is in DELETE_IN_PROGRESS status.',
        "Cannot delete: DELETE_IN_PROGRESS",
    ):
        error = map_error("DeleteInferenceComponent", client_error("ValidationException", message))
        assert isinstance(error, InvalidState)
        assert error.component_status == "Deleting"


def test_the_real_refusal_to_delete_a_base_with_adapters_is_typed() -> None:
    # terraform-provider-aws internal/service/sagemaker/inference_component.go matches this
    # substring of the real message; the rest of the sentence is not public.
    message = "Inference component x is a base inference component for one or more associated"
    error = map_error("DeleteInferenceComponent", client_error("ValidationException", message))
    assert isinstance(error, AdaptersAttached)
