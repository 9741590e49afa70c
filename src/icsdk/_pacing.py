"""Pacing: threads sharing a client slow down together after the service throttles them."""

from __future__ import annotations

import threading
from collections import deque

from ._time import Clock, Deadline

__all__ = ["Pacer"]


class Pacer:
    """Spaces out calls of an operation after the service throttled it, for every thread at once.

    Backing off per call keeps one caller polite; threads sharing a client also need to slow
    down together, or each throttled retry only makes room for another thread's. After a
    throttle, sends of that operation are spaced to 90 % of the rate at which they were being
    sent (measured over the last sends), and 25 % further apart on each later throttle; every
    success narrows the gap by 1 %. Throttles answered within one adjustment of each other
    count once, so a burst of threads throttled together does not stall them all. Until the
    first throttle, a call costs a dictionary lookup and a clock reading.

    Examples:
        >>> from icsdk._time import SYSTEM_CLOCK, Deadline
        >>> pacer = Pacer(SYSTEM_CLOCK)
        >>> pacer.wait("CreateInferenceComponent", Deadline(SYSTEM_CLOCK, 1.0))
        >>> pacer.gap("CreateInferenceComponent")
        0.0
    """

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._gap: dict[str, float] = {}
        self._next: dict[str, float] = {}
        self._hold: dict[str, float] = {}
        self._sent: dict[str, deque[float]] = {}

    def gap(self, operation: str) -> float:
        """Seconds between sends of ``operation`` now (0 when it is not paced)."""
        return self._gap.get(operation, 0.0)

    def unpaced(self, operation: str, now: float) -> bool:
        """Whether ``operation`` is sent without pacing; if so, a send at ``now`` is recorded.

        When it is paced (False) nothing is recorded: the send goes through `wait` instead.
        """
        if self._gap.get(operation):
            return False
        sent = self._sent.get(operation)
        if sent is None:
            sent = self._sent.setdefault(operation, deque(maxlen=32))
        sent.append(now)
        return True

    def wait(self, operation: str, deadline: Deadline) -> None:
        """Wait for this send's turn, but never past ``deadline``."""
        sent = self._sent.get(operation)
        if sent is None:
            sent = self._sent.setdefault(operation, deque(maxlen=32))
        if not self._gap.get(operation):
            sent.append(self._clock.monotonic())
            return
        with self._lock:
            now = self._clock.monotonic()
            start = max(now, self._next.get(operation, now))
            self._next[operation] = start + self._gap.get(operation, 0.0)
        pause = min(start - now, max(deadline.remaining(), 0.0))
        if pause > 0:
            self._clock.sleep(pause)
        sent.append(start)

    def succeeded(self, operation: str) -> None:
        """Narrow the gap after a success."""
        gap = self._gap.get(operation)
        if gap:
            with self._lock:
                self._gap[operation] = gap * 0.99 if gap > 0.001 else 0.0

    def throttled(self, operation: str) -> None:
        """Widen the gap (or start pacing) after the service throttled ``operation``."""
        now = self._clock.monotonic()
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
