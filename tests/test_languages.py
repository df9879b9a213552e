"""The six UN languages and the codes people use for them."""

import pytest

from service.errors import InputError
from service.languages import ALL_LANGUAGES, Language, parse_language, parse_language_list


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("ar", Language.AR),
        ("ARA", Language.AR),
        ("arb", Language.AR),
        ("zh", Language.ZH),
        ("zh-CN", Language.ZH),
        ("zh_Hans", Language.ZH),
        ("cmn", Language.ZH),
        ("en-GB", Language.EN),
        ("eng", Language.EN),
        ("fr-FR", Language.FR),
        ("fre", Language.FR),
        (" ru ", Language.RU),
        ("es-419", Language.ES),
        ("spa", Language.ES),
    ],
)
def test_codes_people_use(code: str, expected: Language) -> None:
    assert parse_language(code) is expected


@pytest.mark.parametrize("code", ["de", "", "ja", "english", "pt-BR", "x"])
def test_other_languages_are_clear_errors(code: str) -> None:
    with pytest.raises(InputError, match="six UN languages"):
        parse_language(code)


def test_language_lists_keep_order_and_drop_duplicates() -> None:
    assert parse_language_list("fr, en,fr,zh-CN") == [Language.FR, Language.EN, Language.ZH]
    assert parse_language_list(",".join(ALL_LANGUAGES)) == list(ALL_LANGUAGES)
    with pytest.raises(InputError, match="no language given"):
        parse_language_list(" , ")
    with pytest.raises(InputError, match="'de'"):
        parse_language_list("fr,de")
