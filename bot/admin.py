"""Admin jobs: ``/cllr reindex``, ``/cllr remove`` and ``/cllr status``, and files or URLs sent to the bot in a DM."""

from __future__ import annotations

import logging
import re
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from slack_sdk.errors import SlackApiError

from bot import render
from bot.app import Bot
from bot.observability import REQUEST_ID
from knowledge.index.sources import SourceError, check_level, configured_sources
from knowledge.types import Failure, Status, SyncReport

log = logging.getLogger("cllr.bot")
REFUSAL = ("Sorry, only cllr admins can do that. Ask your cllr administrator "
           "(they are listed in `CLLR_ADMINS`) if you need it done.")
HELP = ("*cllr commands*\n• `/ask QUESTION` — a cited answer from the council's documents and register\n"
        "• `/cllr status` — what is indexed and when it last synced (admins)\n"
        "• `/cllr reindex` — re-sync the source folders (admins)\n"
        "• `/cllr remove SOURCE…` — take documents, uploads or URLs out of the index, by the name "
        "`cllr status --json` lists or by path (admins)\n"
        "• DM me a file or a guidance page URL to add it (admins); add `access: officers` to set its level")
LEVEL = re.compile(r"\b(?:access|level)\s*[:=]?\s*([a-z][a-z0-9_-]{0,30})\b", re.I)


def requested_level(text: str) -> str:
    match = LEVEL.search(text or "")
    return match.group(1).lower() if match else "public"


def report_text(report: SyncReport) -> str:
    parts = [f"{len(report.added)} added", f"{len(report.updated)} updated",
             f"{len(report.unchanged)} unchanged", f"{len(report.removed)} removed",
             f"{len(report.failed)} failed"]
    lines = [", ".join(parts) + f"; {report.chunks_embedded} chunks embedded."]
    lines += [f"• failed: {render.escape(f.source)} — {render.escape(f.reason)}" for f in report.failed[:20]]
    return "\n".join(lines)


def status_text(status: Status) -> str:
    kinds = ", ".join(f"{n} {k}" for k, n in sorted(status.files_by_kind.items())) or "no files"
    lines = [f"*Index {'ready' if status.ready else 'NOT ready'}* — {kinds}; {status.chunks} chunks; "
             f"{status.register_rows} register rows.", f"Last sync: {status.last_sync or 'never'}."]
    if status.failed:
        lines.append(f"{len(status.failed)} files failed: " + ", ".join(
            render.escape(f.source) for f in status.failed[:10]))
    return "\n".join(lines)


def run_command(bot: Bot, command: dict[str, Any], sub: str, args: list[str] | None = None) -> None:
    user, channel, url = command["user_id"], command["channel_id"], command.get("response_url") or ""
    if not bot.access.is_admin(user):
        bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel,
                                      action=f"refused:{sub}")
        bot.poster.respond(url, render.notice(REFUSAL), public=False)
        return
    bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel, action=sub)
    if sub == "status":
        bot.poster.respond(url, render.notice(status_text(bot.knowledge.status())), public=False)
    elif sub == "reindex":
        reindex(bot, user, channel)
    elif sub == "remove":
        remove(bot, user, channel, url, args or [])


def remove(bot: Bot, user: str, channel: str, response_url: str, targets: list[str]) -> None:
    if not targets:
        bot.poster.respond(response_url, render.notice("Usage: `/cllr remove SOURCE…` — a source name "
                                                       "from `cllr status --json`, a path or a URL."), public=False)
        return
    report = bot.knowledge.remove(targets)
    bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel, action="remove_done",
                                  detail={"removed": report.removed, "not_found": [f.source for f in report.failed]})
    lines = [f"Removed {len(report.removed)} document(s)."]
    lines += [f"• removed: {render.escape(name)}" for name in report.removed[:20]]
    lines += [f"• not found: {render.escape(f.source)}" for f in report.failed[:20]]
    bot.poster.respond(response_url, render.notice("\n".join(lines)), public=False)


def _progress_message(bot: Bot, user: str, channel: str, text: str) -> tuple[str, str]:
    """Post the one message progress updates edit: in the channel, else in the admin's DM."""
    try:
        sent = bot.poster.post(channel, render.notice(text))
    except SlackApiError:
        sent = bot.poster.post(user, render.notice(text))
    return str(sent["channel"]), str(sent["ts"])


