"""The store: migrations, the translation-unit repository, on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlalchemy.exc import IntegrityError

from service.errors import InputError
from service.languages import Language
from service.models import UnitOrigin, UnitProvenance
from service.settings import Settings
from service.store import Store, UnitDraft, open_store
from service.store.migrate import current_revision, head_revision
from service.store.tables import Base, UtcDateTime

EN, FR, ES = Language.EN, Language.FR, Language.ES


def _draft(
    key: str,
    target: str = "cible",
    source_language: Language = EN,
    target_language: Language = FR,
    approved_by: str | None = None,
) -> UnitDraft:
    provenance = UnitProvenance(origin=UnitOrigin.MANUAL, approved_by=approved_by)
    return UnitDraft(source_language, target_language, key, target, key, provenance)


@pytest.fixture
def store(any_store: Store) -> Store:
    """The store tests here run on SQLite and on PostgreSQL."""
    return any_store


def test_migrations_create_the_tables_at_head(store: Store) -> None:
    tables = inspect(store.engine).get_table_names()
    assert {"translation_units", "alembic_version"} <= set(tables)
    assert current_revision(store.engine) == head_revision() is not None
    indexes = {index["name"] for index in inspect(store.engine).get_indexes("translation_units")}
    assert "ix_translation_units_pair_length" in indexes


def test_the_migrations_match_the_table_classes(store: Store) -> None:
    with store.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_reopening_a_database_keeps_its_data(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'nested' / 'dir' / 'adapt.sqlite3'}"
    with Store.open(url) as store:
        store.translation_units.upsert(_draft("Hello"))
    with Store.open(url) as store:
        assert store.translation_units.count() == 1


def test_open_store_uses_the_data_dir_by_default(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", database_url="")
    with open_store(settings) as store:
        assert store.translation_units.count() == 0
    assert (tmp_path / "data" / "adapt.sqlite3").is_file()


@pytest.mark.parametrize(
    ("url", "options", "message"),
    [
        ("not a url", {}, "invalid database URL"),
        ("nosuchdialect://x/y", {}, "no driver"),
        (
            "postgresql+psycopg://postgres@127.0.0.1:1/test",
            {"connect_args": {"connect_timeout": 2}},
            "cannot open the database",
        ),
    ],
)
def test_bad_database_urls_are_input_errors(
    url: str, options: dict[str, object], message: str
) -> None:
    with pytest.raises(InputError, match=message):
        Store.open(url, **options)


def test_a_database_folder_that_cannot_be_made_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    with pytest.raises(InputError, match="cannot create the database folder"):
        Store.open(f"sqlite:///{tmp_path / 'file' / 'sub' / 'adapt.sqlite3'}")


def test_upsert_inserts_then_updates_in_place(store: Store) -> None:
    repository = store.translation_units
    first = repository.upsert(_draft("Hello", "Bonjour"))
    second = repository.upsert(_draft("Hello", "Salut", approved_by="reviewer"))
    assert second.id == first.id
    assert second.target_text == "Salut"
    assert second.provenance.approved_by == "reviewer"
    assert second.created_at_utc == first.created_at_utc
    assert second.updated_at_utc >= first.updated_at_utc
    assert repository.count() == 1


def test_upsert_keys_are_per_language_pair(store: Store) -> None:
    repository = store.translation_units
    repository.upsert(_draft("Hello", "Bonjour"))
    repository.upsert(_draft("Hello", "Hola", target_language=ES))
    repository.upsert(_draft("Hello", "Hello", source_language=FR, target_language=EN))
    assert repository.count() == 3
    assert [u.target_text for u in repository.list_units(target_language=ES)] == ["Hola"]
    assert len(repository.list_units(source_language=EN)) == 2


def test_has_pair_sees_only_pairs_with_units(store: Store) -> None:
    repository = store.translation_units
    assert not repository.has_pair(EN, FR)
    repository.upsert(_draft("Hello", "Bonjour"))
    assert repository.has_pair(EN, FR)
    assert not repository.has_pair(FR, EN) and not repository.has_pair(EN, ES)


def test_upsert_many_counts_and_last_draft_wins(store: Store) -> None:
    repository = store.translation_units
    repository.upsert(_draft("One", "Un"))
    counts = repository.upsert_many(
        [_draft("One", "Une"), _draft("Two", "Deux"), _draft("Two", "Deux !")]
    )
    assert (counts.inserted, counts.updated) == (1, 1)
    found = repository.find_exact(EN, FR, ["One", "Two"])
    assert {key: unit.target_text for key, unit in found.items()} == {"One": "Une", "Two": "Deux !"}


def test_upsert_many_is_all_or_nothing(store: Store) -> None:
    repository = store.translation_units
    invalid = _draft("Same language", source_language=FR, target_language=FR)
    with pytest.raises(IntegrityError):
        repository.upsert_many([_draft("Good"), invalid])
    assert repository.count() == 0


def test_find_exact_matches_whole_keys_of_the_pair_only(store: Store) -> None:
    repository = store.translation_units
    long_key = "Long segment " * 600  # past PostgreSQL's B-tree entry limit: the hash is indexed
    repository.upsert_many([_draft("Hello"), _draft(long_key), _draft("Hi", target_language=ES)])
    found = repository.find_exact(EN, FR, ["Hello", "Hello ", "Hi", long_key])
    assert set(found) == {"Hello", long_key}
    many = repository.find_exact(EN, FR, [f"missing {n}" for n in range(1200)] + ["Hello"])
    assert set(many) == {"Hello"}


def test_find_keys_by_length_filters_the_band_nearest_first(store: Store) -> None:
    repository = store.translation_units
    repository.upsert_many([_draft("x" * length) for length in (5, 8, 10, 11, 12, 15, 20)])
    repository.upsert(_draft("y" * 10, target_language=ES))
    found = repository.find_keys_by_length(
        EN, FR, min_length=8, max_length=15, near_length=11, limit=10
    )
    assert [len(key) for _, key in found] == [11, 12, 10, 8, 15]  # ties: longer first
    limited = repository.find_keys_by_length(
        EN, FR, min_length=0, max_length=99, near_length=11, limit=2
    )
    assert [len(key) for _, key in limited] == [11, 12]
    units = repository.get_many([unit_id for unit_id, _ in limited] + [9999])
    assert sorted(len(unit.source_text) for unit in units.values()) == [11, 12]


def test_datetimes_come_back_aware_in_utc(store: Store) -> None:
    approved = datetime(2024, 5, 1, 14, 30, tzinfo=timezone(timedelta(hours=2)))
    provenance = UnitProvenance(origin=UnitOrigin.REVIEW, approved_by="a", approved_at_utc=approved)
    draft = UnitDraft(EN, FR, "Hello", "Bonjour", "Hello", provenance)
    store.translation_units.upsert(draft)
    (unit,) = store.translation_units.list_units()
    assert unit.provenance.approved_at_utc == approved
    assert unit.provenance.approved_at_utc is not None
    assert unit.provenance.approved_at_utc.utcoffset() == timedelta(0)
    assert unit.created_at_utc.tzinfo is not None
    assert abs(datetime.now(UTC) - unit.created_at_utc) < timedelta(minutes=5)
    assert store.translation_units.get(unit.id) == unit
    assert store.translation_units.get(unit.id + 1000) is None


def test_naive_datetimes_are_refused() -> None:
    column_type = UtcDateTime()
    dialect = create_engine("sqlite://").dialect
    with pytest.raises(ValueError, match="naive"):
        column_type.process_bind_param(datetime(2024, 1, 1), dialect)
    assert column_type.process_result_value(datetime(2024, 1, 1), dialect) == datetime(
        2024, 1, 1, tzinfo=UTC
    )
