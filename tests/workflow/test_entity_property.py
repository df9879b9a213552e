"""Property: every URL, @mention, #hashtag and $cashtag passes byte for byte from the file,
through reading and line extraction, to the source-language rendition and a translation.

Texts are built from words (some in Markdown emphasis), URLs whose paths hold ``_``, ``*``
and ``~``, and hashtags with ``_`` in the six scripts, read as plain text and as Markdown.
"""

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from service.engines.argos import ArgosEngine
from service.languages import Language
from service.settings import Settings
from service.statement import StatementFormat
from service.text.entities import EntityKind, extract_entities
from service.workflow import Workspace, adapt_statement, read_statement, statement_lines

WORDS = {
    Language.EN: "health people countries protect water children rights together world care",
    Language.FR: "santé personnes pays protéger eau enfants droits ensemble monde soins paix",
    Language.ES: "salud personas países proteger agua niños derechos juntos mundo atención paz",
    Language.RU: "здоровье люди страны защищать вода дети права вместе мир помощь климат",
    Language.ZH: "健康 人民 国家 保护 水 儿童 权利 共同 世界 和平 行动 气候",
    Language.AR: "الصحة الناس البلدان حماية المياه الأطفال الحقوق معا العالم السلام العمل",
}
SCRIPTS = (
    "abcdefghXYZ",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "世界卫生日气候行动和平儿童",
    "абвгдежзиклмнопрстЦУРД",
)
TARGET = {language: Language.FR for language in Language} | {Language.FR: Language.EN}
_WHOLE = (EntityKind.URL, EntityKind.MENTION, EntityKind.HASHTAG, EntityKind.CASHTAG)


def _entities(text: str) -> Counter[str]:
    return Counter(entity.text for entity in extract_entities(text) if entity.kind in _WHOLE)


def _hashtags() -> st.SearchStrategy[str]:
    def tag(script: str) -> st.SearchStrategy[str]:
        part = st.text(alphabet=script, min_size=1, max_size=5)
        return st.lists(part, min_size=1, max_size=3).map(lambda parts: "#" + "_".join(parts))

    return st.sampled_from(SCRIPTS).flatmap(tag)


def _urls() -> st.SearchStrategy[str]:
    segment = st.text(alphabet="abz_*~", min_size=1, max_size=6)
    host = st.sampled_from(["https://un.org/", "https://www.who.int/", "www.undp.org/"])
    return st.tuples(host, st.lists(segment, min_size=1, max_size=3)).map(
        lambda parts: parts[0] + "/".join(parts[1])
    )


def _word(language: Language) -> st.SearchStrategy[str]:
    word = st.sampled_from(WORDS[language].split())
    return st.tuples(word, st.sampled_from(["{}", "{}", "*{}*", "_{}_", "**{}**"])).map(
        lambda parts: parts[1].format(parts[0])
    )


@st.composite
def _statements(draw: st.DrawFn) -> tuple[Language, str, StatementFormat]:
    language = draw(st.sampled_from(list(WORDS)))
    token = st.one_of(_word(language), _word(language), _word(language), _hashtags(), _urls())
    end = "。" if language is Language.ZH else "."
    sentences = []
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        words = draw(st.lists(_word(language), min_size=3, max_size=5))
        tokens = draw(st.lists(token, min_size=2, max_size=8))
        sentences.append(" ".join(words + tokens) + end)
    separator = draw(st.sampled_from([" ", "\n", "\n\n"]))
    return language, separator.join(sentences) + "\n", draw(st.sampled_from(list(StatementFormat)))


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, argos_engine: ArgosEngine) -> Workspace:
    return Workspace(Settings(data_dir=tmp_path_factory.mktemp("data")), engine=argos_engine)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=_statements())
def test_entities_pass_from_the_file_to_the_line_and_the_rendition(
    workspace: Workspace, case: tuple[Language, str, StatementFormat]
) -> None:
    language, text, format = case
    statement, _ = read_statement(workspace, text, language, format)
    assert not _entities(text) - _entities(statement.body)
    for line in statement_lines(workspace, text, "x", language, 10, format).lines:
        assert line.start is not None and line.end is not None
        assert not _entities(text[line.start : line.end]) - _entities(line.text)
    target = TARGET[language]
    result = adapt_statement(workspace, text, [language, target], "x", language, 10, format)
    for adapted in result.lines:
        posted = _entities(adapted.source)
        for rendition in (adapted.renditions[language], adapted.renditions[target]):
            assert not posted - _entities(rendition.text), rendition.text
