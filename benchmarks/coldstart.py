"""Cold start: import, client and first create in a fresh process, icsdk against raw boto3."""

from __future__ import annotations

import json
import statistics
import subprocess
import sys

from ._harness import (
    PROCESS_TIMING,
    ROOT,
    Report,
    Row,
    compile_bytecode,
    paired,
    process_seconds,
)

RAW = """
import boto3
from benchmarks._canned import canned_client
client = canned_client()
client.create_inference_component(
    InferenceComponentName="llama-8b", EndpointName="shared-gpu", VariantName="AllTraffic",
    Specification={"ModelName": "llama-8b-model", "ComputeResourceRequirements": {
        "MinMemoryRequiredInMb": 16384, "NumberOfAcceleratorDevicesRequired": 1,
        "NumberOfCpuCoresRequired": 4}},
    RuntimeConfig={"CopyCount": 2}, Tags=[{"Key": "team", "Value": "search"}])
"""

ICSDK = """
import boto3
from icsdk import Client, ComputeRequirements, InferenceComponent
from benchmarks._canned import canned_client
client = Client(canned_client())
client.create(
    InferenceComponent.builder("llama-8b").endpoint("shared-gpu", variant="AllTraffic")
    .model("llama-8b-model")
    .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
    .copies(2).tag("team", "search").build())
"""


# The icsdk script, step by step, with the CPU time each step took (attrs and cattrs imported
# on their own first, so each line is one cost; the create's line includes boto3's own first call).
STEPS = """
import json, time
clock = time.process_time
marks = [clock()]
import boto3
from benchmarks._canned import canned_client
client = canned_client()
marks.append(clock())
import attrs
marks.append(clock())
import cattrs
marks.append(clock())
from icsdk import Client, ComputeRequirements, InferenceComponent
marks.append(clock())
ic = (InferenceComponent.builder("llama-8b").endpoint("shared-gpu", variant="AllTraffic")
    .model("llama-8b-model")
    .compute(ComputeRequirements(min_memory_mb=16_384, accelerators=1, cpu_cores=4))
    .copies(2).tag("team", "search").build())
marks.append(clock())
Client(client).create(ic)
marks.append(clock())
print(json.dumps([after - before for before, after in zip(marks, marks[1:])]))
"""
STEP_NAMES = (
    "boto3 and its client (both sides)",
    "attrs import",
    "cattrs import",
    "icsdk's modules for the Client and the component spec",
    "building and validating the spec",
    "Client() and the first create (converter functions generated, boto3's first call)",
)


def breakdown(rounds: int = 15) -> list[tuple[str, str]]:
    """Where the icsdk script's CPU time goes, step by step: medians of ``rounds`` processes."""
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", STEPS], check=True, cwd=ROOT, capture_output=True, text=True
            ).stdout
        )
        for _ in range(rounds)
    ]
    medians = [statistics.median(run[index] for run in runs) for index in range(len(STEP_NAMES))]
    return [
        (f"step: {name}", f"{seconds * 1000:.1f} ms")
        for name, seconds in zip(STEP_NAMES, medians, strict=True)
    ]


def run(rounds: int = 31, step_rounds: int = 15) -> Report:
    compile_bytecode()
    icsdk, boto3, ratio = paired(process_seconds(ICSDK), process_seconds(RAW), rounds)
    report = Report(
        "Cold start",
        f"python -m benchmarks coldstart  # {rounds} paired rounds of fresh processes",
        timing=PROCESS_TIMING,
    )
    report.rows.append(
        Row("import + client + first create, fresh process", icsdk, boto3, "s", 1.10, paired=ratio)
    )
    report.facts += breakdown(step_rounds)
    return report
