"""Tokens and signing secrets never appear in any log line the suite produced.

This file sorts after the package folders, so it runs once the other tests have logged;
``pytest_sessionfinish`` in ``conftest.py`` repeats the check after the very last test.
"""

from __future__ import annotations

import logging

from tests import secrets
from tests.conftest import LOG_LINES, leaked_secrets


def test_the_check_catches_a_leak() -> None:
    assert leaked_secrets([f"token={secrets.BOT_TOKEN}"]) != []
    assert leaked_secrets(["token=xoxb-123456-abcdef"]) != []
    assert leaked_secrets(["an innocent line"]) == []


def test_log_lines_are_being_collected() -> None:
    logging.getLogger("cllr.test").info("collector check")
    assert any("collector check" in line for line in LOG_LINES.lines)


def test_no_secret_in_any_log_line_so_far() -> None:
    assert leaked_secrets(LOG_LINES.lines) == []
