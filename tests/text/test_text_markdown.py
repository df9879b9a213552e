"""CommonMark to text: what is kept, what is dropped, and the map back to the source."""

import pytest

from service.text.markdown import Block, markdown_blocks


def _texts(source: str) -> list[str]:
    return [block.text for block in markdown_blocks(source)]


def _check_map(source: str, block: Block) -> None:
    """Every character-for-character run maps to the same characters in the source."""
    for start, end, source_start, source_end in block.runs:
        if end - start == source_end - source_start:
            pairs = zip(block.text[start:end], source[source_start:source_end], strict=True)
            assert all(out == inp or (out, inp) == (" ", "\n") for out, inp in pairs)


@pytest.mark.parametrize(
    ("source", "texts"),
    [
        ("Setext heading\n===\n\nText.", ["Setext heading", "Text."]),
        ("[WHO][who] acts.\n\n[who]: https://who.int", ["WHO acts."]),
        ("[![logo](a.png) WHO](https://who.int) acts.", [" WHO acts."]),
        ("<div>\nraw *html*\n</div>\n\nText.", ["Text."]),
        ("Hard  \nbreak and\\\nbackslash.", ["Hard\nbreak and\nbackslash."]),
        ("``code with ` tick`` and `` `x` ``.", ["code with ` tick and `x`."]),
        ("Unclosed *emphasis and _under_score.", ["Unclosed *emphasis and _under_score."]),
        ("Real _emphasis_ and snake_case_name.", ["Real emphasis and snake_case_name."]),
        ("```\nfenced #Peace_Day *x*\n```", ["fenced #Peace_Day *x*"]),
        ("1986. A year, not a list.", ["A year, not a list."]),
        ('Title [link](https://un.org/a(b)c "t") end.', ["Title link end."]),
    ],
)
def test_text_a_reader_sees(source: str, texts: list[str]) -> None:
    assert _texts(source) == texts
    for block in markdown_blocks(source):
        _check_map(source, block)


def test_headings_are_marked() -> None:
    blocks = markdown_blocks("# One\n\nText.\n\n## Two")
    assert [(block.text, block.is_heading) for block in blocks] == [
        ("One", True),
        ("Text.", False),
        ("Two", True),
    ]


def test_entities_inside_markup_are_copied_from_the_source() -> None:
    source = "`https://un.org/_a_` and [#Peace_Day](https://un.org/*b*) and *@who_int*"
    (block,) = markdown_blocks(source)
    assert block.text == "https://un.org/_a_ and #Peace_Day and @who_int"
    _check_map(source, block)


def test_private_use_text_still_reads() -> None:
    source = "\ue000 and https://un.org/a_b"
    assert _texts(source) == [source]
