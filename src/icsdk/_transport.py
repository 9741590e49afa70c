"""The transport: the boto3 clients icsdk builds or is given, and the one path every call takes.

Every AWS call goes through [`Transport.call`][icsdk._transport.Transport.call] (retries,
settling, pacing and the deadline), and every list goes through
[`Transport.pages`][icsdk._transport.Transport.pages], which lets botocore's own paginators
carry the tokens, one page per call.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, TypeVar

from ._errors import NotConfigured
from ._log import install_redaction, logger
from ._pacing import Pacer
from ._retry import RetryPolicy, Settle, call, call_once
from ._time import Clock

if TYPE_CHECKING:
    import boto3
    from mypy_boto3_application_autoscaling import ApplicationAutoScalingClient
    from mypy_boto3_cloudwatch import CloudWatchClient
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient

__all__ = [
    "ClientMaker",
    "Transport",
    "boto3_client",
    "explicit_client",
    "explicit_clients",
    "icsdk_config",
    "parsed",
    "session_clients",
]

T = TypeVar("T")

CONTROL_READ_TIMEOUT = 30
INVOKE_READ_TIMEOUT = 70


def icsdk_config(read_timeout: float) -> Any:
    """botocore configuration for clients icsdk builds: one attempt per call, firm timeouts."""
    from botocore.config import Config

    # One attempt per call: icsdk's retry layer decides about the next, so a non-idempotent
    # create is never resent blindly by botocore.
    return Config(
        retries={"mode": "standard", "total_max_attempts": 1},
        connect_timeout=5,
        read_timeout=read_timeout,
    )


def boto3_client(session: boto3.Session, service: str, **kwargs: Any) -> Any:
    """``session.client(service, ...)``, typed loosely: boto3-stubs types only literal names."""
    make: Callable[..., Any] = session.client  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]
    return make(service, **kwargs)


ClientMaker = Callable[[str, float], Any]
"""``make(service, read_timeout)``: a boto3 client for another service, made like the first."""


def session_clients(
    session: boto3.Session, *, region: str | None, endpoint_url: str | None
) -> ClientMaker:
    """Clients from ``session``, at ``endpoint_url`` if given, each with icsdk's config."""

    def make(service: str, read_timeout: float) -> Any:
        return boto3_client(
            session,
            service,
            region_name=region,
            endpoint_url=endpoint_url,
            config=icsdk_config(read_timeout),
        )

    return make


def explicit_clients(
    endpoint_url: str, *, region: str, credentials: tuple[str, str]
) -> ClientMaker:
    """Clients of a SageMaker-compatible service (one URL for every service, LocalSageMaker)."""

    def make(service: str, read_timeout: float) -> Any:
        return explicit_client(
            service,
            region_name=region,
            endpoint_url=endpoint_url,
            aws_access_key_id=credentials[0],
            aws_secret_access_key=credentials[1],
            config=icsdk_config(read_timeout),
        )

    return make


_SHARED_LOCK = threading.Lock()


@functools.cache
def _shared_session() -> boto3.Session:
    """One session for clients given explicit credentials, so its loaded models are reused."""
    import boto3
    import botocore.session

    return boto3.Session(botocore_session=botocore.session.Session())


def explicit_client(service: str, **kwargs: Any) -> Any:
    """A boto3 client with explicit region, endpoint and credentials, made quickly."""
    with _SHARED_LOCK:
        return boto3_client(_shared_session(), service, **kwargs)


def parsed(parse: Callable[[Any], T], response: Any) -> T:
    """``parse(response)``; a response missing what the model promises is unreadable."""
    try:
        return parse(response)
    except (KeyError, TypeError, ValueError) as error:
        from botocore.parsers import ResponseParserError

        raise ResponseParserError(f"unreadable response: missing or bad {error}") from None


# Set while icsdk itself sends a request, so the handler below can tell icsdk's requests from
# the ones the application sends through the same boto3 client.
_SENDING: ContextVar[bool] = ContextVar("icsdk_sending", default=False)


def _botocore_attempts(client: Any) -> int:
    retries: Mapping[str, Any] = getattr(client.meta.config, "retries", None) or {}
    if "total_max_attempts" in retries:
        return int(retries["total_max_attempts"])
    if "max_attempts" in retries:
        return int(retries["max_attempts"]) + 1
    return 3 if retries.get("mode") in ("standard", "adaptive") else 5


def _no_resend_by_botocore(**_: Any) -> bool | None:
    # botocore asks every needs-retry handler and takes the first answer that is not None;
    # False means "do not retry" (botocore >= 1.43 honours it). icsdk's own requests are
    # retried, or settled, by icsdk alone.
    return False if _SENDING.get() else None


def _keep_retries_to_icsdk(client: Any) -> bool:
    """Turn botocore's retries off for the requests icsdk sends through ``client``.

    The application's own calls through the same client keep their retries. Returns whether
    the client retries on its own (so icsdk's sends must be marked).
    """
    if _botocore_attempts(client) <= 1:
        return False
    service = client.meta.service_model.service_id.hyphenize()
    client.meta.events.register_first(
        f"needs-retry.{service}", _no_resend_by_botocore, unique_id="icsdk-no-resend"
    )
    logger.info(
        "the boto3 %s client passed to icsdk retries on its own; icsdk turns that off for the "
        "requests it sends, so each is sent at most RetryPolicy.attempts times",
        service,
    )
    return True


def _marked(send: Callable[[], T]) -> Callable[[], T]:
    def marked() -> T:
        token = _SENDING.set(True)
        try:
            return send()
        finally:
            _SENDING.reset(token)

    return marked


