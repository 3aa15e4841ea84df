"""/cllr for admins (reindex with progress, status), DM uploads and URLs, refusals, the audit log."""

from __future__ import annotations

import json
from pathlib import Path

from ingest import LoadError
from tests import secrets
from tests.bot.conftest import Harness
from tests.bot.fakes import FakeKnowledge


def _audit(h: Harness) -> list[dict]:
    return [json.loads(line) for line in h.state.export_audit("jsonl")]


def test_unknown_subcommand_gets_help(harness: Harness) -> None:
    reply = harness.command("/cllr", "frobnicate", user="UADMIN")
    assert reply.status == 200 and b"cllr commands" in reply.body and b"/cllr reindex" in reply.body
    assert harness.command("/cllr", "", user="U1").body.count(b"/ask QUESTION") == 1


def test_non_admins_are_refused_politely(harness: Harness) -> None:
    harness.command("/cllr", "reindex", user="U1")
    sent = harness.slack.wait_for("response.post")[0].payload
    assert sent["response_type"] == "ephemeral" and "only cllr admins" in sent["text"]
    harness.idle()
    assert harness.knowledge.of("sync") == [] and harness.slack.of("chat.postMessage") == []
    assert [r["detail"]["action"] for r in _audit(harness)] == ["refused:reindex"]


def test_status_for_an_admin(harness: Harness) -> None:
    harness.command("/cllr", "status", user="UADMIN")
    sent = harness.slack.wait_for("response.post")[0].payload
    assert sent["response_type"] == "ephemeral"
    assert "Index ready" in sent["text"] and "250 register rows" in sent["text"]


def test_reindex_shows_progress_by_updating_one_message(harness: Harness, tmp_path: Path) -> None:
    harness.slack.groups["SADMINS"] = ["UGROUPADMIN"]  # an admin through a user group
    reply = harness.command("/cllr", "reindex", channel="CPRIVATE", user="UGROUPADMIN")
    assert reply.status == 200 and b"Reindex started" in reply.body
    harness.slack.wait_for("chat.update", 2)
    harness.idle()
    (post,) = harness.slack.of("chat.postMessage")
    assert post.payload["channel"] == "CPRIVATE" and "Reindexing 2 folder(s)" in post.payload["text"]
    updates = [u.payload for u in harness.slack.of("chat.update")]
    posted_ts = harness.slack.reply_log[id(post)]["ts"]
    assert {u["ts"] for u in updates} == {posted_ts} and {u["channel"] for u in updates} == {"CPRIVATE"}
    assert any("Reindexing… 2/3: file 2.md" in u["text"] for u in updates)
    assert updates[-1]["text"].startswith("Reindex finished: 2 added, 0 updated, 2 unchanged")
    synced = [arg for arg, _ in harness.knowledge.of("sync")]
    assert synced == [((tmp_path / "corpus",), "public"), ((tmp_path / "officers",), "officers")]
    actions = [r["detail"]["action"] for r in _audit(harness)]
    assert actions == ["reindex", "reindex_done"]


def test_file_uploaded_in_a_dm_is_downloaded_with_the_bot_token(harness: Harness, tmp_path: Path) -> None:
    harness.slack.files["F1/report.md"] = b"# New guidance\nCameras must be replaced."
    files = [{"id": "F1", "name": "../../evil report.md", "size": 40,
              "url_private_download": f"{harness.slack.base}/files/F1/report.md"}]
    harness.message("access: officers", channel="DADMIN", user="UADMIN", ts="3000.1",
                    subtype="file_share", files=files)
    reply = harness.slack.wait_for("chat.postMessage")[0].payload
    download = harness.slack.of("file.download")[0]
    assert download.headers["authorization"] == f"Bearer {secrets.BOT_TOKEN}"
    (path, access, data), = harness.knowledge.added
    assert path.parent == tmp_path / "data" / "uploads" and path.name == "F1-evil_report.md"
    assert access == "officers" and data.startswith(b"# New guidance")
    assert reply["thread_ts"] == "3000.1" and reply["text"].startswith("Added ../../evil report.md")


def test_uploads_from_non_admins_and_foreign_hosts_are_refused(harness: Harness) -> None:
    files = [{"id": "F2", "name": "x.md", "url_private_download": f"{harness.slack.base}/files/x"}]
    harness.message("", channel="DU1", user="U1", ts="3100.1", subtype="file_share", files=files)
    refusal = harness.slack.wait_for("chat.postEphemeral")[0].payload
    assert "only cllr admins" in refusal["text"] and refusal["user"] == "U1"
    evil = [{"id": "F3", "name": "y.md", "url_private_download": "https://attacker.example/steal"}]
    harness.message("", channel="DADMIN", user="UADMIN", ts="3100.2", subtype="file_share", files=evil)
    reply = harness.slack.wait_for("chat.postMessage")[0].payload
    assert reply["text"].startswith("Could not add y.md") and "not a Slack file URL" in reply["text"]
    assert harness.slack.of("file.download") == [] and harness.knowledge.added == []


