"""icsdk's one retry layer: the policy, the one decision, and the loop that carries it out.

boto3 clients that icsdk builds make one attempt per call; this module decides about the next.
[`decide`][icsdk._retry.decide] reads only the facts an error carries (throttling, fault side,
whether the request may have been applied) and answers retry, settle or raise:

- a write that may have taken effect (a 5xx, a connection lost after sending, an unreadable
  answer) is *settled*: the live state is read before anything is sent again, and the write is
  reported done only on evidence that the change is there;
- throttling, server faults and connection failures are *retried* with full-jitter backoff;
- everything else (validation, quota, permissions, anything raised on this side) is *raised*.

One [`Deadline`][icsdk._time.Deadline] bounds the whole call: waiting for the pacer, every
attempt, every settling read and every backoff. tenacity does the retrying, but only once a
first attempt has failed, so a call that succeeds pays nothing for it.
"""

from __future__ import annotations

import enum
import random
import traceback
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar

import attrs

from ._aws_errors import map_error
from ._errors import IcsdkError, OutcomeUnknown
from ._log import logger
from ._pacing import Pacer
from ._record import Record
from ._service_errors import ServiceError
from ._time import Clock, Deadline, Seconds, to_seconds

if TYPE_CHECKING:
    import tenacity as _t

__all__ = ["Decision", "NotYet", "RetryPolicy", "Settle", "call", "call_once", "decide"]

T = TypeVar("T")


