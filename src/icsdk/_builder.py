"""The fluent, immutable builder behind :meth:`InferenceComponent.builder`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

from ._spec import (
    Adapter,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    InferenceComponent,
    MetricsEndpoint,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
    deferred_validation,
    validate,
)

__all__ = ["InferenceComponentBuilder"]


@attrs.frozen(kw_only=True)
class InferenceComponentBuilder:
    """Assembles an :class:`~icsdk.InferenceComponent` one call at a time.

    Every call returns a new builder and leaves the old one as it was, so a half-built builder is
    a template to stamp many components from. Nothing is checked until :meth:`build`, which
    reports every problem at once, each with its full path.

    Example:
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
    """

    _name: str = attrs.field(alias="name")
    _endpoint: str | None = None
    _variant: str | None = None
    _model_name: str | None = None
    _image: str | None = None
    _artifact_url: str | None = None
    _environment: Mapping[str, str] | None = None
    _metrics: ContainerMetrics | None = None
    _container_given: bool = False
    _startup: StartupParameters | None = None
    _compute: ComputeRequirements | None = None
    _adapter: Adapter | None = None
    _data_caching: bool | None = None
    _scheduling: Scheduling | None = None
    _instance_pools: tuple[Specification, ...] | None = None
    _copies: int | None = None
    _tags: tuple[Tag, ...] | None = None

    def _with(self, **changes: Any) -> InferenceComponentBuilder:
        return attrs.evolve(self, **changes)

    def name(self, name: str) -> InferenceComponentBuilder:
        """Set the component's name.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.name("b").build().name
            'b'
        """
        return self._with(name=name)

    def endpoint(self, name: str, *, variant: str | None = None) -> InferenceComponentBuilder:
        """Put the component on endpoint ``name`` (and, optionally, one of its variants).

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.endpoint("shared-gpu", variant="AllTraffic").build()
            >>> ic.endpoint, ic.variant
            ('shared-gpu', 'AllTraffic')
        """
        if variant is None:
            return self._with(endpoint=name)
        return self._with(endpoint=name, variant=variant)

    def variant(self, name: str) -> InferenceComponentBuilder:
        """Set the production variant the component runs on.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.variant("AllTraffic").build().variant
            'AllTraffic'
        """
        return self._with(variant=name)

    def model(self, name: str) -> InferenceComponentBuilder:
        """Run the SageMaker model called ``name``.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.model("llama-8b-model").build().specification.model_name
            'llama-8b-model'
        """
        return self._with(model_name=name)

    def container(self, container: Container) -> InferenceComponentBuilder:
        """Use ``container`` (image, artifacts, environment, metrics) as a whole.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> from icsdk import Container
            >>> ic = base.container(Container(image="repo/img:1")).build()
            >>> ic.specification.container.image
            'repo/img:1'
        """
        return self._with(
            image=container.image,
            artifact_url=container.artifact_url,
            environment=container.environment,
            metrics=container.metrics,
            container_given=True,
        )

    def image(self, uri: str) -> InferenceComponentBuilder:
        """Run the container image ``uri``.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.image("repo/tgi:3").build().specification.container.image
            'repo/tgi:3'
        """
        return self._with(image=uri)

    def artifact_url(self, url: str) -> InferenceComponentBuilder:
        """Load model artifacts from ``url`` (``s3://`` or ``https://``).

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.artifact_url("s3://b/m/").build().specification.container.artifact_url
            's3://b/m/'
        """
        return self._with(artifact_url=url)

    def environment(
        self, values: Mapping[str, str] | None = None, /, **more: str
    ) -> InferenceComponentBuilder:
        """Add container environment variables (merged over any set before).

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.environment({"A": "1"}).environment(B="2").build()
            >>> sorted(ic.specification.container.environment)
            ['A', 'B']
        """
        merged = dict(self._environment or {})
        merged.update(values or {})
        merged.update(more)
        return self._with(environment=merged)

    def metrics(
        self, path: str, *, publish_frequency_s: int | None = None
    ) -> InferenceComponentBuilder:
        """Collect the container's own metrics from ``path``.

        Example:
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
        return self._with(metrics=metrics)

    def startup(self, parameters: StartupParameters) -> InferenceComponentBuilder:
        """Set download and health-check timeouts.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> from icsdk import StartupParameters
            >>> ic = base.startup(StartupParameters(model_data_download_timeout_s=900)).build()
            >>> ic.specification.startup.model_data_download_timeout_s
            900
        """
        return self._with(startup=parameters)

    def compute(self, requirements: ComputeRequirements) -> InferenceComponentBuilder:
        """Set what each copy needs: memory, CPU cores, accelerators.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> ic = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=512, accelerators=1)).build()
            >>> ic.specification.compute.min_memory_mb
            512
        """
        return self._with(compute=requirements)

    def adapter(self, adapter: Adapter) -> InferenceComponentBuilder:
        """Make this component a LoRA adapter on ``adapter.base``.

        Adapters carry no compute and no variant: :meth:`build` refuses either.

        Example:
            >>> from icsdk import Adapter, InferenceComponent
            >>> InferenceComponent.builder("sql").endpoint("e").adapter(
            ...     Adapter(base="llama-8b", artifact_url="s3://b/sql/")
            ... ).build().specification.adapter.base
            'llama-8b'
        """
        return self._with(adapter=adapter)

    def data_caching(self, enabled: bool = True) -> InferenceComponentBuilder:
        """Cache model data on the instance so new copies start faster.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.data_caching().build().specification.data_caching
            True
        """
        return self._with(data_caching=enabled)

    def scheduling(self, scheduling: Scheduling) -> InferenceComponentBuilder:
        """Choose how copies are placed across instances and zones.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> from icsdk import Scheduling
            >>> ic = base.scheduling(Scheduling(placement_strategy="SPREAD")).build()
            >>> ic.specification.scheduling.placement_strategy
            'SPREAD'
        """
        return self._with(scheduling=scheduling)

    def instance_pools(self, *pools: Specification) -> InferenceComponentBuilder:
        """Run on several instance types, each with its own :class:`~icsdk.Specification`.

        Instance pools replace the single specification: don't combine them with
        :meth:`model`, :meth:`compute` and the other specification calls.

        Example:
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
        return self._with(instance_pools=tuple(pools))

    def copies(self, count: int) -> InferenceComponentBuilder:
        """Set how many copies of the model to run.

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> base.copies(2).build().copies
            2
        """
        return self._with(copies=count)

    def tag(self, key: str, value: str) -> InferenceComponentBuilder:
        """Add one tag (a later tag with the same key replaces the earlier one).

        Example:
            >>> from icsdk import ComputeRequirements, InferenceComponent
            >>> base = InferenceComponent.builder("a").endpoint("e").model("m").compute(
            ...     ComputeRequirements(min_memory_mb=1024))
            >>> ic = base.tag("team", "search").tag("env", "prod").tag("team", "ml").build()
            >>> [(tag.key, tag.value) for tag in ic.tags]
            [('env', 'prod'), ('team', 'ml')]
        """
        kept = tuple(tag for tag in self._tags or () if tag.key != key)
        with deferred_validation():
            tag = Tag(key=key, value=value)
        return self._with(tags=(*kept, tag))

    def tags(self, tags: Mapping[str, str]) -> InferenceComponentBuilder:
        """Add several tags at once.

        Example:
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

    def _specification_given(self) -> bool:
        own = (
            self._model_name,
            self._image,
            self._artifact_url,
            self._environment,
            self._metrics,
            self._startup,
            self._compute,
            self._adapter,
            self._data_caching,
            self._scheduling,
        )
        return self._container_given or any(value is not None for value in own)

    def build(self) -> InferenceComponent:
        """Validate everything and return the component.

        Raises :class:`~icsdk.SpecError` listing every problem, each with its path.

        Example:
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
        with deferred_validation():
            specification = None
            if self._specification_given():
                container = None
                parts = (self._image, self._artifact_url, self._environment, self._metrics)
                if self._container_given or any(part is not None for part in parts):
                    container = Container(
                        image=self._image,
                        artifact_url=self._artifact_url,
                        environment=self._environment,
                        metrics=self._metrics,
                    )
                specification = Specification(
                    model_name=self._model_name,
                    container=container,
                    startup=self._startup,
                    compute=self._compute,
                    adapter=self._adapter,
                    data_caching=self._data_caching,
                    scheduling=self._scheduling,
                )
            component = InferenceComponent(
                name=self._name,
                endpoint=self._endpoint,  # type: ignore[arg-type]  # checked by validate()
                variant=self._variant,
                specification=specification,
                instance_pools=self._instance_pools,
                copies=self._copies,
                tags=self._tags,
            )
        validate(component)
        return component
