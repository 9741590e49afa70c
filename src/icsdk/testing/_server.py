"""LocalSageMaker: a SageMaker that real boto3 clients talk to over HTTP on 127.0.0.1."""

from __future__ import annotations

import contextlib
import json
import re
import socket
import struct
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Literal, cast

from ._faults import Fault, FaultKind, FaultPlan, Journal, RateLimits
from ._protocol import AwsError, encode_event, to_json, validate_request
from ._service import (
    DEFAULT_INSTANCES,
    NO_CAPACITY_MESSAGE,
    Clock,
    InstanceCapacity,
    Service,
)

if TYPE_CHECKING:
    from types import TracebackType

    from botocore.config import Config
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient

    from .._client import Client
    from .._retry import RetryPolicy
    from .._waiting import Polling

__all__ = ["Invocation", "LocalSageMaker", "ModelFailure"]

_INVOKE = re.compile(r"^/endpoints/(?P<endpoint>[^/]+)/(?P<kind>invocations(-response-stream)?)$")
_OPERATIONS = {
    "CreateModel": "create_model",
    "DescribeModel": "describe_model",
    "DeleteModel": "delete_model",
    "CreateEndpointConfig": "create_endpoint_config",
    "DescribeEndpointConfig": "describe_endpoint_config",
    "DeleteEndpointConfig": "delete_endpoint_config",
    "CreateEndpoint": "create_endpoint",
    "DescribeEndpoint": "describe_endpoint",
    "DeleteEndpoint": "delete_endpoint",
    "CreateInferenceComponent": "create_inference_component",
    "DescribeInferenceComponent": "describe_inference_component",
    "UpdateInferenceComponent": "update_inference_component",
    "UpdateInferenceComponentRuntimeConfig": "update_inference_component_runtime_config",
    "DeleteInferenceComponent": "delete_inference_component",
    "ListInferenceComponents": "list_inference_components",
    "AddTags": "add_tags",
    "ListTags": "list_tags",
    "DeleteTags": "delete_tags",
}
_ERROR_FAULTS: Mapping[FaultKind, tuple[str, str, int]] = {
    FaultKind.THROTTLE: ("ThrottlingException", "Rate exceeded", 400),
    FaultKind.INTERNAL_ERROR: ("InternalFailure", "An internal error occurred.", 500),
    FaultKind.SERVICE_UNAVAILABLE: ("ServiceUnavailable", "Service is unavailable.", 503),
    FaultKind.QUOTA: (
        "ResourceLimitExceeded",
        "The account-level service limit for inference components has been reached.",
        400,
    ),
    FaultKind.ACCESS_DENIED: (
        "AccessDeniedException",
        "User is not authorized to perform this action.",
        400,
    ),
}


@dataclass(frozen=True)
class Invocation:
    """A request to a model, as a registered handler receives it.

    Example:
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

    Example:
        >>> ModelFailure(400, "input too long").status
        400
    """

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


Handler = Callable[[Invocation], "bytes | str | Mapping[str, Any] | Iterable[bytes]"]


def echo(invocation: Invocation) -> Mapping[str, Any]:
    """The default handler: a JSON echo naming the component and model."""
    try:
        body: Any = json.loads(invocation.body or b"null")
    except ValueError:
        body = invocation.body.decode("utf-8", "replace")
    return {"component": invocation.component, "model": invocation.model, "input": body}


