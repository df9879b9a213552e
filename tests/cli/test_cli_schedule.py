"""``adapt schedule``, ``adapt plan`` and ``adapt audiences`` in-process, and once through
the installed script."""

import csv
import io
import json
import shlex
import subprocess
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from support.cli import ADAPT

from service.cli import run
from service.settings import REPOSITORY_ROOT

NAMED = ["schedule", "--audience", "fr", "--after", "2026-04-07T06:00Z"]
AD_HOC = [
    "schedule",
    "--timezone",
    "Europe/Paris=2",
    "--timezone",
    "Africa/Dakar=1",
    "--window",
    "mon-fri@09:00-11:00",
    "--window",
    "sat@10:00-12:00",
]


@pytest.fixture(autouse=True)
def _no_user_audiences(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ADAPT_AUDIENCES_FILE", raising=False)


def _words(command_line: str) -> list[str]:
    """The arguments of a command line, split as a POSIX shell splits them."""
    return shlex.split(command_line)


def _readme_commands(section: str) -> list[list[str]]:
    """The ``adapt`` command lines of a README section's indented examples, as arguments
    (backslash continuations joined, ``#`` comments dropped)."""
    text = (REPOSITORY_ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split(f"\n## {section}\n", 1)[1].split("\n## ", 1)[0]
    joined = body.replace("\\\n", " ")
    return [
        shlex.split(line.strip(), comments=True)[1:]
        for line in joined.splitlines()
        if line.startswith("    adapt ")
    ]


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> dict[str, Any]:
    assert run([*argv, "--json"]) == 0
    result: dict[str, Any] = json.loads(capsys.readouterr().out)
    return result


def test_named_audience_with_observance(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(capsys, [*NAMED, "--observance", "world-health-day"])
    assert result["slot_utc"] == "2026-04-07T06:00:00Z" and result["coverage"] == 0.5
    assert result["observance_id"] == "world-health-day" and result["mode"] == "next"
    paris = result["zones"][0]
    assert paris == {
        "timezone": "Europe/Paris",
        "weight": 4.0,
        "local_time": "2026-04-07T08:00:00+02:00",
        "local_time_display": "mardi 7 avril 2026 à 08:00 heure d’été d’Europe centrale",
        "in_window": True,
        "local_date_ok": True,
        "asleep": False,
    }
    assert {finding["check"] for finding in result["findings"]} == {"quiet_hours"}


def test_ad_hoc_audience(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(capsys, [*AD_HOC, "--after", "2026-04-07T06:00Z"])
    assert result["slot_utc"] == "2026-04-07T07:00:00Z" and result["coverage"] == 0.6667
    assert [zone["timezone"] for zone in result["zones"]] == ["Europe/Paris", "Africa/Dakar"]
    crossing = _json(
        capsys,
        _words(
            "schedule --timezone Asia/Tokyo --window fri@22:00-02:00"
            " --after 2026-04-10T14:00Z --threshold 1"
        ),
    )
    assert crossing["slot_utc"] == "2026-04-10T14:00:00Z"  # Friday 23:00 in Tokyo


def test_at_flags_shanghai(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(
        capsys,
        _words("schedule --audience zh --at 2026-04-07T20:00Z --observance world-health-day"),
    )
    assert result["mode"] == "at" and result["zones"][0]["local_date_ok"] is False
    assert (
        "20:00 UTC on 7 April 2026 is already 8 April in Asia/Shanghai"
        in result["findings"][0]["message"]
    )


def test_urgent_names_sleeping_zones(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(
        capsys, ["schedule", "--audience", "ru", "--urgent", "--after", "2026-04-07T20:03Z"]
    )
    assert result["slot_utc"] == "2026-04-07T20:03:00Z" and result["mode"] == "urgent"
    assert sum(finding["check"] == "quiet_hours" for finding in result["findings"]) == 6


def test_best_slot_of_a_day(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(capsys, ["schedule", "--audience", "ru", "--day", "2026-04-07"])
    assert result["slot_utc"] == "2026-04-07T05:00:00Z" and result["mode"] == "best"


def test_human_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(NAMED) == 0
    out = capsys.readouterr().out
    assert "2026-04-07T06:00:00Z" in out and "Europe/Paris" in out and "quiet_hours" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["schedule", "--timezone", "Europe/Pariss", "--window", "mon@09:00-10:00"],
            "unknown time zone 'Europe/Pariss' (did you mean Europe/Paris?)",
        ),
        (
            ["schedule", "--timezone", "Europe/Paris", "--window", "mon-fri@9-11"],
            "window 'mon-fri@9-11'",
        ),
        (["schedule", "--timezone", "Europe/Paris"], "--window DAYS@HH:MM-HH:MM"),
        (["schedule", "--audience", "klingon"], "unknown audience 'klingon'"),
        (
            [*NAMED, "--observance", "world-helth-day"],
            "unknown observance 'world-helth-day' (did you mean 'world-health-day'?); "
            "see `adapt glossary check`",
        ),
        ([*NAMED, "--observance", "who"], "'who' is not an observance (its kind is organization)"),
        (["schedule", "--audience", "fr", "--after", "2026-04-07T06:00"], "no UTC offset"),
        (["schedule", "--audience", "fr", "--at", "tomorrow"], "not an ISO 8601 time"),
        (["schedule", "--audience", "fr", "--at", "tomorrow"], "; check --at"),
        (["schedule"], "no audience given; give --audience ID"),
        ([*NAMED, "--urgent", "--day", "2026-04-07"], "choose one of --at, --day and --urgent"),
        ([*NAMED, "--timezone", "Europe/Paris"], "not both"),
        ([*NAMED, "--day", "7/4/2026"], "write it YYYY-MM-DD, e.g. 2026-04-07; check --day"),
        ([*NAMED, "--day", "2026-04-07", "--day-zone", "Paris"], "'Paris'"),
        ([*NAMED, "--threshold", "2"], "between 0 and 1; check --threshold"),
        ([*NAMED, "--grid-minutes", "7"], "grid of 7 minutes: use one of 1, 2, 3, 4, 5, 6,"),
        ([*NAMED, "--grid-minutes", "7"], "check --grid-minutes"),
        ([*NAMED, "--horizon-days", "0"], "check --horizon-days"),
        ([*AD_HOC, "--after", "2026-04-07T06:00Z", "--threshold", "0.8"], "lower the threshold"),
        ([*AD_HOC, "--quiet", "10:00-12:00"], "overlaps quiet hours"),
        ([*AD_HOC, "--language", "tlh"], "unknown language"),
        (
            ["plan", "--audience", "fr", "--after", "2026-04-07", "--now", "2026-04-01T00:00Z"],
            "no UTC offset",
        ),
        (["plan", "--now", "now"], "check --now"),
        (["plan", "--audience", "fr", "--audience", "xx"], "unknown audience 'xx'"),
        (["plan", "--posts", "25"], "25 posts per audience: use 1 to 24; check --posts"),
        (["plan", "--min-gap-minutes", "-5"], "cannot be negative; check --min-gap-minutes"),
        ([*NAMED, "--format", "csv", "--csv-timezone", "Pari"], "check --csv-timezone"),
        ([*NAMED, "--format", "csv"], "give --message-file fr=FILE"),
    ],
)
def test_bad_input_exits_2(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(argv) == 2
    err = " ".join(capsys.readouterr().err.split())
    assert "error:" in err and message in err


def test_audiences(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(capsys, ["audiences"])
    assert [audience["id"] for audience in result["audiences"]] == [
        "ar",
        "zh",
        "en",
        "fr",
        "ru",
        "es",
    ]
    assert run(["audiences"]) == 0
    assert "Asia/Vladivostok" in capsys.readouterr().out


def test_user_audiences_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(
        '[sahel]\nlanguage = "fr"\nname = "Sahel"\n'
        'zones = { "Africa/Bamako" = 1, "Africa/Niamey" = 1 }\n'
        'windows = ["daily@19:00-21:00"]\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("ADAPT_AUDIENCES_FILE", str(user))
    result = _json(capsys, ["schedule", "--audience", "sahel", "--after", "2026-04-07T06:00Z"])
    assert result["slot_utc"] == "2026-04-07T18:00:00Z"  # 19:00 in Niamey: half the weight
    user.write_text('[sahel]\nzones = { "Africa/Bamak" = 1 }\n', encoding="utf-8")
    monkeypatch.setenv("ADAPT_AUDIENCES_FILE", str(tmp_path / "other.toml"))
    assert run(["audiences"]) == 2
    assert "audiences file not found" in capsys.readouterr().err


def test_plan(capsys: pytest.CaptureFixture[str]) -> None:
    result = _json(
        capsys,
        _words("plan --after 2026-04-07T06:00Z --now 2026-04-07T08:02Z --min-gap-minutes 30"),
    )
    assert [slot["audience_id"] for slot in result["slots"]] == ["ar", "zh", "en", "fr", "ru", "es"]
    assert all(slot["slot_utc"] >= "2026-04-07T08:05:00Z" for slot in result["slots"])
    assert result["findings"][0]["check"] == "plan_from_now"


def test_plan_with_busy_posts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chinese_plan = _words("plan --audience zh --after 2026-04-07T00:00Z --now 2026-04-01T00:00Z")
    first = _json(capsys, chinese_plan)
    busy = tmp_path / "busy.json"
    busy.write_text(json.dumps(first), encoding="utf-8")
    second = _json(capsys, [*chinese_plan, "--busy", str(busy)])
    assert first["slots"][0]["slot_utc"] == "2026-04-07T00:00:00Z"
    assert second["slots"][0]["slot_utc"] == "2026-04-07T04:00:00Z"  # two hours apart at least
    busy.write_text("{not json", encoding="utf-8")
    assert run(["plan", "--audience", "zh", "--busy", str(busy)]) == 2
    assert "not JSON" in capsys.readouterr().err


def test_exports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = ["plan", "--after", "2026-04-07T06:00Z", "--now", "2026-04-01T00:00Z"]
    ics = tmp_path / "plan.ics"
    assert run([*plan, "--format", "ics", "--output", str(ics)]) == 0
    events = Calendar.from_ical(ics.read_bytes()).walk("VEVENT")
    assert len(events) == 6
    messages = []
    for language in ("ar", "zh", "en", "fr", "ru", "es"):
        path = tmp_path / f"post.{language}.txt"
        path.write_text(f"post in {language}\n", encoding="utf-8")
        messages += ["--message-file", f"{language}={path}"]
    out = tmp_path / "plan.csv"
    assert (
        run(
            [
                *plan,
                "--format",
                "csv",
                "--output",
                str(out),
                *messages,
                "--link",
                "https://www.who.int",
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO((tmp_path / "plan.es.csv").read_text(encoding="utf-8"))))
    assert rows == [["07/04/2026 14:00", "post in es", "https://www.who.int"]]
    capsys.readouterr()
    assert run([*NAMED, "--format", "json"]) == 0  # no --output: standard output
    assert json.loads(capsys.readouterr().out)["slot_utc"] == "2026-04-07T06:00:00Z"
    assert run([*plan, "--format", "csv", *messages]) == 2
    assert "give --output FILE" in capsys.readouterr().err
    assert run([*NAMED, "--format", "csv"]) == 2
    assert "Hootsuite needs the text" in capsys.readouterr().err


def test_single_csv_to_stdout(tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    message = tmp_path / "post.txt"
    message.write_text("Bonne santé", encoding="utf-8")
    assert (
        run(
            [
                *NAMED,
                "--format",
                "csv",
                "--message-file",
                str(message),
                "--csv-timezone",
                "Europe/Paris",
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(capsysbinary.readouterr().out.decode("utf-8"))))
    assert rows == [["07/04/2026 08:00", "Bonne santé", ""]]


def test_installed_script() -> None:
    completed = subprocess.run(
        [
            str(ADAPT),
            "schedule",
            "--audience",
            "zh",
            "--at",
            "2026-04-07T20:00Z",
            "--observance",
            "world-health-day",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["zones"][0]["local_date_ok"] is False
    failed = subprocess.run(
        [str(ADAPT), "schedule", "--timezone", "Mars/Olympus", "--window", "mon@09:00-10:00"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert failed.returncode == 2 and "unknown time zone 'Mars/Olympus'" in failed.stderr
    assert "Traceback" not in failed.stderr


def test_readme_scheduling_examples_run_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every example of the README's Scheduling section, run from a copy of the repository
    root's layout (the sample posts in examples/), writes what it says it writes."""
    (tmp_path / "examples").symlink_to(REPOSITORY_ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    commands = _readme_commands("Scheduling")
    assert len(commands) == 8 and commands[-1][7:9] == ["--format", "csv"]
    for argv in commands:
        assert run(argv) == 0, (argv, capsys.readouterr().err)
    assert len(Calendar.from_ical((tmp_path / "plan.ics").read_bytes()).walk("VEVENT")) == 6
    for language, text in (("fr", "Journée mondiale de la santé"), ("es", "Día Mundial")):
        ((_when, message, link),) = csv.reader(
            io.StringIO((tmp_path / f"plan.{language}.csv").read_text(encoding="utf-8"))
        )
        assert text in message and link == "https://www.who.int/campaigns/world-health-day"
