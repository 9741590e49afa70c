"""The canary environment value never appears in a repr, an exception message or a log."""

from __future__ import annotations

import json
import logging
import sys
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import attrs
import pytest

from icsdk import (
    Client,
    ComputeRequirements,
    Container,
    InferenceComponent,
    OutcomeUnknown,
    Polling,
    RetryPolicy,
    SpecError,
    SpecMismatch,
)
from icsdk._log import RedactingFilter, _Installed, install_redaction, redact
from icsdk.testing import FaultKind, LocalSageMaker

from ..samples import CANARY, adapter_component, full_component, pooled_component


def test_reprs_and_strs_never_show_the_canary() -> None:
    for obj in (full_component(), pooled_component(), adapter_component()):
        for text in (repr(obj), str(obj), repr(obj.specification), repr(obj.instance_pools)):
            assert CANARY not in text


def test_errors_plans_and_state_never_show_the_canary(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="icsdk")
    with LocalSageMaker(require_models=False) as local:
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


def _botocore_loggers() -> list[logging.Logger]:
    loggers = logging.Logger.manager.loggerDict
    return [
        logging.getLogger(name)
        for name in list(loggers)
        if name == "botocore" or name.startswith("botocore.")
    ]


def _redacting(logger: logging.Logger) -> int:
    return sum(isinstance(f, RedactingFilter) for f in logger.filters)


