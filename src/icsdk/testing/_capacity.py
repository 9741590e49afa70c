"""What instances offer: the capacity table, and one instance's running account of what is used."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from .._hardware import INSTANCE_SHAPES

__all__ = ["DEFAULT_INSTANCES", "FALLBACK_INSTANCE", "Instance", "InstanceCapacity", "Need"]


class InstanceCapacity(NamedTuple):
    """What one instance offers to component copies (or what one copy needs).

    Examples:
        >>> InstanceCapacity(cpu_cores=4, accelerators=1, memory_mb=16_384).memory_mb
        16384
    """

    cpu_cores: float
    accelerators: float
    memory_mb: int


DEFAULT_INSTANCES: Mapping[str, InstanceCapacity] = MappingProxyType(
    {
        name: InstanceCapacity(shape.vcpus, shape.accelerators, shape.memory_mib)
        for name, shape in INSTANCE_SHAPES.items()
    }
)
"""Every instance type of icsdk's table ([`instance_shape`][icsdk.instance_shape]): its vCPUs as
CPU cores, its accelerator devices, its memory in MiB. Types not in it get 8 CPU cores, 1
accelerator, 32 GiB.

Examples:
    >>> DEFAULT_INSTANCES["ml.g5.12xlarge"]
    InstanceCapacity(cpu_cores=48, accelerators=4, memory_mb=196608)
"""

FALLBACK_INSTANCE = InstanceCapacity(8, 1, 32_768)


class Need(NamedTuple):
    """What one copy takes from an instance: compute, and the accelerator partition it names.

    On a partitioned instance the copy takes that partition, not a whole accelerator.
    """

    cpu_cores: float
    accelerators: float
    memory_mb: int
    partition: str | None = None


@dataclass(eq=False)
class Instance:
    """One instance of an endpoint variant and the resources its copies use.

    Compared by identity: two instances of one type are still two places to put a copy.
    """

    instance_type: str
    capacity: InstanceCapacity
    used_cpu: float = 0.0
    used_accelerators: float = 0.0
    used_memory: int = 0
    free_partitions: Counter[str] = field(default_factory=Counter[str])
    """Partitions not yet occupied, by profile: the variant's layout, once per accelerator."""
    partitioned: bool = False
    """Whether the variant carves its accelerators into partitions (a layout was given)."""

    @classmethod
    def carved(cls, instance_type: str, capacity: InstanceCapacity, layout: list[str]) -> Instance:
        """An instance whose every accelerator is carved into the partitions of ``layout``."""
        slots = Counter(layout * int(capacity.accelerators))
        return cls(instance_type, capacity, free_partitions=slots, partitioned=True)

    def _accelerators(self, need: Need) -> float:
        # On a partitioned instance a copy occupies a partition, never a whole accelerator.
        return 0.0 if self.partitioned else need.accelerators

    def fits(self, need: Need) -> bool:
        if self.partitioned and (
            need.partition is None or self.free_partitions[need.partition] < 1
        ):
            return False
        return (
            self.used_cpu + need.cpu_cores <= self.capacity.cpu_cores
            and self.used_accelerators + self._accelerators(need) <= self.capacity.accelerators
            and self.used_memory + need.memory_mb <= self.capacity.memory_mb
        )

    def take(self, need: Need, sign: int = 1) -> None:
        self.used_cpu += sign * need.cpu_cores
        self.used_accelerators += sign * self._accelerators(need)
        self.used_memory += sign * need.memory_mb
        if self.partitioned and need.partition is not None:
            self.free_partitions[need.partition] -= sign
