"""Waiting for components: polling with backoff, deadlines, typed progress, a console display.

boto3 has no waiter for inference components. icsdk polls fast at first and backs off to a cap,
gives up at a deadline with [`WaitTimeout`][icsdk.WaitTimeout], raises
[`DeploymentFailed`][icsdk.DeploymentFailed] with SageMaker's reason as soon as a component
fails, and waits for many components with one List call per page instead of one Describe each.
"""

from __future__ import annotations

import enum
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Literal, TextIO, TypeVar

import attrs

from ._endpoint_status import EndpointStatus
from ._errors import DeploymentFailed, WaitTimeout
from ._log import logger
from ._record import Record
from ._service_errors import ComponentNotFound
from ._state import ComponentState, ComponentSummary, Status
from ._time import Clock, Deadline, Seconds, to_seconds

__all__ = [
    "ConsoleProgress",
    "Polling",
    "Progress",
    "Until",
    "UntilLike",
    "as_until",
    "poll",
    "report",
    "wait_for_many",
    "wait_for_one",
]


class Until(enum.Enum):
    """What a wait waits for.

    Examples:
        >>> Until("copies_settled")
        <Until.COPIES_SETTLED: 'copies_settled'>
    """

    IN_SERVICE = "in_service"
    """Status InService."""
    COPIES_SETTLED = "copies_settled"
    """Status InService and every desired copy running."""
    DELETED = "deleted"
    """The component is gone."""


