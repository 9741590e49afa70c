"""The Client's parts for endpoints, autoscaling and plan/apply, made when first needed.

A program that only creates, describes, waits for or invokes components never needs them, and
their modules (endpoint specs and states, the capacity fit and its instance table, the scaling
operations, both reconcilers) are about a quarter of what loading icsdk costs. So `Client`
makes one `Parts` on the first call that needs it, and only then loads this module (see
"What loads when" in CONTRIBUTING.md and "Cold start" in docs/performance.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._endpoint_operations import EndpointOperations
from ._endpoint_reconcile import EndpointReconciler
from ._endpoint_state import EndpointState
from ._endpoint_status import EndpointStatus
from ._errors import DeploymentFailed
from ._reconcile import Reconciler
from ._scaling_operations import ScalingOperations
from ._service_errors import EndpointNotFound
from ._waiting import Progress, poll

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._operations import Operations
    from ._time import Seconds
    from ._transport import Transport
    from ._waiting import Polling

__all__ = ["Parts"]


class Parts:
    """Endpoint operations and waits, and the component and endpoint reconcilers over them."""

    __slots__ = ("_clock", "endpoint_reconciler", "endpoints", "reconciler")

    def __init__(self, transport: Transport, operations: Operations) -> None:
        self._clock = transport.clock
        self.endpoints = EndpointOperations(transport)
        self.reconciler = Reconciler(operations, self.endpoints, ScalingOperations(transport))
        self.endpoint_reconciler = EndpointReconciler(self.endpoints, operations)

    def wait_endpoint(
        self,
        name: str,
        *,
        deleted: bool,
        timeout: Seconds,
        polling: Polling,
        on_progress: Callable[[Progress], None] | None,
    ) -> EndpointState | None:
        """Poll endpoint ``name`` until it is InService (or gone, with ``deleted``).

        A status that ends a change in failure (Failed, UpdateRollbackFailed, OutOfService)
        raises DeploymentFailed with the service's reason; the deadline raises WaitTimeout.
        Progress counts instances, summed over the variants. See `Client.wait_endpoint`.
        """

        def read() -> EndpointState | None:
            try:
                return self.endpoints.describe(name)
            except EndpointNotFound:
                if not deleted:
                    raise
                return None

        def progress(state: EndpointState | None, elapsed: float) -> Progress:
            variants = state.variants if state is not None else ()
            desired = sum(v.desired_instances or 0 for v in variants) if variants else None
            current = sum(v.current_instances or 0 for v in variants) if variants else None
            return Progress(
                name=name,
                status=state.status if state is not None else None,
                desired_copies=desired,
                current_copies=current,
                elapsed=elapsed,
                unit="instances",
            )

        def finished(state: EndpointState) -> bool:
            status = state.status
            if deleted or status is None:
                return False
            if status.failed:
                reason = state.failure_reason or f"the endpoint is {status.value}"
                raise DeploymentFailed(name, reason, kind="endpoint")
            return status is EndpointStatus.IN_SERVICE

        return poll(name, read, progress, finished, timeout, polling, on_progress, self._clock)
