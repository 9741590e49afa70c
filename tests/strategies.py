"""Hypothesis strategies for valid icsdk specs, drawn from the service model's limits."""

from __future__ import annotations

from typing import TypeVar

from hypothesis import strategies as st

from icsdk import (
    Adapter,
    AvailabilityZoneBalance,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    InferenceComponent,
    MetricsEndpoint,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
)
from icsdk._constraints import INSTANCE_TYPES, METRIC_PUBLISH_FREQUENCIES

names = st.from_regex(r"[a-zA-Z0-9]([\-a-zA-Z0-9]{0,20}[a-zA-Z0-9])?", fullmatch=True)
endpoint_names = st.from_regex(r"[a-zA-Z0-9](-{0,2}[a-zA-Z0-9]){0,15}", fullmatch=True)
urls = st.from_regex(r"(https|s3)://[a-z0-9.\-]{1,20}/[a-zA-Z0-9/_.\-]{0,30}", fullmatch=True)
env_keys = st.from_regex(r"[a-zA-Z_][a-zA-Z0-9_]{0,15}", fullmatch=True)
env_values = st.text(max_size=40)
tag_text = st.text(
    alphabet=st.characters(categories=("L", "Nd", "Zs"), include_characters="_.:/=+-@"),
    max_size=20,
)
seconds = st.integers(60, 3600)
T = TypeVar("T")


def optional(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.none() | strategy


metrics = st.builds(
    ContainerMetrics,
    endpoints=optional(
        st.lists(
            st.builds(
                MetricsEndpoint,
                path=st.from_regex(
                    r"/[a-zA-Z0-9_\-]{1,10}(/[a-zA-Z0-9_\-]{1,10})?", fullmatch=True
                ),
                publish_frequency_s=optional(st.sampled_from(sorted(METRIC_PUBLISH_FREQUENCIES))),
            ),
            max_size=1,
        ).map(tuple)
    ),
)

containers = st.builds(
    Container,
    image=optional(st.from_regex(r"[a-z0-9./:\-]{1,40}", fullmatch=True)),
    artifact_url=optional(urls),
    environment=optional(st.dictionaries(env_keys, env_values, max_size=4)),
    metrics=optional(metrics),
)


@st.composite
def computes(draw: st.DrawFn) -> ComputeRequirements:
    low = draw(st.integers(128, 500_000))
    partition = draw(optional(st.from_regex(r"mig-[0-9]g\.[0-9]{1,2}gb", fullmatch=True)))
    # A partition is one device: the model allows no other accelerator count beside it.
    accelerators = st.just(1) if partition is not None else st.integers(1, 8)
    return ComputeRequirements(
        min_memory_mb=low,
        max_memory_mb=draw(optional(st.integers(low, 2**31 - 1))),
        cpu_cores=draw(optional(st.floats(0.25, 192, allow_nan=False))),
        accelerators=draw(optional(accelerators)),
        accelerator_partition_type=partition,
    )


schedulings = st.builds(
    Scheduling,
    placement_strategy=st.sampled_from(["SPREAD", "BINPACK"]),
    availability_zone_balance=optional(
        st.builds(AvailabilityZoneBalance, max_imbalance=optional(st.integers(0, 100)))
    ),
)


@st.composite
def specifications(draw: st.DrawFn, instance_type: bool = False) -> Specification:
    kind: st.SearchStrategy[str | None] = (
        st.sampled_from(INSTANCE_TYPES) if instance_type else st.none()
    )
    if draw(st.integers(0, 4)) == 0:
        container = draw(optional(containers))
        if container is not None and container.artifact_url is not None:
            container = Container(environment=container.environment)
        return Specification(
            adapter=Adapter(base=draw(names), artifact_url=draw(urls)),
            container=container,
            instance_type=draw(kind),
        )
    model_name = draw(optional(names))
    container = draw(optional(containers))
    if model_name is None and (container is None or container.image is None):
        model_name = draw(names)
    return Specification(
        model_name=model_name,
        container=container,
        startup=draw(
            optional(st.builds(StartupParameters, model_data_download_timeout_s=optional(seconds)))
        ),
        compute=draw(computes()),
        data_caching=draw(optional(st.booleans())),
        scheduling=draw(optional(schedulings)),
        instance_type=draw(kind),
    )


@st.composite
def components(draw: st.DrawFn) -> InferenceComponent:
    pools = draw(st.booleans())
    specification = None if pools else draw(specifications())
    instance_pools = (
        tuple(draw(st.lists(specifications(instance_type=True), min_size=1, max_size=3)))
        if pools
        else None
    )
    adapter = any(
        spec.adapter is not None for spec in (specification, *(instance_pools or ())) if spec
    )
    return InferenceComponent(
        name=draw(names),
        endpoint=draw(endpoint_names),
        variant=None if adapter else draw(optional(endpoint_names)),
        specification=specification,
        instance_pools=instance_pools,
        copies=draw(optional(st.integers(0, 2**31 - 1))),
        tags=draw(
            optional(
                st.lists(st.builds(Tag, key=tag_text.filter(bool), value=tag_text), max_size=5).map(
                    tuple
                )
            )
        ),
    )
