"""Installing and listing Argos packages: real .argosmodel files built offline."""

import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from support.argos_builder import build_package

from service.engines.argos import ArgosEngine
from service.engines.argos_packages import (
    STAGING_PREFIX,
    install_from_files,
    list_packages,
)
from service.engines.base import LanguagePair
from service.errors import InputError
from service.languages import Language

EN, FR, ES = Language.EN, Language.FR, Language.ES


def _rewrite_zip(
    source: Path, target: Path, change: Callable[[str, bytes], tuple[str, bytes] | None]
) -> Path:
    """Copy a package archive, letting ``change`` rename, replace or drop (None) entries."""
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w") as copy:
        for info in original.infolist():
            changed = change(info.filename, original.read(info))
            if changed is not None:
                copy.writestr(changed[0], changed[1])
    return target


def _folders(packages_dir: Path) -> list[str]:
    return sorted(path.name for path in packages_dir.iterdir())


def test_install_lists_every_package(argos_packages_dir: Path) -> None:
    listing = list_packages(argos_packages_dir)
    assert listing.problems == ()
    assert len(listing.packages) == 10
    by_pair = listing.by_pair()
    assert len(by_pair) == 10
    en_fr = by_pair[(EN, FR)]
    assert (en_fr.from_code, en_fr.to_code, en_fr.version) == ("en", "fr", "1.0")
    assert en_fr.path.name == "translate-en_fr"
    assert en_fr.size_bytes > 100_000
    assert en_fr.license_note == "CC0-1.0 (synthetic test model)"


def test_missing_directory_lists_nothing(tmp_path: Path) -> None:
    listing = list_packages(tmp_path / "absent")
    assert listing.packages == () and listing.problems == ()


