"""Reading a batch's inputs: files and folders, each format, and the failures in place."""

import json
from pathlib import Path

import pytest

from service.errors import AdaptError, ErrorCode
from service.statement import StatementFormat
from service.workflow.batch_inputs import (
    BatchFailure,
    BatchItem,
    html_statement,
    input_files,
    read_file,
    read_inputs,
)


def _read(path: Path) -> list[BatchItem | BatchFailure]:
    return list(read_file(path))


def test_html_keeps_the_text_a_reader_sees_paragraph_by_paragraph() -> None:
    page = (
        "<html><head><title>Day &amp; night</title><style>p{}</style></head><body>"
        "<h1>Heading</h1><p>One <em>two</em>\n  three.</p><script>var x = 1;</script>"
        "<ul><li>First</li><li>Second &lt;3</li></ul></body></html>"
    )
    assert html_statement(page) == (
        "---\ntitle: Day & night\n---\nHeading\n\nOne two three.\n\nFirst\n\nSecond <3"
    )
    assert html_statement("<p>No title</p>") == "No title"


def test_each_format_gives_its_statements_with_their_lines(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\nBody text here.", encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        '"Plain string statement."\n\n'
        + json.dumps({"text": "Con\u2028separador.", "language": "es", "platform": "bluesky"})
        + "\n",
        encoding="utf-8",
    )
    (tmp_path / "c.csv").write_text(
        'text,language\n"Two\nlines",fr\nSecond row,\n', encoding="utf-8"
    )
    markdown = _read(tmp_path / "a.md")
    assert markdown == [
        BatchItem(
            file=str(tmp_path / "a.md"),
            line=1,
            text="# Title\n\nBody text here.",
            format=StatementFormat.MARKDOWN,
        )
    ]
    lines = _read(tmp_path / "b.jsonl")
    assert [(item.line, item.text) for item in lines if isinstance(item, BatchItem)] == [
        (1, "Plain string statement."),
        (3, "Con\u2028separador."),
    ]
    assert isinstance(lines[1], BatchItem) and lines[1].platform == "bluesky"
    rows = _read(tmp_path / "c.csv")
    assert [
        (item.line, item.text, item.language) for item in rows if isinstance(item, BatchItem)
    ] == [
        (2, "Two\nlines", "fr"),
        (4, "Second row", None),
    ]


def test_bad_items_are_failures_with_their_place(tmp_path: Path) -> None:
    (tmp_path / "rows.csv").write_text("id,body\n1,x\n", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text(
        '[1, 2]\n{"text": "ok", "language": "xx"}\n', encoding="utf-8"
    )
    (tmp_path / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "bom.txt").write_bytes("\ufeffWith a byte order mark.".encode())
    failures = [
        entry
        for name in ("rows.csv", "lines.jsonl", "notes.pdf")
        for entry in _read(tmp_path / name)
    ]
    assert [
        (Path(f.file).name, f.line, f.code) for f in failures if isinstance(f, BatchFailure)
    ] == [
        ("rows.csv", 1, "invalid_input"),
        ("lines.jsonl", 1, "invalid_json"),
        ("lines.jsonl", 2, "unknown_language"),
        ("notes.pdf", 1, "unknown_format"),
    ]
    (bom,) = _read(tmp_path / "bom.txt")
    assert isinstance(bom, BatchItem) and bom.text == "With a byte order mark."


def test_folders_are_searched_recursively_without_the_output_folder(tmp_path: Path) -> None:
    (tmp_path / "deep" / "er").mkdir(parents=True)
    (tmp_path / "deep" / "er" / "x.txt").write_text(
        "A statement in a deep folder.", encoding="utf-8"
    )
    (tmp_path / "skip.pdf").write_bytes(b"%PDF")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "batch.jsonl").write_text('"an output"\n', encoding="utf-8")
    assert input_files([tmp_path], skip=tmp_path / "out") == [tmp_path / "deep" / "er" / "x.txt"]
    items, failures = read_inputs([tmp_path], skip=tmp_path / "out")
    assert [item.text for item in items] == ["A statement in a deep folder."] and failures == []
    with pytest.raises(AdaptError) as missing:
        input_files([tmp_path / "nowhere"])
    assert missing.value.code is ErrorCode.FILE_NOT_FOUND