UntilLike = Until | Literal["in_service", "copies_settled", "deleted"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Polling(Record):
    """How often to poll: ``initial`` seconds, growing by ``factor`` up to ``maximum``.

    Examples:
        >>> from itertools import islice
        >>> list(islice(Polling(initial=1, factor=2, maximum=5).intervals(), 5))
        [1.0, 2.0, 4.0, 5.0, 5.0]
    """

    initial: Seconds = 1.0
    factor: float = 1.5
    maximum: Seconds = 10.0

    def intervals(self) -> Iterator[float]:
        """The sleeps between polls, forever.

        Examples:
            >>> next(Polling().intervals())
            1.0
        """
        interval, cap = to_seconds(self.initial), to_seconds(self.maximum)
        while True:
            yield min(interval, cap)
            interval *= self.factor


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Progress(Record):
    """One observation during a wait: status and copies of one component, and time spent.

    ``status`` is ``None`` once a component is gone. A wait for an endpoint reports its
    [`EndpointStatus`][icsdk.EndpointStatus] and its instances (``unit`` is ``"instances"``,
    summed over its variants).

    Examples:
        >>> Progress(name="a", status=Status.CREATING, desired_copies=2, current_copies=0,
        ...          elapsed=3.5).describe()
        'a: Creating, 0/2 copies (3.5 s)'
    """

    name: str
    status: Status | EndpointStatus | None
    desired_copies: int | None
    current_copies: int | None
    elapsed: float
    unit: str = "copies"

    def describe(self) -> str:
        """One line for people.

        Examples:
            >>> Progress(name="a", status=None, desired_copies=None, current_copies=None,
            ...          elapsed=1).describe()
            'a: deleted (1.0 s)'
        """
        status = self.status.value if self.status is not None else "deleted"
        copies = (
            f", {self.current_copies or 0}/{self.desired_copies} {self.unit}"
            if self.desired_copies is not None
            else ""
        )
        return f"{self.name}: {status}{copies} ({self.elapsed:.1f} s)"


class ConsoleProgress:
    """A ready-made ``on_progress``: one line per change, redrawn in place on a terminal.

    Examples:
        >>> import io
        >>> out = io.StringIO()
        >>> show = ConsoleProgress(stream=out)
        >>> show(Progress(name="a", status=Status.CREATING, desired_copies=1, current_copies=0,
        ...               elapsed=0.0))
        >>> out.getvalue()
        'a: Creating, 0/1 copies (0.0 s)\\n'
    """

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._lock = threading.Lock()
        self._last: dict[str, str] = {}
        self._tty = bool(getattr(self._stream, "isatty", lambda: False)())

    def __call__(self, progress: Progress) -> None:
        line = progress.describe()
        key = line.rsplit(" (", 1)[0]
        with self._lock:
            if self._tty:
                self._stream.write(
                    "\r\x1b[2K" + line + ("\n" if key != self._last.get(progress.name) else "")
                )
            elif key != self._last.get(progress.name):
                self._stream.write(line + "\n")
            self._last[progress.name] = key
            self._stream.flush()


def as_until(value: UntilLike) -> Until:
    """``value`` as an [`Until`][icsdk.Until]; a ValueError lists the valid values."""
    if isinstance(value, Until):
        return value
    try:
        return Until(value)
    except ValueError:
        choices = ", ".join(repr(until.value) for until in Until)
        raise ValueError(f"until must be one of {choices}, got {value!r}") from None


def report(progress: Progress, on_progress: Callable[[Progress], None] | None) -> None:
    """Log one observation of a wait and hand it to the caller's callback."""
    logger.info("waiting: %s", progress.describe())
    if on_progress is not None:
        on_progress(progress)


def _done(state: ComponentState, until: Until) -> bool:
    if state.status is not Status.IN_SERVICE:
        return False
    return until is Until.IN_SERVICE or state.copies_settled


def wait_for_one(
    describe: Callable[[str], ComponentState],
    name: str,
    *,
    until: UntilLike,
    timeout: Seconds,
    polling: Polling,
    on_progress: Callable[[Progress], None] | None,
    clock: Clock,
) -> ComponentState | None:
    """Poll ``describe`` until ``name`` reaches ``until``; see `Client.wait`.

    ``describe`` raises ComponentNotFound for a missing component: that ends a wait for
    deletion, and is raised as the service reported it otherwise.
    """
    target = as_until(until)

    def read() -> ComponentState | None:
        try:
            return describe(name)
        except ComponentNotFound:
            if target is not Until.DELETED:
                raise
            return None

    def progress(state: ComponentState | None, elapsed: float) -> Progress:
        return Progress(
            name=name,
            status=state.status if state else None,
            desired_copies=state.desired_copies if state else None,
            current_copies=state.current_copies if state else None,
            elapsed=elapsed,
        )

    def finished(state: ComponentState) -> bool:
        if state.status is Status.FAILED:
            raise DeploymentFailed(name, state.failure_reason)
        return target is not Until.DELETED and _done(state, target)

    return poll(name, read, progress, finished, timeout, polling, on_progress, clock)


_S = TypeVar("_S")


def poll(
    name: str,
    read: Callable[[], _S | None],
    progress: Callable[[_S | None, float], Progress],
    finished: Callable[[_S], bool],
    timeout: Seconds,
    polling: Polling,
    on_progress: Callable[[Progress], None] | None,
    clock: Clock,
) -> _S | None:
    """Read until ``finished`` (or gone: ``read`` answers None), reporting each change.

    ``finished`` raises what ends the wait in failure; the deadline raises WaitTimeout.
    """
    deadline = Deadline(clock, to_seconds(timeout))
    intervals = polling.intervals()
    seen: tuple[object, ...] | None = None
    while True:
        state = read()
        observed = progress(state, deadline.elapsed())
        key = (observed.status, observed.desired_copies, observed.current_copies)
        if key != seen:
            seen = key
            report(observed, on_progress)
        if state is None:
            return None
        if finished(state):
            return state
        pause = next(intervals)
        if pause > deadline.remaining():
            status = observed.status.value if observed.status is not None else None
            raise WaitTimeout(name, deadline.elapsed(), status)
        clock.sleep(pause)


def _status(status: Status | None) -> str | None:
    return status.value if status is not None else None


def wait_for_many(
    list_pages: Callable[[], Iterable[list[ComponentSummary]]],
    describe: Callable[[str], ComponentState],
    names: Iterable[str] | None,
    *,
    until: UntilLike,
    timeout: Seconds,
    polling: Polling,
    on_progress: Callable[[Progress], None] | None,
    clock: Clock,
) -> Mapping[str, Status | None]:
    """Poll with List (a page per call) until every component reaches ``until``.

    ``names=None`` means every component ``list_pages`` returns on the first poll. A name
    missing from the list is described: the service's ComponentNotFound is raised as it is.
    """
    target, deadline = as_until(until), Deadline(clock, to_seconds(timeout))
    intervals = polling.intervals()
    wanted: set[str] | None = set(names) if names is not None else None
    seen: dict[str, tuple[object, ...]] = {}
    settled: set[str] = set()
    while True:
        statuses: dict[str, Status | None] = {
            entry.name: entry.status for page in list_pages() for entry in page
        }
        if wanted is None:
            wanted = set(statuses)
        current = {name: statuses.get(name) for name in wanted}
        pending: list[str] = []
        for name, status in sorted(current.items()):
            copies: tuple[int | None, int | None] = (None, None)
            if name not in statuses and target is not Until.DELETED:
                # Created since this page was read, or never there: Describe says which.
                status = current[name] = describe(name).status
            if status is Status.FAILED:
                raise DeploymentFailed(name, describe(name).failure_reason)
            done = name not in statuses if target is Until.DELETED else status is Status.IN_SERVICE
            if done and target is Until.COPIES_SETTLED and name not in settled:
                # List has no copy counts: one Describe per component, once it is InService.
                state = describe(name)
                done = _done(state, target)
                copies = (state.desired_copies, state.current_copies)
                if done:
                    settled.add(name)
            if not done:
                pending.append(name)
            observed = (status, *copies)
            if seen.get(name) != observed:
                seen[name] = observed
                report(
                    Progress(
                        name=name,
                        status=status,
                        desired_copies=copies[0],
                        current_copies=copies[1],
                        elapsed=deadline.elapsed(),
                    ),
                    on_progress,
                )
        if not pending:
            return current
        pause = next(intervals)
        if pause > deadline.remaining():
            first = pending[0]
            label = f"{len(pending)} components ({first}, ...)" if len(pending) > 1 else first
            raise WaitTimeout(label, deadline.elapsed(), _status(current[first]))
        clock.sleep(pause)
