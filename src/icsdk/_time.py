"""Time in icsdk: durations, the clock every wait and backoff reads, and deadlines.

Nothing in icsdk calls ``time.sleep`` or ``time.monotonic`` directly: a [`Clock`][icsdk.Clock]
is given to the Client (the system clock by default) and passed down to retries, pacing and
waiting. A test gives a clock whose ``sleep`` moves simulated time forward, so a 30-minute wait
takes no real time and can never hang.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Protocol, runtime_checkable

__all__ = [
    "SYSTEM_CLOCK",
    "Clock",
    "Deadline",
    "Seconds",
    "SystemClock",
    "TestingSwitch",
    "set_testing",
    "to_seconds",
]

Seconds = float | timedelta
"""A duration: seconds as a number, or a [`timedelta`][datetime.timedelta]."""


def to_seconds(value: Seconds) -> float:
    """Seconds in ``value``, which may be a number or a timedelta.

    Examples:
        >>> to_seconds(timedelta(minutes=2)), to_seconds(1.5)
        (120.0, 1.5)
    """
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


@runtime_checkable
class Clock(Protocol):
    """What icsdk needs of time: the wall clock, a monotonic clock, and sleeping.

    Give one to [`Client`][icsdk.Client] (``clock=``) to control every wait, backoff and
    deadline of that client. ``sleep`` must advance ``monotonic`` by at least ``seconds``.

    Examples:
        >>> class Simulated:
        ...     def __init__(self) -> None:
        ...         self.t = 0.0
        ...     def now(self) -> float:
        ...         return 1_700_000_000 + self.t
        ...     def monotonic(self) -> float:
        ...         return self.t
        ...     def sleep(self, seconds: float) -> None:
        ...         self.t += seconds
        >>> clock = Simulated()
        >>> clock.sleep(1800)
        >>> isinstance(clock, Clock), clock.monotonic()
        (True, 1800.0)
    """

    def now(self) -> float:
        """Wall-clock time, in seconds since the epoch.

        Examples:
            >>> SYSTEM_CLOCK.now() > 1_600_000_000
            True
        """
        ...

    def monotonic(self) -> float:
        """A clock that never goes backwards, in seconds.

        Examples:
            >>> SYSTEM_CLOCK.monotonic() <= SYSTEM_CLOCK.monotonic()
            True
        """
        ...

    def sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass.

        Examples:
            >>> SYSTEM_CLOCK.sleep(0.001)
        """
        ...


class SystemClock:
    """The real clock: ``time.time``, ``time.monotonic`` and ``time.sleep``.

    Examples:
        >>> SystemClock().monotonic() > 0
        True
    """

    __slots__ = ()

    def now(self) -> float:
        """Seconds since the epoch.

        Examples:
            >>> SystemClock().now() > 1_600_000_000
            True
        """
        return time.time()

    def monotonic(self) -> float:
        """``time.monotonic()``, plus the sleeps the testing switch skipped.

        Sleeps skipped by [`set_testing`][icsdk.testing.set_testing] still count, so
        deadlines hold as they would in real time.

        Examples:
            >>> isinstance(SystemClock().monotonic(), float)
            True
        """
        return time.monotonic() + _SWITCH.skipped

    def sleep(self, seconds: float) -> None:
        """``time.sleep(seconds)``, or what the testing switch routes sleeps to.

        Examples:
            >>> SystemClock().sleep(0)
        """
        redirect = _SWITCH.sleep
        if redirect is None:
            time.sleep(seconds)
        else:
            redirect(seconds)
            _SWITCH.skipped += seconds

    def __repr__(self) -> str:
        return "SystemClock()"


SYSTEM_CLOCK = SystemClock()
"""The clock a Client uses unless given another."""


class _Switch:
    """Process-wide routing of the system clock's sleeps (the testing switch)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.sleep: Callable[[float], None] | None = None
        self.skipped = 0.0


_SWITCH = _Switch()


class TestingSwitch:
    """What [`set_testing`][icsdk.testing.set_testing] returns: restores the previous state.

    Use it as a context manager, or ignore it to leave the switch set.

    Examples:
        >>> with set_testing(True):
        ...     SYSTEM_CLOCK.sleep(3600)  # returns at once
    """

    __slots__ = ("_previous",)
    __test__ = False  # not a pytest test class, despite the name

    def __init__(self, previous: Callable[[float], None] | None) -> None:
        self._previous = previous

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc_info: object) -> None:
        with _SWITCH.lock:
            _SWITCH.sleep = self._previous


def set_testing(
    enabled: bool = True, *, sleep: Callable[[float], None] | None = None
) -> TestingSwitch:
    """Skip the system clock's sleeps (or route them to ``sleep``), process-wide.

    Prefer giving a Client its own clock: ``LocalSageMaker(clock="manual").client()`` already
    waits on the service's manual clock. This switch is for code that builds its own Client
    with the system clock. Sleeps skipped still count as elapsed for the system clock's
    ``monotonic()``, so deadlines hold as they would in real time. Returns a
    [`TestingSwitch`][icsdk.testing.TestingSwitch] that restores the previous state on exit.

    Examples:
        >>> import time
        >>> start = time.perf_counter()
        >>> with set_testing(True):
        ...     SYSTEM_CLOCK.sleep(3600)
        >>> time.perf_counter() - start < 1
        True
    """
    with _SWITCH.lock:
        previous = _SWITCH.sleep
        _SWITCH.sleep = (sleep or _no_sleep) if enabled else None
    return TestingSwitch(previous)


def _no_sleep(seconds: float) -> None:
    del seconds


class Deadline:
    """A point in a clock's future: how much time is left, and whether it has passed.

    It counts from when it is made, or from ``start`` (a reading of ``clock.monotonic()``).

    Examples:
        >>> clock = SystemClock()
        >>> deadline = Deadline(clock, 60)
        >>> 59 < deadline.remaining() <= 60, deadline.expired()
        (True, False)
    """

    __slots__ = ("_clock", "_end", "_start", "seconds")

    def __init__(self, clock: Clock, seconds: float, *, start: float | None = None) -> None:
        self._clock = clock
        self.seconds = seconds
        # ``start``: a reading of ``clock.monotonic()`` the caller already took, so a deadline
        # made after the fact (once a first attempt failed) still counts from the beginning.
        self._start = clock.monotonic() if start is None else start
        self._end = self._start + seconds

    def elapsed(self) -> float:
        """Seconds since the deadline was set.

        Examples:
            >>> Deadline(SYSTEM_CLOCK, 5).elapsed() < 5
            True
        """
        return self._clock.monotonic() - self._start

    def remaining(self) -> float:
        """Seconds left (negative once passed).

        Examples:
            >>> Deadline(SYSTEM_CLOCK, 0).remaining() <= 0
            True
        """
        return self._end - self._clock.monotonic()

    def expired(self) -> bool:
        """Whether no time is left.

        Examples:
            >>> Deadline(SYSTEM_CLOCK, 0).expired()
            True
        """
        return self.remaining() <= 0
