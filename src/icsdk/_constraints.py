"""The service model's limits for inference-component requests, and the checks built on them.

Every number, pattern and enum below is copied from botocore's SageMaker service model (the shapes
of the six inference-component operations' inputs); ``tests/test_api_coverage.py`` walks that
model and fails if anything here differs or is missing. Nothing here is stricter than the model:
an enum value this table does not know is looked up in the installed botocore model before it is
refused, so a newer botocore with a new instance type works without a new icsdk.

Patterns are matched against the whole value, as the service does.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Mapping
from typing import Final, NamedTuple

__all__ = ["LIMITS", "METRIC_PUBLISH_FREQUENCIES", "Limit", "Problem", "Problems"]


class Limit(NamedTuple):
    """One shape's constraints: ``kind`` is the botocore type name (string, integer, list, ...)."""

    kind: str
    min: float | None = None
    max: float | None = None
    pattern: str | None = None
    enum: tuple[str, ...] | None = None


_NAME = r"[a-zA-Z0-9]([\-a-zA-Z0-9]*[a-zA-Z0-9])?"
_ENDPOINT = r"[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}"
_TAG = r"([\p{L}\p{Z}\p{N}_.:/=+\-@]*)"
_CAPACITY_TYPES = ("COPY_COUNT", "CAPACITY_PERCENT")

