"""icsdk's one retry layer: what is retried, how long to back off, and ambiguous writes.

boto3 clients that icsdk builds make one attempt per call; this module decides about the next.
Throttling, 5xx answers and connection failures are retried with full-jitter exponential backoff,
bounded by attempts *and* a deadline. Validation, quota and permission errors never are.

A write whose outcome is unknown (the connection dropped or timed out after the request was sent,
a 5xx, an unreadable answer) is never simply sent again: ``settle`` looks at the live state first
and either reports the write as done or says it is safe to send it again.

tenacity does the retrying, but only once a first attempt has failed, so a call that succeeds
pays nothing for it (and tenacity is not even imported).
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, TypeVar

import attrs

from ._errors import ConnectionFailed, ModelNotReady, ServiceError, map_error

if TYPE_CHECKING:
    import tenacity as _t

__all__ = ["Pacer", "RetryPolicy", "Seconds", "call", "set_testing", "to_seconds"]

T = TypeVar("T")
Seconds = float | timedelta
"""A duration: seconds as a number, or a :class:`datetime.timedelta`."""

logger = logging.getLogger("icsdk")
logger.addHandler(logging.NullHandler())


def to_seconds(value: Seconds) -> float:
    """Seconds in ``value``, which may be a number or a timedelta.

    Example:
        >>> to_seconds(timedelta(minutes=2)), to_seconds(1.5)
        (120.0, 1.5)
    """
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


class _Testing:
    """The test switch: when on, every backoff and polling sleep goes to ``sleep`` instead."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sleep: Callable[[float], None] | None = None


_TESTING = _Testing()


def set_testing(enabled: bool = True, *, sleep: Callable[[float], None] | None = None) -> None:
    """Turn every icsdk backoff and polling sleep off (or route it to ``sleep``).

    With a manual-clock LocalSageMaker, ``sleep=local.advance`` makes waits exact and instant.
    Exposed as :func:`icsdk.testing.set_testing`.

    Example:
        >>> set_testing(True)
        >>> set_testing(False)
    """
    with _TESTING.lock:
        _TESTING.sleep = (sleep or _no_sleep) if enabled else None


def _no_sleep(seconds: float) -> None:
    del seconds


class Timer:
    """Elapsed time that also counts sleeps skipped or redirected by the test switch."""

    __slots__ = ("_skipped", "_start")

    def __init__(self) -> None:
        self._start = time.monotonic()
        self._skipped = 0.0

    def elapsed(self) -> float:
        return time.monotonic() - self._start + self._skipped

    def sleep(self, seconds: float, real: Callable[[float], None] = time.sleep) -> None:
        # An injected sleep wins over the test switch; either still counts as time spent, so
        # deadlines hold exactly as they would in real time.
        chosen = real if real is not time.sleep else _TESTING.sleep
        if chosen is None:
            time.sleep(seconds)
            return
        chosen(seconds)
        self._skipped += seconds


