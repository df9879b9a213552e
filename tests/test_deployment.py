"""The deployment files, read as data (no Docker engine runs here): docker-compose.yml's
services, healthchecks and start order, the shared models volume, and that every ADAPT_*
variable the compose file or the Dockerfile sets is a setting, with a valid value."""

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

from service.languages import ALL_LANGUAGES
from service.settings import REPOSITORY_ROOT, Settings

COMPOSE = REPOSITORY_ROOT / "docker-compose.yml"
DOCKERFILE = REPOSITORY_ROOT / "Dockerfile"
LONG_RUNNING = ("api", "worker", "postgres", "redis")
# ${NAME:-default}: what Compose puts in place of a variable the operator did not set.
_INTERPOLATION = re.compile(r"\$\{(?P<name>\w+)(?::-(?P<default>[^}]*))?\}")


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load(COMPOSE.read_text(encoding="utf-8"))
    return loaded


def _services() -> dict[str, dict[str, Any]]:
    services: dict[str, dict[str, Any]] = _compose()["services"]
    return services


def _environment(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment", {})
    assert isinstance(environment, dict), "use the mapping form of environment"
    return {
        name: _INTERPOLATION.sub(lambda m: m["default"] or "", str(value))
        for name, value in environment.items()
    }


def _dockerfile_environment() -> dict[str, str]:
    text = DOCKERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    pairs = [
        word
        for line in text.splitlines()
        if line.startswith("ENV ")
        for word in shlex.split(line[4:])
    ]
    return dict(pair.split("=", 1) for pair in pairs)


def _settings_of(environment: dict[str, str]) -> Settings:
    """The settings the ADAPT_* variables give, each checked to be a known field."""
    fields = Settings.model_fields
    values = {}
    for name, value in environment.items():
        if not name.startswith("ADAPT_"):
            continue
        field = name.removeprefix("ADAPT_").lower()
        assert field in fields, f"{name} is not a setting of service.settings.Settings"
        values[field] = value
    return Settings.model_validate(values)


def test_the_services() -> None:
    assert set(_services()) == {"api", "worker", "postgres", "redis", "models"}


@pytest.mark.parametrize("name", LONG_RUNNING)
def test_each_long_running_service_has_a_healthcheck(name: str) -> None:
    healthcheck = _services()[name].get("healthcheck")
    assert healthcheck is not None and healthcheck["test"][0] in ("CMD", "CMD-SHELL")
    assert _services()[name].get("restart") == "unless-stopped"


def test_the_healthchecks_ask_the_service_itself() -> None:
    services = _services()
    assert "/healthz" in " ".join(services["api"]["healthcheck"]["test"])
    assert services["worker"]["healthcheck"]["test"][1:4] == ["adapt", "worker", "--ping"]


def test_services_start_once_what_they_need_is_ready() -> None:
    services = _services()
    healthy = {"condition": "service_healthy"}
    assert services["api"]["depends_on"] == {"postgres": healthy, "redis": healthy}
    assert services["worker"]["depends_on"] == {
        "postgres": healthy,
        "redis": healthy,
        "api": healthy,  # the API migrates the database at start-up
        "models": {"condition": "service_completed_successfully"},
    }


def test_the_installer_fills_the_models_volume_the_others_read() -> None:
    services = _services()
    assert "models" in _compose()["volumes"]
    installer = services["models"]
    assert installer["command"] == [
        "adapt",
        "models",
        "install",
        "--languages",
        ",".join(ALL_LANGUAGES),
    ]
    assert installer["restart"] == "no" and "healthcheck" not in installer
    mounts = {
        name: {v.split(":")[0]: v.split(":")[1:] for v in services[name]["volumes"]}
        for name in ("models", "api", "worker")
    }
    assert mounts["models"]["models"] == ["/models"]
    assert mounts["api"]["models"] == mounts["worker"]["models"] == ["/models", "ro"]
    for name in ("models", "api", "worker"):
        assert _settings_of(_environment(services[name])).resolved_packages_dir == Path("/models")


@pytest.mark.parametrize("name", ["api", "worker", "models"])
def test_every_adapt_variable_is_a_setting_with_a_valid_value(name: str) -> None:
    settings = _settings_of(_environment(_services()[name]))
    assert settings.resolved_job_backend == "celery"
    assert settings.broker_url == "redis://redis:6379/0"
    assert settings.database_url == "postgresql+psycopg://adapt:adapt@postgres:5432/adapt"


def test_the_database_url_matches_the_postgres_service() -> None:
    postgres = _environment(_services()["postgres"])
    url = _settings_of(_environment(_services()["api"])).database_url
    user, password, database = (postgres[f"POSTGRES_{key}"] for key in ("USER", "PASSWORD", "DB"))
    assert url == f"postgresql+psycopg://{user}:{password}@postgres:5432/{database}"


def test_the_image_runs_the_api_as_a_user_with_its_settings() -> None:
    text = DOCKERFILE.read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", text, re.MULTILINE)
    users = re.findall(r"^USER (\S+)$", text, re.MULTILINE)
    assert users and users[-1] not in ("root", "0")
    assert 'CMD ["adapt", "serve", "--host", "0.0.0.0", "--port", "8000"]' in text
    settings = _settings_of(_dockerfile_environment())
    assert settings.resolved_packages_dir == Path("/models")
    assert (REPOSITORY_ROOT / settings.locales_dir.relative_to("/app")).is_dir()
    assert (REPOSITORY_ROOT / settings.glossaries_dir.relative_to("/app")).is_dir()