# The paginators' names for the list operations icsdk reads.
_PAGINATORS = {
    "ListInferenceComponents": "list_inference_components",
    "ListTags": "list_tags",
}


class Transport:
    """The boto3 clients, the retry policy, the pacer and the clock of one Client."""

    def __init__(
        self,
        sagemaker: SageMakerClient | None,
        runtime: SageMakerRuntimeClient | None,
        *,
        retry: RetryPolicy,
        clock: Clock,
        region: str | None,
        autoscaling: ApplicationAutoScalingClient | None = None,
        cloudwatch: CloudWatchClient | None = None,
        make_client: ClientMaker | None = None,
    ) -> None:
        # Environment values never reach a log record, botocore's DEBUG records included.
        install_redaction()
        given = sagemaker
        if sagemaker is None:
            import boto3
            from botocore.exceptions import NoRegionError

            try:
                sagemaker = boto3_client(
                    boto3.Session(),
                    "sagemaker",
                    region_name=region,
                    config=icsdk_config(CONTROL_READ_TIMEOUT),
                )
            except NoRegionError as error:
                raise NotConfigured(
                    "Client", f"{error} (pass region=, or set AWS_DEFAULT_REGION)"
                ) from error
        # A client passed in may retry on its own; icsdk's requests through it must not be.
        mark = given is not None and _keep_retries_to_icsdk(given)
        for other in (runtime, autoscaling, cloudwatch):
            if other is not None:
                mark = _keep_retries_to_icsdk(other) or mark
        self._mark = mark
        self.sagemaker: SageMakerClient = sagemaker  # pyright: ignore[reportAttributeAccessIssue]
        self._made: dict[str, Any] = {
            name: client
            for name, client in (
                ("sagemaker-runtime", runtime),
                ("application-autoscaling", autoscaling),
                ("cloudwatch", cloudwatch),
            )
            if client is not None
        }
        self.region: str = region or self.sagemaker.meta.region_name
        self._make = make_client or self._from_default_session
        self.retry = retry
        self.clock = clock
        self.pacer = Pacer(clock)
        self._lock = threading.Lock()

    def _from_default_session(self, service: str, read_timeout: float) -> Any:
        """Another service's client, made like the ``sagemaker`` client it was given.

        A client pointed at a URL of its own (a SageMaker-compatible service such as
        LocalSageMaker, which answers every service on one URL) lends it its URL and its
        credentials; otherwise the default session and the service's own endpoint are used.
        """
        import boto3

        url = self.sagemaker.meta.endpoint_url
        if ".amazonaws.com" in url:
            return session_clients(boto3.Session(), region=self.region, endpoint_url=None)(
                service, read_timeout
            )
        signer = getattr(self.sagemaker, "_request_signer", None)
        credentials = getattr(signer, "_credentials", None)
        keys = getattr(credentials, "access_key", None), getattr(credentials, "secret_key", None)
        if keys[0] is None or keys[1] is None:
            return session_clients(boto3.Session(), region=self.region, endpoint_url=url)(
                service, read_timeout
            )
        return explicit_clients(url, region=self.region, credentials=(keys[0], keys[1]))(
            service, read_timeout
        )

    def _client(self, service: str, read_timeout: float) -> Any:
        with self._lock:
            client = self._made.get(service)
            if client is None:
                client = self._made[service] = self._make(service, read_timeout)
            return client

    @property
    def runtime(self) -> SageMakerRuntimeClient:
        """The ``sagemaker-runtime`` client, made on first use."""
        client: SageMakerRuntimeClient = self._client("sagemaker-runtime", INVOKE_READ_TIMEOUT)
        return client

    @property
    def autoscaling(self) -> ApplicationAutoScalingClient:
        """The ``application-autoscaling`` client, made on first use."""
        client: ApplicationAutoScalingClient = self._client(
            "application-autoscaling", CONTROL_READ_TIMEOUT
        )
        return client

    @property
    def cloudwatch(self) -> CloudWatchClient:
        """The ``cloudwatch`` client, made on first use."""
        client: CloudWatchClient = self._client("cloudwatch", CONTROL_READ_TIMEOUT)
        return client

    def call(
        self,
        operation: str,
        send: Callable[[], T],
        settle: Settle[T] | None = None,
        *,
        once: bool = False,
    ) -> T:
        """``send()`` under the retry policy; a write passes how to ``settle`` it.

        ``once`` sends a single time instead (see `once`).
        """
        if once:
            return self.once(operation, send)
        if self._mark:
            send = _marked(send)
        return call(
            operation, send, policy=self.retry, clock=self.clock, settle=settle, pacer=self.pacer
        )

    def once(self, operation: str, send: Callable[[], T]) -> T:
        """``send()`` once, without retrying: the reads that settle a write use it."""
        return call_once(operation, _marked(send) if self._mark else send)

    def pages(
        self, operation: str, request: Mapping[str, Any], parse: Callable[[Any], T]
    ) -> Iterator[T]:
        """Every page of a list operation, parsed, each fetched by its own call as asked."""
        from botocore.paginate import TokenEncoder

        get: Callable[[str], Any] = self.sagemaker.get_paginator  # type: ignore[assignment]
        paginate: Callable[..., Any] = get(_PAGINATORS[operation]).paginate
        token: str | None = None
        while True:
            config = {"StartingToken": TokenEncoder().encode({"NextToken": token})} if token else {}

            def send(config: dict[str, Any] = config) -> tuple[T, str | None]:
                page: Mapping[str, Any] = next(iter(paginate(**request, PaginationConfig=config)))
                return parsed(parse, page), page.get("NextToken")

            items, token = self.call(operation, send)
            yield items
            if not token:
                return
