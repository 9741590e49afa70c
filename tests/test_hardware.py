"""The instance-type table: what it covers, that its figures are the sources', and the fit count."""

from __future__ import annotations

import math
import re
from pathlib import Path

import botocore.session
import pytest
from botocore.model import StringShape
from hypothesis import given, settings
from hypothesis import strategies as st

from icsdk import InstanceShape, copies_per_instance, instance_shape
from icsdk._hardware import INSTANCE_SHAPES
from icsdk._hardware_data import SOURCES
from icsdk.testing import DEFAULT_INSTANCES, InstanceCapacity, LocalSageMaker

DOCS = Path(__file__).resolve().parent.parent / "docs" / "instance-types.md"
_MODEL = botocore.session.get_session().get_service_model("sagemaker")


def _enum(name: str) -> frozenset[str]:
    shape = _MODEL.shape_for(name)
    assert isinstance(shape, StringShape)
    return frozenset(shape.enum)


ENUM = _enum("ProductionVariantInstanceType")
ACCELERATED = re.compile(r"ml\.(g|p|inf|trn|dl)\d")


def test_every_shape_is_an_instance_type_botocore_lists() -> None:
    assert sorted(set(INSTANCE_SHAPES) - ENUM) == []


def test_every_accelerated_size_botocore_lists_has_a_shape() -> None:
    accelerated = {name for name in ENUM if ACCELERATED.match(name)}
    assert len(accelerated) >= 70  # 42 G, 15 P, 13 Inferentia, Trainium and Gaudi sizes
    assert sorted(accelerated - set(INSTANCE_SHAPES)) == []


def test_every_cpu_size_botocore_lists_has_a_shape_too() -> None:
    assert sorted(ENUM - set(INSTANCE_SHAPES)) == []


# Figures as the sources print them: (vCPUs, accelerator devices, memory GiB).
QUOTED = {
    "ml.g4dn.12xlarge": (48, 4, 192),  # batch-gpu: "g4dn.12xlarge | 4 | 64GiB | 48 | 192GiB"
    "ml.g5.12xlarge": (48, 4, 192),  # batch-gpu: "g5.12xlarge | 4 | 96GiB | 48 | 192GiB"
    "ml.g5.48xlarge": (192, 8, 768),  # batch-gpu: "g5.48xlarge | 8 | 192GiB | 192 | 768GiB"
    "ml.g6.16xlarge": (64, 1, 256),  # hyperpod: {"cpu": 64, "gpu": 1, "memory": 256}
    "ml.g6e.48xlarge": (192, 8, 1536),  # hyperpod
    "ml.g7e.12xlarge": (48, 2, 512),  # hyperpod: {"cpu": 48, "gpu": 2, "memory": 512}
    "ml.g7.12xlarge": (48, 2, 192),  # g7-launch: "g7.12xlarge | 2 | 64 | 48 | 192"
    "ml.p2.16xlarge": (64, 16, 732),
    "ml.p3.8xlarge": (32, 4, 244),
    "ml.p4de.24xlarge": (96, 8, 1152),  # hyperpod
    "ml.p5.4xlarge": (16, 1, 256),  # hyperpod
    "ml.p6-b300.48xlarge": (192, 8, 4096),  # hyperpod
    "ml.p6e-gb200.36xlarge": (144, 4, 960),  # hyperpod
    "ml.inf1.6xlarge": (24, 4, 48),  # neuron-inf1: "Inf1.6xlarge - 4 - 24 - 48"
    "ml.inf2.24xlarge": (96, 6, 384),
    "ml.trn1.2xlarge": (8, 1, 32),  # neuron-trn1: "Trn1.2xlarge - 1 - 8 - 32"
    "ml.trn1n.32xlarge": (128, 16, 512),
    "ml.trn2.48xlarge": (192, 16, 2048),  # hyperpod: {"cpu": 192, "trainium": 16, ...}
    "ml.c4.8xlarge": (36, 0, 60),  # ec2-compute-optimized: "c4.8xlarge 36 60"
    "ml.c5.9xlarge": (36, 0, 72),
    "ml.m4.10xlarge": (40, 0, 160),
    "ml.t2.medium": (2, 0, 4),
    "ml.r8g.medium": (1, 0, 8),
    "ml.m7i.48xlarge": (192, 0, 768),  # hyperpod: {"cpu": 192, "memory": 768}
}


