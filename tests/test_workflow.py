"""Use cases: reading and verifying statements, and adapting many statements in batches."""

from collections.abc import Sequence
from pathlib import Path

import pytest

from service.engines.argos import ArgosEngine
from service.engines.base import EngineOutput, Route
from service.errors import AdaptError, InputError
from service.languages import Language
from service.models import StatementAdaptation
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


@pytest.fixture
def workspace(tmp_path: Path, argos_engine: ArgosEngine) -> Workspace:
    space = Workspace(Settings(data_dir=tmp_path))
    space.__dict__["engine"] = CountingEngine(argos_engine)
    return space


@pytest.mark.parametrize(
    ("text", "declared", "expected"),
    [
        ("La OMS pide a todos los países que protejan la salud.", None, ES),
        ("La OMS pide a todos los países que protejan la salud.", ES, ES),
        ("OK", EN, EN),  # too short to contradict the declaration
    ],
)
def test_verify_language_accepts(text: str, declared: Language | None, expected: Language) -> None:
    assert verify_language(text, declared)[0] is expected


def test_verify_language_rejects_contradiction_and_undecidable() -> None:
    with pytest.raises(InputError, match="declared as fr"):
        verify_language("The World Health Organization calls on every country to act.", FR)
    with pytest.raises(InputError, match="declare it"):
        verify_language("12345 https://who.int", None)


def test_statements_share_one_batch_per_pair(workspace: Workspace) -> None:
    requests = [
        AdaptRequest(STATEMENT, "x"),
        AdaptRequest("", "x"),
        AdaptRequest(OTHER, "x"),
        AdaptRequest(STATEMENT, "myspace"),
    ]
    results = adapt_statements(workspace, requests, [EN, FR, ES])
    assert isinstance(results[0], StatementAdaptation)
    assert isinstance(results[1], AdaptError) and "no body" in results[1].message
    assert isinstance(results[2], StatementAdaptation)
    assert isinstance(results[3], AdaptError) and "myspace" in results[3].message
    lines = len(results[0].lines) + len(results[2].lines)
    assert lines == 3
    engine = workspace.__dict__["engine"]
    assert sorted(engine.batches) == [(EN, ES, lines), (EN, FR, lines)]
    for result in (results[0], results[2]):
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
