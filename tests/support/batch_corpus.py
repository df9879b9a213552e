"""A folder of batch inputs: 200+ statements in the six languages, and corrupt files.

The statements are the UDHR paragraphs of ``tests/data/udhr/aligned.tsv`` (one per line of
``udhr/<language>.jsonl``, two consecutive ones per row of ``udhr/<language>-pairs.csv``),
the six statements of ``tests/data/statements/`` and one HTML page. The corrupt items are
:data:`CORRUPT`: (file, line, code) each.
"""

import csv
import itertools
import json
from pathlib import Path

from service.languages import ALL_LANGUAGES
from service.settings import REPOSITORY_ROOT

DATA = REPOSITORY_ROOT / "tests" / "data"
MIN_PARAGRAPH_CHARS = 60
CORRUPT = {
    ("bad/latin1.txt", 1, "invalid_encoding"),
    ("bad/empty.md", 1, "empty_input"),
    ("bad/huge.txt", 1, "input_too_large"),
    ("bad/japanese.txt", 1, "language_undetermined"),
    ("bad/rows.jsonl", 2, "empty_input"),
    ("bad/rows.jsonl", 3, "invalid_json"),
    ("bad/rows.csv", 3, "empty_input"),
}
HTML_PAGE = """<!doctype html><html><head><title>World Health Day</title>
<style>p { color: red }</style><script>track("visit")</script></head>
<body><nav>Home | News</nav><h1>World Health Day</h1>
<p>Geneva, 7 April 2026 &ndash; The <b>World Health Organization</b> calls on every
government to invest in primary health care for all.</p>
<p>More than 4.5 billion people still lack essential health services.</p></body></html>
"""


def udhr_paragraphs() -> dict[str, list[str]]:
    """The long UDHR paragraphs in each language, aligned."""
    with (DATA / "udhr" / "aligned.tsv").open(encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file, delimiter="\t"))
    long_rows = [
        row
        for row in rows
        if len(row["en"]) >= MIN_PARAGRAPH_CHARS
        and all(row[code].strip() for code in ALL_LANGUAGES)
    ]
    return {language: [row[language] for row in long_rows] for language in ALL_LANGUAGES}


def write_corpus(folder: Path, *, corrupt: bool = True, per_language: int | None = None) -> int:
    """Write the inputs under ``folder``; return how many good statements they hold."""
    count = 0
    (folder / "udhr").mkdir(parents=True)
    for language, paragraphs in udhr_paragraphs().items():
        singles = paragraphs[:per_language]
        lines = [
            json.dumps({"text": text, "language": language}, ensure_ascii=False) for text in singles
        ]
        (folder / "udhr" / f"{language}.jsonl").write_text(
            "\n".join(lines) + "\n", encoding="utf-8"
        )
        pairs = [f"{a}\n\n{b}" for a, b in itertools.pairwise(singles)]
        with (folder / "udhr" / f"{language}-pairs.csv").open(
            "w", encoding="utf-8", newline=""
        ) as file:
            writer = csv.writer(file)
            writer.writerow(["id", "text", "language"])
            writer.writerows([number, text, language] for number, text in enumerate(pairs, 1))
        count += len(singles) + len(pairs)
    if per_language is None:
        (folder / "statements").mkdir()
        for language in ALL_LANGUAGES:
            source = DATA / "statements" / f"{language}.md"
            (folder / "statements" / f"{language}.md").write_bytes(source.read_bytes())
        (folder / "statements" / "page.html").write_text(HTML_PAGE, encoding="utf-8")
        count += len(ALL_LANGUAGES) + 1
    if corrupt:
        write_corrupt(folder / "bad")
        count += 2  # the good rows among the bad ones
    return count


def write_corrupt(folder: Path) -> None:
    folder.mkdir()
    (folder / "latin1.txt").write_bytes("Journée mondiale de la santé".encode("latin-1"))
    (folder / "empty.md").write_bytes(b"")
    (folder / "huge.txt").write_text("Wash your hands. " * 70_000, encoding="utf-8")
    (folder / "japanese.txt").write_text(
        "世界保健デーに、すべての人に手洗いを呼びかけます。", encoding="utf-8"
    )
    (folder / "rows.jsonl").write_text(
        '{"text": "Hand hygiene saves lives every single day.", "language": "en"}\n'
        '{"text": ""}\nnot json\n',
        encoding="utf-8",
    )
    (folder / "rows.csv").write_text(
        'text\nL’hygiène des mains sauve des vies chaque jour.\n""\n', encoding="utf-8"
    )
