"""Background jobs behind the question listeners and the answer buttons."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass

from slack_sdk.errors import SlackApiError

from bot import render
from bot.app import Bot
from bot.observability import REQUEST_ID

log = logging.getLogger("cllr.bot")
SORRY = "Sorry, I couldn't answer that just now. Please try again in a minute (ref `{ref}`)."


@dataclass(frozen=True)
class Ask:
    """One question from Slack: where it came from and where the answer goes."""

    question: str
    user: str
    channel: str
    via: str  # mention | dm | thread | command
    thread_ts: str | None = None  # the thread to answer in (and remember)
    response_url: str | None = None


def answer_question(bot: Bot, ask: Ask) -> None:
    start = time.monotonic()
    request_id = REQUEST_ID.get()
    bot.metrics.questions.labels(via=ask.via).inc()
    bot.state.record_question(request_id=request_id, user=ask.user, channel=ask.channel,
                              question=ask.question, source=ask.via)
    log.info("question", extra={"event": "question", "via": ask.via, "channel": ask.channel})
    try:
        history = bot.state.thread_history(ask.channel, ask.thread_ts) if ask.thread_ts else []
        answer = bot.knowledge.answer(ask.question, bot.access.scope(ask.channel, ask.user, history))
    except Exception:
        bot.metrics.errors.labels(where="answer").inc()
        log.exception("answering failed", extra={"event": "answer_failed"})
        _deliver(bot, ask, [render.notice(SORRY.format(ref=request_id))], None)
        return
    bot.state.record_answer(request_id=request_id, user=ask.user, channel=ask.channel, question=ask.question,
                            answer=answer.answer, answered=answer.answered,
                            citations=[c.model_dump(mode="json") for c in answer.citations])
    if ask.thread_ts:
        bot.state.remember_thread(ask.channel, ask.thread_ts, ask.question)
    if not answer.answered:
        bot.metrics.abstentions.inc()
    messages, csv_text = render.answer_messages(answer, request_id)
    _deliver(bot, ask, messages, csv_text)
    bot.metrics.latency.observe(time.monotonic() - start)
    log.info("answered", extra={"event": "answered", "elapsed_ms": int((time.monotonic() - start) * 1000)})


def answer_follow_up(bot: Bot, ask: Ask) -> None:
    """A plain reply in a channel thread: answered only when the bot already answered there."""
    if ask.thread_ts and ask.question and bot.state.thread_history(ask.channel, ask.thread_ts):
        answer_question(bot, ask)


def _deliver(bot: Bot, ask: Ask, messages: list[render.Message], csv_text: str | None) -> None:
    if ask.response_url:
        for message in messages:
            bot.poster.respond(ask.response_url, message)
    else:
        bot.poster.post_all(ask.channel, messages, thread_ts=ask.thread_ts)
    if csv_text is None:
        return
    try:
        bot.poster.upload_csv(ask.channel, csv_text, filename="cllr-rows.csv", title="All matching rows",
                              thread_ts=ask.thread_ts)
    except SlackApiError as exc:
        log.warning("CSV upload failed", extra={"event": "csv_failed", "status": exc.response.get("error")})
        note = render.notice("I couldn't attach the CSV of all rows here (is the app in this channel?). "
                             "Ask me in a DM to get the full list.")
        if ask.response_url:
            bot.poster.respond(ask.response_url, note)
        else:
            bot.poster.post(ask.channel, note, thread_ts=ask.thread_ts)


@dataclass(frozen=True)
class Click:
    """A button press on an answer: who pressed it, where, and for which request."""

    request_id: str
    user: str
    channel: str
    thread_ts: str | None


def _rerun_question(bot: Bot, click: Click) -> str | None:
    found = bot.state.question_for(click.request_id)
    if found is None:
        bot.poster.ephemeral(click.channel, click.user,
                             render.notice("I no longer have that question; please ask it again."),
                             thread_ts=click.thread_ts)
        return None
    return found[0]


def _history_before(bot: Bot, click: Click, question: str) -> list[str]:
    """The thread's questions asked before ``question`` (as when it was first answered)."""
    history = bot.state.thread_history(click.channel, click.thread_ts) if click.thread_ts else []
    if question in history:
        history = history[: len(history) - 1 - history[::-1].index(question)]
    return history


def send_draft(bot: Bot, click: Click) -> None:
    """Re-run the question with the clicker's scope (never the button's text) and draft privately."""
    question = _rerun_question(bot, click)
    if question is None:
        return
    bot.state.record_question(request_id=REQUEST_ID.get(), user=click.user, channel=click.channel,
                              question=question, source=f"draft:{click.request_id}")
    scope = bot.access.scope(click.channel, click.user, _history_before(bot, click, question))
    draft = bot.knowledge.draft(question, scope)
    bot.state.record_answer(request_id=REQUEST_ID.get(), user=click.user, channel=click.channel,
                            question=question, answer=draft.text, answered=draft.answer.answered,
                            citations=[c.model_dump(mode="json") for c in draft.answer.citations])
    for message in render.draft_messages(draft):
        bot.poster.ephemeral(click.channel, click.user, message, thread_ts=click.thread_ts)


def send_sources(bot: Bot, click: Click) -> None:
    question = _rerun_question(bot, click)
    if question is None:
        return
    bot.state.record_question(request_id=REQUEST_ID.get(), user=click.user, channel=click.channel,
                              question=question, source=f"sources:{click.request_id}")
    scope = bot.access.scope(click.channel, click.user, _history_before(bot, click, question))
    answer = bot.knowledge.answer(question, scope)
    for message in render.sources_messages(answer):
        bot.poster.ephemeral(click.channel, click.user, message, thread_ts=click.thread_ts)


def record_feedback(bot: Bot, click: Click, value: str) -> None:
    bot.state.record_feedback(request_id=click.request_id, user=click.user, channel=click.channel,
                              value=value)
    bot.poster.ephemeral(click.channel, click.user, render.notice("Thanks — your feedback is recorded."),
                         thread_ts=click.thread_ts)


__all__ = ["Ask", "Click", "answer_follow_up", "answer_question", "record_feedback", "send_draft",
           "send_sources"]
