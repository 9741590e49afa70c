"""CloudWatch metrics: the samples the runtime publishes, and the statistics read from them.

The runtime publishes, in namespace ``AWS/SageMaker`` with the dimension
``InferenceComponentName``, one sample per invocation the way SageMaker documents its per-unit
metrics ("1/``numberOfInstances`` is sent as the value on each request" for
``InvocationsPerInstance``, docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html):

- ``Invocations``: 1 per invocation served;
- ``InvocationsPerCopy``: 1/copies per invocation, so its Sum is invocations per copy;
- ``ConcurrentRequestsPerCopy``: requests in flight / copies, at each invocation and at each
  evaluation tick while requests are in flight;
- ``NoCapacityInvocationFailures``: 1 per invocation refused because the component had no copy
  ("SageMaker AI emits this metric when an endpoint receives an inference request, but the
  endpoint has no active instances", docs.aws.amazon.com/sagemaker/latest/dg/
  endpoint-auto-scaling-zero-instances.html).

The first three read 0 for a period without samples while the component had copies:
Application Auto Scaling says of a minimum capacity above 0 that "data points are continuously
reported to CloudWatch" (botocore ``RegisterScalableTarget.MinCapacity``); with no copy nothing
is reported, so a per-copy metric is missing, never divided by zero. Copy counts are kept as a
timeline sampled at each evaluation tick and each invocation (tick resolution: 10 seconds), for
the components that were invoked, have a scalable target or are named by an alarm: a component
that is none of these reads no datapoints at all (assumed simplification).
"""

from __future__ import annotations

import bisect
import math
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["NAMESPACE", "Metrics", "Series", "datapoint_stat", "per_copy_key"]

NAMESPACE = "AWS/SageMaker"
DIMENSION = "InferenceComponentName"
# Reported continuously while the component has copies (read as 0 when no sample came).
_CONTINUOUS = frozenset({"Invocations", "InvocationsPerCopy", "ConcurrentRequestsPerCopy"})

Key = tuple[str, str, tuple[tuple[str, str], ...]]
"""(namespace, metric name, dimensions sorted by name)."""


def metric_key(namespace: str, name: str, dimensions: Iterable[Mapping[str, Any]]) -> Key:
    return namespace, name, tuple(sorted((d["Name"], d["Value"]) for d in dimensions))


def per_copy_key(name: str, component: str) -> Key:
    """The key of one of the runtime's metrics for ``component``."""
    return NAMESPACE, name, ((DIMENSION, component),)


@dataclass
class Series:
    """One metric's samples in time order."""

    times: list[float] = field(default_factory=list[float])
    values: list[float] = field(default_factory=list[float])

    def add(self, at: float, value: float) -> None:
        if self.times and at < self.times[-1]:
            index = bisect.bisect_right(self.times, at)
            self.times.insert(index, at)
            self.values.insert(index, value)
            return
        self.times.append(at)
        self.values.append(value)

    def between(self, start: float, end: float) -> list[float]:
        low = bisect.bisect_left(self.times, start)
        high = bisect.bisect_left(self.times, end)
        return self.values[low:high]


def datapoint_stat(values: list[float], stat: str) -> float:
    """One statistic of a period's samples (``values`` is never empty)."""
    if stat == "Sum":
        return math.fsum(values)
    if stat == "Average":
        return math.fsum(values) / len(values)
    if stat == "Minimum":
        return min(values)
    if stat == "Maximum":
        return max(values)
    if stat == "SampleCount":
        return float(len(values))
    # pNN(.NN): the nearest-rank percentile of the samples.
    rank = float(stat[1:]) / 100
    ordered = sorted(values)
    return ordered[max(0, math.ceil(rank * len(ordered)) - 1)]


