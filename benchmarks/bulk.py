"""Bulk: deploy N components and wait until InService, icsdk against raw boto3, 16 threads each.

Each side runs in its own process (so peak memory is its own) against its own LocalSageMaker,
with the same rate limits: CreateInferenceComponent at 10 TPS, Describe and List at 20 TPS.
Raw boto3 uses its default retries and waits the way scripts do, polling Describe every 5 s.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from icsdk import Client, ComputeRequirements, InferenceComponent
from icsdk.testing import LocalSageMaker

from ._harness import Report

CREATE_TPS = 10.0
READ_TPS = 20.0


def component(index: int) -> InferenceComponent:
    return (
        InferenceComponent.builder(f"bulk-{index:03d}")
        .endpoint("bulk")
        .model(f"model-{index:03d}")
        .compute(ComputeRequirements(min_memory_mb=1024, cpu_cores=0.25))
        .copies(1)
        .build()
    )


def _icsdk(local: LocalSageMaker, count: int, threads: int) -> int:
    # icsdk's default polling, as an application would have it.
    client = Client.from_endpoint(
        local.endpoint_url, region=local.region, credentials=("testing", "testing")
    )
    failures = 0
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(client.create, component(i)) for i in range(count)]:
            try:
                future.result()
            except Exception:
                failures += 1
    try:
        client.wait_many(endpoint="bulk", timeout=600)
    except Exception:
        failures += 1
    return failures


def _raw(local: LocalSageMaker, count: int, threads: int, poll: float) -> int:
    sagemaker: Any = local.sagemaker_client()  # boto3's default retries

    def deploy(index: int) -> None:
        name = f"bulk-{index:03d}"
        sagemaker.create_inference_component(**component(index).to_boto3())
        while True:
            state = sagemaker.describe_inference_component(InferenceComponentName=name)
            if state["InferenceComponentStatus"] == "InService":
                return
            time.sleep(poll)

    failures = 0
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(deploy, i) for i in range(count)]:
            try:
                future.result()
            except Exception:
                failures += 1
    return failures


def measure(
    side: str, count: int, threads: int, create_delay: float, poll: float
) -> dict[str, Any]:
    with LocalSageMaker(create_delay=create_delay) as local:
        local.create_endpoint("bulk", instance_type="ml.g5.48xlarge", instance_count=2)
        local.rate_limits.set("CreateInferenceComponent", tps=CREATE_TPS, burst=CREATE_TPS)
        for operation in ("DescribeInferenceComponent", "ListInferenceComponents"):
            local.rate_limits.set(operation, tps=READ_TPS, burst=READ_TPS)
        start = time.perf_counter()
        if side == "icsdk":
            failures = _icsdk(local, count, threads)
        else:
            failures = _raw(local, count, threads, poll)
        elapsed = time.perf_counter() - start
        creates = Counter(
            c.name
            for c in local.journal.calls(operation="CreateInferenceComponent", committed=True)
        )
        return {
            "side": side,
            "seconds": elapsed,
            "failures": failures,
            "duplicates": sum(n - 1 for n in creates.values() if n > 1),
            "created": len(creates),
            "calls": len(local.journal),
            "throttled": local.journal.count(outcome="RateLimited"),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }


def _in_subprocess(
    side: str, count: int, threads: int, create_delay: float, poll: float
) -> dict[str, Any]:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.bulk",
            side,
            str(count),
            str(threads),
            str(create_delay),
            str(poll),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def run(
    count: int = 200, threads: int = 16, create_delay: float = 2.0, poll: float = 5.0
) -> Report:
    floor = count / CREATE_TPS
    report = Report(
        "Bulk deploy and wait",
        f"python -m benchmarks bulk  # {count} components, {threads} threads, create "
        f"{CREATE_TPS:g} TPS, describe/list {READ_TPS:g} TPS, {create_delay:g} s in Creating",
    )
    results = {
        side: _in_subprocess(side, count, threads, create_delay, poll) for side in ("icsdk", "raw")
    }
    for side, label in (("icsdk", "icsdk"), ("raw", "raw boto3")):
        r = results[side]
        report.facts += [
            (
                f"{label}: wall time (floor {floor:g} s; target ≤ {1.2 * floor:g} s for icsdk)",
                f"{r['seconds']:.1f} s ({r['seconds'] / floor:.2f}× the floor)",
            ),
            (f"{label}: failures / duplicate creates", f"{r['failures']} / {r['duplicates']}"),
            (f"{label}: API calls (of which throttled)", f"{r['calls']} ({r['throttled']})"),
            (f"{label}: peak memory (RSS, client and local service)", f"{r['peak_rss_mb']:.0f} MB"),
        ]
    return report


if __name__ == "__main__":
    side, count, threads, delay, poll = sys.argv[1:6]
    print(json.dumps(measure(side, int(count), int(threads), float(delay), float(poll))))
