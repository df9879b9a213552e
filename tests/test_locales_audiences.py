"""locales/audiences.toml and a user audiences file, read by service.locales.load_audiences."""

import shutil
from pathlib import Path

import pytest

from service.errors import DataError
from service.languages import ALL_LANGUAGES, Language
from service.locales import load_audiences
from service.settings import REPOSITORY_ROOT

LOCALES = REPOSITORY_ROOT / "locales"

EXPECTED_ZONES = {
    "es": [
        "America/Mexico_City",
        "America/Bogota",
        "America/Argentina/Buenos_Aires",
        "Europe/Madrid",
    ],
    "ar": ["Africa/Cairo", "Asia/Riyadh", "Asia/Dubai", "Africa/Casablanca"],
    "ru": [
        "Europe/Moscow",
        "Asia/Yekaterinburg",
        "Asia/Novosibirsk",
        "Asia/Krasnoyarsk",
        "Asia/Irkutsk",
        "Asia/Vladivostok",
    ],
    "zh": ["Asia/Shanghai"],
    "fr": ["Europe/Paris", "Africa/Dakar", "Africa/Abidjan", "Africa/Kinshasa", "Africa/Douala"],
    "en": ["America/New_York", "Europe/London", "Africa/Nairobi", "Asia/Kolkata"],
}


def test_bundled_audiences_are_the_six_language_accounts() -> None:
    audiences = load_audiences(LOCALES)
    assert list(audiences) == [language.value for language in ALL_LANGUAGES]
    for audience_id, zones in EXPECTED_ZONES.items():
        audience = audiences[audience_id]
        assert audience.language == Language(audience_id)
        assert [zone.timezone for zone in audience.zones] == zones
        assert audience.windows and audience.quiet_hours and audience.min_gap_minutes > 0
    assert audiences["zh"].babel_locale == "zh_Hans_CN"  # from locales/zh.toml
    assert audiences["fr"].datetime_join == "{1} 'à' {0}"


def test_user_file_is_merged_over_the_bundled_one(tmp_path: Path) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        "[fr]\nmin_gap_minutes = 30\n\n"
        '[fr-africa]\nlanguage = "fr"\nname = "Afrique"\n'
        'zones = { "Africa/Dakar" = 1, "Africa/Kinshasa" = 2 }\n'
        'windows = ["mon-fri@07:00-09:00", "sat@22:00-01:00"]\n',
        encoding="utf-8",
    )
    audiences = load_audiences(LOCALES, user)
    assert audiences["fr"].min_gap_minutes == 30
    assert [zone.timezone for zone in audiences["fr"].zones] == EXPECTED_ZONES["fr"]
    added = audiences["fr-africa"]
    assert [window.spec for window in added.windows] == ["mon-fri@07:00-09:00", "sat@22:00-01:00"]
    assert added.babel_locale == "fr" and added.quiet_hours == ()
    assert list(audiences)[-1] == "fr-africa"


def _user_error(tmp_path: Path, text: str) -> str:
    user = tmp_path / "mine.toml"
    user.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_audiences(LOCALES, user)
    return caught.value.message


VALID = 'language = "en"\nname = "x"\nzones = { "Europe/London" = 1 }\n'


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f'[x]\n{VALID}windows = ["mon-fri@9-11"]\n', ":5: x.windows: window 'mon-fri@9-11'"),
        (
            '[x]\nlanguage = "en"\nname = "x"\nzones = { "Europe/Londres" = 1 }\nwindows = []\n',
            ":4: x.zones.0.timezone: unknown time zone 'Europe/Londres'",
        ),
        (
            f'[x]\n{VALID}windows = ["mon@09:00-10:00"]\ncolour = "red"\n',
            ":6: x.colour: Extra inputs are not permitted",
        ),
        (f'[x]\n{VALID}windows = ["mon@09:00-10:00"]\nid = "y"\n', ":6: x.id: the table name"),
        (
            '[x]\nlanguage = "xx"\nname = "x"\nzones = { "Europe/London" = 1 }\n'
            'windows = ["mon@09:00-10:00"]\n',
            ":2: x.language:",
        ),
        (
            f'\n[x]\n{VALID}windows = ["mon@22:00-23:30"]\nquiet_hours = ["23:00-07:00"]\n',
            ":2: x: window mon@22:00-23:30 overlaps quiet hours 23:00-07:00",
        ),
        (
            f'[x]\n{VALID}windows = ["mon@09:00-10:00"]\nmin_gap_minutes = -5\n',
            ":6: x.min_gap_minutes:",
        ),
        ('[en]\nwindows = ["mon@25:00-26:00"]\n', ":2: en.windows:"),
        ("stray = 1\n", ":1: stray: each audience is a table"),
        ("[x\n", "invalid TOML"),
    ],
)
def test_errors_name_the_user_file_and_line(tmp_path: Path, text: str, expected: str) -> None:
    message = _user_error(tmp_path, text)
    assert message.startswith(str(tmp_path / "mine.toml"))
    assert expected in message


def test_error_in_a_bundled_key_points_at_the_bundled_file(tmp_path: Path) -> None:
    locales = tmp_path / "locales"
    shutil.copytree(LOCALES, locales)
    bundled = locales / "audiences.toml"
    text = bundled.read_text(encoding="utf-8")
    bundled.write_text(text.replace('"Asia/Shanghai" = 1', '"Asia/Peking" = 1'), encoding="utf-8")
    line = next(n for n, row in enumerate(bundled.read_text().splitlines(), 1) if "Peking" in row)
    with pytest.raises(DataError, match=rf"audiences.toml:{line}: zh.zones.0.timezone: unknown"):
        load_audiences(locales)


def test_missing_files_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"mine\.toml: audiences file not found"):
        load_audiences(LOCALES, tmp_path / "mine.toml")
    empty = tmp_path / "empty-locales"
    empty.mkdir()
    with pytest.raises(DataError, match=r"audiences\.toml: audiences file not found"):
        load_audiences(empty)
