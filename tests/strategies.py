"""Hypothesis strategies for valid icsdk specs, drawn from the service model's limits."""

from __future__ import annotations

from typing import Any, TypeVar

from hypothesis import strategies as st

from icsdk import (
    AcceleratorPartitionLayout,
    Adapter,
    Autoscaling,
    AvailabilityZoneBalance,
    CapacityReservation,
    CaptureContentTypes,
    ComputeRequirements,
    Container,
    ContainerMetrics,
    CoreDump,
    CrossRegionTraffic,
    DataCapture,
    Endpoint,
    EndpointMetrics,
    InferenceComponent,
    InstancePool,
    ManagedInstanceScaling,
    MetricsEndpoint,
    PrefixAwareRouting,
    Routing,
    RoutingStrategy,
    ScaleInPolicy,
    Scheduling,
    Specification,
    StartupParameters,
    Tag,
    Variant,
    Vpc,
    WakeOnRequest,
)
from icsdk._constraints import INSTANCE_TYPES, LIMITS, METRIC_PUBLISH_FREQUENCIES

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
def wakes(draw: st.DrawFn) -> WakeOnRequest:
    period = draw(st.sampled_from([10, 20, 30]) | st.integers(1, 1440).map(lambda m: m * 60))
    most = (86_400 if period < 3600 else 604_800) // period
    periods = draw(st.integers(1, most))
    return WakeOnRequest(
        copies_added=draw(st.integers(1, 2**31 - 1)),
        cooldown_s=draw(st.integers(0, 2**31 - 1)),
        aggregation=draw(st.sampled_from(["Average", "Minimum", "Maximum"])),
        period_s=period,
        evaluation_periods=periods,
        datapoints_to_alarm=draw(st.integers(1, periods)),
        statistic=draw(st.sampled_from(["SampleCount", "Average", "Sum", "Minimum", "Maximum"])),
        comparison=draw(st.sampled_from(["GreaterThanOrEqualToThreshold", "GreaterThanThreshold"])),
        threshold=draw(st.floats(-1e300, 1e300, allow_nan=False) | st.integers(0, 100)),
        treat_missing_data=draw(
            st.sampled_from(["breaching", "notBreaching", "ignore", "missing"])
        ),
    )


targets = st.floats(1e-6, 1e100, allow_nan=False) | st.integers(1, 10_000)


@st.composite
def autoscalings(draw: st.DrawFn) -> Autoscaling:
    low = draw(st.integers(0, 2**31 - 1))
    metric = draw(st.sampled_from(["invocations_per_copy", "concurrent_requests_per_copy"]))
    values: dict[str, Any] = {
        "min_copies": low,
        "max_copies": draw(st.integers(max(low, 1), 2**31 - 1)),
        "scale_in_cooldown_s": draw(st.integers(0, 2**31 - 1)),
        "scale_out_cooldown_s": draw(st.integers(0, 2**31 - 1)),
        metric: draw(targets),
    }
    if low == 0 and draw(st.booleans()):  # else the wake is left to its default, the recipe
        values["wake"] = draw(wakes())
    return Autoscaling(**values)


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
    # Adapters have no copies of their own to scale; with autoscaling, copies start in bounds.
    autoscaling = None if adapter else draw(optional(autoscalings()))
    copies = (
        st.integers(0, 2**31 - 1)
        if autoscaling is None
        else st.integers(autoscaling.min_copies, autoscaling.max_copies)
    )
    return InferenceComponent(
        name=draw(names),
        endpoint=draw(endpoint_names),
        variant=None if adapter else draw(optional(endpoint_names)),
        specification=specification,
        instance_pools=instance_pools,
        copies=draw(optional(copies)),
        autoscaling=autoscaling,
        tags=draw(
            optional(
                st.lists(st.builds(Tag, key=tag_text.filter(bool), value=tag_text), max_size=5).map(
                    tuple
                )
            )
        ),
    )


# -- endpoints ------------------------------------------------------------------------------

s3_uris = st.from_regex(r"s3://[a-z0-9]/[a-zA-Z0-9/_.\-]{0,20}", fullmatch=True)
AMI_VERSIONS = LIMITS["ProductionVariantInferenceAmiVersion"].enum or ()
role_arns = st.from_regex(r"arn:aws:iam::[0-9]{12}:role/[a-zA-Z0-9_+=,.@\-]{1,20}", fullmatch=True)
kms_keys = optional(st.from_regex(r"[a-zA-Z0-9:/_\-]{1,30}", fullmatch=True))
resource_ids = st.from_regex(r"[-0-9a-zA-Z]{1,32}", fullmatch=True)
content_types = st.from_regex(r"[a-z]{1,10}/[a-z0-9][a-z0-9.]{0,9}", fullmatch=True)
content_type_lists = st.lists(content_types, min_size=1, max_size=3).map(tuple)


@st.composite
def scalings(draw: st.DrawFn) -> ManagedInstanceScaling:
    low = draw(optional(st.integers(0, 100)))
    return ManagedInstanceScaling(
        min_instances=low,
        max_instances=draw(optional(st.integers(max(low or 1, 1), 2**31 - 1))),
        status=draw(st.sampled_from(["ENABLED", "DISABLED", None])),
        scale_in=draw(
            optional(
                st.builds(
                    ScaleInPolicy,
                    strategy=st.sampled_from(["IDLE_RELEASE", "CONSOLIDATION"]),
                    maximum_step_size=optional(st.integers(1, 100)),
                    cooldown_minutes=optional(st.integers(5, 1440)),
                )
            )
        ),
    )


