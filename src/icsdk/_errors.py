"""icsdk's exceptions, and the one place where botocore's errors become them.

The tree::

    IcsdkError
    ├── SpecError (ValueError)            a spec the service would refuse; nothing was sent
    ├── ServiceError                      SageMaker answered with an error
    │   ├── ComponentNotFound (LookupError)
    │   ├── EndpointNotFound (LookupError)
    │   ├── ComponentConflict             exists already, with a different spec
    │   ├── InvalidState                  busy: creating, updating or deleting
    │   ├── QuotaExceeded                 ResourceLimitExceeded
    │   ├── Throttled                     rate exceeded, after every retry
    │   ├── AccessDenied (PermissionError)
    │   ├── ModelError                    the model container failed the invocation
    │   ├── NoCapacity                    the component has no copy to serve it
    │   └── ModelNotReady                 the model is still loading
    ├── DeploymentFailed                  the component ended in Failed; carries the reason
    └── WaitTimeout (TimeoutError)        a wait ran past its deadline

Only this module reads the text of an AWS error message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._constraints import Problem

__all__ = ["IcsdkError", "SpecError"]


class IcsdkError(Exception):
    """The root of every exception icsdk raises.

    Example:
        >>> from icsdk import IcsdkError, ComputeRequirements
        >>> try:
        ...     ComputeRequirements(min_memory_mb=1)
        ... except IcsdkError as error:
        ...     print(type(error).__name__)
        SpecError
    """


class SpecError(IcsdkError, ValueError):
    """A spec the service would refuse: every problem found, each with the path of its field.

    Nothing is sent to AWS for a spec that raises this.

    Example:
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

        Example:
            >>> from icsdk import ComputeRequirements, SpecError
            >>> try:
            ...     ComputeRequirements(min_memory_mb=256, max_memory_mb=128)
            ... except SpecError as error:
            ...     print(error.paths)
            ('max_memory_mb',)
        """
        return tuple(problem.path for problem in self.problems)