@attrs.frozen(kw_only=True)
class RetryPolicy:
    """How icsdk retries: attempts, an overall deadline, and backoff for two kinds of failure.

    Backoff is full jitter: before retry *n* icsdk sleeps a random time between 0 and
    ``min(maximum, initial * 2 ** (n - 1))`` seconds, with throttling backing off longer than
    transient faults. ``sleep`` and ``random`` can be replaced to test backoff exactly.

    Example:
        >>> from datetime import timedelta
        >>> policy = RetryPolicy(attempts=3, deadline=timedelta(seconds=20))
        >>> policy.backoff(attempt=2, throttled=True, draw=1.0)
        2.0
        >>> policy.backoff(attempt=10, throttled=False, draw=0.5)
        2.5
    """

    attempts: int = 5
    deadline: Seconds = 60.0
    throttle_initial: Seconds = 1.0
    throttle_maximum: Seconds = 20.0
    transient_initial: Seconds = 0.1
    transient_maximum: Seconds = 5.0
    sleep: Callable[[float], None] = attrs.field(default=time.sleep, eq=False, repr=False)
    random: Callable[[], float] = attrs.field(default=random.random, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, got {self.attempts}")
        if to_seconds(self.deadline) <= 0:
            raise ValueError("deadline must be positive")

    def backoff(self, *, attempt: int, throttled: bool, draw: float | None = None) -> float:
        """Seconds to sleep before retry number ``attempt`` (1-based).

        Example:
            >>> RetryPolicy().backoff(attempt=1, throttled=False, draw=0.5)
            0.05
        """
        if throttled:
            initial, maximum = self.throttle_initial, self.throttle_maximum
        else:
            initial, maximum = self.transient_initial, self.transient_maximum
        ceiling = min(to_seconds(maximum), to_seconds(initial) * 2.0 ** (attempt - 1))
        return float(self.random() if draw is None else draw) * ceiling

    def with_attempts(self, attempts: int) -> RetryPolicy:
        """A copy allowing ``attempts`` attempts.

        Example:
            >>> RetryPolicy().with_attempts(2).attempts
            2
        """
        return attrs.evolve(self, attempts=attempts)


def retryable(error: ServiceError) -> bool:
    """Whether icsdk retries after ``error`` (ambiguous writes only after settling)."""
    return error.retry_safe or isinstance(error, ConnectionFailed | ModelNotReady)


def ambiguous(error: ServiceError) -> bool:
    """Whether a write that failed this way may still have been carried out."""
    if isinstance(error, ConnectionFailed):
        return not error.retry_safe
    return error.status is not None and error.status >= 500


class _Retry(Exception):
    def __init__(self, error: ServiceError) -> None:
        super().__init__(str(error))
        self.error = error


class Pacer:
    """Spaces out calls of an operation after the service throttled it, for every thread at once.

    Backing off per call keeps one caller polite; threads sharing a client also need to slow
    down together, or each throttled retry only makes room for another thread's. After a
    throttle, sends of that operation are spaced to 90 % of the rate at which they were being
    sent (measured over the last sends), and 25 % further apart on each later throttle; every
    success narrows the gap by 1 %. Throttles answered within one adjustment of each other
    count once, so a burst of threads throttled together does not stall them all. Until the
    first throttle, a call costs a dictionary lookup and a timestamp.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._gap: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._hold: dict[str, float] = {}
        self._sent: dict[str, deque[float]] = {}

    def wait(self, operation: str, clock: Timer) -> None:
        sent = self._sent.get(operation)
        if sent is None:
            sent = self._sent.setdefault(operation, deque(maxlen=32))
        if not self._gap.get(operation):
            sent.append(time.monotonic())
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(operation, now))
            self._next[operation] = start + self._gap.get(operation, 0.0)
        if start > now:
            clock.sleep(start - now)
        sent.append(start)

    def succeeded(self, operation: str) -> None:
        gap = self._gap.get(operation)
        if gap:
            with self._lock:
                self._gap[operation] = gap * 0.99 if gap > 0.001 else 0.0

    def throttled(self, operation: str) -> None:
        now = time.monotonic()
        with self._lock:
            if now < self._hold.get(operation, 0.0):
                return
            gap = self._gap.get(operation, 0.0)
            if gap:
                gap *= 1.25
            else:
                window = [t for t in self._sent.get(operation, ()) if now - t <= 2.0]
                rate = len(window) / max(now - window[0], 0.05) if window else 1.0
                gap = 1.0 / (0.9 * max(rate, 0.5))
            self._gap[operation] = min(gap, 5.0)
            self._hold[operation] = now + max(4 * gap, 0.2)


_caught: tuple[type[Exception], ...] = ()


def _botocore_errors() -> tuple[type[Exception], ...]:
    global _caught  # filled once, on the first call, to keep import cheap
    if not _caught:
        from botocore.exceptions import BotoCoreError, ClientError
        from botocore.parsers import ResponseParserError

        _caught = (ClientError, BotoCoreError, ResponseParserError)
    return _caught


def call(
    policy: RetryPolicy,
    operation: str,
    send: Callable[[], T],
    *,
    settle: Callable[[], T | None] | None = None,
    pacer: Pacer | None = None,
) -> T:
    """``send()`` with retries; raises the mapped icsdk error once retrying is over.

    ``settle`` (for writes) is asked after an ambiguous failure: it returns the call's result if
    the write in fact happened, ``None`` if it did not (so sending again is safe), or raises.
    ``pacer``, shared by the threads using one client, spaces out throttled operations.
    """
    errors = _botocore_errors()
    clock = Timer()

    def attempt() -> T:
        if pacer is not None:
            pacer.wait(operation, clock)
        try:
            result = send()
        except errors as raw:
            error = map_error(operation, raw)
            error.__cause__ = raw
        else:
            if pacer is not None:
                pacer.succeeded(operation)
            return result
        if pacer is not None and error.throttling:
            pacer.throttled(operation)
        if settle is not None and ambiguous(error):
            settled = settle()
            if settled is not None:
                logger.info("%s: the write went through despite %s", operation, error.code)
                return settled
        if retryable(error):
            raise _Retry(error)
        raise error

    try:
        return attempt()
    except _Retry as first:
        if policy.attempts == 1:
            raise first.error from first.error.__cause__
        return _keep_trying(policy, operation, attempt, first.error, clock)


def _keep_trying(
    policy: RetryPolicy,
    operation: str,
    attempt: Callable[[], T],
    first: ServiceError,
    clock: Timer,
) -> T:
    import tenacity as _t

    deadline = to_seconds(policy.deadline)
    last = [first]

    def wait(state: _t.RetryCallState) -> float:
        return float(policy.backoff(attempt=state.attempt_number, throttled=last[0].throttling))

    def stop(state: _t.RetryCallState) -> bool:
        upcoming = state.upcoming_sleep or 0.0
        # attempt_number counts the first try too (it is replayed into tenacity below).
        return state.attempt_number >= policy.attempts or clock.elapsed() + upcoming > deadline

    def before_sleep(state: _t.RetryCallState) -> None:
        logger.info(
            "%s: %s on attempt %d; retrying in %.2f s",
            operation,
            last[0].code,
            state.attempt_number,
            state.upcoming_sleep,
        )

    def note(state: _t.RetryCallState) -> None:
        outcome = state.outcome
        if outcome is not None and isinstance(outcome.exception(), _Retry):
            last[0] = outcome.exception().error  # type: ignore[union-attr]

    def first_try() -> T:
        raise _Retry(first)

    # The first try already failed outside tenacity; replaying it keeps tenacity's count (and
    # the backoff before the second try) right.
    tries = iter([first_try])
    retrying: Any = _t.Retrying(
        retry=_t.retry_if_exception_type(_Retry),
        wait=wait,
        stop=stop,
        sleep=lambda seconds: clock.sleep(seconds, policy.sleep),
        after=note,
        before_sleep=before_sleep,
        reraise=True,
    )
    try:
        return retrying(lambda: next(tries, attempt)())  # type: ignore[no-any-return]
    except _Retry as final:
        error = final.error
        raise error from error.__cause__
