"""The immutable description of an inference component.

Every class validates itself when constructed and raises :class:`~icsdk.SpecError` listing all
of its problems. Fields are snake_case in plain units; the AWS names live only in ``_wire``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable, Iterator, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any, ClassVar, Literal, TypeAlias, cast

import attrs

from ._constraints import METRIC_PUBLISH_FREQUENCIES, Problems
from ._errors import SpecError

if TYPE_CHECKING:
    from mypy_boto3_sagemaker.type_defs import CreateInferenceComponentInputTypeDef

    from ._builder import InferenceComponentBuilder

__all__ = [
    "Adapter",
    "AvailabilityZoneBalance",
    "ComputeRequirements",
    "Container",
    "ContainerMetrics",
    "Environment",
    "InferenceComponent",
    "MetricsEndpoint",
    "PlacementStrategy",
    "Scheduling",
    "Specification",
    "StartupParameters",
    "Tag",
]

PlacementStrategy: TypeAlias = Literal["SPREAD", "BINPACK"]
"""How copies are placed across instances: spread out, or packed onto as few as fit."""

#: Set while a whole tree is being assembled, so it is validated once, with full paths.
_DEFERRED: ContextVar[bool] = ContextVar("icsdk_deferred_validation", default=False)


class Environment(Mapping[str, str]):
    """A read-only, hashable mapping of container environment variables whose values never print.

    Environment values often hold tokens and keys, so ``repr`` and ``str`` show only the keys.

    Example:
        >>> env = Environment({"HF_TOKEN": "hf_abc123", "MAX_INPUT_LENGTH": "4096"})
        >>> env
        Environment({'HF_TOKEN': '***', 'MAX_INPUT_LENGTH': '***'})
        >>> env["MAX_INPUT_LENGTH"]
        '4096'
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        self._values: dict[str, str] = dict(values)

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Environment):
            return self._values == other._values
        if other is None:
            return False
        if isinstance(other, Mapping):
            return self._values == dict(other)  # pyright: ignore[reportUnknownArgumentType]
        return NotImplemented

    def to_dict(self) -> dict[str, str]:
        """A new, mutable ``dict`` of the variables (values included).

        Example:
            >>> Environment({"A": "1"}).to_dict()
            {'A': '1'}
        """
        return self._values.copy()

    def __repr__(self) -> str:
        return f"Environment({dict.fromkeys(self._values, '***')!r})"

    __str__ = __repr__


class _Spec:
    """Validation on construction, shared by every spec class."""

    __slots__ = ()
    if TYPE_CHECKING:
        __attrs_attrs__: ClassVar[tuple[attrs.Attribute[Any], ...]]

    def __attrs_post_init__(self) -> None:
        self._normalise()
        if _DEFERRED.get():
            return
        problems = Problems()
        self._check(problems)
        if problems.items:
            raise SpecError(problems.items)

    def _normalise(self) -> None:
        """Turn convenient inputs (a list, a dict) into their immutable forms."""

    def _check(self, p: Problems) -> None:
        """Report this object's own problems (not its children's) to ``p``."""
        raise NotImplementedError


def _set(obj: object, name: str, value: object) -> None:
    object.__setattr__(obj, name, value)


def _as_tuple(obj: object, name: str) -> None:
    value = getattr(obj, name)
    if isinstance(value, list):
        _set(obj, name, tuple(value))  # pyright: ignore[reportUnknownArgumentType]


@contextlib.contextmanager
def deferred_validation() -> Generator[None]:
    """Build a tree of spec objects without validating each; call :func:`validate` after."""
    token = _DEFERRED.set(True)
    try:
        yield
    finally:
        _DEFERRED.reset(token)


def validate(obj: _Spec, prefix: str = "") -> None:
    """Validate ``obj`` and everything under it, raising one SpecError with full paths."""
    problems = Problems(prefix)
    _walk(obj, problems)
    if problems.items:
        raise SpecError(problems.items)


