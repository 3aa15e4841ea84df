"""Index, asset register, retrieval and answer composition. Never imports Slack."""

from knowledge.settings import Settings
from knowledge.types import Answer, Citation, Draft, Scope, Status, SyncReport

__all__ = ["Answer", "Citation", "Draft", "Scope", "Settings", "Status", "SyncReport"]
