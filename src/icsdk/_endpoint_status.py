"""An endpoint's status, as SageMaker reports it; the component path's waits name it too.

Kept apart from `icsdk._endpoint_state` so that what a component's wait reports (`Progress`)
resolves its types without loading the endpoint states, which load with the Client's parts.
"""

from __future__ import annotations

import enum

__all__ = ["EndpointStatus"]


class EndpointStatus(enum.Enum):
    """An endpoint's status, as SageMaker reports it (botocore's ``EndpointStatus``).

    Examples:
        >>> EndpointStatus("InService").settled, EndpointStatus.UPDATING.settled
        (True, False)
    """

    OUT_OF_SERVICE = "OutOfService"
    CREATING = "Creating"
    UPDATING = "Updating"
    SYSTEM_UPDATING = "SystemUpdating"
    ROLLING_BACK = "RollingBack"
    IN_SERVICE = "InService"
    DELETING = "Deleting"
    FAILED = "Failed"
    UPDATE_ROLLBACK_FAILED = "UpdateRollbackFailed"

    @property
    def settled(self) -> bool:
        """Whether no change is in progress: a change sent now is not refused as busy.

        Examples:
            >>> EndpointStatus.ROLLING_BACK.settled
            False
        """
        return self in _SETTLED

    @property
    def failed(self) -> bool:
        """Whether the endpoint ended a change in failure (a wait stops here).

        Examples:
            >>> EndpointStatus.UPDATE_ROLLBACK_FAILED.failed
            True
        """
        return self in _FAILED


_FAILED = frozenset(
    {EndpointStatus.FAILED, EndpointStatus.UPDATE_ROLLBACK_FAILED, EndpointStatus.OUT_OF_SERVICE}
)
_SETTLED = _FAILED | {EndpointStatus.IN_SERVICE}
