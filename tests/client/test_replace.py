"""A replace checks what it can before it deletes, and says so when it deleted and stopped."""

from __future__ import annotations

import attrs
import pytest

from icsdk import (
    ComponentNotFound,
    EndpointNotFound,
    ModelNotFound,
    ReplaceIncomplete,
    SpecError,
)
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import RecordingClock, adapter_component, client_for, create_model, small_component


@pytest.fixture
def live(local: LocalSageMaker) -> LocalSageMaker:
    local.client().apply(small_component("a"))
    create_model(local)
    return local


def test_a_typo_in_the_endpoint_deletes_nothing(live: LocalSageMaker) -> None:
    client = live.client()
    with pytest.raises(EndpointNotFound):
        client.apply(small_component("a", endpoint="shraed-gpu"), allow_replace=True)
    assert client.describe("a").endpoint == "shared-gpu"
    assert live.journal.count(operation="DeleteInferenceComponent") == 0


def test_a_missing_variant_or_model_deletes_nothing(live: LocalSageMaker) -> None:
    client = live.client()
    live.create_endpoint("other", variant="Main")
    moved = small_component("a", endpoint="other")
    with pytest.raises(SpecError, match="has no variant 'AllTraffic' \\(it has Main\\)"):
        client.apply(attrs.evolve(moved, variant="AllTraffic"), allow_replace=True)
    unknown = moved.to_builder().set("specification.model_name", "no-such-model").build()
    with pytest.raises(ModelNotFound):
        client.apply(unknown, allow_replace=True)
    assert client.describe("a").endpoint == "shared-gpu"
    assert live.journal.count(operation="DeleteInferenceComponent") == 0


def test_a_missing_adapter_base_deletes_nothing(live: LocalSageMaker) -> None:
    client = live.client()
    live.create_endpoint("other")
    adapter = attrs.evolve(adapter_component(base="missing", name="a"), endpoint="other")
    with pytest.raises(ComponentNotFound):
        client.apply(adapter, allow_replace=True)
    assert client.exists("a")


def test_a_create_refused_after_the_delete_says_what_happened(live: LocalSageMaker) -> None:
    client = live.client()
    live.create_endpoint("other")
    live.faults.script(FaultKind.QUOTA, operation="CreateInferenceComponent")
    with pytest.raises(ReplaceIncomplete, match="the old component was deleted") as caught:
        client.apply(small_component("a", endpoint="other"), allow_replace=True)
    assert "ResourceLimitExceeded" in str(caught.value)
    assert caught.value.__cause__ is not None
    assert not client.exists("a")
    client.apply(small_component("a", endpoint="other"))  # applying again completes it
    assert client.describe("a").endpoint == "other"


class Interrupting(RecordingClock):
    """Ctrl-C during the first sleep, as a user would press it during the delete wait."""

    def sleep(self, seconds: float) -> None:
        raise KeyboardInterrupt


def test_an_interrupted_replace_leaves_a_note(live: LocalSageMaker) -> None:
    client = client_for(live, clock=Interrupting(live.advance))
    live.create_endpoint("other")
    with pytest.raises(KeyboardInterrupt) as caught:
        client.apply(small_component("a", endpoint="other"), allow_replace=True)
    assert any("was interrupted after its delete was sent" in n for n in caught.value.__notes__)
