"""Per call: ``Client.create`` / ``Client.describe`` against the raw boto3 calls, same transport."""

from __future__ import annotations

from typing import Any

from icsdk import Client

from ._canned import canned_client
from ._harness import CALL_TIMING, Report, Row, paired, per_call_seconds
from .render import by_hand_typical, typical_component


def run(rounds: int = 41, number: int = 200) -> Report:
    sagemaker = canned_client()
    client = Client(sagemaker)
    ic = typical_component()
    kwargs: Any = ic.to_boto3()
    report = Report(
        "Per call",
        f"python -m benchmarks percall  # {rounds} paired rounds x {number} calls",
        timing=CALL_TIMING,
    )

    assert (
        client.create(ic) == sagemaker.create_inference_component(**kwargs)["InferenceComponentArn"]
    )
    # A script calling boto3 builds its kwargs for each call (a dict literal): that is what
    # Client.create does too, from the spec. Reusing one dict is shown as well, for reference.
    literal = per_call_seconds(
        lambda: sagemaker.create_inference_component(**by_hand_typical("llama-8b")), number
    )
    icsdk, boto3, ratio = paired(
        per_call_seconds(lambda: client.create(ic), number), literal, rounds
    )
    report.rows.append(
        Row(
            "`Client.create(ic)` vs `create_inference_component(**{...})` (kwargs built per call)",
            icsdk,
            boto3,
            "us",
            1.03,
            paired=ratio,
        )
    )
    icsdk, boto3, ratio = paired(
        per_call_seconds(lambda: client.create(ic), number),
        per_call_seconds(lambda: sagemaker.create_inference_component(**kwargs), number),
        rounds,
    )
    report.rows.append(
        Row(
            "`Client.create(ic)` vs `create_inference_component(**kwargs)` (one dict reused)",
            icsdk,
            boto3,
            "us",
            paired=ratio,
        )
    )
    # How much of the create's gap is the request itself: boto3 sent icsdk's rendering.
    icsdk, boto3, ratio = paired(
        per_call_seconds(lambda: sagemaker.create_inference_component(**ic.to_boto3()), number),
        literal,
        rounds,
    )
    report.rows.append(
        Row(
            "`create_inference_component(**ic.to_boto3())` vs `(**{...})` (rendering alone)",
            icsdk,
            boto3,
            "us",
            paired=ratio,
        )
    )

    assert client.describe("llama-8b").current_copies == 2
    icsdk, boto3, ratio = paired(
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
            1.05,
            paired=ratio,
        )
    )
    return report