class LocalSageMaker:
    """A local, protocol-faithful SageMaker for inference components.

    It speaks SageMaker's JSON 1.1 protocol and the runtime's REST JSON protocol on 127.0.0.1,
    so real boto3 clients (and the AWS CLI with ``--endpoint-url``) talk to it. State is per
    instance; lifecycles run on real time with short delays, or on a manual clock.

    Example:
        >>> with LocalSageMaker(clock="manual") as local:
        ...     sagemaker = local.sagemaker_client()
        ...     _ = local.create_endpoint("shared-gpu", instance_type="ml.g5.12xlarge")
        ...     _ = sagemaker.create_inference_component(
        ...         InferenceComponentName="a",
        ...         EndpointName="shared-gpu",
        ...         Specification={"ModelName": "m",
        ...                        "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024}},
        ...         RuntimeConfig={"CopyCount": 1},
        ...     )
        ...     local.advance(60)
        ...     sagemaker.describe_inference_component(InferenceComponentName="a")[
        ...         "InferenceComponentStatus"]
        'InService'
    """

    def __init__(
        self,
        *,
        clock: Literal["real", "manual"] = "real",
        create_delay: float = 0.3,
        update_delay: float = 0.3,
        delete_delay: float = 0.1,
        endpoint_delay: float = 0.0,
        region: str = "us-east-1",
        account: str = "123456789012",
        port: int = 0,
        instances: Mapping[str, InstanceCapacity] = DEFAULT_INSTANCES,
    ) -> None:
        self.region = region
        self.account = account
        self._clock = Clock(manual=clock == "manual")
        self._lock = threading.RLock()
        self._service = Service(
            clock=self._clock,
            region=region,
            account=account,
            create_delay=create_delay,
            update_delay=update_delay,
            delete_delay=delete_delay,
            endpoint_delay=endpoint_delay,
            instances=instances,
        )
        self.faults = FaultPlan()
        """Faults to inject into the next requests."""
        self.journal = Journal()
        """Every request received, for tests to query."""
        self.rate_limits = RateLimits()
        """Per-operation token buckets; over the limit answers ThrottlingException."""
        self._handlers: dict[str, Handler] = {}
        self._port = port
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle of the server -------------------------------------------------------------

    def start(self) -> LocalSageMaker:
        """Start serving in a background thread (``with`` does this for you).

        Example:
            >>> local = LocalSageMaker().start()
            >>> local.endpoint_url.startswith("http://127.0.0.1:")
            True
            >>> local.stop()
        """
        if self._server is not None:
            return self
        server = _Server(("127.0.0.1", self._port), _RequestHandler)
        server.local = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, name="LocalSageMaker", kwargs={"poll_interval": 0.05}
        )
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, close every connection and wait for the server's threads.

        Example:
            >>> LocalSageMaker().start().stop()
        """
        server, thread = self._server, self._thread
        if server is None or thread is None:
            return
        server.shutdown()
        server.close_connections()
        server.server_close()
        thread.join()
        self._server = self._thread = None

    def __enter__(self) -> LocalSageMaker:
        return self.start()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    @property
    def endpoint_url(self) -> str:
        """``http://127.0.0.1:PORT``, for ``endpoint_url=`` or ``aws --endpoint-url``.

        Example:
            >>> with LocalSageMaker() as local:
            ...     local.endpoint_url.startswith("http://127.0.0.1:")
            True
        """
        if self._server is None:
            raise RuntimeError("LocalSageMaker is not running; use start() or a with block")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    # -- clients -----------------------------------------------------------------------------

    def _client_kwargs(self, config: Config | None) -> dict[str, Any]:
        return {
            "region_name": self.region,
            "endpoint_url": self.endpoint_url,
            "aws_access_key_id": "testing",
            "aws_secret_access_key": "testing",
            "config": config,
        }

    def sagemaker_client(self, *, config: Config | None = None) -> SageMakerClient:
        """A real boto3 ``sagemaker`` client pointed at this service (dummy credentials).

        Example:
            >>> with LocalSageMaker() as local:
            ...     local.sagemaker_client().list_inference_components()["InferenceComponents"]
            []
        """
        from .._transport import explicit_client

        client: SageMakerClient = explicit_client("sagemaker", **self._client_kwargs(config))
        return client

    def runtime_client(self, *, config: Config | None = None) -> SageMakerRuntimeClient:
        """A real boto3 ``sagemaker-runtime`` client pointed at this service.

        Example:
            >>> with LocalSageMaker() as local:
            ...     local.runtime_client().meta.service_model.service_name
            'sagemaker-runtime'
        """
        from .._transport import explicit_client

        client: SageMakerRuntimeClient = explicit_client(
            "sagemaker-runtime", **self._client_kwargs(config)
        )
        return client

    def client(self, *, retry: RetryPolicy | None = None, polling: Polling | None = None) -> Client:
        """An :class:`icsdk.Client` on this service, with icsdk's own client configuration.

        It polls every 20 ms to 0.2 s (the local service's delays are short), unless told
        otherwise.

        Example:
            >>> with LocalSageMaker() as local:
            ...     list(local.client().list())
            []
        """
        from .._client import Client
        from .._waiting import Polling

        return Client.from_endpoint(
            self.endpoint_url,
            region=self.region,
            credentials=("testing", "testing"),
            retry=retry,
            polling=polling if polling is not None else Polling(initial=0.02, maximum=0.2),
        )

    # -- controlling the service -------------------------------------------------------------

    def advance(self, seconds: float) -> None:
        """Move the manual clock forward (``LocalSageMaker(clock="manual")`` only).

        Example:
            >>> with LocalSageMaker(clock="manual") as local:
            ...     local.advance(30)
        """
        with self._lock:
            self._clock.advance(seconds)
            self._service.settle()

    def now(self) -> float:
        """The service's current time (epoch seconds).

        Example:
            >>> LocalSageMaker(clock="manual").now() > 0
            True
        """
        return self._clock.now()

    def create_endpoint(
        self,
        name: str,
        *,
        instance_type: str = "ml.g5.12xlarge",
        instance_count: int = 1,
        variant: str = "AllTraffic",
    ) -> str:
        """Create an endpoint that can host components (no model on its variant); its ARN.

        A shortcut for CreateEndpointConfig + CreateEndpoint, without journal entries.

        Example:
            >>> with LocalSageMaker() as local:
            ...     local.create_endpoint("shared-gpu").endswith(":endpoint/shared-gpu")
            True
        """
        variant_spec = {
            "VariantName": variant,
            "InstanceType": instance_type,
            "InitialInstanceCount": instance_count,
        }
        with self._lock:
            self._service.create_endpoint_config(
                {"EndpointConfigName": f"{name}-config", "ProductionVariants": [variant_spec]}
            )
            arn = self._service.create_endpoint(
                {"EndpointName": name, "EndpointConfigName": f"{name}-config"}
            )["EndpointArn"]
            self._service.settle()
        return str(arn)

    def fail_next_deployment(self, component: str, reason: str) -> None:
        """Make the next create or update of ``component`` end in Failed with ``reason``.

        Example:
            >>> LocalSageMaker().fail_next_deployment("a", "CUDA out of memory")
        """
        with self._lock:
            self._service.fail_next_deployment(component, reason)

    def register_handler(self, name: str, handler: Handler) -> None:
        """Serve invocations of component or model ``name`` with ``handler``.

        The handler gets an :class:`Invocation` and returns bytes, text, a JSON-able mapping,
        or (for streaming) an iterable of byte chunks. Raising :class:`ModelFailure` or any
        exception answers ``ModelError`` (424), as a failing container does.

        Example:
            >>> local = LocalSageMaker()
            >>> local.register_handler("llama-8b-model", lambda inv: b"hello")
        """
        self._handlers[name] = handler

    def handler(self, name: str) -> Callable[[Handler], Handler]:
        """Decorator form of :meth:`register_handler`.

        Example:
            >>> local = LocalSageMaker()
            >>> @local.handler("llama-8b")
            ... def reply(invocation: Invocation) -> bytes:
            ...     return b"hi"
        """

        def register(function: Handler) -> Handler:
            self.register_handler(name, function)
            return function

        return register

    # -- request processing (called by the HTTP handler threads) -----------------------------

    def _control(self, operation: str, params: dict[str, Any]) -> dict[str, Any]:
        method = _OPERATIONS.get(operation)
        if method is None:
            raise AwsError("UnknownOperationException", f"Unknown operation {operation}")
        validate_request("sagemaker", operation, params)
        with self._lock:
            result = getattr(self._service, method)(params)
        return cast("dict[str, Any]", result)

    def _invoke_target(self, endpoint: str, component: str | None) -> tuple[str, str | None, str]:
        """(component, model, variant) for an invocation, or the runtime's error."""
        with self._lock:
            service = self._service
            service.settle()
            found = service.endpoints.get(endpoint)
            if found is None:
                raise AwsError(
                    "ValidationError",
                    f"Endpoint {endpoint} of account {self.account} not found.",
                )
            if component is None:
                if found.hosts_components:
                    raise AwsError(
                        "ValidationError",
                        "Inference Component Name header is required for endpoints to which you "
                        "plan to deploy inference components. Please include Inference Component "
                        "Name header or consider using SageMaker models.",
                    )
                return endpoint, None, found.variants[0]["VariantName"]
            target = service.components.get(component)
            if target is None or target.endpoint != endpoint:
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
            if service.current_copies(target) == 0:
                raise AwsError("ValidationError", NO_CAPACITY_MESSAGE)
            base = service.components.get(target.base) if target.base else None
            spec = (base or target).specification or ((base or target).specifications or [{}])[0]
            return component, spec.get("ModelName"), target.variant

    def _handler_for(self, component: str, model: str | None) -> Handler:
        for key in (component, model):
            if key is not None and key in self._handlers:
                return self._handlers[key]
        return echo


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    local: LocalSageMaker

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        self._workers: set[threading.Thread] = set()

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        worker = threading.Thread(
            target=self.process_request_thread, args=(request, client_address), daemon=True
        )
        with self._open_lock:
            self._workers = {t for t in self._workers if t.is_alive()} | {worker}
        worker.start()

    def shutdown_request(self, request: Any) -> None:
        with self._open_lock:
            self._open.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        with self._open_lock:
            sockets, workers = list(self._open), list(self._workers)
        for sock in sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        for worker in workers:
            worker.join(timeout=5)


class _RequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes; without TCP_NODELAY, Nagle's algorithm and
    # delayed ACKs add ~40 ms to every keep-alive request.
    disable_nagle_algorithm = True
    server: _Server  # pyright: ignore[reportIncompatibleVariableOverride]

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the journal records every request."""

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length) if length else b""
        match = _INVOKE.match(self.path)
        if match is not None:
            self._runtime(match["endpoint"], match["kind"].endswith("stream"), body)
            return
        target = self.headers.get("X-Amz-Target", "")
        if not target.startswith("SageMaker."):
            self._error(AwsError("UnknownOperationException", f"Unknown target {target!r}"))
            return
        self._control(target.removeprefix("SageMaker."), body)

    # -- control plane -----------------------------------------------------------------------

    def _control(self, operation: str, body: bytes) -> None:
        local = self.server.local
        try:
            params: Any = json.loads(body or b"{}")
        except ValueError:
            self._error(AwsError("SerializationException", "The request body is not valid JSON."))
            return
        name = _component_name(params)
        record = {"at": local.now(), "operation": operation, "params": params, "name": name}
        if not local.rate_limits.allow(operation):
            local.journal.record(**record, outcome="RateLimited", status=400, committed=False)
            self._error(AwsError("ThrottlingException", "Rate exceeded"))
            return
        fault = local.faults.take(operation)
        if fault is not None and not fault.kind.commits:
            local.journal.record(**record, outcome=fault.kind.name, status=0, committed=False)
            self._refuse(fault)
            return
        try:
            result = local._control(operation, params)
        except AwsError as error:
            local.journal.record(**record, outcome=error.code, status=error.status, committed=False)
            self._error(error)
            return
        outcome = fault.kind.name if fault is not None else "ok"
        local.journal.record(**record, outcome=outcome, status=200, committed=True)
        if fault is not None and fault.kind is FaultKind.SLOW:
            time.sleep(fault.delay)
        elif fault is not None and fault.kind is FaultKind.RESET_AFTER:
            self._reset()
            return
        elif fault is not None and fault.kind is FaultKind.MALFORMED:
            self._send(
                200, b'{"InferenceComponentArn": "arn:aws:sage', "application/x-amz-json-1.1"
            )
            return
        self._send(200, to_json(result), "application/x-amz-json-1.1")

    def _refuse(self, fault: Fault, *, rest: bool = False) -> None:
        """Answer a fault that stops the request before it is processed."""
        if fault.kind is FaultKind.RESET_BEFORE:
            self._reset()
        elif fault.kind is FaultKind.BAD_GATEWAY:
            html = (
                b"<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>"
            )
            self._send(502, html, "text/html")
        elif fault.kind in _ERROR_FAULTS:
            code, message, status = _ERROR_FAULTS[fault.kind]
            self._error(AwsError(code, message, status), rest=rest)
        else:
            self._runtime_fault(fault)

    def _reset(self) -> None:
        # SO_LINGER 0: close() sends RST, as a load balancer dropping the connection does.
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.close_connection = True
        self.connection.close()

    def _send(self, status: int, body: bytes, content_type: str, **headers: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, error: AwsError, *, rest: bool = False) -> None:
        payload: dict[str, Any] = {"message": error.message, **error.extra}
        if rest:
            self._send(
                error.status,
                json.dumps(payload).encode(),
                "application/json",
                x_amzn_ErrorType=f"{error.code}:",
            )
        else:
            payload["__type"] = error.code
            self._send(error.status, json.dumps(payload).encode(), "application/x-amz-json-1.1")

    # -- runtime -----------------------------------------------------------------------------

    def _runtime_fault(self, fault: Fault) -> None:
        local = self.server.local
        if fault.kind is FaultKind.MODEL_ERROR:
            self._error(_model_error(local, "injected", 500, "injected model failure"), rest=True)
        elif fault.kind is FaultKind.NO_CAPACITY:
            self._error(AwsError("ValidationError", NO_CAPACITY_MESSAGE), rest=True)
        else:
            self._error(AwsError("ModelNotReadyException", "Model is not ready.", 429), rest=True)

    def _runtime(self, endpoint: str, stream: bool, body: bytes) -> None:
        local = self.server.local
        operation = "InvokeEndpointWithResponseStream" if stream else "InvokeEndpoint"
        component = self.headers.get("X-Amzn-SageMaker-Inference-Component")
        record = {
            "at": local.now(),
            "operation": operation,
            "params": {"Body": body},
            "name": component,
        }
        if not local.rate_limits.allow(operation):
            local.journal.record(**record, outcome="RateLimited", status=400, committed=False)
            self._error(AwsError("ThrottlingException", "Rate exceeded"), rest=True)
            return
        fault = local.faults.take(operation)
        if fault is not None and not fault.kind.commits:
            local.journal.record(**record, outcome=fault.kind.name, status=0, committed=False)
            self._refuse(fault, rest=True)
            return
        try:
            name, model, variant = local._invoke_target(endpoint, component)
            accept = self.headers.get("X-Amzn-SageMaker-Accept" if stream else "Accept")
            invocation = Invocation(
                component=name,
                model=model,
                body=body,
                content_type=self.headers.get("Content-Type"),
                accept=accept,
                custom_attributes=self.headers.get("X-Amzn-SageMaker-Custom-Attributes"),
            )
            try:
                produced = local._handler_for(name, model)(invocation)
                chunks = _chunks(produced)
            except ModelFailure as failure:
                raise _model_error(local, name, failure.status, failure.message) from None
            except Exception as crash:
                raise _model_error(local, name, 500, f"{type(crash).__name__}: {crash}") from None
        except AwsError as error:
            local.journal.record(**record, outcome=error.code, status=error.status, committed=False)
            self._error(error, rest=True)
            return
        local.journal.record(
            **record, outcome=fault.kind.name if fault else "ok", status=200, committed=True
        )
        if fault is not None and fault.kind is FaultKind.SLOW:
            time.sleep(fault.delay)
        elif fault is not None and fault.kind is FaultKind.RESET_AFTER:
            self._reset()
            return
        content_type = accept if accept and accept != "*/*" else "application/json"
        if not stream:
            self._send(
                200, b"".join(chunks), content_type, x_Amzn_Invoked_Production_Variant=variant
            )
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.amazon.eventstream")
        self.send_header("X-Amzn-SageMaker-Content-Type", content_type)
        self.send_header("x-Amzn-Invoked-Production-Variant", variant)
        self.send_header("x-amzn-RequestId", str(uuid.uuid4()))
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for chunk in chunks:
            event = encode_event("PayloadPart", chunk)  # Bytes is the event's payload
            self.wfile.write(f"{len(event):X}\r\n".encode() + event + b"\r\n")
        self.wfile.write(b"0\r\n\r\n")


def _component_name(params: object) -> str | None:
    if not isinstance(params, dict):
        return None
    name = cast("dict[str, object]", params).get("InferenceComponentName")
    return name if isinstance(name, str) else None


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


def _model_error(local: LocalSageMaker, component: str, status: int, message: str) -> AwsError:
    log_stream = (
        f"arn:aws:logs:{local.region}:{local.account}:log-group:/aws/sagemaker/"
        f"InferenceComponents/{component}"
    )
    return AwsError(
        "ModelError",
        f'Received server error ({status}) from primary with message "{message}". See '
        f"{log_stream} in account {local.account} for more information.",
        424,
        OriginalStatusCode=status,
        OriginalMessage=message,
        LogStreamArn=log_stream,
    )
