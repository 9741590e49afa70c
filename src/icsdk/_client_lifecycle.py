"""The Client's lifecycle methods: create, update, scale, delete, plan, apply and waiting."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from ._errors import DeploymentFailed, NotConfigured
from ._log import logger
from ._plan import Plan
from ._service_errors import InvalidState, ServiceError
from ._state import ComponentState, Status
from ._time import Seconds
from ._waiting import Polling, Progress, UntilLike, wait_for_many, wait_for_one
from ._wire.calls import render_list

if TYPE_CHECKING:
    from ._client_parts import Parts
    from ._deployment import DeploymentConfig
    from ._invoke import Invoker
    from ._lazy import Once
    from ._operations import Operations
    from ._spec import InferenceComponent
    from ._transport import Transport

__all__ = ["DEFAULT_TIMEOUT", "Lifecycle", "OnProgress"]

DEFAULT_TIMEOUT = timedelta(minutes=30)
OnProgress = Callable[[Progress], None] | None
_Names = list[str]


class Lifecycle:
    """The part of [`Client`][icsdk.Client] that changes components and waits for them."""

    _transport: Transport
    _operations: Operations
    _parts: Once[Parts]
    _invoker: Invoker
    _polling: Polling

    def create(self, component: InferenceComponent) -> str:
        """Create the component; its ARN. Returns at once (see `wait`, `apply`).

        A create whose outcome is unknown (a dropped connection, a timeout, a 5xx) is settled by
        a Describe: if the component exists with this spec the create succeeded, if it exists
        with another [`SpecMismatch`][icsdk.SpecMismatch] is raised, if it is absent the create
        is sent again. So a retry never makes a second component nor reports a false failure.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     local.client().create(InferenceComponent.builder("a").endpoint("e")
            ...         .model("m").compute(ComputeRequirements(min_memory_mb=1024)).copies(1)
            ...         .build())
            'arn:aws:sagemaker:us-east-1:123456789012:inference-component/a'
        """
        return self._operations.create(component)

    def update(
        self,
        component: InferenceComponent,
        *,
        deployment: DeploymentConfig | None = None,
        wait: bool = False,
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: OnProgress = None,
    ) -> str:
        """Roll out ``component``'s specification (and copies, if set); its ARN.

        ``copies`` left unset in ``component`` keeps the live copy count: an update never
        resets it. ``deployment`` controls the rolling update.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     base = InferenceComponent.builder("a").endpoint("e").model("m").copies(1)
            ...     _ = client.apply(base.compute(ComputeRequirements(min_memory_mb=1024)).build())
            ...     _ = client.update(base.compute(ComputeRequirements(min_memory_mb=2048)).build(),
            ...                       wait=True)
            ...     client.describe("a").specification.compute.min_memory_mb
            2048
        """
        arn = self._operations.update(component, deployment)
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
        on_progress: OnProgress = None,
    ) -> str:
        """Set the number of copies; its ARN. ``wait`` waits until they all run.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     _ = client.scale("a", 3, wait=True)
            ...     client.describe("a").current_copies
            3
        """
        arn = self._operations.scale(name, copies)
        if wait:
            self.wait(name, until="copies_settled", timeout=timeout, on_progress=on_progress)
        return arn

    def delete(
        self,
        name: str,
        *,
        wait: bool = False,
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: OnProgress = None,
    ) -> None:
        """Delete the component. Idempotent: absent, or already deleting, is success.

        Its scaling resources go first: the wake-up alarm, the scaling policies, the scalable
        target (a refusal to even read them, such as AccessDenied for a caller without rights
        to Application Auto Scaling, is logged as a warning and the component still deleted).
        The service refuses to delete a component mid-transition; one still Creating or
        Updating is waited for first (within ``timeout``), then deleted.

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     local.client().delete("never-existed", wait=True)
        """
        try:
            self._parts.get().reconciler.delete_scaling(name)
        except (NotConfigured, ServiceError) as unread:
            # A caller who never used autoscaling may have no rights to it (or a service that
            # does not answer it): its refusal does not stop the delete, and is said. A
            # failure on the service's side is raised: the resources may well be there.
            if isinstance(unread, ServiceError) and unread.fault != "client":
                raise
            logger.warning("delete %s: its scaling resources were not checked: %s", name, unread)
        try:
            self._operations.delete(name)
        except InvalidState as busy:
            if busy.component_status not in ("Creating", "Updating"):
                raise
            with contextlib.suppress(DeploymentFailed):  # a Failed component can be deleted
                self.wait(name, timeout=timeout, on_progress=on_progress)
            self._operations.delete(name)
        self._invoker.forget(name)  # a later invoke finds where it lives now
        if wait:
            self.wait(name, until="deleted", timeout=timeout, on_progress=on_progress)

    def _plan_component(self, component: InferenceComponent) -> Plan:
        return self._parts.get().reconciler.plan(component)

    def _apply_component(
        self,
        component: InferenceComponent,
        *,
        wait: bool,
        allow_replace: bool,
        allow_oversized: bool,
        deployment: DeploymentConfig | None,
        until: UntilLike,
        timeout: Seconds,
        on_progress: OnProgress,
    ) -> Plan:
        def wait_for(name: str, target: UntilLike, progress: OnProgress) -> ComponentState | None:
            return self.wait(name, until=target, timeout=timeout, on_progress=progress)

        return self._parts.get().reconciler.apply(
            component,
            wait=wait_for,
            wait_after=wait,
            allow_replace=allow_replace,
            allow_oversized=allow_oversized,
            deployment=deployment,
            until=until,
            on_progress=on_progress,
        )

    def wait(
        self,
        name: str,
        *,
        until: UntilLike = "in_service",
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: OnProgress = None,
        polling: Polling | None = None,
    ) -> ComponentState | None:
        """Poll until ``name`` is InService (or its copies settle, or it is deleted).

        Polls fast at first and backs off to a cap; raises
        [`DeploymentFailed`][icsdk.DeploymentFailed] with SageMaker's reason as soon as the
        component fails, [`WaitTimeout`][icsdk.WaitTimeout] at the deadline. Returns the final
        state (``None`` once deleted).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.create(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     client.wait("a", until="copies_settled").current_copies
            1
        """
        return wait_for_one(
            self._operations.describe,
            name,
            until=until,
            timeout=timeout,
            polling=polling or self._polling,
            on_progress=on_progress,
            clock=self._transport.clock,
        )

    def wait_many(
        self,
        names: _Names | None = None,
        *,
        endpoint: str | None = None,
        until: UntilLike = "in_service",
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: OnProgress = None,
        polling: Polling | None = None,
    ) -> Mapping[str, Status | None]:
        """Wait for many components with List calls (one per page), not one Describe each.

        Give ``names``, an ``endpoint`` (every component on it), or both. Returns each
        component's final status (``None`` once deleted).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("a")
            ...     _ = local.create_model("b")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     base = InferenceComponent.builder("x").endpoint("e").copies(1).compute(
            ...         ComputeRequirements(min_memory_mb=1024))
            ...     for n in ("a", "b"):
            ...         _ = client.create(base.name(n).model(n).build())
            ...     sorted(s.value for s in client.wait_many(endpoint="e").values() if s)
            ['InService', 'InService']
        """
        request = render_list(endpoint=endpoint, page_size=100)
        return wait_for_many(
            lambda: self._operations.pages(request),
            self._operations.describe,
            names,
            until=until,
            timeout=timeout,
            polling=polling or self._polling,
            on_progress=on_progress,
            clock=self._transport.clock,
        )
