"""Configuration: one pydantic-settings class, the only reader of the environment.

Every setting can be given as ``ADAPT_<NAME>`` in the environment or in a ``.env`` file.
Settings are built at the edge (CLI callback, app factory) and passed down.
"""

from pathlib import Path
from typing import Literal

from platformdirs import user_cache_path, user_data_path
from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent


def _data_dir() -> Path:
    return user_data_path("adapt", appauthor=False)


class Settings(BaseSettings):
    """Everything adapt can be configured with; defaults are embedded so nothing is required."""

    model_config = SettingsConfigDict(env_prefix="ADAPT_", env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=_data_dir, description="Where adapt keeps its state.")
    locales_dir: Path = Field(default=REPOSITORY_ROOT / "locales")
    glossaries_dir: Path = Field(default=REPOSITORY_ROOT / "glossaries")
    audiences_file: Path | None = Field(
        default=None,
        description="TOML file of audiences merged over locales/audiences.toml.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means SQLite at <data_dir>/adapt.sqlite3.",
    )
    cache_dir: Path | None = Field(
        default=None,
        description="Caches adapt can rebuild (spaCy tokenizers); empty means the user cache dir.",
    )
    packages_dir: Path | None = Field(
        default=None,
        description="Argos packages directory; empty means <data_dir>/argos-packages.",
    )
    mt_engine: str = Field(default="argos", description="Machine-translation backend by name.")
    beam_size: int = Field(default=2, ge=1, le=8)
    inter_threads: int = Field(default=0, ge=0, description="0 means one per CPU core.")
    max_loaded_pairs: int = Field(
        default=5,
        ge=1,
        description="LRU bound on loaded MT models; 5 serve one statement into the six languages.",
    )
    fuzzy_threshold: float = Field(default=0.85, ge=0.5, le=1.0)
    offline: bool = Field(default=False, description="Never try the network (models install).")
    broker_url: str = Field(
        default="",
        description=(
            "Redis URL of the Celery broker (redis://HOST:PORT/DB); when set, jobs go to "
            "Celery workers instead of the API's own worker thread."
        ),
    )
    job_backend: Literal["inline", "celery"] | None = Field(
        default=None,
        description="Where jobs run; empty means celery when broker_url is set, else inline.",
    )
    broker_visibility_timeout_s: float = Field(
        default=120.0,
        gt=0,
        description=(
            "Seconds after which a job a worker took but never acknowledged (the worker died) "
            "is delivered again to another worker."
        ),
    )
    broker_key_prefix: str = Field(
        default="",
        description="Prefix of every Redis key the jobs use, so deployments can share a Redis.",
    )
    job_lease_s: float = Field(
        default=60.0,
        gt=0,
        description=(
            "Seconds a running job stays its worker's without a heartbeat; after that another "
            "worker (or a restarted API) takes it over."
        ),
    )

    @field_validator("broker_url")
    @classmethod
    def _redis_broker(cls, url: str) -> str:
        if url and not url.startswith(("redis://", "rediss://")):
            raise ValueError("the broker must be Redis: redis://HOST:PORT/DB or rediss://...")
        return url

    @property
    def resolved_job_backend(self) -> Literal["inline", "celery"]:
        if self.job_backend is not None:
            return self.job_backend
        return "celery" if self.broker_url else "inline"

    required_approvals: int = Field(
        default=2,
        ge=2,
        description="People who must have seen a rendition's text before it is scheduled "
        "(its last editor and its approvers); two at least, never fewer.",
    )

    session_secret: str = Field(
        default="",
        description="Key that signs the review UI's session cookies; empty means a random key "
        "kept in <data_dir>/session.key (made on first use, readable by its owner only).",
    )
    session_max_age_s: int = Field(
        default=8 * 3600,
        ge=60,
        description="Seconds a review UI sign-in lasts; the user is re-checked on every request.",
    )
    token_cache_s: float = Field(
        default=1.0,
        ge=0,
        le=60,
        description="Seconds a successful token lookup is remembered in one process (0: never); "
        "a revoke from another process takes effect within this time.",
    )

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'adapt.sqlite3'}"

    @property
    def resolved_cache_dir(self) -> Path:
        return self.cache_dir or user_cache_path("adapt", appauthor=False)

    @property
    def resolved_packages_dir(self) -> Path:
        return self.packages_dir or self.data_dir / "argos-packages"
