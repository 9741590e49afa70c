"""A botocore whose SageMaker model lacks a member icsdk renders: a SpecError naming it, not a send.

An older botocore is stood in for by botocore itself, loading a copy of its own SageMaker model
with one member taken out from an extra data path (what ``AWS_DATA_PATH`` does). botocore then
refuses the request before sending it, exactly as an older release would.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs
import boto3
import botocore
import botocore.session
import pytest

from icsdk import Scheduling, SpecError
from icsdk._transport import boto3_client
from icsdk.testing import LocalSageMaker

from ..samples import client_for, full_endpoint, small_component

if TYPE_CHECKING:
    from mypy_boto3_sagemaker import SageMakerClient

ROOT = Path(__file__).resolve().parents[2]


def _declared_floor() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (floor,) = (
        match.group(1)
        for requirement in project["project"]["dependencies"]
        if (match := re.fullmatch(r"botocore>=([\d.]+)", requirement))
    )
    return floor


FLOOR = _declared_floor()


@pytest.fixture(scope="module")
def models_without_new_members(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data path holding the installed SageMaker model minus two members icsdk renders."""
    loader = botocore.session.Session().get_component("data_loader")
    model: dict[str, Any] = copy.deepcopy(loader.load_service_model("sagemaker", "service-2"))
    shapes = model["shapes"]
    del shapes["InferenceComponentSpecification"]["members"]["SchedulingConfig"]
    del shapes["CreateEndpointConfigInput"]["members"]["CrossRegionTrafficConfig"]
    root = tmp_path_factory.mktemp("data")
    folder = root / "sagemaker" / model["metadata"]["apiVersion"]
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model), encoding="utf-8")
    return root


def _client_on(data_path: Path, local: LocalSageMaker) -> SageMakerClient:
    session = botocore.session.Session()
    session.set_config_variable("data_path", str(data_path))
    client: SageMakerClient = boto3_client(
        boto3.Session(botocore_session=session),
        "sagemaker",
        region_name=local.region,
        endpoint_url=local.endpoint_url,
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )
    return client


def test_the_stand_in_model_really_lacks_the_member(
    models_without_new_members: Path, local: LocalSageMaker
) -> None:
    model = _client_on(models_without_new_members, local).meta.service_model
    members = model.shape_for("InferenceComponentSpecification").members  # type: ignore[attr-defined]
    assert "SchedulingConfig" not in members
    assert "ModelName" in members


def test_a_component_field_the_model_lacks_is_a_spec_error_and_nothing_is_sent(
    models_without_new_members: Path, local: LocalSageMaker
) -> None:
    client = client_for(local, sagemaker=_client_on(models_without_new_members, local))
    plain = small_component("a")
    assert plain.specification is not None
    scheduled = attrs.evolve(
        plain,
        specification=attrs.evolve(
            plain.specification, scheduling=Scheduling(placement_strategy="SPREAD")
        ),
    )
    with pytest.raises(SpecError) as caught:
        client.create(scheduled)
    assert not isinstance(caught.value, ConnectionError)
    assert caught.value.paths == ("request.Specification.SchedulingConfig",)
    message = str(caught.value)
    assert "does not know SchedulingConfig" in message
    assert f"botocore {FLOOR} and newer ship it" in message
    assert f"botocore {botocore.__version__}" in message
    assert local.journal.count(operation="CreateInferenceComponent") == 0
    # The same client sends a component that does without the field.
    assert client.create(plain).endswith("inference-component/a")
    assert local.journal.count(operation="CreateInferenceComponent") == 1


def test_an_older_botocore_is_named_with_the_version_icsdk_needs(
    models_without_new_members: Path, local: LocalSageMaker, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The release just below the floor, whose published model lacks CrossRegionTrafficConfig.
    major, minor, patch = (int(part) for part in FLOOR.split("."))
    older = f"{major}.{minor}.{patch - 1}"
    monkeypatch.setattr(botocore, "__version__", older)
    client = client_for(local, sagemaker=_client_on(models_without_new_members, local))
    endpoint = attrs.evolve(full_endpoint(), name="other-gpu", config_name="other-gpu-v1")
    with pytest.raises(SpecError) as caught:
        client.apply(endpoint, wait=False)
    assert caught.value.paths == ("request.CrossRegionTrafficConfig",)
    (problem,) = caught.value.problems
    assert problem.message == (
        f"botocore {older} is older than icsdk needs and does not know CrossRegionTrafficConfig:"
        f' install botocore>={FLOOR} and boto3>={FLOOR} (pip install -U "boto3>={FLOOR}")'
    )
    assert local.journal.count(operation="CreateEndpointConfig") == 0
    assert local.journal.count(operation="CreateEndpoint") == 0
