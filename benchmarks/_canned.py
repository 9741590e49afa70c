"""An in-process canned transport: a botocore ``before-send`` handler that answers every request.

Signing, serialising and parsing all run; only the network is skipped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from botocore.awsrequest import AWSResponse, HTTPHeaders

NOW = datetime(2026, 1, 1, tzinfo=UTC).timestamp()
ARN = "arn:aws:sagemaker:us-east-1:123456789012:inference-component/llama-8b"

DESCRIBE = {
    "InferenceComponentName": "llama-8b",
    "InferenceComponentArn": ARN,
    "EndpointName": "shared-gpu",
    "EndpointArn": "arn:aws:sagemaker:us-east-1:123456789012:endpoint/shared-gpu",
    "VariantName": "AllTraffic",
    "Specification": {
        "ModelName": "llama-8b-model",
        "ComputeResourceRequirements": {
            "MinMemoryRequiredInMb": 16384,
            "NumberOfAcceleratorDevicesRequired": 1,
            "NumberOfCpuCoresRequired": 4,
        },
    },
    "RuntimeConfig": {
        "DesiredCopyCount": 2,
        "CurrentCopyCount": 2,
        "PlacementStatus": [{"InstanceType": "ml.g5.12xlarge", "CurrentCopyCount": 2}],
    },
    "CreationTime": NOW,
    "LastModifiedTime": NOW,
    "InferenceComponentStatus": "InService",
}
BODIES = {
    "SageMaker.CreateInferenceComponent": json.dumps({"InferenceComponentArn": ARN}).encode(),
    "SageMaker.DescribeInferenceComponent": json.dumps(DESCRIBE).encode(),
}


class _Raw:
    def __init__(self, body: bytes) -> None:
        self._body = body

    def stream(self, **_: Any) -> Iterator[bytes]:
        yield self._body


def answer(request: Any, **_: Any) -> AWSResponse:
    target = request.headers.get("X-Amz-Target", b"")
    body = BODIES[target.decode() if isinstance(target, bytes) else target]
    headers = HTTPHeaders()
    headers["x-amzn-RequestId"] = "canned"
    headers["Content-Type"] = "application/x-amz-json-1.1"
    return AWSResponse(request.url, 200, headers, _Raw(body))


def canned_client() -> Any:
    """A real boto3 sagemaker client whose requests never leave the process."""
    import boto3
    from botocore.config import Config

    client: Any = boto3.client(  # pyright: ignore[reportUnknownMemberType]
        "sagemaker",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="y",
        config=Config(retries={"mode": "standard", "total_max_attempts": 1}),
    )
    client.meta.events.register("before-send.sagemaker", answer)
    return client
