"""DescribeEndpoint and DescribeEndpointConfig: every member that was set, in the output's shape.

DescribeEndpointConfig returns the configuration as created (``Tags`` aside), with one value
the service fills in: a variant serving a model without ``InitialVariantWeight`` reads 1.0
(botocore: "If unspecified, it defaults to 1.0"); a variant hosting components reads none
(terraform-provider-aws's endpoint_configuration.go: "AWS returns nil" for them).

DescribeEndpoint summarises each variant (``ProductionVariantSummary``). A variant hosting
components shows its instance counts, ``ManagedInstanceScaling`` and ``RoutingConfig`` and no
weights or images, as a real answer captured in aws-samples/sagemaker-genai-hosting-examples
(01-models/TII/Falcon-40B/LMI/falcon-40b-lmi-vllm-ic.ipynb) shows: ``{'VariantName':
'AllTraffic', 'CurrentInstanceCount': 1, 'DesiredInstanceCount': 1, 'ManagedInstanceScaling':
{...}, 'RoutingConfig': {...}}``. A variant serving a model shows ``DeployedImages``,
``CurrentWeight`` and ``DesiredWeight`` besides its counts (the shape of real answers, e.g.
``'DeployedImages': [{'SpecifiedImage': ..., 'ResolvedImage': ...@sha256:...,
'ResolutionTime': ...}], 'CurrentWeight': 1.0, 'DesiredWeight': 1.0, 'CurrentInstanceCount': 1,
'DesiredInstanceCount': 1``). Data capture is summarised as the real answer does
(``{'EnableCapture': True, 'CaptureStatus': 'Started', 'CurrentSamplingPercentage': 50,
'DestinationS3Uri': ...}``; ``EnableCapture`` "defaults to enabled", botocore), with
``KmsKeyId`` when one was given.

``PendingDeploymentSummary`` "is only returned when the endpoint is creating or updating with a
new endpoint configuration" (botocore): it names the configuration being deployed, its start and
each variant's new fleet, ``VariantStatus`` ``Creating`` with "Launching X instance(s)." (the
message the AWS EventBridge documentation gives for that status). While the endpoint is
Creating, ``ProductionVariants`` is left out (assumed: nothing is deployed yet).
"""

from __future__ import annotations

import copy
from typing import Any

from ._records import Endpoint, Store, stamp

__all__ = ["config_view", "describe_endpoint", "resolved_image"]

_ECHOED = ("ManagedInstanceScaling", "RoutingConfig", "AcceleratorPartitionLayouts")
_ENDPOINT_WIDE = ("AsyncInferenceConfig", "ExplainerConfig", "MetricsConfig")


def resolved_image(image: str) -> str:
    """The digest form an image path resolves to (``registry/repository@sha256:...``)."""
    return image if "@sha256:" in image else f"{image.split(':')[0]}@sha256:{'0' * 64}"


def config_view(config: dict[str, Any]) -> dict[str, Any]:
    """A stored configuration as DescribeEndpointConfig returns it."""
    out = copy.deepcopy(config)
    out.pop("Tags", None)
    for variant in [*out["ProductionVariants"], *out.get("ShadowProductionVariants", ())]:
        if "ModelName" in variant:
            variant.setdefault("InitialVariantWeight", 1.0)
    return out


def describe_endpoint(endpoint: Endpoint, store: Store) -> dict[str, Any]:
    """The DescribeEndpoint answer for ``endpoint``."""
    config = endpoint.config
    out: dict[str, Any] = {
        "EndpointName": endpoint.name,
        "EndpointArn": endpoint.arn,
        "EndpointConfigName": endpoint.config_name,
    }
    if endpoint.status != "Creating" and (endpoint.status != "Failed" or endpoint.instances):
        out["ProductionVariants"] = [
            _summary(endpoint, store, v) for v in config["ProductionVariants"]
        ]
    capture = config.get("DataCaptureConfig")
    if capture is not None:
        enabled = capture.get("EnableCapture", True)
        out["DataCaptureConfig"] = {
            "EnableCapture": enabled,
            "CaptureStatus": "Started" if enabled else "Stopped",
            "CurrentSamplingPercentage": capture["InitialSamplingPercentage"],
            "DestinationS3Uri": capture["DestinationS3Uri"],
            **({"KmsKeyId": capture["KmsKeyId"]} if "KmsKeyId" in capture else {}),
        }
    out["EndpointStatus"] = endpoint.reported
    if endpoint.failure_reason is not None:
        out["FailureReason"] = endpoint.failure_reason
    out["CreationTime"] = stamp(endpoint.created)
    out["LastModifiedTime"] = stamp(endpoint.modified)
    if endpoint.last_deployment is not None:
        out["LastDeploymentConfig"] = copy.deepcopy(endpoint.last_deployment)
    out.update({k: copy.deepcopy(config[k]) for k in _ENDPOINT_WIDE if k in config})
    pending = _pending(endpoint)
    if pending is not None:
        out["PendingDeploymentSummary"] = pending
    shadows = config.get("ShadowProductionVariants")
    if shadows and "ProductionVariants" in out:
        out["ShadowProductionVariants"] = [_summary(endpoint, store, v) for v in shadows]
    if "CrossRegionTrafficConfig" in config:
        out["CrossRegionTrafficConfig"] = copy.deepcopy(config["CrossRegionTrafficConfig"])
    return out


