"""CloudWatch's operations: PutMetricAlarm, DeleteAlarms, DescribeAlarms, GetMetricData,
GetMetricStatistics.

Refusals carry CloudWatch's query error codes (``ValidationError``, ``InvalidParameterValue``,
``InvalidParameterCombination``, ``InvalidNextToken``), which is what botocore reports for this
query-compatible service (botocore's ``cloudwatch`` model: ``awsQueryCompatible``, and each
error shape's ``error.code``). What each refuses follows botocore's member documentation, quoted
below; the wording of the messages is assumed unless a source is named.
"""

from __future__ import annotations

import copy
import math
from datetime import datetime
from typing import Any

from ._alarms import AlarmBook
from ._listing import decode_token, encode_token
from ._metrics import Metrics, datapoint_stat, metric_key
from ._protocol import AwsError
from ._records import stamp

__all__ = ["CloudWatch"]

_STATISTICS = ("SampleCount", "Average", "Sum", "Minimum", "Maximum")


def _invalid(message: str) -> AwsError:
    return AwsError("InvalidParameterValue", message)


def _combination(message: str) -> AwsError:
    return AwsError("InvalidParameterCombination", message)


def _seconds(value: Any) -> float:
    return value.timestamp() if isinstance(value, datetime) else float(value)


class CloudWatch:
    """The CloudWatch operations LocalSageMaker answers."""

    def __init__(self, alarms: AlarmBook, metrics: Metrics) -> None:
        self.alarms = alarms
        self.metrics = metrics

    def put_metric_alarm(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        _check_alarm(params)
        stored = copy.deepcopy(params)
        stored.pop("Tags", None)
        existing = self.alarms.alarms.get(params["AlarmName"])
        managed = existing.managed_by if existing is not None else None
        self.alarms.put(stored, now, managed)
        return {}

    def delete_alarms(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        # "If you specify any incorrect alarm names, the alarms you specify with correct names
        # are still deleted." (botocore DeleteAlarms): names not found are passed over.
        self.alarms.delete(list(params["AlarmNames"]))
        return {}

    def describe_alarms(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        names = params.get("AlarmNames")
        prefix = params.get("AlarmNamePrefix")
        if names and prefix:
            raise _combination("AlarmNames and AlarmNamePrefix cannot be used together.")
        types = params.get("AlarmTypes", ["MetricAlarm"])
        state = params.get("StateValue")
        action = params.get("ActionPrefix")
        found = [
            alarm
            for name, alarm in sorted(self.alarms.alarms.items())
            if (not names or name in names)
            and (prefix is None or name.startswith(prefix))
            and (state is None or alarm.state == state)
            and (action is None or any(a.startswith(action) for a in _actions(alarm.params)))
        ]
        if "MetricAlarm" not in types:
            found = []
        start = _token(params.get("NextToken"))
        size = params.get("MaxRecords", 50)
        out: dict[str, Any] = {
            "MetricAlarms": [a.describe() for a in found[start : start + size]],
            "CompositeAlarms": [],
        }
        if start + size < len(found):
            out["NextToken"] = encode_token(start + size)
        return out

    def get_metric_statistics(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        start, end = _seconds(params["StartTime"]), _seconds(params["EndTime"])
        period = int(params["Period"])
        stats = list(params.get("Statistics", []))
        extended = list(params.get("ExtendedStatistics", []))
        if bool(stats) == bool(extended):
            raise _combination("Must specify either Statistics or ExtendedStatistics, not both.")
        _check_read_period(period, start, end)
        requested = math.ceil((end - start) / period)
        if requested > 1440:
            # Assumed wording (no public source found).
            raise _combination(
                f"You have requested up to {requested:,} datapoints, which exceeds the limit of "
                "1,440. You may reduce the datapoints requested by increasing Period, or "
                "decreasing the time range."
            )
        key = metric_key(params["Namespace"], params["MetricName"], params.get("Dimensions", []))
        datapoints: list[dict[str, Any]] = []
        for at, values in self.metrics.datapoints(key, start, end, period):
            point: dict[str, Any] = {"Timestamp": stamp(at), "Unit": "None"}
            point.update({stat: datapoint_stat(values, stat) for stat in stats})
            if extended:
                point["ExtendedStatistics"] = {s: datapoint_stat(values, s) for s in extended}
            datapoints.append(point)
        return {"Label": params["MetricName"], "Datapoints": datapoints}

    def get_metric_data(self, params: dict[str, Any], now: float) -> dict[str, Any]:
        start, end = _seconds(params["StartTime"]), _seconds(params["EndTime"])
        if start >= end:
            raise _invalid("The parameter StartTime must be less than the parameter EndTime.")
        queries = params["MetricDataQueries"]
        descending = params.get("ScanBy", "TimestampDescending") == "TimestampDescending"
        results: list[dict[str, Any]] = []
        for query in queries:
            if "MetricStat" not in query:
                # A test double's limit, not the service's: metric math is not evaluated here.
                raise _invalid(
                    f"LocalSageMaker evaluates only MetricStat queries; query {query['Id']} "
                    "has none."
                )
            stat = query["MetricStat"]
            metric = stat["Metric"]
            period = int(stat["Period"])
            _check_read_period(period, start, end)
            key = metric_key(
                metric.get("Namespace", ""),
                metric.get("MetricName", ""),
                metric.get("Dimensions", []),
            )
            points = [
                (at, datapoint_stat(values, _stat_name(stat["Stat"])))
                for at, values in self.metrics.datapoints(key, start, end, period)
            ]
            if descending:
                points.reverse()
            if query.get("ReturnData", True):
                results.append(
                    {
                        "Id": query["Id"],
                        "Label": query.get("Label", metric.get("MetricName", "")),
                        "Timestamps": [stamp(at) for at, _ in points],
                        "Values": [value for _, value in points],
                        "StatusCode": "Complete",
                    }
                )
        return {"MetricDataResults": results, "Messages": []}


def _actions(params: dict[str, Any]) -> list[str]:
    return [
        *params.get("AlarmActions", []),
        *params.get("OKActions", []),
        *params.get("InsufficientDataActions", []),
    ]


def _token(token: str | None) -> int:
    try:
        return decode_token(token)
    except AwsError:
        raise AwsError(
            "InvalidNextToken", "The service was unable to use the next token."
        ) from None


def _stat_name(stat: str) -> str:
    if stat in _STATISTICS or (stat[:1] == "p" and _is_number(stat[1:])):
        return stat
    raise _invalid(f"The statistic {stat} is not supported by LocalSageMaker.")


def _is_number(text: str) -> bool:
    try:
        value = float(text)
    except ValueError:
        return False
    return 0 <= value <= 100


def _check_read_period(period: int, start: float, end: float) -> None:
    # botocore GetMetricStatistics.Period: "For high-resolution metrics ... 1, 5, 10, 20, 30,
    # 60, or any multiple of 60"; "For metrics with regular resolution, a period can be as
    # short as one minute (60 seconds) and must be a multiple of 60."
    if period not in (1, 5, 10, 20, 30) and period % 60:
        raise _invalid("The parameter Period must be 1, 5, 10, 20, 30, or a multiple of 60.")
    if start >= end:
        raise _invalid("The parameter StartTime must be less than the parameter EndTime.")


def _check_alarm(params: dict[str, Any]) -> None:
    """What PutMetricAlarm refuses, by botocore's member documentation (wording assumed)."""
    if "Metrics" in params:
        raise _invalid(
            "LocalSageMaker evaluates only alarms on one metric (MetricName and Namespace); "
            "alarms on metric math are not supported."
        )
    for member in ("MetricName", "Namespace", "Period", "EvaluationPeriods", "Threshold"):
        if member not in params:
            raise AwsError("ValidationError", f"{member} is required for a metric alarm.")
    if "ComparisonOperator" not in params:
        raise AwsError("ValidationError", "ComparisonOperator is required for a metric alarm.")
    # "When you call PutMetricAlarm and specify a MetricName, you must specify either Statistic
    # or ExtendedStatistic, but not both." (botocore PutMetricAlarm.Statistic)
    if ("Statistic" in params) == ("ExtendedStatistic" in params):
        raise _combination("Exactly one of Statistic or ExtendedStatistic must be specified.")
    if "ExtendedStatistic" in params:
        _stat_name(params["ExtendedStatistic"])
    # "Valid values are 10, 20, 30, and any multiple of 60." (botocore PutMetricAlarm.Period)
    period = params["Period"]
    if period not in (10, 20, 30) and period % 60:
        raise AwsError("ValidationError", "Period must be 10, 20, 30 or a multiple of 60 seconds.")
    # An "M out of N" alarm: M is DatapointsToAlarm, N is EvaluationPeriods (botocore).
    if params.get("DatapointsToAlarm", 1) > params["EvaluationPeriods"]:
        raise AwsError(
            "ValidationError", "DatapointsToAlarm must be less than or equal to EvaluationPeriods."
        )
    operator = params["ComparisonOperator"]
    if operator not in ("GreaterThanOrEqualToThreshold", "GreaterThanThreshold") and (
        operator not in ("LessThanThreshold", "LessThanOrEqualToThreshold")
    ):
        # The three anomaly-band operators "are used only for alarms based on anomaly
        # detection models" (botocore), which are metric math.
        raise _invalid(f"ComparisonOperator {operator} is only for anomaly detection alarms.")
    missing = params.get("TreatMissingData", "missing")
    # "Valid Values: breaching | notBreaching | ignore | missing" (botocore)
    if missing not in ("breaching", "notBreaching", "ignore", "missing"):
        raise AwsError(
            "ValidationError",
            "TreatMissingData must be one of breaching, notBreaching, ignore, missing.",
        )
