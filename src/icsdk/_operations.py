"""The component operations: one method per SageMaker call, each write with its settling rule.

A write whose outcome is unknown is settled by evidence in the live state, never by the
component merely being busy:

| write | done when Describe shows | sent again when it shows | otherwise |
|---|---|---|---|
| create | the component, not deleting, with this spec | no component (or deleting) | SpecMismatch |
| update | the requested spec (and copies, if set) | the old spec, not updating | OutcomeUnknown |
| scale | the requested desired copy count | another count, not updating | OutcomeUnknown |
| delete | no component, or one deleting | the component, not deleting | - |
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import attrs

from ._base import deferred_validation
from ._constraints import Problems
from ._errors import OutcomeUnknown, SpecError, SpecMismatch
from ._plan import Action, Plan, diff
from ._retry import NotYet, Settle
from ._service_errors import AdaptersAttached, ComponentNotFound, InvalidState
from ._state import ComponentState, ComponentSummary, Status
from ._transport import Transport, parsed
from ._wire.calls import (
    add_tags_request,
    arn_of,
    delete_tags_request,
    endpoint_config_of,
    endpoint_request,
    model_request,
    name_request,
    parse_page,
    parse_state,
    parse_tags,
    render_list,
    tags_request,
    variant_models,
)
from ._wire.spec import render_runtime_update, render_update

if TYPE_CHECKING:
    from ._deployment import DeploymentConfig
    from ._spec import InferenceComponent, Tag

__all__ = ["Operations"]


class Operations:
    """Describe, list, create, update, scale, delete and tag components over one transport."""

    def __init__(self, transport: Transport) -> None:
        self._transport = transport
        self._sagemaker = transport.sagemaker
        self._lock = threading.Lock()
        self._variants: dict[str, str] = {}

    # -- reading -----------------------------------------------------------------------------

    def describe(self, name: str, *, once: bool = False) -> ComponentState:
        """The live state; ComponentNotFound if there is none.

        ``once`` makes a single attempt: the reads that settle a write retry in the write's
        own loop, never in a loop of their own.
        """
        request = name_request(name)

        def send() -> ComponentState:
            response = self._sagemaker.describe_inference_component(**request)
            return parsed(parse_state, response)

        return self._transport.call("DescribeInferenceComponent", send, once=once)

    def describe_or_none(self, name: str, *, once: bool = False) -> ComponentState | None:
        """The live state, or ``None`` if there is no such component."""
        try:
            return self.describe(name, once=once)
        except ComponentNotFound:
            return None

    def pages(self, request: Mapping[str, Any]) -> Iterator[list[ComponentSummary]]:
        """The summaries of every component ``request`` matches, a page at a time."""
        return self._transport.pages("ListInferenceComponents", request, parse_page)

    def tags(self, arn: str) -> tuple[Tag, ...]:
        """Every tag on ``arn``."""
        found: list[Tag] = []
        for page in self._transport.pages("ListTags", tags_request(arn), parse_tags):
            found += page
        return tuple(found)

    def endpoint_variants(self, endpoint: str) -> dict[str, str | None]:
        """The endpoint's variants, each with the model it serves (None: it hosts components)."""
        # Each answer is read inside its call, so an unreadable one is retried like a lost one.
        config: Any = self._transport.call(
            "DescribeEndpoint",
            lambda: parsed(
                endpoint_config_of,
                self._sagemaker.describe_endpoint(**endpoint_request(endpoint)),
            ),
        )
        return self._transport.call(
            "DescribeEndpointConfig",
            lambda: parsed(variant_models, self._sagemaker.describe_endpoint_config(**config)),
        )

    def hosting_variant(self, endpoint: str, wanted: str | None = None) -> str:
        """The variant of ``endpoint`` a standard component goes on; SpecError if there is none.

        ``wanted`` must exist and host components (serve no model). Without it, the service
        still needs a ``VariantName``: an endpoint with one variant for components makes the
        choice obvious, and icsdk makes it (Describes once, then cached).
        """
        if wanted is None:
            with self._lock:
                known = self._variants.get(endpoint)
            if known is not None:
                return known
        variants = self.endpoint_variants(endpoint)
        hosting = sorted(name for name, model in variants.items() if model is None)
        problems = Problems()
        if wanted is not None and wanted not in variants:
            problems.add(
                "variant",
                f"endpoint {endpoint!r} has no variant {wanted!r} "
                f"(it has {', '.join(sorted(variants)) or 'none'})",
            )
        elif wanted is not None and wanted not in hosting:
            problems.add(
                "variant",
                f"variant {wanted!r} of endpoint {endpoint!r} serves a model; it cannot host "
                "inference components",
            )
        elif wanted is None and len(hosting) != 1:
            problems.add(
                "variant",
                f"endpoint {endpoint!r} has {len(hosting)} variants that host components "
                f"({', '.join(hosting) or 'none'}); name one with .endpoint(..., variant=...)",
            )
        if problems.items:
            raise SpecError(problems.items)
        if wanted is not None:
            return wanted
        with self._lock:
            self._variants[endpoint] = hosting[0]
        return hosting[0]

    def require_model(self, name: str) -> None:
        """ModelNotFound unless the SageMaker model ``name`` exists."""
        request: Any = model_request(name)
        self._transport.call("DescribeModel", lambda: self._sagemaker.describe_model(**request))

    # -- writing -----------------------------------------------------------------------------

    def create(self, component: InferenceComponent) -> str:
        """Create ``component``; its ARN. A standard component without a variant gets its
        endpoint's one hosting variant; an adapter inherits its base's and sends none."""
        if component.variant is None and not component.is_adapter:
            variant = self.hosting_variant(component.endpoint)
            with deferred_validation():  # valid already; the variant is the service's own
                component = attrs.evolve(component, variant=variant)
        create = self._sagemaker.create_inference_component

        def check() -> str | None:
            live = self.describe_or_none(component.name, once=True)
            if live is None or live.status is Status.DELETING:
                return None
            plan = diff(component, live)
            if plan.action in (Action.NOTHING, Action.TAGS):
                return live.arn
            raise SpecMismatch(component.name, str(plan))

        return self._transport.call(
            "CreateInferenceComponent",
            # Rendered per attempt (a few microseconds), so no frame keeps the request.
            lambda: parsed(arn_of, create(**component.to_boto3())),
            Settle(component.name, check),
        )

    def update(self, component: InferenceComponent, deployment: DeploymentConfig | None) -> str:
        """Roll out ``component``'s specification (and copies, if set); its ARN."""
        copies = component.copies is not None
        update = self._sagemaker.update_inference_component

        def check() -> str | None:
            live = self.describe(component.name, once=True)
            if diff(component, live).action in (Action.NOTHING, Action.TAGS):
                return live.arn
            if live.status is Status.UPDATING:
                raise NotYet(f"{component.name!r} is still Updating")
            if live.status is Status.IN_SERVICE:
                return None
            raise OutcomeUnknown(
                "UpdateInferenceComponent",
                component.name,
                f"it is {_status(live)} with another spec; describe it before sending the "
                "update again (a rollout that failed is not retried blindly)",
            )

        return self._transport.call(
            "UpdateInferenceComponent",
            lambda: parsed(
                arn_of, update(**render_update(component, copies=copies, deployment=deployment))
            ),
            Settle(component.name, check),
        )

    def scale(self, name: str, copies: int) -> str:
        """Ask for ``copies`` copies; the ARN. SpecError, before anything is sent, if invalid."""
        problems = Problems()
        problems.number("copies", copies, "InferenceComponentCopyCount")
        if problems.items:
            raise SpecError(problems.items)
        request = render_runtime_update(name, copies)

        def check() -> str | None:
            live = self.describe(name, once=True)
            if live.desired_copies == copies:
                return live.arn
            if live.status is not Status.UPDATING:
                return None
            raise NotYet(f"{name!r} is Updating to {live.desired_copies} copies")

        return self._transport.call(
            "UpdateInferenceComponentRuntimeConfig",
            lambda: parsed(
                arn_of, self._sagemaker.update_inference_component_runtime_config(**request)
            ),
            Settle(name, check),
        )

    def delete(self, name: str) -> None:
        """Delete ``name``; absent, or already deleting, is success."""
        request = name_request(name)

        def check() -> bool | None:
            live = self.describe_or_none(name, once=True)
            return True if live is None or live.status is Status.DELETING else None

        def send() -> bool:
            self._sagemaker.delete_inference_component(**request)
            return True

        try:
            self._transport.call("DeleteInferenceComponent", send, Settle(name, check))
        except ComponentNotFound:
            pass
        except InvalidState as error:
            if error.component_status != "Deleting":
                raise
        except AdaptersAttached as error:
            adapters = self._adapters_of(name)
            raise AdaptersAttached(
                error.operation,
                error.code,
                f"{error.message} (attached: {', '.join(adapters) or 'none found'})",
                adapters=adapters,
                request_id=error.request_id,
                status=error.status,
            ) from error

    def _adapters_of(self, base: str) -> tuple[str, ...]:
        """The adapters whose base is ``base``, on its endpoint (one Describe each)."""
        endpoint = self.describe(base).endpoint
        found: list[str] = []
        for page in self.pages(render_list(endpoint=endpoint, page_size=100)):
            for summary in page:
                if summary.name == base:
                    continue
                state = self.describe_or_none(summary.name)
                spec = state.specification if state is not None else None
                if spec is not None and spec.adapter is not None and spec.adapter.base == base:
                    found.append(summary.name)
        return tuple(sorted(found))

    def tag(self, arn: str, plan: Plan) -> None:
        """Add and remove the tags ``plan`` asks for."""
        if plan.tags_to_add:
            add: Any = add_tags_request(arn, plan.tags_to_add)
            self._transport.call("AddTags", lambda: self._sagemaker.add_tags(**add))
        if plan.tags_to_remove:
            remove: Any = delete_tags_request(arn, plan.tags_to_remove)
            self._transport.call("DeleteTags", lambda: self._sagemaker.delete_tags(**remove))


def _status(state: ComponentState) -> str:
    return state.status.value if state.status is not None else "in an unknown status"
