"""Translation-model use cases: which Argos packages are installed, and installing more.

``list`` shows the installed packages and how each of the 30 directed pairs among the six
languages is served (directly, through English, or not at all). Installing downloads the
en<->x packages from the Argos index when online, or installs ``.argosmodel`` files on
air-gapped machines, into ``settings.resolved_packages_dir``.
"""

from collections.abc import Callable, Sequence
from pathlib import Path

from pydantic import ConfigDict, Field

from service.engines.argos_index import install_from_index
from service.engines.argos_packages import InstalledPackage, install_from_files, list_packages
from service.engines.base import RouteKind, plan_routes
from service.languages import Language
from service.models import Model
from service.workflow.workspace import Workspace


class PackageInfo(Model):
    """One installed package; ``from`` and ``to`` are the language codes it translates."""

    model_config = ConfigDict(frozen=True, extra="forbid", serialize_by_alias=True)

    from_code: str = Field(serialization_alias="from")
    to_code: str = Field(serialization_alias="to")
    version: str
    size_bytes: int
    license: str
    path: str

    @classmethod
    def of(cls, package: InstalledPackage) -> "PackageInfo":
        return cls(
            from_code=package.from_code,
            to_code=package.to_code,
            version=package.version,
            size_bytes=package.size_bytes,
            license=package.license_note,
            path=str(package.path),
        )


class PackageProblemInfo(Model):
    path: str
    problem: str


class PairInfo(Model):
    source: Language
    target: Language


class PairRoute(PairInfo):
    route: RouteKind


class ModelsReport(Model):
    """The installed packages, the folders that are not packages, and the 30 routes."""

    packages_dir: str
    packages: list[PackageInfo]
    problems: list[PackageProblemInfo]
    pairs: list[PairRoute]

    @property
    def missing_pairs(self) -> int:
        return sum(1 for pair in self.pairs if pair.route is RouteKind.MISSING)


class InstallReport(Model):
    installed: list[PackageInfo]
    not_in_index: list[PairInfo] = Field(
        default_factory=list, description="Pairs asked for that the Argos index does not have."
    )


def models_report(workspace: Workspace) -> ModelsReport:
    packages_dir = workspace.settings.resolved_packages_dir
    listing = list_packages(packages_dir)
    return ModelsReport(
        packages_dir=str(packages_dir),
        packages=[PackageInfo.of(package) for package in listing.packages],
        problems=[
            PackageProblemInfo(path=str(problem.path), problem=problem.message)
            for problem in listing.problems
        ],
        pairs=[
            PairRoute(source=route.source, target=route.target, route=route.kind)
            for route in plan_routes(listing.by_pair().keys())
        ],
    )


def install_files(workspace: Workspace, files: Sequence[Path]) -> InstallReport:
    """Install ``.argosmodel`` files: each one whole, or not at all."""
    installed = install_from_files(list(files), workspace.settings.resolved_packages_dir)
    return InstallReport(installed=[PackageInfo.of(package) for package in installed])


def install_languages(
    workspace: Workspace, languages: Sequence[Language], progress: Callable[[str], None]
) -> InstallReport:
    """Download and install the en<->x packages that serve ``languages`` (online only)."""
    settings = workspace.settings
    report = install_from_index(
        list(languages), settings.resolved_packages_dir, offline=settings.offline, progress=progress
    )
    return InstallReport(
        installed=[PackageInfo.of(package) for package in report.installed],
        not_in_index=[
            PairInfo(source=source, target=target) for source, target in report.not_in_index
        ],
    )
