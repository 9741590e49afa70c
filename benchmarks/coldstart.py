"""Cold start: import, client and first create in a fresh process, icsdk against raw boto3."""

from __future__ import annotations

import json
import statistics

from ._harness import (
    PROCESS_TIMING,
    Report,
    Row,
    compile_bytecode,
    paired,
    process_seconds,
    run_process,
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


def breakdown(rounds: int = 25) -> list[tuple[str, str]]:
    """Where the icsdk script's CPU time goes, step by step: medians of ``rounds`` processes."""
    runs = [json.loads(run_process(STEPS)[0]) for _ in range(rounds)]
    medians = [statistics.median(run[index] for run in runs) for index in range(len(STEP_NAMES))]
    steps = [
        (f"step: {name}", f"{seconds * 1000:.1f} ms")
        for name, seconds in zip(STEP_NAMES, medians, strict=True)
    ]
    # The interpreter's exit is part of a fresh process too: its last garbage collections walk
    # every object left, boto3's loaded service models first among them.
    exits = {
        "raw boto3 script": RAW,
        "raw boto3 script that also imports attrs and cattrs": RAW + "import attrs, cattrs\n",
        "icsdk script": ICSDK,
    }
    return steps + [
        (f"exit (after atexit), {name}", f"{statistics.median(seconds) * 1000:.1f} ms")
        for name, seconds in _exit_rounds(exits, rounds).items()
    ]


def _exit_rounds(scripts: dict[str, str], rounds: int) -> dict[str, list[float]]:
    """Each script's exit CPU seconds, ``rounds`` times, the scripts taking turns."""
    found: dict[str, list[float]] = {name: [] for name in scripts}
    for _ in range(rounds):
        for name, code in scripts.items():
            found[name].append(_exit_seconds(code))
    return found


# Registered first, so it runs last of the atexit handlers: the CPU time used before the
# interpreter starts tearing itself down, on a line of its own.
_MARK = "cpu-before-exit:"
_AT_EXIT = (
    "import atexit, sys, time\n"
    f"atexit.register(lambda: print('{_MARK}', time.process_time(), file=sys.stderr))\n"
)


def _exit_seconds(code: str) -> float:
    """CPU seconds a fresh process running ``code`` spends after its last atexit handler."""
    _, stderr, total = run_process(_AT_EXIT + code)
    marked = [line for line in stderr.splitlines() if line.startswith(_MARK)]
    return total - float(marked[-1].removeprefix(_MARK))


def run(rounds: int = 61, step_rounds: int = 25) -> Report:
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