def _walk(obj: _Spec, p: Problems) -> None:
    obj._check(p)
    for field in attrs.fields(type(obj)):
        value = getattr(obj, field.name)
        if isinstance(value, _Spec):
            _walk(value, p.nested(field.name))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):  # pyright: ignore[reportUnknownVariableType,reportUnknownArgumentType]
                if isinstance(item, _Spec):
                    _walk(item, p.nested(f"{field.name}[{index}]"))


@attrs.frozen(kw_only=True)
class MetricsEndpoint(_Spec):
    """Where the container publishes its own metrics, and how often they are collected.

    Example:
        >>> MetricsEndpoint(path="/metrics", publish_frequency_s=60)
        MetricsEndpoint(path='/metrics', publish_frequency_s=60)
    """

    path: str
    publish_frequency_s: int | None = None

    def _check(self, p: Problems) -> None:
        p.string("path", self.path, "MetricsEndpointPath")
        frequency = self.publish_frequency_s
        if frequency is None:
            return
        p.number("publish_frequency_s", frequency, "MetricPublishFrequencyInSeconds", "seconds")
        if isinstance(frequency, int) and frequency not in METRIC_PUBLISH_FREQUENCIES:
            allowed = ", ".join(str(s) for s in sorted(METRIC_PUBLISH_FREQUENCIES))
            p.add("publish_frequency_s", f"must be one of {allowed} seconds, got {frequency}")


@attrs.frozen(kw_only=True)
class ContainerMetrics(_Spec):
    """The container's metrics configuration: at most one endpoint today.

    Example:
        >>> ContainerMetrics(endpoints=(MetricsEndpoint(path="/metrics"),)).endpoints[0].path
        '/metrics'
    """

    endpoints: tuple[MetricsEndpoint, ...] | None = None

    def _normalise(self) -> None:
        _as_tuple(self, "endpoints")

    def _check(self, p: Problems) -> None:
        if self.endpoints is None:
            return
        if p.instance("endpoints", self.endpoints, tuple, "a tuple of MetricsEndpoint"):
            p.count("endpoints", len(self.endpoints), "MetricsEndpointList", "endpoints")
            for index, item in enumerate(self.endpoints):
                p.instance(f"endpoints[{index}]", item, MetricsEndpoint, "a MetricsEndpoint")


@attrs.frozen(kw_only=True)
class Container(_Spec):
    """The container a component runs: image, model artifacts, environment and metrics.

    Environment values are secrets as far as icsdk is concerned: they never appear in a repr, a log
    line or an error message.

    Example:
        >>> Container(
        ...     image="763104351884.dkr.ecr.us-east-1.amazonaws.com/tgi:3.0",
        ...     artifact_url="s3://models/llama-8b/",
        ...     environment={"HF_TOKEN": "hf_secret"},
        ... ).environment
        Environment({'HF_TOKEN': '***'})
    """

    image: str | None = None
    artifact_url: str | None = None
    environment: Mapping[str, str] | None = None
    metrics: ContainerMetrics | None = None

    def _normalise(self) -> None:
        env = self.environment
        if isinstance(env, Mapping) and not isinstance(env, Environment):
            _set(self, "environment", Environment(env))

    def _check(self, p: Problems) -> None:
        if self.image is not None:
            p.string("image", self.image, "ContainerImage")
        if self.artifact_url is not None:
            p.string("artifact_url", self.artifact_url, "Url")
        env = self.environment
        if env is not None and p.instance("environment", env, Mapping, "a mapping"):
            p.count("environment", len(env), "EnvironmentMap", "entries")
            for key, value in cast("Mapping[object, object]", env).items():
                if not isinstance(key, str):
                    p.add("environment", f"keys must be strings, got {type(key).__name__}")
                    continue
                p.string(f"environment[{key!r}]", key, "EnvironmentKey")
                p.string(f"environment[{key!r}]", value, "EnvironmentValue", secret=True)
        if self.metrics is not None:
            p.instance("metrics", self.metrics, ContainerMetrics, "a ContainerMetrics")


