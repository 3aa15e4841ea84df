"""``Knowledge``: the one façade the CLI and the bot call."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from knowledge.corpus import Corpus
from knowledge.documents import DocumentEngine
from knowledge.indexer import Indexer, Loader, file_hash
from knowledge.materialise import RegisterView
from knowledge.retrieval import Filters, Searcher
from knowledge.router import route
from knowledge.settings import Settings
from knowledge.status import build_status
from knowledge.store import ChunkStore, chroma_client
from knowledge.types import Answer, Draft, ProgressFn, Scope, Status, SyncReport

if TYPE_CHECKING:
    from knowledge.embeddings import LocalEmbeddings


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
        self.register = RegisterView(Path(settings.data_dir), settings.register_overrides)
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
            from knowledge.embeddings import LocalEmbeddings

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
                self._corpus = Corpus.load(self.store)
                self.register.refresh(self.store, self._corpus.manifest)
            return self._corpus

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
        answer = self.answer(question, scope)
        _ = self.corpus  # the register table is current
        reading = read(question, self.register.store, scope.history) if self.register.row_count() else \
            Reading(question=question)
        return reading.model_copy(update={"route": answer.mode, "answered": answer.answered})

    def draft(self, question: str, scope: Scope | None = None) -> Draft:
        from knowledge.draft import draft_reply

        answer = self.answer(question, scope)
        return draft_reply(answer, self.llm)

    def status(self) -> Status:
        return build_status(self.store, self.register, self.settings)

    # --- writing ------------------------------------------------------------------------
    def indexer(self) -> Indexer:
        if self.loader is None:
            raise RuntimeError("this Knowledge was opened without a loader; it cannot ingest")
        return Indexer(self.store, self.embedder, self.loader, self.settings.max_file_mb * 2**20)

    def sync(
        self, paths: list[Path], *, access: str = "public", progress: ProgressFn | None = None
    ) -> SyncReport:
        report = self.indexer().sync(paths, access=access, progress=progress)
        self.register.refresh(self.store, self.store.manifest())  # the register table, now
        return report  # the in-memory corpus reloads on the next answer (generation changed)

    def add_file(self, path: Path, *, access: str = "public") -> SyncReport:
        return self.sync([path], access=access)

    def add_url(self, url: str, *, access: str = "public") -> SyncReport:
        import hashlib

        indexer = self.indexer()
        report = SyncReport()
        try:
            docs = self.loader.fetch_url(url, max_bytes=indexer.max_bytes)  # type: ignore[union-attr]
        except Exception as exc:  # noqa: BLE001 - reported by name, never raised to Slack
            from knowledge.types import Failure

            report.failed.append(Failure(source=url, reason=str(exc)[:300]))
            return report
        digest = hashlib.sha256("\n".join(d.page_content for d in docs).encode()).hexdigest()
        indexer.add_documents(url, docs, digest=digest, access=access, report=report)
        indexer.finish(report)
        self.register.refresh(self.store, self.store.manifest())
        return report


__all__ = ["Knowledge", "file_hash"]
