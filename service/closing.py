"""A context manager that closes what it holds on the way out (Store, Workspace)."""

from abc import ABC, abstractmethod
from types import TracebackType
from typing import Self


class Closing(ABC):
    """``with thing as it: ...`` calls ``thing.close()`` at the end, however it ends."""

    @abstractmethod
    def close(self) -> None:
        """Release what this holds (connections, pools); safe to call twice."""

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
