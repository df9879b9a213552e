"""Raw input validation: what no stage can work with is refused with a clear message."""

import pytest

from service.errors import InputError
from service.inputs import MAX_INPUT_BYTES, decode_text, validate_text


@pytest.mark.parametrize(
    "text",
    ["Hello", "مرحبا\tبالعالم", "第一行\r\n第二行", "Ёлка 🎄", "x" * MAX_INPUT_BYTES],
)
def test_acceptable_text_is_returned_unchanged(text: str) -> None:
    assert validate_text(text) == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "empty"),
        (" \n\t ", "only whitespace"),
        ("a\x00b", "NUL"),
        ("a\x1bb", r"U\+001B"),
        ("a\x85b", r"U\+0085"),
        ("a\ud800b", "unpaired surrogate"),
        ("é" * (MAX_INPUT_BYTES // 2 + 1), "the limit"),
    ],
)
def test_unacceptable_text_is_a_clear_error(text: str, message: str) -> None:
    with pytest.raises(InputError, match=message):
        validate_text(text, "post")


def test_bytes_are_decoded_as_utf8_without_bom() -> None:
    assert decode_text("\ufeffSalut".encode()) == "Salut"
    with pytest.raises(InputError, match=r"not valid UTF-8 .*offset 1"):
        decode_text(b"a\xffb", "statement.md")
    with pytest.raises(InputError, match=r"statement\.md is 1,000,001 bytes"):
        decode_text(b"a" * (MAX_INPUT_BYTES + 1), "statement.md")
