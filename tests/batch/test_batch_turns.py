"""Engine turns: a chunk's MT waits for every earlier chunk's drafting to end."""

import threading
from collections.abc import Sequence

import pytest

from service.engines.base import BatchResult, EngineOutput, PairBatch, Route, RouteKind
from service.languages import Language
from service.workflow.batch_turns import EngineTurns, TurnCancelled

WAIT_S = 10.0
EN, FR = Language.EN, Language.FR


class Engine:
    name = "recording"

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def route(self, source: Language, target: Language) -> Route:
        return Route(source, target, RouteKind.DIRECT)

    def supports(self, source: Language, target: Language) -> bool:
        return True

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[EngineOutput]:
        self.calls.append(list(texts))
        return [EngineOutput(text, self.name, "1") for text in texts]

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        return [self.translate_batch(b.texts, b.source, b.target) for b in batches]


def _in_thread(function: object) -> threading.Thread:
    thread = threading.Thread(target=function)  # type: ignore[arg-type]
    thread.start()
    return thread


def test_a_turn_waits_for_every_earlier_one_to_end() -> None:
    engine = Engine()
    turns = EngineTurns(lambda: engine)
    translated = threading.Event()

    def second() -> None:
        turns.engine(2).translate_batch(["two"], EN, FR)
        translated.set()

    thread = _in_thread(second)
    turns.end(1)  # out of order: turn 0 is still under way
    assert not translated.wait(0.2)
    turns.end(0)
    assert translated.wait(WAIT_S)
    thread.join(WAIT_S)
    assert engine.calls == [["two"]]


def test_the_first_turn_and_the_routes_never_wait() -> None:
    engine = Engine()
    turns = EngineTurns(lambda: engine)
    later = turns.engine(3)
    assert later.name == "recording" and later.supports(EN, FR)  # no waiting for routes
    assert later.route(EN, FR).kind is RouteKind.DIRECT
    assert turns.engine(0).translate_batches([PairBatch(EN, FR, ["zero"])]) == [
        [EngineOutput("zero", "recording", "1")]
    ]


def test_the_engine_is_built_only_when_a_turn_needs_it() -> None:
    def unbuildable() -> Engine:
        raise LookupError("no such engine")

    turns = EngineTurns(unbuildable)
    engine = turns.engine(0)  # nothing built yet
    with pytest.raises(LookupError, match="no such engine"):
        engine.translate_batch(["x"], EN, FR)


def test_cancelled_turns_give_up_instead_of_translating() -> None:
    engine = Engine()
    turns = EngineTurns(lambda: engine)
    outcome: list[BaseException] = []

    def waiting() -> None:
        try:
            turns.engine(1).translate_batch(["one"], EN, FR)
        except TurnCancelled as error:
            outcome.append(error)

    thread = _in_thread(waiting)
    turns.cancel()  # turn 0 never ended: turn 1 would have waited for ever
    thread.join(WAIT_S)
    assert not thread.is_alive() and len(outcome) == 1
    with pytest.raises(TurnCancelled, match="the run is stopping"):
        turns.engine(0).translate_batches([PairBatch(EN, FR, ["zero"])])
    assert engine.calls == []
