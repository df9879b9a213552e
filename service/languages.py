"""The six UN languages and the codes people use for them."""

from enum import StrEnum

from service.errors import ErrorCode, InputError


class Language(StrEnum):
    """The six official UN languages, in UN (English alphabetical) order: ar, zh, en, fr, ru, es."""

    AR = "ar"
    ZH = "zh"
    EN = "en"
    FR = "fr"
    RU = "ru"
    ES = "es"


ALL_LANGUAGES: tuple[Language, ...] = tuple(Language)

# ISO 639-2/3 codes, BCP 47 tags with region or script, and langdetect's own labels.
_ALIASES: dict[str, Language] = {
    "ara": Language.AR,
    "arb": Language.AR,
    "zho": Language.ZH,
    "chi": Language.ZH,
    "cmn": Language.ZH,
    "zh-cn": Language.ZH,
    "zh-hans": Language.ZH,
    "zh-hans-cn": Language.ZH,
    "zh-sg": Language.ZH,
    "eng": Language.EN,
    "fra": Language.FR,
    "fre": Language.FR,
    "rus": Language.RU,
    "spa": Language.ES,
}


def parse_language(code: str) -> Language:
    """Return the UN language for a code such as ``fr``, ``fr-FR``, ``zh-Hans`` or ``spa``.

    >>> parse_language("fr-CA")
    <Language.FR: 'fr'>
    >>> parse_language("zh_Hans")
    <Language.ZH: 'zh'>
    """
    normalized = code.strip().lower().replace("_", "-")
    if normalized in _ALIASES:
        return _ALIASES[normalized]
    primary = normalized.split("-", 1)[0]
    try:
        return Language(primary)
    except ValueError:
        pass
    if primary in _ALIASES:
        return _ALIASES[primary]
    known = ", ".join(ALL_LANGUAGES)
    raise InputError(
        f"unknown language {code!r}: use one of the six UN languages ({known})",
        code=ErrorCode.UNKNOWN_LANGUAGE,
        language=code,
    )


def parse_optional_language(code: str | None) -> Language | None:
    """:func:`parse_language`, where no code (None or empty) means "not declared".

    >>> parse_optional_language("") is None
    True
    """
    return parse_language(code) if code else None


def parse_language_list(codes: str) -> list[Language]:
    """Parse a comma-separated list such as ``ar,zh,en``; order kept, duplicates dropped."""
    result: list[Language] = []
    for part in codes.split(","):
        if part.strip():
            language = parse_language(part)
            if language not in result:
                result.append(language)
    if not result:
        raise InputError(
            "no language given: use a comma-separated list such as ar,zh,en,fr,ru,es",
            code=ErrorCode.UNKNOWN_LANGUAGE,
        )
    return result