@st.composite
def routings(draw: st.DrawFn) -> Routing:
    strategies: list[RoutingStrategy] = [
        "LEAST_OUTSTANDING_REQUESTS",
        "RANDOM",
        "PREFIX_AWARE",
        "KV_AWARE",
    ]
    strategy = draw(st.sampled_from(strategies))
    prefix = st.builds(
        PrefixAwareRouting,
        prefix_length=optional(st.integers(1024, 65536)),
        concurrency_threshold=optional(st.integers(1, 1024)),
    )
    return Routing(
        strategy=strategy,
        prefix_aware=draw(optional(prefix)) if strategy == "PREFIX_AWARE" else None,
    )


variants = st.builds(
    Variant,
    name=endpoint_names,
    instance_type=optional(st.sampled_from(INSTANCE_TYPES)),
    instances=optional(st.integers(1, 2**31 - 1)),
    instance_pools=optional(
        st.lists(
            st.builds(
                InstancePool,
                instance_type=st.sampled_from(INSTANCE_TYPES),
                priority=st.integers(1, 5),
            ),
            min_size=1,
            max_size=5,
        ).map(tuple)
    ),
    provision_timeout_s=optional(st.integers(300, 3600)),
    volume_size_gb=optional(st.integers(1, 512)),
    model_data_download_timeout_s=optional(seconds),
    container_startup_health_check_timeout_s=optional(seconds),
    scaling=optional(scalings()),
    routing=optional(routings()),
    inference_ami_version=optional(
        st.sampled_from(LIMITS["ProductionVariantInferenceAmiVersion"].enum or ())
    ),
    capacity_reservation=optional(
        st.builds(
            CapacityReservation,
            preference=optional(st.just("capacity-reservations-only")),
            ml_reservation_arn=optional(
                st.from_regex(
                    r"arn:aws:sagemaker:[a-z0-9\-]{0,12}:[0-9]{12}:[a-z0-9\-]{1,14}/[a-z0-9]{0,20}",
                    fullmatch=True,
                )
            ),
        )
    ),
    accelerator_partition_layouts=optional(
        st.lists(
            st.builds(
                AcceleratorPartitionLayout,
                partition_types=optional(
                    st.lists(
                        st.from_regex(r"mig-[0-9]g\.[0-9]{1,2}gb", fullmatch=True), max_size=4
                    ).map(tuple)
                ),
            ),
            min_size=1,
            max_size=2,
        ).map(tuple)
    ),
    core_dump=optional(st.builds(CoreDump, destination_s3_uri=s3_uris, kms_key_id=kms_keys)),
)


@st.composite
def endpoints(draw: st.DrawFn) -> Endpoint:
    return Endpoint(
        name=draw(endpoint_names),
        config_name=draw(optional(endpoint_names)),
        variants=tuple(
            draw(st.lists(variants, min_size=1, max_size=3, unique_by=lambda v: v.name))
        ),
        role_arn=draw(role_arns),
        vpc=draw(
            optional(
                st.builds(
                    Vpc,
                    security_group_ids=st.lists(resource_ids, min_size=1, max_size=5).map(tuple),
                    subnets=st.lists(resource_ids, min_size=1, max_size=16).map(tuple),
                )
            )
        ),
        network_isolation=draw(optional(st.booleans())),
        kms_key_id=draw(kms_keys),
        data_capture=draw(
            optional(
                st.builds(
                    DataCapture,
                    sampling_percentage=st.integers(0, 100),
                    destination_s3_uri=s3_uris,
                    capture_modes=st.lists(
                        st.sampled_from(["Input", "Output", "InputAndOutput"]),
                        min_size=1,
                        max_size=3,
                    ).map(tuple),
                    enabled=optional(st.booleans()),
                    kms_key_id=kms_keys,
                    content_types=optional(
                        st.builds(
                            CaptureContentTypes,
                            csv=optional(
                                st.lists(content_types, min_size=1, max_size=3).map(tuple)
                            ),
                            json=optional(
                                st.lists(content_types, min_size=1, max_size=3).map(tuple)
                            ),
                        )
                    ),
                )
            )
        ),
        metrics=draw(
            optional(
                st.builds(
                    EndpointMetrics,
                    enhanced=optional(st.booleans()),
                    detailed_observability=optional(st.booleans()),
                    publish_frequency_s=optional(
                        st.sampled_from(sorted(METRIC_PUBLISH_FREQUENCIES))
                    ),
                )
            )
        ),
        cross_region_traffic=draw(
            optional(
                st.builds(
                    CrossRegionTraffic,
                    max_invocations_per_second_per_instance=st.integers(1, 10000),
                    max_cross_region_percent=st.integers(1, 100),
                )
            )
        ),
        tags=draw(
            optional(
                st.lists(st.builds(Tag, key=tag_text.filter(bool), value=tag_text), max_size=5).map(
                    tuple
                )
            )
        ),
    )
