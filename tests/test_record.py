"""Record gives what attrs would have generated: the same equality, hash and repr."""

from __future__ import annotations

import pickle

import attrs

from icsdk._record import Record


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Point(Record):
    x: int
    y: tuple[int, ...] = ()
    label: str = attrs.field(default="", eq=False, repr=False)


@attrs.frozen(kw_only=True)
class GeneratedPoint:
    """The same fields, with attrs' own generated methods: the expectation."""

    x: int
    y: tuple[int, ...] = ()
    label: str = attrs.field(default="", eq=False, repr=False)


@attrs.frozen(kw_only=True, eq=False, repr=False)
class Other(Record):
    x: int
    y: tuple[int, ...] = ()


CASES = [({"x": 1}, {"x": 1, "label": "b"}), ({"x": 1, "y": (2,)}, {"x": 1}), ({"x": 3}, {"x": 4})]


def test_equality_hash_and_repr_match_what_attrs_generates() -> None:
    for left, right in CASES:
        ours = (Point(**left), Point(**right))  # type: ignore[arg-type]
        theirs = (GeneratedPoint(**left), GeneratedPoint(**right))  # type: ignore[arg-type]
        assert (ours[0] == ours[1]) == (theirs[0] == theirs[1])
        assert (ours[0] != ours[1]) == (theirs[0] != theirs[1])
        assert (hash(ours[0]) == hash(ours[1])) == (hash(theirs[0]) == hash(theirs[1]))
        assert repr(ours[0]).removeprefix("Point") == repr(theirs[0]).removeprefix("GeneratedPoint")


def test_another_class_or_none_is_never_equal() -> None:
    assert Point(x=1) != Other(x=1)
    assert Point(x=1).__eq__(Other(x=1)) is NotImplemented
    assert Point(x=1) != None  # noqa: E711 (the wire converter's test)


def test_a_record_pickles_and_keeps_its_hash() -> None:
    point = Point(x=1, y=(2, 3), label="kept")
    copy = pickle.loads(pickle.dumps(point))
    assert copy == point and hash(copy) == hash(point) and copy.label == "kept"
