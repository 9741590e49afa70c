"""The errors of the service's answers: what SageMaker said, and the facts the retry layer reads."""

from __future__ import annotations

from types import EllipsisType
from typing import Any, ClassVar, Literal

from ._errors import IcsdkError

__all__ = [
    "AccessDenied",
    "AdaptersAttached",
    "ComponentConflict",
    "ComponentNotFound",
    "ConnectionFailed",
    "EndpointConfigNotFound",
    "EndpointConflict",
    "EndpointNotFound",
    "Fault",
    "InvalidState",
    "ModelError",
    "ModelNotFound",
    "ModelNotReady",
    "NoCapacity",
    "QuotaExceeded",
    "ScalingNotFound",
    "ServiceError",
    "Throttled",
]

Fault = Literal["client", "server"]
"""Who caused a failure: the caller's request (``client``) or the service (``server``)."""


class ServiceError(IcsdkError):
    """SageMaker refused a call (or never answered it), after icsdk's retries.

    Besides what the service said (operation, code, message, request id, HTTP status), it
    carries three facts: ``fault`` (whose side failed), ``throttling``, and ``applied``
    (whether the request may have taken effect: ``False`` no, ``True`` yes, ``None`` unknown).
    The botocore exception is kept as ``__cause__``.

    Examples:
        >>> error = ServiceError(
        ...     "CreateInferenceComponent", "InternalFailure", "An internal error occurred.",
        ...     request_id="4a1b", status=500,
        ... )
        >>> error.fault, error.throttling, error.applied
        ('server', False, None)
        >>> print(error)
        CreateInferenceComponent failed: InternalFailure: An internal error occurred. (request 4a1b)
    """

    transient: ClassVar[bool] = False
    """Whether the same request may succeed if sent again later, whatever the status."""

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        request_id: str | None = None,
        status: int | None = None,
        throttling: bool = False,
        applied: bool | EllipsisType | None = ...,
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
        self.throttling = throttling or isinstance(self, Throttled)
        """Whether the service asked the caller to slow down."""
        if isinstance(applied, EllipsisType):
            # A refusal (4xx) is never applied; after a 5xx the service may have acted.
            applied = False if status is not None and status < 500 else None
        self.applied: bool | None = applied
        """Whether the request took effect: ``False`` no, ``True`` yes, ``None`` unknown."""
        suffix = f" (request {request_id})" if request_id else ""
        super().__init__(f"{operation} failed: {code}: {message}{suffix}")

    @property
    def fault(self) -> Fault | None:
        """``"server"`` for a 5xx, ``"client"`` for a 4xx, ``None`` without an answer.

        Examples:
            >>> ServiceError("ListTags", "ValidationException", "bad", status=400).fault
            'client'
        """
        if self.status is None:
            return None
        return "server" if self.status >= 500 else "client"


class ConnectionFailed(ServiceError, ConnectionError):
    """No answer from SageMaker: the connection failed, was reset, or timed out.

    ``applied`` is ``False`` when the request never left (connection refused, connect
    timeout) and ``None`` when it may have reached the service.

    Examples:
        >>> ConnectionFailed("X", "EndpointConnectionError", "refused", applied=False).applied
        False
    """

    transient = True


class ComponentNotFound(ServiceError, LookupError):
    """The inference component (or an adapter's base) does not exist.

    Examples:
        >>> issubclass(ComponentNotFound, LookupError)
        True
    """


class EndpointNotFound(ServiceError, LookupError):
    """The endpoint does not exist.

    Examples:
        >>> issubclass(EndpointNotFound, ServiceError)
        True
    """


class EndpointConfigNotFound(ServiceError, LookupError):
    """The endpoint config does not exist.

    Examples:
        >>> issubclass(EndpointConfigNotFound, LookupError)
        True
    """