#: The instance types the service model knows; a value missing here is checked against the
#: installed botocore model before it is refused (see :func:`enum_allows`).
INSTANCE_TYPES: Final[tuple[str, ...]] = (
    "ml.t2.medium",
    "ml.t2.large",
    "ml.t2.xlarge",
    "ml.t2.2xlarge",
    "ml.m4.xlarge",
    "ml.m4.2xlarge",
    "ml.m4.4xlarge",
    "ml.m4.10xlarge",
    "ml.m4.16xlarge",
    "ml.m5.large",
    "ml.m5.xlarge",
    "ml.m5.2xlarge",
    "ml.m5.4xlarge",
    "ml.m5.12xlarge",
    "ml.m5.24xlarge",
    "ml.m5d.large",
    "ml.m5d.xlarge",
    "ml.m5d.2xlarge",
    "ml.m5d.4xlarge",
    "ml.m5d.12xlarge",
    "ml.m5d.24xlarge",
    "ml.c4.large",
    "ml.c4.xlarge",
    "ml.c4.2xlarge",
    "ml.c4.4xlarge",
    "ml.c4.8xlarge",
    "ml.p2.xlarge",
    "ml.p2.8xlarge",
    "ml.p2.16xlarge",
    "ml.p3.2xlarge",
    "ml.p3.8xlarge",
    "ml.p3.16xlarge",
    "ml.c5.large",
    "ml.c5.xlarge",
    "ml.c5.2xlarge",
    "ml.c5.4xlarge",
    "ml.c5.9xlarge",
    "ml.c5.18xlarge",
    "ml.c5d.large",
    "ml.c5d.xlarge",
    "ml.c5d.2xlarge",
    "ml.c5d.4xlarge",
    "ml.c5d.9xlarge",
    "ml.c5d.18xlarge",
    "ml.g4dn.xlarge",
    "ml.g4dn.2xlarge",
    "ml.g4dn.4xlarge",
    "ml.g4dn.8xlarge",
    "ml.g4dn.12xlarge",
    "ml.g4dn.16xlarge",
    "ml.r5.large",
    "ml.r5.xlarge",
    "ml.r5.2xlarge",
    "ml.r5.4xlarge",
    "ml.r5.12xlarge",
    "ml.r5.24xlarge",
    "ml.r5d.large",
    "ml.r5d.xlarge",
    "ml.r5d.2xlarge",
    "ml.r5d.4xlarge",
    "ml.r5d.12xlarge",
    "ml.r5d.24xlarge",
    "ml.inf1.xlarge",
    "ml.inf1.2xlarge",
    "ml.inf1.6xlarge",
    "ml.inf1.24xlarge",
    "ml.dl1.24xlarge",
    "ml.c6i.large",
    "ml.c6i.xlarge",
    "ml.c6i.2xlarge",
    "ml.c6i.4xlarge",
    "ml.c6i.8xlarge",
    "ml.c6i.12xlarge",
    "ml.c6i.16xlarge",
    "ml.c6i.24xlarge",
    "ml.c6i.32xlarge",
    "ml.m6i.large",
    "ml.m6i.xlarge",
    "ml.m6i.2xlarge",
    "ml.m6i.4xlarge",
    "ml.m6i.8xlarge",
    "ml.m6i.12xlarge",
    "ml.m6i.16xlarge",
    "ml.m6i.24xlarge",
    "ml.m6i.32xlarge",
    "ml.r6i.large",
    "ml.r6i.xlarge",
    "ml.r6i.2xlarge",
    "ml.r6i.4xlarge",
    "ml.r6i.8xlarge",
    "ml.r6i.12xlarge",
    "ml.r6i.16xlarge",
    "ml.r6i.24xlarge",
    "ml.r6i.32xlarge",
    "ml.g5.xlarge",
    "ml.g5.2xlarge",
    "ml.g5.4xlarge",
    "ml.g5.8xlarge",
    "ml.g5.12xlarge",
    "ml.g5.16xlarge",
    "ml.g5.24xlarge",
    "ml.g5.48xlarge",
    "ml.g6.xlarge",
    "ml.g6.2xlarge",
    "ml.g6.4xlarge",
    "ml.g6.8xlarge",
    "ml.g6.12xlarge",
    "ml.g6.16xlarge",
    "ml.g6.24xlarge",
    "ml.g6.48xlarge",
    "ml.r8g.medium",
    "ml.r8g.large",
    "ml.r8g.xlarge",
    "ml.r8g.2xlarge",
    "ml.r8g.4xlarge",
    "ml.r8g.8xlarge",
    "ml.r8g.12xlarge",
    "ml.r8g.16xlarge",
    "ml.r8g.24xlarge",
    "ml.r8g.48xlarge",
    "ml.g6e.xlarge",
    "ml.g6e.2xlarge",
    "ml.g6e.4xlarge",
    "ml.g6e.8xlarge",
    "ml.g6e.12xlarge",
    "ml.g6e.16xlarge",
    "ml.g6e.24xlarge",
    "ml.g6e.48xlarge",
    "ml.g7e.2xlarge",
    "ml.g7e.4xlarge",
    "ml.g7e.8xlarge",
    "ml.g7e.12xlarge",
    "ml.g7e.24xlarge",
    "ml.g7e.48xlarge",
    "ml.g7.2xlarge",
    "ml.g7.4xlarge",
    "ml.g7.8xlarge",
    "ml.g7.12xlarge",
    "ml.g7.24xlarge",
    "ml.g7.48xlarge",
    "ml.p4d.24xlarge",
    "ml.c7g.large",
    "ml.c7g.xlarge",
    "ml.c7g.2xlarge",
    "ml.c7g.4xlarge",
    "ml.c7g.8xlarge",
    "ml.c7g.12xlarge",
    "ml.c7g.16xlarge",
    "ml.m6g.large",
    "ml.m6g.xlarge",
    "ml.m6g.2xlarge",
    "ml.m6g.4xlarge",
    "ml.m6g.8xlarge",
    "ml.m6g.12xlarge",
    "ml.m6g.16xlarge",
    "ml.m6gd.large",
    "ml.m6gd.xlarge",
    "ml.m6gd.2xlarge",
    "ml.m6gd.4xlarge",
    "ml.m6gd.8xlarge",
    "ml.m6gd.12xlarge",
    "ml.m6gd.16xlarge",
    "ml.c6g.large",
    "ml.c6g.xlarge",
    "ml.c6g.2xlarge",
    "ml.c6g.4xlarge",
    "ml.c6g.8xlarge",
    "ml.c6g.12xlarge",
    "ml.c6g.16xlarge",
    "ml.c6gd.large",
    "ml.c6gd.xlarge",
    "ml.c6gd.2xlarge",
    "ml.c6gd.4xlarge",
    "ml.c6gd.8xlarge",
    "ml.c6gd.12xlarge",
    "ml.c6gd.16xlarge",
    "ml.c6gn.large",
    "ml.c6gn.xlarge",
    "ml.c6gn.2xlarge",
    "ml.c6gn.4xlarge",
    "ml.c6gn.8xlarge",
    "ml.c6gn.12xlarge",
    "ml.c6gn.16xlarge",
    "ml.r6g.large",
    "ml.r6g.xlarge",
    "ml.r6g.2xlarge",
    "ml.r6g.4xlarge",
    "ml.r6g.8xlarge",
    "ml.r6g.12xlarge",
    "ml.r6g.16xlarge",
    "ml.r6gd.large",
    "ml.r6gd.xlarge",
    "ml.r6gd.2xlarge",
    "ml.r6gd.4xlarge",
    "ml.r6gd.8xlarge",
    "ml.r6gd.12xlarge",
    "ml.r6gd.16xlarge",
    "ml.p4de.24xlarge",
    "ml.trn1.2xlarge",
    "ml.trn1.32xlarge",
    "ml.trn1n.32xlarge",
    "ml.trn2.48xlarge",
    "ml.inf2.xlarge",
    "ml.inf2.8xlarge",
    "ml.inf2.24xlarge",
    "ml.inf2.48xlarge",
    "ml.p5.48xlarge",
    "ml.p5e.48xlarge",
    "ml.p5en.48xlarge",
    "ml.m7i.large",
    "ml.m7i.xlarge",
    "ml.m7i.2xlarge",
    "ml.m7i.4xlarge",
    "ml.m7i.8xlarge",
    "ml.m7i.12xlarge",
    "ml.m7i.16xlarge",
    "ml.m7i.24xlarge",
    "ml.m7i.48xlarge",
    "ml.c7i.large",
    "ml.c7i.xlarge",
    "ml.c7i.2xlarge",
    "ml.c7i.4xlarge",
    "ml.c7i.8xlarge",
    "ml.c7i.12xlarge",
    "ml.c7i.16xlarge",
    "ml.c7i.24xlarge",
    "ml.c7i.48xlarge",
    "ml.r7i.large",
    "ml.r7i.xlarge",
    "ml.r7i.2xlarge",
    "ml.r7i.4xlarge",
    "ml.r7i.8xlarge",
    "ml.r7i.12xlarge",
    "ml.r7i.16xlarge",
    "ml.r7i.24xlarge",
    "ml.r7i.48xlarge",
    "ml.c8g.medium",
    "ml.c8g.large",
    "ml.c8g.xlarge",
    "ml.c8g.2xlarge",
    "ml.c8g.4xlarge",
    "ml.c8g.8xlarge",
    "ml.c8g.12xlarge",
    "ml.c8g.16xlarge",
    "ml.c8g.24xlarge",
    "ml.c8g.48xlarge",
    "ml.r7gd.medium",
    "ml.r7gd.large",
    "ml.r7gd.xlarge",
    "ml.r7gd.2xlarge",
    "ml.r7gd.4xlarge",
    "ml.r7gd.8xlarge",
    "ml.r7gd.12xlarge",
    "ml.r7gd.16xlarge",
    "ml.m8g.medium",
    "ml.m8g.large",
    "ml.m8g.xlarge",
    "ml.m8g.2xlarge",
    "ml.m8g.4xlarge",
    "ml.m8g.8xlarge",
    "ml.m8g.12xlarge",
    "ml.m8g.16xlarge",
    "ml.m8g.24xlarge",
    "ml.m8g.48xlarge",
    "ml.c6in.large",
    "ml.c6in.xlarge",
    "ml.c6in.2xlarge",
    "ml.c6in.4xlarge",
    "ml.c6in.8xlarge",
    "ml.c6in.12xlarge",
    "ml.c6in.16xlarge",
    "ml.c6in.24xlarge",
    "ml.c6in.32xlarge",
    "ml.p6-b200.48xlarge",
    "ml.p6-b300.48xlarge",
    "ml.p6e-gb200.36xlarge",
    "ml.p5.4xlarge",
)

