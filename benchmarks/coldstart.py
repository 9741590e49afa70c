"""Cold start: import, client and first create in a fresh process, icsdk against raw boto3."""

from __future__ import annotations

from ._harness import PROCESS_TIMING, Report, Row, compile_bytecode, paired, process_seconds

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


def run(rounds: int = 31) -> Report:
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
    return report
