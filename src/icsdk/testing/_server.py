"""LocalSageMaker: a SageMaker that real boto3 clients talk to over HTTP on 127.0.0.1.

The facade wires the pieces: HTTP in front, one admission step (rate limit -> fault -> journal),
then the service (control plane) or the runtime (invocations), all on one clock.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal, cast

from .. import Client, Polling
from ._admission import Admission
from ._capacity import DEFAULT_INSTANCES, InstanceCapacity
from ._clients import BotoClients
from ._clock import ServiceClock
from ._faults import FaultPlan, Journal, RateLimits
from ._front import Front
from ._http import HttpServer
from ._metrics import Metrics
from ._monitoring import TICK, Monitoring
from ._protocol import InvokeRequest, Reply, to_json
from ._runtime import Handler, Runtime
from ._service import Service

if TYPE_CHECKING:
    from types import TracebackType

    from .. import RetryPolicy
    from .._time import Clock

__all__ = ["LocalSageMaker"]


class LocalSageMaker(BotoClients):
    """A local, protocol-faithful SageMaker for inference components.

    It speaks SageMaker's JSON 1.1 protocol and the runtime's REST JSON protocol on 127.0.0.1,
    and, for autoscaling components, Application Auto Scaling's JSON 1.1 and CloudWatch's
    Smithy RPC v2 CBOR on the same port, so real boto3 clients (and the AWS CLI with
    ``--endpoint-url``) talk to it. State is per instance; lifecycles and autoscaling run on
    real time with short delays, or on a manual clock.

    Misbehaving clients cannot take it down: it serves at most ``max_connections`` connections
    at once (one thread each; the next waits up to twice ``connection_timeout`` for a slot,
    then is closed), every socket read or write gives up after ``connection_timeout`` seconds,
    and malformed requests get an AWS-shaped error, never a traceback.

    Managed instance scaling launches instances in ``instance_delay`` for copies that do not
    fit, and releases those that held no copy for ``idle_delay``.

    As on AWS, a model named by a component or an endpoint configuration must exist
    ('Could not find model "arn:..."');
    [`create_model`][icsdk.testing.LocalSageMaker.create_model] makes one in a line.
    ``require_models=False`` accepts any model name, for tests about something else.

    Examples:
        >>> with LocalSageMaker(clock="manual") as local:
        ...     sagemaker = local.sagemaker_client()
        ...     _ = local.create_endpoint("shared-gpu", instance_type="ml.g5.12xlarge")
        ...     _ = local.create_model("m")
        ...     _ = sagemaker.create_inference_component(
        ...         InferenceComponentName="a",
        ...         EndpointName="shared-gpu",
        ...         VariantName="AllTraffic",
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
        max_connections: int = 64,
        connection_timeout: float = 5.0,
        require_models: bool = True,
        instance_delay: float = 0.3,
        idle_delay: float = 600.0,
    ) -> None:
        if max_connections < 1 or connection_timeout <= 0:
            raise ValueError("max_connections must be >= 1 and connection_timeout > 0")
        self.region = region
        self.account = account
        self._clock = ServiceClock(manual=clock == "manual")
        self._service = Service(
            now=self._clock.now,
            region=region,
            account=account,
            create_delay=create_delay,
            update_delay=update_delay,
            delete_delay=delete_delay,
            endpoint_delay=endpoint_delay,
            instances=instances,
            require_models=require_models,
            instance_delay=instance_delay,
            idle_delay=idle_delay,
        )
        self._clock.on_advance(self._service.settle)
        metrics = Metrics(self._clock.now)
        self._monitoring = Monitoring(self._service, metrics, self._clock.now)
        self._clock.on_advance(self._settle, every=TICK)
        self._runtime = Runtime(self._service, metrics)
        self.faults = FaultPlan()
        """Faults to inject into the next requests."""
        self.journal = Journal()
        """Every request received, for tests to query."""
        self.rate_limits = RateLimits()
        """Per-operation token buckets; over the limit answers ThrottlingException."""
        self._admission = Admission(
            now=self._clock.now,
            rate_limits=self.rate_limits,
            faults=self.faults,
            journal=self.journal,
            region=region,
            account=account,
        )
        self._front = Front(self._monitoring, self._admission, self._clock.now)
        self._port = port
        self._max_connections = max_connections
        self._connection_timeout = connection_timeout
        self._http: HttpServer | None = None

    # -- lifecycle of the server -------------------------------------------------------------

    def start(self) -> LocalSageMaker:
        """Start serving in a background thread (``with`` does this for you).

        Examples:
            >>> local = LocalSageMaker().start()
            >>> local.endpoint_url.startswith("http://127.0.0.1:")
            True
            >>> local.stop()
        """
        if self._http is None:
            self._http = HttpServer(
                self._port,
                self._control,
                self._invoke,
                max_connections=self._max_connections,
                connection_timeout=self._connection_timeout,
                other=self._front.serve,
            )
        return self

    def stop(self) -> None:
        """Stop serving, close every connection and wait for the server's threads.

        Examples:
            >>> LocalSageMaker().start().stop()
        """
        http, self._http = self._http, None
        if http is not None:
            http.stop()

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

        Examples:
            >>> with LocalSageMaker() as local:
            ...     local.endpoint_url.startswith("http://127.0.0.1:")
            True
        """
        if self._http is None:
            raise RuntimeError("LocalSageMaker is not running; use start() or a with block")
        return self._http.url

    # -- clients -----------------------------------------------------------------------------

    def client(self, *, retry: RetryPolicy | None = None, polling: Polling | None = None) -> Client:
        """An [`icsdk.Client`][icsdk.Client] on this service, on this service's clock.

        It waits on [`clock`][icsdk.testing.LocalSageMaker.clock]: on a manual clock, its
        waits and backoff move the service's time instead of sleeping, and it polls as on AWS
        (the default `Polling`); on the real clock it polls every 20 ms to 0.2 s, since the
        local service's delays are short. ``polling`` overrides either.

        Examples:
            >>> with LocalSageMaker() as local:
            ...     list(local.client().list())
            []
        """
        return Client.from_endpoint(
            self.endpoint_url,
            region=self.region,
            credentials=("testing", "testing"),
            retry=retry,
            polling=polling if polling is not None else self._polling(),
            clock=self._clock,
        )

    def _polling(self) -> Polling:
        return Polling() if self._clock.manual else Polling(initial=0.02, maximum=0.2)

    # -- controlling the service -------------------------------------------------------------

    @property
    def clock(self) -> Clock:
        """The clock this service runs on, an icsdk `Clock` to give to a Client (``clock=``).

        Real: the system clock. Manual: ``sleep(seconds)`` moves the service's time forward
        at once (exactly as [`advance`][icsdk.testing.LocalSageMaker.advance] does), and
        ``monotonic()`` reads the manual time, so a Client waiting on it never really waits.

        Examples:
            >>> with LocalSageMaker(clock="manual") as local:
            ...     before = local.now()
            ...     local.clock.sleep(1800)  # half an hour passes, at once
            ...     local.now() - before
            1800.0
        """
        return self._clock

    def advance(self, seconds: float) -> None:
        """Move the manual clock forward (``LocalSageMaker(clock="manual")`` only).

        Examples:
            >>> with LocalSageMaker(clock="manual") as local:
            ...     local.advance(30)
        """
        self._clock.advance(seconds)

    def now(self) -> float:
        """The service's current time (epoch seconds).

        Examples:
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
        partitions: Sequence[str] | None = None,
    ) -> str:
        """Create an endpoint that can host components (no model on its variant); its ARN.

        A shortcut for CreateEndpointConfig (placeholder role) + CreateEndpoint, without
        journal entries. ``partitions`` is the variant's accelerator partition layout (MIG
        profiles such as ``"mig-3g.40gb"``, carved on every accelerator); its components then
        each take one partition.

        Examples:
            >>> with LocalSageMaker() as local:
            ...     local.create_endpoint("shared-gpu").endswith(":endpoint/shared-gpu")
            True
        """
        return self._service.create_endpoint(
            name,
            instance_type=instance_type,
            instance_count=instance_count,
            variant=variant,
            partitions=None if partitions is None else list(partitions),
        )

    def create_model(self, name: str) -> str:
        """Create a SageMaker model called ``name`` (placeholder role and image); its ARN.

        A shortcut for CreateModel, without a journal entry, for components that name a model.

        Examples:
            >>> with LocalSageMaker() as local:
            ...     local.create_model("llama-8b-model").endswith(":model/llama-8b-model")
            True
        """
        return self._service.create_model(name)

    def fail_next_deployment(self, component: str, reason: str) -> None:
        """Make the next create or update of ``component`` end in Failed with ``reason``.

        Examples:
            >>> LocalSageMaker().fail_next_deployment("a", "CUDA out of memory")
        """
        self._service.fail_next_deployment(component, reason)

    def fail_next_endpoint_deployment(self, endpoint: str, reason: str) -> None:
        """Make the next create of ``endpoint`` end in Failed, or its next update roll back.

        Examples:
            >>> LocalSageMaker().fail_next_endpoint_deployment("shared-gpu", "health check")
        """
        self._service.fail_next_endpoint_deployment(endpoint, reason)

    def register_handler(self, name: str, handler: Handler) -> None:
        """Serve invocations of component or model ``name`` with ``handler``.

        The handler gets an [`Invocation`][icsdk.testing.Invocation] and returns bytes, text,
        a JSON-able mapping, or (for streaming) an iterable of byte chunks. Raising
        [`ModelFailure`][icsdk.testing.ModelFailure] or any exception answers ``ModelError``
        (424), as a failing container does.

        Examples:
            >>> local = LocalSageMaker()
            >>> local.register_handler("llama-8b-model", lambda inv: b"hello")
        """
        self._runtime.register(name, handler)

    def handler(self, name: str) -> Callable[[Handler], Handler]:
        """Decorator form of [`register_handler`][icsdk.testing.LocalSageMaker.register_handler].

        Examples:
            >>> from icsdk.testing import Invocation
            >>> local = LocalSageMaker()
            >>> @local.handler("llama-8b")
            ... def reply(invocation: Invocation) -> bytes:
            ...     return b"hi"
        """

        def register(function: Handler) -> Handler:
            self.register_handler(name, function)
            return function

        return register

    # -- serving (called by the HTTP threads) ------------------------------------------------

    def _settle(self) -> None:
        self._monitoring.settle(self._clock.now())

    def _control(self, operation: str, params: Any) -> Reply:
        self._settle()

        def serve() -> Reply:
            return Reply(body=to_json(self._service.handle(operation, params)))

        return self._admission.admit(operation, params, _component_name(params), serve, rest=False)

    def _invoke(self, request: InvokeRequest) -> Reply:
        self._settle()
        return self._admission.admit(
            request.operation,
            {"EndpointName": request.endpoint, "Body": request.body},
            request.component,
            lambda: self._runtime.invoke(request),
            rest=True,
        )


def _component_name(params: object) -> str | None:
    """The component a request names, else its endpoint (the journal's ``name``)."""
    if not isinstance(params, dict):
        return None
    given = cast("dict[str, object]", params)
    name = given.get("InferenceComponentName", given.get("EndpointName"))
    return name if isinstance(name, str) else None
