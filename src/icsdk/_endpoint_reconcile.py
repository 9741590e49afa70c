"""Plan and apply for endpoints: a new config and UpdateEndpoint for a change, in order.

An endpoint config never changes. apply creates the config the spec renders (named by its
content unless named), then creates the endpoint on it, or moves the endpoint to it with
UpdateEndpoint, waits, and deletes the config it left, which no endpoint then uses.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs

from ._endpoint_operations import EndpointOperations
from ._endpoint_status import EndpointStatus
from ._errors import DeploymentFailed, ReplaceIncomplete, ReplaceRequired
from ._log import logger
from ._operations import Operations
from ._plan import Action, Change, Plan, compare, tag_changes
from ._service_errors import InvalidState

if TYPE_CHECKING:
    from ._endpoint import Endpoint
    from ._endpoint_state import EndpointState
    from ._spec import Tag
    from ._waiting import Progress

__all__ = ["EndpointReconciler", "WaitEndpoint", "diff_endpoint"]

WaitEndpoint = Callable[[str, bool, "Callable[[Progress], None] | None"], "EndpointState | None"]
"""``wait(name, deleted, on_progress)`` with the caller's timeout and polling bound in."""


class EndpointReconciler:
    """plan and apply for endpoints, over the endpoint operations and a wait."""

    def __init__(self, endpoints: EndpointOperations, operations: Operations) -> None:
        self._endpoints = endpoints
        self._operations = operations

    def plan(self, endpoint: Endpoint) -> Plan:
        """What apply would do, without doing it."""
        live = self._endpoints.describe_or_none(endpoint.name)
        return diff_endpoint(endpoint, live, self._live_tags(endpoint, live))

    def _live_tags(self, endpoint: Endpoint, live: EndpointState | None) -> tuple[Tag, ...] | None:
        if live is None or endpoint.tags is None:
            return None
        return self._operations.tags(live.arn)

    def apply(
        self,
        endpoint: Endpoint,
        *,
        wait: WaitEndpoint,
        wait_after: bool,
        allow_replace: bool,
        on_progress: Callable[[Progress], None] | None,
    ) -> Plan:
        """Carry out the plan for ``endpoint``; see `Client.apply`."""
        name, endpoints = endpoint.name, self._endpoints
        live = endpoints.describe_or_none(name)
        if live is not None:
            live = self._settled(live, wait, on_progress)
        plan = diff_endpoint(endpoint, live, self._live_tags(endpoint, live))
        logger.info("apply %s", plan)
        requests = endpoint.to_boto3()
        config_name = requests.config_name
        if plan.action is Action.REPLACE:
            if not allow_replace:
                raise ReplaceRequired(name, str(plan))
            self._replace(endpoint, wait, on_progress)
        elif plan.action is Action.CREATE:
            endpoints.create_config(requests)
            endpoints.create(requests)
        elif plan.action is Action.UPDATE and live is not None:
            endpoints.create_config(requests)
            try:
                endpoints.update(name, config_name)
            except InvalidState:
                # Busy since it was read (managed scaling adding an instance, another
                # update): wait that out, then send the update again.
                self._settled(endpoints.describe(name), wait, on_progress)
                endpoints.update(name, config_name)
            if wait_after:
                self._finish_update(name, live.config_name, config_name, wait, on_progress)
        if live is not None and plan.action in (Action.UPDATE, Action.TAGS, Action.NOTHING):
            self._operations.tag(live.arn, plan)
        if wait_after and plan.action in (Action.CREATE, Action.REPLACE):
            wait(name, False, on_progress)
        return plan

    def _finish_update(
        self,
        name: str,
        old: str,
        new: str,
        wait: WaitEndpoint,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        """Wait for the update to end; delete the config it left, or say it rolled back."""
        try:
            state = wait(name, False, on_progress)
        except DeploymentFailed:
            state = self._endpoints.describe(name)
            if state.config_name == new:
                raise
        if state is None or state.config_name != new:
            reason = state.failure_reason if state is not None else None
            raise DeploymentFailed(
                name,
                f"the update to config {new!r} rolled back"
                + (f": {reason}" if reason else " (no reason given)"),
                kind="endpoint",
            )
        if old != new:
            self._endpoints.delete_config(old)

    def _replace(
        self,
        endpoint: Endpoint,
        wait: WaitEndpoint,
        on_progress: Callable[[Progress], None] | None,
    ) -> None:
        name, requests = endpoint.name, endpoint.to_boto3()
        self._endpoints.delete(name)
        try:
            wait(name, True, on_progress)
            self._endpoints.create_config(requests)
            self._endpoints.create(requests)
        except Exception as error:
            logger.error("replacing endpoint %r: deleted, not re-created: %s", name, error)
            raise ReplaceIncomplete(name, str(error), kind="endpoint") from error

    def _settled(
        self,
        live: EndpointState,
        wait: WaitEndpoint,
        on_progress: Callable[[Progress], None] | None,
    ) -> EndpointState | None:
        """The live state once a change in progress has ended (None if it was deleted)."""
        if live.status is None or live.status.settled:
            return live
        if live.status is EndpointStatus.DELETING:
            wait(live.name, True, on_progress)
            return None
        try:
            return wait(live.name, False, on_progress)
        except DeploymentFailed:
            return self._endpoints.describe(live.name)


def diff_endpoint(
    desired: Endpoint,
    live: EndpointState | None,
    live_tags: tuple[Tag, ...] | None = None,
) -> Plan:
    """The plan that makes endpoint ``live`` match ``desired``.

    Equal configs need nothing, whatever their names: a config icsdk derives from the same
    content has the same name, and an endpoint made elsewhere with this content is left alone.
    """
    if live is None or live.status is EndpointStatus.DELETING:
        return Plan(name=desired.name, action=Action.CREATE, tags_to_add=desired.tags or ())
    add, remove = tag_changes(desired.tags, live_tags or ())
    if live.status is EndpointStatus.FAILED:
        reason = f"it is Failed ({live.failure_reason or 'no reason given'})"
        return Plan(name=desired.name, action=Action.REPLACE, reasons=(reason,))
    wanted = attrs.evolve(desired, config_name=None, tags=None)
    if live.endpoint is None:
        changes: list[Change] = [
            Change(path="config", current=live.config_name, desired=_config_name(desired))
        ]
    else:
        current = attrs.evolve(live.endpoint, config_name=None, tags=None)
        changes = list(compare("", current, wanted))
    if changes:
        action = Action.UPDATE
        if live.endpoint is not None:
            changes.insert(
                0, Change(path="config", current=live.config_name, desired=_config_name(desired))
            )
    else:
        action = Action.TAGS if add or remove else Action.NOTHING
    return Plan(
        name=desired.name,
        action=action,
        changes=tuple(attrs.evolve(change, path=change.path.lstrip(".")) for change in changes),
        tags_to_add=add,
        tags_to_remove=remove,
    )


def _config_name(endpoint: Endpoint) -> str:
    return endpoint.to_boto3().config_name
