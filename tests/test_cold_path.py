"""What a program that only creates a component loads, and what waits for first use.

A cold start pays for every module it executes (docs/performance.md, "Cold start"), so the
Client's parts for endpoints, autoscaling and plan/apply load only when a call needs them.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading

import attrs

from icsdk._lazy import Once
from icsdk._record import Record

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

CREATE_THEN_PLAN = """
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
        [sys.executable, "-c", CREATE_THEN_PLAN], capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout)
    assert seen["created"].endswith("inference-component/a")
    assert DEFERRED.isdisjoint(seen["after_create"]), DEFERRED & set(seen["after_create"])
    # The first endpoint call loads them, and works.
    assert seen["refused"] == "EndpointNotFound"
    assert set(seen["after_endpoint"]) >= DEFERRED


def test_once_makes_its_value_once_whichever_threads_ask() -> None:
    calls: list[int] = []
    gate = threading.Barrier(8)

    def make() -> object:
        calls.append(1)
        return object()

    once = Once(make)
    got: list[object] = []

    def ask() -> None:
        gate.wait()
        got.append(once.get())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(calls) == 1
    assert len(got) == 8 and all(value is got[0] for value in got)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class _Point(Record):
    x: int
    label: str = attrs.field(default="", eq=False, repr=False)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class _Other(Record):
    x: int


def test_record_compares_hashes_and_shows_as_attrs_would() -> None:
    assert _Point(x=1, label="a") == _Point(x=1, label="b")  # label has eq=False
    assert hash(_Point(x=1, label="a")) == hash(_Point(x=1, label="b"))
    assert _Point(x=1) != _Point(x=2)
    assert _Point(x=1) != _Other(x=1)  # another class is never equal
    assert _Point(x=1) != None  # noqa: E711 (the wire converter's test)
    assert repr(_Point(x=3, label="secret")) == "_Point(x=3)"
    assert {_Point(x=1), _Point(x=1, label="z"), _Point(x=2)} == {_Point(x=1), _Point(x=2)}
