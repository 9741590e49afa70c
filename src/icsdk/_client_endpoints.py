"""The Client's endpoint methods: describe, wait for and delete endpoints (plan/apply take both)."""

from __future__ import annotations

import contextlib
from datetime import timedelta
from typing import TYPE_CHECKING, overload

from ._client_lifecycle import DEFAULT_TIMEOUT, Lifecycle, OnProgress
from ._errors import DeploymentFailed, EndpointNotEmpty
from ._plan import Plan
from ._service_errors import InvalidState
from ._spec import InferenceComponent
from ._time import Seconds
from ._waiting import Polling, Until, UntilLike, as_until
from ._wire.calls import render_list

if TYPE_CHECKING:
    from ._deployment import DeploymentConfig
    from ._endpoint import Endpoint
    from ._endpoint_state import EndpointState

__all__ = ["ENDPOINT_TIMEOUT", "EndpointMethods"]

ENDPOINT_TIMEOUT = timedelta(hours=1)


class EndpointMethods(Lifecycle):
    """The part of [`Client`][icsdk.Client] that reads, waits for and deletes endpoints."""

    @overload
    def plan(self, spec: InferenceComponent, /) -> Plan: ...
    @overload
    def plan(self, spec: Endpoint, /) -> Plan: ...
    def plan(self, spec: InferenceComponent | Endpoint, /) -> Plan:
        """What `apply` would do to a component or an endpoint, field by field, without doing it.

        A component's plan also says how its copies fit on its variant's instances
        ([`CapacityFit`][icsdk.CapacityFit]), from the instance type's published shape.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import ComputeRequirements, Endpoint, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     print(client.plan(InferenceComponent.builder("a").endpoint("e")
            ...         .model("m").compute(ComputeRequirements(min_memory_mb=1024)).build()))
            ...     print(client.plan(Endpoint.builder("f").role(role).variant("v").build()))
            a: create
              capacity: 192 copies fit on one ml.g5.12xlarge
            f: create
        """
        if isinstance(spec, InferenceComponent):
            return self._plan_component(spec)
        return self._parts.get().endpoint_reconciler.plan(spec)

    @overload
    def apply(
        self,
        spec: InferenceComponent,
        /,
        *,
        wait: bool = True,
        allow_replace: bool = False,
        allow_oversized: bool = False,
        deployment: DeploymentConfig | None = None,
        until: UntilLike = "in_service",
        timeout: Seconds = DEFAULT_TIMEOUT,
        on_progress: OnProgress = None,
    ) -> Plan: ...
    @overload
    def apply(
        self,
        spec: Endpoint,
        /,
        *,
        wait: bool = True,
        allow_replace: bool = False,
        timeout: Seconds = ENDPOINT_TIMEOUT,
        on_progress: OnProgress = None,
    ) -> Plan: ...
    def apply(
        self,
        spec: InferenceComponent | Endpoint,
        /,
        *,
        wait: bool = True,
        allow_replace: bool = False,
        allow_oversized: bool = False,
        deployment: DeploymentConfig | None = None,
        until: UntilLike = "in_service",
        timeout: Seconds | None = None,
        on_progress: OnProgress = None,
    ) -> Plan:
        """Make the live component (or endpoint) equal ``spec``; the plan it carried out.

        For a component: create, update, scale, tag or nothing. A change already in progress
        is waited for first. A component that can only be reached by deleting and re-creating
        it (another endpoint, a Failed component) raises
        [`ReplaceRequired`][icsdk.ReplaceRequired] unless ``allow_replace=True``. With
        ``wait``, it waits for ``until`` even when nothing changed. Before sending, the copies
        are checked against the variant's instance type (see the plan's ``capacity``): one
        copy larger than one instance raises [`NeverFits`][icsdk.NeverFits] unless
        ``allow_oversized=True``.

        For an [`Endpoint`][icsdk.Endpoint]: create its config and the endpoint; for a change,
        create the new config, move the endpoint to it with UpdateEndpoint, wait, and delete
        the old config (kept with ``wait=False``: the update is still running then). An update
        the service rolls back raises [`DeploymentFailed`][icsdk.DeploymentFailed] with its
        reason. A Failed endpoint is replaced only with ``allow_replace=True``.

        ``timeout`` bounds each wait: 30 minutes for a component, an hour for an endpoint.

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import ComputeRequirements, Endpoint, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> ep = Endpoint.builder("e").role(role).variant("v", instance_type="ml.g5.xlarge",
            ...                                    instances=1).build()
            >>> ic = (InferenceComponent.builder("a").endpoint("e").model("m")
            ...       .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     client = local.client()
            ...     endpoint = client.apply(ep)
            ...     first, second = client.apply(ic), client.apply(ic)
            >>> endpoint.action, first.action, second.action
            (<Action.CREATE: 'create'>, <Action.CREATE: 'create'>, <Action.NOTHING: 'nothing'>)
        """
        if isinstance(spec, InferenceComponent):
            return self._apply_component(
                spec,
                wait=wait,
                allow_replace=allow_replace,
                allow_oversized=allow_oversized,
                deployment=deployment,
                until=until,
                timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
                on_progress=on_progress,
            )
        if deployment is not None or allow_oversized or as_until(until) is not Until.IN_SERVICE:
            raise TypeError(
                "deployment, until and allow_oversized apply to components, not to endpoints"
            )
        limit = ENDPOINT_TIMEOUT if timeout is None else timeout

        def wait_for(name: str, deleted: bool, progress: OnProgress) -> EndpointState | None:
            return self.wait_endpoint(name, deleted=deleted, timeout=limit, on_progress=progress)

        return self._parts.get().endpoint_reconciler.apply(
            spec,
            wait=wait_for,
            wait_after=wait,
            allow_replace=allow_replace,
            on_progress=on_progress,
        )

    def describe_endpoint(self, name: str) -> EndpointState:
        """The endpoint's live state; [`EndpointNotFound`][icsdk.EndpointNotFound] if none.

        Its status, each variant's instances (current and desired, with managed scaling's
        bounds), the failure reason, and the live config as an [`Endpoint`][icsdk.Endpoint].

        Examples:
            >>> role = "arn:aws:iam::123456789012:role/sagemaker"
            >>> from icsdk import Endpoint
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     client = local.client()
            ...     _ = client.apply(Endpoint.builder("e").role(role).variant(
            ...         "v", instance_type="ml.g5.xlarge", instances=1).build())
            ...     client.describe_endpoint("e").status.value
            'InService'
        """
        return self._parts.get().endpoints.describe(name)

    def wait_endpoint(
        self,
        name: str,
        *,
        deleted: bool = False,
        timeout: Seconds = ENDPOINT_TIMEOUT,
        on_progress: OnProgress = None,
        polling: Polling | None = None,
    ) -> EndpointState | None:
        """Poll until endpoint ``name`` is InService (or gone, with ``deleted``).

        Raises [`DeploymentFailed`][icsdk.DeploymentFailed] with SageMaker's reason when the
        endpoint fails, [`WaitTimeout`][icsdk.WaitTimeout] at the deadline. Progress reports
        the endpoint's status and its instances.

        Examples:
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_endpoint("e")
            ...     local.client().wait_endpoint("e").status.value
            'InService'
        """
        return self._parts.get().wait_endpoint(
            name,
            deleted=deleted,
            timeout=timeout,
            polling=polling or self._polling,
            on_progress=on_progress,
        )

    def delete_endpoint(
        self,
        name: str,
        *,
        wait: bool = False,
        force: bool = False,
        timeout: Seconds = ENDPOINT_TIMEOUT,
        on_progress: OnProgress = None,
    ) -> None:
        """Delete the endpoint and its config. Idempotent: absent, or deleting, is success.

        An endpoint that still hosts components is refused with
        [`EndpointNotEmpty`][icsdk.EndpointNotEmpty] naming them, unless ``force``: then its
        adapters are deleted, then its base components (each waited out until gone), then
        the endpoint and its config. Run again after an interruption, it carries on.

        Examples:
            >>> from icsdk import ComputeRequirements, EndpointNotEmpty, InferenceComponent
            >>> from icsdk.testing import LocalSageMaker
            >>> with LocalSageMaker() as local:
            ...     _ = local.create_model("m")
            ...     _ = local.create_endpoint("e")
            ...     client = local.client()
            ...     _ = client.apply(InferenceComponent.builder("a").endpoint("e").model("m")
            ...         .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
            ...     try:
            ...         client.delete_endpoint("e")
            ...     except EndpointNotEmpty as error:
            ...         print(error.components)
            ...     client.delete_endpoint("e", force=True, wait=True)
            ...     client.exists("a")
            ('a',)
            False
        """
        hosted = self._hosted(name)
        if hosted and not force:
            raise EndpointNotEmpty(name, tuple(sorted(hosted)))
        adapters = sorted(component for component, adapter in hosted.items() if adapter)
        bases = sorted(component for component, adapter in hosted.items() if not adapter)
        for group in (adapters, bases):
            for component in group:
                self.delete(component, timeout=timeout, on_progress=on_progress)
            if group:
                self.wait_many(group, until="deleted", timeout=timeout, on_progress=on_progress)
        endpoints = self._parts.get().endpoints
        live = endpoints.describe_or_none(name)
        if live is None:
            return
        try:
            endpoints.delete(name)
        except InvalidState:
            # Creating or Updating refuses a delete: wait that out (a failure included).
            with contextlib.suppress(DeploymentFailed):
                self.wait_endpoint(name, timeout=timeout, on_progress=on_progress)
            endpoints.delete(name)
        endpoints.delete_config(live.config_name)
        if wait:
            self.wait_endpoint(name, deleted=True, timeout=timeout, on_progress=on_progress)

    def _hosted(self, endpoint: str) -> dict[str, bool]:
        """The components on ``endpoint``, each with whether it is an adapter."""
        hosted: dict[str, bool] = {}
        for page in self._operations.pages(render_list(endpoint=endpoint, page_size=100)):
            for summary in page:
                state = self._operations.describe_or_none(summary.name)
                if state is not None:
                    hosted[summary.name] = state.component.is_adapter
        return hosted
