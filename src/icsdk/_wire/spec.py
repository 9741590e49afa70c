"""The one place where icsdk's spec meets AWS's field names.

One cattrs converter, built on first use by `_converter`, turns spec objects into the exact
keyword arguments boto3 takes, and boto3 kwargs back into spec objects. It knows no spec class in
advance: a hook for a class is generated the first time the class is rendered or parsed, from the
class's attrs fields and the names in `icsdk._wire.names` (tables keyed by class name), so the
spec classes can import this module and not the other way round.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, get_args, get_origin

import attrs

from .._base import Spec, deferred_validation, validate
from .._constraints import Problem
from .._deployment import DeploymentConfig
from .._environment import Environment
from .._errors import SpecError
from .._fields import optional_of, per_class
from .._specification import Specification
from .names import (
    FINISHERS,
    OFF_WIRE,
    PARSERS,
    RENAMES,
    RENDERERS,
    UNWRAPPED,
    Structure,
    Unstructure,
    member_names,
)

if TYPE_CHECKING:
    import cattrs
    from mypy_boto3_sagemaker.type_defs import (
        CreateInferenceComponentInputTypeDef,
        UpdateInferenceComponentInputTypeDef,
        UpdateInferenceComponentRuntimeConfigInputTypeDef,
    )


__all__ = [
    "RENAMES",
    "member_names",
    "parse",
    "parse_response",
    "render",
    "render_create",
    "render_deployment",
    "render_runtime_update",
    "render_update",
    "deployment_from_wire",
    "spec_from_summary",
]

_T = TypeVar("_T", bound=Spec)


def _identity(value: Any, _: Any = None) -> Any:
    return value


def _is_spec(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, Spec)


def _origin(annotation: Any) -> object:
    return get_origin(annotation)


def _is_literal(annotation: Any) -> bool:
    return _origin(annotation) is Literal


def _is_mapping(annotation: Any) -> bool:
    return _origin(annotation) is Mapping


@functools.cache
def _converter(strict: bool = True) -> cattrs.Converter:
    """The converter, configured once; each class's hooks are generated on first use.

    Strict for what users give (an unknown key is a mistake to report); lenient for what the
    service answers, which may carry members newer than the installed botocore's model.
    """
    import cattrs

    converter = cattrs.Converter(detailed_validation=True, forbid_extra_keys=strict)
    # Values pass through unchanged: the spec classes check types and report them with paths,
    # so a coercion here (int("12")) would hide a mistake the user should see.
    for primitive in (str, int, float, bool):
        converter.register_structure_hook(primitive, _identity)
    converter.register_structure_hook_func(_is_literal, _identity)
    converter.register_structure_hook_func(_is_mapping, _identity)

    def unstructure_fn(cls: type[Spec]) -> Unstructure:
        return _unstructure_fn(converter, cls)

    def structure_fn(cls: type[Spec]) -> Structure:
        return _structure_fn(converter, cls)

    converter.register_unstructure_hook_factory(_is_spec, unstructure_fn)
    converter.register_structure_hook_factory(_is_spec, structure_fn)
    return converter


def _unstructure_fn(converter: cattrs.Converter, cls: type[Spec]) -> Unstructure:
    """Spec -> request for `cls`: members renamed, unset fields left out, reshaped ones by hand.

    A child spec's hook is generated the first time a value of it is rendered (`_child`), and
    called from the parent's generated code, which keeps rendering a whole component within a
    few microseconds.
    """
    from cattrs.gen import make_dict_unstructure_fn, override

    names = member_names(cls)
    overrides: dict[str, Any] = {}
    for field in attrs.fields(attrs.resolve_types(cls)):
        if field.name in names:
            overrides[field.name] = override(
                rename=names[field.name],
                unstruct_hook=_field_unstructurer(converter, field.type),
                # A member with a default value (EnforcementMode) is one the model requires.
                omit_if_default=field.default is None,
            )
    for name, (wire, render) in RENDERERS.get(cls.__name__, {}).items():
        overrides[name] = override(rename=wire, unstruct_hook=render, omit_if_default=True)
    for name in OFF_WIRE.get(cls.__name__, ()):
        overrides[name] = override(omit=True)
    hook: Unstructure = make_dict_unstructure_fn(
        cls, converter, _cattrs_omit_if_default=True, **overrides
    )
    finish = FINISHERS.get(cls.__name__)
    return finish(hook) if finish else hook


def _structure_fn(converter: cattrs.Converter, cls: type[Spec]) -> Structure:
    """Request/response -> spec for `cls`: strict (unknown keys refused), reshaped ones by hand."""
    from cattrs.gen import make_dict_structure_fn, override

    names = member_names(cls)
    unwrapped = UNWRAPPED.get(cls.__name__, {})
    overrides: dict[str, Any] = {}
    for field in attrs.fields(attrs.resolve_types(cls)):
        if field.name in names:
            hook = _field_structurer(converter, field.type)
            overrides[field.name] = override(rename=names[field.name], struct_hook=hook)
        elif field.name in unwrapped:
            wire, parse_member = unwrapped[field.name]
            overrides[field.name] = override(rename=wire, struct_hook=parse_member)
        else:
            overrides[field.name] = override(omit=True)
    structure: Structure = make_dict_structure_fn(cls, converter, **overrides)
    parse_reshaped = PARSERS.get(cls.__name__)
    return parse_reshaped(structure) if parse_reshaped else structure


def _field_structurer(converter: cattrs.Converter, annotation: Any) -> Structure | None:
    """A direct hook for an optional child spec or a plain value; None: cattrs' own."""
    kind = optional_of(annotation)
    if _is_spec(kind):
        child = converter.get_structure_hook(kind)

        def structure_child(value: Any, _: Any) -> Any:
            return None if value is None else child(value, kind)

        return structure_child
    if kind in (str, int, float, bool) or _is_literal(kind) or _is_mapping(kind):
        return _identity
    return None


