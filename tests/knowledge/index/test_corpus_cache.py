"""The corpus kept per generation in the data dir, on a real embedded Chroma: it answers as the
corpus built from the store does, and a missing, stale or corrupt copy is rebuilt (logged)."""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
from pathlib import Path

import pytest

from knowledge.facade import Knowledge
from knowledge.index import corpus_cache
from knowledge.index.corpus import Chunk, Corpus
from knowledge.read.evidence import NAMES_SET, corpus_names
from knowledge.settings import Settings
from tests.knowledge.fakes import CountingEmbeddings, TextLoader

DOCS = {
    "policies/cctv.txt": "CCTV Policy\n\nFootage is kept for thirty one days, then deleted.\n\n"
                         "Cameras on the corporate network need approval from the Information Security Officer.",
    "policies/lighting.txt": "Street Lighting Policy\n\nLanterns in Kettlebridge are replaced every twenty years.",
    "statements/alliance.txt": "Statement of the Independent and Green Alliance\n\n"
                               "The Alliance wants assurances about Hikvision cameras at Marrowfield depot.\n\n"
                               "This is not a statement of council policy.",
    "notes/depots.txt": "Depot Note\n\nThe Ollerby depot gate opens at seven. Marrowfield depot closes at six.",
}
QUERIES = ["how long is cctv footage kept", "who approves cameras on the network", "lanterns replaced",
           "alliance assurances hikvision", "depot gate", "nothing matches this zebra"]


def write(folder: Path, docs: dict[str, str]) -> None:
    for name, text in docs.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.fixture