def _counts(endpoint: Endpoint, variant: str) -> tuple[int, int]:
    """(current, desired) instance counts: launches count as desired, releases as current."""
    instances = len(endpoint.instances.get(variant, []))
    adding = sum(c.adding for c in endpoint.changes if c.variant == variant)
    leaving = sum(not c.adding for c in endpoint.changes if c.variant == variant)
    return instances + leaving, instances + adding


def _images(endpoint: Endpoint, store: Store, model_name: str) -> list[dict[str, Any]]:
    model = store.models.get(model_name)
    if model is None:
        return []
    containers = [model["PrimaryContainer"]] if "PrimaryContainer" in model else []
    containers += model.get("Containers", [])
    return [
        {
            "SpecifiedImage": c["Image"],
            "ResolvedImage": resolved_image(c["Image"]),
            "ResolutionTime": stamp(endpoint.created),
        }
        for c in containers
        if "Image" in c
    ]


def _summary(endpoint: Endpoint, store: Store, variant: dict[str, Any]) -> dict[str, Any]:
    name = variant["VariantName"]
    out: dict[str, Any] = {"VariantName": name}
    if "ModelName" in variant:
        images = _images(endpoint, store, variant["ModelName"])
        if images:
            out["DeployedImages"] = images
        weight = endpoint.weights.get(name, variant.get("InitialVariantWeight", 1.0))
        out["CurrentWeight"] = out["DesiredWeight"] = weight
    if "ServerlessConfig" in variant:
        out["CurrentServerlessConfig"] = copy.deepcopy(variant["ServerlessConfig"])
        out["DesiredServerlessConfig"] = copy.deepcopy(variant["ServerlessConfig"])
    else:
        out["CurrentInstanceCount"], out["DesiredInstanceCount"] = _counts(endpoint, name)
    if "InstancePools" in variant:
        kinds = [i.instance_type for i in endpoint.instances.get(name, [])]
        out["InstancePools"] = [
            {"InstanceType": pool["InstanceType"], "CurrentInstanceCount": kinds.count(kind)}
            for pool in sorted(variant["InstancePools"], key=lambda p: p["Priority"])
            for kind in [pool["InstanceType"]]
        ]
    out.update({k: copy.deepcopy(variant[k]) for k in _ECHOED if k in variant})
    reservation = variant.get("CapacityReservationConfig")
    if reservation is not None:
        out["CapacityReservationConfig"] = copy.deepcopy(reservation)
    return out


def _pending(endpoint: Endpoint) -> dict[str, Any] | None:
    if endpoint.status == "Creating":
        name, config, started = endpoint.config_name, endpoint.config, endpoint.created
        counts: dict[str, int] = {}
        weights = endpoint.weights
    elif endpoint.status == "Updating" and endpoint.pending is not None:
        rollout = endpoint.pending
        name, config, started = rollout.config_name, rollout.config, rollout.started
        counts, weights = rollout.counts, rollout.weights
    else:
        return None
    variants: list[dict[str, Any]] = []
    for variant in config["ProductionVariants"]:
        variant_name = variant["VariantName"]
        out: dict[str, Any] = {"VariantName": variant_name}
        if "ModelName" in variant:
            weight = weights.get(variant_name, variant.get("InitialVariantWeight", 1.0))
            out["CurrentWeight"] = out["DesiredWeight"] = weight
        if "ServerlessConfig" in variant:
            out["DesiredServerlessConfig"] = copy.deepcopy(variant["ServerlessConfig"])
        else:
            desired = counts.get(variant_name, variant.get("InitialInstanceCount", 1))
            out["CurrentInstanceCount"], out["DesiredInstanceCount"] = 0, desired
            if "InstanceType" in variant:
                out["InstanceType"] = variant["InstanceType"]
            out["VariantStatus"] = [
                {
                    "Status": "Creating",
                    "StatusMessage": f"Launching {desired} instance(s).",
                    "StartTime": stamp(started),
                }
            ]
        out.update({k: copy.deepcopy(variant[k]) for k in _ECHOED if k in variant})
        variants.append(out)
    return {"EndpointConfigName": name, "ProductionVariants": variants, "StartTime": stamp(started)}