LIMITS: Final[Mapping[str, Limit]] = {
    "InferenceComponentName": Limit("string", 0, 63, _NAME),
    "EndpointName": Limit("string", 0, 63, _ENDPOINT),
    "VariantName": Limit("string", 0, 63, _ENDPOINT),
    "ModelName": Limit("string", 0, 63, _NAME),
    "ProductionVariantInstanceType": Limit("string", enum=INSTANCE_TYPES),
    "ContainerImage": Limit("string", 0, 255, r"[\S]+"),
    "Url": Limit("string", 0, 1024, r"(https|s3)://([^/]+)/?(.*)"),
    "EnvironmentMap": Limit("map", 0, 100),
    "EnvironmentKey": Limit("string", 0, 1024, r"[a-zA-Z_][a-zA-Z0-9_]*"),
    "EnvironmentValue": Limit("string", 0, 1024, r"[\S\s]*"),
    "MetricsEndpointList": Limit("list", 0, 1),
    "MetricsEndpointPath": Limit("string", 0, 256, r"/(?!.*\.\.)[a-zA-Z0-9/_.\-]+"),
    "MetricPublishFrequencyInSeconds": Limit("integer"),
    "ProductionVariantModelDataDownloadTimeoutInSeconds": Limit("integer", 60, 3600),
    "ProductionVariantContainerStartupHealthCheckTimeoutInSeconds": Limit("integer", 60, 3600),
    "NumberOfCpuCores": Limit("float", 0.25),
    "NumberOfAcceleratorDevices": Limit("float", 1),
    "MemoryInMb": Limit("integer", 128),
    "AcceleratorPartitionType": Limit("string", 0, 32, r"mig-[0-9]+g\.[0-9]+gb([+-][a-z0-9.]+)*"),
    "EnableCaching": Limit("boolean"),
    "InferenceComponentPlacementStrategy": Limit("string", enum=("SPREAD", "BINPACK")),
    "AvailabilityZoneBalanceEnforcementMode": Limit("string", enum=("PERMISSIVE",)),
    "AvailabilityZoneBalanceMaxImbalance": Limit("integer", 0, 100),
    "InferenceComponentSpecificationList": Limit("list", 1, 5),
    "InferenceComponentCopyCount": Limit("integer", 0),
    "TagList": Limit("list", 0, 50),
    "TagKey": Limit("string", 1, 128, _TAG),
    "TagValue": Limit("string", 0, 256, _TAG),
    "InferenceComponentCapacitySizeType": Limit("string", enum=_CAPACITY_TYPES),
    "CapacitySizeValue": Limit("integer", 1),
    "WaitIntervalInSeconds": Limit("integer", 0, 3600),
    "MaximumExecutionTimeoutInSeconds": Limit("integer", 600, 28800),
    "AlarmList": Limit("list", 1, 10),
    "AlarmName": Limit("string", 1, 255, r"(?!\s*$).+"),
    "InferenceComponentSortKey": Limit("string", enum=("Name", "CreationTime", "Status")),
    "OrderKey": Limit("string", enum=("Ascending", "Descending")),
    "PaginationToken": Limit("string", 0, 8192, r".*"),
    "MaxResults": Limit("integer", 1, 100),
    "InferenceComponentNameContains": Limit("string", 0, 63, r"[a-zA-Z0-9-]+"),
    "Timestamp": Limit("timestamp"),
    "InferenceComponentStatus": Limit(
        "string", enum=("InService", "Creating", "Updating", "Failed", "Deleting")
    ),
}

