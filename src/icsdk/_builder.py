"""The fluent, immutable builder behind `InferenceComponent.builder()`.

The builder holds values by dotted path (the paths [`SpecError`][icsdk.SpecError] reports) and
makes the component only in `build()`; each method below sets one path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, cast

from ._autoscaling import Autoscaling
from ._base import SpecBuilder, deferred_validation
from ._constraints import Problems
from ._environment import Environment
from ._errors import SpecError
from ._specification import (
    Adapter,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    MetricsEndpoint,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
)

if TYPE_CHECKING:
    from typing import Self

    from ._spec import InferenceComponent

__all__ = ["InferenceComponentBuilder"]

_CONTAINER = "specification.container"


class InferenceComponentBuilder(SpecBuilder["InferenceComponent"]):
    """Assembles an [`InferenceComponent`][icsdk.InferenceComponent] one call at a time.

    Every call returns a new builder and leaves the old one as it was, so a half-built builder is
    a template to stamp many components from. Nothing is checked until `build()`, which
    reports every problem at once, each with its full path. A built component turns back into a
    builder with [`to_builder()`][icsdk.InferenceComponent.to_builder], and `set()` reaches any
    nested value by its path. The repr shows what is set, environment values masked.

    Examples:
        >>> from icsdk import ComputeRequirements, InferenceComponent
        >>> base = (
        ...     InferenceComponent.builder("template")
        ...     .endpoint("shared-gpu")
        ...     .compute(ComputeRequirements(min_memory_mb=8_192, accelerators=1))
        ...     .copies(1)
        ... )
        >>> a = base.name("model-a").model("model-a").build()
        >>> b = base.name("model-b").model("model-b").copies(3).build()
        >>> (a.name, a.copies), (b.name, b.copies)
        (('model-a', 1), ('model-b', 3))
        >>> base.environment(HF_TOKEN="hf_secret")
        InferenceComponentBuilder(name='template', endpoint='shared-gpu', \
specification.compute.min_memory_mb=8192, specification.compute.accelerators=1, copies=1, \
specification.container.environment=Environment({'HF_TOKEN': '***'}))
    """

    __slots__ = ()

    def name(self, name: str) -> InferenceComponentBuilder:
        """Set the component's name.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.name("b").build().name
            'b'
        """
        return self.set("name", name)

    def endpoint(self, name: str, *, variant: str | None = None) -> InferenceComponentBuilder:
        """Put the component on endpoint ``name`` (and, optionally, one of its variants).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.endpoint("shared-gpu", variant="AllTraffic").build()
            >>> ic.endpoint, ic.variant
            ('shared-gpu', 'AllTraffic')
        """
        builder = self.set("endpoint", name)
        return builder if variant is None else builder.set("variant", variant)

    def variant(self, name: str) -> InferenceComponentBuilder:
        """Set the production variant the component runs on.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.variant("AllTraffic").build().variant
            'AllTraffic'
        """
        return self.set("variant", name)

    def model(self, name: str) -> InferenceComponentBuilder:
        """Run the SageMaker model called ``name``.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.model("llama-8b-model").build().specification.model_name
            'llama-8b-model'
        """
        return self.set("specification.model_name", name)

    def container(self, container: Container) -> InferenceComponentBuilder:
        """Use ``container`` (image, artifacts, environment, metrics) as a whole.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> from icsdk import Container
            >>> ic = base.container(Container(image="repo/img:1")).build()
            >>> ic.specification.container.image
            'repo/img:1'
        """
        return self.set(_CONTAINER, container)

    def image(self, uri: str) -> InferenceComponentBuilder:
        """Run the container image ``uri``.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.image("repo/tgi:3").build().specification.container.image
            'repo/tgi:3'
        """
        return self.set("specification.container.image", uri)

    def artifact_url(self, url: str) -> InferenceComponentBuilder:
        """Load model artifacts from ``url`` (``s3://`` or ``https://``).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.artifact_url("s3://b/m/").build().specification.container.artifact_url
            's3://b/m/'
        """
        return self.set("specification.container.artifact_url", url)

    def environment(
        self, values: Mapping[str, str] | None = None, /, **more: str
    ) -> InferenceComponentBuilder:
        """Add container environment variables (merged over any set before).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.environment({"A": "1"}).environment(B="2").build()
            >>> sorted(ic.specification.container.environment)
            ['A', 'B']
        """
        path = "specification.container.environment"
        given: object = values  # typed as a mapping, but scripts pass strings and lists too
        if given is not None and not isinstance(given, Mapping):
            # Never echo the value: environments hold tokens.
            problems = Problems()
            problems.add(path, f"must be a mapping of names to values, got {type(given).__name__}")
            raise SpecError(problems.items)
        current = self._get(path)
        merged = dict(cast("Mapping[str, str]", current)) if isinstance(current, Mapping) else {}
        merged.update(values or {})
        merged.update(more)
        return self.set(path, Environment(merged))

    def metrics(
        self, path: str, *, publish_frequency_s: int | None = None
    ) -> InferenceComponentBuilder:
        """Collect the container's own metrics from ``path``.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.metrics("/metrics", publish_frequency_s=60).build()
            >>> ic.specification.container.metrics.endpoints[0].publish_frequency_s
            60
        """
        with deferred_validation():  # checked, with its full path, by build()
            endpoint = MetricsEndpoint(path=path, publish_frequency_s=publish_frequency_s)
            metrics = ContainerMetrics(endpoints=(endpoint,))
        return self.set("specification.container.metrics", metrics)

    def startup(self, parameters: StartupParameters) -> InferenceComponentBuilder:
        """Set download and health-check timeouts.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> from icsdk import StartupParameters
            >>> ic = base.startup(StartupParameters(model_data_download_timeout_s=900)).build()
            >>> ic.specification.startup.model_data_download_timeout_s
            900
        """
        return self.set("specification.startup", parameters)

    def compute(self, requirements: ComputeRequirements) -> InferenceComponentBuilder:
        """Set what each copy needs: memory, CPU cores, accelerators.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=512, accelerators=1)).build()
            >>> ic.specification.compute.min_memory_mb
            512
        """
        return self.set("specification.compute", requirements)

    def adapter(self, adapter: Adapter) -> InferenceComponentBuilder:
        """Make this component a LoRA adapter on ``adapter.base``.

        Adapters carry no compute and no variant: `build()` refuses either.

        Examples:
            >>> from icsdk import Adapter, InferenceComponent
            >>> InferenceComponent.builder("sql").endpoint("e").adapter(
            ...     Adapter(base="llama-8b", artifact_url="s3://b/sql/")
            ... ).build().specification.adapter.base
            'llama-8b'
        """
        return self.set("specification.adapter", adapter)

    def data_caching(self, enabled: bool = True) -> InferenceComponentBuilder:
        """Cache model data on the instance so new copies start faster.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.data_caching().build().specification.data_caching
            True
        """
        return self.set("specification.data_caching", enabled)

    def scheduling(self, scheduling: Scheduling) -> InferenceComponentBuilder:
        """Choose how copies are placed across instances and zones.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> from icsdk import Scheduling
            >>> ic = base.scheduling(Scheduling(placement_strategy="SPREAD")).build()
            >>> ic.specification.scheduling.placement_strategy
            'SPREAD'
        """
        return self.set("specification.scheduling", scheduling)

    def instance_pools(self, *pools: Specification) -> InferenceComponentBuilder:
        """Run on several instance types, each with its own [`Specification`][icsdk.Specification].

        Instance pools replace the single specification: don't combine them with
        `model()`, `compute()` and the other specification calls.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent, Specification
            >>> pool = Specification(
            ...     instance_type="ml.g5.xlarge",
            ...     model_name="m",
            ...     compute=ComputeRequirements(min_memory_mb=1024),
            ... )
            >>> ic = InferenceComponent.builder("a").endpoint("e").instance_pools(pool).build()
            >>> ic.instance_pools[0].instance_type
            'ml.g5.xlarge'
        """
        return self.set("instance_pools", pools)

    def copies(self, count: int) -> InferenceComponentBuilder:
        """Set how many copies of the model to run.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.copies(2).build().copies
            2
        """
        return self.set("copies", count)

    def autoscaling(self, autoscaling: Autoscaling) -> InferenceComponentBuilder:
        """Scale the copy count with traffic between two bounds (down to zero if the lower is 0).

        `copies` then sets the count the component is created with. Adapters have no copies of
        their own: `build()` refuses autoscaling on one.

        Examples:
            >>> from icsdk import Autoscaling, ComputeRequirements, InferenceComponent
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024)
            ... ).copies(1).autoscaling(
            ...     Autoscaling(min_copies=0, max_copies=4, invocations_per_copy=5)
            ... ).build()
            >>> ic.autoscaling.max_copies, ic.autoscaling.wake.copies_added
            (4, 1)
        """
        return self.set("autoscaling", autoscaling)

    def tag(self, key: str, value: str) -> InferenceComponentBuilder:
        """Add one tag (a later tag with the same key replaces the earlier one).

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.tag("team", "search").tag("env", "prod").tag("team", "ml").build()
            >>> [(tag.key, tag.value) for tag in ic.tags]
            [('env', 'prod'), ('team', 'ml')]
        """
        current = self._get("tags")
        tags = cast("tuple[Tag, ...]", current) if isinstance(current, tuple) else ()
        with deferred_validation():  # checked, with its full path, by build()
            tag = Tag(key=key, value=value)
        return self.set("tags", (*(kept for kept in tags if kept.key != key), tag))

    def tags(self, tags: Mapping[str, str]) -> InferenceComponentBuilder:
        """Add several tags at once.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> len(base.tags({"a": "1", "b": "2"}).build().tags)
            2
        """
        builder = self
        for key, value in tags.items():
            builder = builder.tag(key, value)
        return builder

    def set(self, path: str, value: object) -> Self:
        """Set any value by its dotted path, nested ones included.

        A spec value replaces everything under its path; values set under it later are merged in.
        Raises [`SpecError`][icsdk.SpecError] if `path` names no field.

        Examples:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024)).build()
            >>> bigger = ic.to_builder().set("specification.compute.cpu_cores", 8).build()
            >>> bigger.specification.compute.cpu_cores, bigger.specification.compute.min_memory_mb
            (8, 1024)
        """
        return super().set(path, value)

    def build(self) -> InferenceComponent:
        """Validate everything and return the component.

        Raises [`SpecError`][icsdk.SpecError] listing every problem, each with its path.

        Examples:
            >>> from icsdk import Adapter, ComputeRequirements, InferenceComponent, SpecError
            >>> try:
            ...     InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...         ComputeRequirements(min_memory_mb=1024)
            ...     ).copies(-1).variant("x").adapter(Adapter(base="b", artifact_url="s3://x/y")).build()
            ... except SpecError as error:
            ...     print(*error.paths, sep="\\n")
            copies
            variant
            specification.compute
        """
        return super().build()
