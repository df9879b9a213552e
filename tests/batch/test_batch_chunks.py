"""How ``adapt batch`` cuts its statements into chunks, here and for worker processes."""

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from service.cli.batch import CHUNK_HELP
from service.workflow.batch import (
    INLINE_CHUNK_SIZE,
    SHARED_CHUNK_SIZE,
    BatchRequest,
    cut_evenly,
)


@given(
    count=st.integers(min_value=0, max_value=500),
    size=st.integers(min_value=1, max_value=100),
    parts=st.integers(min_value=1, max_value=8),
)
def test_even_chunks_hold_every_item_once_in_order_a_multiple_of_the_workers(
    count: int, size: int, parts: int
) -> None:
    chunks = cut_evenly(range(count), size, parts)
    assert [item for chunk in chunks for item in chunk] == list(range(count))
    assert all(0 < len(chunk) <= size for chunk in chunks)
    if chunks:
        assert max(map(len, chunks)) - min(map(len, chunks)) <= 1
        # as many for each worker, unless there are fewer statements than that needs
        assert len(chunks) % parts == 0 or len(chunks) == count
        # and no more chunks than that takes
        assert len(chunks) < -(-count // size) + parts


def test_a_batch_of_210_at_the_default_size_is_eight_chunks_for_two_workers() -> None:
    assert [len(chunk) for chunk in cut_evenly(range(210), 32, 2)] == [27, 27] + [26] * 6
    assert [len(chunk) for chunk in cut_evenly(range(210), 32, 1)] == [30] * 7


def test_the_default_chunk_size_depends_on_where_the_chunks_run(tmp_path: Path) -> None:
    def size(**options: object) -> int:
        return BatchRequest(inputs=[tmp_path], out_dir=tmp_path, **options).resolved_chunk_size()

    assert size() == INLINE_CHUNK_SIZE  # here: larger engine batches
    assert size(workers=2) == size(queue="redis://127.0.0.1:6379/0") == SHARED_CHUNK_SIZE
    assert size(chunk_size=5) == size(chunk_size=5, workers=3) == 5  # asked for: kept
    assert INLINE_CHUNK_SIZE > SHARED_CHUNK_SIZE


def test_the_command_line_help_gives_the_default_chunk_sizes() -> None:
    assert f"{INLINE_CHUNK_SIZE} here, {SHARED_CHUNK_SIZE} with --workers" in CHUNK_HELP