#: The publish frequencies the service accepts; the model declares none, the service enforces these.
METRIC_PUBLISH_FREQUENCIES: Final = frozenset({10, 30, 60, 120, 180, 240, 300})


class Problem(NamedTuple):
    """One thing wrong with a spec: where (a dotted path) and what, in words.

    Example:
        >>> from icsdk import InferenceComponent, SpecError
        >>> try:
        ...     InferenceComponent.from_boto3({"InferenceComponentName": "a", "EndpointName": "e",
        ...         "Specification": {"ModelName": "m",
        ...             "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 64}}})
        ... except SpecError as error:
        ...     problem = error.problems[0]
        >>> problem.path, problem.message
        ('specification.compute.min_memory_mb', 'must be at least 128 MB, got 64')
    """

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class Problems:
    """Collects problems under a path prefix; the checks append, the caller raises once."""

    __slots__ = ("items", "prefix")

    def __init__(self, prefix: str = "") -> None:
        self.prefix = prefix
        self.items: list[Problem] = []

    def at(self, name: str) -> str:
        return f"{self.prefix}.{name}" if self.prefix else name

    def add(self, name: str, message: str) -> None:
        self.items.append(Problem(self.at(name), message))

    def nested(self, name: str) -> Problems:
        child = Problems(self.at(name))
        child.items = self.items
        return child

    # The checks below report what is wrong with one value; ``instance`` also says whether the
    # value has the type that further checks need.

    def string(self, name: str, value: object, shape: str, *, secret: bool = False) -> None:
        if value is None:
            self.add(name, "is required")
            return
        if not isinstance(value, str):
            got = type(value).__name__ if secret else _kind(value)
            self.add(name, f"must be a string, got {got}")
            return
        limit = LIMITS[shape]
        shown = "the value" if secret else repr(value)
        if limit.min is not None and len(value) < limit.min:
            self.add(name, f"must be at least {limit.min:g} characters long, got {len(value)}")
        elif limit.max is not None and len(value) > limit.max:
            self.add(name, f"must be at most {limit.max:g} characters long, got {len(value)}")
        elif limit.pattern is not None and not _matcher(limit.pattern)(value):
            self.add(name, f"must match the pattern {limit.pattern}; {shown} does not")
        elif limit.enum is not None and not enum_allows(shape, value):
            self.add(name, f"must be one of {_choices(limit.enum)}, got {shown}")

    def number(self, name: str, value: object, shape: str, unit: str = "") -> None:
        limit = LIMITS[shape]
        if limit.kind == "integer":
            if isinstance(value, bool) or not isinstance(value, int):
                self.add(name, f"must be an integer, got {_kind(value)}")
                return
        elif isinstance(value, bool) or not isinstance(value, int | float):
            self.add(name, f"must be a number, got {_kind(value)}")
            return
        suffix = f" {unit}" if unit else ""
        if limit.min is not None and value < limit.min:
            self.add(name, f"must be at least {limit.min:g}{suffix}, got {value:g}")
        elif limit.max is not None and value > limit.max:
            self.add(name, f"must be at most {limit.max:g}{suffix}, got {value:g}")

    def boolean(self, name: str, value: object) -> None:
        if not isinstance(value, bool):
            self.add(name, f"must be True or False, got {_kind(value)}")

    def count(self, name: str, size: int, shape: str, what: str) -> None:
        limit = LIMITS[shape]
        if limit.min is not None and size < limit.min:
            self.add(name, f"must have at least {limit.min:g} {what}, got {size}")
        elif limit.max is not None and size > limit.max:
            self.add(name, f"must have at most {limit.max:g} {what}, got {size}")

    def instance(self, name: str, value: object, cls: type, what: str) -> bool:
        if isinstance(value, cls):
            return True
        self.add(name, f"must be {what}, got {_kind(value)}")
        return False