def _field_unstructurer(converter: cattrs.Converter, annotation: Any) -> Callable[[Any], Any]:
    """The hook for one non-None field value: a child's hook, a list of them, or a copy."""
    kind = optional_of(annotation)
    if _is_spec(kind):
        return _child(converter, kind)
    if get_origin(kind) is tuple:
        item = get_args(kind)[0]
        if _is_spec(item):
            return _as_list(_child(converter, item))
        return list
    if _is_mapping(kind):
        return Environment.to_dict
    from cattrs.fns import identity

    return identity  # cattrs inlines its own identity: the value is copied without a call


def _child(converter: cattrs.Converter, cls: type) -> Callable[[Any], Any]:
    """`cls`'s hook, generated when a value of it is first rendered, not with its parent's.

    A request rarely holds every optional child (most components set no container, no
    scheduling, no adapter), and generating a hook compiles a function: a first create pays
    only for the classes it renders. Once generated, the hook is called with one call more.
    """
    hook: Callable[[Any], Any] | None = None

    def unstructure(value: Any) -> Any:
        nonlocal hook
        if hook is None:
            hook = converter.get_unstructure_hook(cls)
        return hook(value)

    return unstructure


def _as_list(hook: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def unstructure(items: Any) -> Any:
        return [hook(item) for item in items]

    return unstructure


@per_class
def _unstructure_hook(cls: type) -> Unstructure:
    return _converter().get_unstructure_hook(cls)


def render(spec: Spec) -> dict[str, Any]:
    """The request structure of `spec`, any spec class: AWS member names, unset fields left out."""
    return _unstructure_hook(type(spec))(spec)


def render_create(component: Spec) -> CreateInferenceComponentInputTypeDef:
    """`create_inference_component` kwargs for `component` (an `InferenceComponent`)."""
    return cast(
        "CreateInferenceComponentInputTypeDef", _unstructure_hook(type(component))(component)
    )


def render_update(
    component: Spec,
    *,
    specification: bool = True,
    copies: bool = True,
    deployment: DeploymentConfig | None = None,
) -> UpdateInferenceComponentInputTypeDef:
    """`update_inference_component` kwargs: the spec and/or copies of `component`."""
    create = _unstructure_hook(type(component))(component)
    request: dict[str, Any] = {"InferenceComponentName": create["InferenceComponentName"]}
    if specification:
        for key in ("Specification", "Specifications"):
            if key in create:
                request[key] = create[key]
    if copies and "RuntimeConfig" in create:
        request["RuntimeConfig"] = create["RuntimeConfig"]
    if deployment is not None:
        request["DeploymentConfig"] = render_deployment(deployment)
    return cast("UpdateInferenceComponentInputTypeDef", request)


def render_deployment(deployment: DeploymentConfig) -> dict[str, Any]:
    """`DeploymentConfig` for an update."""
    return _unstructure_hook(DeploymentConfig)(deployment)


def render_runtime_update(
    name: str, copies: int
) -> UpdateInferenceComponentRuntimeConfigInputTypeDef:
    """`update_inference_component_runtime_config` kwargs: a new copy count."""
    return {"InferenceComponentName": name, "DesiredRuntimeConfig": {"CopyCount": copies}}


def parse(cls: type[_T], wire: Any) -> _T:
    """Structure `wire` into a validated `cls`; every problem becomes one SpecError."""
    converter = _converter()
    with deferred_validation():
        try:
            value = converter.structure(wire, cls)
        except Exception as error:
            raise SpecError(_problems_from(error, "")) from None
    validate(value)
    return value


def _join(prefix: str, name: str) -> str:
    return f"{prefix}.{name}" if prefix and name else prefix or name


def _problems_from(error: BaseException, path: str) -> list[Problem]:
    from cattrs.errors import (
        ClassValidationError,
        ForbiddenExtraKeysError,
        IterableValidationError,
    )

    if isinstance(error, SpecError):
        return [Problem(_join(path, p.path), p.message) for p in error.problems]
    if isinstance(error, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(error.extra_fields))
        return [Problem(path, f"unknown key(s): {keys}")]
    if isinstance(error, ClassValidationError):
        found: list[Problem] = []
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(inner, KeyError):
                found.append(Problem(_join(path, note.name), "is required"))
            else:
                found.extend(_problems_from(inner, _join(path, note.name)))
        for inner in without:
            found.extend(_problems_from(inner, path))
        return found
    if isinstance(error, IterableValidationError):
        found = []
        with_index, without = error.group_exceptions()
        for inner, index_note in with_index:
            found.extend(_problems_from(inner, f"{path}[{index_note.index}]"))
        for inner in without:
            found.extend(_problems_from(inner, path))
        return found
    return [Problem(path, f"has the wrong shape ({type(error).__name__}: {error})")]


# -- responses -------------------------------------------------------------------------------


@functools.cache
def _known_spec_keys() -> frozenset[str]:
    """Members of Describe's specification summary that icsdk reads."""
    reshaped = {wire for wire, _ in RENDERERS["Specification"].values()}
    return frozenset([*member_names(Specification).values(), *reshaped])


def spec_from_summary(summary: Mapping[str, Any]) -> Specification:
    """A Specification from Describe's summary (image as specified, unknown members dropped)."""
    known = _known_spec_keys()
    if summary.keys() <= known and "Container" not in summary:
        data: Mapping[str, Any] = summary
    else:
        data = {key: value for key, value in summary.items() if key in known}
        container = data.get("Container")
        if container is not None:
            container = dict(container)
            deployed = container.pop("DeployedImage", None)
            if deployed is not None and "SpecifiedImage" in deployed:
                container["Image"] = deployed["SpecifiedImage"]
            data["Container"] = container
    with deferred_validation():  # the service's own state: already accepted once
        return _specification_hook()(data, Specification)


def parse_response(cls: type[_T], wire: Any) -> _T:
    """A `cls` from the service's answer: members newer than icsdk dropped, not re-validated.

    A shape icsdk cannot read (or one it refuses) raises SpecError, as `parse` does.
    """
    with deferred_validation():  # the service's own state: already accepted once
        try:
            value: _T = _converter(strict=False).structure(wire, cls)
        except SpecError:
            raise
        except Exception as error:
            raise SpecError(_problems_from(error, "")) from None
    return value


def deployment_from_wire(wire: Mapping[str, Any]) -> DeploymentConfig:
    """A DeploymentConfig from a Describe response's LastDeploymentConfig."""
    return parse_response(DeploymentConfig, wire)


@functools.cache
def _specification_hook() -> Callable[[Any, Any], Specification]:
    return _converter(strict=False).get_structure_hook(Specification)