@pytest.fixture
def redaction_uninstalled(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No redacting filter anywhere, as in a process that has built no Client yet."""
    for logger in _botocore_loggers():
        for found in [f for f in logger.filters if isinstance(f, RedactingFilter)]:
            logger.removeFilter(found)
    monkeypatch.setattr(_Installed, "loggers", -1)
    yield
    monkeypatch.undo()
    install_redaction()


def test_botocore_debug_records_never_show_the_canary(
    redaction_uninstalled: None,
    caplog: pytest.LogCaptureFixture,
) -> None:
    # As `logging.basicConfig(level=logging.DEBUG)` would: every botocore and urllib3 record.
    for name in (None, "botocore", "urllib3"):
        caplog.set_level(logging.DEBUG, logger=name)
    with LocalSageMaker(require_models=False) as local:
        local.create_endpoint("shared-gpu")
        client = local.client(polling=Polling(initial=0.01, maximum=0.05))
        # The Client installed the filter, on the loggers that carry bodies among others.
        assert all(
            _redacting(logging.getLogger(f"botocore.{name}")) == 1
            for name in ("endpoint", "parsers", "hooks", "auth", "retryhandler")
        )
        ic = full_component()
        client.apply(ic)
        client.describe(ic.name)
        client.plan(ic)
        client.invoke(ic.name, b'{"inputs": "hi"}')
        client.delete(ic.name)
    records = [r for r in caplog.records if r.name.startswith(("botocore", "urllib3"))]
    texts = [logging.Formatter().format(r) for r in records]
    assert all(CANARY not in text for text in texts)
    assert all(CANARY not in repr(record.args) for record in records)
    # Not vacuous: the request that created it and the answers that described it were logged,
    # with their environment masked.
    masked = [r.name for r, text in zip(records, texts, strict=True) if '"HF_TOKEN": "***"' in text]
    assert {"botocore.endpoint", "botocore.parsers"} <= set(masked)


def test_a_logger_created_later_gets_the_filter_at_the_next_install(
    redaction_uninstalled: None,
) -> None:
    install_redaction()
    later = logging.getLogger("botocore.icsdk_test_created_later")
    assert _redacting(later) == 0
    install_redaction()
    assert _redacting(later) == 1


def test_installing_from_many_threads_adds_one_filter_per_logger(
    redaction_uninstalled: None,
) -> None:
    barrier = threading.Barrier(16)

    def install() -> None:
        barrier.wait()
        install_redaction()

    threads = [threading.Thread(target=install) for _ in range(16)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert {_redacting(logger) for logger in _botocore_loggers()} == {1}


_ENV = {"HF_TOKEN": CANARY, "QUOTED": f'say "hé" {CANARY}', "BRACED": f'x"}} {CANARY}\\'}
_MASKED = dict.fromkeys(_ENV, "***")
_SHAPES: list[Any] = [
    {"Environment": _ENV},
    {"Specification": {"Container": {"Image": "tgi", "Environment": _ENV}}},
    {"Specifications": [{"Container": {"Environment": _ENV}}, {"Container": {"Environment": {}}}]},
]


def _compact_json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


def _json_bytes_repr(value: object) -> str:
    return repr(json.dumps(value).encode())


def _utf8_bytes_repr(value: object) -> str:
    return repr(json.dumps(value, ensure_ascii=False).encode())


def _params_dict(value: object) -> str:
    # How botocore.endpoint logs a request: a dict whose body is the JSON as bytes.
    return str({"url_path": "/", "body": json.dumps(value).encode()})


_RENDERINGS: dict[str, Callable[[object], str]] = {
    "python-repr": str,
    "json": json.dumps,
    "compact-json": _compact_json,
    "json-bytes-repr": _json_bytes_repr,
    "utf8-bytes-repr": _utf8_bytes_repr,
    "params-dict": _params_dict,
}


@pytest.mark.parametrize("shape", _SHAPES)
@pytest.mark.parametrize("render", _RENDERINGS.values(), ids=_RENDERINGS.keys())
def test_redact_masks_every_value_and_keeps_the_keys(
    shape: Any, render: Callable[[object], str]
) -> None:
    text = render(shape)
    redacted = redact(text)
    assert CANARY not in redacted
    masked = json.loads(
        json.dumps(shape).replace(json.dumps(_ENV)[1:-1], json.dumps(_MASKED)[1:-1])
    )
    assert redacted == render(masked)


def test_redact_leaves_other_text_alone_and_fails_closed() -> None:
    plain = "Event before-send.sagemaker.CreateInferenceComponent: calling handler <function f>"
    assert redact(plain) is plain
    assert redact("EnvironmentProvider loaded") == "EnvironmentProvider loaded"
    unreadable = json.dumps({"Message": json.dumps({"Environment": {"K": CANARY}})})
    assert redact(unreadable).endswith("{***} [rest of the message redacted]")
    assert CANARY not in redact("{'Environment': ['K', '" + CANARY + "']}")
    assert CANARY not in redact("{'Environment': {'bad key': '" + CANARY + "'}}")
    # An `Environment` key inside a value already masked is not read again.
    nested = json.dumps({"Environment": {"K": json.dumps({"Environment": {"K": CANARY}})}})
    assert redact(nested) == '{"Environment": {"K": "***"}}'
    broken = logging.LogRecord("botocore.hooks", logging.DEBUG, __file__, 1, "%d", ("x",), None)
    assert RedactingFilter().filter(broken)
    assert broken.args == ("x",)


def test_the_filter_redacts_arguments_tracebacks_and_stacks() -> None:
    body = json.dumps({"Environment": {"HF_TOKEN": CANARY}}).encode()
    try:
        raise ValueError(body)
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "botocore.endpoint", logging.DEBUG, __file__, 1, "params: %s", ({"body": body},), exc_info
    )
    record.stack_info = f"Stack (most recent call last):\n  {body!r}"
    assert RedactingFilter().filter(record)
    assert record.args == ()
    assert record.exc_info is None
    formatted = logging.Formatter().format(record)
    assert CANARY not in formatted
    assert formatted.count('"HF_TOKEN": "***"') == 3
    try:
        raise ValueError("no environment here")
    except ValueError:
        harmless = sys.exc_info()
    untouched = logging.LogRecord(
        "botocore.hooks", logging.DEBUG, __file__, 1, "Event %s", ("x",), harmless
    )
    assert RedactingFilter().filter(untouched)
    assert untouched.args == ("x",)
    assert untouched.exc_info is harmless
    assert untouched.exc_text is None


def test_builder_reprs_never_show_the_canary() -> None:
    builder = (
        InferenceComponent.builder("llama")
        .endpoint("shared-gpu")
        .model("llama-model")
        .compute(ComputeRequirements(min_memory_mb=1024))
        .environment(HF_TOKEN=CANARY)
        .environment({"OTHER": CANARY})
    )
    assert CANARY not in repr(builder)
    assert CANARY not in str(builder)
    assert CANARY not in repr(builder.build())


@pytest.mark.parametrize(
    "environment",
    [
        pytest.param(f"HF_TOKEN={CANARY}", id="str"),
        pytest.param(CANARY.encode(), id="bytes"),
        pytest.param([("HF_TOKEN", CANARY)], id="pairs"),
        pytest.param([f"HF_TOKEN={CANARY}"], id="list-of-str"),
        pytest.param({"COUNT": 4, "HF_TOKEN": CANARY}, id="non-str-value"),
        pytest.param({"HF_TOKEN": CANARY * 100}, id="too-long"),
    ],
)
def test_an_environment_in_the_wrong_shape_is_refused_without_the_canary(
    environment: Any,
) -> None:
    with pytest.raises(SpecError) as refused:
        Container(environment=environment)
    assert CANARY not in str(refused.value)
    assert CANARY not in "".join(traceback.format_exception(refused.value))


def test_errors_after_an_ambiguous_create_never_show_the_canary() -> None:
    with LocalSageMaker(require_models=False) as local:
        local.create_endpoint("shared-gpu")
        client = local.client(
            polling=Polling(initial=0.01, maximum=0.05), retry=RetryPolicy(attempts=3, deadline=3)
        )
        ic = full_component()
        errors: list[BaseException] = []
        # The service never answers whether the create happened: the outcome is unknown.
        local.faults.script(FaultKind.INTERNAL_ERROR, operation="CreateInferenceComponent")
        local.faults.script(
            FaultKind.INTERNAL_ERROR, operation="DescribeInferenceComponent", times=100
        )
        with pytest.raises(OutcomeUnknown) as unknown:
            client.create(ic)
        errors.append(unknown.value)
        local.faults.clear()
        # It had not happened. Once it has, an ambiguous create of another spec is a mismatch.
        client.apply(ic)
        local.faults.script(FaultKind.INTERNAL_ERROR, operation="CreateInferenceComponent")
        with pytest.raises(SpecMismatch) as mismatch:
            client.create(attrs.evolve(ic, copies=5))
        errors.append(mismatch.value)
    for error in errors:
        assert CANARY not in str(error)
        assert CANARY not in repr(error)
        assert CANARY not in "".join(traceback.format_exception(error))


@pytest.mark.parametrize("wrong", [f"HF_TOKEN={CANARY}", [("HF_TOKEN", CANARY)], 42])
def test_the_builder_refuses_an_environment_of_the_wrong_shape_quietly(wrong: Any) -> None:
    builder = InferenceComponent.builder("a").endpoint("e").model("m")
    with pytest.raises(SpecError, match="must be a mapping") as caught:
        builder.environment(wrong)
    assert CANARY not in str(caught.value)
