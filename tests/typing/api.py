"""Typing tests: checked by mypy --strict and pyright strict, never executed."""

from __future__ import annotations

from typing import assert_type

from mypy_boto3_sagemaker.type_defs import CreateInferenceComponentInputTypeDef

from icsdk import (
    Adapter,
    ComputeRequirements,
    Environment,
    InferenceComponent,
    InferenceComponentBuilder,
    Problem,
    SpecError,
    Specification,
)


def builder_chains() -> None:
    builder = InferenceComponent.builder("a")
    assert_type(builder, InferenceComponentBuilder)
    assert_type(builder.endpoint("e", variant="v").model("m"), InferenceComponentBuilder)
    assert_type(
        builder.compute(ComputeRequirements(min_memory_mb=128)).copies(1).tag("k", "v"),
        InferenceComponentBuilder,
    )
    assert_type(builder.environment({"A": "1"}, B="2"), InferenceComponentBuilder)
    assert_type(
        builder.adapter(Adapter(base="b", artifact_url="s3://b/a")), InferenceComponentBuilder
    )
    ic = builder.build()
    assert_type(ic, InferenceComponent)
    assert_type(ic.to_boto3(), CreateInferenceComponentInputTypeDef)
    assert_type(InferenceComponent.from_boto3(ic.to_boto3()), InferenceComponent)
    assert_type(ic.specification, Specification | None)
    assert_type(ic.copies, int | None)
    assert_type(ic.is_adapter, bool)


def values() -> None:
    compute = ComputeRequirements(min_memory_mb=128, cpu_cores=0.5, accelerators=1)
    assert_type(compute.min_memory_mb, int)
    assert_type(compute.cpu_cores, float | None)
    assert_type(Environment({"A": "1"})["A"], str)


def errors(error: SpecError) -> None:
    assert_type(error.problems, tuple[Problem, ...])
    assert_type(error.paths, tuple[str, ...])
    assert_type(error.problems[0].path, str)
