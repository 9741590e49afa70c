"""Container environment variables: a read-only mapping whose values never print."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

__all__ = ["Environment"]


class Environment(Mapping[str, str]):
    """A read-only, hashable mapping of container environment variables whose values never print.

    Environment values often hold tokens and keys, so `repr` and `str` show only the keys.

    Examples:
        >>> env = Environment({"HF_TOKEN": "hf_abc123", "MAX_INPUT_LENGTH": "4096"})
        >>> env
        Environment({'HF_TOKEN': '***', 'MAX_INPUT_LENGTH': '***'})
        >>> env["MAX_INPUT_LENGTH"]
        '4096'
    """

    __slots__ = ("_values",)

    def __init__(self, values: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        self._values: dict[str, str] = dict(values)

    def __getitem__(self, key: str) -> str:
        return self._values[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __hash__(self) -> int:
        return hash(frozenset(self._values.items()))

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Environment):
            return self._values == other._values
        if other is None:
            return False
        if isinstance(other, Mapping):
            return self._values == dict(other)  # pyright: ignore[reportUnknownArgumentType]
        return NotImplemented

    def to_dict(self) -> dict[str, str]:
        """A new, mutable `dict` of the variables (values included).

        Examples:
            >>> Environment({"A": "1"}).to_dict()
            {'A': '1'}
        """
        return self._values.copy()

    def __repr__(self) -> str:
        return f"Environment({dict.fromkeys(self._values, '***')!r})"

    __str__ = __repr__