def reindex(bot: Bot, user: str, channel: str) -> None:
    try:
        folders = configured_sources(bot.settings)
    except SourceError as exc:
        bot.poster.post(user, render.notice(f"Reindex failed: {render.escape(str(exc))}"))
        return
    if not folders:
        bot.poster.post(user, render.notice("Nothing to reindex: no sources are declared "
                                            "(`sources:` in CLLR_ACCESS_CONFIG, or `CLLR_SOURCES`)."))
        return
    where, ts = _progress_message(bot, user, channel, f"Reindexing {len(folders)} folder(s)…")
    last = [0.0]

    def progress(message: str, done: int, total: int) -> None:
        if time.monotonic() - last[0] < bot.poster.pacer.interval:
            return  # keep within Slack's rate limits: skip, never queue, intermediate updates
        last[0] = time.monotonic()
        bot.poster.update(where, ts, render.notice(f"Reindexing… {done}/{total}: {render.escape(message)}"))

    total = SyncReport()
    for path, level in folders.items():
        try:
            report = bot.knowledge.sync([Path(path)], access=level, progress=progress)
        except Exception as exc:  # noqa: BLE001 - told to the admin who asked, not only to the log
            log.exception("reindex of %s failed", path)
            reason = f"Reindex failed at {render.escape(path)}: {render.escape(_reason(exc))}"
            bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel,
                                          action="reindex_failed", detail={"folder": path, "reason": _reason(exc)})
            bot.poster.update(where, ts, render.notice(reason))
            bot.poster.post(user, render.notice(reason))
            return
        for key in ("added", "updated", "unchanged", "removed", "failed"):
            getattr(total, key).extend(getattr(report, key))
        total.chunks_embedded += report.chunks_embedded
    bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel,
                                  action="reindex_done", detail=total.model_dump(mode="json"))
    bot.poster.update(where, ts, render.notice("Reindex finished: " + report_text(total)))


def _reason(exc: BaseException) -> str:
    return " ".join(str(getattr(exc, "reason", None) or exc or type(exc).__name__).split())[:300]


def add_from_dm(bot: Bot, event: dict[str, Any], url: str | None) -> None:
    user, channel, thread = event["user"], event["channel"], event.get("thread_ts") or event["ts"]
    if not bot.access.is_admin(user):
        bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel,
                                      action="refused:add")
        bot.poster.ephemeral(channel, user, render.notice(REFUSAL))
        return
    level = requested_level(event.get("text", "").replace(url or "", ""))
    for name, report in _add_all(bot, event, url, level):
        bot.state.record_admin_action(request_id=REQUEST_ID.get(), user=user, channel=channel,
                                      action="add", detail={"source": name, "access": level,
                                                            **report.model_dump(mode="json")})
        verb = "Added" if report.usable and not report.failed else "Could not add"
        text = f"{verb} {render.escape(name)} (access: {render.escape(level)}). {report_text(report)}"
        bot.poster.post(channel, render.notice(text), thread_ts=thread)


def _add_all(bot: Bot, event: dict[str, Any], url: str | None, level: str) -> list[tuple[str, SyncReport]]:
    try:
        check_level(level, bot.settings)
    except SourceError as exc:
        name = url or "the file"
        return [(name, SyncReport(failed=[Failure(source=name, reason=str(exc))]))]
    if url:
        return [(url, bot.knowledge.add_url(url, access=level))]
    out = []
    for item in event.get("files") or []:
        name = str(item.get("name") or item.get("title") or item.get("id") or "upload")
        try:
            path = download(bot, item)
        except (OSError, ValueError) as exc:
            out.append((name, SyncReport(failed=[Failure(source=name, reason=str(exc)[:200])])))
            continue
        out.append((name, bot.knowledge.add_file(path, access=level)))
    return out


class _DropAuthOnHostChange(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str) -> Any:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and urlsplit(newurl).netloc != urlsplit(req.full_url).netloc:
            new.remove_header("Authorization")
        return new


def download(bot: Bot, item: dict[str, Any]) -> Path:
    """GET ``url_private_download`` with the bot token into ``uploads/``; Slack hosts only."""
    url = str(item.get("url_private_download") or item.get("url_private") or "")
    host = urlsplit(url).hostname or ""
    api = urlsplit(bot.settings.slack_api_url).hostname or "slack.com"  # GovSlack: slack-gov.com
    slack_host = host == api or host.endswith((".slack.com", "." + api))
    if urlsplit(url).scheme not in ("https", "http") or not slack_host:
        raise ValueError("not a Slack file URL")
    limit = bot.settings.max_file_mb * 2**20
    if int(item.get("size") or 0) > limit:
        raise ValueError(f"file is larger than CLLR_MAX_FILE_MB ({bot.settings.max_file_mb} MB)")
    token = bot.settings.slack_bot_token.get_secret_value() if bot.settings.slack_bot_token else ""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    with urllib.request.build_opener(_DropAuthOnHostChange()).open(request, timeout=60) as response:
        data = response.read(limit + 1)
    if len(data) > limit:
        raise ValueError(f"file is larger than CLLR_MAX_FILE_MB ({bot.settings.max_file_mb} MB)")
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", Path(str(item.get("name") or "upload")).name).lstrip(".")
    target = bot.uploads / f"{re.sub(r'[^A-Za-z0-9]', '', str(item.get('id', '')))}-{safe or 'upload'}"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return target


__all__ = ["HELP", "REFUSAL", "add_from_dm", "download", "reindex", "remove", "run_command", "status_text"]
