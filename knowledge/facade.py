"""``Knowledge``: the one façade the CLI and the bot call."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.gather.retrieval import Filters, Searcher
from knowledge.index.corpus import Corpus
from knowledge.index.indexer import Indexer, Loader, file_hash
from knowledge.index.materialise import RegisterView
from knowledge.index.sources import SourceError, check_level, configured_sources, inside, merged, real
from knowledge.index.status import build_status
from knowledge.index.store import ChunkStore, chroma_client
from knowledge.plan.documents import DocumentEngine
from knowledge.plan.router import route
from knowledge.read.evidence import corpus_names
from knowledge.settings import Settings
from knowledge.types import Answer, Draft, Failure, ProgressFn, Scope, Status, SyncReport

if TYPE_CHECKING:
    from knowledge.index.embeddings import LocalEmbeddings


class Knowledge:
    """Index, register and answer engines over one data dir / Chroma collection."""

    def __init__(
        self, settings: Settings, *, loader: Loader | None = None,
        embedder: LocalEmbeddings | None = None, client: Any = None, llm: Any = None,
    ) -> None:
        self.settings = settings
        self.loader = loader
        self._embedder = embedder
        self.store = ChunkStore(client or chroma_client(settings), settings.collection)
        self.register = RegisterView(Path(settings.data_dir), settings.register_overrides, self._embed_sentences)
        self.llm = llm
        self._corpus = Corpus()
        self._searcher: Searcher | None = None
        self._lock = threading.RLock()

    @classmethod
    def open(cls, settings: Settings, *, loader: Loader | None = None) -> Knowledge:
        llm = None
        if settings.llm:
            from langchain.chat_models import init_chat_model

            llm = init_chat_model(settings.llm)
        return cls(settings, loader=loader, llm=llm)

    @property
    def embedder(self) -> LocalEmbeddings:
        """Made on first use: a register question never embeds, nor imports what embedding needs."""
        if self._embedder is None:
            from knowledge.index.embeddings import LocalEmbeddings

            self._embedder = LocalEmbeddings(self.settings.embedding_model)
        return self._embedder

    @embedder.setter
    def embedder(self, embedder: LocalEmbeddings) -> None:
        self._embedder = embedder

    # --- reading ------------------------------------------------------------------------
    @property
    def corpus(self) -> Corpus:
        """The live corpus, reloaded when any process has synced since we last looked."""
        with self._lock:
            generation = str(self.store.meta().get("generation", ""))
            if generation != self._corpus.generation or not self._corpus.generation:
                self._corpus = Corpus.load(self.store, Path(self.settings.data_dir) / "corpus")
                self.register.refresh(self.store, self._corpus.registers)
            return self._corpus

    def keep_corpus(self) -> None:
        """Keep this generation's corpus (and the words it writes as names) in the data dir now,
        at ingest, so the next process maps it instead of building it from the index."""
        corpus_names(self.corpus)

    def engine(self) -> DocumentEngine:
        corpus = self.corpus
        searcher = self._searcher
        if searcher is None or searcher.corpus is not corpus:  # its filter masks last a generation
            searcher = self._searcher = Searcher(corpus, self.store, self._embed_query)
        return DocumentEngine(searcher, self._embed_sentences, self.llm, self._embed_query)

    def _embed_query(self, text: str) -> list[float]:
        return self.embedder.embed_query(text)

    def _embed_sentences(self, texts: list[str]) -> list[list[float]]:
        embed = getattr(self.embedder, "embed_sentences", self.embedder.embed_documents)  # any Embeddings
        return list(embed(texts))

    def answer(self, question: str, scope: Scope | None = None) -> Answer:
        scope = scope or Scope()
        engine = self.engine()
        return route(question, scope, engine, self.register, Filters(levels=scope.levels), self.llm)

    def explain(self, question: str, scope: Scope | None = None) -> Any:
        """How ``question`` is read against the register (links, typed query, unread words) and
        the route its answer took: ``cllr explain``."""
        from knowledge.register.explain import Reading, read

        scope = scope or Scope()
        answer = self.answer(question, scope)  # also brings the register table up to date
        reading = read(question, self.register.store, scope.history) if self.register.row_count() else \
            Reading(question=question)
        return reading.model_copy(update={"route": answer.mode, "answered": answer.answered})

    def draft(self, question: str, scope: Scope | None = None) -> Draft:
        from knowledge.compose.draft import draft_reply

        answer = self.answer(question, scope)
        return draft_reply(answer, self.llm)

    def status(self) -> Status:
        return build_status(self.store, self.register, self.settings)

    def has_index(self) -> bool:
        """True when at least one document is indexed."""
        return bool(self.store.manifest())

    # --- writing ------------------------------------------------------------------------
    def indexer(self) -> Indexer:
        if self.loader is None:
            raise RuntimeError("this Knowledge was opened without a loader; it cannot ingest")
        return Indexer(self.store, self.embedder, self.loader, self.settings.max_file_mb * 2**20,
                       uploads=real(Path(self.settings.data_dir) / "uploads"))

    def sync(
        self, paths: list[Path], *, access: str | None = None, progress: ProgressFn | None = None
    ) -> SyncReport:
        """Sync declared sources. ``access`` None keeps each path's declared level (config, or
        the level it was last synced at; public if never). Raises ``SourceError`` for an
        unknown level or one that contradicts the config."""
        declared = self.declarations(paths, access)
        with self._lock:
            report = self.indexer().sync(paths, progress=progress, declared=declared)
            self._remember({real(p): declared[real(p)] for p in paths})
        self.register.refresh(self.store, self.store.manifest())  # the register table, now
        self.keep_corpus()
        return report

    def declarations(self, paths: list[Path], access: str | None = None) -> dict[str, str]:
        """Every declared path -> level, with ``paths`` declared at ``access`` (checked)."""
        configured = configured_sources(self.settings)
        stored = self._declared()
        given: dict[str, str] = {}
        for path in paths:
            key = real(path)
            level = access or configured.get(key) or stored.get(key) or "public"
            if key in configured and configured[key] != level:
                raise SourceError(f"{path} is declared at {configured[key]} in the config, not {level}")
            given[key] = check_level(level, self.settings)
        return merged(stored, configured, given)

    def _declared(self) -> dict[str, str]:
        try:
            found = json.loads(str(self.store.meta().get("declared") or "{}"))
        except ValueError:
            return {}
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def _remember(self, given: dict[str, str]) -> None:
        declared = {**self._declared(), **given}
        meta = {**self.store.meta(), "declared": json.dumps(declared, sort_keys=True)}
        self.store.files.upsert(ids=["__meta__"], embeddings=[[1.0]], documents=["__meta__"], metadatas=[meta])

    def remove(self, targets: list[str]) -> SyncReport:
        """Take documents out of the index: by the source name ``status`` lists (a file, an
        upload or a URL), or by path (a file, or every document under a folder). Targets that
        match nothing are reported as failed."""
        report = SyncReport()
        manifest = self.store.manifest()
        gone: set[str] = set()
        for target in targets:
            matched = matching(target, manifest)
            gone.update(matched)
            if not matched:
                report.failed.append(Failure(source=target, reason="not in the index (see `cllr status --json`)"))
        report.removed = sorted(gone)
        if gone:
            with self._lock:
                self.store.commit({}, report.removed, last_sync=time.strftime("%Y-%m-%dT%H:%M:%S%z"))
                self.store.purge()
            self.register.refresh(self.store, self.store.manifest())
            self.keep_corpus()
        return report

    def add_file(self, path: Path, *, access: str = "public") -> SyncReport:
        return self.sync([path], access=access)

    def add_url(self, url: str, *, access: str = "public") -> SyncReport:
        import hashlib

        check_level(access, self.settings)
        indexer = self.indexer()
        report = SyncReport()
        try:
            docs = self.loader.fetch_url(  # type: ignore[union-attr]
                url, max_bytes=indexer.max_bytes, allow_hosts=self.settings.fetch_allow_host_names)
        except Exception as exc:  # noqa: BLE001 - reported by name, never raised to Slack
            report.failed.append(Failure(source=url, reason=str(getattr(exc, "reason", None) or exc)[:300]))
            return report
        digest = hashlib.sha256("\n".join(d.page_content for d in docs).encode()).hexdigest()
        indexer.add_documents(url, docs, digest=digest, access=access, report=report)
        indexer.finish(report)
        self.register.refresh(self.store, self.store.manifest())
        self.keep_corpus()
        return report


def matching(target: str, manifest: dict[str, dict[str, Any]]) -> list[str]:
    """Source names ``target`` names: a source name itself, else a path (file or folder)."""
    if target in manifest:
        return [target]
    if "://" in target:
        return []
    where, out = real(target), []
    for source, record in manifest.items():
        path = str(record.get("path") or "")
        if not path and record.get("root"):  # written before paths were kept
            path = os.path.join(str(record["root"]), source)
        if path and "://" not in path and inside(path, where):
            out.append(source)
    return out


__all__ = ["Knowledge", "SourceError", "file_hash", "matching"]
