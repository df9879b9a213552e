"""URL matching details the conformance suite does not pin down: data loading, the TLD trie,
the pruned pattern for long dotted chains, and linear time on hostile input."""

import json
import re
from pathlib import Path

import hypothesis.strategies as st
import pytest
from hypothesis import given, settings

from service.errors import DataError
from service.text import urls


def test_trie_matches_exactly_the_words() -> None:
    words = ["com", "co", "coop", "org", "中国", "中國", "рф", "xn--p1ai"]
    pattern = re.compile(f"(?:{urls._trie_pattern(words)})\\Z")
    for word in words:
        assert pattern.match(word)
    for other in ["c", "coo", "comm", "or", "中", "р", ""]:
        assert not pattern.match(other)


def test_bundled_tld_lists() -> None:
    generic, country = urls.load_tlds()
    assert len(generic) == 1259 and len(country) == 315
    assert {"com", "org", "int", "みんな", "موقع"} <= set(generic)
    assert {"fr", "ru", "cn", "中国", "рф", "مصر"} <= set(country)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("not json", "cannot read the TLD list"),
        ('{"generic": ["com"]}', "'country' must be a list"),
        ('{"generic": ["com", ""], "country": ["fr"]}', "'generic' must be a list"),
        ("[1, 2]", "'generic' must be a list"),
    ],
)
def test_broken_tld_list_is_a_data_error(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "tlds.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError, match=message) as raised:
        urls.load_tlds(path)
    assert str(path) in raised.value.message


def test_missing_tld_list_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="cannot read"):
        urls.load_tlds(tmp_path / "absent.json")


def test_tld_file_is_plain_json() -> None:
    data = json.loads(urls.TLD_FILE.read_text(encoding="utf-8"))
    assert set(data) == {"generic", "country"}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("http://UN.ORG/SDGS", ["http://UN.ORG/SDGS"]),
        ("HTTPS://WWW.WHO.INT", ["HTTPS://WWW.WHO.INT"]),
        ("see www.un.org:8080/path?x=1.", ["www.un.org:8080/path?x=1"]),
        (
            "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.un.org",
            ["a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q.r.s.un.org"],
        ),
        ("x." * 20 + "xyzq", []),
        ("élpais.com and Lee élpais.com", ["lpais.com", "élpais.com"]),
        ("http://" + "a" * 64 + ".com", []),
        ("http://" + "a" * 63 + ".com", ["http://" + "a" * 63 + ".com"]),
        ("https://t.co/" + "a" * 41, []),
    ],
)
def test_url_details(text: str, found: list[str]) -> None:
    assert [text[start:end] for start, end in urls.url_spans(text)] == found


def test_without_protocol_flag() -> None:
    text = "un.org and https://www.who.int"
    assert [text[s:e] for s, e in urls.url_spans(text, without_protocol=False)] == [
        "https://www.who.int"
    ]
    assert urls.url_spans("un.org only", without_protocol=False) == []


_PIECES = st.sampled_from(
    [
        "a",
        "b",
        "é",
        "中",
        ".",
        ".",
        ".",
        "-",
        "_",
        "@",
        "#",
        "$",
        " ",
        "/",
        ":",
        "com",
        "co",
        "uk",
        "jp",
        "org",
        "xn--",
        "http://",
        "https://",
        "t.co/",
        "'",
        "(",
        "\u202a",
        "1",
        "ǁ",
        "＠",
    ]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_pruned_pattern_finds_the_same_matches(text: str) -> None:
    """The `regex` pattern used for dotted chains prunes only starts that cannot match."""
    plain = [(m.span("url"), m["before"]) for m in urls._patterns().url.finditer(text)]
    pruned = urls._pruned_url_pattern()
    found = []
    position = 0
    while (match := pruned.search("@" + text[position:] if position else text)) is not None:
        shift = position - 1 if position else 0
        found.append(((match.start("url") + shift, match.end("url") + shift), match["before"]))
        position = shift + match.end()
    assert found == plain


@pytest.mark.parametrize(
    "text",
    [
        "a." * 100_000,
        "中." * 100_000,
        "中" * 200_000 + "详见：https://un.org/zh",
        "http://a.com/" + "(" * 200_000,
        "a-." * 60_000,
    ],
    ids=["ascii-chain", "cjk-chain", "cjk-run", "parens", "dash-chain"],
)
def test_hostile_input_is_linear(text: str) -> None:
    """Would take minutes to hours with twitter-text's unbounded, unpruned pattern."""
    urls.url_spans(text)
