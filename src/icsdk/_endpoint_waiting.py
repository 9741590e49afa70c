"""Waiting for an endpoint: InService (or gone), progress counted in instances."""

from __future__ import annotations

from collections.abc import Callable

from ._endpoint_state import EndpointState, EndpointStatus
from ._errors import DeploymentFailed
from ._service_errors import EndpointNotFound
from ._time import Clock, Seconds
from ._waiting import Polling, Progress, poll

__all__ = ["wait_for_endpoint"]


def wait_for_endpoint(
    describe: Callable[[str], EndpointState],
    name: str,
    *,
    deleted: bool,
    timeout: Seconds,
    polling: Polling,
    on_progress: Callable[[Progress], None] | None,
    clock: Clock,
) -> EndpointState | None:
    """Poll ``describe`` until endpoint ``name`` is InService (or gone, with ``deleted``).

    A status that ends a change in failure (Failed, UpdateRollbackFailed, OutOfService) raises
    DeploymentFailed with the service's reason; the deadline raises WaitTimeout. Progress
    counts instances, summed over the variants.
    """

    def read() -> EndpointState | None:
        try:
            return describe(name)
        except EndpointNotFound:
            if not deleted:
                raise
            return None

    def progress(state: EndpointState | None, elapsed: float) -> Progress:
        variants = state.variants if state is not None else ()
        return Progress(
            name=name,
            status=state.status if state is not None else None,
            desired_copies=sum(v.desired_instances or 0 for v in variants) if variants else None,
            current_copies=sum(v.current_instances or 0 for v in variants) if variants else None,
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

    return poll(name, read, progress, finished, timeout, polling, on_progress, clock)
