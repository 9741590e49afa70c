"""The instance-type table's figures, family by family, and the public sources they come from.

Every family of botocore's ``ProductionVariantInstanceType`` enum is here, each size the enum
lists. Accelerated families list their sizes row by row (vCPUs, memory in GiB, accelerator
devices); CPU families whose memory is a fixed number of GiB per vCPU list their sizes only, a
size's vCPUs following from its name (``medium`` 1, ``large`` 2, ``xlarge`` 4, ``Nxlarge`` 4N),
which is how every such family in the sources reads. ``_hardware`` builds the shapes from this.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

__all__ = ["ACCELERATED", "PROPORTIONAL", "SOURCES", "Family", "Source"]


class Source(NamedTuple):
    """A public source of the table and what it states."""

    url: str
    states: str


class Family(NamedTuple):
    """An instance family listed size by size: ``(size, vCPUs, memory GiB, devices)`` rows."""

    name: str
    source: str
    sizes: tuple[tuple[str, int, float, int], ...]
    accelerator: str | None = None
    accelerator_memory_gib: int = 0
    partitions: tuple[tuple[str, int], ...] = ()


SOURCES: Final[Mapping[str, Source]] = {
    "ec2-general-purpose": Source(
        "https://docs.aws.amazon.com/ec2/latest/instancetypes/gp.html",
        "Default vCPUs and memory (GiB) of each general purpose size (T2, M4, M5, M5d, M6g, "
        "M6gd, M6i, M7i, M8g): 4 GiB per vCPU for the M families, e.g. m5.large 2 vCPUs 8 GiB",
    ),
    "ec2-compute-optimized": Source(
        "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/compute-optimized-instances.html",
        "Default vCPUs and memory (GiB) of each compute optimized size: 'c4.large 2 3.75 ... "
        "c4.8xlarge 36 60 ... c5.large 2 4 ... c5.9xlarge 36 72 ... c5.18xlarge 72 144'; "
        "2 GiB per vCPU for C5 and later (C5d, C6g, C6gd, C6gn, C6i, C6in, C7g, C7i, C8g)",
    ),
    "ec2-memory-optimized": Source(
        "https://docs.aws.amazon.com/ec2/latest/instancetypes/mo.html",
        "Default vCPUs and memory (GiB) of each memory optimized size: 8 GiB per vCPU for "
        "R5, R5d, R6g, R6gd, R6i, R7gd, R7i, R8g, e.g. r5.large 2 vCPUs 16 GiB",
    ),
    "batch-gpu": Source(
        "https://docs.aws.amazon.com/batch/latest/userguide/gpu-jobs.html",
        "GPUs, GPU memory, vCPUs and memory per GPU instance type, e.g. 'g4dn.12xlarge | 4 | "
        "64GiB | 48 | 192GiB' and 'g5.12xlarge | 4 | 96GiB | 48 | 192GiB'",
    ),
    "hyperpod-instances": Source(
        "https://github.com/aws/sagemaker-hyperpod-cli/blob/main/src/sagemaker/hyperpod/"
        "training/constants.py",
        "AWS's INSTANCE_RESOURCES table of SageMaker instance types: cpu, gpu, trainium (chips) "
        "and memory (GiB), e.g. 'ml.g5.12xlarge': cpu 48, gpu 4, memory 192; 'ml.g7e.12xlarge': "
        "cpu 48, gpu 2, memory 512; 'ml.trn2.48xlarge': cpu 192, trainium 16, memory 2048; "
        "and INSTANCE_TYPE_MIG_PROFILES, the MIG profiles of each P instance type",
    ),
    "g7-launch": Source(
        "https://aws.amazon.com/blogs/aws/announcing-amazon-ec2-g7-instances-accelerated-by-"
        "nvidia-rtx-pro-4500-blackwell-server-edition-gpus/",
        "G7 sizes with NVIDIA RTX PRO 4500 Blackwell Server Edition GPUs, 32 GB each: "
        "g7.2xlarge 1 GPU 8 vCPUs 32 GiB ... g7.12xlarge 2 GPUs 48 vCPUs 192 GiB ... "
        "g7.48xlarge 8 GPUs 192 vCPUs 768 GiB",
    ),
    "ec2-p2": Source(
        "https://aws.amazon.com/ec2/instance-types/p2/",
        "P2 sizes with NVIDIA K80 GPUs, 12 GiB each: p2.xlarge 1 GPU 4 vCPUs 61 GiB, "
        "p2.8xlarge 8 GPUs 32 vCPUs 488 GiB, p2.16xlarge 16 GPUs 64 vCPUs 732 GiB",
    ),
    "p3-launch": Source(
        "https://aws.amazon.com/blogs/aws/new-amazon-ec2-instances-with-up-to-8-nvidia-tesla-"
        "v100-gpus-p3/",
        "P3 sizes with NVIDIA Tesla V100 GPUs, 16 GiB each: p3.2xlarge 1 GPU 8 vCPUs 61 GiB, "
        "p3.8xlarge 4 GPUs 32 vCPUs 244 GiB, p3.16xlarge 8 GPUs 64 vCPUs 488 GiB",
    ),
    "ec2-dl1": Source(
        "https://aws.amazon.com/ec2/instance-types/dl1/",
        "dl1.24xlarge: 8 Habana Gaudi accelerators with 32 GiB each, 96 vCPUs, 768 GiB",
    ),
    "neuron-inf1": Source(
        "https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/neuron-hardware/"
        "inf1-arch.html",
        "Inferentia chips, vCPUs and host memory per Inf1 size: 'Inf1.xlarge 1 4 8', "
        "'Inf1.2xlarge 1 8 16', 'Inf1.6xlarge 4 24 48', 'Inf1.24xlarge 16 96 192'; "
        "8 GiB of device memory per chip, four NeuronCore-v1 per chip",
    ),
    "ec2-inf2": Source(
        "https://aws.amazon.com/ec2/instance-types/inf2/",
        "Inferentia2 chips, accelerator memory, vCPUs and memory per Inf2 size: inf2.xlarge 1 "
        "chip 32 GB 4 vCPUs 16 GiB, inf2.8xlarge 1 chip 32 vCPUs 128 GiB, inf2.24xlarge 6 chips "
        "96 vCPUs 384 GiB, inf2.48xlarge 12 chips 192 vCPUs 768 GiB. The Neuron docs: 'At the "
        "heart of each Inf2 instance are up to twelve Inferentia2 chips (each with two "
        "NeuronCore-v2 cores)', each with '32GiB of high-bandwidth device memor (HBM)'",
    ),
    "neuron-trn1": Source(
        "https://awsdocs-neuron.readthedocs-hosted.com/en/v2.9.1/general/arch/neuron-hardware/"
        "trn1-arch.html",
        "'Instance size - # of Trainium devices - vCPUs - Host Memory (GiB)': 'Trn1.2xlarge - 1 "
        "- 8 - 32', 'Trn1.32xlarge - 16 - 128 - 512', 'Trn1n.32xlarge - 16 - 128 - 512'; each "
        "Trainium chip has 'Two NeuronCore-v2' and '32 GiB of device memory'",
    ),
    "neuron-trn2": Source(
        "https://awsdocs-neuron.readthedocs-hosted.com/en/latest/nki/arch/trainium2_arch.html",
        "A Trainium2 device has '8 NeuronCores (v3)' and '4 HBM stacks with a total device "
        "memory capacity of 96GiB'; trn2.48xlarge's 16 chips, 192 vCPUs and 2048 GiB are in "
        "hyperpod-instances",
    ),
    "nvidia-mig": Source(
        "https://docs.nvidia.com/datacenter/tesla/mig-user-guide/supported-mig-profiles.html",
        "The MIG profiles of each GPU with their 'Number of Instances Available' on one GPU "
        "(A100-SXM4-40GB: 1g.5gb 7, 1g.10gb 4, 2g.10gb 3, 3g.20gb 2, 4g.20gb 1, 7g.40gb 1; "
        "80 GB parts name them 1g.10gb, 1g.20gb, 2g.20gb, 3g.40gb, 4g.40gb, 7g.80gb); the "
        "supported-gpus page gives each GPU's memory (H200 141GB, B200 180GB, GB200 186GB)",
    ),
    "hyperpod-mig": Source(
        "https://github.com/aws/sagemaker-hyperpod-cli/blob/main/helm_chart/HyperPodHelmChart/"
        "charts/gpu-operator/config/default-mig-config.yaml",
        "AWS's MIG layouts for its P instances, e.g. all-1g.10gb '1g.10gb': 7, all-3g.71gb "
        "'3g.71gb': 2, and for P6-B300 'Profiles: 1g.34gb (x7), 1g.67gb (x4), 2g.67gb (x3), "
        "3g.135gb (x2), 4g.135gb (x1), 7g.269gb (x1)'",
    ),
}

_A100_40 = (
    ("mig-1g.5gb", 7),
    ("mig-1g.10gb", 4),
    ("mig-2g.10gb", 3),
    ("mig-3g.20gb", 2),
    ("mig-4g.20gb", 1),
    ("mig-7g.40gb", 1),
)
_80GB = (
    ("mig-1g.10gb", 7),
    ("mig-1g.20gb", 4),
    ("mig-2g.20gb", 3),
    ("mig-3g.40gb", 2),
    ("mig-4g.40gb", 1),
    ("mig-7g.80gb", 1),
)
_H200 = (
    ("mig-1g.18gb", 7),
    ("mig-1g.35gb", 4),
    ("mig-2g.35gb", 3),
    ("mig-3g.71gb", 2),
    ("mig-4g.71gb", 1),
    ("mig-7g.141gb", 1),
)
_B200 = (
    ("mig-1g.23gb", 7),
    ("mig-1g.45gb", 4),
    ("mig-2g.45gb", 3),
    ("mig-3g.90gb", 2),
    ("mig-4g.90gb", 1),
    ("mig-7g.180gb", 1),
)
_B300 = (
    ("mig-1g.34gb", 7),
    ("mig-1g.67gb", 4),
    ("mig-2g.67gb", 3),
    ("mig-3g.135gb", 2),
    ("mig-4g.135gb", 1),
    ("mig-7g.269gb", 1),
)
_GB200 = (
    ("mig-1g.23gb", 7),
    ("mig-1g.47gb", 4),
    ("mig-2g.47gb", 3),
    ("mig-3g.93gb", 2),
    ("mig-4g.93gb", 1),
    ("mig-7g.186gb", 1),
)

# The G families: one accelerator up to 8xlarge and at 16xlarge, four at 12x and 24xlarge.
_G = ("xlarge", "2xlarge", "4xlarge", "8xlarge", "12xlarge", "16xlarge", "24xlarge", "48xlarge")
_G_DEVICES = (1, 1, 1, 1, 4, 1, 4, 8)
_G_VCPUS = (4, 8, 16, 32, 48, 64, 96, 192)


def _g_family(gib_per_vcpu: int) -> tuple[tuple[str, int, float, int], ...]:
    return tuple(
        (size, vcpus, vcpus * gib_per_vcpu, devices)
        for size, vcpus, devices in zip(_G, _G_VCPUS, _G_DEVICES, strict=True)
    )


ACCELERATED: Final[tuple[Family, ...]] = (
    Family("g4dn", "batch-gpu", _g_family(4)[:6], "NVIDIA T4", 16),
    Family("g5", "batch-gpu", _g_family(4), "NVIDIA A10G", 24),
    Family("g6", "hyperpod-instances", _g_family(4), "NVIDIA L4", 24),
    Family("g6e", "hyperpod-instances", _g_family(8), "NVIDIA L40S", 48),
    Family(
        "g7e",
        "hyperpod-instances",
        (
            ("2xlarge", 8, 64, 1),
            ("4xlarge", 16, 128, 1),
            ("8xlarge", 32, 256, 1),
            ("12xlarge", 48, 512, 2),
            ("24xlarge", 96, 1024, 4),
            ("48xlarge", 192, 2048, 8),
        ),
        "NVIDIA RTX PRO 6000 Blackwell Server Edition",
        96,
    ),
    Family(
        "g7",
        "g7-launch",
        (
            ("2xlarge", 8, 32, 1),
            ("4xlarge", 16, 64, 1),
            ("8xlarge", 32, 128, 1),
            ("12xlarge", 48, 192, 2),
            ("24xlarge", 96, 384, 4),
            ("48xlarge", 192, 768, 8),
        ),
        "NVIDIA RTX PRO 4500 Blackwell Server Edition",
        32,
    ),
    Family(
        "p2",
        "ec2-p2",
        (("xlarge", 4, 61, 1), ("8xlarge", 32, 488, 8), ("16xlarge", 64, 732, 16)),
        "NVIDIA K80",
        12,
    ),
    Family(
        "p3",
        "p3-launch",
        (("2xlarge", 8, 61, 1), ("8xlarge", 32, 244, 4), ("16xlarge", 64, 488, 8)),
        "NVIDIA V100",
        16,
    ),
    Family("p4d", "hyperpod-instances", (("24xlarge", 96, 1152, 8),), "NVIDIA A100", 40, _A100_40),
    Family("p4de", "hyperpod-instances", (("24xlarge", 96, 1152, 8),), "NVIDIA A100", 80, _80GB),
    Family(
        "p5",
        "hyperpod-instances",
        (("48xlarge", 192, 2048, 8), ("4xlarge", 16, 256, 1)),
        "NVIDIA H100",
        80,
        _80GB,
    ),
    Family("p5e", "hyperpod-instances", (("48xlarge", 192, 2048, 8),), "NVIDIA H200", 141, _H200),
    Family("p5en", "hyperpod-instances", (("48xlarge", 192, 2048, 8),), "NVIDIA H200", 141, _H200),
    Family(
        "p6-b200", "hyperpod-instances", (("48xlarge", 192, 2048, 8),), "NVIDIA B200", 180, _B200
    ),
    Family(
        "p6-b300", "hyperpod-instances", (("48xlarge", 192, 4096, 8),), "NVIDIA B300", 268, _B300
    ),
    Family(
        "p6e-gb200",
        "hyperpod-instances",
        (("36xlarge", 144, 960, 4),),
        "NVIDIA GB200",
        186,
        _GB200,
    ),
    Family("dl1", "ec2-dl1", (("24xlarge", 96, 768, 8),), "Habana Gaudi", 32),
    Family(
        "inf1",
        "neuron-inf1",
        (
            ("xlarge", 4, 8, 1),
            ("2xlarge", 8, 16, 1),
            ("6xlarge", 24, 48, 4),
            ("24xlarge", 96, 192, 16),
        ),
        "AWS Inferentia",
        8,
    ),
    Family(
        "inf2",
        "ec2-inf2",
        (
            ("xlarge", 4, 16, 1),
            ("8xlarge", 32, 128, 1),
            ("24xlarge", 96, 384, 6),
            ("48xlarge", 192, 768, 12),
        ),
        "AWS Inferentia2",
        32,
    ),
    Family(
        "trn1",
        "neuron-trn1",
        (("2xlarge", 8, 32, 1), ("32xlarge", 128, 512, 16)),
        "AWS Trainium",
        32,
    ),
    Family("trn1n", "neuron-trn1", (("32xlarge", 128, 512, 16),), "AWS Trainium", 32),
    Family("trn2", "hyperpod-instances", (("48xlarge", 192, 2048, 16),), "AWS Trainium2", 96),
    # CPU families whose memory is not a fixed number of GiB per vCPU.
    Family(
        "t2",
        "ec2-general-purpose",
        (("medium", 2, 4, 0), ("large", 2, 8, 0), ("xlarge", 4, 16, 0), ("2xlarge", 8, 32, 0)),
    ),
    Family(
        "c4",
        "ec2-compute-optimized",
        (
            ("large", 2, 3.75, 0),
            ("xlarge", 4, 7.5, 0),
            ("2xlarge", 8, 15, 0),
            ("4xlarge", 16, 30, 0),
            ("8xlarge", 36, 60, 0),
        ),
    ),
)
"""Accelerated families (and the two irregular CPU ones), size by size."""

_LARGE = "large xlarge 2xlarge 4xlarge"
_TO_24 = f"{_LARGE} 12xlarge 24xlarge"
_TO_16 = f"{_LARGE} 8xlarge 12xlarge 16xlarge"
_TO_32 = f"{_TO_16} 24xlarge 32xlarge"
_TO_48 = f"{_TO_16} 24xlarge 48xlarge"
_C5 = f"{_LARGE} 9xlarge 18xlarge"

PROPORTIONAL: Final[tuple[tuple[str, int, str, str], ...]] = (
    ("m4", 4, "xlarge 2xlarge 4xlarge 10xlarge 16xlarge", "ec2-general-purpose"),
    ("m5", 4, _TO_24, "ec2-general-purpose"),
    ("m5d", 4, _TO_24, "ec2-general-purpose"),
    ("m6g", 4, _TO_16, "ec2-general-purpose"),
    ("m6gd", 4, _TO_16, "ec2-general-purpose"),
    ("m6i", 4, _TO_32, "ec2-general-purpose"),
    ("m7i", 4, _TO_48, "ec2-general-purpose"),
    ("m8g", 4, f"medium {_TO_48}", "ec2-general-purpose"),
    ("c5", 2, _C5, "ec2-compute-optimized"),
    ("c5d", 2, _C5, "ec2-compute-optimized"),
    ("c6g", 2, _TO_16, "ec2-compute-optimized"),
    ("c6gd", 2, _TO_16, "ec2-compute-optimized"),
    ("c6gn", 2, _TO_16, "ec2-compute-optimized"),
    ("c6i", 2, _TO_32, "ec2-compute-optimized"),
    ("c6in", 2, _TO_32, "ec2-compute-optimized"),
    ("c7g", 2, _TO_16, "ec2-compute-optimized"),
    ("c7i", 2, _TO_48, "ec2-compute-optimized"),
    ("c8g", 2, f"medium {_TO_48}", "ec2-compute-optimized"),
    ("r5", 8, _TO_24, "ec2-memory-optimized"),
    ("r5d", 8, _TO_24, "ec2-memory-optimized"),
    ("r6g", 8, _TO_16, "ec2-memory-optimized"),
    ("r6gd", 8, _TO_16, "ec2-memory-optimized"),
    ("r6i", 8, _TO_32, "ec2-memory-optimized"),
    ("r7gd", 8, f"medium {_TO_16}", "ec2-memory-optimized"),
    ("r7i", 8, _TO_48, "ec2-memory-optimized"),
    ("r8g", 8, f"medium {_TO_48}", "ec2-memory-optimized"),
)
"""CPU families with a fixed memory per vCPU: (family, GiB per vCPU, sizes, source key)."""
