"""icsdk's exceptions, and the one place where botocore's errors become them.

The tree::

    IcsdkError
    ├── SpecError (ValueError)            a spec the service would refuse; nothing was sent
    ├── ServiceError                      SageMaker answered with an error (or never answered)
    │   ├── ConnectionFailed (ConnectionError)  no answer after every retry
    │   ├── ComponentNotFound (LookupError)
    │   ├── EndpointNotFound (LookupError)
    │   ├── ComponentConflict             exists already, with a different spec
    │   ├── InvalidState                  busy: creating, updating or deleting
    │   ├── QuotaExceeded                 ResourceLimitExceeded
    │   ├── Throttled                     rate exceeded, after every retry
    │   ├── AccessDenied (PermissionError)
    │   ├── ModelError                    the model container failed the invocation
    │   ├── NoCapacity                    the component has no copy to serve it
    │   └── ModelNotReady                 the model is still loading
    ├── DeploymentFailed                  the component ended in Failed; carries the reason
    └── WaitTimeout (TimeoutError)        a wait ran past its deadline

Only this module reads the text of an AWS error message.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from ._constraints import Problem

__all__ = [
    "AccessDenied",
    "ComponentConflict",
    "ComponentNotFound",
    "ConnectionFailed",
    "DeploymentFailed",
    "EndpointNotFound",
    "IcsdkError",
    "InvalidState",
    "ModelError",
    "ModelNotReady",
    "NoCapacity",
    "QuotaExceeded",
    "ServiceError",
    "SpecError",
    "Throttled",
    "WaitTimeout",
    "map_error",
]


class IcsdkError(Exception):
    """The root of every exception icsdk raises.

    Example:
        >>> from icsdk import IcsdkError, ComputeRequirements
        >>> try:
        ...     ComputeRequirements(min_memory_mb=1)
        ... except IcsdkError as error:
        ...     print(type(error).__name__)
        SpecError
    """


class SpecError(IcsdkError, ValueError):
    """A spec the service would refuse: every problem found, each with the path of its field.

    Nothing is sent to AWS for a spec that raises this.

    Example:
        >>> from icsdk import ComputeRequirements, SpecError
        >>> try:
        ...     ComputeRequirements(min_memory_mb=64, cpu_cores=0.1)
        ... except SpecError as error:
        ...     for problem in error.problems:
        ...         print(problem)
        min_memory_mb: must be at least 128 MB, got 64
        cpu_cores: must be at least 0.25 cores, got 0.1
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the spec:\n{lines}")

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of the fields at fault, in the order found.

        Example:
            >>> from icsdk import ComputeRequirements, SpecError
            >>> try:
            ...     ComputeRequirements(min_memory_mb=256, max_memory_mb=128)
            ... except SpecError as error:
            ...     print(error.paths)
            ('max_memory_mb',)
        """
        return tuple(problem.path for problem in self.problems)


class ServiceError(IcsdkError):
    """SageMaker refused a call (or never answered it), after icsdk's retries.

    The botocore exception is kept as ``__cause__``.

    Example:
        >>> error = ServiceError(
        ...     "CreateInferenceComponent", "InternalFailure", "An internal error occurred.",
        ...     request_id="4a1b", status=500,
        ... )
        >>> error.retry_safe, error.throttling
        (True, False)
        >>> print(error)
        CreateInferenceComponent failed: InternalFailure: An internal error occurred. (request 4a1b)
    """

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        request_id: str | None = None,
        status: int | None = None,
    ) -> None:
        self.operation = operation
        """The SageMaker operation, e.g. ``CreateInferenceComponent``."""
        self.code = code
        """The AWS error code, e.g. ``ValidationException``."""
        self.message = message
        """The service's message."""
        self.request_id = request_id
        """The ``x-amzn-RequestId`` to quote to AWS support."""
        self.status = status
        """The HTTP status, if there was a response."""
        suffix = f" (request {request_id})" if request_id else ""
        super().__init__(f"{operation} failed: {code}: {message}{suffix}")

    @property
    def throttling(self) -> bool:
        """Whether the service asked the caller to slow down.

        Example:
            >>> ServiceError("ListTags", "ThrottlingException", "Rate exceeded").throttling
            True
        """
        return self.code in _THROTTLING_CODES

    @property
    def retry_safe(self) -> bool:
        """Whether the same call may simply be sent again (throttling or a server-side fault).

        Example:
            >>> ServiceError("DescribeInferenceComponent", "ValidationException", "bad").retry_safe
            False
        """
        return self.throttling or (self.status is not None and self.status >= 500)


