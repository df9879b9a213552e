"""Use cases: reading and verifying statements, and adapting many statements in batches."""

from collections.abc import Sequence
from pathlib import Path

import pytest

from service.engines.argos import ArgosEngine
from service.engines.base import (
    BatchResult,
    EngineOutput,
    PairBatch,
    Route,
    translate_one_by_one,
)
from service.errors import ErrorCode, InputError
from service.languages import Language
from service.settings import Settings
from service.workflow import (
    AdaptRequest,
    Workspace,
    adapt_statement,
    adapt_statements,
    verify_language,
)

FR, EN, ES = Language.FR, Language.EN, Language.ES
STATEMENT = (
    "---\nlink: https://www.who.int/x\nhashtags: #WorldHealthDay\n---\n"
    "The World Health Organization calls on every country to protect 4.5 billion people. "
    "Vaccines prevent millions of deaths from measles every single year."
)
OTHER = (
    "---\nhashtags: #WorldHealthDay\n---\n"
    "Clean water and sanitation keep whole communities free of cholera everywhere."
)


class CountingEngine:
    """The real engine, counting its batches: (source, target, number of texts)."""

    def __init__(self, engine: ArgosEngine) -> None:
        self.engine = engine
        self.batches: list[tuple[Language, Language, int]] = []

    @property
    def name(self) -> str:
        return self.engine.name

    def route(self, source: Language, target: Language) -> Route:
        return self.engine.route(source, target)

    def supports(self, source: Language, target: Language) -> bool:
        return self.engine.supports(source, target)

    def translate_batch(
        self, texts: Sequence[str], source: Language, target: Language
    ) -> list[EngineOutput]:
        self.batches.append((source, target, len(texts)))
        return self.engine.translate_batch(texts, source, target)

    def translate_batches(self, batches: Sequence[PairBatch]) -> list[BatchResult]:
        return translate_one_by_one(self, batches)


@pytest.fixture
def workspace(tmp_path: Path, argos_engine: ArgosEngine) -> Workspace:
    return Workspace(Settings(data_dir=tmp_path), engine=CountingEngine(argos_engine))


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("La OMS pide a todos los países que protejan la salud.", None, ES),
        ("La OMS pide a todos los países que protejan la salud.", ES, ES),
        ("OK", EN, EN),  # too short to contradict the declaration
    ],
)
def test_verify_language_accepts(
    workspace: Workspace, text: str, declared: Language | None, expected: Language
) -> None:
    assert verify_language(workspace, text, declared)[0] is expected


def test_verify_language_rejects_contradiction_and_undecidable(workspace: Workspace) -> None:
    text = "The World Health Organization calls on every country to act."
    with pytest.raises(InputError, match="declared as fr") as mismatch:
        verify_language(workspace, text, FR)
    assert mismatch.value.code is ErrorCode.LANGUAGE_MISMATCH
    assert mismatch.value.fields["detected"] == "en"
    with pytest.raises(InputError, match="declare its language") as undetermined:
        verify_language(workspace, "12345 https://who.int", None)
    assert undetermined.value.code is ErrorCode.LANGUAGE_UNDETERMINED


def test_a_settled_language_is_not_detected_again(workspace: Workspace) -> None:
    """A stored statement's language was verified when it was stored: adapting it trusts
    that (a declaration alone is still checked against the text)."""
    declared = adapt_statements(workspace, [AdaptRequest(STATEMENT, "x", FR)], [FR])[0]
    assert declared.error is not None and declared.error.code is ErrorCode.LANGUAGE_MISMATCH
    settled = adapt_statements(workspace, [AdaptRequest(STATEMENT, "x", FR, settled=True)], [FR])
    assert settled[0].unwrap().source_language is FR


def test_statements_share_one_batch_per_pair(workspace: Workspace) -> None:
    requests = [
        AdaptRequest(STATEMENT, "x"),
        AdaptRequest("", "x"),
        AdaptRequest(OTHER, "x"),
        AdaptRequest(STATEMENT, "myspace"),
    ]
    outcomes = adapt_statements(workspace, requests, [EN, FR, ES])
    assert [outcome.ok for outcome in outcomes] == [True, False, True, False]
    assert outcomes[1].error is not None and "no body" in outcomes[1].error.message
    assert outcomes[3].error is not None and "myspace" in outcomes[3].error.message
    assert outcomes[3].error.code is ErrorCode.UNKNOWN_PLATFORM
    results = [outcomes[0].unwrap(), outcomes[2].unwrap()]
    lines = len(results[0].lines) + len(results[1].lines)
    assert lines == 3
    engine = workspace.engine
    assert isinstance(engine, CountingEngine)
    assert sorted(engine.batches) == [(EN, ES, lines), (EN, FR, lines)]
    for result in results:
        for line in result.lines:
            assert line.source.endswith("#WorldHealthDay")
            assert line.renditions[FR].origin == "mt"
            assert line.renditions[FR].text.endswith("#JournéeMondialeDeLaSanté")


def test_adapt_statement_raises_the_statement_error(workspace: Workspace) -> None:
    with pytest.raises(InputError, match="front matter"):
        adapt_statement(workspace, "---\nauthor: me\n---\nBody text here.", [FR], "x")


def test_unknown_engine_setting_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="unknown MT engine 'deepl': use one of argos"):
        _ = Workspace(Settings(data_dir=tmp_path, mt_engine="deepl")).engine
