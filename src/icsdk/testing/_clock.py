"""The local service's clock: real time, or a manual clock that moves only when told.

Either way it is an icsdk `Clock` (``now``, ``monotonic``, ``sleep``), so a Client can be
given the very clock the service runs on. On the manual clock, sleeping is advancing: a Client
that sleeps between polls moves the service's time forward, and a 30-minute wait takes no real
time and cannot hang.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from .._time import SYSTEM_CLOCK

__all__ = ["ServiceClock"]


class ServiceClock:
    """A LocalSageMaker's clock; implements icsdk's `Clock` protocol.

    Real: the system clock. Manual: time starts at the moment of creation and moves only by
    ``advance(seconds)`` or ``sleep(seconds)``; ``monotonic()`` is the manual time too. After
    each move the listeners run (the service settles what became due).

    Examples:
        >>> clock = ServiceClock(manual=True)
        >>> start = clock.monotonic()
        >>> clock.sleep(1800)
        >>> clock.monotonic() - start
        1800.0
    """

    __slots__ = ("_listeners", "_lock", "_manual", "_offset", "_start", "_step")

    def __init__(self, *, manual: bool = False) -> None:
        self._manual = manual
        self._start = time.time()
        self._offset = 0.0
        self._lock = threading.Lock()
        self._listeners: list[Callable[[], None]] = []
        self._step: float | None = None

    @property
    def manual(self) -> bool:
        """Whether time moves only when told.

        Examples:
            >>> ServiceClock().manual
            False
        """
        return self._manual

    def now(self) -> float:
        """The service's wall-clock time, in seconds since the epoch.

        Examples:
            >>> ServiceClock(manual=True).now() > 1_600_000_000
            True
        """
        return self._start + self._offset if self._manual else SYSTEM_CLOCK.now()

    def monotonic(self) -> float:
        """A clock for measuring intervals: the manual time, or the system's monotonic clock.

        Examples:
            >>> clock = ServiceClock(manual=True)
            >>> clock.monotonic() == clock.now()
            True
        """
        return self._start + self._offset if self._manual else SYSTEM_CLOCK.monotonic()

    def sleep(self, seconds: float) -> None:
        """Let ``seconds`` pass: on the manual clock, at once, by advancing it.

        Examples:
            >>> clock = ServiceClock(manual=True)
            >>> before = clock.now()
            >>> clock.sleep(60)
            >>> clock.now() - before
            60.0
        """
        if seconds < 0:
            raise ValueError("sleep length must be non-negative")
        if self._manual:
            self.advance(seconds)
        else:
            SYSTEM_CLOCK.sleep(seconds)

    def advance(self, seconds: float) -> None:
        """Move the manual clock forward by ``seconds``, then run the listeners.

        Examples:
            >>> clock = ServiceClock(manual=True)
            >>> clock.advance(30)
        """
        if not self._manual:
            raise RuntimeError("advance() needs LocalSageMaker(clock='manual')")
        # In steps no longer than asked for, so that what listeners do at one moment (a
        # deployment finishing) comes before what they do at the next (an alarm evaluating).
        remaining = seconds
        while True:
            step = remaining if self._step is None else min(remaining, self._step)
            with self._lock:
                self._offset += step
            remaining -= step
            for listener in self._listeners:
                listener()
            if remaining <= 0:
                return

    def on_advance(self, listener: Callable[[], None], *, every: float | None = None) -> None:
        """Run ``listener`` after each move of the manual clock.

        With ``every``, a long move is made in steps of at most ``every`` seconds, and every
        listener runs after each step.

        Examples:
            >>> clock = ServiceClock(manual=True)
            >>> moves: list[float] = []
            >>> clock.on_advance(lambda: moves.append(clock.now()))
            >>> clock.advance(1)
            >>> len(moves)
            1
        """
        self._listeners.append(listener)
        if every is not None:
            self._step = every if self._step is None else min(self._step, every)

    def __repr__(self) -> str:
        return f"ServiceClock(manual={self._manual})"
