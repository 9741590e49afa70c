"""Client: the inference-component lifecycle over boto3, with one retry layer and typed results."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from ._errors import ComponentConflict, ComponentNotFound, InvalidState
from ._retry import Pacer, RetryPolicy, Seconds, call, logger

if TYPE_CHECKING:
    import boto3
    from mypy_boto3_sagemaker import SageMakerClient
    from mypy_boto3_sagemaker_runtime import SageMakerRuntimeClient

    from ._deployment import DeploymentConfig
    from ._invoke import InvokeResult
    from ._plan import Plan
    from ._spec import InferenceComponent, Tag
    from ._state import ComponentState, ComponentSummary, Status
    from ._time import Clock
    from ._waiting import Polling, Progress, UntilLike

# Plans, states, waiting and invoking load on first use: ``from icsdk import Client`` stays cheap.

__all__ = ["Client"]

T = TypeVar("T")
DEFAULT_TIMEOUT = timedelta(minutes=30)
# Names outside the class, where ``list`` is the method.
_Page = list["ComponentSummary"]
_Tags = list["Tag"]
_Names = list[str]


def _config(read_timeout: float) -> Any:
    from botocore.config import Config

    # One attempt per call: icsdk's retry layer decides about the next, so a non-idempotent
    # create is never resent blindly by botocore.
    return Config(
        retries={"mode": "standard", "total_max_attempts": 1},
        connect_timeout=5,
        read_timeout=read_timeout,
    )


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
        return _boto3_client(_shared_session(), service, **kwargs)


def _parsed(parse: Callable[[Any], T], response: Any) -> T:
    """``parse(response)``; a response missing what the model promises is unreadable."""
    try:
        return parse(response)
    except (KeyError, TypeError, ValueError) as error:
        from botocore.parsers import ResponseParserError

        raise ResponseParserError(f"unreadable response: missing or bad {error}") from None


def _arn(response: Any) -> str:
    from ._wire.calls import arn_of

    return _parsed(arn_of, response)


def _boto3_client(session: boto3.Session, service: str, **kwargs: Any) -> Any:
    """``session.client(service, ...)``, typed loosely: boto3-stubs types only literal names."""
    make: Callable[..., Any] = session.client  # pyright: ignore[reportUnknownMemberType,reportUnknownVariableType]
    return make(service, **kwargs)


def _botocore_attempts(client: Any) -> int:
    retries: Mapping[str, Any] = getattr(client.meta.config, "retries", None) or {}
    if "total_max_attempts" in retries:
        return int(retries["total_max_attempts"])
    if "max_attempts" in retries:
        return int(retries["max_attempts"]) + 1
    return 3 if retries.get("mode") in ("standard", "adaptive") else 5


class Client:
    """Create, inspect, change, wait for, invoke and delete inference components.

    Built without arguments, it makes its own boto3 clients (the default session) with a single
    botocore attempt per call, so its own :class:`RetryPolicy` is the only retry layer. Clients
    passed in keep their own retries; icsdk then lowers its attempts so the two together never
    exceed ``retry.attempts`` (and says so in the log). Thread-safe.

    Example:
        >>> from icsdk import ComputeRequirements, InferenceComponent
        >>> from icsdk.testing import LocalSageMaker
        >>> with LocalSageMaker() as local:
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
    ) -> None:
        policy = retry if retry is not None else RetryPolicy()
        if sagemaker is None:
            import boto3

            sagemaker = _boto3_client(
                boto3.Session(), "sagemaker", region_name=region, config=_config(30)
            )
        else:
            policy = self._share_retries(policy, sagemaker)
        self._sagemaker: SageMakerClient = sagemaker  # pyright: ignore[reportAttributeAccessIssue]
        self._runtime = runtime
        self._region = region or self._sagemaker.meta.region_name
        self._retry = policy
        self._polling = polling
        self._clock = clock
        self._lock = threading.Lock()
        self._endpoints: dict[str, str] = {}
        self._pacer = Pacer()

    @staticmethod
    def _share_retries(policy: RetryPolicy, client: Any) -> RetryPolicy:
        theirs = _botocore_attempts(client)
        if theirs <= 1:
            return policy
        ours = max(1, policy.attempts // theirs)
        logger.warning(
            "the boto3 client passed to icsdk retries on its own (%d attempts); icsdk will make "
            "at most %d attempt(s) per call so the total stays within %d. Pass a client with "
            "Config(retries={'total_max_attempts': 1}) to leave retrying to icsdk.",
            theirs,
            ours,
            policy.attempts,
        )
        return policy.with_attempts(ours)

    @classmethod
    def from_session(
        cls,
        session: boto3.Session,
        *,
        region: str | None = None,
        endpoint_url: str | None = None,
        retry: RetryPolicy | None = None,
        polling: Polling | None = None,
    ) -> Client:
        """A client whose boto3 clients come from ``session`` (profile, credentials, region).

        Example:
            >>> import boto3
            >>> client = Client.from_session(boto3.Session(region_name="eu-west-1",
            ...     aws_access_key_id="x", aws_secret_access_key="y"))
            >>> client.region
            'eu-west-1'
        """
        sagemaker = _boto3_client(
            session, "sagemaker", region_name=region, endpoint_url=endpoint_url, config=_config(30)
        )
        runtime = _boto3_client(
            session,
            "sagemaker-runtime",
            region_name=region,
            endpoint_url=endpoint_url,
            config=_config(70),
        )
        return cls(sagemaker, runtime, retry=retry, polling=polling)

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

        Example:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...                      credentials=("testing", "testing")).region
            'us-east-1'
        """
        common = {
            "region_name": region,
            "endpoint_url": endpoint_url,
            "aws_access_key_id": credentials[0],
            "aws_secret_access_key": credentials[1],
        }
        return cls(
            explicit_client("sagemaker", config=_config(30), **common),
            explicit_client("sagemaker-runtime", config=_config(70), **common),
            retry=retry,
            polling=polling,
            clock=clock,
        )

    @property
    def region(self) -> str:
        """The AWS region this client talks to.

        Example:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="eu-west-1",
            ...                      credentials=("a", "b")).region
            'eu-west-1'
        """
        return self._region

    @property
    def runtime(self) -> SageMakerRuntimeClient:
        """The boto3 ``sagemaker-runtime`` client used by :meth:`invoke` (made on first use).

        Example:
            >>> Client.from_endpoint("http://127.0.0.1:1", region="us-east-1",
            ...     credentials=("a", "b")).runtime.meta.service_model.service_name
            'sagemaker-runtime'
        """
        with self._lock:
            if self._runtime is None:
                import boto3

                self._runtime = _boto3_client(
                    boto3.Session(),
                    "sagemaker-runtime",
                    region_name=self._region,
                    config=_config(70),
                )
            return self._runtime

    def _call(
        self, operation: str, send: Callable[[], T], *, settle: Callable[[], T | None] | None = None
    ) -> T:
        return call(self._retry, operation, send, settle=settle, pacer=self._pacer)

    # -- reading -----------------------------------------------------------------------------

    def describe(self, name: str) -> ComponentState:
        """The component's live state; :class:`ComponentNotFound` if there is none.

        Example:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     try:
            ...         local.client().describe("missing")
            ...     except ComponentNotFound as error:
            ...         print(error.code)
            ValidationException
        """
        from ._wire.calls import name_request, parse_state

        def send() -> ComponentState:
            response = self._sagemaker.describe_inference_component(**name_request(name))
            return _parsed(parse_state, response)

        return self._call("DescribeInferenceComponent", send)

    def _describe_or_none(self, name: str) -> ComponentState | None:
        try:
            return self.describe(name)
        except ComponentNotFound:
            return None

    def exists(self, name: str) -> bool:
        """Whether a component called ``name`` exists (in any status).

        Example:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.client().exists("missing")
            False
        """
        return self._describe_or_none(name) is not None

    def list(
        self,
        *,
        endpoint: str | None = None,
        variant: str | None = None,
        status: Status | None = None,
        name_contains: str | None = None,
        created_after: datetime | None = None,
        created_before: datetime | None = None,
        modified_after: datetime | None = None,
        modified_before: datetime | None = None,
        sort_by: Literal["Name", "CreationTime", "Status"] | None = None,
        sort_order: Literal["Ascending", "Descending"] | None = None,
        page_size: int = 100,
    ) -> Iterator[ComponentSummary]:
        """Components matching every filter given, fetched a page at a time as you iterate.

        Filters are checked now (:class:`SpecError`); pages are fetched lazily.

        Example:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     [c.name for c in local.client().list(endpoint="shared-gpu")]
            []
        """
        from ._wire.calls import render_list

        request = render_list(
            endpoint=endpoint,
            variant=variant,
            status=status.value if status is not None else None,
            name_contains=name_contains,
            created_after=created_after,
            created_before=created_before,
            modified_after=modified_after,
            modified_before=modified_before,
            sort_by=sort_by,
            sort_order=sort_order,
            page_size=page_size,
        )
        return (entry for page in self._pages(request) for entry in page)

    def _pages(self, request: Mapping[str, Any]) -> Iterator[_Page]:
        from ._wire.calls import next_page, parse_page

        token: str | None = None
        while True:
            kwargs = next_page(request, token)

            def send(kwargs: dict[str, Any] = kwargs) -> tuple[_Page, str | None]:
                response = self._sagemaker.list_inference_components(**kwargs)
                return _parsed(parse_page, response)

            page, token = self._call("ListInferenceComponents", send)
            yield page
            if not token:
                return

    def _tags(self, arn: str) -> tuple[Tag, ...]:
        from ._wire.calls import next_page, parse_tags, tags_request

        found: _Tags = []
        token: str | None = None
        while True:
            kwargs = next_page(tags_request(arn), token)

            def send(kwargs: dict[str, Any] = kwargs) -> tuple[_Tags, str | None]:
                return _parsed(parse_tags, self._sagemaker.list_tags(**kwargs))

            tags, token = self._call("ListTags", send)
            found += tags
            if not token:
                return tuple(found)

    # -- changing ----------------------------------------------------------------------------

    def create(self, component: InferenceComponent) -> str:
        """Create the component; its ARN. Returns at once (see :meth:`wait`, :meth:`apply`).

        A create whose outcome is unknown (a dropped connection, a timeout, a 5xx) is settled by
        a Describe: if the component exists with this spec the create succeeded, if it exists
        with another :class:`ComponentConflict` is raised, if it is absent the create is sent
        again. So a retry never makes a second component nor reports a false failure.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     local.client().create(InferenceComponent.builder("a").endpoint("e")
            ...         .model("m").compute(ComputeRequirements(min_memory_mb=1024)).copies(1)
            ...         .build())
            'arn:aws:sagemaker:us-east-1:123456789012:inference-component/a'
        """
        request = component.to_boto3()
        ambiguous_before = [False]

        def send() -> str:
            return _arn(self._sagemaker.create_inference_component(**request))

        def settle() -> str | None:
            ambiguous_before[0] = True
            live = self._describe_or_none(component.name)
            if live is None:
                return None
            return self._same_or_conflict(component, live)

        try:
            return self._call("CreateInferenceComponent", send, settle=settle)
        except ComponentConflict as conflict:
            if not ambiguous_before[0] or conflict.code != "ValidationException":
                raise
            # An earlier attempt got through after all; this one found its result.
            live = self.describe(component.name)
            return self._same_or_conflict(component, live)

    @staticmethod
    def _same_or_conflict(component: InferenceComponent, live: ComponentState) -> str:
        from ._plan import Action, diff

        plan = diff(component, live)
        if plan.action in (Action.NOTHING, Action.TAGS):
            return live.arn
        raise ComponentConflict(
            "CreateInferenceComponent",
            "ComponentConflict",
            f"{component.name!r} exists with a different spec:\n{plan}",
        )

    def update(
        self,
        component: InferenceComponent,
        *,
        deployment: DeploymentConfig | None = None,
        wait: bool = False,
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> str:
        """Roll out ``component``'s specification (and copies, if set); its ARN.

        ``copies`` left unset in ``component`` keeps the live copy count: an update never
        resets it. ``deployment`` controls the rolling update.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     base = InferenceComponent.builder("a").endpoint("e").model("m").copies(1)
            ...     _ = client.apply(base.compute(ComputeRequirements(min_memory_mb=1024)).build())
            ...     _ = client.update(base.compute(ComputeRequirements(min_memory_mb=2048)).build(),
            ...                       wait=True)
            ...     client.describe("a").specification.compute.min_memory_mb
            2048
        """
        from ._plan import Action, diff
        from ._state import Status
        from ._wire.spec import render_update

        request = render_update(
            component, copies=component.copies is not None, deployment=deployment
        )

        def settle() -> str | None:
            live = self._describe_or_none(component.name)
            if live is not None and (
                live.status is Status.UPDATING or diff(component, live).action is Action.NOTHING
            ):
                return live.arn
            return None

        arn = self._call(
            "UpdateInferenceComponent",
            lambda: _arn(self._sagemaker.update_inference_component(**request)),
            settle=settle,
        )
        if wait:
            self.wait(component.name, timeout=timeout, on_progress=on_progress)
        return arn

    def scale(
        self,
        name: str,
        copies: int,
        *,
        wait: bool = False,
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> str:
        """Set the number of copies; its ARN. ``wait`` waits until they all run.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     _ = client.scale("a", 3, wait=True)
            ...     client.describe("a").current_copies
            3
        """
        from ._state import Status
        from ._wire.spec import render_runtime_update

        request = render_runtime_update(name, copies)

        def settle() -> str | None:
            live = self._describe_or_none(name)
            if live is not None and (
                live.status is Status.UPDATING or live.desired_copies == copies
            ):
                return live.arn
            return None

        arn = self._call(
            "UpdateInferenceComponentRuntimeConfig",
            lambda: _arn(self._sagemaker.update_inference_component_runtime_config(**request)),
            settle=settle,
        )
        if wait:
            self.wait(name, until="copies_settled", timeout=timeout, on_progress=on_progress)
        return arn

    def delete(
        self,
        name: str,
        *,
        wait: bool = False,
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> None:
        """Delete the component. Idempotent: absent, or already deleting, is success.

        Example:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.client().delete("never-existed", wait=True)
        """
        from ._state import Status
        from ._wire.calls import name_request

        def settle() -> bool | None:
            live = self._describe_or_none(name)
            return True if live is None or live.status is Status.DELETING else None

        def send() -> bool:
            self._sagemaker.delete_inference_component(**name_request(name))
            return True

        try:
            self._call("DeleteInferenceComponent", send, settle=settle)
        except ComponentNotFound:
            pass
        except InvalidState as error:
            if error.component_status != "Deleting":
                raise
        with self._lock:
            self._endpoints.pop(name, None)
        if wait:
            self.wait(name, until="deleted", timeout=timeout, on_progress=on_progress)

    def _tag(self, arn: str, plan: Plan) -> None:
        from ._wire.calls import add_tags_request, delete_tags_request

        if plan.tags_to_add:
            add: Any = add_tags_request(arn, plan.tags_to_add)
            self._call("AddTags", lambda: self._sagemaker.add_tags(**add))
        if plan.tags_to_remove:
            remove: Any = delete_tags_request(arn, plan.tags_to_remove)
            self._call("DeleteTags", lambda: self._sagemaker.delete_tags(**remove))

    def plan(self, component: InferenceComponent) -> Plan:
        """What :meth:`apply` would do, field by field, without doing it.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     print(local.client().plan(InferenceComponent.builder("a").endpoint("e")
            ...         .model("m").compute(ComputeRequirements(min_memory_mb=1024)).build()))
            a: create
        """
        from ._plan import diff

        live = self._describe_or_none(component.name)
        tags = self._tags(live.arn) if live is not None and component.tags is not None else None
        return diff(component, live, tags)

    def apply(
        self,
        component: InferenceComponent,
        *,
        wait: bool = True,
        allow_replace: bool = False,
        deployment: DeploymentConfig | None = None,
        until: UntilLike = "in_service",
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: Callable[[Progress], None] | None = None,
    ) -> Plan:
        """Make the live component equal ``component``: create, update, scale, tag or nothing.

        A change already in progress is waited for first. A component that can only be
        reached by deleting and re-creating it (another endpoint, a Failed component) raises
        :class:`ComponentConflict` unless ``allow_replace=True``. Returns the plan it carried out.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> ic = (InferenceComponent.builder("a").endpoint("e").model("m")
            ...       .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     first, second = client.apply(ic), client.apply(ic)
            >>> first.action, second.action
            (<Action.CREATE: 'create'>, <Action.NOTHING: 'nothing'>)
        """
        from ._plan import Action, diff
        from ._state import Status

        name = component.name
        live = self._describe_or_none(name)
        if live is not None and live.status in (Status.CREATING, Status.UPDATING):
            live = self._settled(name, timeout, on_progress)
        elif live is not None and live.status is Status.DELETING:
            self.wait(name, until="deleted", timeout=timeout, on_progress=on_progress)
            live = None
        tags = self._tags(live.arn) if live is not None and component.tags is not None else None
        plan = diff(component, live, tags)
        logger.info("apply %s", plan)
        if plan.action is Action.REPLACE:
            if not allow_replace:
                raise ComponentConflict(
                    "apply",
                    "ReplaceRequired",
                    f"{name!r} can only be changed by deleting and re-creating it "
                    f"(pass allow_replace=True):\n{plan}",
                )
            self.delete(name, wait=True, timeout=timeout, on_progress=on_progress)
            arn = self.create(component)
        elif plan.action is Action.CREATE:
            arn = self.create(component)
        elif plan.action is Action.UPDATE:
            arn = self.update(component, deployment=deployment)
        elif plan.action is Action.SCALE and component.copies is not None:
            arn = self.scale(name, component.copies)
        else:
            arn = live.arn if live is not None else ""
        if live is not None and plan.action is not Action.REPLACE:
            self._tag(arn, plan)
        if wait and plan.action is not Action.NOTHING and plan.action is not Action.TAGS:
            self.wait(name, until=until, timeout=timeout, on_progress=on_progress)
        return plan

    def _settled(
        self, name: str, timeout: Seconds, on_progress: Callable[[Progress], None] | None
    ) -> ComponentState:
        from ._errors import DeploymentFailed

        try:
            state = self.wait(name, timeout=timeout, on_progress=on_progress)
        except DeploymentFailed:
            state = self.describe(name)
        assert state is not None
        return state

    # -- waiting -----------------------------------------------------------------------------

    def wait(
        self,
        name: str,
        *,
        until: UntilLike = "in_service",
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: Callable[[Progress], None] | None = None,
        polling: Polling | None = None,
    ) -> ComponentState | None:
        """Poll until ``name`` is InService (or its copies settle, or it is deleted).

        Polls fast at first and backs off to a cap; raises :class:`DeploymentFailed` with
        SageMaker's reason as soon as the component fails, :class:`WaitTimeout` at the deadline.
        Returns the final state (``None`` once deleted).

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.create(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     client.wait("a", until="copies_settled").current_copies
            1
        """
        from ._waiting import Polling, wait_for_one

        return wait_for_one(
            self._describe_or_none,
            name,
            until=until,
            timeout=timeout,
            polling=polling or self._polling or Polling(),
            on_progress=on_progress,
        )

    def wait_many(
        self,
        names: _Names | None = None,
        *,
        endpoint: str | None = None,
        until: UntilLike = "in_service",
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: Callable[[Progress], None] | None = None,
        polling: Polling | None = None,
    ) -> Mapping[str, Status | None]:
        """Wait for many components with List calls (one per page), not one Describe each.

        Give ``names``, an ``endpoint`` (every component on it), or both. Returns each
        component's final status (``None`` once deleted).

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     base = InferenceComponent.builder("x").endpoint("e").copies(1).compute(
            ...         ComputeRequirements(min_memory_mb=1024))
            ...     for n in ("a", "b"):
            ...         _ = client.create(base.name(n).model(n).build())
            ...     sorted(s.value for s in client.wait_many(endpoint="e").values() if s)
            ['InService', 'InService']
        """
        from ._waiting import Polling, wait_for_many
        from ._wire.calls import render_list

        request = render_list(endpoint=endpoint, page_size=100)
        return wait_for_many(
            lambda: self._pages(request),
            self._describe_or_none,
            names,
            until=until,
            timeout=timeout,
            polling=polling or self._polling or Polling(),
            on_progress=on_progress,
        )

    # -- invoking ----------------------------------------------------------------------------

    def _endpoint_of(self, name: str, *, fresh: bool = False) -> str:
        with self._lock:
            known = None if fresh else self._endpoints.get(name)
        if known is not None:
            return known
        endpoint = self.describe(name).endpoint
        with self._lock:
            self._endpoints[name] = endpoint
        return endpoint

    def _with_endpoint(self, name: str, send: Callable[[], Any]) -> Any:
        try:
            return send()
        except ComponentNotFound:
            # The component may have moved or been re-created since its endpoint was cached.
            self._endpoint_of(name, fresh=True)
            return send()

    def invoke(
        self,
        name: str,
        body: bytes | str,
        *,
        content_type: str | None = None,
        accept: str | None = None,
        custom_attributes: str | None = None,
        inference_id: str | None = None,
        session_id: str | None = None,
    ) -> InvokeResult:
        """Send ``body`` to component ``name``; the endpoint is found from the component.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     client.invoke("a", '{"inputs": "hi"}', content_type="application/json").json()
            {'component': 'a', 'model': 'm', 'input': {'inputs': 'hi'}}
        """
        from ._wire.calls import invoke_request, parse_invoke

        def send() -> InvokeResult:
            kwargs = invoke_request(
                self._endpoint_of(name),
                name,
                body,
                stream=False,
                content_type=content_type,
                accept=accept,
                custom_attributes=custom_attributes,
                inference_id=inference_id,
                session_id=session_id,
            )
            response = self._call("InvokeEndpoint", lambda: self.runtime.invoke_endpoint(**kwargs))
            return parse_invoke(response)

        result: InvokeResult = self._with_endpoint(name, send)
        return result

    def invoke_stream(
        self,
        name: str,
        body: bytes | str,
        *,
        content_type: str | None = None,
        accept: str | None = None,
        custom_attributes: str | None = None,
        inference_id: str | None = None,
    ) -> Iterator[bytes]:
        """Send ``body`` to component ``name`` and iterate over the parts of its answer.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     local.register_handler("m", lambda invocation: [b"Hel", b"lo"])
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     b"".join(client.invoke_stream("a", b"{}"))
            b'Hello'
        """
        from ._invoke import stream_parts
        from ._wire.calls import invoke_request, stream_events

        def send() -> Any:
            kwargs = invoke_request(
                self._endpoint_of(name),
                name,
                body,
                stream=True,
                content_type=content_type,
                accept=accept,
                custom_attributes=custom_attributes,
                inference_id=inference_id,
            )
            return self._call(
                "InvokeEndpointWithResponseStream",
                lambda: self.runtime.invoke_endpoint_with_response_stream(**kwargs),
            )

        response = self._with_endpoint(name, send)
        return stream_parts("InvokeEndpointWithResponseStream", stream_events(response))
