"""How an update rolls out: batch sizes, pauses, timeouts and the alarms that roll it back."""

from __future__ import annotations

from typing import Literal, TypeAlias

import attrs

from ._constraints import Problems
from ._spec import _as_tuple, _ne, _Spec

__all__ = ["CapacitySize", "DeploymentConfig", "RollingUpdate"]

CapacitySizeType: TypeAlias = Literal["COPY_COUNT", "CAPACITY_PERCENT"]
"""Whether a batch size counts copies or a percentage of the component's capacity."""


@attrs.frozen(kw_only=True)
class CapacitySize(_Spec):
    """A batch size for a rolling update: a number of copies or a percentage of capacity.

    Example:
        >>> CapacitySize(type="COPY_COUNT", value=1)
        CapacitySize(type='COPY_COUNT', value=1)
    """

    type: CapacitySizeType
    value: int

    def _check(self, p: Problems) -> None:
        p.string("type", self.type, "InferenceComponentCapacitySizeType")
        p.number("value", self.value, "CapacitySizeValue")


@attrs.frozen(kw_only=True)
class RollingUpdate(_Spec):
    """Replace copies in batches, pausing between batches, within an overall time limit.

    Example:
        >>> RollingUpdate(
        ...     maximum_batch_size=CapacitySize(type="CAPACITY_PERCENT", value=50),
        ...     wait_interval_s=60,
        ... ).wait_interval_s
        60
    """

    maximum_batch_size: CapacitySize
    wait_interval_s: int
    maximum_execution_timeout_s: int | None = None
    rollback_maximum_batch_size: CapacitySize | None = None

    def _check(self, p: Problems) -> None:
        p.instance("maximum_batch_size", self.maximum_batch_size, CapacitySize, "a CapacitySize")
        p.number("wait_interval_s", self.wait_interval_s, "WaitIntervalInSeconds", "seconds")
        if self.maximum_execution_timeout_s is not None:
            p.number(
                "maximum_execution_timeout_s",
                self.maximum_execution_timeout_s,
                "MaximumExecutionTimeoutInSeconds",
                "seconds",
            )
        if self.rollback_maximum_batch_size is not None:
            p.instance(
                "rollback_maximum_batch_size",
                self.rollback_maximum_batch_size,
                CapacitySize,
                "a CapacitySize",
            )


@attrs.frozen(kw_only=True)
class DeploymentConfig(_Spec):
    """How :meth:`Client.update <icsdk.Client.update>` rolls a new spec out.

    Example:
        >>> DeploymentConfig(
        ...     rolling_update=RollingUpdate(
        ...         maximum_batch_size=CapacitySize(type="COPY_COUNT", value=1), wait_interval_s=0
        ...     ),
        ...     auto_rollback_alarms=("p99-latency-high",),
        ... ).auto_rollback_alarms
        ('p99-latency-high',)
    """

    rolling_update: RollingUpdate
    auto_rollback_alarms: tuple[str, ...] | None = None

    def _normalise(self) -> None:
        _as_tuple(self, "auto_rollback_alarms")

    def _check(self, p: Problems) -> None:
        p.instance("rolling_update", self.rolling_update, RollingUpdate, "a RollingUpdate")
        alarms = self.auto_rollback_alarms
        if alarms is not None and p.instance("auto_rollback_alarms", alarms, tuple, "a tuple"):
            p.count("auto_rollback_alarms", len(alarms), "AlarmList", "alarms")
            for index, alarm in enumerate(alarms):
                p.string(f"auto_rollback_alarms[{index}]", alarm, "AlarmName")


for _cls in (CapacitySize, RollingUpdate, DeploymentConfig):
    setattr(_cls, "__ne__", _ne)  # noqa: B010 - as for the spec classes
