"""Fault injection, rate limits and the journal of every request the local service received."""

from __future__ import annotations

import enum
import random
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Call", "Fault", "FaultKind", "FaultPlan", "Journal", "RateLimits"]


class FaultKind(enum.Enum):
    """What an injected fault does to one request.

    Examples:
        >>> FaultKind.RESET_AFTER.commits
        True
    """

    THROTTLE = "throttle"
    """400 ``ThrottlingException: Rate exceeded``; nothing is done."""
    INTERNAL_ERROR = "internal_error"
    """500 ``InternalFailure`` as JSON; nothing is done."""
    SERVICE_UNAVAILABLE = "service_unavailable"
    """503 ``ServiceUnavailable`` as JSON; nothing is done."""
    BAD_GATEWAY = "bad_gateway"
    """502 with an HTML body, as a load balancer sends it; nothing is done."""
    RESET_BEFORE = "reset_before"
    """The connection is reset before the request is processed."""
    RESET_AFTER = "reset_after"
    """The request is processed (the change is committed), then the connection is reset."""
    SLOW = "slow"
    """The response is delayed by ``Fault.delay`` seconds; the request is still processed."""
    MALFORMED = "malformed"
    """The request is processed, then answered 200 with a body that is not valid JSON."""
    QUOTA = "quota"
    """400 ``ResourceLimitExceeded``; nothing is done."""
    ACCESS_DENIED = "access_denied"
    """400 ``AccessDeniedException``; nothing is done."""
    MODEL_ERROR = "model_error"
    """Runtime: 424 ``ModelError``, as when the model container fails."""
    NO_CAPACITY = "no_capacity"
    """Runtime: 400 ``ValidationError``: the component has no capacity."""
    MODEL_NOT_READY = "model_not_ready"
    """Runtime: 429 ``ModelNotReadyException``."""
    TRUNCATED = "truncated"
    """The request is processed, then the answer is cut short: its Content-Length promises more
    than is sent (a response stream loses its end after the first part) and the connection
    closes."""
    MODEL_STREAM_ERROR = "model_stream_error"
    """Runtime, response stream: after the first payload part, a ``ModelStreamError`` event
    (``ErrorCode`` ``ModelInvocationTimeExceeded``) ends the stream. Other operations are
    served as usual."""
    INTERNAL_STREAM_FAILURE = "internal_stream_failure"
    """Runtime, response stream: after the first payload part, an ``InternalStreamFailure``
    event ends the stream. Other operations are served as usual."""

    @property
    def commits(self) -> bool:
        """Whether the request is still carried out (so the client cannot tell if it was)."""
        return self in _COMMITTING


_COMMITTING = frozenset(
    {
        FaultKind.RESET_AFTER,
        FaultKind.SLOW,
        FaultKind.MALFORMED,
        FaultKind.TRUNCATED,
        FaultKind.MODEL_STREAM_ERROR,
        FaultKind.INTERNAL_STREAM_FAILURE,
    }
)


@dataclass(frozen=True)
class Fault:
    """One fault: which kind, for which operation (``None``: any), how long (``SLOW``).

    Examples:
        >>> Fault(FaultKind.SLOW, operation="CreateInferenceComponent", delay=2.0).delay
        2.0
    """

    kind: FaultKind
    operation: str | None = None
    delay: float = 0.0


