"""docs/deploy.md and .env.example stay in step with the settings and the files."""

from __future__ import annotations

import re

from knowledge.settings import Settings
from tests.deploy._files import DEPLOY, ROOT

DOC = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")


def _aliases() -> set[str]:
    return {str(f.alias) for f in Settings.model_fields.values() if f.alias}


def test_every_setting_is_documented() -> None:
    missing = sorted(a for a in _aliases() if a not in DOC)
    assert missing == [], f"document these in docs/deploy.md: {missing}"


def test_env_example_names_only_real_settings() -> None:
    extra = {"POSTGRES_PASSWORD"}
    names = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]+)=", (ROOT / ".env.example").read_text(),
                           flags=re.M))
    assert names - _aliases() - extra == set()
    assert {"SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "CLLR_CHROMA_URL",
            "CLLR_DATABASE_URL", "CLLR_SOURCES", "CLLR_ADMINS"} <= names


def test_doc_covers_the_deploy_files_and_has_measured_sizing() -> None:
    assert ".env.example" in DOC and "docs/slack-setup.md" in DOC.replace("](slack-setup.md)", " docs/slack-setup.md")
    for name in ("install.sh", "Dockerfile", "compose.yaml", "cllr.service", "config/access.yaml"):
        assert f"deploy/{name}" in DOC
        assert (DEPLOY / name).is_file()
    for heading in ("## Single VM", "## Docker Compose", "## Scaling out", "## Operations",
                    "### Backup and restore", "## Sizing"):
        assert heading in DOC
    sizing = DOC[DOC.index("## Sizing"):]
    assert "python -m bench.sizing" in sizing
    assert re.search(r"Measured on a 2-core, 24 GiB VM on \d{4}-\d\d-\d\d", sizing)
    assert re.search(r"\| Embedding rate \| \d+ chunks/s \|", sizing)
    assert "pg_dump" in DOC