def test_guidance_url_in_a_dm_is_added(harness: Harness) -> None:
    harness.message("<https://www.gov.uk/guidance/cctv|gov.uk/guidance/cctv> access: officers",
                    channel="DADMIN", user="UADMIN", ts="3200.1")
    reply = harness.slack.wait_for("chat.postMessage")[0].payload
    assert harness.knowledge.of("add_url") == [(("https://www.gov.uk/guidance/cctv", "officers"), None)]
    assert reply["text"].startswith("Added https://www.gov.uk/guidance/cctv (access: officers)")
    assert harness.knowledge.of("answer") == []


def test_feedback_and_every_step_is_audited(harness: Harness) -> None:
    harness.mention("cctv?", ts="3300.1", user="U7")
    post = harness.slack.wait_for("chat.postMessage")[0].payload
    request_id = post["blocks"][-1]["elements"][0]["value"]
    harness.click("feedback_down", request_id, channel="CPUBLIC", user="U8")
    thanks = harness.slack.wait_for("chat.postEphemeral")[0].payload
    assert "feedback is recorded" in thanks["text"] and thanks["user"] == "U8"
    harness.idle()
    rows = _audit(harness)
    assert [r["kind"] for r in rows] == ["question", "answer", "feedback"]
    assert {r["request_id"] for r in rows} == {request_id}
    assert rows[1]["citations"][0]["locator"] == "page 1" and rows[2]["detail"] == {"value": "down"}
    assert rows[0]["user"] == "U7" and rows[2]["user"] == "U8"


def test_a_failed_reindex_is_told_to_the_admin_who_asked(make_harness, slack, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    class Broken(FakeKnowledge):
        def sync(self, paths, *, access="public", progress=None):  # type: ignore[no-untyped-def]
            raise LoadError(paths[0], "no such file or folder")

    h = make_harness(Broken())
    h.command("/cllr", "reindex", channel="CPRIVATE", user="UADMIN")
    h.slack.wait_for("chat.postMessage", 2)
    h.idle()
    texts = [(m.payload["channel"], m.payload["text"]) for m in h.slack.of("chat.postMessage")]
    assert ("UADMIN", f"Reindex failed at {tmp_path / 'corpus'}: no such file or folder") in texts
    (update,) = [u.payload for u in h.slack.of("chat.update")]
    assert update["text"].startswith("Reindex failed at") and "Reindexing" not in update["text"]
    assert [r["detail"]["action"] for r in _audit(h)] == ["reindex", "reindex_failed"]


def test_remove_takes_a_document_out_for_an_admin_only(make_harness, slack, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                       embedder) -> None:
    from cllr.wiring import IngestLoader
    from knowledge.facade import Knowledge
    from tests.bot.conftest import make_settings

    settings = make_settings(tmp_path, slack)
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "wrong.md").write_text("The mislevelled note says the depot code is 4412.\n")
    (tmp_path / "corpus" / "right.md").write_text("The library opens on Sundays.\n")
    knowledge = Knowledge(settings, loader=IngestLoader(), embedder=embedder)
    knowledge.sync([tmp_path / "corpus"])
    h = make_harness(knowledge, settings=settings)
    h.command("/cllr", "remove wrong.md", user="U1")
    assert "only cllr admins" in h.slack.wait_for("response.post")[0].payload["text"]
    assert {d.source for d in knowledge.status().documents} == {"wrong.md", "right.md"}
    h.command("/cllr", "remove wrong.md nothing.md", user="UADMIN")
    h.idle()
    sent = h.slack.wait_for("response.post", 2)[1].payload
    assert sent["response_type"] == "ephemeral"
    assert "Removed 1 document(s)." in sent["text"] and "removed: wrong.md" in sent["text"]
    assert "not found: nothing.md" in sent["text"]
    assert [d.source for d in knowledge.status().documents] == ["right.md"]
    assert not knowledge.answer("What is the depot code?").answered
    rows = [r["detail"] for r in _audit(h)]
    assert rows[-1] == {"action": "remove_done", "removed": ["wrong.md"], "not_found": ["nothing.md"]}
    assert [r["action"] for r in rows] == ["refused:remove", "remove", "remove_done"]


def test_an_upload_at_an_unknown_level_is_refused(harness: Harness) -> None:
    harness.message("<https://www.gov.uk/guidance/cctv|gov.uk> access: oficers", channel="DADMIN",
                    user="UADMIN", ts="3400.1")
    reply = harness.slack.wait_for("chat.postMessage")[0].payload
    assert reply["text"].startswith("Could not add") and "unknown access level 'oficers'" in reply["text"]
    assert harness.knowledge.of("add_url") == []
