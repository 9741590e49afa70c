"""The one place where botocore's errors become icsdk's: AWS error codes and message text.

SageMaker reports missing and busy resources as ``ValidationException``s told apart only by
their messages; the patterns below are the only code in icsdk that reads that text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from typing import Any, cast

from ._constraints import Problem
from ._errors import IcsdkError, NotConfigured, SpecError
from ._service_errors import (
    AccessDenied,
    AdaptersAttached,
    ComponentConflict,
    ComponentNotFound,
    ConnectionFailed,
    EndpointConfigNotFound,
    EndpointConflict,
    EndpointNotFound,
    InvalidState,
    ModelError,
    ModelNotFound,
    ModelNotReady,
    NoCapacity,
    QuotaExceeded,
    ServiceError,
    Throttled,
)

__all__ = ["map_error"]

_THROTTLING_CODES = frozenset(
    {
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "TooManyRequestsException",
        "RequestLimitExceeded",
        "SlowDown",
    }
)
_ACCESS_CODES = frozenset(
    {
        "AccessDeniedException",
        "AccessDenied",
        "UnrecognizedClientException",
        "InvalidClientTokenId",
        "ExpiredTokenException",
        "ExpiredToken",
        "IncompleteSignature",
        "SignatureDoesNotMatch",
    }
)
_BY_MESSAGE: tuple[tuple[str, type[ServiceError]], ...] = (
    (r"^Could not find (base )?inference component", ComponentNotFound),
    (r"^Inference Component \S+ not found", ComponentNotFound),
    (r"^Could not find endpoint \"", EndpointNotFound),
    # terraform-provider-aws internal/service/sagemaker/endpoint_configuration.go treats a
    # ValidationException containing "Could not find endpoint configuration" as not found.
    (r"^Could not find endpoint configuration", EndpointConfigNotFound),
    # 'Cannot create already existing endpoint configuration "arn:...:endpoint-config/x".'
    # (aws/sagemaker-python-sdk tests/unit/test_session.py stubs this ValidationException).
    (r"^Cannot create already existing endpoint", EndpointConflict),
    (r"^Could not find model", ModelNotFound),
    (r"^Endpoint \S+ of account \S+ not found", EndpointNotFound),
    (r"^Cannot create already existing inference component", ComponentConflict),
    (r"because it is (already )?in \w+ status", InvalidState),
    # The real service's refusal to delete a component already deleting names an internal
    # status; terraform-provider-aws internal/service/sagemaker/inference_component.go matches
    # the token "DELETE_IN_PROGRESS" in a ValidationException (the full text is not public).
    (r"DELETE_IN_PROGRESS", InvalidState),
    # The same file matches this substring of the refusal to delete a base with adapters.
    (r"is a base inference component for one or more associated", AdaptersAttached),
    (r"^Inference Component has no capacity", NoCapacity),
)
_BUSY_STATUS = r"in (\w+) status"
_BY_CODE: Mapping[str, type[ServiceError]] = {
    "ResourceLimitExceeded": QuotaExceeded,
    "ModelNotReadyException": ModelNotReady,
    **dict.fromkeys(_THROTTLING_CODES, Throttled),
    **dict.fromkeys(_ACCESS_CODES, AccessDenied),
}
# The request never left the machine: nothing can have been applied.
_NOT_SENT = frozenset({"EndpointConnectionError", "ConnectTimeoutError"})
# Mistakes on this side of the wire: retrying cannot help.
_NOT_CONFIGURED = frozenset(
    {"NoCredentialsError", "PartialCredentialsError", "NoRegionError", "ProfileNotFound"}
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], type[ServiceError]], ...]:
    return tuple((re.compile(pattern), kind) for pattern, kind in _BY_MESSAGE)


def map_error(operation: str, error: BaseException) -> IcsdkError:
    """The icsdk error for a botocore error (``ClientError`` or a failure without an answer).

    The caller raises it ``from`` the original, which stays reachable as ``__cause__``.

    Example:
        >>> from botocore.exceptions import ClientError
        >>> raw = ClientError(
        ...     {"Error": {"Code": "ValidationException",
        ...                "Message": 'Could not find inference component "a".'},
        ...      "ResponseMetadata": {"RequestId": "r1", "HTTPStatusCode": 400}},
        ...     "DescribeInferenceComponent",
        ... )
        >>> type(map_error("DescribeInferenceComponent", raw)).__name__
        'ComponentNotFound'
    """
    raw: object = getattr(error, "response", None)
    if not isinstance(raw, Mapping):
        return _without_answer(operation, error)
    response = cast("Mapping[str, Any]", raw)
    details: Mapping[str, Any] = response.get("Error", {})
    meta: Mapping[str, Any] = response.get("ResponseMetadata", {})
    code = str(details.get("Code", "Unknown"))
    message = str(details.get("Message", ""))
    facts: dict[str, Any] = {
        "request_id": meta.get("RequestId"),
        "status": meta.get("HTTPStatusCode"),
        "throttling": code in _THROTTLING_CODES,
    }
    if code == "ModelError":
        original = response.get("OriginalStatusCode")
        return ModelError(
            operation,
            code,
            message,
            original_status=int(original) if original is not None else None,
            original_message=response.get("OriginalMessage"),
            log_stream_arn=response.get("LogStreamArn"),
            **facts,
        )
    cls = _BY_CODE.get(code)
    if cls is None and code in ("ValidationException", "ValidationError"):
        cls = next((kind for pattern, kind in _compiled() if pattern.search(message)), None)
    if cls is InvalidState:
        busy = re.search(_BUSY_STATUS, message)
        status = "Deleting" if "DELETE_IN_PROGRESS" in message else busy.group(1) if busy else None
        return InvalidState(operation, code, message, component_status=status, **facts)
    return (cls or ServiceError)(operation, code, message, **facts)


def _without_answer(operation: str, error: BaseException) -> IcsdkError:
    name = type(error).__name__
    if name in _NOT_CONFIGURED:
        return NotConfigured(operation, str(error))
    if name == "ParamValidationError":
        return SpecError([Problem("request", str(error))])
    return ConnectionFailed(
        operation, name, str(error), applied=False if name in _NOT_SENT else None
    )
