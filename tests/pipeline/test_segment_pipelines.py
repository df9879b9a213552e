"""Blank spaCy pipelines from a cached copy give the tokens spacy.blank gives, far faster."""

import re
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from service.languages import ALL_LANGUAGES
from service.locales import load_locales
from service.pipeline.segment.lazy_alternation import (
    LARGE_PATTERN_CHARS,
    LazyAlternation,
    compile_match,
)
from service.pipeline.segment.pipelines import build_pipeline, copy_folder
from service.settings import REPOSITORY_ROOT

LOCALES = load_locales(REPOSITORY_ROOT / "locales")
UDHR = REPOSITORY_ROOT / "tests" / "data" / "udhr"
TEXTS = {
    language: (UDHR / f"{language.value}.txt").read_text("utf-8") for language in ALL_LANGUAGES
}
EXTRA = (
    "Le porte-parole de l'OMS, aujourd'hui à New-York, parle des États-Unis et du Moyen-Orient "
    "— c'est-à-dire des droits-de-l'homme, entr'abat, grand’mère, saut-de-ski. Fin ! "
    "WHO's Director-General: co-operation, non-communicable, re-elected… 7,1 % (J.-C.) https://un.org/a_b?"
)


def _tokens(nlp: Any, text: str) -> list[tuple[str, str, bool, str, str]]:
    from spacy.pipeline import Sentencizer

    doc = Sentencizer(punct_chars=[".", "!", "?", "…", "。", "؟"])(nlp.make_doc(text))
    return [
        (token.text, token.whitespace_, token.is_punct, token.lower_, str(token.is_sent_start))
        for token in doc
    ]


@pytest.fixture(scope="module")
def pipelines(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Any, Any]]:
    """For each language: spacy.blank's pipeline (which writes the copy) and one from it."""
    cache = tmp_path_factory.mktemp("tokenizer-cache")
    built = {}
    for language in ALL_LANGUAGES:
        code = LOCALES[language].language.spacy_language
        built[code] = (build_pipeline(code, cache), build_pipeline(code, cache))
    return built


@pytest.mark.parametrize("code", [language.value for language in ALL_LANGUAGES])
def test_a_copy_tokenizes_like_spacy_blank(
    pipelines: dict[str, tuple[Any, Any]], code: str
) -> None:
    fresh, copied = pipelines[code]
    assert copied.lang == ("zh" if code == "zh" else "xx")  # Chinese is never copied
    for text in [*TEXTS.values(), EXTRA]:  # the glossary tokenizes every language's text
        assert _tokens(copied, text) == _tokens(fresh, text)


def test_the_copies_are_where_the_cache_says(tmp_path: Path) -> None:
    build_pipeline("fr", tmp_path)
    folder = copy_folder(tmp_path)
    assert sorted(path.name for path in folder.iterdir()) == ["fr.token_match", "fr.tokenizer"]
    assert len((folder / "fr.token_match").read_text("utf-8")) > LARGE_PATTERN_CHARS
    build_pipeline("zh", tmp_path)
    assert not (folder / "zh.tokenizer").exists()


def test_a_damaged_copy_is_rebuilt(tmp_path: Path) -> None:
    build_pipeline("es", tmp_path)
    copy = copy_folder(tmp_path) / "es.tokenizer"
    good = copy.read_bytes()
    copy.write_bytes(b"\x93not msgpack")
    nlp = build_pipeline("es", tmp_path)
    assert nlp.lang == "es" and copy.read_bytes() == good
    assert build_pipeline("es", tmp_path).lang == "xx"


def test_an_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    nlp = build_pipeline("en", tmp_path / "file")
    assert [token.text for token in nlp.make_doc("Hello, world.")] == ["Hello", ",", "world", "."]


def _french_token_match() -> Any:
    from spacy.lang.fr.tokenizer_exceptions import TOKEN_MATCH

    return TOKEN_MATCH


PIECES = [
    "anti", "porte", "parole", "entr", "abat", "grand", "mère", "saut", "de", "ski", "la", "l",
    "new", "york", "états", "unis", "co", "non", "sous", "x", "é", "ß", "ж", "人", "7",
    "-", "–", "‑", "'", "’", ".", " ", "_",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=8), st.randoms())
def test_the_lazy_french_token_match_agrees_with_re(pieces: list[str], random: Any) -> None:
    exact = _french_token_match()
    lazy = _lazy_french()
    text = "".join(piece.upper() if random.random() < 0.3 else piece for piece in pieces)
    assert bool(lazy(text)) == bool(exact(text)), text


def _lazy_french() -> Any:
    global _LAZY
    if _LAZY is None:
        _LAZY = compile_match(_french_token_match().__self__.pattern)
    return _LAZY


_LAZY: Any = None


def test_known_french_words() -> None:
    lazy = _lazy_french()
    assert isinstance(_owner(lazy), LazyAlternation)
    for word in ["porte-parole", "New-York", "entr'abat", "grand’mère", "États-Unis"]:
        assert lazy(word) and _french_token_match()(word), word
    for word in ["peut-être", "aujourd'hui", "Director-General", "world's", "l'OMS"]:
        assert not lazy(word) and not _french_token_match()(word), word


def _owner(matcher: Any) -> object:
    """The object whose ``match`` method ``compile_match`` returned."""
    return matcher.__self__


def test_patterns_it_cannot_split_compile_as_they_are() -> None:
    letters = "[" + "a-z" * 30 + "]"
    padding = "|".join(f"^x{index}{letters}+$" for index in range(LARGE_PATTERN_CHARS // 90))
    assert isinstance(_owner(compile_match(padding)), LazyAlternation)
    for unsafe in [r"(a)\1|", "(?P<name>a)|", "(?!a)b|", "(?<!a)b|", "(a)?(?(1)a|b)|"]:
        assert isinstance(_owner(compile_match(unsafe + padding)), re.Pattern), unsafe
    assert isinstance(_owner(compile_match("^a|^b")), re.Pattern)  # small: no need


def test_lazy_and_exact_agree_on_a_synthetic_alternation() -> None:
    branches = [
        r"^ab[cd]+$",
        r"^a(?:x|y)[0-9]{2}$",
        r"^\[x\]$",
        r"^[]a]b$",
        r"^[^q" + "z" * 80 + "]+$",
    ]
    pattern = "(?iu)" + "|".join(f"(?:{branch})" for branch in branches)
    lazy = LazyAlternation.of(pattern)
    assert lazy is not None and lazy.pattern == pattern
    exact = re.compile(pattern)
    for text in ["abcd", "ABDC", "ax12", "AY1", "[x]", "]b", "ab", "zzz", "qqq", "", "a|b"]:
        assert bool(lazy.match(text)) == bool(exact.match(text)), text