class Metrics:
    """Every sample published, and the copy-count timeline that fills idle periods with 0."""

    def __init__(self, now: Callable[[], float]) -> None:
        self._now = now
        self._lock = threading.Lock()
        self._series: dict[Key, Series] = {}
        self._copies: dict[str, tuple[list[float], list[int]]] = {}
        self._in_flight: dict[str, int] = {}

    # -- publishing (the runtime, the evaluation ticks) ------------------------------------------

    def put(self, key: Key, at: float, value: float) -> None:
        with self._lock:
            self._series.setdefault(key, Series()).add(at, value)

    def serving(self, component: str, at: float, copies: int) -> None:
        """Record that ``component`` had ``copies`` copies at ``at`` (kept only when it changes)."""
        with self._lock:
            times, counts = self._copies.setdefault(component, ([], []))
            if counts and counts[-1] == copies:
                return
            if times and at < times[-1]:
                at = times[-1]
            times.append(at)
            counts.append(copies)

    def known_copies(self, component: str) -> int | None:
        with self._lock:
            found = self._copies.get(component)
            return found[1][-1] if found else None

    def tracked(self) -> list[str]:
        """Components with a copy-count timeline."""
        with self._lock:
            return list(self._copies)

    def invoked(self, component: str, copies: int) -> None:
        """An invocation of ``component`` served by ``copies`` copies started."""
        at = self._now()
        self.serving(component, at, copies)
        with self._lock:
            in_flight = self._in_flight.get(component, 0) + 1
            self._in_flight[component] = in_flight
        self.put(per_copy_key("Invocations", component), at, 1.0)
        self.put(per_copy_key("InvocationsPerCopy", component), at, 1.0 / copies)
        self.put(per_copy_key("ConcurrentRequestsPerCopy", component), at, in_flight / copies)

    def finished(self, component: str) -> None:
        with self._lock:
            left = self._in_flight.get(component, 1) - 1
            if left > 0:
                self._in_flight[component] = left
            else:
                self._in_flight.pop(component, None)

    def refused(self, component: str) -> None:
        """An invocation of ``component`` found no copy to serve it."""
        at = self._now()
        self.serving(component, at, 0)
        self.put(per_copy_key("NoCapacityInvocationFailures", component), at, 1.0)

    def sample_in_flight(self, at: float) -> None:
        """A concurrency sample for every component with requests in flight now."""
        with self._lock:
            busy = dict(self._in_flight)
        for component, count in busy.items():
            copies = self.known_copies(component) or 0
            if copies > 0:
                self.put(per_copy_key("ConcurrentRequestsPerCopy", component), at, count / copies)

    # -- reading ---------------------------------------------------------------------------------

    def _copies_at(self, component: str, at: float) -> int:
        found = self._copies.get(component)
        if found is None:
            return 0
        times, counts = found
        index = bisect.bisect_right(times, at) - 1
        return counts[index] if index >= 0 else 0

    def period_values(self, key: Key, start: float, end: float) -> list[float] | None:
        """The samples of ``[start, end)``; ``[0.0]`` for a continuous metric of a component
        that served throughout a period that has ended; ``None`` when the period has no data."""
        with self._lock:
            series = self._series.get(key)
            values = series.between(start, end) if series is not None else []
            if values:
                return values
            namespace, name, dimensions = key
            if (
                end <= self._now()
                and namespace == NAMESPACE
                and name in _CONTINUOUS
                and len(dimensions) == 1
                and dimensions[0][0] == DIMENSION
                and self._copies_at(dimensions[0][1], end) > 0
                and self._copies_at(dimensions[0][1], start) > 0
            ):
                return [0.0]
            return None

    def datapoints(
        self, key: Key, start: float, end: float, period: int
    ) -> list[tuple[float, list[float]]]:
        """(period start, samples) for each period from ``start`` (rounded down) with data."""
        first = math.floor(start / period) * period
        out: list[tuple[float, list[float]]] = []
        at = first
        while at < end:
            values = self.period_values(key, at, at + period)
            if values is not None:
                out.append((at, values))
            at += period
        return out
