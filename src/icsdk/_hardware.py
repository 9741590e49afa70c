"""What an instance type offers to component copies, and how many copies of one component fit.

The figures are the instance types' published specifications (see ``_hardware_data`` for the
sources). How SageMaker counts them when it places copies is documented only in part:

- CPU cores are vCPUs. AWS's own SDK compares ``NumberOfCpuCoresRequired`` with EC2's
  ``VCpuInfo.DefaultVCpus`` ("Default requirements request {default_cpus} CPUs but
  {instance_type} has {actual_cpus}. Adjusting to {actual_cpus}.", aws/sagemaker-python-sdk
  ``sagemaker-serve/src/sagemaker/serve/model_builder.py``), and ``MinMemoryRequiredInMb`` with
  ``MemoryInfo.SizeInMiB``, so a megabyte there is a MiB.
- An accelerator device is a GPU, or for AWS Inferentia and Trainium a chip (a Neuron device),
  not a NeuronCore. Assumed: botocore says only "Accelerators include GPUs and Amazon Web
  Services Inferentia"; the Neuron glossary defines "Neuron Device - Accelerated machine learning
  chip (e.g. Inferentia or Trainium)", and AWS's HyperPod recipes count "Accelerator device
  could be GPU or Trainium chips" (trn1.32xlarge: 16).
- No share of the instance is kept back for SageMaker's own agents here: the full memory and
  vCPUs are offered. Assumed. AWS's SDK says the service's limits are "lower than raw EC2 memory"
  (it defaults ``MinMemoryRequiredInMb`` to 1024 because "metadata values can exceed SageMaker
  inference component limits (which are lower than raw EC2 memory)") but no amount is published,
  so a count here may be higher than the service allows, never lower.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final, NamedTuple

from ._hardware_data import ACCELERATED, PROPORTIONAL

__all__ = ["INSTANCE_SHAPES", "InstanceShape", "copies_per_instance", "instance_shape"]

_NO_PARTITIONS: Final[Mapping[str, int]] = MappingProxyType({})


class InstanceShape(NamedTuple):
    """What one instance of a SageMaker hosting instance type offers to component copies.

    ``accelerators`` counts devices as ``NumberOfAcceleratorDevicesRequired`` does: GPUs, or
    AWS Inferentia / Trainium chips. ``accelerator_memory_mib`` is one device's memory.
    ``partitions`` maps each accelerator partition profile (MIG on NVIDIA GPUs) the device
    supports to how many partitions of that profile one device holds; it is empty for types
    without partitions. ``source`` is the key of the public source of the figures; the
    "Instance types" page of the documentation lists each with its address.

    Examples:
        >>> shape = instance_shape("ml.g5.12xlarge")
        >>> shape.vcpus, shape.accelerators, shape.memory_mib, shape.accelerator
        (48, 4, 196608, 'NVIDIA A10G')
        >>> instance_shape("ml.p5.48xlarge").partitions["mig-3g.40gb"]
        2
    """

    instance_type: str
    vcpus: int
    memory_mib: int
    accelerators: int = 0
    accelerator: str | None = None
    accelerator_memory_mib: int = 0
    partitions: Mapping[str, int] = _NO_PARTITIONS
    source: str = ""


def _vcpus(size: str) -> int:
    if size == "medium":
        return 1
    if size == "large":
        return 2
    return 4 * int(size.removesuffix("xlarge") or 1)


def _shapes() -> dict[str, InstanceShape]:
    shapes: dict[str, InstanceShape] = {}
    for family in ACCELERATED:
        partitions = MappingProxyType(dict(family.partitions)) if family.partitions else None
        for size, vcpus, memory_gib, devices in family.sizes:
            name = f"ml.{family.name}.{size}"
            shapes[name] = InstanceShape(
                instance_type=name,
                vcpus=vcpus,
                memory_mib=int(memory_gib * 1024),
                accelerators=devices,
                accelerator=family.accelerator,
                accelerator_memory_mib=family.accelerator_memory_gib * 1024,
                partitions=partitions or _NO_PARTITIONS,
                source=family.source,
            )
    for name, gib_per_vcpu, sizes, source in PROPORTIONAL:
        for size in sizes.split():
            vcpus = _vcpus(size)
            shapes[f"ml.{name}.{size}"] = InstanceShape(
                f"ml.{name}.{size}", vcpus, vcpus * gib_per_vcpu * 1024, source=source
            )
    return shapes


INSTANCE_SHAPES: Final[Mapping[str, InstanceShape]] = MappingProxyType(_shapes())
"""Every instance type of the table, by name."""


def instance_shape(instance_type: str) -> InstanceShape | None:
    """What an instance type offers, or None for a type the table does not know.

    The table covers every instance type of botocore's ``ProductionVariantInstanceType`` enum;
    a type newer than it (which the service may still accept) gets None, so a check built on it
    can say "unknown" rather than guess.

    Examples:
        >>> instance_shape("ml.g5.xlarge").accelerators
        1
        >>> instance_shape("ml.inf2.48xlarge").accelerator
        'AWS Inferentia2'
        >>> instance_shape("ml.g99.xlarge") is None
        True
    """
    return INSTANCE_SHAPES.get(instance_type)


def _exact(name: str, value: float | None) -> tuple[int, int]:
    """``value`` as a numerator and a denominator, read from its shortest decimal form.

    That is the form the wire carries, so 7 cores hold exactly 100 copies of 0.07 cores, where
    float division says 99.99999999999999.
    """
    if value is None:
        return (0, 1)
    if isinstance(value, bool) or not math.isfinite(value) or value < 0:
        raise ValueError(f"{name} must be a finite number not below 0, got {value!r}")
    mantissa, _, exponent = repr(float(value)).partition("e")
    whole, _, decimals = mantissa.partition(".")
    scale = len(decimals) - int(exponent or 0)
    digits = int(whole + decimals)
    return (digits, 10**scale) if scale >= 0 else (digits * 10**-scale, 1)


def _times(capacity: int, need: tuple[int, int]) -> int:
    numerator, denominator = need
    return capacity * denominator // numerator


def copies_per_instance(
    shape: InstanceShape,
    *,
    memory_mb: int,
    cpu_cores: float | None = None,
    accelerators: float | None = None,
    partition: str | None = None,
    layout: Sequence[str] | None = None,
) -> int:
    """How many copies of one component fit on an empty instance of ``shape``.

    Each copy takes ``memory_mb`` (``MinMemoryRequiredInMb``), ``cpu_cores``
    (``NumberOfCpuCoresRequired``) and ``accelerators`` (``NumberOfAcceleratorDevicesRequired``)
    of the instance; a need left as None takes nothing. A copy that names a ``partition``
    (``AcceleratorPartitionType``) occupies one partition of that profile instead of whole
    accelerators. ``layout`` is the variant's accelerator partition layout (the profiles carved
    on every device); a partitioned variant holds ``layout.count(partition)`` copies per device
    and none that name no partition. Given a partition without a layout, each device is taken
    to hold as many partitions of that profile as it can (``shape.partitions``).

    Raises:
        ValueError: ``memory_mb`` is below 1 or a need is negative or not finite.

    Examples:
        >>> g5 = instance_shape("ml.g5.xlarge")
        >>> copies_per_instance(g5, memory_mb=4_096, accelerators=2)
        0
        >>> copies_per_instance(g5, memory_mb=4_096, cpu_cores=1)
        4
        >>> p4d = instance_shape("ml.p4d.24xlarge")
        >>> copies_per_instance(p4d, memory_mb=8_192, partition="mig-3g.20gb")
        16
        >>> copies_per_instance(
        ...     p4d, memory_mb=8_192, partition="mig-3g.20gb", layout=["mig-3g.20gb", "mig-4g.20gb"]
        ... )
        8
    """
    if isinstance(memory_mb, bool) or not isinstance(memory_mb, int) or memory_mb < 1:
        raise ValueError(f"memory_mb must be an integer of at least 1, got {memory_mb!r}")
    limits = [shape.memory_mib // memory_mb]
    if (cores := _exact("cpu_cores", cpu_cores))[0] > 0:
        limits.append(_times(shape.vcpus, cores))
    devices = _exact("accelerators", accelerators)
    if partition is not None:
        if layout is not None:
            per_device = layout.count(partition)
        else:
            per_device = shape.partitions.get(partition, 0)
        limits.append(per_device * shape.accelerators)
    elif layout is not None:
        # "This field is required when the endpoint's production variant has an accelerator
        # partition layout" (botocore, AcceleratorPartitionType): no partition, no place.
        limits.append(0)
    elif devices[0] > 0:
        limits.append(_times(shape.accelerators, devices))
    return max(0, min(limits))
