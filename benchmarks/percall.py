"""Per call: ``Client.create`` / ``Client.describe`` against the raw boto3 calls, same transport."""

from __future__ import annotations

from typing import Any

from icsdk import Client

from ._canned import canned_client
from ._harness import Report, Row, interleaved, per_call_seconds
from .render import typical_component


def run(rounds: int = 15, number: int = 300) -> Report:
    sagemaker = canned_client()
    client = Client(sagemaker)
    ic = typical_component()
    kwargs: Any = ic.to_boto3()
    report = Report("Per call", f"python -m benchmarks percall  # {rounds} rounds x {number}")

    assert (
        client.create(ic) == sagemaker.create_inference_component(**kwargs)["InferenceComponentArn"]
    )
    icsdk, boto3 = interleaved(
        per_call_seconds(lambda: client.create(ic), number),
        per_call_seconds(lambda: sagemaker.create_inference_component(**kwargs), number),
        rounds,
    )
    report.rows.append(
        Row(
            "`Client.create(ic)` vs `create_inference_component(**kwargs)`",
            icsdk,
            boto3,
            "us",
            1.05,
        )
    )

    assert client.describe("llama-8b").current_copies == 2
    icsdk, boto3 = interleaved(
        per_call_seconds(lambda: client.describe("llama-8b"), number),
        per_call_seconds(
            lambda: sagemaker.describe_inference_component(InferenceComponentName="llama-8b"),
            number,
        ),
        rounds,
    )
    report.rows.append(
        Row(
            "`Client.describe()` (typed state) vs `describe_inference_component`",
            icsdk,
            boto3,
            "us",
            1.10,
        )
    )
    return report