@attrs.frozen(kw_only=True)
class StartupParameters(_Spec):
    """How long SageMaker waits for the model to download and the container to become healthy.

    Example:
        >>> StartupParameters(model_data_download_timeout_s=600).model_data_download_timeout_s
        600
    """

    model_data_download_timeout_s: int | None = None
    container_startup_health_check_timeout_s: int | None = None

    def _check(self, p: Problems) -> None:
        if self.model_data_download_timeout_s is not None:
            p.number(
                "model_data_download_timeout_s",
                self.model_data_download_timeout_s,
                "ProductionVariantModelDataDownloadTimeoutInSeconds",
                "seconds",
            )
        if self.container_startup_health_check_timeout_s is not None:
            p.number(
                "container_startup_health_check_timeout_s",
                self.container_startup_health_check_timeout_s,
                "ProductionVariantContainerStartupHealthCheckTimeoutInSeconds",
                "seconds",
            )


@attrs.frozen(kw_only=True)
class ComputeRequirements(_Spec):
    """What one copy of the model needs: memory, CPU cores, accelerators (or a MIG partition).

    Example:
        >>> ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4).cpu_cores
        4
    """

    min_memory_mb: int
    max_memory_mb: int | None = None
    cpu_cores: float | None = None
    accelerators: float | None = None
    accelerator_partition_type: str | None = None

    def _check(self, p: Problems) -> None:
        p.number("min_memory_mb", self.min_memory_mb, "MemoryInMb", "MB")
        if self.max_memory_mb is not None:
            p.number("max_memory_mb", self.max_memory_mb, "MemoryInMb", "MB")
            if (
                _is_int(self.min_memory_mb)
                and _is_int(self.max_memory_mb)
                and self.max_memory_mb < self.min_memory_mb
            ):
                p.add(
                    "max_memory_mb",
                    f"must not be less than min_memory_mb ({self.min_memory_mb} MB), "
                    f"got {self.max_memory_mb}",
                )
        if self.cpu_cores is not None:
            p.number("cpu_cores", self.cpu_cores, "NumberOfCpuCores", "cores")
        if self.accelerators is not None:
            p.number("accelerators", self.accelerators, "NumberOfAcceleratorDevices", "devices")
        if self.accelerator_partition_type is not None:
            p.string(
                "accelerator_partition_type",
                self.accelerator_partition_type,
                "AcceleratorPartitionType",
            )


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


@attrs.frozen(kw_only=True)
class Adapter(_Spec):
    """A LoRA adapter served on top of a base component (which carries the compute).

    Example:
        >>> Adapter(base="llama-8b", artifact_url="s3://bucket/adapters/sql/").base
        'llama-8b'
    """

    base: str
    artifact_url: str

    def _check(self, p: Problems) -> None:
        p.string("base", self.base, "InferenceComponentName")
        p.string("artifact_url", self.artifact_url, "Url")


@attrs.frozen(kw_only=True)
class AvailabilityZoneBalance(_Spec):
    """How evenly copies are kept across availability zones.

    Example:
        >>> AvailabilityZoneBalance(max_imbalance=1)
        AvailabilityZoneBalance(enforcement_mode='PERMISSIVE', max_imbalance=1)
    """

    enforcement_mode: Literal["PERMISSIVE"] = "PERMISSIVE"
    max_imbalance: int | None = None

    def _check(self, p: Problems) -> None:
        p.string(
            "enforcement_mode", self.enforcement_mode, "AvailabilityZoneBalanceEnforcementMode"
        )
        if self.max_imbalance is not None:
            p.number(
                "max_imbalance", self.max_imbalance, "AvailabilityZoneBalanceMaxImbalance", "copies"
            )


@attrs.frozen(kw_only=True)
class Scheduling(_Spec):
    """Where copies go: spread across instances or packed tight, and zone balance.

    Example:
        >>> Scheduling(placement_strategy="BINPACK").placement_strategy
        'BINPACK'
    """

    placement_strategy: PlacementStrategy
    availability_zone_balance: AvailabilityZoneBalance | None = None

    def _check(self, p: Problems) -> None:
        p.string(
            "placement_strategy", self.placement_strategy, "InferenceComponentPlacementStrategy"
        )
        if self.availability_zone_balance is not None:
            p.instance(
                "availability_zone_balance",
                self.availability_zone_balance,
                AvailabilityZoneBalance,
                "an AvailabilityZoneBalance",
            )