class EndpointConflict(ServiceError):
    """The service refused to create an endpoint or endpoint config: one of that name exists.

    An endpoint still being deleted holds its name until it is gone.

    Examples:
        >>> EndpointConflict("CreateEndpoint", "ValidationException", "exists", status=400).applied
        False
    """


class ScalingNotFound(ServiceError, LookupError):
    """A scaling policy, scalable target or alarm named in the request does not exist.

    Application Auto Scaling answers ``ObjectNotFoundException``, CloudWatch
    ``ResourceNotFound``; icsdk's deletes of scaling resources take it as already done.

    Examples:
        >>> issubclass(ScalingNotFound, LookupError)
        True
    """


class ModelNotFound(ServiceError, LookupError):
    """The SageMaker model a component names does not exist.

    Examples:
        >>> issubclass(ModelNotFound, LookupError)
        True
    """


class ComponentConflict(ServiceError):
    """The service refused to create a component because one of that name exists.

    Examples:
        >>> ComponentConflict("CreateInferenceComponent", "ValidationException", "exists",
        ...                   status=400).applied
        False
    """


class InvalidState(ServiceError):
    """The component (or endpoint) is busy (Creating, Updating or Deleting): not yet.

    Examples:
        >>> error = InvalidState("UpdateInferenceComponent", "ValidationException",
        ...                      "busy", component_status="Creating")
        >>> error.component_status
        'Creating'
    """

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        component_status: str | None = None,
        **facts: Any,
    ) -> None:
        super().__init__(operation, code, message, **facts)
        self.component_status = component_status
        """The status that stood in the way, as the service named it (if it did)."""


class AdaptersAttached(ServiceError):
    """A base component cannot be deleted while adapters are attached to it.

    ``adapters`` names them (icsdk looks them up: the service does not say which).

    Examples:
        >>> error = AdaptersAttached("DeleteInferenceComponent", "ValidationException",
        ...                          "is a base inference component", adapters=("sql",))
        >>> error.adapters
        ('sql',)
    """

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        adapters: tuple[str, ...] = (),
        **facts: Any,
    ) -> None:
        super().__init__(operation, code, message, **facts)
        self.adapters = adapters
        """The adapter components attached to the base, deleted first to delete the base."""


class QuotaExceeded(ServiceError):
    """An account limit was reached (``ResourceLimitExceeded``); retrying will not help.

    Examples:
        >>> QuotaExceeded("CreateInferenceComponent", "ResourceLimitExceeded", "limit",
        ...               status=400).fault
        'client'
    """


class Throttled(ServiceError):
    """The service kept throttling until icsdk's retries ran out.

    Examples:
        >>> Throttled("CreateInferenceComponent", "ThrottlingException", "Rate exceeded").throttling
        True
    """


class AccessDenied(ServiceError, PermissionError):
    """The credentials may not perform this call.

    Examples:
        >>> issubclass(AccessDenied, PermissionError)
        True
    """


class ModelError(ServiceError):
    """The model container answered an invocation with an error.

    Examples:
        >>> ModelError("InvokeEndpoint", "ModelError", "boom", original_status=500).original_status
        500
    """

    def __init__(
        self,
        operation: str,
        code: str,
        message: str,
        *,
        original_status: int | None = None,
        original_message: str | None = None,
        log_stream_arn: str | None = None,
        **facts: Any,
    ) -> None:
        super().__init__(operation, code, message, **facts)
        self.original_status = original_status
        """The HTTP status the model container returned."""
        self.original_message = original_message
        """The model container's own message."""
        self.log_stream_arn = log_stream_arn
        """Where the container's logs are."""


class NoCapacity(ServiceError):
    """The component has no copy to serve the invocation (zero copies, or still scaling).

    Examples:
        >>> issubclass(NoCapacity, ServiceError)
        True
    """


class ModelNotReady(ServiceError):
    """The model is not ready to serve yet (still loading).

    Examples:
        >>> ModelNotReady("InvokeEndpoint", "ModelNotReadyException", "loading", status=429).status
        429
    """

    transient = True
