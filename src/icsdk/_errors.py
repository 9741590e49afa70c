"""icsdk's exceptions. Each states what happened; none decides what to do about it.

The tree (a builtin base, where there is one, leads the description):

```text
IcsdkError
├── SpecError                     ValueError: refused before anything is sent
├── ServiceError                  SageMaker refused, or never answered
│   ├── ConnectionFailed          ConnectionError: no answer, every retry
│   ├── ComponentNotFound         LookupError
│   ├── EndpointNotFound          LookupError
│   ├── EndpointConfigNotFound    LookupError
│   ├── ComponentConflict         a component of that name exists
│   ├── EndpointConflict          an endpoint or config of that name exists
│   ├── InvalidState              busy: creating, updating or deleting
│   ├── AdaptersAttached          a base with adapters cannot be deleted
│   ├── QuotaExceeded             ResourceLimitExceeded
│   ├── Throttled                 rate exceeded, after every retry
│   ├── AccessDenied              PermissionError
│   ├── ModelError                the model container failed the invocation
│   ├── NoCapacity                the component has no copy to serve it
│   ├── ModelNotReady             the model is still loading
│   ├── ScalingNotFound           LookupError: scaling target, policy, alarm
│   └── ModelNotFound             LookupError: the model a component names
├── SpecMismatch                  the component exists, with a different spec
├── ReplaceRequired               only delete and re-create would apply it
├── ReplaceIncomplete             the old one deleted, the new one missing
├── EndpointNotEmpty              components remain on the endpoint
├── NeverFits                     one copy is larger than one instance
├── OutcomeUnknown                a write may or may not have happened
├── NotConfigured                 no credentials or no region: nothing sent
├── DeploymentFailed              ended in failure; carries the reason
└── WaitTimeout                   TimeoutError: ran past its deadline
```

The errors of the service's answers live in `icsdk._service_errors`; this module holds the root
and icsdk's own findings. A [`ServiceError`][icsdk.ServiceError] carries facts about the
failure: which side was at fault, whether the service was throttling, and whether the request
may have been applied. The retry layer reads only those facts. Turning botocore's errors into
these, the one place that reads AWS error codes and message text, is `icsdk._aws_errors`. Every
error pickles and copies with its type, fields and message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._constraints import Problem

__all__ = [
    "DeploymentFailed",
    "EndpointNotEmpty",
    "IcsdkError",
    "NeverFits",
    "NotConfigured",
    "OutcomeUnknown",
    "ReplaceIncomplete",
    "ReplaceRequired",
    "SpecError",
    "SpecMismatch",
    "WaitTimeout",
]


def _rebuild(cls: type[IcsdkError], args: tuple[Any, ...], state: dict[str, Any]) -> IcsdkError:
    error = cls.__new__(cls)
    error.args = args
    error.__dict__.update(state)
    return error


class IcsdkError(Exception):
    """The root of every exception icsdk raises.

    Examples:
        >>> from icsdk import IcsdkError, ComputeRequirements
        >>> try:
        ...     ComputeRequirements(min_memory_mb=1)
        ... except IcsdkError as error:
        ...     print(type(error).__name__)
        SpecError
    """

    def __reduce__(self) -> tuple[Any, ...]:
        # Exceptions pickle as ``cls(*args)``; icsdk's take keyword fields, so rebuild the
        # object from its message and fields instead (a process pool can send them back).
        return (_rebuild, (type(self), self.args, dict(self.__dict__)))


class SpecError(IcsdkError, ValueError):
    """A spec the service would refuse: every problem found, each with the path of its field.

    Nothing is sent to AWS for a spec that raises this.

    Examples:
        >>> from icsdk import ComputeRequirements, SpecError
        >>> try:
        ...     ComputeRequirements(min_memory_mb=64, cpu_cores=0.1)
        ... except SpecError as error:
        ...     for problem in error.problems:
        ...         print(problem)
        min_memory_mb: must be at least 128 MB, got 64
        cpu_cores: must be at least 0.25 cores, got 0.1
    """

    problems: tuple[Problem, ...]

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = "\n".join(f"  {problem}" for problem in self.problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the spec:\n{lines}")

    @property
    def paths(self) -> tuple[str, ...]:
        """The paths of the fields at fault, in the order found.

        Examples:
            >>> from icsdk import ComputeRequirements, SpecError
            >>> try:
            ...     ComputeRequirements(min_memory_mb=256, max_memory_mb=128)
            ... except SpecError as error:
            ...     print(error.paths)
            ('max_memory_mb',)
        """
        return tuple(problem.path for problem in self.problems)


class SpecMismatch(IcsdkError):
    """A component of this name exists with a different spec (icsdk's finding, not the service's).

    Raised when a create that may have gone through finds the name taken by another spec.

    Examples:
        >>> error = SpecMismatch("llama-8b", "llama-8b: update\\n  copies: 1 -> 2")
        >>> error.name
        'llama-8b'
    """

    def __init__(self, name: str, differences: str) -> None:
        self.name = name
        """The component's name."""
        self.differences = differences
        """How the live component differs from the spec, as a plan prints it."""
        super().__init__(f"{name!r} exists with a different spec:\n{differences}")


class ReplaceRequired(IcsdkError):
    """Applying the spec needs the live component deleted and re-created.

    Pass ``allow_replace=True`` to `apply` to do that.

    Examples:
        >>> str(ReplaceRequired("a", "a: replace")).splitlines()[0]
        "'a' can only be changed by deleting and re-creating it (pass allow_replace=True):"
    """

    def __init__(self, name: str, plan: str) -> None:
        self.name = name
        """The component's name."""
        self.plan = plan
        """The plan that needs the replacement, as text."""
        super().__init__(
            f"{name!r} can only be changed by deleting and re-creating it "
            f"(pass allow_replace=True):\n{plan}"
        )


