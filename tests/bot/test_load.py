"""Concurrency: every mention acked inside Slack's 3 s, answered once, paced, and 429s honoured."""

from __future__ import annotations

import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from tests.bot.fakes import FakeKnowledge


def _send_all(harness: Any, items: list[tuple[str, str]]) -> list[float]:
    def one(item: tuple[str, str]) -> float:
        channel, ts = item
        reply = harness.mention(f"cctv? ({ts})", channel=channel, ts=ts)
        assert reply.status == 200
        return reply.elapsed

    with ThreadPoolExecutor(20) as pool:
        return list(pool.map(one, items))


def test_twenty_concurrent_mentions(make_harness: Any) -> None:
    harness = make_harness(FakeKnowledge(delay=0.3))
    items = [("CPUBLIC", f"1900.{i:04d}") for i in range(20)]
    elapsed = _send_all(harness, items)
    assert max(elapsed) < 3
    posts = harness.slack.wait_for("chat.postMessage", 20)
    harness.idle()
    posts = harness.slack.of("chat.postMessage")
    assert sorted(p.payload["thread_ts"] for p in posts) == sorted(ts for _, ts in items)
    for post in posts:  # each answer went to its own question's thread
        assert f"({post.payload['thread_ts']})" not in post.payload["text"]
        assert "reviewing its CCTV estate" in post.payload["blocks"][0]["text"]["text"]
    assert len(harness.knowledge.of("answer")) == 20


def test_flood_of_100_mentions_with_a_429(make_harness: Any) -> None:
    harness = make_harness(FakeKnowledge(delay=0.05), post_interval=0.1)
    harness.slack.rate_limit_once.add("chat.postMessage")
    items = [(f"CFLOOD{i % 10}", f"2000.{i:04d}") for i in range(100)]
    start = time.monotonic()
    elapsed = _send_all(harness, items)
    assert time.monotonic() - start < 10 and max(elapsed) < 3
    harness.slack.wait_for("chat.postMessage", 100, timeout=40)
    harness.idle()
    posts = harness.slack.of("chat.postMessage")
    limited = [c for c in harness.slack.of("chat.postMessage", ok_only=False) if c.status == 429]
    assert len(limited) == 1
    assert sorted(p.payload["thread_ts"] for p in posts) == sorted(ts for _, ts in items)  # no duplicates
    retried = [p for p in posts if p.payload["thread_ts"] == limited[0].payload["thread_ts"]]
    assert len(retried) == 1 and retried[0].at - limited[0].at >= 0.9  # waited for Retry-After: 1
    by_channel: dict[str, list[float]] = defaultdict(list)
    for post in posts:
        if post is not retried[0]:  # the retry is timed by Retry-After, not by the pacer
            by_channel[post.payload["channel"]].append(post.at)
    for times in by_channel.values():  # paced at 0.1 s per channel (minus receive-side jitter)
        assert max(times) - min(times) >= 0.1 * (len(times) - 1) * 0.8
