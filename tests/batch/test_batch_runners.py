"""The inline runner: chunks two at a time in this process, each yielded once settled."""

import threading
import time
from collections.abc import Sequence

import pytest

from service.settings import Settings
from service.workflow import Workspace, batch_runners
from service.workflow.batch_runners import InlineRunner


class _Chunks:
    """Stands in for run_batch_chunk: records how many chunks run at once."""

    def __init__(self) -> None:
        self.running = self.most = 0
        self.lock = threading.Lock()
        self.ran: list[list[int]] = []

    def __call__(self, workspace: Workspace, ids: Sequence[int]) -> int:
        with self.lock:
            self.running += 1
            self.most = max(self.most, self.running)
        time.sleep(0.05)  # long enough for the next chunk to start meanwhile
        with self.lock:
            self.running -= 1
            self.ran.append(list(ids))
        if ids == [13]:
            raise RuntimeError("the chunk failed as a whole")
        return len(ids)


@pytest.fixture
def chunks(monkeypatch: pytest.MonkeyPatch) -> _Chunks:
    fake = _Chunks()
    monkeypatch.setattr(batch_runners, "run_batch_chunk", fake)
    return fake


def test_two_chunks_run_at_once_and_each_is_yielded_once(chunks: _Chunks) -> None:
    workspace = Workspace(Settings(_env_file=None))
    runner = InlineRunner(workspace)
    done = list(runner.run([(index, [index * 10]) for index in range(5)]))
    assert sorted(done) == [0, 1, 2, 3, 4]
    assert chunks.most == batch_runners.IN_FLIGHT == 2
    assert sorted(chunks.ran) == [[0], [10], [20], [30], [40]]


def test_one_at_a_time_when_asked(chunks: _Chunks) -> None:
    runner = InlineRunner(Workspace(Settings(_env_file=None)), in_flight=1)
    assert list(runner.run([(0, [1]), (1, [2]), (2, [3])])) == [0, 1, 2]
    assert chunks.most == 1


def test_a_chunk_that_fails_as_a_whole_stops_the_run(chunks: _Chunks) -> None:
    runner = InlineRunner(Workspace(Settings(_env_file=None)))
    with pytest.raises(RuntimeError, match="as a whole"):
        list(runner.run([(0, [13]), (1, [2]), (2, [3])]))
