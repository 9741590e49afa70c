"""Capacity fit: how a component's copies fit on its variant's instances, before anything is sent.

Nothing tells a user of the service that a component asking for 2 GPUs cannot run on an
``ml.g5.xlarge`` (one GPU) until the deployment fails. icsdk knows the instance types' shapes
(`icsdk.instance_shape`), so a plan says how many copies fit on one instance, how many instances
the desired copies need, and whether that is more than the variant may have.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import attrs

from ._hardware import copies_per_instance, instance_shape
from ._record import Record

if TYPE_CHECKING:
    from ._endpoint import Endpoint
    from ._spec import InferenceComponent

__all__ = ["CapacityFit", "fit_of"]


@attrs.frozen(kw_only=True, eq=False, repr=False)
class CapacityFit(Record):
    """How one component's copies fit on the instances of the variant it runs on.

    ``copies_per_instance`` is how many copies fit on one empty instance (0: never, on this
    type); ``instances_needed`` is how many instances the desired copies take, and
    ``max_instances`` how many the variant may have (managed instance scaling's maximum, or
    its fixed instance count). When the check cannot be made (an unknown instance type,
    instance pools), the counts are ``None`` and ``note`` says why.

    Examples:
        >>> fit = CapacityFit(instance_type="ml.g5.12xlarge", copies_per_instance=4,
        ...                   copies=6, instances_needed=2, max_instances=1)
        >>> fit.fits, fit.within_limit
        (True, False)
        >>> print(fit)
        4 copies fit on one ml.g5.12xlarge; 6 copies need 2 instances, more than the 1 allowed
    """

    instance_type: str | None
    copies_per_instance: int | None = None
    copies: int | None = None
    instances_needed: int | None = None
    max_instances: int | None = None
    note: str | None = None

    @property
    def fits(self) -> bool:
        """Whether one copy fits on one instance (True when unchecked).

        Examples:
            >>> CapacityFit(instance_type="ml.g5.xlarge", copies_per_instance=0).fits
            False
        """
        return self.copies_per_instance != 0

    @property
    def within_limit(self) -> bool:
        """Whether the desired copies need no more instances than allowed (True if unknown).

        Examples:
            >>> CapacityFit(instance_type="ml.g5.xlarge", copies_per_instance=1, copies=2,
            ...             instances_needed=2, max_instances=4).within_limit
            True
        """
        if self.instances_needed is None or self.max_instances is None:
            return True
        return self.instances_needed <= self.max_instances

    def __str__(self) -> str:
        if self.copies_per_instance is None:
            return f"capacity not checked: {self.note}"
        if self.copies_per_instance == 0:
            return f"one copy does not fit on one {self.instance_type}: {self.note}"
        text = f"{_count(self.copies_per_instance, 'copy')} fit on one {self.instance_type}"
        if self.instances_needed is not None:
            copies, instances = (
                _count(self.copies, "copy"),
                _count(self.instances_needed, "instance"),
            )
            verb = "needs" if self.copies == 1 else "need"
            text += f"; {copies} {verb} {instances}"
            if not self.within_limit:
                text += f", more than the {self.max_instances} allowed"
        return text


def fit_of(component: InferenceComponent, variant_name: str, endpoint: Endpoint) -> CapacityFit:
    """How ``component`` fits on variant ``variant_name`` of the live ``endpoint``."""
    variant = next((v for v in endpoint.variants if v.name == variant_name), None)
    if variant is None:
        return CapacityFit(instance_type=None, note=f"no variant {variant_name!r}")
    instance_type = variant.instance_type
    spec = component.specification
    if instance_type is None or variant.instance_pools or component.instance_pools:
        return CapacityFit(instance_type=instance_type, note="instance pools are not checked")
    shape = instance_shape(instance_type)
    if shape is None:
        return CapacityFit(instance_type=instance_type, note=f"{instance_type} is not in the table")
    compute = spec.compute if spec is not None else None
    if compute is None:
        return CapacityFit(instance_type=instance_type, note="the component names no compute")
    layouts = variant.accelerator_partition_layouts
    layout = layouts[0].partition_types if layouts else None
    per_instance = copies_per_instance(
        shape,
        memory_mb=compute.min_memory_mb,
        cpu_cores=compute.cpu_cores,
        accelerators=compute.accelerators,
        # botocore: "For endpoints without a layout, omit this field to place the inference
        # component on a whole accelerator"; a profile named there anyway takes whole ones, as
        # LocalSageMaker places it (assumed: no refusal is documented).
        partition=compute.accelerator_partition_type if layout else None,
        layout=layout,
    )
    if per_instance == 0:
        return CapacityFit(
            instance_type=instance_type,
            copies_per_instance=0,
            copies=component.copies,
            note=_why(shape.vcpus, shape.memory_mib, shape.accelerators, compute),
        )
    copies = component.copies
    needed = None if copies is None else math.ceil(copies / per_instance)
    scaling = variant.scaling
    most = scaling.max_instances if scaling is not None and scaling.status != "DISABLED" else None
    return CapacityFit(
        instance_type=instance_type,
        copies_per_instance=per_instance,
        copies=copies,
        instances_needed=needed,
        max_instances=most if most is not None else variant.instances,
    )


def _count(number: int | None, noun: str) -> str:
    plural = "copies" if noun == "copy" else f"{noun}s"
    return f"{number} {noun if number == 1 else plural}"


def _why(vcpus: int, memory_mib: int, accelerators: int, compute: object) -> str:
    asked: list[str] = []
    for name, have, unit in (
        ("accelerators", accelerators, "accelerators"),
        ("cpu_cores", vcpus, "vCPUs"),
        ("min_memory_mb", memory_mib, "MiB"),
    ):
        want = getattr(compute, name, None)
        if want is not None and want > have:
            asked.append(f"{name}={want:g} but it has {have} {unit}")
    return "; ".join(asked) or "no partition of the profile it names fits"