@attrs.frozen(kw_only=True, eq=False, repr=False)
class RetryPolicy(Record):
    """How icsdk retries: attempts, an overall deadline, and backoff for two kinds of failure.

    Backoff is full jitter: before retry *n* icsdk sleeps a random time between 0 and
    ``min(maximum, initial * 2 ** (n - 1))`` seconds, with throttling backing off longer than
    transient faults. ``deadline`` bounds the whole call, retries and settling included.
    ``random`` can be replaced to test backoff exactly; sleeping goes through the Client's clock.

    Examples:
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
    random: Callable[[], float] = attrs.field(default=random.random, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        if self.attempts < 1:
            raise ValueError(f"attempts must be at least 1, got {self.attempts}")
        if to_seconds(self.deadline) <= 0:
            raise ValueError("deadline must be positive")

    def backoff(self, *, attempt: int, throttled: bool, draw: float | None = None) -> float:
        """Seconds to sleep before retry number ``attempt`` (1-based).

        Examples:
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

        Examples:
            >>> RetryPolicy().with_attempts(2).attempts
            2
        """
        return attrs.evolve(self, attempts=attempts)


class Decision(enum.Enum):
    """What to do after a failed attempt."""

    RETRY = "retry"
    """Send the same request again, after backing off."""
    SETTLE = "settle"
    """A write may have taken effect: read the live state before anything else."""
    RAISE = "raise"
    """Give up: retrying cannot help."""


def decide(error: IcsdkError, *, write: bool) -> Decision:
    """The one decision about a failed attempt, from the facts the error carries.

    Examples:
        >>> from icsdk import ServiceError
        >>> lost = ServiceError("CreateInferenceComponent", "InternalFailure", "", status=500)
        >>> decide(lost, write=True), decide(lost, write=False)
        (<Decision.SETTLE: 'settle'>, <Decision.RETRY: 'retry'>)
    """
    if not isinstance(error, ServiceError):
        return Decision.RAISE
    if write and error.applied is not False:
        return Decision.SETTLE
    if error.throttling or error.transient or error.fault == "server":
        return Decision.RETRY
    return Decision.RAISE


class Settle(Generic[T]):
    """How to tell whether a write took effect: ``check()`` reads the live state.

    ``check`` returns the write's result when the live state shows the requested change,
    ``None`` when it shows the write did not happen (so sending it again is safe), and raises
    [`OutcomeUnknown`][icsdk.OutcomeUnknown] when the state cannot tell. A service error it
    raises is judged like any read's.
    """

    # A plain slotted class rather than an attrs one: every write makes one, and a frozen
    # attrs instance costs several times as much to build.
    __slots__ = ("check", "subject")

    def __init__(self, subject: str, check: Callable[[], T | None]) -> None:
        self.subject = subject
        self.check = check

    def __repr__(self) -> str:
        return f"Settle(subject={self.subject!r}, check={self.check!r})"


class NotYet(Exception):
    """Raised by a settling check when the live state cannot tell *yet* (a change is rolling out).

    The call looks again after backing off, until its deadline; then the outcome is unknown.
    """


class _Again(Exception):
    def __init__(self, error: ServiceError) -> None:
        super().__init__(str(error))
        self.error = error


class _Attempts(Generic[T]):
    """The state of one call across attempts: sends, settling, and the last error."""

    def __init__(
        self,
        operation: str,
        send: Callable[[], T],
        settle: Settle[T] | None,
        pacer: Pacer | None,
        deadline: Deadline,
        sends: int = 0,
    ) -> None:
        self.operation = operation
        self.send = send
        self.settle = settle
        self.pacer = pacer
        self.deadline = deadline
        self.sends = sends
        self.unsettled: ServiceError | None = None  # an ambiguous write not yet settled
        self.waiting_for: str | None = None  # why the live state could not tell yet
        self.ambiguous = False  # some earlier attempt may have taken effect
        self.last: ServiceError | None = None

    def __call__(self) -> T:
        if self.unsettled is not None:
            found = self._check(self.unsettled)
            if found is not None:
                return found
        if self.pacer is not None:
            self.pacer.wait(self.operation, self.deadline)
        self.sends += 1
        try:
            result = self.send()
        except _botocore_caught as raw:
            return self.failed(raw)
        if self.pacer is not None:
            self.pacer.succeeded(self.operation)
        return result

    def failed(self, raw: Exception) -> T:
        """Judge a send that raised ``raw`` (a botocore error): settle, retry or raise."""
        error = map_error(self.operation, raw)
        error.__cause__ = raw
        # botocore's frames hold the request (environment values included) as locals; the
        # traceback keeps its text, not those values.
        traceback.clear_frames(raw.__traceback__)
        return self._failed(error)

    def _failed(self, error: IcsdkError) -> T:
        if not isinstance(error, ServiceError):
            raise error
        self.last = error
        if self.pacer is not None and error.throttling:
            self.pacer.throttled(self.operation)
        decision = decide(error, write=self.settle is not None)
        if decision is Decision.SETTLE:
            self.ambiguous = True
            found = self._check(error)
            if found is not None:
                return found
            raise _Again(error)
        if decision is Decision.RETRY:
            raise _Again(error)
        if self.ambiguous and self.settle is not None:
            # An earlier attempt may have landed, and this refusal may be its effect
            # (a create answered "already exists"): only the live state can tell.
            found = self._check(error)
            if found is not None:
                return found
        raise error

    def _check(self, error: ServiceError) -> T | None:
        assert self.settle is not None
        self.unsettled = error
        try:
            found = self.settle.check()
        except NotYet as pending:
            self.waiting_for = str(pending)
            raise _Again(error) from None
        except ServiceError as failure:
            if decide(failure, write=False) is Decision.RETRY:
                self.last = failure
                raise _Again(error) from failure
            raise OutcomeUnknown(
                self.operation, self.settle.subject, f"its state could not be read ({failure})"
            ) from error
        self.unsettled = None
        if found is not None:
            logger.info("%s: the write went through despite %s", self.operation, error.code)
        return found

    def give_up(self, error: ServiceError) -> IcsdkError:
        if self.unsettled is not None and self.settle is not None:
            why = self.waiting_for or "its state could not be read in time"
            unknown = OutcomeUnknown(
                self.operation,
                self.settle.subject,
                f"{why}; describe it before trying again",
            )
            unknown.__cause__ = error
            return unknown
        return error


_botocore_caught: tuple[type[Exception], ...] = ()


def _botocore_errors() -> tuple[type[Exception], ...]:
    global _botocore_caught  # filled on the first call: botocore is not imported by icsdk's import
    if not _botocore_caught:
        from botocore.exceptions import BotoCoreError, ClientError
        from botocore.parsers import ResponseParserError

        _botocore_caught = (ClientError, BotoCoreError, ResponseParserError)
    return _botocore_caught


def call_once(operation: str, send: Callable[[], T]) -> T:
    """``send()`` once; a failure raises the mapped icsdk error (for settling reads)."""
    try:
        return send()
    except _botocore_errors() as raw:
        raise map_error(operation, raw) from raw


def call(
    operation: str,
    send: Callable[[], T],
    *,
    policy: RetryPolicy,
    clock: Clock,
    settle: Settle[T] | None = None,
    pacer: Pacer | None = None,
) -> T:
    """``send()`` with retries and settling; raises the icsdk error once retrying is over.

    ``settle`` makes the call a write: after an ambiguous failure its ``check`` decides.
    ``pacer``, shared by the threads using one client, spaces out throttled operations.
    """
    caught = _botocore_caught or _botocore_errors()
    start = clock.monotonic()
    if pacer is None or pacer.unpaced(operation, start):
        # The common case, kept lean: one send and nothing to wait for. The deadline and the
        # state across attempts are made only once the first send has failed; the deadline
        # still counts from ``start``.
        try:
            result = send()
        except caught as raw:
            attempt = _Attempts(
                operation, send, settle, pacer, _deadline(policy, clock, start), sends=1
            )
            try:
                return attempt.failed(raw)
            except _Again as first:
                return _after_first(policy, clock, attempt, first)
        if pacer is not None:
            pacer.succeeded(operation)
        return result
    attempt = _Attempts(operation, send, settle, pacer, _deadline(policy, clock, start))
    try:
        return attempt()
    except _Again as first:
        return _after_first(policy, clock, attempt, first)


def _deadline(policy: RetryPolicy, clock: Clock, start: float) -> Deadline:
    return Deadline(clock, to_seconds(policy.deadline), start=start)


def _after_first(policy: RetryPolicy, clock: Clock, attempt: _Attempts[T], first: _Again) -> T:
    if policy.attempts == 1:
        error = attempt.give_up(first.error)
        raise error from error.__cause__
    return _keep_trying(policy, clock, attempt, first)


def _keep_trying(policy: RetryPolicy, clock: Clock, attempt: _Attempts[T], first: _Again) -> T:
    import tenacity as _t

    def wait(state: _t.RetryCallState) -> float:
        last = attempt.last
        throttled = last is not None and last.throttling
        return float(policy.backoff(attempt=state.attempt_number, throttled=throttled))

    def stop(state: _t.RetryCallState) -> bool:
        upcoming = state.upcoming_sleep or 0.0
        if upcoming >= attempt.deadline.remaining():
            return True
        # Only sends count against the attempts: a write whose outcome is still unsettled is
        # looked at again until the deadline, never reported as failed while it may be done.
        return attempt.unsettled is None and attempt.sends >= policy.attempts

    def before_sleep(state: _t.RetryCallState) -> None:
        last = attempt.last
        logger.info(
            "%s: %s on attempt %d; retrying in %.2f s",
            attempt.operation,
            last.code if last is not None else "failure",
            state.attempt_number,
            state.upcoming_sleep,
        )

    def first_try() -> T:
        raise first

    # The first try already failed outside tenacity; replaying it keeps tenacity's count (and
    # the backoff before the second try) right.
    tries = iter([first_try])
    retrying: Any = _t.Retrying(
        retry=_t.retry_if_exception_type(_Again),
        wait=wait,
        stop=stop,
        sleep=clock.sleep,
        before_sleep=before_sleep,
        reraise=True,
    )
    try:
        return retrying(lambda: next(tries, attempt)())  # type: ignore[no-any-return]
    except _Again as final:
        error = attempt.give_up(final.error)
        raise error from error.__cause__
