"""Validation of raw user text before any stage sees it.

Rejects what no stage can work with: empty or whitespace-only text, more than 1 MB, invalid
UTF-8, NUL and other C0/C1 control characters (tab, line feed and carriage return are fine).
"""

import unicodedata

from service.errors import ErrorCode, InputError

MAX_INPUT_BYTES = 1_000_000
_ALLOWED_CONTROLS = frozenset("\t\n\r")


def decode_text(raw: bytes, source: str = "input") -> str:
    """Decode UTF-8 bytes (a BOM is dropped) or raise :class:`InputError` naming the byte offset."""
    if len(raw) > MAX_INPUT_BYTES:
        raise _too_large(source, len(raw))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{source} is not valid UTF-8 (bad byte at offset {error.start}); save it as UTF-8",
            code=ErrorCode.INVALID_ENCODING,
            offset=error.start,
        ) from None
    return validate_text(text.removeprefix("\ufeff"), source)


def validate_text(text: str, source: str = "input") -> str:
    """Return ``text`` unchanged if a stage can work with it, else raise :class:`InputError`.

    >>> validate_text("Hand hygiene saves lives")
    'Hand hygiene saves lives'
    """
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_INPUT_BYTES:
        raise _too_large(source, size)
    if not text:
        raise InputError(f"{source} is empty", code=ErrorCode.EMPTY_INPUT)
    if not text.strip():
        raise InputError(f"{source} contains only whitespace", code=ErrorCode.EMPTY_INPUT)
    for offset, char in enumerate(text):
        if char in _ALLOWED_CONTROLS:
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            name = "NUL" if char == "\0" else f"U+{ord(char):04X}"
            raise InputError(
                f"{source} contains a control character ({name}) at offset {offset}",
                code=ErrorCode.CONTROL_CHARACTERS,
                offset=offset,
            )
        if category == "Cs":
            raise InputError(
                f"{source} contains an unpaired surrogate at offset {offset}",
                code=ErrorCode.INVALID_ENCODING,
                offset=offset,
            )
    return text


def _too_large(source: str, size: int) -> InputError:
    return InputError(
        f"{source} is {size:,} bytes; the limit is {MAX_INPUT_BYTES:,} bytes",
        code=ErrorCode.INPUT_TOO_LARGE,
        size_bytes=size,
        limit_bytes=MAX_INPUT_BYTES,
    )
