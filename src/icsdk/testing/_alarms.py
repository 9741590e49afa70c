"""CloudWatch metric alarms: their records, and their evaluation on the service's clock.

An alarm is evaluated at the end of each of its periods (periods are 10, 20, 30 seconds or a
multiple of 60, aligned to the epoch), over its last ``EvaluationPeriods`` periods: ``ALARM``
when at least ``DatapointsToAlarm`` of them breach, ``INSUFFICIENT_DATA`` when none has data
(``TreatMissingData`` ``missing``, the default), ``OK`` otherwise; ``breaching`` and
``notBreaching`` count a missing period as that, ``ignore`` keeps the state. The CloudWatch User
Guide's finer rules for partly missing data are not followed (assumed simplification).

Actions: "An alarm invokes actions only when the alarm changes state. The exception is for
alarms with Auto Scaling actions. For Auto Scaling actions, the alarm continues to invoke the
action once per minute that the alarm remains in the new state." (CloudWatch User Guide,
docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html). Only actions
naming an Application Auto Scaling policy do anything here; others are kept and ignored
("CloudWatch doesn't test or validate the actions that you specify", same page).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ._metrics import Key, Metrics, datapoint_stat, metric_key
from ._records import stamp

__all__ = ["Alarm", "AlarmBook", "Firing"]

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "GreaterThanOrEqualToThreshold": lambda v, t: v >= t,
    "GreaterThanThreshold": lambda v, t: v > t,
    "LessThanThreshold": lambda v, t: v < t,
    "LessThanOrEqualToThreshold": lambda v, t: v <= t,
}
_OPERATOR = {
    "GreaterThanOrEqualToThreshold": "greater than or equal to",
    "GreaterThanThreshold": "greater than",
    "LessThanThreshold": "less than",
    "LessThanOrEqualToThreshold": "less than or equal to",
}


@dataclass(eq=False)
class Alarm:
    """One metric alarm as PutMetricAlarm made it, with its evaluated state."""

    params: dict[str, Any]
    arn: str
    updated: float
    state: str = "INSUFFICIENT_DATA"
    reason: str = "Unchecked: Initial alarm creation"
    state_updated: float = 0.0
    transitioned: float = 0.0
    evaluated_to: float = 0.0
    """End of the last period evaluated."""
    last_action: float | None = None
    last_value: float | None = None
    managed_by: str | None = None
    """The ARN of the target tracking policy that created it, if one did."""
    history: list[tuple[float, str]] = field(default_factory=list[tuple[float, str]])
    cache: dict[float, float | None] = field(default_factory=dict[float, float | None])
    """Values of past periods by start: a period that has ended gets no new samples."""

    @property
    def name(self) -> str:
        return str(self.params["AlarmName"])

    @property
    def period(self) -> int:
        return int(self.params["Period"])

    @property
    def key(self) -> Key:
        p = self.params
        return metric_key(p["Namespace"], p["MetricName"], p.get("Dimensions", []))

    @property
    def statistic(self) -> str:
        return str(self.params.get("Statistic") or self.params["ExtendedStatistic"])

    def describe(self) -> dict[str, Any]:
        """The alarm as DescribeAlarms lists it (``MetricAlarm``)."""
        p = self.params
        out: dict[str, Any] = {
            "AlarmName": self.name,
            "AlarmArn": self.arn,
            "AlarmConfigurationUpdatedTimestamp": stamp(self.updated),
            "ActionsEnabled": p.get("ActionsEnabled", True),
            "OKActions": list(p.get("OKActions", [])),
            "AlarmActions": list(p.get("AlarmActions", [])),
            "InsufficientDataActions": list(p.get("InsufficientDataActions", [])),
            "StateValue": self.state,
            "StateReason": self.reason,
            "StateUpdatedTimestamp": stamp(self.state_updated),
            "MetricName": p["MetricName"],
            "Namespace": p["Namespace"],
            "Dimensions": [dict(d) for d in p.get("Dimensions", [])],
            "Period": p["Period"],
            "EvaluationPeriods": p["EvaluationPeriods"],
            "DatapointsToAlarm": p.get("DatapointsToAlarm", p["EvaluationPeriods"]),
            "Threshold": float(p["Threshold"]),
            "ComparisonOperator": p["ComparisonOperator"],
            "TreatMissingData": p.get("TreatMissingData", "missing"),
            "StateTransitionedTimestamp": stamp(self.transitioned),
        }
        for optional in ("AlarmDescription", "Statistic", "ExtendedStatistic", "Unit"):
            if optional in p:
                out[optional] = p[optional]
        return out


@dataclass(frozen=True)
class Firing:
    """An alarm in ALARM invoking one of its actions."""

    alarm: Alarm
    action: str
    value: float
    at: float


class AlarmBook:
    """The alarms of one account and region, by name."""

    def __init__(self, region: str, account: str) -> None:
        self.region = region
        self.account = account
        self.alarms: dict[str, Alarm] = {}

    def arn(self, name: str) -> str:
        return f"arn:aws:cloudwatch:{self.region}:{self.account}:alarm:{name}"

    def put(self, params: dict[str, Any], now: float, managed_by: str | None = None) -> Alarm:
        """Create, or overwrite the configuration of, the alarm ``params`` names.

        "When you update an existing alarm, its state is left unchanged, but the update
        completely overwrites the previous configuration of the alarm." (botocore
        ``PutMetricAlarm``)
        """
        name = params["AlarmName"]
        found = self.alarms.get(name)
        if found is not None:
            found.params = params
            found.updated = now
            found.cache.clear()
            return found
        alarm = Alarm(
            params,
            self.arn(name),
            now,
            state_updated=now,
            transitioned=now,
            evaluated_to=_period_end(now, int(params["Period"])) - int(params["Period"]),
            managed_by=managed_by,
        )
        self.alarms[name] = alarm
        return alarm

    def evaluate(self, metrics: Metrics, now: float) -> list[Firing]:
        """Evaluate every alarm at each of its period ends up to ``now``; the actions due."""
        firings: list[Firing] = []
        for alarm in list(self.alarms.values()):
            period = alarm.period
            while alarm.evaluated_to + period <= now:
                alarm.evaluated_to += period
                firings.extend(self._evaluate_once(alarm, metrics, alarm.evaluated_to))
        return firings

    def _evaluate_once(self, alarm: Alarm, metrics: Metrics, end: float) -> list[Firing]:
        p = alarm.params
        period = alarm.period
        count = int(p["EvaluationPeriods"])
        needed = int(p.get("DatapointsToAlarm", count))
        threshold = float(p["Threshold"])
        compare = _COMPARE[p["ComparisonOperator"]]
        missing = p.get("TreatMissingData", "missing")
        values: list[float | None] = []
        cache = alarm.cache
        for index in range(count):
            start = end - (index + 1) * period
            if start not in cache:
                samples = metrics.period_values(alarm.key, start, start + period)
                cache[start] = None if samples is None else datapoint_stat(samples, alarm.statistic)
            values.append(cache[start])
        for old in [s for s in cache if s < end - count * period]:
            del cache[old]
        present = [v for v in values if v is not None]
        breaching = sum(compare(v, threshold) for v in present)
        if missing == "breaching":
            breaching += len(values) - len(present)
        if breaching >= needed:
            state = "ALARM"
        elif not present and missing in ("missing", "ignore"):
            state = alarm.state if missing == "ignore" else "INSUFFICIENT_DATA"
        else:
            state = "OK"
        latest = present[0] if present else None
        alarm.last_value = latest
        if state != alarm.state:
            alarm.state = state
            alarm.state_updated = end
            alarm.transitioned = end
            alarm.reason = _reason(alarm, present, breaching, needed, count, threshold)
            alarm.history.append((end, state))
            alarm.last_action = None
        if state != "ALARM" or not p.get("ActionsEnabled", True) or latest is None:
            return []
        if alarm.last_action is not None and end - alarm.last_action < 60:
            return []
        alarm.last_action = end
        return [Firing(alarm, action, latest, end) for action in p.get("AlarmActions", [])]

    def delete(self, names: list[str]) -> None:
        for name in names:
            self.alarms.pop(name, None)

    def forget_action(self, arn: str) -> None:
        """Drop ``arn`` from every alarm's actions (its scaling policy was deleted)."""
        for alarm in self.alarms.values():
            actions = alarm.params.get("AlarmActions")
            if actions and arn in actions:
                alarm.params["AlarmActions"] = [a for a in actions if a != arn]


def _period_end(now: float, period: int) -> float:
    return math.floor(now / period) * period + period


def _reason(
    alarm: Alarm,
    present: list[float],
    breaching: int,
    needed: int,
    count: int,
    threshold: float,
) -> str:
    """A StateReason in CloudWatch's form (assumed wording, after its threshold messages)."""
    if not present:
        return f"Insufficient Data: {count} datapoint{'s' if count > 1 else ''} were unknown."
    shown = ", ".join(f"{v:g}" for v in present[:5])
    operator = _OPERATOR[alarm.params["ComparisonOperator"]]
    if breaching >= needed:
        return (
            f"Threshold Crossed: {breaching} out of the last {count} datapoints [{shown}] "
            f"{'was' if breaching == 1 else 'were'} {operator} the threshold ({threshold:g}) "
            f"(minimum {needed} datapoint{'s' if needed > 1 else ''} for OK -> ALARM transition)."
        )
    return (
        f"Threshold Crossed: {len(present) - breaching} out of the last {count} datapoints "
        f"[{shown}] {'was' if len(present) - breaching == 1 else 'were'} not {operator} the "
        f"threshold ({threshold:g}) (minimum 1 datapoint for ALARM -> OK transition)."
    )