@attrs.frozen(kw_only=True)
class Specification(_Spec):
    """What runs: a model (or container image) with its compute, or an adapter on a base.

    In an instance pool (:attr:`InferenceComponent.instance_pools`) it also names its instance
    type.

    Example:
        >>> spec = Specification(
        ...     model_name="llama-8b-model",
        ...     compute=ComputeRequirements(min_memory_mb=16_384, accelerators=1),
        ... )
        >>> spec.is_adapter
        False
    """

    model_name: str | None = None
    container: Container | None = None
    startup: StartupParameters | None = None
    compute: ComputeRequirements | None = None
    adapter: Adapter | None = None
    data_caching: bool | None = None
    scheduling: Scheduling | None = None
    instance_type: str | None = None

    def _normalise(self) -> None:
        # An adapter's request carries its artifact URL in Container, so an empty Container
        # and no Container render the same request: keep one form, so equal requests compare
        # equal as specs.
        if self.adapter is not None and self.container == Container():
            _set(self, "container", None)

    @property
    def is_adapter(self) -> bool:
        """Whether this runs a LoRA adapter on a base component.

        Example:
            >>> Specification(adapter=Adapter(base="b", artifact_url="s3://a/b")).is_adapter
            True
        """
        return self.adapter is not None

    def _check(self, p: Problems) -> None:
        if self.model_name is not None:
            p.string("model_name", self.model_name, "ModelName")
        if self.instance_type is not None:
            p.string("instance_type", self.instance_type, "ProductionVariantInstanceType")
        if self.data_caching is not None:
            p.boolean("data_caching", self.data_caching)
        kinds = (
            ("container", Container, "a Container"),
            ("startup", StartupParameters, "a StartupParameters"),
            ("compute", ComputeRequirements, "a ComputeRequirements"),
            ("adapter", Adapter, "an Adapter"),
            ("scheduling", Scheduling, "a Scheduling"),
        )
        for name, cls, what in kinds:
            value = getattr(self, name)
            if value is not None:
                p.instance(name, value, cls, what)
        container = self.container if isinstance(self.container, Container) else None
        if self.adapter is not None:
            if self.compute is not None:
                p.add("compute", "an adapter runs on its base component's compute; leave it unset")
            if container is not None and container.artifact_url is not None:
                p.add(
                    "container.artifact_url",
                    "an adapter's artifact URL belongs in Adapter(artifact_url=...)",
                )
            return
        if self.compute is None:
            p.add("compute", "is required (at least min_memory_mb) unless this is an adapter")
        if self.model_name is None and (container is None or container.image is None):
            p.add("model_name", "give a model name or a container image")


@attrs.frozen(kw_only=True)
class Tag(_Spec):
    """A key and value attached to the component's ARN.

    Example:
        >>> Tag(key="team", value="search")
        Tag(key='team', value='search')
    """

    key: str
    value: str

    def _check(self, p: Problems) -> None:
        p.string("key", self.key, "TagKey")
        p.string("value", self.value, "TagValue")