@pytest.mark.parametrize("name", sorted(QUOTED))
def test_figures_are_the_sources(name: str) -> None:
    shape = instance_shape(name)
    assert shape is not None
    assert (shape.vcpus, shape.accelerators, shape.memory_mib / 1024) == QUOTED[name]


def test_c4_memory_is_the_quarter_gibibytes_the_source_prints() -> None:
    shape = instance_shape("ml.c4.large")
    assert shape is not None
    assert shape.memory_mib == 3_840  # "c4.large 2 3.75"


def test_accelerated_and_cpu_shapes_are_told_apart() -> None:
    for name, shape in INSTANCE_SHAPES.items():
        assert shape.instance_type == name
        assert shape.source in SOURCES, name
        assert shape.vcpus > 0 and shape.memory_mib >= 2_048, name
        if ACCELERATED.match(name):
            assert shape.accelerators >= 1 and shape.accelerator, name
            assert shape.accelerator_memory_mib >= 8 * 1024, name
        else:
            assert (shape.accelerators, shape.accelerator, shape.accelerator_memory_mib) == (
                0,
                None,
                0,
            ), name
            assert shape.partitions == {}, name


def test_neuron_devices_are_chips() -> None:
    inf2 = instance_shape("ml.inf2.48xlarge")
    trn1 = instance_shape("ml.trn1.32xlarge")
    assert inf2 is not None and trn1 is not None
    # 12 Inferentia2 chips (24 NeuronCores), 16 Trainium chips (32 NeuronCores).
    assert (inf2.accelerators, inf2.accelerator_memory_mib) == (12, 32 * 1024)
    assert (trn1.accelerators, trn1.accelerator) == (16, "AWS Trainium")


def test_partition_profiles_are_ones_the_service_takes() -> None:
    pattern = _MODEL.shape_for("AcceleratorPartitionType").metadata["pattern"]
    offered = {profile for shape in INSTANCE_SHAPES.values() for profile in shape.partitions}
    assert offered and all(re.fullmatch(pattern, profile) for profile in offered)
    # Every profile of the model's MIG enum is offered by some instance type.
    assert _enum("MIGProfileType") <= offered


def test_a_devices_partitions_never_take_more_than_its_seven_slices() -> None:
    for shape in INSTANCE_SHAPES.values():
        for profile, count in shape.partitions.items():
            slices = int(profile.removeprefix("mig-").split("g.")[0])
            assert slices * count <= 7, (shape.instance_type, profile)
        if shape.partitions:
            assert max(shape.partitions.values()) == 7
            whole = [p for p in shape.partitions if p.startswith("mig-7g.")]
            assert len(whole) == 1 and shape.partitions[whole[0]] == 1


def test_the_same_profile_name_can_mean_different_counts_on_different_gpus() -> None:
    a100_40, a100_80 = instance_shape("ml.p4d.24xlarge"), instance_shape("ml.p4de.24xlarge")
    assert a100_40 is not None and a100_80 is not None
    assert (a100_40.partitions["mig-1g.10gb"], a100_80.partitions["mig-1g.10gb"]) == (4, 7)


def test_the_docs_page_lists_every_source_and_family() -> None:
    text = DOCS.read_text(encoding="utf-8")
    for key, source in SOURCES.items():
        assert f"`{key}`" in text and source.url in text, key
    families = {name.split(".")[1] for name in INSTANCE_SHAPES}
    assert [f for f in sorted(families) if f"`{f}`" not in text] == []


