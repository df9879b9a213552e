"""The inline runner: the next chunks are drafted (their MT under way) while one finishes.

The drafting and finishing halves are replaced by recording ones, and the engine by one
that records its calls, so these tests see only the runner's order of work, its overlap,
the engine's turns and its errors.
"""

import threading
import time
from collections.abc import Callable, Sequence
from types import SimpleNamespace
from typing import Any

import pytest

from service.engines.base import BatchResult, PairBatch
from service.languages import Language
from service.workflow import batch_runners
from service.workflow.batch_runners import InlineRunner

WAIT_S = 10.0
SLOW_S = 0.3


class Halves:
    """Recording stand-ins for ``draft_batch_chunk`` and ``finish_batch_chunk`` of
    ``count`` chunks (chunk N is the statement ids ``[N]``), for a runner drafting
    ``ahead`` chunks ahead."""

    def __init__(
        self,
        count: int,
        ahead: int = 1,
        together: bool = False,
        failing_draft: int | None = None,
        failing_finish: int | None = None,
        slow_draft: int | None = None,
        interrupted_finish: int | None = None,
        turn_after_failure: bool = False,
    ) -> None:
        self.count, self.ahead, self.together = count, ahead, together
        self.interrupted_finish = interrupted_finish
        self.turn_after_failure = turn_after_failure  # the chunk after the failing one has
        # its MT before the failure reaches the runner
        self.failing_draft, self.failing_finish, self.slow_draft = (
            failing_draft,
            failing_finish,
            slow_draft,
        )
        self.drafting = [threading.Event() for _ in range(count)]
        self.drafted = [threading.Event() for _ in range(count)]
        self.ended = [threading.Event() for _ in range(count)]  # drafting over, however
        self.events: list[tuple[str, int]] = []
        self._lock = threading.Lock()
        self.in_engine = 0
        self.most_in_engine = 0

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        """The engine: notes which chunk's MT starts and ends, and how many run at once."""
        (chunk,) = [int(text) for batch in batches for text in batch.texts]
        with self._lock:
            self.in_engine += 1
            self.most_in_engine = max(self.most_in_engine, self.in_engine)
        self._note("mt", chunk)
        time.sleep(0.01)
        with self._lock:
            self.in_engine -= 1
        self._note("mt done", chunk)
        return [[]]

    @property
    def chunks(self) -> list[tuple[int, list[int]]]:
        return [(number, [number]) for number in range(self.count)]

    def _note(self, what: str, chunk: int) -> None:
        with self._lock:
            self.events.append((what, chunk))

    def draft(self, workspace: Any, ids: list[int], engine: Any) -> int:
        (chunk,) = ids
        try:
            return self._draft(chunk, engine)
        finally:
            self.ended[chunk].set()

    def _draft(self, chunk: int, engine: Any) -> int:
        self._note("draft", chunk)
        self.drafting[chunk].set()
        if self.together and chunk + 1 < self.count:  # the next one is read meanwhile
            assert self.drafting[chunk + 1].wait(WAIT_S), f"chunk {chunk + 1} is not drafted"
        if chunk == self.slow_draft:
            time.sleep(SLOW_S)
        if chunk == self.failing_draft:
            raise RuntimeError(f"drafting chunk {chunk} failed")
        engine.translate_batches([PairBatch(Language.EN, Language.FR, [str(chunk)])])
        self.drafted[chunk].set()
        return chunk

    def finish(self, workspace: Any, chunk: int) -> int:
        for following in range(chunk + 1, min(chunk + 1 + self.ahead, self.count)):
            # the next chunks' drafting is under way meanwhile
            assert self.drafting[following].wait(WAIT_S), f"chunk {following} is not drafted"
        self._note("finish", chunk)
        if self.turn_after_failure and self.failing_draft == chunk + 1:
            assert self.drafted[chunk + 2].wait(WAIT_S), "the failed chunk's turn never ended"
        if chunk in (self.failing_finish, self.interrupted_finish) and self.slow_draft:
            for earlier in range(chunk + 1, self.slow_draft):  # their MT done: the slow one
                assert self.drafted[earlier].wait(WAIT_S)  # is the one waiting for its turn
        if chunk == self.failing_finish:
            raise RuntimeError(f"finishing chunk {chunk} failed")
        if chunk == self.interrupted_finish:
            raise KeyboardInterrupt
        return 1


Install = Callable[..., Halves]


@pytest.fixture
def halves(monkeypatch: pytest.MonkeyPatch) -> Install:
    def install(count: int, **options: Any) -> Halves:
        made = Halves(count, **options)
        monkeypatch.setattr(batch_runners, "draft_batch_chunk", made.draft)
        monkeypatch.setattr(batch_runners, "finish_batch_chunk", made.finish)
        return made

    return install


def _run(recorded: Halves) -> Any:
    workspace = SimpleNamespace(engine=recorded)
    runner = InlineRunner(workspace=workspace, ahead=recorded.ahead)  # type: ignore[arg-type]
    return runner.run(recorded.chunks)


AHEAD = pytest.mark.parametrize("ahead", [1, 2])