class ConnectionFailed(ServiceError, ConnectionError):
    """No answer from SageMaker: the connection failed, was reset, or timed out.

    Example:
        >>> ConnectionFailed("DescribeInferenceComponent", "ReadTimeoutError", "timed out").status
    """

    @property
    def retry_safe(self) -> bool:
        """Only a call that never reached the service is safe to resend as it is.

        Example:
            >>> ConnectionFailed("X", "EndpointConnectionError", "refused").retry_safe
            True
        """
        return self.code in ("EndpointConnectionError", "ConnectTimeoutError")


class ComponentNotFound(ServiceError, LookupError):
    """The inference component (or an adapter's base) does not exist.

    Example:
        >>> issubclass(ComponentNotFound, LookupError)
        True
    """


class EndpointNotFound(ServiceError, LookupError):
    """The endpoint does not exist.

    Example:
        >>> issubclass(EndpointNotFound, ServiceError)
        True
    """


class ComponentConflict(ServiceError):
    """A component with this name already exists, with a different spec.

    Example:
        >>> ComponentConflict("CreateInferenceComponent", "AlreadyExists", "differs").code
        'AlreadyExists'
    """


class InvalidState(ServiceError):
    """The component is busy (Creating, Updating or Deleting) and cannot take this change yet.

    Example:
        >>> error = InvalidState("UpdateInferenceComponent", "ValidationException",
        ...                      'Cannot update inference component "a" because it is in '
        ...                      "Creating status.")
        >>> error.component_status
        'Creating'
    """

    @property
    def component_status(self) -> str | None:
        """The status that stood in the way, as the service named it.

        Example:
            >>> InvalidState("X", "ValidationException", "busy").component_status is None
            True
        """
        found = re.search(r"in (\w+) status", self.message)
        return found.group(1) if found else None


class QuotaExceeded(ServiceError):
    """An account limit was reached (``ResourceLimitExceeded``); retrying will not help.

    Example:
        >>> QuotaExceeded("CreateInferenceComponent", "ResourceLimitExceeded", "limit").retry_safe
        False
    """


class Throttled(ServiceError):
    """The service kept throttling until icsdk's retries ran out.

    Example:
        >>> Throttled("CreateInferenceComponent", "ThrottlingException", "Rate exceeded").throttling
        True
    """


class AccessDenied(ServiceError, PermissionError):
    """The credentials may not perform this call.

    Example:
        >>> issubclass(AccessDenied, PermissionError)
        True
    """


class ModelError(ServiceError):
    """The model container answered an invocation with an error.

    Example:
        >>> ModelError("InvokeEndpoint", "ModelError", "boom", original_status=500).original_status
        500
    """

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        request_id: str | None = None,
        status: int | None = None,
        original_status: int | None = None,
        original_message: str | None = None,
        log_stream_arn: str | None = None,
    ) -> None:
        super().__init__(operation, code, message, request_id=request_id, status=status)
        self.original_status = original_status
        """The HTTP status the model container returned."""
        self.original_message = original_message
        """The model container's own message."""
        self.log_stream_arn = log_stream_arn
        """Where the container's logs are."""