def _family_rows() -> list[str]:
    families: dict[str, list[InstanceShape]] = {}
    for name, shape in INSTANCE_SHAPES.items():
        families.setdefault(name.split(".")[1], []).append(shape)
    rows: list[str] = []
    for family, shapes in families.items():
        first = shapes[0]
        memory = first.accelerator_memory_mib // 1024
        accelerator = f"{first.accelerator} ({memory} GiB)" if first.accelerator else "—"
        sizes = ", ".join(
            f"{s.instance_type.split('.')[2]} {s.vcpus}/{s.memory_mib / 1024:g}"
            + (f"/{s.accelerators}" if s.accelerators else "")
            for s in shapes
        )
        parts = ", ".join(f"{p.removeprefix('mig-')} ×{c}" for p, c in first.partitions.items())
        rows.append(f"| `{family}` | {accelerator} | {sizes} | {parts or '—'} | `{first.source}` |")
    return rows


def test_the_docs_family_table_shows_the_tables_figures() -> None:
    text = DOCS.read_text(encoding="utf-8")
    assert [row for row in _family_rows() if row not in text] == []


def test_an_unknown_type_has_no_shape() -> None:
    assert instance_shape("ml.g99.xlarge") is None
    assert instance_shape("g5.xlarge") is None


def g5(size: str) -> InstanceShape:
    shape = instance_shape(f"ml.g5.{size}")
    assert shape is not None
    return shape


def test_two_gpus_do_not_fit_on_a_one_gpu_instance() -> None:
    assert copies_per_instance(g5("xlarge"), memory_mb=1_024, accelerators=2) == 0
    assert copies_per_instance(g5("12xlarge"), memory_mb=1_024, accelerators=2) == 2


def test_the_scarcest_resource_decides() -> None:
    shape = g5("12xlarge")  # 48 vCPUs, 4 GPUs, 196,608 MiB
    assert copies_per_instance(shape, memory_mb=16_384, cpu_cores=4, accelerators=1) == 4
    assert copies_per_instance(shape, memory_mb=65_536, cpu_cores=4, accelerators=1) == 3
    assert copies_per_instance(shape, memory_mb=1_024, cpu_cores=20) == 2
    assert copies_per_instance(shape, memory_mb=196_608) == 1
    assert copies_per_instance(shape, memory_mb=196_609) == 0


def test_needs_left_out_take_nothing() -> None:
    assert copies_per_instance(g5("xlarge"), memory_mb=1_024) == 16
    assert copies_per_instance(g5("xlarge"), memory_mb=1_024, cpu_cores=0, accelerators=0) == 16


def test_accelerators_on_a_cpu_instance_never_fit() -> None:
    m5 = instance_shape("ml.m5.xlarge")
    assert m5 is not None
    assert copies_per_instance(m5, memory_mb=1_024, accelerators=1) == 0
    assert copies_per_instance(m5, memory_mb=1_024, cpu_cores=0.25) == 16


def test_fractional_needs_count_exactly_as_written() -> None:
    odd = InstanceShape("ml.custom.xlarge", vcpus=7, memory_mib=1 << 30, accelerators=3)
    assert 7 / 0.07 < 100  # what float division would have said
    assert copies_per_instance(odd, memory_mb=1, cpu_cores=0.07) == 100
    assert copies_per_instance(odd, memory_mb=1, accelerators=1.5) == 2
    assert copies_per_instance(odd, memory_mb=1, cpu_cores=1e-05) == 700_000


def test_a_copy_naming_a_partition_takes_one_partition() -> None:
    p5 = instance_shape("ml.p5.48xlarge")
    assert p5 is not None
    assert copies_per_instance(p5, memory_mb=1_024, partition="mig-1g.10gb") == 7 * 8
    # NumberOfAcceleratorDevicesRequired is 1 with a partition: the partition is the device.
    assert copies_per_instance(p5, memory_mb=1_024, accelerators=1, partition="mig-3g.40gb") == 16
    # Memory still binds: 2,048 GiB over 56 copies of 64 GiB is 32.
    assert copies_per_instance(p5, memory_mb=65_536, partition="mig-1g.10gb") == 32