class ReplaceIncomplete(IcsdkError):
    """A replace deleted (or began deleting) the old component (or endpoint), not creating the new.

    ``__cause__`` is what stopped it. Apply the spec again to create it.

    Examples:
        >>> error = ReplaceIncomplete("a", "quota reached")
        >>> str(error).startswith("replacing 'a': the old component was deleted")
        True
    """

    def __init__(self, name: str, what_failed: str, *, kind: str = "component") -> None:
        self.name = name
        """The component (or endpoint) being replaced."""
        self.what_failed = what_failed
        """What went wrong after the delete."""
        self.kind = kind
        """What was replaced: ``"component"`` or ``"endpoint"``."""
        super().__init__(
            f"replacing {name!r}: the old {kind} was deleted, and the new one was not "
            f"created: {what_failed}"
        )


class NeverFits(IcsdkError):
    """One copy of the component is larger than one instance of its variant: it can never run.

    icsdk's finding from the instance type's published shape, before anything is sent. Pass
    ``allow_oversized=True`` to `Client.apply` to send it anyway.

    Examples:
        >>> error = NeverFits("llama-70b", "accelerators=2 but it has 1 accelerators")
        >>> error.name
        'llama-70b'
    """

    def __init__(self, name: str, why: str) -> None:
        self.name = name
        """The component."""
        self.why = why
        """What does not fit."""
        super().__init__(f"{name!r} can never run on its variant's instances: {why}")


class EndpointNotEmpty(IcsdkError):
    """An endpoint still hosts inference components; deleting it would delete them too.

    Pass ``force=True`` to `Client.delete_endpoint` to delete them first (adapters, then base
    components), then the endpoint and its config.

    Examples:
        >>> error = EndpointNotEmpty("shared-gpu", ("llama-8b", "llama-8b-sql"))
        >>> error.components
        ('llama-8b', 'llama-8b-sql')
    """

    def __init__(self, name: str, components: tuple[str, ...]) -> None:
        self.name = name
        """The endpoint."""
        self.components = components
        """The components it still hosts, sorted."""
        super().__init__(
            f"endpoint {name!r} still hosts {len(components)} inference component(s): "
            f"{', '.join(components)}; delete them first, or pass force=True"
        )


class OutcomeUnknown(IcsdkError):
    """A write failed in a way that leaves its outcome unknown, and the live state cannot tell.

    The request may or may not have taken effect; ``what_to_check`` says how to find out.
    The service error that made it ambiguous is ``__cause__``.

    Examples:
        >>> error = OutcomeUnknown("UpdateInferenceComponent", "a",
        ...                        "describe 'a' once it is no longer Updating")
        >>> error.operation, error.name
        ('UpdateInferenceComponent', 'a')
    """

    def __init__(self, operation: str, name: str, what_to_check: str) -> None:
        self.operation = operation
        """The write whose outcome is unknown."""
        self.name = name
        """The resource it was about."""
        self.what_to_check = what_to_check
        """What to look at to learn the outcome."""
        super().__init__(
            f"{operation} on {name!r} may or may not have taken effect: {what_to_check}"
        )


class NotConfigured(IcsdkError):
    """boto3 could not make the call: no credentials, no region, or an unknown profile.

    Nothing was sent, and retrying cannot help; icsdk raises it at once.

    Examples:
        >>> print(NotConfigured("DescribeInferenceComponent", "Unable to locate credentials"))
        DescribeInferenceComponent was not sent: Unable to locate credentials
    """

    def __init__(self, operation: str, reason: str) -> None:
        self.operation = operation
        """The call that could not be made."""
        self.reason = reason
        """botocore's explanation."""
        super().__init__(f"{operation} was not sent: {reason}")


class DeploymentFailed(IcsdkError):
    """A component or endpoint ended a change in failure; ``reason`` is SageMaker's.

    For an endpoint whose update failed and rolled back, ``reason`` is the FailureReason of the
    endpoint, which is back on its previous config.

    Examples:
        >>> error = DeploymentFailed("llama-8b", "CUDA out of memory")
        >>> str(error)
        "inference component 'llama-8b' failed: CUDA out of memory"
        >>> str(DeploymentFailed("shared-gpu", None, kind="endpoint"))
        "endpoint 'shared-gpu' failed: no reason given"
    """

    def __init__(self, name: str, reason: str | None, *, kind: str = "inference component") -> None:
        self.name = name
        """The component (or endpoint) that failed."""
        self.reason = reason
        """SageMaker's FailureReason, if it gave one."""
        self.kind = kind
        """What failed: ``"inference component"`` or ``"endpoint"``."""
        super().__init__(f"{kind} {name!r} failed: {reason or 'no reason given'}")


class WaitTimeout(IcsdkError, TimeoutError):
    """A wait ran past its deadline; ``last_status`` is the last status seen.

    Examples:
        >>> WaitTimeout("llama-8b", 30.0, "Creating").args[0]
        "gave up waiting for 'llama-8b' after 30.0 s (last status: Creating)"
    """

    def __init__(self, name: str, seconds: float, last_status: str | None) -> None:
        self.name = name
        """What was being waited for."""
        self.seconds = seconds
        """How long icsdk waited."""
        self.last_status = last_status
        """The last status seen, if any."""
        super().__init__(
            f"gave up waiting for {name!r} after {seconds:.1f} s (last status: {last_status})"
        )
