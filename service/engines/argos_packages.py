"""Installed Argos Translate packages: list them, and install ``.argosmodel`` files safely.

An Argos package is a zip with one top-level folder holding ``metadata.json``,
``sentencepiece.model`` and ``model/`` (a CTranslate2 model). argostranslate's own
``install_from_path`` unzips anything into its packages directory without a check, and its
listing fails on the first folder without ``metadata.json``; adapt serves air-gapped sites
where a truncated copy is a likely accident, so it reads and installs packages itself:

* every file is checked before anything is installed (a zip, one folder, metadata for two
  of the six languages, the tokenizer and the model present);
* a package is unpacked into a hidden staging folder inside the packages directory, checked
  again (the SentencePiece model loads, the model folder holds a CTranslate2 model), then
  renamed into place, replacing any earlier package for the same pair. Nothing is ever
  half-installed, and a failed install leaves the other packages as they were;
* listing reports a broken folder as a problem and still lists every other package.
"""

import json
import shutil
import tempfile
import threading
import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from packaging.version import InvalidVersion, Version

from service.engines.base import LanguagePair
from service.errors import AdaptError, ErrorCode, InputError
from service.languages import ALL_LANGUAGES, Language

SERVED_LANGUAGES = ", ".join(ALL_LANGUAGES)
REQUIRED_FILES = ("metadata.json", "sentencepiece.model", "model/model.bin")
STAGING_PREFIX = ".installing-"
_install_lock = threading.Lock()


class PackageError(InputError):
    """An ``.argosmodel`` file or an installed package folder is not a usable package."""

    default_code = ErrorCode.INVALID_PACKAGE


@dataclass(frozen=True)
class InstalledPackage:
    """One installed translation package, as its folder describes it."""

    from_code: str
    to_code: str
    version: str
    size_bytes: int
    license_note: str
    path: Path
    target_prefix: str = ""

    @property
    def pair(self) -> LanguagePair | None:
        """The directed pair among the six languages, or None for any other language."""
        if self.from_code in ALL_LANGUAGES and self.to_code in ALL_LANGUAGES:
            return Language(self.from_code), Language(self.to_code)
        return None


@dataclass(frozen=True)
class PackageProblem:
    """A folder in the packages directory that is not a usable package, and why."""

    path: Path
    message: str


@dataclass(frozen=True)
class PackageListing:
    packages: tuple[InstalledPackage, ...]
    problems: tuple[PackageProblem, ...]

    def by_pair(self) -> dict[LanguagePair, InstalledPackage]:
        """The package serving each directed pair of the six; the newest if several do."""
        chosen: dict[LanguagePair, InstalledPackage] = {}
        for package in self.packages:
            pair = package.pair
            if pair is None:
                continue
            current = chosen.get(pair)
            if current is None or _version_key(package.version) > _version_key(current.version):
                chosen[pair] = package
        return chosen


def _version_key(version: str) -> tuple[int, Version | str]:
    try:
        return (1, Version(version))
    except InvalidVersion:
        return (0, version)


def list_packages(packages_dir: Path) -> PackageListing:
    """Every package folder in ``packages_dir``; broken folders become problems.

    A missing directory is an empty listing. Hidden folders (adapt's staging folders) and
    plain files are skipped.
    """
    if not packages_dir.is_dir():
        return PackageListing((), ())
    packages: list[InstalledPackage] = []
    problems: list[PackageProblem] = []
    for folder in sorted(packages_dir.iterdir()):
        if folder.name.startswith(".") or not folder.is_dir():
            continue
        try:
            packages.append(read_package(folder))
        except AdaptError as error:
            problems.append(PackageProblem(folder, error.message))
    return PackageListing(tuple(packages), tuple(problems))


def read_package(folder: Path) -> InstalledPackage:
    """Describe an installed package folder; raise InputError saying what is wrong with it."""
    for required in REQUIRED_FILES:
        if not (folder / required).is_file():
            raise PackageError(f"{folder}: no {required}; not an Argos package (reinstall it)")
    try:
        text = (folder / "metadata.json").read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise PackageError(f"{folder}/metadata.json: cannot read ({error})") from None
    metadata = parse_metadata(text, f"{folder}/metadata.json")
    return InstalledPackage(
        from_code=metadata["from_code"],
        to_code=metadata["to_code"],
        version=str(metadata.get("package_version", "")) or "unknown",
        size_bytes=sum(path.stat().st_size for path in folder.rglob("*") if path.is_file()),
        license_note=_license_note(metadata, folder / "README.md"),
        path=folder,
        target_prefix=str(metadata.get("target_prefix") or ""),
    )


