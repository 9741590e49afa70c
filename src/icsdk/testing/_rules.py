"""What the service refuses in a component's request before it starts any deployment.

Each rule below follows the best public evidence (the fidelity record, `docs/local-fidelity.md`,
lists each with its source). Where only the rule is known, the wording is written here, and is
marked assumed:

- an endpoint whose variants serve a model takes no components: "Invalid request provided:
  Inference Components are not supported in this Endpoint. Please make sure this endpoint can
  deploy inference components." (quoted in terraform-provider-aws#40644);
- a standard component names its variant; an adapter names none and inherits its base's
  (terraform-provider-aws `internal/service/sagemaker/inference_component.go`: "the
  CreateInferenceComponent API rejects a null value for a standard inference component but
  forbids it for an adapter component"; wording assumed);
- a standard component states its compute requirements (botocore: "Omit this parameter if your
  request is meant to create an adapter inference component"; wording assumed);
- the models it names exist: "Could not find model "arn:..."" (the real wording of the same
  refusal by CreateEndpointConfig and CreateEndpoint);
- several ``Specifications`` each name their ``InstanceType`` (assumed: otherwise no copy could
  be matched to an instance);
- accelerator partitions, by botocore's ``AcceleratorPartitionType`` documentation: "It must be
  one of the partition profiles declared in the target endpoint's accelerator partition layout,
  and when set, ``NumberOfAcceleratorDevicesRequired`` must be ``1``. This field is required when
  the endpoint's production variant has an accelerator partition layout." (wording assumed);
- an update changes a specification or the runtime config: one with only the name, or only a
  ``DeploymentConfig``, is refused (the terraform-provider-aws file above: "it rejects a request
  carrying only the name or only a DeploymentConfig"; wording assumed).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._protocol import validation
from ._records import Component, Endpoint, Store

__all__ = ["NOT_FOR_COMPONENTS", "check_specifications", "check_update", "variant_for"]

NOT_FOR_COMPONENTS = (
    "Invalid request provided: Inference Components are not supported in this Endpoint. "
    "Please make sure this endpoint can deploy inference components."
)


def variant_for(
    store: Store, endpoint: Endpoint, params: dict[str, Any], base: str | None
) -> tuple[str, Component | None]:
    """The variant a new component goes on, and its base if it is an adapter; or a refusal."""
    variant = params.get("VariantName")
    if base is not None:
        if variant is not None:
            raise validation(
                "VariantName must not be specified for an adapter inference component; it "
                "inherits the variant of its base inference component."
            )
        base_component = store.components.get(base)
        if base_component is None:
            base_arn = store.arn("inference-component", base)
            raise validation(f'Could not find base inference component "{base_arn}".')
        return base_component.variant, base_component
    if variant is None:
        raise validation(
            "VariantName is required for an inference component that is not an adapter."
        )
    if endpoint.variant(variant) is None:
        raise validation(f'Could not find variant "{variant}" on endpoint "{endpoint.arn}".')
    if "RuntimeConfig" not in params:
        raise validation(
            "RuntimeConfig is required for an inference component that is not an adapter."
        )
    return variant, None


def check_specifications(
    specs: list[dict[str, Any]],
    variant: dict[str, Any] | None,
    *,
    plural: bool,
    require_model: Callable[[str], None],
) -> None:
    """Refuse the specifications of a standard component as the service would."""
    if plural and len(specs) > 1 and any("InstanceType" not in s for s in specs):
        raise validation(
            "Each entry of Specifications must name its InstanceType when there are several."
        )
    for spec in specs:
        if spec.get("BaseInferenceComponentName") is not None:
            continue
        compute = spec.get("ComputeResourceRequirements")
        if compute is None:
            raise validation(
                "ComputeResourceRequirements must be specified for an inference component "
                "that is not an adapter."
            )
        model = spec.get("ModelName")
        if model is not None:
            require_model(model)
        if variant is not None:
            _check_partition(compute, variant)


def _check_partition(compute: dict[str, Any], variant: dict[str, Any]) -> None:
    layouts = variant.get("AcceleratorPartitionLayouts")
    profiles: list[str] = list(layouts[0]["AcceleratorPartitionTypes"]) if layouts else []
    wanted = compute.get("AcceleratorPartitionType")
    name = variant["VariantName"]
    if wanted is None:
        if layouts:
            raise validation(
                f"AcceleratorPartitionType is required: production variant {name} has an "
                f"accelerator partition layout ({', '.join(profiles)})."
            )
        return
    if not layouts:
        # botocore: "For endpoints without a layout, omit this field to place the inference
        # component on a whole accelerator." A refusal is not stated: the type is accepted and
        # the copy takes whole accelerators (assumed).
        return
    if wanted not in profiles:
        raise validation(
            f"AcceleratorPartitionType {wanted} is not one of the partition profiles of "
            f"production variant {name}: {', '.join(sorted(set(profiles)))}."
        )
    if compute.get("NumberOfAcceleratorDevicesRequired") != 1:
        raise validation(
            "NumberOfAcceleratorDevicesRequired must be 1 when AcceleratorPartitionType is set."
        )


def check_update(params: dict[str, Any]) -> None:
    """Refuse an update that changes nothing a deployment could carry."""
    if not any(key in params for key in ("Specification", "Specifications", "RuntimeConfig")):
        raise validation(
            "UpdateInferenceComponent requires at least one of Specification, Specifications "
            "or RuntimeConfig."
        )
    if "Specification" in params and "Specifications" in params:
        raise validation("Specify either Specification or Specifications, not both.")