def _kind(value: object) -> str:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return f"{type(value).__name__} {value!r}"
    return type(value).__name__


def _choices(values: tuple[str, ...]) -> str:
    if len(values) > 8:
        return f"the {len(values)} values the service model lists"
    return ", ".join(values)


@functools.cache
def _matcher(pattern: str) -> Callable[[str], bool]:
    """Compile a model pattern into a whole-value test (compiled on first use, not at import).

    Python's ``re`` has no ``\\p{...}`` classes; the model uses them only in single character
    classes repeated (the tag pattern), which are tested character by character instead.
    """
    if r"\p{" not in pattern:
        return re.compile(pattern, re.DOTALL).fullmatch  # type: ignore[return-value]
    body = re.fullmatch(r"\(?\[(.*)\]\*\)?", pattern)
    if body is None:  # pragma: no cover - guarded by the coverage test
        raise ValueError(f"unsupported pattern {pattern!r}")
    categories = tuple(re.findall(r"\\p\{(\w)\}", body.group(1)))
    literal = re.sub(r"\\p\{\w\}", "", body.group(1)).replace("\\", "")

    def test(value: str) -> bool:
        return all(ch in literal or unicodedata.category(ch)[0] in categories for ch in value)

    return test


def matches(shape: str, value: str) -> bool:
    """Whether ``value`` matches the model pattern of ``shape`` (whole value)."""
    pattern = LIMITS[shape].pattern
    return pattern is None or _matcher(pattern)(value)


def enum_allows(shape: str, value: str) -> bool:
    """Whether ``value`` is in the enum of ``shape``, in this table or the installed model."""
    limit = LIMITS[shape]
    if limit.enum is None or value in limit.enum:
        return True
    return value in _installed_enum(shape)


@functools.cache
def _installed_enum(shape: str) -> frozenset[str]:
    import botocore.session  # only for values newer than this table
    from botocore.model import StringShape

    found = botocore.session.get_session().get_service_model("sagemaker").shape_for(shape)
    return frozenset(found.enum if isinstance(found, StringShape) else ())