@attrs.frozen(kw_only=True)
class InferenceComponent(_Spec):
    """A complete, validated inference component: where it runs, what it runs, how many copies.

    Build one with :meth:`builder`, construct it directly, or convert existing boto3 kwargs with
    :meth:`from_boto3`.

    Example:
        >>> ic = (
        ...     InferenceComponent.builder("llama-8b")
        ...     .endpoint("shared-gpu", variant="AllTraffic")
        ...     .model("llama-8b-model")
        ...     .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
        ...     .copies(2)
        ...     .build()
        ... )
        >>> ic.to_boto3()["RuntimeConfig"]
        {'CopyCount': 2}
    """

    name: str
    endpoint: str
    variant: str | None = None
    specification: Specification | None = None
    instance_pools: tuple[Specification, ...] | None = None
    copies: int | None = None
    tags: tuple[Tag, ...] | None = None

    @staticmethod
    def builder(name: str) -> InferenceComponentBuilder:
        """Start a fluent builder for a component called ``name``.

        Example:
            >>> InferenceComponent.builder("llama-8b").endpoint("shared-gpu").model(
            ...     "llama-8b-model"
            ... ).compute(ComputeRequirements(min_memory_mb=1024)).build().name
            'llama-8b'
        """
        from ._builder import InferenceComponentBuilder

        return InferenceComponentBuilder(name=name)

    @property
    def is_adapter(self) -> bool:
        """Whether this component is a LoRA adapter on a base component.

        Example:
            >>> InferenceComponent.builder("sql").endpoint("e").adapter(
            ...     Adapter(base="llama-8b", artifact_url="s3://b/sql/")
            ... ).build().is_adapter
            True
        """
        return self.specification is not None and self.specification.adapter is not None

    def to_boto3(self) -> CreateInferenceComponentInputTypeDef:
        """The exact keyword arguments of boto3's ``create_inference_component``.

        Unset fields are left out. ``from_boto3`` turns the result back into an equal component.

        Example:
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024)
            ... ).build()
            >>> ic.to_boto3()
            {'InferenceComponentName': 'a', 'EndpointName': 'e', 'Specification': \
{'ModelName': 'm', 'ComputeResourceRequirements': {'MinMemoryRequiredInMb': 1024}}}
        """
        from ._wire.spec import render_create

        return render_create(self)

    @classmethod
    def from_boto3(cls, kwargs: Mapping[str, Any]) -> InferenceComponent:
        """Turn ``create_inference_component`` keyword arguments into a validated component.

        Raises :class:`~icsdk.SpecError` naming every unknown key and invalid value.

        Example:
            >>> ic = InferenceComponent.from_boto3({
            ...     "InferenceComponentName": "a",
            ...     "EndpointName": "e",
            ...     "Specification": {
            ...         "ModelName": "m",
            ...         "ComputeResourceRequirements": {"MinMemoryRequiredInMb": 1024},
            ...     },
            ...     "RuntimeConfig": {"CopyCount": 1},
            ... })
            >>> ic.copies, ic.specification.compute.min_memory_mb
            (1, 1024)
        """
        from ._wire.spec import parse_create

        return parse_create(kwargs)

    def _normalise(self) -> None:
        _as_tuple(self, "instance_pools")
        _as_tuple(self, "tags")

    def _check(self, p: Problems) -> None:
        p.string("name", self.name, "InferenceComponentName")
        p.string("endpoint", self.endpoint, "EndpointName")
        if self.variant is not None:
            p.string("variant", self.variant, "VariantName")
        if self.copies is not None:
            p.number("copies", self.copies, "InferenceComponentCopyCount", "copies")
        if self.tags is not None and p.instance("tags", self.tags, tuple, "a tuple of Tag"):
            p.count("tags", len(self.tags), "TagList", "tags")
            for index, tag in enumerate(self.tags):
                p.instance(f"tags[{index}]", tag, Tag, "a Tag")
        specs: list[Specification] = []
        if self.specification is not None and p.instance(
            "specification", self.specification, Specification, "a Specification"
        ):
            specs.append(self.specification)
            if self.specification.instance_type is not None:
                p.add(
                    "specification.instance_type",
                    "an instance type belongs only in instance_pools",
                )
        pools = self.instance_pools
        if pools is not None and p.instance("instance_pools", pools, tuple, "a tuple"):
            p.count("instance_pools", len(pools), "InferenceComponentSpecificationList", "pools")
            for index, pool in enumerate(pools):
                if p.instance(f"instance_pools[{index}]", pool, Specification, "a Specification"):
                    specs.append(pool)
        if self.specification is not None and pools is not None:
            p.add("instance_pools", "give either specification or instance_pools, not both")
        elif self.specification is None and pools is None:
            p.add("specification", "is required (or instance_pools)")
        if self.variant is not None and any(spec.adapter is not None for spec in specs):
            p.add("variant", "an adapter runs on its base component's variant; leave it unset")


def _ne(self: _Spec, other: object) -> bool:
    # The wire converter compares every optional child with None; attrs' own __ne__ gets there
    # through two failed dispatches, this in one test.
    if other is None:
        return True
    result = self.__eq__(other)
    return result if result is NotImplemented else not result


for _cls in _Spec.__subclasses__():
    setattr(_cls, "__ne__", _ne)  # noqa: B010 - replacing the method attrs generated
