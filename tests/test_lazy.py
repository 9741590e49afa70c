"""Once: a value made on first use, once, whichever threads ask."""

from __future__ import annotations

import threading

import pytest

from icsdk._lazy import Once


def test_once_makes_its_value_once_whichever_threads_ask() -> None:
    calls: list[int] = []
    gate = threading.Barrier(8)

    def make() -> object:
        calls.append(1)
        return object()

    once = Once(make)
    got: list[object] = []

    def ask() -> None:
        gate.wait()
        got.append(once.get())

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert len(calls) == 1
    assert len(got) == 8 and all(value is got[0] for value in got)


def test_a_failed_make_is_tried_again_on_the_next_get() -> None:
    attempts: list[int] = []

    def make() -> str:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("not yet")
        return "made"

    once = Once(make)
    with pytest.raises(RuntimeError):
        once.get()
    assert once.get() == "made" and once.get() == "made"
    assert len(attempts) == 2
