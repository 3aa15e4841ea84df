"""The one settings object. It reads the environment and does no I/O."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Configuration for every entry point (CLI, bot, benchmarks).

    Only entry points construct it; library code receives it as an argument.
    """

    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", frozen=True, extra="ignore")
    """The environment wins over ``.env`` in the working directory (see ``.env.example``)."""

    data_dir: Path = Field(default=Path("data"), alias="CLLR_DATA_DIR")
    chroma_url: str | None = Field(default=None, alias="CLLR_CHROMA_URL")
    embedding_model: str | None = Field(default=None, alias="CLLR_EMBEDDING_MODEL")
    llm: str | None = Field(default=None, alias="CLLR_LLM")
    database_url: SecretStr | None = Field(default=None, alias="CLLR_DATABASE_URL")
    collection: str = Field(default="cllr", alias="CLLR_COLLECTION")
    admins: str = Field(default="", alias="CLLR_ADMINS")
    access_config: Path | None = Field(default=None, alias="CLLR_ACCESS_CONFIG")
    register_overrides: Path | None = Field(default=None, alias="CLLR_REGISTER_OVERRIDES")
    sources: str = Field(default="", alias="CLLR_SOURCES")
    """Folders ``/cllr reindex`` re-syncs: ``PATH[:LEVEL],PATH[:LEVEL]`` (level defaults to public)."""
    fetch_allow_hosts: str = Field(default="", alias="CLLR_FETCH_ALLOW_HOSTS")
    """Host names URL ingest may fetch although they are private or internal, comma-separated."""
    max_file_mb: int = Field(default=50, alias="CLLR_MAX_FILE_MB")
    log_json: bool = Field(default=False, alias="CLLR_LOG_JSON")

    slack_bot_token: SecretStr | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: SecretStr | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: SecretStr | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")

    def with_data_dir(self, data_dir: Path | None) -> Settings:
        """A copy pointing at another data dir (the CLI's ``--data``)."""
        if data_dir is None:
            return self
        return self.model_copy(update={"data_dir": data_dir})

    @property
    def source_folders(self) -> list[tuple[Path, str]]:
        out: list[tuple[Path, str]] = []
        for item in filter(None, (x.strip() for x in self.sources.split(","))):
            path, _, level = item.partition(":")
            out.append((Path(path), level or "public"))
        return out

    @property
    def fetch_allow_host_names(self) -> frozenset[str]:
        return frozenset(h.strip().lower() for h in self.fetch_allow_hosts.split(",") if h.strip())

    @property
    def admin_ids(self) -> frozenset[str]:
        return frozenset(a.strip() for a in self.admins.split(",") if a.strip())