def test_install_returns_the_installed_packages(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    installed = install_from_files([argos_package_files[(EN, FR)]], tmp_path)
    assert [(package.from_code, package.to_code) for package in installed] == [("en", "fr")]
    assert _folders(tmp_path) == ["translate-en_fr"]


def test_a_newer_version_replaces_the_installed_one(tmp_path: Path) -> None:
    # A folder as argostranslate itself would have installed it, then two versions via adapt.
    old = build_package(tmp_path / "old.argosmodel", "en", "fr", package_version="0.9")
    with zipfile.ZipFile(old) as archive:
        archive.extractall(tmp_path / "packages")
    assert _folders(tmp_path / "packages") == ["translate-en_fr-0_9"]
    for version in ("1.0", "2.0"):
        path = build_package(
            tmp_path / f"v{version}.argosmodel", "en", "fr", package_version=version
        )
        install_from_files([path], tmp_path / "packages")
    assert _folders(tmp_path / "packages") == ["translate-en_fr"]
    assert list_packages(tmp_path / "packages").packages[0].version == "2.0"


def test_newest_version_serves_a_pair_when_several_are_installed(tmp_path: Path) -> None:
    for version in ("1.9", "1.10"):
        path = build_package(
            tmp_path / f"{version}.argosmodel", "en", "fr", package_version=version
        )
        with zipfile.ZipFile(path) as archive:
            archive.extractall(tmp_path / "packages")
    assert list_packages(tmp_path / "packages").by_pair()[(EN, FR)].version == "1.10"


def _corrupt(path: Path, tmp_path: Path) -> Path:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(next(n for n in archive.namelist() if n.endswith("model.bin")))
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for offset in range(start + 100, start + 400):
        data[offset] ^= 0x5A
    out = tmp_path / "damaged.argosmodel"
    out.write_bytes(bytes(data))
    return out


def _bad_packages(source: Path, tmp_path: Path) -> dict[str, tuple[Path, str]]:
    """Broken package files, each with a fragment of the error it must give."""
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(source.read_bytes()[: source.stat().st_size // 2])
    garbage = tmp_path / "garbage.argosmodel"
    garbage.write_bytes(b"not a zip at all" * 100)

    def other(name: str, data: bytes) -> tuple[str, bytes]:
        return (
            ("other/" + name.split("/", 1)[1], data) if name.endswith("README.md") else (name, data)
        )

    def metadata(update: dict[str, object]) -> Callable[[str, bytes], tuple[str, bytes]]:
        def change(name: str, data: bytes) -> tuple[str, bytes]:
            if name.endswith("metadata.json"):
                return name, json.dumps({**json.loads(data), **update}).encode()
            return name, data

        return change

    cases = {
        "truncated": (truncated, "corrupt or truncated"),
        "garbage": (garbage, "corrupt or truncated"),
        "damaged": (_corrupt(source, tmp_path), "corrupt or truncated"),
        "missing": (tmp_path / "absent.argosmodel", "no such file"),
        "two folders": (_rewrite_zip(source, tmp_path / "two.zip", other), "exactly one top-level"),
        "unsafe path": (
            _rewrite_zip(source, tmp_path / "slip.zip", lambda n, d: ("../" + n, d)),
            "unsafe path",
        ),
        "no model": (
            _rewrite_zip(
                source,
                tmp_path / "nomodel.zip",
                lambda n, d: None if n.endswith("model.bin") else (n, d),
            ),
            "no model/model.bin",
        ),
        "german": (
            _rewrite_zip(source, tmp_path / "de.zip", metadata({"to_code": "de"})),
            "package for en->de: adapt serves ar, zh, en, fr, ru, es",
        ),
        "traditional chinese": (
            _rewrite_zip(source, tmp_path / "zt.zip", metadata({"from_code": "zt"})),
            "package for zt->fr: adapt serves ar, zh, en, fr, ru, es",
        ),
        "no target": (
            _rewrite_zip(source, tmp_path / "nt.zip", metadata({"to_code": None})),
            "no 'to_code'",
        ),
        "not translate": (
            _rewrite_zip(source, tmp_path / "sbd.zip", metadata({"type": "sbd"})),
            "not a translation package",
        ),
        "invalid json": (
            _rewrite_zip(
                source,
                tmp_path / "json.zip",
                lambda n, d: (n, b"{oops") if n.endswith("metadata.json") else (n, d),
            ),
            "invalid JSON",
        ),
        "bad model": (
            _rewrite_zip(
                source,
                tmp_path / "bin.zip",
                lambda n, d: (n, b"\0" * 64) if n.endswith("model.bin") else (n, d),
            ),
            "model/ does not load",
        ),
        "bad tokenizer": (
            _rewrite_zip(
                source,
                tmp_path / "sp.zip",
                lambda n, d: (n, b"junk") if n.endswith(".model") else (n, d),
            ),
            "sentencepiece.model does not load",
        ),
    }
    return cases


BAD_CASES = [
    "truncated",
    "garbage",
    "damaged",
    "missing",
    "two folders",
    "unsafe path",
    "no model",
    "german",
    "traditional chinese",
    "no target",
    "not translate",
    "invalid json",
    "bad model",
    "bad tokenizer",
]


@pytest.mark.parametrize("case", BAD_CASES)
def test_a_bad_file_is_refused_and_nothing_changes(
    case: str, tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    packages_dir = tmp_path / "packages"
    install_from_files([argos_package_files[(FR, EN)]], packages_dir)
    bad, message = _bad_packages(argos_package_files[(EN, FR)], tmp_path)[case]
    with pytest.raises(InputError) as raised:
        install_from_files([bad], packages_dir)
    assert message in raised.value.message
    assert str(bad) in raised.value.message
    assert _folders(packages_dir) == ["translate-fr_en"]  # no staging folder, no partial package
    assert ArgosEngine(packages_dir).translate_batch(["Bonjour"], FR, EN)[0].text == "Bonjour"


def test_files_are_all_checked_before_any_is_installed(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    truncated = tmp_path / "truncated.argosmodel"
    truncated.write_bytes(argos_package_files[(EN, ES)].read_bytes()[:1000])
    with pytest.raises(InputError, match="truncated"):
        install_from_files([argos_package_files[(EN, FR)], truncated], tmp_path / "packages")
    assert not (tmp_path / "packages").exists() or _folders(tmp_path / "packages") == []


def test_no_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no package file given"):
        install_from_files([], tmp_path)


def _break(folder: Path, how: str) -> None:
    if how == "no metadata":
        (folder / "metadata.json").unlink()
    elif how == "invalid json":
        (folder / "metadata.json").write_text("{\n  'from_code': 'en'\n")
    elif how == "not an object":
        (folder / "metadata.json").write_text("[]")
    elif how == "no model":
        (folder / "model" / "model.bin").unlink()


@pytest.mark.parametrize(
    ("how", "message"),
    [
        ("no metadata", "no metadata.json"),
        (
            "invalid json",
            "invalid JSON (Expecting property name enclosed in double quotes at line 2",
        ),
        ("not an object", "must be a JSON object"),
        ("no model", "no model/model.bin"),
    ],
)
def test_a_broken_folder_is_a_problem_and_the_others_still_work(
    how: str, message: str, tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    packages_dir = tmp_path / "packages"
    install_from_files([argos_package_files[(EN, FR)], argos_package_files[(FR, EN)]], packages_dir)
    _break(packages_dir / "translate-en_fr", how)
    (packages_dir / "empty-folder").mkdir()
    (packages_dir / "stray.txt").write_text("not a folder")
    listing = list_packages(packages_dir)
    assert [(package.from_code, package.to_code) for package in listing.packages] == [("fr", "en")]
    problems = {problem.path.name: problem.message for problem in listing.problems}
    assert set(problems) == {"empty-folder", "translate-en_fr"}
    assert message in problems["translate-en_fr"]
    engine = ArgosEngine(packages_dir)
    assert engine.translate_batch(["Bonjour"], FR, EN)[0].text == "Bonjour"
    assert not engine.supports(EN, FR)
    # Reinstalling repairs the broken folder.
    install_from_files([argos_package_files[(EN, FR)]], packages_dir)
    assert len(list_packages(packages_dir).packages) == 2


def test_staging_folders_are_not_packages(
    tmp_path: Path, argos_package_files: dict[LanguagePair, Path]
) -> None:
    install_from_files([argos_package_files[(EN, FR)]], tmp_path)
    (tmp_path / f"{STAGING_PREFIX}left-by-a-crash").mkdir()
    listing = list_packages(tmp_path)
    assert len(listing.packages) == 1 and listing.problems == ()


def test_license_note_comes_from_the_readme_without_metadata(tmp_path: Path) -> None:
    source = build_package(tmp_path / "p.argosmodel", "en", "fr")

    def change(name: str, data: bytes) -> tuple[str, bytes]:
        if name.endswith("metadata.json"):
            metadata = json.loads(data)
            del metadata["license"]
            return name, json.dumps(metadata).encode()
        if name.endswith("README.md"):
            return name, b"# en-fr\n\nTrained on OPUS.\n\n## License: CC BY 4.0\n"
        return name, data

    install_from_files(
        [_rewrite_zip(source, tmp_path / "readme.zip", change)], tmp_path / "packages"
    )
    assert list_packages(tmp_path / "packages").packages[0].license_note == "License: CC BY 4.0"


def test_builds_are_byte_identical(tmp_path: Path) -> None:
    first = build_package(tmp_path / "a.argosmodel", "en", "fr").read_bytes()
    second = build_package(tmp_path / "b.argosmodel", "en", "fr").read_bytes()
    assert first == second
    assert zipfile.ZipFile(io.BytesIO(first)).testzip() is None
