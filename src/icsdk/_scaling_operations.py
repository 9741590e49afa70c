"""A component's scaling resources: read, put and delete, in the order the services need.

Application Auto Scaling and CloudWatch calls take the same path as SageMaker's (one attempt
per botocore call, icsdk's retries, typed errors). Every write here is an upsert or a delete,
so sending one again is safe: RegisterScalableTarget and PutScalingPolicy update what exists,
PutMetricAlarm replaces an alarm of that name, and a delete of what is gone is done.

Order: the target before its policies, the step policy before the alarm that names its ARN;
to remove them, the alarm, then the policies, then the target.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING, Any

from ._service_errors import ScalingNotFound
from ._transport import Transport, parsed
from ._wire.autoscaling import (
    delete_alarm_request,
    metric_alarms_of,
    policy_arn_of,
    render_autoscaling,
    render_delete_policy,
    render_deregister,
    render_describe_alarms,
    render_describe_policies,
    render_describe_targets,
    scalable_targets_of,
    scaling_policies_of,
    target_policy_name,
    wake_alarm_name,
    wake_policy_name,
)
from ._wire.autoscaling_state import LiveAutoscaling, read_autoscaling

if TYPE_CHECKING:
    from ._autoscaling import Autoscaling

__all__ = ["ScalingOperations"]


class ScalingOperations:
    """Read, put and delete one component's scalable target, policies and alarm."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport

    def live(self, name: str) -> LiveAutoscaling:
        """The component's live autoscaling; one call when it has no scalable target."""
        aas = self._transport.autoscaling
        targets_request: Any = render_describe_targets(name)
        targets = self._transport.call(
            "DescribeScalableTargets",
            lambda: parsed(scalable_targets_of, aas.describe_scalable_targets(**targets_request)),
        )
        if not targets:
            return LiveAutoscaling(None)
        policies_request: Any = render_describe_policies(name)
        policies = self._transport.call(
            "DescribeScalingPolicies",
            lambda: parsed(scaling_policies_of, aas.describe_scaling_policies(**policies_request)),
        )
        cloudwatch = self._transport.cloudwatch
        alarms_request: Any = render_describe_alarms(name)
        alarms = self._transport.call(
            "DescribeAlarms",
            lambda: parsed(metric_alarms_of, cloudwatch.describe_alarms(**alarms_request)),
        )
        return read_autoscaling(name, targets, policies, alarms)

    def put(self, name: str, autoscaling: Autoscaling, live: LiveAutoscaling) -> None:
        """Make the component's scaling resources those of ``autoscaling``.

        Policies and an alarm found under other names (set up by hand) are replaced by icsdk's,
        so no two policies track the same component.
        """
        aas, requests = self._transport.autoscaling, render_autoscaling(name, autoscaling)
        target: Any = requests.scalable_target
        self._transport.call(
            "RegisterScalableTarget", lambda: aas.register_scalable_target(**target)
        )
        tracking: Any = requests.target_tracking
        self._transport.call("PutScalingPolicy", lambda: aas.put_scaling_policy(**tracking))
        if live.target_policy not in (None, target_policy_name(name)):
            self._delete_policy(name, live.target_policy)
        wake: Any = requests.wake_policy
        if wake is None:
            self._delete_wake(name, live.wake_alarm, live.wake_policy)
            return
        arn: str = self._transport.call(
            "PutScalingPolicy", lambda: parsed(policy_arn_of, aas.put_scaling_policy(**wake))
        )
        alarm: Any = requests.wake_alarm(arn)
        cloudwatch = self._transport.cloudwatch
        self._transport.call("PutMetricAlarm", lambda: cloudwatch.put_metric_alarm(**alarm))
        if live.wake_alarm not in (None, wake_alarm_name(name)):
            self._delete_alarm(live.wake_alarm)
        if live.wake_policy not in (None, wake_policy_name(name)):
            self._delete_policy(name, live.wake_policy)

    def delete(self, name: str, live: LiveAutoscaling | None = None) -> bool:
        """Remove the component's alarm, policies and target; whether there was a target.

        Deregistering the target deletes its policies too (the Application Auto Scaling
        model: "Deregistering a scalable target deletes the scaling policies that are
        associated with it"); the alarm, a CloudWatch resource, is deleted first, by hand.
        """
        live = self.live(name) if live is None else live
        if live.autoscaling is None:
            return False
        self._delete_wake(name, live.wake_alarm, live.wake_policy)
        request: Any = render_deregister(name)
        aas = self._transport.autoscaling
        with contextlib.suppress(ScalingNotFound):
            self._transport.call(
                "DeregisterScalableTarget", lambda: aas.deregister_scalable_target(**request)
            )
        return True

    def _delete_wake(self, name: str, alarm: str | None, policy: str | None) -> None:
        if alarm is not None:
            self._delete_alarm(alarm)
        if policy is not None:
            self._delete_policy(name, policy)

    def _delete_alarm(self, alarm: str) -> None:
        request: Any = delete_alarm_request(alarm)
        cloudwatch = self._transport.cloudwatch
        with contextlib.suppress(ScalingNotFound):
            self._transport.call("DeleteAlarms", lambda: cloudwatch.delete_alarms(**request))

    def _delete_policy(self, name: str, policy: str) -> None:
        request: Any = render_delete_policy(name, policy)
        aas = self._transport.autoscaling
        with contextlib.suppress(ScalingNotFound):
            self._transport.call(
                "DeleteScalingPolicy", lambda: aas.delete_scaling_policy(**request)
            )