@AHEAD
def test_each_chunk_is_finished_in_order_while_the_next_ones_are_drafted(
    halves: Install, ahead: int
) -> None:
    recorded = halves(5, ahead=ahead)
    assert list(_run(recorded)) == [0, 1, 2, 3, 4]
    assert [chunk for what, chunk in recorded.events if what == "finish"] == [0, 1, 2, 3, 4]
    for chunk in range(4):
        drafted = recorded.events.index(("draft", chunk + 1))
        assert drafted < recorded.events.index(("finish", chunk))
    for chunk in range(5 - ahead):  # ``ahead`` drafted ahead, never more
        finished = recorded.events.index(("finish", chunk))
        assert recorded.events.index(("draft", chunk + ahead)) < finished
        if chunk + ahead + 1 < 5:
            assert recorded.events.index(("draft", chunk + ahead + 1)) > finished


def test_two_ahead_reads_the_next_chunk_while_the_engine_translates_one(
    halves: Install,
) -> None:
    # Each chunk's drafting waits until the next one's has started: only two at once pass.
    recorded = halves(4, ahead=2, together=True)
    assert list(_run(recorded)) == [0, 1, 2, 3]


@AHEAD
def test_the_chunks_take_the_engine_one_at_a_time_in_order(halves: Install, ahead: int) -> None:
    recorded = halves(6, ahead=ahead, together=ahead > 1, slow_draft=0)
    assert list(_run(recorded)) == list(range(6))
    assert recorded.most_in_engine == 1
    engine = [event for event in recorded.events if event[0].startswith("mt")]
    assert engine == [(what, chunk) for chunk in range(6) for what in ("mt", "mt done")]


def test_a_failed_drafting_ends_its_turn(halves: Install) -> None:
    # Chunk 1 fails before its MT: chunk 2's MT still gets its turn (the run stops at 1).
    recorded = halves(4, ahead=2, failing_draft=1, turn_after_failure=True)
    with pytest.raises(RuntimeError, match="drafting chunk 1 failed"):
        list(_run(recorded))
    assert recorded.drafted[2].is_set() and ("mt", 2) in recorded.events


def test_no_chunks_is_nothing_to_do(halves: Install) -> None:
    recorded = halves(0)
    assert list(_run(recorded)) == []
    assert recorded.events == []


@AHEAD
def test_a_drafting_error_stops_the_run_at_its_chunk(halves: Install, ahead: int) -> None:
    recorded = halves(6, ahead=ahead, failing_draft=2)
    done: list[int] = []
    with pytest.raises(RuntimeError, match="drafting chunk 2 failed"):
        for index in _run(recorded):
            done.append(index)
    assert done == [0, 1]
    assert ("draft", 2 + ahead) not in recorded.events


@AHEAD
def test_a_finishing_error_waits_for_the_drafting_under_way(halves: Install, ahead: int) -> None:
    recorded = halves(6, ahead=ahead, failing_finish=1, slow_draft=1 + ahead)
    with pytest.raises(RuntimeError, match="finishing chunk 1 failed"):
        list(_run(recorded))
    _stopped_after_the_mt_under_way(recorded, ahead)


@AHEAD
def test_an_interrupt_waits_for_the_drafting_under_way(halves: Install, ahead: int) -> None:
    recorded = halves(6, ahead=ahead, interrupted_finish=1, slow_draft=1 + ahead)
    with pytest.raises(KeyboardInterrupt):
        list(_run(recorded))
    _stopped_after_the_mt_under_way(recorded, ahead)


def _stopped_after_the_mt_under_way(recorded: Halves, ahead: int) -> None:
    """Chunk 1's finishing stopped the run while chunk ``1 + ahead``, slow to read, was
    drafted (and, two ahead, chunk 2's MT had run).

    The drafting under way is over before the error reaches the caller (nothing uses the
    workspace after the run, and the process never exits inside a CTranslate2 call), and
    no chunk after them was started. The slow chunk, whose turn came after the stop, gave
    its MT up instead of translating: stopping waits for the MT under way, no more.
    """
    slow = 1 + ahead
    assert all(recorded.ended[chunk].is_set() for chunk in range(2, 2 + ahead))
    assert not recorded.drafted[slow].is_set() and ("mt", slow) not in recorded.events
    assert all(recorded.drafted[chunk].is_set() for chunk in range(2, slow))
    assert ("draft", 2 + ahead) not in recorded.events


def test_without_overlap_each_chunk_is_run_whole_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[int]] = []
    monkeypatch.setattr(batch_runners, "run_batch_chunk", lambda _, ids: ran.append(ids))
    runner = InlineRunner(workspace=None, ahead=0)  # type: ignore[arg-type]
    assert list(runner.run([(0, [5]), (1, [6, 7])])) == [0, 1]
    assert ran == [[5], [6, 7]]


def test_two_ahead_is_the_default_only_with_more_than_one_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for cores, expected in (([0], 0), ([0, 1], 2)):
        monkeypatch.setattr(batch_runners, "usable_cores", lambda cores=cores: cores)
        runner = InlineRunner(workspace=None)  # type: ignore[arg-type]
        assert runner.ahead == expected


def test_a_negative_depth_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 0"):
        InlineRunner(workspace=None, ahead=-1)  # type: ignore[arg-type]