def kb(tmp_path: Path) -> Knowledge:
    write(tmp_path / "docs", DOCS)
    knowledge = Knowledge(Settings().with_data_dir(tmp_path / "data"), loader=TextLoader(),
                          embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    assert knowledge.sync([tmp_path / "docs"]).added
    return knowledge


def kept_root(kb: Knowledge) -> Path:
    return Path(kb.settings.data_dir) / "corpus"


def generation(kb: Knowledge) -> str:
    return str(kb.store.meta()["generation"])


def assert_same(kept: Corpus, built: Corpus) -> None:
    """Everything a question reads from the corpus is the same in both."""
    assert kept.generation == built.generation and len(kept) == len(built)
    assert [(c.id, c.text, c.meta) for c in kept.chunks] == [(c.id, c.text, c.meta) for c in built.chunks]
    assert kept.registers == built.registers
    assert {t: n for t, n in kept.doc_freq.items() if n} == dict(built.doc_freq)
    filters = [(frozenset({"public"}), None), (frozenset({"public"}), frozenset({"policies/cctv.txt"})),
               (frozenset({"restricted"}), None)]
    masks = [None]
    for levels, sources in filters:
        masks.append(kept.mask(levels, sources=sources))
        assert (masks[-1] == built.mask(levels, sources=sources)).all()
    assert built.bm25(QUERIES[0], 5)
    for query in QUERIES:
        for mask in masks:
            assert [(c.id, s) for c, s in kept.bm25(query, 5, mask)] == \
                [(c.id, s) for c, s in built.bm25(query, 5, mask)]
        assert kept.named_in(query) == built.named_in(query)
    for source in {c.source for c in built.chunks}:
        assert kept.vocabulary(source) == built.vocabulary(source)
        assert [c.id for c in kept.of_source(source)] == [c.id for c in built.of_source(source)]
        assert kept.masthead(source) == built.masthead(source) and kept.byline(source) == built.byline(source)
        assert kept.speaks_for_others(source) == built.speaks_for_others(source)
    for token in ("cctv", "depot", "zebra", "marrowfield"):
        assert (kept.idf(token), kept.knows(token)) == (built.idf(token), built.knows(token))
    assert kept.issued_by([["alliance"], ["independent", "green", "alliance"]]) == \
        built.issued_by([["alliance"], ["independent", "green", "alliance"]])
    assert corpus_names(kept) == corpus_names(built)
    first = built.chunks[0]
    assert kept.get(first.id) == first and kept.get("no-such-chunk") is None
    for chunk in built.chunks:  # a passage's neighbours in its own document, never another's
        for step in (-1, 1):
            assert kept.beside(chunk, step) == built.beside(chunk, step)
    last = built.of_source(first.source)[-1]
    assert built.beside(first, -1) is None and built.beside(last, 1) is None
    assert built.beside(built.of_source(first.source)[1], -1) == first


def test_ingest_keeps_the_corpus_and_the_copy_answers_as_the_built_corpus(kb: Knowledge) -> None:
    home = kept_root(kb) / generation(kb)
    assert (home / "meta.json").is_file() and (home / f"{NAMES_SET}.json").is_file()  # written at ingest
    kept = Corpus.load(kb.store, kept_root(kb))
    assert kept.home == home
    assert_same(kept, Corpus.build(kb.store))


def test_a_new_generation_is_kept_and_old_generations_removed(kb: Knowledge, tmp_path: Path) -> None:
    before = generation(kb)
    write(tmp_path / "docs", {"notes/depots.txt": "Depot Note\n\nThe Ollerby depot now opens at eight."})
    assert kb.sync([tmp_path / "docs"]).updated == ["notes/depots.txt"]
    after = generation(kb)
    assert after != before and [p.name for p in kept_root(kb).iterdir()] == [after]
    texts = [c.text for c in Corpus.load(kb.store, kept_root(kb)).chunks]
    assert "The Ollerby depot now opens at eight." in texts
    assert not any("seven" in t for t in texts)


def test_a_stale_copy_is_rebuilt_with_a_log_message(kb: Knowledge, tmp_path: Path,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    old = kept_root(kb) / generation(kb)
    stale = tmp_path / "stale"
    shutil.copytree(old, stale)
    write(tmp_path / "docs", {"policies/lighting.txt": "Street Lighting Policy\n\nLanterns last twenty five years."})
    kb.sync([tmp_path / "docs"])
    current = kept_root(kb) / generation(kb)
    shutil.rmtree(current)
    shutil.copytree(stale, current)  # the last generation's copy, filed under this one
    with caplog.at_level(logging.WARNING, logger="knowledge.index.corpus_cache"):
        kept = Corpus.load(kb.store, kept_root(kb))
    assert "cannot be used (it is generation" in caplog.text and "rebuilding it from the index" in caplog.text
    assert "Lanterns last twenty five years." in [c.text for c in kept.chunks]
    assert_same(kept, Corpus.build(kb.store))
    assert json.loads((current / "meta.json").read_text())["generation"] == generation(kb)


def _garbage(path: Path) -> None:
    size = path.stat().st_size  # the same size: only what it holds is wrong
    path.write_bytes((b"\x00not what was written\xff" * (size // 24 + 1))[:size])


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


@pytest.mark.parametrize(("name", "damage"), [
    ("chunks.sqlite", _garbage), ("chunks.sqlite", _truncate), ("codes.npy", _truncate), ("codes.npy", _garbage),
    ("meta.json", _garbage), ("bm25/params.index.json", _garbage), ("bm25/data.csc.index.npy", _truncate),
    ("bm25/indptr.csc.index.npy", os.remove),
])
def test_a_corrupt_copy_is_rebuilt_with_a_log_message(kb: Knowledge, caplog: pytest.LogCaptureFixture, name: str,
                                                      damage: object) -> None:
    home = kept_root(kb) / generation(kb)
    damage(home / name)  # type: ignore[operator]
    with caplog.at_level(logging.WARNING, logger="knowledge.index.corpus_cache"):
        kept = Corpus.load(kb.store, kept_root(kb))
    assert "cannot be used" in caplog.text and "rebuilding it from the index" in caplog.text
    assert_same(kept, Corpus.build(kb.store))
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="knowledge.index.corpus_cache"):
        assert Corpus.load(kb.store, kept_root(kb)).home == home  # kept again, whole
    assert caplog.text == ""


def test_a_corrupt_word_set_is_worked_out_again(kb: Knowledge, caplog: pytest.LogCaptureFixture) -> None:
    names = kept_root(kb) / generation(kb) / f"{NAMES_SET}.json"
    expected = corpus_names(Corpus.build(kb.store))
    names.write_text("{not json", encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="knowledge.index.corpus_cache"):
        assert corpus_names(Corpus.load(kb.store, kept_root(kb))) == expected
    assert "working it out again" in caplog.text
    assert set(json.loads(names.read_text())) == expected


def test_a_replica_with_its_own_data_dir_builds_its_copy_once(kb: Knowledge, tmp_path: Path) -> None:
    replica = Knowledge(Settings().with_data_dir(tmp_path / "replica"), client=kb.store.client,
                        embedder=CountingEmbeddings(size=32))  # type: ignore[arg-type]
    home = tmp_path / "replica" / "corpus" / generation(kb)
    assert not home.exists()
    assert replica.corpus.home == home and (home / "meta.json").is_file()
    stamp = (home / "meta.json").stat().st_mtime_ns
    again = Knowledge(Settings().with_data_dir(tmp_path / "replica"), client=kb.store.client)
    assert again.corpus.home == home and (home / "meta.json").stat().st_mtime_ns == stamp  # mapped, not rebuilt
    assert_same(again.corpus, Corpus.build(kb.store))


def test_a_data_dir_that_cannot_be_written_still_answers(kb: Knowledge, tmp_path: Path,
                                                         caplog: pytest.LogCaptureFixture) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the corpus folder would go")
    with caplog.at_level(logging.WARNING, logger="knowledge.index.corpus_cache"):
        corpus = Corpus.load(kb.store, blocked)
    assert corpus.home is None and "serving it from memory" in caplog.text
    assert_same(corpus, Corpus.build(kb.store))


def test_a_crashed_writers_folder_is_removed_once_abandoned(kb: Knowledge, tmp_path: Path) -> None:
    root = kept_root(kb)
    abandoned, working = root / ".old.abc.tmp", root / ".new.def.tmp"
    abandoned.mkdir()
    working.mkdir()
    old = time.time() - corpus_cache.ABANDONED - 60
    os.utime(abandoned, (old, old))
    write(tmp_path / "docs", {"notes/new.txt": "A new note about allotments."})
    kb.sync([tmp_path / "docs"])
    assert sorted(p.name for p in root.iterdir()) == sorted([working.name, generation(kb)])


def test_only_a_corpus_grouped_by_source_is_kept(tmp_path: Path) -> None:
    chunks = [Chunk(f"c{n}", f"text {n}", {"source": source}) for n, source in enumerate(["a.md", "b.md", "a.md"])]
    corpus = Corpus(generation="g1", chunks=chunks)
    corpus._build()
    with pytest.raises(ValueError, match="together"):
        corpus_cache.write(corpus, tmp_path / "corpus")
    assert not (tmp_path / "corpus").exists()
