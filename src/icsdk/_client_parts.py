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
from ._endpoint_waiting import wait_for_endpoint
from ._reconcile import Reconciler
from ._scaling_operations import ScalingOperations

if TYPE_CHECKING:
    from collections.abc import Callable

    from ._endpoint_state import EndpointState
    from ._operations import Operations
    from ._time import Clock, Seconds
    from ._transport import Transport
    from ._waiting import Polling, Progress

__all__ = ["Parts"]


class Parts:
    """Endpoint operations and waits, and the component and endpoint reconcilers over them."""

    __slots__ = ("components", "endpoint_reconciler", "endpoints")

    def __init__(self, transport: Transport, operations: Operations) -> None:
        self.endpoints = EndpointOperations(transport)
        self.components = Reconciler(operations, self.endpoints, ScalingOperations(transport))
        self.endpoint_reconciler = EndpointReconciler(self.endpoints, operations)

    def wait_endpoint(
        self,
        name: str,
        *,
        deleted: bool,
        timeout: Seconds,
        polling: Polling,
        on_progress: Callable[[Progress], None] | None,
        clock: Clock,
    ) -> EndpointState | None:
        """Poll the endpoint until it is InService (or gone); see `Client.wait_endpoint`."""
        return wait_for_endpoint(
            self.endpoints.describe,
            name,
            deleted=deleted,
            timeout=timeout,
            polling=polling,
            on_progress=on_progress,
            clock=clock,
        )
