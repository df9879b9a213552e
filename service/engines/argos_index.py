"""Install the en<->x packages from the Argos package index, when there is a network.

argostranslate reads its settings (packages, data, cache and config directories) once,
when ``argostranslate.settings`` is first imported, and creates those directories then. So
it is imported lazily, here only, after pointing those settings at adapt's directories; the
environment is restored right after, so nothing else in the process sees the change. If
argostranslate was already imported with other settings, it keeps them: adapt only uses
its index and download cache, and installs every download with its own checked installer.

Offline, ``argostranslate.package.get_available_packages()`` retries the index about 980
times and dies with RecursionError, so a short connection probe (or the ``offline``
setting) runs first and fails fast with the air-gapped alternative.
"""

import os
import socket
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

from service.engines.argos_packages import InstalledPackage, install_from_files
from service.engines.base import PIVOT_LANGUAGE, LanguagePair
from service.errors import AdaptError, ErrorCode, InputError
from service.languages import Language

PROBE_TIMEOUT_S = 3.0
_ARGOS_ENVIRONMENT = ("ARGOS_PACKAGES_DIR", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_CONFIG_HOME")
_import_lock = threading.Lock()

Reachable = Callable[[str, float], bool]
Progress = Callable[[str], None]


def models_offline(reason: str) -> InputError:
    """Models cannot be downloaded here: the edge says how to install them from files."""
    return InputError(
        f"cannot download translation models: {reason}. On a machine without internet, copy "
        "the en<->x .argosmodel files there and install them from the files",
        code=ErrorCode.MODELS_OFFLINE,
        reason=reason,
    )


@dataclass(frozen=True)
class IndexInstallReport:
    installed: tuple[InstalledPackage, ...]
    not_in_index: tuple[LanguagePair, ...]


def english_pairs(languages: Sequence[Language]) -> list[LanguagePair]:
    """The directed en<->x pairs that serve ``languages`` (all 30 pairs for the six)."""
    others = [language for language in languages if language != PIVOT_LANGUAGE]
    return [pair for other in others for pair in ((PIVOT_LANGUAGE, other), (other, PIVOT_LANGUAGE))]


def index_reachable(url: str, timeout_s: float) -> bool:
    """Whether a TCP connection to the URL's host opens within ``timeout_s``.

    Runs in a daemon thread because name resolution has no timeout of its own.
    """
    parts = urlsplit(url)
    if not parts.hostname:
        return False
    port = parts.port or (443 if parts.scheme == "https" else 80)
    result: list[bool] = []

    def probe() -> None:
        try:
            with socket.create_connection((parts.hostname, port), timeout=timeout_s):
                result.append(True)
        except OSError:
            result.append(False)

    thread = threading.Thread(target=probe, daemon=True)
    thread.start()
    thread.join(timeout_s)
    return bool(result and result[0])


@contextmanager
def _argos_environment(packages_dir: Path) -> Iterator[None]:
    state = packages_dir.parent / "argos-translate"
    values = {
        "ARGOS_PACKAGES_DIR": str(packages_dir),
        "XDG_DATA_HOME": str(state / "data"),
        "XDG_CACHE_HOME": str(state / "cache"),
        "XDG_CONFIG_HOME": str(state / "config"),
    }
    saved = {name: os.environ.get(name) for name in _ARGOS_ENVIRONMENT}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def argos_package_module(packages_dir: Path) -> ModuleType:
    """``argostranslate.package``, imported with its settings pointed under adapt's data."""
    with _import_lock:
        if "argostranslate.package" not in sys.modules:
            with _argos_environment(packages_dir):
                import argostranslate.package  # noqa: F401 - imported for sys.modules
        return sys.modules["argostranslate.package"]


def install_from_index(
    languages: Sequence[Language],
    packages_dir: Path,
    *,
    offline: bool,
    reachable: Reachable = index_reachable,
    progress: Progress | None = None,
) -> IndexInstallReport:
    """Download and install the en<->x packages for ``languages`` from the Argos index."""
    if offline:
        raise models_offline("the offline setting is on (ADAPT_OFFLINE)")
    argos_package = argos_package_module(packages_dir)
    argos_settings: Any = sys.modules["argostranslate.settings"]
    index_url = str(argos_settings.remote_package_index)
    if not reachable(index_url, PROBE_TIMEOUT_S):
        host = urlsplit(index_url).hostname
        raise models_offline(f"the Argos package index ({host}) cannot be reached")
    available = _available_packages(argos_package, Path(argos_settings.local_package_index))
    installed: list[InstalledPackage] = []
    missing: list[LanguagePair] = []
    for source, target in english_pairs(languages):
        candidate = _newest(available, source, target)
        if candidate is None:
            missing.append((source, target))
            continue
        if progress is not None:
            progress(f"downloading {source}->{target} {candidate.package_version}")
        installed.extend(_download_and_install(candidate, packages_dir))
    return IndexInstallReport(tuple(installed), tuple(missing))


def _available_packages(argos_package: ModuleType, local_index: Path) -> list[Any]:
    """Refresh the index and read it. A stale copy is removed first: argostranslate's
    refresh swallows download errors, and then reading it would recurse without end."""
    local_index.unlink(missing_ok=True)
    argos_package.update_package_index()
    if not local_index.is_file():
        raise models_offline("the Argos package index could not be downloaded")
    try:
        return list(argos_package.get_available_packages())
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        raise AdaptError(
            f"the Argos package index is not valid ({error}); try again later",
            code=ErrorCode.MODEL_INDEX_UNAVAILABLE,
        ) from None


def _newest(available: list[Any], source: Language, target: Language) -> Any | None:
    from packaging.version import InvalidVersion, Version

    def version(package: Any) -> Version:
        try:
            return Version(str(package.package_version))
        except InvalidVersion:
            return Version("0")

    candidates = [
        package
        for package in available
        if package.type == "translate" and (package.from_code, package.to_code) == (source, target)
    ]
    return max(candidates, key=version, default=None)


def _download_and_install(candidate: Any, packages_dir: Path) -> list[InstalledPackage]:
    try:
        download = Path(candidate.download())
    except Exception as error:  # argostranslate raises a bare Exception on a failed download
        raise AdaptError(
            f"download of {candidate.from_code}->{candidate.to_code} failed ({error}); try again",
            code=ErrorCode.MODEL_INDEX_UNAVAILABLE,
        ) from None
    try:
        return install_from_files([download], packages_dir)
    finally:
        download.unlink(missing_ok=True)