class FaultPlan:
    """Faults to inject: scripted (the next N matching requests) or random (seeded).

    Examples:
        >>> plan = FaultPlan()
        >>> plan.script(FaultKind.THROTTLE, operation="DescribeInferenceComponent", times=2)
        >>> plan.take("DescribeInferenceComponent").kind
        <FaultKind.THROTTLE: 'throttle'>
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._scripted: list[Fault] = []
        self._random: tuple[float, tuple[FaultKind, ...], frozenset[str] | None] | None = None
        self._rng = random.Random(0)

    def script(
        self,
        kind: FaultKind,
        *,
        operation: str | None = None,
        times: int = 1,
        delay: float = 0.0,
    ) -> None:
        """Inject ``kind`` into the next ``times`` requests for ``operation`` (or any).

        Examples:
            >>> FaultPlan().script(FaultKind.RESET_AFTER, operation="CreateInferenceComponent")
        """
        with self._lock:
            self._scripted.extend([Fault(kind, operation, delay)] * times)

    def randomly(
        self,
        probability: float,
        kinds: Iterable[FaultKind],
        *,
        seed: int,
        operations: Iterable[str] | None = None,
    ) -> None:
        """Inject one of ``kinds`` into each request with ``probability``, reproducibly.

        Examples:
            >>> FaultPlan().randomly(0.2, [FaultKind.THROTTLE, FaultKind.RESET_AFTER], seed=7)
        """
        with self._lock:
            only = frozenset(operations) if operations is not None else None
            self._random = (probability, tuple(kinds), only)
            self._rng = random.Random(seed)

    def clear(self) -> None:
        """Remove every scripted and random fault.

        Examples:
            >>> plan = FaultPlan()
            >>> plan.script(FaultKind.THROTTLE)
            >>> plan.clear()
            >>> plan.take("AnyOperation") is None
            True
        """
        with self._lock:
            self._scripted.clear()
            self._random = None

    def take(self, operation: str) -> Fault | None:
        """The fault for this request, if any (consuming a scripted one).

        Examples:
            >>> FaultPlan().take("DescribeInferenceComponent") is None
            True
        """
        with self._lock:
            for index, fault in enumerate(self._scripted):
                if fault.operation in (None, operation):
                    return self._scripted.pop(index)
            if self._random is not None:
                probability, kinds, only = self._random
                if (only is None or operation in only) and self._rng.random() < probability:
                    return Fault(self._rng.choice(kinds), operation, 2.0)
        return None


class _Bucket:
    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.updated = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RateLimits:
    """Token buckets per operation: ``tps`` tokens a second, at most ``burst`` saved up.

    Examples:
        >>> limits = RateLimits()
        >>> limits.set("CreateInferenceComponent", tps=1, burst=1)
        >>> limits.allow("CreateInferenceComponent"), limits.allow("CreateInferenceComponent")
        (True, False)
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._buckets: dict[str, _Bucket] = {}

    def set(self, operation: str, *, tps: float, burst: float | None = None) -> None:
        """Limit ``operation`` to ``tps`` requests a second (bursts of ``burst``, default tps).

        Examples:
            >>> RateLimits().set("ListInferenceComponents", tps=20)
        """
        with self._lock:
            self._buckets[operation] = _Bucket(tps, burst if burst is not None else max(tps, 1))

    def allow(self, operation: str) -> bool:
        """Whether a request for ``operation`` may go through now (taking a token if so).

        Examples:
            >>> RateLimits().allow("DescribeInferenceComponent")
            True
        """
        with self._lock:
            bucket = self._buckets.get(operation)
            return bucket is None or bucket.take()


@dataclass(frozen=True)
class Call:
    """One request as the local service saw it.

    ``committed`` says whether the request changed (or would have read) state: it is false for
    requests refused by a fault, a rate limit or validation. ``name`` is the component the
    request names, else its endpoint (an UpdateEndpoint, a DescribeEndpoint). Parameters are
    kept for tests but left out of the repr, since they can hold environment secrets.

    Examples:
        >>> call = Call(1, 0.0, "DescribeInferenceComponent", {}, "ok", 200, True, "a")
        >>> call
        Call(seq=1, operation='DescribeInferenceComponent', name='a', outcome='ok', status=200)
    """

    seq: int
    at: float
    operation: str
    params: dict[str, Any] = field(repr=False)
    outcome: str
    status: int
    committed: bool
    name: str | None

    def __repr__(self) -> str:
        return (
            f"Call(seq={self.seq}, operation={self.operation!r}, name={self.name!r}, "
            f"outcome={self.outcome!r}, status={self.status})"
        )


class Journal:
    """Every request the local service received, in order, for tests to query.

    Examples:
        >>> journal = Journal()
        >>> journal.count(operation="CreateInferenceComponent")
        0
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._calls: list[Call] = []

    def record(self, **fields: Any) -> Call:
        """Append one call (used by the server).

        Examples:
            >>> Journal().record(at=0.0, operation="X", params={}, outcome="ok", status=200,
            ...                  committed=True, name=None).seq
            1
        """
        with self._lock:
            call = Call(seq=len(self._calls) + 1, **fields)
            self._calls.append(call)
            return call

    def calls(
        self,
        *,
        operation: str | None = None,
        name: str | None = None,
        outcome: str | None = None,
        committed: bool | None = None,
    ) -> list[Call]:
        """The calls matching every filter given.

        Examples:
            >>> Journal().calls(operation="CreateInferenceComponent", committed=True)
            []
        """
        with self._lock:
            return [
                call
                for call in self._calls
                if (operation is None or call.operation == operation)
                and (name is None or call.name == name)
                and (outcome is None or call.outcome == outcome)
                and (committed is None or call.committed == committed)
            ]

    def count(self, **filters: Any) -> int:
        """How many calls match (same filters as [`calls`][icsdk.testing.Journal.calls]).

        Examples:
            >>> Journal().count(name="llama-8b")
            0
        """
        return len(self.calls(**filters))

    def clear(self) -> None:
        """Forget every call so far.

        Examples:
            >>> Journal().clear()
        """
        with self._lock:
            self._calls.clear()

    def __iter__(self) -> Iterator[Call]:
        with self._lock:
            return iter(list(self._calls))

    def __len__(self) -> int:
        with self._lock:
            return len(self._calls)
