"""Chunks drafted side by side take the engine one at a time, in order.

A chunk's drafting is reading and masking (Python, one core), then one engine call (MT on
every core). The inline runner drafts the next chunk while the engine translates this one,
so that the engine goes from one chunk's MT to the next without waiting for the next
chunk's reading; but two chunks' MT at once would share the cores, and cost more CPU time
than it saves (``bench/batch_overlap.py``). So each chunk gets a turn, in the order the
chunks were drafted: its engine calls wait until every earlier chunk's drafting has ended.
A chunk that needs no MT (every line from memory) takes no turn and holds nobody up. When
the run stops (an error, Ctrl-C), the turns are cancelled: a chunk still waiting for its
turn gives up at once instead of translating, so stopping waits for at most the one MT
under way.
"""

import threading
from collections.abc import Callable, Sequence

from service.engines.base import BatchResult, EngineOutput, PairBatch, Route, TranslationEngine
from service.languages import Language


class TurnCancelled(BaseException):
    """The run is stopping: a chunk that had not had its turn does not translate. Like
    KeyboardInterrupt, not an error of the chunk (its statements stay started, for the
    rerun), so it passes the handlers that mark statements failed."""


class EngineTurns:
    """Turns ``0, 1, 2…`` at one engine: turn ``n`` waits for turns ``0…n-1`` to end.

    ``engine`` gives the engine when a turn first needs it (a workspace builds its engine
    on first use, and an engine that cannot be built fails the chunks that need it).
    """

    def __init__(self, engine: Callable[[], TranslationEngine]) -> None:
        self._engine = engine
        self._ended: set[int] = set()
        self._next = 0  # the lowest turn that has not ended
        self._cancelled = False
        self._changed = threading.Condition()

    def engine(self, turn: int) -> "TurnTakingEngine":
        """The engine as turn ``turn`` uses it: its calls wait for the earlier turns."""
        return TurnTakingEngine(self._engine, self, turn)

    def wait_for(self, turn: int) -> None:
        """Block until every turn before ``turn`` has ended; raises :class:`TurnCancelled`
        once the turns are cancelled."""
        with self._changed:
            self._changed.wait_for(lambda: self._next >= turn or self._cancelled)
            if self._cancelled:
                raise TurnCancelled(f"turn {turn} cancelled: the run is stopping")

    def cancel(self) -> None:
        """Stop giving turns: every translation that has not started gives up."""
        with self._changed:
            self._cancelled = True
            self._changed.notify_all()

    def end(self, turn: int) -> None:
        """Turn ``turn`` is over (its chunk drafted, or failed): the next may go."""
        with self._changed:
            self._ended.add(turn)
            while self._next in self._ended:
                self._ended.discard(self._next)
                self._next += 1
            self._changed.notify_all()


class TurnTakingEngine:
    """``engine`` for one turn: translating waits for the earlier turns; routes do not."""

    def __init__(
        self, engine: Callable[[], TranslationEngine], turns: EngineTurns, turn: int
    ) -> None:
        self._engine, self._turns, self._turn = engine, turns, turn

    @property
    def name(self) -> str:
        return self._engine().name

    def route(self, source: Language, target: Language) -> Route:
        return self._engine().route(source, target)

    def supports(self, source: Language, target: Language) -> bool:
        return self._engine().supports(source, target)

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[EngineOutput]:
        self._turns.wait_for(self._turn)
        return self._engine().translate_batch(texts, source, target)

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        self._turns.wait_for(self._turn)
        return self._engine().translate_batches(batches)
