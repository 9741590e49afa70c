"""What a program that only creates a component loads, and what waits for first use.

A cold start pays for every module it executes (docs/performance.md, "Cold start"), so the
Client's parts for endpoints, autoscaling and plan/apply load only when a call needs them.
"""

from __future__ import annotations

import json
import subprocess
import sys

# Everything `_client_parts` brings that the component path does not.
DEFERRED = {
    "icsdk._capacity_fit",
    "icsdk._client_parts",
    "icsdk._endpoint",
    "icsdk._endpoint_builder",
    "icsdk._endpoint_operations",
    "icsdk._endpoint_parts",
    "icsdk._endpoint_reconcile",
    "icsdk._endpoint_state",
    "icsdk._hardware",
    "icsdk._hardware_data",
    "icsdk._reconcile",
    "icsdk._scaling_operations",
    "icsdk._variant",
    "icsdk._wire.autoscaling_state",
    "icsdk._wire.endpoint",
}

CREATE_THEN_ENDPOINT = """
import json, sys
import boto3
from botocore.stub import Stubber
from icsdk import Client, ComputeRequirements, InferenceComponent

def loaded():
    return sorted(m for m in sys.modules if m.startswith("icsdk"))

sagemaker = boto3.client("sagemaker", region_name="us-east-1", aws_access_key_id="a",
                         aws_secret_access_key="b")
arn = "arn:aws:sagemaker:us-east-1:123456789012:inference-component/a"
with Stubber(sagemaker) as stub:
    stub.add_response("create_inference_component", {"InferenceComponentArn": arn})
    client = Client(sagemaker)
    ic = (InferenceComponent.builder("a").endpoint("e", variant="v").model("m")
          .compute(ComputeRequirements(min_memory_mb=1024)).copies(1).build())
    created = client.create(ic)
    after_create = loaded()
    stub.add_client_error("describe_endpoint", "ValidationException",
                          "Could not find endpoint \\"arn:aws:sagemaker:e\\".")
    try:
        client.describe_endpoint("e")
    except Exception as error:
        refused = type(error).__name__
print(json.dumps({"created": created, "after_create": after_create,
                  "after_endpoint": loaded(), "refused": refused}))
"""


def test_a_create_loads_none_of_the_endpoint_and_reconciling_modules() -> None:
    out = subprocess.run(
        [sys.executable, "-c", CREATE_THEN_ENDPOINT], capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout)
    assert seen["created"].endswith("inference-component/a")
    assert DEFERRED.isdisjoint(seen["after_create"]), DEFERRED & set(seen["after_create"])
    # The first endpoint call loads them, and works.
    assert seen["refused"] == "EndpointNotFound"
    assert set(seen["after_endpoint"]) >= DEFERRED
