"""Bulk: deploy N components and wait until InService, icsdk against what a boto3 user writes.

Each side runs in its own process (so peak memory is its own) against its own LocalSageMaker,
with the same rate limits: CreateInferenceComponent at 10 TPS, Describe and List at 20 TPS.

The raw boto3 side is what a competent boto3 user writes: every create submitted to a thread
pool, then one List of the endpoint's components every second until all are InService. It runs
with botocore's default retries, and with ``retries={"mode": ...}`` set to standard, adaptive
(client-side rate limiting) and legacy. icsdk creates from the same pool and waits with
``wait_many``. Wall time is the measure here: the rate limits, not the CPU, set the pace.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from botocore.config import Config

from icsdk import Client, ComputeRequirements, InferenceComponent
from icsdk.testing import LocalSageMaker

from ._harness import Report

CREATE_TPS = 10.0
READ_TPS = 20.0
RAW_MODES = ("default", "standard", "adaptive", "legacy")
"""botocore retry modes the raw side runs with; "default" passes no retry configuration."""


def component(index: int) -> InferenceComponent:
    return (
        InferenceComponent.builder(f"bulk-{index:03d}")
        .endpoint("bulk", variant="AllTraffic")
        .model(f"model-{index:03d}")
        .compute(ComputeRequirements(min_memory_mb=1024, cpu_cores=0.25))
        .copies(1)
        .build()
    )


def _icsdk(local: LocalSageMaker, count: int, threads: int) -> tuple[int, int]:
    # icsdk's default polling, as an application would have it.
    client = Client.from_endpoint(
        local.endpoint_url, region=local.region, credentials=("testing", "testing")
    )
    failed = 0
    with ThreadPoolExecutor(threads) as pool:
        for future in [pool.submit(client.create, component(i)) for i in range(count)]:
            try:
                future.result()
            except Exception:
                failed += 1
    try:
        client.wait_many(endpoint="bulk", timeout=600)
    except Exception:
        return failed, 1
    return failed, 0


def _raw(
    local: LocalSageMaker, count: int, threads: int, mode: str, poll: float
) -> tuple[int, int]:
    retries: Any = {"mode": mode}
    config = None if mode == "default" else Config(retries=retries)
    sagemaker: Any = local.sagemaker_client(config=config)
    futures: dict[str, Future[Any]] = {}
    with ThreadPoolExecutor(threads) as pool:
        for index in range(count):
            request: Any = component(index).to_boto3()  # the same request, as a dict
            futures[request["InferenceComponentName"]] = pool.submit(
                sagemaker.create_inference_component, **request
            )
    created: set[str] = set()
    for name, future in futures.items():
        try:
            future.result()
            created.add(name)
        except Exception:
            pass
    failed_lists = 0
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline:
        statuses: dict[str, str] = {}
        try:
            for page in sagemaker.get_paginator("list_inference_components").paginate(
                EndpointNameEquals="bulk", PaginationConfig={"PageSize": 100}
            ):
                for entry in page["InferenceComponents"]:
                    statuses[entry["InferenceComponentName"]] = entry["InferenceComponentStatus"]
        except Exception:
            failed_lists += 1
        else:
            if all(statuses.get(name) == "InService" for name in created):
                break
        time.sleep(poll)
    return count - len(created), failed_lists


def measure(
    side: str, count: int, threads: int, create_delay: float, poll: float = 1.0
) -> dict[str, Any]:
    """One side's run: ``side`` is "icsdk" or one of `RAW_MODES`."""
    with LocalSageMaker(require_models=False, create_delay=create_delay) as local:
        local.create_endpoint("bulk", instance_type="ml.g5.48xlarge", instance_count=2)
        local.rate_limits.set("CreateInferenceComponent", tps=CREATE_TPS, burst=CREATE_TPS)
        for operation in ("DescribeInferenceComponent", "ListInferenceComponents"):
            local.rate_limits.set(operation, tps=READ_TPS, burst=READ_TPS)
        start = time.perf_counter()
        if side == "icsdk":
            failed_creates, failed_waits = _icsdk(local, count, threads)
        else:
            failed_creates, failed_waits = _raw(local, count, threads, side, poll)
        elapsed = time.perf_counter() - start
        creates = Counter(
            c.name
            for c in local.journal.calls(operation="CreateInferenceComponent", committed=True)
        )
        return {
            "side": side,
            "seconds": elapsed,
            "failed_creates": failed_creates,
            "failed_waits": failed_waits,
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


def _default_mode() -> str:
    import botocore.session

    return str(botocore.session.get_session().get_config_variable("retry_mode"))


def run(
    count: int = 200, threads: int = 16, create_delay: float = 2.0, poll: float = 1.0
) -> Report:
    floor = count / CREATE_TPS
    report = Report(
        "Bulk deploy and wait",
        f"python -m benchmarks bulk  # {count} components, {threads} threads, create "
        f"{CREATE_TPS:g} TPS, describe/list {READ_TPS:g} TPS, {create_delay:g} s in Creating",
        timing="wall time, each side once, in its own process against its own LocalSageMaker",
    )
    labels = {
        "icsdk": "icsdk (`create` from the pool, `wait_many`)",
        "default": f"raw boto3, default retries ({_default_mode()} mode here)",
        "standard": 'raw boto3, `retries={"mode": "standard"}`',
        "adaptive": 'raw boto3, `retries={"mode": "adaptive"}`',
        "legacy": 'raw boto3, `retries={"mode": "legacy"}`',
    }
    for side, label in labels.items():
        r = _in_subprocess(side, count, threads, create_delay, poll)
        report.facts += [
            (
                f"{label}: wall time (floor {floor:g} s"
                + (f"; target ≤ {1.2 * floor:g} s)" if side == "icsdk" else ")"),
                f"{r['seconds']:.1f} s ({r['seconds'] / floor:.2f}× the floor)",
            ),
            (
                f"{label}: creates failed / waits failed / duplicate creates",
                f"{r['failed_creates']} of {count} / {r['failed_waits']} / {r['duplicates']}",
            ),
            (f"{label}: API calls (of which throttled)", f"{r['calls']} ({r['throttled']})"),
            (f"{label}: peak memory (RSS, client and local service)", f"{r['peak_rss_mb']:.0f} MB"),
        ]
    return report


if __name__ == "__main__":
    side, count, threads, delay, poll = sys.argv[1:6]
    print(json.dumps(measure(side, int(count), int(threads), float(delay), float(poll))))
