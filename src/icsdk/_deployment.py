"""How an update rolls out: batch sizes, pauses, timeouts and the alarms that roll it back."""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from ._base import Spec, limit

__all__ = ["CapacitySize", "CapacitySizeType", "DeploymentConfig", "RollingUpdate"]

CapacitySizeType: TypeAlias = Literal["COPY_COUNT", "CAPACITY_PERCENT"]
"""Whether a batch size counts copies or a percentage of the component's capacity."""


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CapacitySize(Spec):
    """A batch size for a rolling update: a number of copies or a percentage of capacity.

    Examples:
        >>> CapacitySize(type="COPY_COUNT", value=1)
        CapacitySize(type='COPY_COUNT', value=1)
    """

    type: CapacitySizeType = attrs.field(metadata=limit("InferenceComponentCapacitySizeType"))
    value: int = attrs.field(metadata=limit("CapacitySizeValue"))


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RollingUpdate(Spec):
    """Replace copies in batches, pausing between batches, within an overall time limit.

    Examples:
        >>> RollingUpdate(
        ...     maximum_batch_size=CapacitySize(type="CAPACITY_PERCENT", value=50),
        ...     wait_interval_s=60,
        ... ).wait_interval_s
        60
    """

    maximum_batch_size: CapacitySize
    wait_interval_s: int = attrs.field(metadata=limit("WaitIntervalInSeconds", "seconds"))
    maximum_execution_timeout_s: int | None = attrs.field(
        default=None, metadata=limit("MaximumExecutionTimeoutInSeconds", "seconds")
    )
    rollback_maximum_batch_size: CapacitySize | None = None


@attrs.frozen(kw_only=True, eq=False, repr=False)
class DeploymentConfig(Spec):
    """How [`Client.update`][icsdk.Client.update] rolls a new spec out.

    Examples:
        >>> DeploymentConfig(
        ...     rolling_update=RollingUpdate(
        ...         maximum_batch_size=CapacitySize(type="COPY_COUNT", value=1), wait_interval_s=0
        ...     ),
        ...     auto_rollback_alarms=("p99-latency-high",),
        ... ).auto_rollback_alarms
        ('p99-latency-high',)
    """

    rolling_update: RollingUpdate
    auto_rollback_alarms: tuple[str, ...] | None = attrs.field(
        default=None, metadata=limit("AlarmList", "alarms", item="AlarmName")
    )
