"""Invoking a component: the typed result, the stream of parts, and the endpoint cache."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ._aws_errors import map_error
from ._constraints import Problem
from ._errors import SpecError
from ._retry import call_once
from ._service_errors import ComponentNotFound, ModelError, ServiceError
from ._state import InvokeResult
from ._transport import Transport
from ._wire.calls import invoke_request, parse_invoke, stream_events

if TYPE_CHECKING:
    from ._operations import Operations

__all__ = ["Invoker", "stream_parts"]

T = TypeVar("T")


def stream_parts(operation: str, events: Any) -> Iterator[bytes]:
    """The payload parts of a response stream, as they come.

    botocore raises the stream's exception events: a ``ModelStreamError`` becomes ModelError
    (the model failed mid-answer), an ``InternalStreamFailure`` the mapped ServiceError. A
    stream cut short raises ConnectionFailed, never botocore's or urllib3's error.
    """
    # botocore's event stream reads urllib3 directly and lets its errors through. urllib3 is
    # loaded by the time a stream exists, so this costs nothing at icsdk's import.
    from urllib3.exceptions import HTTPError as BrokenStream

    iterator = iter(events)
    try:
        while True:
            try:
                event = call_once(operation, lambda: next(iterator))
            except StopIteration:
                return
            except BrokenStream as raw:
                raise map_error(operation, raw) from raw
            except ServiceError as error:
                if error.code != "ModelStreamError":
                    raise
                raise ModelError(operation, error.code, error.message) from error.__cause__
            event_map: Mapping[str, Any] = event
            if "PayloadPart" in event_map:
                yield event_map["PayloadPart"].get("Bytes", b"")
    finally:
        # A stream left after an error event (or by a caller that stopped early) still holds
        # its connection; closing releases it rather than leaving it to the garbage collector.
        close = getattr(events, "close", None)
        if close is not None:
            close()


class Invoker:
    """Sends invocations to components, finding (and caching) each component's endpoint."""

    def __init__(self, transport: Transport, operations: Operations) -> None:
        self._transport = transport
        self._operations = operations
        self._lock = threading.Lock()
        self._endpoints: dict[str, str] = {}

    def forget(self, name: str) -> None:
        """Drop the cached endpoint of ``name`` (it was deleted)."""
        with self._lock:
            self._endpoints.pop(name, None)

    def _endpoint_of(self, name: str, *, fresh: bool = False) -> str:
        with self._lock:
            known = None if fresh else self._endpoints.get(name)
        if known is not None:
            return known
        endpoint = self._operations.describe(name).endpoint
        with self._lock:
            self._endpoints[name] = endpoint
        return endpoint

    def _with_endpoint(self, name: str, send: Callable[[str], T]) -> T:
        try:
            return send(self._endpoint_of(name))
        except ComponentNotFound:
            # The component may have moved or been re-created since its endpoint was cached.
            return send(self._endpoint_of(name, fresh=True))

    def invoke(
        self, name: str, body: bytes | str, options: Mapping[str, str | None]
    ) -> InvokeResult:
        """InvokeEndpoint on ``name``'s endpoint; the answer read in full."""
        _check_body(body)

        def send(endpoint: str) -> InvokeResult:
            kwargs = invoke_request(endpoint, name, body, stream=False, **options)
            return self._transport.call(
                "InvokeEndpoint",
                lambda: parse_invoke(self._transport.runtime.invoke_endpoint(**kwargs)),
            )

        return self._with_endpoint(name, send)

    def invoke_stream(
        self, name: str, body: bytes | str, options: Mapping[str, str | None]
    ) -> Iterator[bytes]:
        """InvokeEndpointWithResponseStream on ``name``'s endpoint; the parts as they come."""
        _check_body(body)
        operation = "InvokeEndpointWithResponseStream"

        def send(endpoint: str) -> Any:
            kwargs = invoke_request(endpoint, name, body, stream=True, **options)
            return self._transport.call(
                operation,
                lambda: self._transport.runtime.invoke_endpoint_with_response_stream(**kwargs),
            )

        return stream_parts(operation, stream_events(self._with_endpoint(name, send)))


def _check_body(body: object) -> None:
    if not isinstance(body, bytes | str):
        raise SpecError([Problem("body", f"must be bytes or str, got {type(body).__name__}")])
