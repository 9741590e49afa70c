"""The canary environment value never appears in a repr, an exception message or a log."""

from __future__ import annotations

import logging

import attrs
import pytest

from icsdk import Client, Polling, SpecError, SpecMismatch
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import CANARY, adapter_component, full_component, pooled_component


def test_reprs_and_strs_never_show_the_canary() -> None:
    for obj in (full_component(), pooled_component(), adapter_component()):
        for text in (repr(obj), str(obj), repr(obj.specification), repr(obj.instance_pools)):
            assert CANARY not in text


def test_errors_plans_and_state_never_show_the_canary(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="icsdk")
    with LocalSageMaker() as local:
        local.create_endpoint("shared-gpu")
        client: Client = local.client(polling=Polling(initial=0.01, maximum=0.05))
        ic = full_component()
        client.apply(ic)
        state = client.describe(ic.name)
        texts = [repr(state), str(state), repr(state.component)]
        spec = ic.specification
        assert spec is not None
        assert spec.container is not None
        other = attrs.evolve(
            ic,
            specification=attrs.evolve(
                spec, container=attrs.evolve(spec.container, environment={"HF_TOKEN": "x"})
            ),
        )
        plan = client.plan(other)
        texts += [str(plan), repr(plan)]
        local.faults.script(FaultKind.INTERNAL_ERROR, operation="CreateInferenceComponent")
        with pytest.raises(SpecMismatch) as conflict:
            client.create(attrs.evolve(other, copies=5))
        texts.append(str(conflict.value))
        with pytest.raises(SpecError) as invalid:
            attrs.evolve(spec.container, environment={"HF_TOKEN": CANARY * 100})
        texts.append(str(invalid.value))
        texts += [record.getMessage() for record in caplog.records]
    assert all(CANARY not in text for text in texts)
