"""Dealing models' texts into balanced lanes: everything once, bounded chunks, even lanes."""

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from service.engines.argos_lanes import Chunk, plan_lanes

Costs = dict[str, list[int]]

costs_strategy = st.dictionaries(
    st.sampled_from(["fr", "es", "ru", "zh", "ar", "en"]),
    st.lists(st.integers(min_value=1, max_value=400), min_size=1, max_size=80),
    min_size=1,
)


def _lane_costs(costs: Costs, plan: list[list[Chunk[str]]]) -> list[int]:
    return [sum(costs[c.key][i] for c in lane for i in c.indices) for lane in plan]


@given(costs_strategy, st.integers(min_value=1, max_value=8), st.integers(1, 64))
def test_every_text_once_in_bounded_chunks_and_even_lanes(
    costs: Costs, lanes: int, max_chunk: int
) -> None:
    plan = plan_lanes(costs, lanes, max_chunk)
    seen = Counter((chunk.key, index) for lane in plan for chunk in lane for index in chunk.indices)
    assert seen == Counter(
        (key, index) for key, values in costs.items() for index in range(len(values))
    )
    assert 1 <= len(plan) <= lanes and all(plan)
    assert all(1 <= len(chunk.indices) <= max_chunk for lane in plan for chunk in lane)
    # Each lane is within one text of its share (the wrap-around rule's bound).
    share = sum(map(sum, costs.values())) / lanes
    longest = max(map(max, costs.values()))
    assert all(cost <= share + longest for cost in _lane_costs(costs, plan))
    # At most lanes - 1 models are split between lanes.
    lanes_of = Counter(key for lane in plan for key in {chunk.key for chunk in lane})
    assert sum(count - 1 for count in lanes_of.values()) <= lanes - 1


def test_five_equal_pairs_on_two_lanes_split_one_pair() -> None:
    costs = {pair: [30] * 24 for pair in ["fr", "es", "ru", "zh", "ar"]}
    plan = plan_lanes(costs, 2, 64)
    assert [[(chunk.key, len(chunk.indices)) for chunk in lane] for lane in plan] == [
        [("fr", 24), ("es", 24), ("ru", 12)],
        [("ru", 12), ("zh", 24), ("ar", 24)],
    ]


def test_a_model_is_split_into_longest_and_shortest() -> None:
    plan = plan_lanes({"fr": [1, 50, 2, 40, 3, 45, 30, 35]}, 2, 64)
    assert [chunk.indices for lane in plan for chunk in lane] == [(1, 5), (3, 7, 6, 4, 2, 0)]


def test_long_runs_are_cut_into_equal_chunks() -> None:
    plan = plan_lanes({"fr": [1] * 130}, 1, 64)
    assert [len(chunk.indices) for chunk in plan[0]] == [44, 43, 43]


def test_one_text_gives_one_lane() -> None:
    assert plan_lanes({"fr": [10]}, 4, 64) == [[Chunk("fr", (0,))]]


def test_lanes_and_chunks_must_be_positive() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        plan_lanes({"fr": [1]}, 0, 64)
