"""The inline runner: the next chunk is drafted (its MT under way) while this one finishes.

The drafting and finishing halves are replaced by recording ones, so these tests see only
the runner's order of work, its overlap and its errors.
"""

import threading
import time
from collections.abc import Callable
from typing import Any

import pytest

from service.workflow import batch_runners
from service.workflow.batch_runners import InlineRunner

WAIT_S = 10.0
SLOW_S = 0.3


class Halves:
    """Recording stand-ins for ``draft_batch_chunk`` and ``finish_batch_chunk`` of
    ``count`` chunks (chunk N is the statement ids ``[N]``)."""

    def __init__(
        self,
        count: int,
        failing_draft: int | None = None,
        failing_finish: int | None = None,
        slow_draft: int | None = None,
        interrupted_finish: int | None = None,
    ) -> None:
        self.count = count
        self.interrupted_finish = interrupted_finish
        self.failing_draft, self.failing_finish, self.slow_draft = (
            failing_draft,
            failing_finish,
            slow_draft,
        )
        self.drafting = [threading.Event() for _ in range(count)]
        self.drafted = [threading.Event() for _ in range(count)]
        self.events: list[tuple[str, int]] = []
        self._lock = threading.Lock()

    @property
    def chunks(self) -> list[tuple[int, list[int]]]:
        return [(number, [number]) for number in range(self.count)]

    def _note(self, what: str, chunk: int) -> None:
        with self._lock:
            self.events.append((what, chunk))

    def draft(self, workspace: Any, ids: list[int]) -> int:
        (chunk,) = ids
        self._note("draft", chunk)
        self.drafting[chunk].set()
        if chunk == self.slow_draft:
            time.sleep(SLOW_S)
        if chunk == self.failing_draft:
            raise RuntimeError(f"drafting chunk {chunk} failed")
        self.drafted[chunk].set()
        return chunk

    def finish(self, workspace: Any, chunk: int) -> int:
        if chunk + 1 < self.count:  # the next chunk's drafting is under way meanwhile
            assert self.drafting[chunk + 1].wait(WAIT_S), f"chunk {chunk + 1} is not drafted"
        self._note("finish", chunk)
        if chunk == self.failing_finish:
            raise RuntimeError(f"finishing chunk {chunk} failed")
        if chunk == self.interrupted_finish:
            raise KeyboardInterrupt
        return 1


Install = Callable[..., Halves]


@pytest.fixture
def halves(monkeypatch: pytest.MonkeyPatch) -> Install:
    def install(count: int, **options: int) -> Halves:
        made = Halves(count, **options)
        monkeypatch.setattr(batch_runners, "draft_batch_chunk", made.draft)
        monkeypatch.setattr(batch_runners, "finish_batch_chunk", made.finish)
        return made

    return install


def _run(recorded: Halves) -> Any:
    return InlineRunner(workspace=None, overlap=True).run(recorded.chunks)  # type: ignore[arg-type]


def test_each_chunk_is_finished_in_order_while_the_next_one_is_drafted(halves: Install) -> None:
    recorded = halves(4)
    assert list(_run(recorded)) == [0, 1, 2, 3]
    assert [chunk for what, chunk in recorded.events if what == "finish"] == [0, 1, 2, 3]
    for chunk in range(3):
        drafted = recorded.events.index(("draft", chunk + 1))
        assert drafted < recorded.events.index(("finish", chunk))


def test_no_chunks_is_nothing_to_do(halves: Install) -> None:
    recorded = halves(0)
    assert list(_run(recorded)) == []
    assert recorded.events == []


def test_a_drafting_error_stops_the_run_at_its_chunk(halves: Install) -> None:
    recorded = halves(4, failing_draft=2)
    done: list[int] = []
    with pytest.raises(RuntimeError, match="drafting chunk 2 failed"):
        for index in _run(recorded):
            done.append(index)
    assert done == [0, 1]
    assert ("draft", 3) not in recorded.events


def test_a_finishing_error_waits_for_the_drafting_under_way(halves: Install) -> None:
    recorded = halves(4, failing_finish=1, slow_draft=2)
    with pytest.raises(RuntimeError, match="finishing chunk 1 failed"):
        list(_run(recorded))
    # Chunk 2 was being drafted: it is done before the error reaches the caller, so
    # nothing uses the workspace after the run.
    assert recorded.drafted[2].is_set()
    assert ("draft", 3) not in recorded.events


def test_an_interrupt_waits_for_the_drafting_under_way(halves: Install) -> None:
    recorded = halves(4, interrupted_finish=1, slow_draft=2)
    with pytest.raises(KeyboardInterrupt):
        list(_run(recorded))
    # The engine's work under way ended before the interrupt reached the caller: the
    # process never exits inside a CTranslate2 call.
    assert recorded.drafted[2].is_set()
    assert ("draft", 3) not in recorded.events


def test_without_overlap_each_chunk_is_run_whole_in_turn(monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[list[int]] = []
    monkeypatch.setattr(batch_runners, "run_batch_chunk", lambda _, ids: ran.append(ids))
    runner = InlineRunner(workspace=None, overlap=False)  # type: ignore[arg-type]
    assert list(runner.run([(0, [5]), (1, [6, 7])])) == [0, 1]
    assert ran == [[5], [6, 7]]


def test_overlap_is_the_default_only_with_more_than_one_core(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for cores, expected in (([0], False), ([0, 1], True)):
        monkeypatch.setattr(batch_runners, "usable_cores", lambda cores=cores: cores)
        runner = InlineRunner(workspace=None)  # type: ignore[arg-type]
        assert runner.overlap is expected
