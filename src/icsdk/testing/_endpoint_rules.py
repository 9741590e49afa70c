"""What the service refuses in an endpoint configuration, and in an update of an endpoint.

Each rule follows the best public evidence (the fidelity record lists each with its source);
where only the rule is known, the wording is written here and is assumed:

- ``ManagedInstanceScaling`` on a variant that serves a model: "ManagedInstanceScaling is only
  supported for inference component endpoints." (the real wording, from the acceptance-test log
  in https://github.com/hashicorp/terraform-provider-aws/pull/45926);
- a variant that hosts components (it names no model) with ``InitialVariantWeight`` or
  ``EnableSSMAccess``: terraform-provider-aws (internal/service/sagemaker/
  endpoint_configuration.go, after https://github.com/hashicorp/terraform-provider-aws/pull/44977)
  sends them only with a model: "IC endpoint: must not be set" (wording assumed);
- a configuration with such a variant but no ``ExecutionRoleArn``: the same PR added the role
  "because AWS requires this when `model_name` is not provided" (wording assumed);
- a ``MinInstanceCount`` above the ``MaxInstanceCount`` (rule and wording assumed);
- more than one accelerator partition layout: botocore's ``AcceleratorPartitionLayouts`` says
  "Specify a single layout" (wording assumed);
- an update that changes a running variant's layout: botocore's ``AcceleratorPartitionLayout``:
  "You can't change the layout of a running endpoint"; ``AcceleratorPartitionTypes``: "when you
  update an endpoint, a layout with the same profiles in a different order counts as a
  different layout, and the update is rejected" (wording assumed);
- an update whose configuration drops a variant that hosts components, or gives it a model
  (rule and wording assumed: the components would have nowhere to run).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ._protocol import validation

__all__ = ["check_config", "check_update"]


def check_config(params: Mapping[str, Any], require_model: Callable[[str], None]) -> None:
    """Refuse a CreateEndpointConfig request as the service would."""
    for shadow in params.get("ShadowProductionVariants", ()):
        if "ModelName" in shadow:
            require_model(shadow["ModelName"])
    hosting: list[str] = []
    for variant in params["ProductionVariants"]:
        name = variant["VariantName"]
        model = variant.get("ModelName")
        if model is not None:
            require_model(model)
            if "ManagedInstanceScaling" in variant:
                raise validation(
                    "ManagedInstanceScaling is only supported for inference component endpoints."
                )
        else:
            hosting.append(name)
            for member in ("InitialVariantWeight", "EnableSSMAccess"):
                if member in variant:
                    raise validation(
                        f"{member} must not be set for production variant {name}, which names "
                        "no model: it hosts inference components."
                    )
        scaling: dict[str, Any] = variant.get("ManagedInstanceScaling") or {}
        low, high = scaling.get("MinInstanceCount"), scaling.get("MaxInstanceCount")
        if low is not None and high is not None and low > high:
            raise validation(
                f"MinInstanceCount ({low}) of production variant {name} must not be greater "
                f"than its MaxInstanceCount ({high})."
            )
        if len(variant.get("AcceleratorPartitionLayouts", ())) > 1:
            raise validation(
                f"Production variant {name} declares more than one accelerator partition "
                "layout; specify a single layout."
            )
    if hosting and "ExecutionRoleArn" not in params:
        raise validation(
            f"ExecutionRoleArn is required: production variant {hosting[0]} names no model, so "
            "the endpoint hosts inference components."
        )


def check_update(
    running: list[dict[str, Any]],
    config: Mapping[str, Any],
    hosted: Mapping[str, list[str]],
) -> None:
    """Refuse an update to ``config`` of an endpoint running ``running``.

    ``hosted`` names the components on each variant.
    """
    new = {v["VariantName"]: v for v in config["ProductionVariants"]}
    for variant in running:
        name = variant["VariantName"]
        components = hosted.get(name, [])
        target = new.get(name)
        if components and (target is None or "ModelName" in target):
            missing = "does not have it" if target is None else "gives it a model"
            raise validation(
                f"Production variant {name} hosts inference components "
                f"({', '.join(components)}); endpoint configuration "
                f"{config['EndpointConfigName']} {missing}. Delete the inference components "
                "first."
            )
        if target is not None and _layouts(variant) != _layouts(target):
            raise validation(
                f"The accelerator partition layout of production variant {name} cannot change "
                "on a running endpoint; create a new endpoint to use a different layout."
            )


def _layouts(variant: Mapping[str, Any]) -> list[list[str]]:
    layouts = variant.get("AcceleratorPartitionLayouts", ())
    return [list(layout["AcceleratorPartitionTypes"]) for layout in layouts]
