"""The runtime: InvokeEndpoint and its response stream, served by handlers standing in for models.

An invocation is routed by its inference-component header to a handler registered for the
component or for its model (an adapter's model is its base's); without one, a JSON echo answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, cast

from ._metrics import Metrics
from ._protocol import (
    NO_CAPACITY_MESSAGE,
    AwsError,
    InvokeRequest,
    Reply,
    model_error,
)
from ._service import Service

__all__ = ["Handler", "Invocation", "ModelFailure", "Runtime", "echo"]


@dataclass(frozen=True)
class Invocation:
    """A request to a model, as a registered handler receives it.

    Examples:
        >>> Invocation("llama-8b", "m", b"{}", "application/json", None, None).component
        'llama-8b'
    """

    component: str
    model: str | None
    body: bytes
    content_type: str | None
    accept: str | None
    custom_attributes: str | None


class ModelFailure(Exception):
    """Raise from a handler to make the model answer with an HTTP error (a runtime ModelError).

    Examples:
        >>> ModelFailure(400, "input too long").status
        400
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


Handler = Callable[[Invocation], "bytes | str | Mapping[str, Any] | Iterable[bytes]"]


def echo(invocation: Invocation) -> Mapping[str, Any]:
    """The default handler: a JSON echo naming the component and model.

    Examples:
        >>> echo(Invocation("a", "m", b'"hi"', None, None, None))
        {'component': 'a', 'model': 'm', 'input': 'hi'}
    """
    try:
        body: Any = json.loads(invocation.body or b"null")
    except ValueError:
        body = invocation.body.decode("utf-8", "replace")
    return {"component": invocation.component, "model": invocation.model, "input": body}


class Runtime:
    """Invocations of one service's components, and the handlers that answer them."""

    def __init__(self, service: Service, metrics: Metrics | None = None) -> None:
        self._service = service
        self._handlers: dict[str, Handler] = {}
        self._metrics = metrics

    def register(self, name: str, handler: Handler) -> None:
        self._handlers[name] = handler

    def invoke(self, request: InvokeRequest) -> Reply:
        """Answer ``request`` with its handler's output, or raise the runtime's error."""
        name, model, variant, copies = self._target(request.endpoint, request.component)
        if self._metrics is not None and request.component is not None:
            self._metrics.invoked(name, copies)
        try:
            return self._answer(request, name, model, variant)
        finally:
            if self._metrics is not None and request.component is not None:
                self._metrics.finished(name)

    def _answer(self, request: InvokeRequest, name: str, model: str | None, variant: str) -> Reply:
        invocation = Invocation(
            component=name,
            model=model,
            body=request.body,
            content_type=request.content_type,
            accept=request.accept,
            custom_attributes=request.custom_attributes,
        )
        try:
            chunks = _chunks(self._handler_for(name, model)(invocation))
        except ModelFailure as failure:
            raise self._model_error(request, failure.status, failure.message) from None
        except Exception as crash:
            message = f"{type(crash).__name__}: {crash}"
            raise self._model_error(request, 500, message) from None
        accept = request.accept
        content_type = accept if accept and accept != "*/*" else "application/json"
        if not request.stream:
            return Reply(
                200,
                b"".join(chunks),
                content_type,
                (("x-Amzn-Invoked-Production-Variant", variant),),
            )
        return Reply(
            200,
            content_type="application/vnd.amazon.eventstream",
            headers=(
                ("X-Amzn-SageMaker-Content-Type", content_type),
                ("x-Amzn-Invoked-Production-Variant", variant),
            ),
            events=tuple(chunks),
        )

    def _target(self, endpoint: str, component: str | None) -> tuple[str, str | None, str, int]:
        """(component, model, variant, copies) for an invocation, or the runtime's error."""
        service = self._service
        store = service.store
        with service.lock:
            service.lifecycle.settle()
            found = store.endpoints.get(endpoint)
            # Case-insensitive when created, "but the case is preserved and must be matched in
            # InvokeEndpoint" (botocore's CreateEndpointInput.EndpointName).
            if found is None or found.name != endpoint:
                raise AwsError(
                    "ValidationError",
                    f"Endpoint {endpoint} of account {store.account} not found.",
                )
            if component is None:
                if found.hosts_components:
                    raise AwsError(
                        "ValidationError",
                        "Inference Component Name header is required for endpoints to which you "
                        "plan to deploy inference components. Please include Inference Component "
                        "Name header or consider using SageMaker models.",
                    )
                return endpoint, None, found.variants[0]["VariantName"], 1
            if not found.hosts_components:
                # Quoted word for word (including "dont") by two public test suites.
                raise AwsError(
                    "ValidationError",
                    "Inference Component Name header is not allowed for endpoints to which you "
                    "dont plan to deploy inference components. Please remove the Inference "
                    "Component Name header and try again.",
                )
            target = store.components.get(component)
            # Matched exactly too (assumed: the component name is matched like the endpoint's).
            if target is None or target.name != component or target.endpoint != endpoint:
                raise AwsError(
                    "ValidationError",
                    f"Inference Component {component} not found for endpoint {endpoint}.",
                )
            if target.status in ("Creating", "Failed") and not target.placed:
                raise AwsError(
                    "ModelNotReadyException",
                    f"Model for inference component {component} is not ready.",
                    429,
                )
            copies = service.placement.current_copies(target)
            if copies == 0:
                if self._metrics is not None:
                    self._metrics.refused(component)
                raise AwsError("ValidationError", NO_CAPACITY_MESSAGE)
            base = store.components.get(target.base) if target.base else None
            return component, (base or target).model, target.variant, copies

    def _handler_for(self, component: str, model: str | None) -> Handler:
        for key in (component, model):
            if key is not None and key in self._handlers:
                return self._handlers[key]
        return echo

    def _model_error(self, request: InvokeRequest, status: int, message: str) -> AwsError:
        store = self._service.store
        return model_error(
            request.endpoint, status, message, region=store.region, account=store.account
        )


def _chunks(produced: object) -> list[bytes]:
    if isinstance(produced, bytes):
        return [produced]
    if isinstance(produced, str):
        return [produced.encode()]
    if isinstance(produced, Mapping):
        return [json.dumps(produced).encode()]
    if isinstance(produced, Iterable):
        return [
            part if isinstance(part, bytes) else str(part).encode()
            for part in cast("Iterable[object]", produced)
        ]
    raise TypeError(f"a handler returned {type(produced).__name__}")