def test_the_variants_layout_decides_how_many_partitions_a_device_holds() -> None:
    p5 = instance_shape("ml.p5.4xlarge")
    assert p5 is not None
    layout = ["mig-3g.40gb", "mig-3g.40gb"]
    assert copies_per_instance(p5, memory_mb=1_024, partition="mig-3g.40gb", layout=layout) == 2
    assert copies_per_instance(p5, memory_mb=1_024, partition="mig-4g.40gb", layout=layout) == 0
    # A partitioned variant takes only copies that name a partition.
    assert copies_per_instance(p5, memory_mb=1_024, accelerators=1, layout=layout) == 0


def test_a_profile_the_device_does_not_have_fits_nowhere() -> None:
    assert copies_per_instance(g5("48xlarge"), memory_mb=1_024, partition="mig-1g.10gb") == 0
    p4d = instance_shape("ml.p4d.24xlarge")
    assert p4d is not None
    assert copies_per_instance(p4d, memory_mb=1_024, partition="mig-1g.18gb") == 0


@pytest.mark.parametrize(
    "needs",
    [
        {"memory_mb": 0},
        {"memory_mb": -1},
        {"memory_mb": True},
        {"memory_mb": 1.5},
        {"memory_mb": 1, "cpu_cores": -0.25},
        {"memory_mb": 1, "cpu_cores": math.nan},
        {"memory_mb": 1, "accelerators": math.inf},
        {"memory_mb": 1, "accelerators": True},
    ],
)
def test_needs_that_are_no_amount_are_refused(needs: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="must be"):
        copies_per_instance(g5("xlarge"), **needs)  # type: ignore[arg-type]


@settings(max_examples=200)
@given(
    name=st.sampled_from(sorted(INSTANCE_SHAPES)),
    memory_mb=st.integers(1, 1 << 21),
    cores=st.none() | st.integers(1, 400).map(lambda n: n / 4),
    devices=st.none() | st.integers(1, 16),
)
def test_the_count_fits_and_one_more_does_not(
    name: str, memory_mb: int, cores: float | None, devices: int | None
) -> None:
    shape = INSTANCE_SHAPES[name]
    n = copies_per_instance(shape, memory_mb=memory_mb, cpu_cores=cores, accelerators=devices)

    def fits(k: int) -> bool:
        return (
            k * memory_mb <= shape.memory_mib
            and k * 4 * (cores or 0) <= 4 * shape.vcpus
            and k * (devices or 0) <= shape.accelerators
        )

    assert fits(n) and not fits(n + 1)


def test_local_sagemakers_table_is_icsdks() -> None:
    assert set(DEFAULT_INSTANCES) == set(INSTANCE_SHAPES)
    for name, shape in INSTANCE_SHAPES.items():
        expected = InstanceCapacity(shape.vcpus, shape.accelerators, shape.memory_mib)
        assert DEFAULT_INSTANCES[name] == expected


def test_local_sagemaker_places_as_many_copies_as_the_table_says() -> None:
    shape = instance_shape("ml.inf2.48xlarge")
    assert shape is not None
    fit = copies_per_instance(shape, memory_mb=1_024, accelerators=1)
    assert fit == 12
    with LocalSageMaker(require_models=False, clock="manual") as local:
        local.create_endpoint("neuron", instance_type="ml.inf2.48xlarge")
        sm = local.sagemaker_client()
        for name, copies in (("fits", fit), ("one-more", 1)):
            sm.create_inference_component(
                InferenceComponentName=name,
                EndpointName="neuron",
                VariantName="AllTraffic",
                Specification={
                    "ModelName": "m",
                    "ComputeResourceRequirements": {
                        "MinMemoryRequiredInMb": 1_024,
                        "NumberOfAcceleratorDevicesRequired": 1,
                    },
                },
                RuntimeConfig={"CopyCount": copies},
            )
            local.advance(60)
        states = {
            name: sm.describe_inference_component(InferenceComponentName=name)
            for name in ("fits", "one-more")
        }
    assert states["fits"]["InferenceComponentStatus"] == "InService"
    assert states["fits"]["RuntimeConfig"].get("CurrentCopyCount") == 12
    assert states["one-more"]["InferenceComponentStatus"] == "Failed"
