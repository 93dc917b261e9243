"""Work kept per item from one run to the next, for the live preview's long-lived process.

After one edit, almost every file is read back as the same object (``load`` keeps it by path
while its bytes are the same, as ``stamps`` tells), so almost every entity, source and event is
the same object as in the run before. A ``Memo`` keeps what was computed for each item with the
inputs it was computed from, and hands it back while the inputs are the same objects (or equal
ones). Nothing here knows what is computed: each stage says what its work is made of.

A run is entered in one place (``one_run``, in ``pipeline.check``), which ends it for every
``Memo`` the caches hold; the stages only ask their memos, and never end a run themselves.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import fields, is_dataclass
from typing import Any, Callable, Hashable, Iterator, TypeVar

Value = TypeVar("Value")


class Memo:
    """Values by key, each reused while its inputs are unchanged. A run (``one_run``) ends with
    ``done``: what the run did not ask for (a removed file's entries) is forgotten."""

    __slots__ = ("_last", "_this")

    def __init__(self) -> None:
        self._last: dict[Hashable, tuple[Any, Any]] = {}
        self._this: dict[Hashable, tuple[Any, Any]] = {}

    def get(self, key: Hashable, inputs: Any, compute: Callable[[], Value]) -> Value:
        """The value kept for ``key`` if it was computed from these inputs, else ``compute()``.

        Inputs are compared by identity first, then by equality (a tuple's items by identity,
        then equality, as Python compares tuples), so unchanged objects cost a pointer test."""
        kept = self._last.get(key)  # (what ``kept`` does, written out: this runs for every file on every save)
        if kept is None or not (kept[0] is inputs or kept[0] == inputs):
            kept = (inputs, compute())
        self._this[key] = kept
        return kept[1]

    def kept(self, key: Hashable, inputs: Any, default: Any = None) -> Any:
        """The value kept for ``key`` if it was computed from these inputs (and kept for the next
        run too), else ``default``."""
        kept = self._last.get(key)
        if kept is None or not (kept[0] is inputs or kept[0] == inputs):
            return default
        self._this[key] = kept
        return kept[1]

    def keep(self, key: Hashable, inputs: Any, value: Value) -> Value:
        """Keep ``value``, computed from ``inputs``, for the next run."""
        self._this[key] = (inputs, value)
        return value

    def begin(self) -> None:
        """Start a run: what a run that failed half-way kept is dropped (the one before it counts)."""
        self._this = {}

    def done(self) -> None:
        """End a run: the next one reuses what this one computed or kept, and nothing else."""
        self._last, self._this = self._this, {}


@contextmanager
def one_run(caches: Any) -> Iterator[None]:
    """One run of the stages over ``caches`` (a dataclass holding memos, directly or in dataclasses
    of its own). When the run ends, every memo keeps what the run used for the next one; a run
    that raises ends none of them, so the next run reuses what the last whole one kept."""
    memos = list(_memos_in(caches))
    for memo in memos:
        memo.begin()
    yield
    for memo in memos:
        memo.done()


def _memos_in(holder: Any) -> Iterator[Memo]:
    for field in fields(holder):
        value = getattr(holder, field.name)
        if isinstance(value, Memo):
            yield value
        elif is_dataclass(value) and not isinstance(value, type):
            yield from _memos_in(value)
