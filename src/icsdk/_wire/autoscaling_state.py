"""A component's live autoscaling, read back from the answers of the services' Describe calls.

`read_autoscaling` turns what `DescribeScalableTargets`, `DescribeScalingPolicies` and
`DescribeAlarms` answer (their `ScalableTargets`, `ScalingPolicies` and `MetricAlarms`) into an
[`Autoscaling`][icsdk.Autoscaling], leniently, so live resources can be compared with a spec,
and says which resources it read, so they can be updated or deleted.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple, cast

import attrs

from .._autoscaling import Autoscaling, WakeOnRequest
from .._base import deferred_validation
from .autoscaling import (
    ALARM_DIMENSION,
    ALARM_METRIC,
    ALARM_NAMESPACE,
    METRICS,
    NAMESPACE,
    SCALABLE_DIMENSION,
    resource_id,
    target_policy_name,
    wake_alarm_name,
    wake_policy_name,
)

__all__ = ["LiveAutoscaling", "read_autoscaling"]


class LiveAutoscaling(NamedTuple):
    """What a component's live scaling resources amount to, and which resources they are.

    `autoscaling` is `None` without a scalable target. Read leniently, it is not validated: a
    value the live resources lack is `None` (no target-tracking policy: no target; a step policy
    without its alarm: `wake` without alarm settings), so comparing it with a spec names what
    to put. The names and ARN say what exists, to update or delete.
    """

    autoscaling: Autoscaling | None
    target_policy: str | None = None
    wake_policy: str | None = None
    wake_policy_arn: str | None = None
    wake_alarm: str | None = None


def read_autoscaling(
    name: str,
    targets: Iterable[Mapping[str, Any]],
    policies: Iterable[Mapping[str, Any]],
    alarms: Iterable[Mapping[str, Any]],
) -> LiveAutoscaling:
    """Component `name`'s autoscaling from `ScalableTargets`, `ScalingPolicies`, `MetricAlarms`.

    icsdk's own policies and alarm are recognised by name; failing those, the first
    target-tracking policy on a component metric, the first step policy, and an alarm whose
    actions name that step policy are read, so a setup made by hand is compared too.
    """
    alarms = list(alarms)
    own_alarm = _named(alarms, "AlarmName", wake_alarm_name(name))
    target = next((t for t in targets if _on_component(t, name)), None)
    if target is None:
        return LiveAutoscaling(None, wake_alarm=_get(own_alarm, "AlarmName"))
    mine = [policy for policy in policies if _on_component(policy, name)]
    tracking = _named(mine, "PolicyName", target_policy_name(name)) or next(
        (p for p in mine if _metric_of(p) is not None), None
    )
    step = _named(mine, "PolicyName", wake_policy_name(name)) or next(
        (p for p in mine if p.get("PolicyType") == "StepScaling"), None
    )
    step_arn = _get(step, "PolicyARN")
    alarm = own_alarm or next(
        (a for a in alarms if step_arn is not None and step_arn in (a.get("AlarmActions") or ())),
        None,
    )
    values: dict[str, Any] = {
        "min_copies": target.get("MinCapacity"),
        "max_copies": target.get("MaxCapacity"),
        "wake": _wake(name, step, alarm) if step or alarm else None,
    }
    if tracking is not None:
        config = _part(tracking, "TargetTrackingScalingPolicyConfiguration")
        field = _metric_of(tracking)
        if field is not None:
            values[field] = config.get("TargetValue")
        values["scale_in_cooldown_s"] = config.get("ScaleInCooldown")
        values["scale_out_cooldown_s"] = config.get("ScaleOutCooldown")
    else:
        values["scale_in_cooldown_s"] = values["scale_out_cooldown_s"] = None
    with deferred_validation():  # the services' own state: compared, not re-validated
        live = Autoscaling(**values)
    return LiveAutoscaling(
        live,
        target_policy=_get(tracking, "PolicyName"),
        wake_policy=_get(step, "PolicyName"),
        wake_policy_arn=step_arn,
        wake_alarm=_get(alarm, "AlarmName"),
    )


def _get(resource: Mapping[str, Any] | None, key: str) -> Any:
    return None if resource is None else resource.get(key)


def _part(resource: Mapping[str, Any] | None, key: str) -> Mapping[str, Any]:
    """The structure at `key` of `resource`, empty when it is absent."""
    return _structure(_get(resource, key))


def _structure(value: object) -> Mapping[str, Any]:
    return cast("Mapping[str, Any]", value) if isinstance(value, Mapping) else {}


def _named(resources: Iterable[Mapping[str, Any]], key: str, name: str) -> Mapping[str, Any] | None:
    return next((resource for resource in resources if resource.get(key) == name), None)


def _on_component(resource: Mapping[str, Any], name: str) -> bool:
    return (
        resource.get("ServiceNamespace", NAMESPACE) == NAMESPACE
        and resource.get("ResourceId") == resource_id(name)
        and resource.get("ScalableDimension") == SCALABLE_DIMENSION
    )


def _metric_of(policy: Mapping[str, Any]) -> str | None:
    if policy.get("PolicyType") != "TargetTrackingScaling":
        return None
    config = _part(policy, "TargetTrackingScalingPolicyConfiguration")
    metric = _part(config, "PredefinedMetricSpecification").get("PredefinedMetricType")
    return next((field for field, wire in METRICS.items() if wire == metric), None)


def _wake(
    name: str, step: Mapping[str, Any] | None, alarm: Mapping[str, Any] | None
) -> WakeOnRequest:
    values: dict[str, Any] = dict.fromkeys(attrs.fields_dict(WakeOnRequest))
    if step is not None:
        config = _part(step, "StepScalingPolicyConfiguration")
        steps: list[Any] = list(config.get("StepAdjustments") or ())
        # The model's documentation: Cooldown "If not specified, the default value is 300";
        # MetricAggregationType "If the aggregation type is null, the value is treated as
        # Average".
        values["cooldown_s"] = config.get("Cooldown", 300)
        values["aggregation"] = config.get("MetricAggregationType", "Average")
        if config.get("AdjustmentType") == "ChangeInCapacity" and len(steps) == 1:
            only = _structure(steps[0])
            if only.get("MetricIntervalLowerBound") == 0 and "MetricIntervalUpperBound" not in only:
                values["copies_added"] = only.get("ScalingAdjustment")
    if alarm is not None and _watches(alarm, name, _get(step, "PolicyARN")):
        # The model's documentation of TreatMissingData: "If TreatMissingData is omitted, the
        # default behavior of missing is used."
        periods = alarm.get("EvaluationPeriods")
        values.update(
            period_s=alarm.get("Period"),
            evaluation_periods=periods,
            datapoints_to_alarm=alarm.get("DatapointsToAlarm", periods),
            statistic=alarm.get("Statistic"),
            comparison=alarm.get("ComparisonOperator"),
            threshold=alarm.get("Threshold"),
            treat_missing_data=alarm.get("TreatMissingData", "missing"),
        )
    with deferred_validation():
        return WakeOnRequest(**values)


def _watches(alarm: Mapping[str, Any], name: str, policy_arn: str | None) -> bool:
    """Whether `alarm` watches component `name`'s failures and triggers its step policy."""
    dimensions = [
        (dimension.get("Name"), dimension.get("Value"))
        for dimension in alarm.get("Dimensions") or ()
    ]
    return (
        alarm.get("Namespace") == ALARM_NAMESPACE
        and alarm.get("MetricName") == ALARM_METRIC
        and dimensions == [(ALARM_DIMENSION, name)]
        and policy_arn is not None
        and policy_arn in (alarm.get("AlarmActions") or ())
    )