class NoCapacity(ServiceError):
    """The component has no copy to serve the invocation (zero copies, or still scaling).

    Example:
        >>> issubclass(NoCapacity, ServiceError)
        True
    """


class ModelNotReady(ServiceError):
    """The model is not ready to serve yet (still loading).

    Example:
        >>> ModelNotReady("InvokeEndpoint", "ModelNotReadyException", "loading", status=429).status
        429
    """


class DeploymentFailed(IcsdkError):
    """The component ended in ``Failed``; ``reason`` is SageMaker's FailureReason.

    Example:
        >>> error = DeploymentFailed("llama-8b", "CUDA out of memory")
        >>> str(error)
        "inference component 'llama-8b' failed: CUDA out of memory"
    """

    def __init__(self, name: str, reason: str | None) -> None:
        self.name = name
        """The component that failed."""
        self.reason = reason
        """SageMaker's FailureReason, if it gave one."""
        super().__init__(f"inference component {name!r} failed: {reason or 'no reason given'}")


class WaitTimeout(IcsdkError, TimeoutError):
    """A wait ran past its deadline; ``last`` is the last state seen.

    Example:
        >>> WaitTimeout("llama-8b", 30.0, "Creating").args[0]
        "gave up waiting for 'llama-8b' after 30.0 s (last status: Creating)"
    """

    def __init__(self, name: str, seconds: float, last_status: str | None) -> None:
        self.name = name
        """What was being waited for."""
        self.seconds = seconds
        """How long icsdk waited."""
        self.last_status = last_status
        """The last status seen, if any."""
        super().__init__(
            f"gave up waiting for {name!r} after {seconds:.1f} s (last status: {last_status})"
        )


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
# SageMaker reports missing resources and busy resources as ValidationExceptions; these message
# patterns are the only place icsdk reads error text (compiled on first use, not at import).
_BY_MESSAGE: tuple[tuple[str, type[ServiceError]], ...] = (
    (r"^Could not find (base )?inference component", ComponentNotFound),
    (r"^Inference Component \S+ not found", ComponentNotFound),
    (r"^Could not find endpoint", EndpointNotFound),
    (r"^Endpoint \S+ of account \S+ not found", EndpointNotFound),
    (r"^Cannot create already existing inference component", ComponentConflict),
    (r"because it is (already )?in \w+ status", InvalidState),
    (r"^Inference Component has no capacity", NoCapacity),
)
_BY_CODE: Mapping[str, type[ServiceError]] = {
    "ResourceLimitExceeded": QuotaExceeded,
    "ModelNotReadyException": ModelNotReady,
    **dict.fromkeys(_THROTTLING_CODES, Throttled),
    **dict.fromkeys(_ACCESS_CODES, AccessDenied),
}


def map_error(operation: str, error: BaseException) -> ServiceError:
    """The icsdk error for a botocore error (``ClientError`` or a connection failure).

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
        name = type(error).__name__
        return ConnectionFailed(operation, name, str(error))
    response = cast("Mapping[str, Any]", raw)
    details: Mapping[str, Any] = response.get("Error", {})
    meta: Mapping[str, Any] = response.get("ResponseMetadata", {})
    code = str(details.get("Code", "Unknown"))
    message = str(details.get("Message", ""))
    request_id = meta.get("RequestId")
    status = meta.get("HTTPStatusCode")
    if code == "ModelError":
        original = response.get("OriginalStatusCode")
        return ModelError(
            operation,
            code,
            message,
            request_id=request_id,
            status=status,
            original_status=int(original) if original is not None else None,
            original_message=response.get("OriginalMessage"),
            log_stream_arn=response.get("LogStreamArn"),
        )
    cls = _BY_CODE.get(code)
    if cls is None and code in ("ValidationException", "ValidationError"):
        cls = next((kind for pattern, kind in _BY_MESSAGE if re.search(pattern, message)), None)
    return (cls or ServiceError)(operation, code, message, request_id=request_id, status=status)
