"""The one mapping from botocore errors to icsdk's error tree."""

from __future__ import annotations

import pytest
from botocore.exceptions import (
    ClientError,
    ConnectTimeoutError,
    EndpointConnectionError,
    ReadTimeoutError,
)

from icsdk import (
    AccessDenied,
    ComponentConflict,
    ComponentNotFound,
    ConnectionFailed,
    EndpointNotFound,
    IcsdkError,
    InvalidState,
    ModelError,
    ModelNotReady,
    NoCapacity,
    QuotaExceeded,
    ServiceError,
    Throttled,
)
from icsdk._errors import map_error


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
    ("raw", "safe"),
    [
        (EndpointConnectionError(endpoint_url="http://x"), True),
        (ConnectTimeoutError(endpoint_url="http://x"), True),
        (ReadTimeoutError(endpoint_url="http://x"), False),
    ],
)
def test_connection_errors(raw: Exception, safe: bool) -> None:
    error = map_error("Op", raw)
    assert isinstance(error, ConnectionFailed)
    assert error.retry_safe is safe
    assert error.status is None


def test_throttling_and_retry_safety_flags() -> None:
    assert map_error("Op", client_error("ThrottlingException")).throttling
    assert map_error("Op", client_error("InternalFailure", status=503)).retry_safe
    assert not map_error("Op", client_error("ValidationException")).retry_safe
