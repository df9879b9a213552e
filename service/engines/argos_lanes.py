"""Deal the texts of several models into balanced lanes, one lane per CPU worker.

CTranslate2 on a CPU does more work per second in larger batches (measured on the bench's
Argos-sized models: 20 lines/s one batch of 8 at a time, 27 in batches of 48), so cutting
every pair's batch into one small chunk per worker wastes speed, and handing whole batches
to workers leaves one idle at the end (five pairs on two cores: three and two). The lanes
here are McNaughton's wrap-around rule for equal machines: lay every model's texts end to
end, longest first within a model, and cut the row into ``lanes`` pieces of equal cost.
Each lane then has about the same work, at most ``lanes - 1`` models are split, and a model
is split only into long and short halves, which also pads less.

The cost of a text is what the caller says (its length); a chunk never has more than
``max_chunk`` texts, so memory per batch stays bounded.
"""

import math
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

Key = TypeVar("Key", bound=Hashable)
Item = TypeVar("Item")


@dataclass(frozen=True)
class Chunk(Generic[Key]):
    """Texts of one model to translate in one batch: positions into that model's texts."""

    key: Key
    indices: tuple[int, ...]


def plan_lanes(
    costs: Mapping[Key, Sequence[int]], lanes: int, max_chunk: int
) -> list[list[Chunk[Key]]]:
    """Chunks per lane, each lane about ``1 / lanes`` of the total cost; no lane is empty.

    Every position of every model is in exactly one chunk. Models keep the order of
    ``costs``; within one, texts go longest first.

    >>> plan = plan_lanes({"fr": [5, 9, 1], "es": [4, 4]}, lanes=2, max_chunk=8)
    >>> [[(chunk.key, chunk.indices) for chunk in lane] for lane in plan]
    [[('fr', (1,))], [('fr', (0, 2)), ('es', (0, 1))]]
    """
    if lanes < 1 or max_chunk < 1:
        raise ValueError("lanes and max_chunk must be at least 1")
    row = [
        (key, index, max(cost, 1))
        for key, key_costs in costs.items()
        for index, cost in sorted(enumerate(key_costs), key=lambda item: -item[1])
    ]
    total = sum(cost for _, _, cost in row)
    dealt: list[list[tuple[Key, int]]] = [[] for _ in range(lanes)]
    done = 0
    for key, index, cost in row:
        # The lane that holds the middle of this text's stretch of the row.
        lane = min(lanes - 1, (2 * done + cost) * lanes // (2 * total))
        dealt[lane].append((key, index))
        done += cost
    return [_chunks(lane, max_chunk) for lane in dealt if lane]


def _chunks(lane: list[tuple[Key, int]], max_chunk: int) -> list[Chunk[Key]]:
    """One chunk per run of the same model, cut into equal parts of at most ``max_chunk``."""
    runs: list[tuple[Key, list[int]]] = []
    for key, index in lane:
        if runs and runs[-1][0] == key:
            runs[-1][1].append(index)
        else:
            runs.append((key, [index]))
    return [
        Chunk(key, tuple(part))
        for key, indices in runs
        for part in even_parts(indices, math.ceil(len(indices) / max_chunk))
    ]


def even_parts(items: Sequence[Item], count: int) -> list[Sequence[Item]]:
    """``items`` in order, in ``count`` consecutive parts whose sizes differ by one at most
    (the longer ones first); ``count`` must be between 1 and ``len(items)``.

    >>> even_parts("abcdefg", 3)
    ['abc', 'de', 'fg']
    """
    size, longer = divmod(len(items), count)  # the first ``longer`` parts get one more
    parts: list[Sequence[Item]] = []
    start = 0
    for part in range(count):
        end = start + size + (part < longer)
        parts.append(items[start:end])
        start = end
    return parts
