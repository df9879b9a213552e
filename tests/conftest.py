"""Fixtures shared across test areas. Keep helpers out of here: they live in tests/support/."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from support.api_client import Tokens
from support.argos_builder import build_package
from support.databases import DATABASES, store_on
from support.people import PEOPLE, People, make_people

from service.api.app import create_app
from service.engines.argos import ArgosEngine
from service.engines.argos_index import english_pairs
from service.engines.argos_packages import install_from_files
from service.engines.base import LanguagePair
from service.engines.memory import TranslationMemory
from service.languages import ALL_LANGUAGES
from service.settings import Settings
from service.store import Store
from service.workflow import Workspace
from service.workflow.users import NewUserRequest, add_user


@pytest.fixture(scope="session")
def argos_package_files(tmp_path_factory: pytest.TempPathFactory) -> dict[LanguagePair, Path]:
    """Tiny real Argos "copy" packages (output = input) for the ten en<->x pairs, as
    ``.argosmodel`` files. Built once per session (they share one model: well under 1 s)."""
    folder = tmp_path_factory.mktemp("argos-files")
    return {
        (source, target): build_package(
            folder / f"translate-{source}_{target}.argosmodel", source, target
        )
        for source, target in english_pairs(ALL_LANGUAGES)
    }


@pytest.fixture(scope="session")
def argos_packages_dir(
    tmp_path_factory: pytest.TempPathFactory, argos_package_files: dict[LanguagePair, Path]
) -> Path:
    """A packages directory with the ten en<->x copy packages installed, shared by the
    session: read it, never install into it (use ``tmp_path`` for that)."""
    packages_dir = tmp_path_factory.mktemp("argos-packages")
    install_from_files(list(argos_package_files.values()), packages_dir)
    return packages_dir


@pytest.fixture(scope="session")
def argos_engine(argos_packages_dir: Path) -> ArgosEngine:
    """An engine over the ten copy packages: every one of the 30 pairs gives its input
    back (20 of them through English). Thread-safe; shared by the session."""
    return ArgosEngine(argos_packages_dir, beam_size=2, inter_threads=2, max_loaded_pairs=10)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh SQLite store, migrated, in the test's own folder."""
    with Store.open(f"sqlite:///{tmp_path / 'adapt.sqlite3'}") as opened:
        yield opened


@pytest.fixture
def memory(store: Store) -> TranslationMemory:
    """A translation memory over :func:`store`, with the default fuzzy threshold."""
    return TranslationMemory(store.translation_units)


@pytest.fixture(params=DATABASES)
def any_store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """A fresh migrated store on SQLite, then on the local PostgreSQL (skipped, with the
    reason, only when it cannot be reached)."""
    yield from store_on(request.param, tmp_path)


@pytest.fixture
def service_workspace(
    any_store: Store, argos_engine: ArgosEngine, tmp_path: Path
) -> Iterator[Workspace]:
    """A workspace over :func:`any_store` (SQLite, then PostgreSQL) with the copy models."""
    settings = Settings(data_dir=tmp_path)
    with Workspace(settings, engine=argos_engine, store=any_store) as workspace:
        yield workspace


@pytest.fixture
def people(service_workspace: Workspace) -> People:
    """ed (editor), fr1 and fr2 (French translators), es1 (Spanish), pub (publisher), root."""
    return make_people(service_workspace)


@pytest.fixture
def tokens(service_workspace: Workspace) -> Tokens:
    """A token for each of :data:`support.people.PEOPLE` (ed, fr1, fr2, es1, pub, root)."""
    return {
        name: add_user(
            service_workspace, NewUserRequest(name=name, role=role, languages=languages)
        ).token
        for name, (role, languages) in PEOPLE.items()
    }


@pytest.fixture
def client(service_workspace: Workspace) -> Iterator[TestClient]:
    """The API over :func:`service_workspace`, its lifespan (and job thread) running."""
    with TestClient(create_app(workspace=service_workspace)) as started:
        yield started
