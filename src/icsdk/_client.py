"""Client: the documented facade over transport, operations, reconciling, waiting and invoking."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._client_endpoints import EndpointMethods
from ._client_reads import Reading
from ._invoke import Invoker
from ._lazy import Once
from ._operations import Operations
from ._retry import RetryPolicy
from ._time import SYSTEM_CLOCK, Clock
from ._transport import (
    CONTROL_READ_TIMEOUT,
    INVOKE_READ_TIMEOUT,
    ClientMaker,
    Transport,
    explicit_clients,
    session_clients,
)
from ._waiting import Polling

if TYPE_CHECKING:
    import boto3
    from mypy_boto3_application_autoscaling import ApplicationAutoScalingClient
    from mypy_boto3_cloudwatch import CloudWatchClient
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient

    from ._client_parts import Parts


__all__ = ["Client"]


class Client(EndpointMethods, Reading):
    """Create, inspect, change, wait for, invoke and delete inference components and endpoints.

    Built without arguments, it makes its own boto3 clients (the default session) with a single
    botocore attempt per call, so its own [`RetryPolicy`][icsdk.RetryPolicy] is the only retry
    layer. The ``sagemaker-runtime``, ``application-autoscaling`` and ``cloudwatch`` clients it
    needs for invoking and autoscaling are made the same way on first use, unless given; a boto3
    client passed in never resends icsdk's requests. ``clock`` (the system clock by default)
    times every wait, backoff and deadline. Thread-safe.

    Examples:
        >>> from icsdk import ComputeRequirements, InferenceComponent
        >>> from icsdk.testing import LocalSageMaker
        >>> with LocalSageMaker() as local:
        ...     _ = local.create_model("llama-8b-model")
        ...     _ = local.create_endpoint("shared-gpu")
        ...     client = local.client()
        ...     ic = (InferenceComponent.builder("llama-8b").endpoint("shared-gpu")
        ...           .model("llama-8b-model").compute(ComputeRequirements(min_memory_mb=1024))
        ...           .copies(1).build())
        ...     _ = client.apply(ic, wait=True)
        ...     client.invoke("llama-8b", b'{"inputs": "hi"}').json()["component"]
        'llama-8b'
    """

    def __init__(
        self,
        sagemaker: SageMakerClient | None = None,
        runtime: SageMakerRuntimeClient | None = None,
        *,
        retry: RetryPolicy | None = None,
        polling: Polling | None = None,
        region: str | None = None,
        clock: Clock | None = None,
        autoscaling: ApplicationAutoScalingClient | None = None,
        cloudwatch: CloudWatchClient | None = None,
        make_client: ClientMaker | None = None,
    ) -> None:
        self._transport = Transport(
            sagemaker,
            runtime,
            retry=retry if retry is not None else RetryPolicy(),
            clock=clock if clock is not None else SYSTEM_CLOCK,
            region=region,
            autoscaling=autoscaling,
            cloudwatch=cloudwatch,
            make_client=make_client,
        )
        self._polling = polling if polling is not None else Polling()
        self._operations = Operations(self._transport)
        self._invoker = Invoker(self._transport, self._operations)
        # Made on the first call that needs them; the lambda holds the parts it needs, not self.
        transport, operations = self._transport, self._operations
        self._parts = Once(lambda: _load_parts(transport, operations))

    @classmethod
    def from_session(
        cls,
        session: boto3.Session,
        *,
        region: str | None = None,
        endpoint_url: str | None = None,
        retry: RetryPolicy | None = None,
        polling: Polling | None = None,
        clock: Clock | None = None,
    ) -> Client:
        """A client whose boto3 clients come from ``session`` (profile, credentials, region).

        Examples:
            >>> import boto3
            >>> client = Client.from_session(boto3.Session(region_name="eu-west-1",
            ...     aws_access_key_id="x", aws_secret_access_key="y"))
            >>> client.region
            'eu-west-1'
        """
        make = session_clients(session, region=region, endpoint_url=endpoint_url)
        return cls(
            make("sagemaker", CONTROL_READ_TIMEOUT),
            make("sagemaker-runtime", INVOKE_READ_TIMEOUT),
            retry=retry,
            polling=polling,
            clock=clock,
            make_client=make,
        )

    @classmethod
    def from_endpoint(
        cls,
        endpoint_url: str,
        *,
        region: str,
        credentials: tuple[str, str],
        retry: RetryPolicy | None = None,
        polling: Polling | None = None,
        clock: Clock | None = None,
    ) -> Client:
        """A client for a SageMaker-compatible service at ``endpoint_url`` (LocalSageMaker).

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...                      credentials=("testing", "testing")).region
            'us-east-1'
        """
        make = explicit_clients(endpoint_url, region=region, credentials=credentials)
        return cls(
            make("sagemaker", CONTROL_READ_TIMEOUT),
            make("sagemaker-runtime", INVOKE_READ_TIMEOUT),
            retry=retry,
            polling=polling,
            clock=clock,
            make_client=make,
        )

    @property
    def region(self) -> str:
        """The AWS region this client talks to.

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="eu-west-1",
            ...                      credentials=("a", "b")).region
            'eu-west-1'
        """
        return self._transport.region

    @property
    def retry(self) -> RetryPolicy:
        """The retry policy in force (lowered when a boto3 client passed in retries itself).

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...                      credentials=("a", "b")).retry.attempts
            5
        """
        return self._transport.retry

    @property
    def sagemaker(self) -> SageMakerClient:
        """The boto3 ``sagemaker`` client this client calls.

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...     credentials=("a", "b")).sagemaker.meta.service_model.service_name
            'sagemaker'
        """
        return self._transport.sagemaker

    @property
    def autoscaling(self) -> ApplicationAutoScalingClient:
        """The boto3 ``application-autoscaling`` client for components' scaling (made on first use).

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...     credentials=("a", "b")).autoscaling.meta.service_model.service_name
            'application-autoscaling'
        """
        return self._transport.autoscaling

    @property
    def cloudwatch(self) -> CloudWatchClient:
        """The boto3 ``cloudwatch`` client for the scale-to-zero alarm (made on first use).

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...     credentials=("a", "b")).cloudwatch.meta.service_model.service_name
            'cloudwatch'
        """
        return self._transport.cloudwatch

    @property
    def runtime(self) -> SageMakerRuntimeClient:
        """The boto3 ``sagemaker-runtime`` client used by `invoke` (made on first use).

        Examples:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...     credentials=("a", "b")).runtime.meta.service_model.service_name
            'sagemaker-runtime'
        """
        return self._transport.runtime


def _load_parts(transport: Transport, operations: Operations) -> Parts:
    # Deferred on purpose (CONTRIBUTING.md, "What loads when"): a program that never plans,
    # applies, deletes or touches an endpoint never loads endpoints, scaling and reconciling.
    from ._client_parts import Parts

    return Parts(transport, operations)
