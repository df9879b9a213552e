"""One outcome per input, in order: a result or the error that stopped that input.

Every use case over many inputs (JSON Lines, a batch, a job queue) returns a list of
:class:`Outcome`; a bad input never stops the others. Edges render a failed outcome their
own way (the CLI as ``{"line": N, "error", "code"}``, the API as a problem body).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from service.errors import AdaptError

T = TypeVar("T")
R = TypeVar("R")
T_co = TypeVar("T_co", covariant=True)


@dataclass(frozen=True)
class Outcome(Generic[T_co]):
    """Exactly one of ``value`` and ``error`` is set."""

    value: T_co | None = None
    error: AdaptError | None = None

    def __post_init__(self) -> None:
        if (self.value is None) == (self.error is None):
            raise ValueError("an outcome has either a value or an error")

    @property
    def ok(self) -> bool:
        return self.error is None

    def unwrap(self) -> T_co:
        """The value; raises the error of a failed outcome."""
        if self.error is not None:
            raise self.error
        assert self.value is not None
        return self.value


def attempt(function: Callable[[T], R], item: T) -> Outcome[R]:
    """``function(item)`` as an outcome: its value, or the :class:`AdaptError` it raised."""
    try:
        return Outcome(value=function(item))
    except AdaptError as error:
        return Outcome(error=error)


def map_ok(
    outcomes: Sequence[Outcome[T]], many: Callable[[list[T]], Sequence[Outcome[R]]]
) -> list[Outcome[R]]:
    """Give the successful values to ``many`` at once; failures keep their places.

    ``many`` returns one outcome per value, in order; an :class:`AdaptError` it raises fails
    every value it was given.
    """
    values = [outcome.value for outcome in outcomes if outcome.value is not None]
    try:
        results = iter(many(values) if values else [])
    except AdaptError as error:
        results = iter([Outcome[R](error=error)] * len(values))
    finished: list[Outcome[R]] = []
    for outcome in outcomes:
        if outcome.error is not None:
            finished.append(Outcome(error=outcome.error))
        else:
            finished.append(next(results))
    return finished