def parse_metadata(text: str, where: str) -> dict[str, Any]:
    """Parse metadata.json; it must name the source and target language codes."""
    try:
        metadata = json.loads(text)
    except json.JSONDecodeError as error:
        raise PackageError(
            f"{where}: invalid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    if not isinstance(metadata, dict):
        raise PackageError(f"{where}: must be a JSON object")
    for key in ("from_code", "to_code"):
        if not isinstance(metadata.get(key), str) or not metadata[key]:
            raise PackageError(f"{where}: no {key!r}")
    if metadata.get("type", "translate") != "translate":
        raise PackageError(f"{where}: a {metadata['type']!r} package, not a translation package")
    if not isinstance(metadata.get("target_prefix", ""), str):
        raise PackageError(f"{where}: 'target_prefix' must be a string")
    return metadata


def _license_note(metadata: dict[str, Any], readme: Path) -> str:
    """The licence as the package states it: metadata first, else the README's first line
    that mentions one (Argos packages state it in their README)."""
    for key in ("license", "licence"):
        if isinstance(metadata.get(key), str) and metadata[key].strip():
            return str(metadata[key]).strip()
    try:
        lines = readme.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return "not stated"
    for line in lines:
        if "licen" in line.lower():
            return line.strip(" #*-\t")[:120]
    return "not stated"


@dataclass(frozen=True)
class _CheckedArchive:
    source: Path
    folder: str
    metadata: dict[str, Any]


def check_archive(path: Path) -> _CheckedArchive:
    """Check an ``.argosmodel`` without unpacking it; raise InputError naming the file."""
    if not path.is_file():
        raise InputError(f"{path}: no such file", code=ErrorCode.FILE_NOT_FOUND, path=str(path))
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            folder = _single_folder(path, names)
            missing = [name for name in REQUIRED_FILES if f"{folder}/{name}" not in names]
            if missing:
                raise PackageError(f"{path}: not an Argos package (no {', '.join(missing)})")
            text = archive.read(f"{folder}/metadata.json").decode("utf-8")
    except (zipfile.BadZipFile, zlib.error, EOFError, UnicodeDecodeError) as error:
        raise PackageError(f"{path}: corrupt or truncated package file ({error})") from None
    except OSError as error:
        raise PackageError(f"{path}: cannot read ({error})") from None
    metadata = parse_metadata(text, f"{path}: metadata.json")
    from_code, to_code = metadata["from_code"], metadata["to_code"]
    if from_code not in ALL_LANGUAGES or to_code not in ALL_LANGUAGES or from_code == to_code:
        raise PackageError(
            f"{path}: package for {from_code}->{to_code}: adapt serves {SERVED_LANGUAGES}"
        )
    return _CheckedArchive(path, folder, metadata)


def _single_folder(path: Path, names: list[str]) -> str:
    """The one top-level folder every entry lies in; no absolute or parent paths."""
    tops = set()
    for name in names:
        parts = PurePosixPath(name).parts
        if not parts or name.startswith("/") or ".." in parts or "\\" in name:
            raise PackageError(f"{path}: unsafe path {name!r} in the package")
        tops.add(parts[0])
        if len(parts) == 1 and not name.endswith("/"):
            raise PackageError(f"{path}: file {name!r} outside the package folder")
    if len(tops) != 1:
        raise PackageError(f"{path}: a package must hold exactly one top-level folder")
    return tops.pop()


def install_from_files(paths: Sequence[Path], packages_dir: Path) -> list[InstalledPackage]:
    """Install ``.argosmodel`` files into ``packages_dir``; return what was installed.

    Every file is checked before any is installed. Each install is atomic (staged, checked,
    renamed into place) and replaces the package installed for the same pair.
    """
    if not paths:
        raise InputError("no package file given", code=ErrorCode.EMPTY_INPUT)
    checked = [check_archive(path) for path in paths]
    try:
        packages_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise AdaptError(
            f"{packages_dir}: cannot create the packages directory ({error})",
            code=ErrorCode.UNWRITABLE_FILE,
        ) from None
    with _install_lock:
        return [_install(archive, packages_dir) for archive in checked]


def _install(archive: _CheckedArchive, packages_dir: Path) -> InstalledPackage:
    staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=packages_dir))
    try:
        _unpack(archive, staging)
        staged = staging / archive.folder
        _check_unpacked(archive.source, staged)
        metadata = archive.metadata
        target = packages_dir / f"translate-{metadata['from_code']}_{metadata['to_code']}"
        _swap_into_place(staged, target, _same_pair(packages_dir, metadata), staging)
        return read_package(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _unpack(archive: _CheckedArchive, staging: Path) -> None:
    try:
        with zipfile.ZipFile(archive.source) as opened:
            opened.extractall(staging)
    except (zipfile.BadZipFile, zlib.error, EOFError) as error:
        raise PackageError(
            f"{archive.source}: corrupt or truncated package file ({error})"
        ) from None
    except OSError as error:
        raise AdaptError(
            f"{archive.source}: cannot unpack into {staging.parent} ({error})",
            code=ErrorCode.UNWRITABLE_FILE,
        ) from None


def _check_unpacked(source: Path, folder: Path) -> None:
    """Load what the engine will load, so a damaged model fails here and not mid-run."""
    import ctranslate2
    import sentencepiece

    try:
        sentencepiece.SentencePieceProcessor(model_file=str(folder / "sentencepiece.model"))
    except (OSError, RuntimeError) as error:
        raise PackageError(f"{source}: sentencepiece.model does not load ({error})") from None
    if not ctranslate2.contains_model(str(folder / "model")):
        raise PackageError(f"{source}: model/ is not a CTranslate2 model")
    try:  # also catches a model made for a newer CTranslate2 than the one installed
        ctranslate2.Translator(str(folder / "model"), device="cpu", intra_threads=1)
    except Exception as error:  # CTranslate2 raises RuntimeError, IndexError, ValueError...
        raise PackageError(f"{source}: model/ does not load ({error})") from None


def _same_pair(packages_dir: Path, metadata: dict[str, Any]) -> list[Path]:
    pair = (metadata["from_code"], metadata["to_code"])
    return [
        package.path
        for package in list_packages(packages_dir).packages
        if (package.from_code, package.to_code) == pair
    ]


def _swap_into_place(staged: Path, target: Path, replaced: list[Path], staging: Path) -> None:
    """Move the old folders aside, the new one in; on failure put the old ones back."""
    aside: list[tuple[Path, Path]] = []
    try:
        for index, old in enumerate(sorted({*replaced, target} if target.exists() else replaced)):
            parked = staging / f"replaced-{index}"
            old.rename(parked)
            aside.append((old, parked))
        staged.rename(target)
    except OSError as error:
        for old, parked in reversed(aside):
            parked.rename(old)
        raise AdaptError(
            f"{target}: cannot install the package ({error})", code=ErrorCode.UNWRITABLE_FILE
        ) from None
