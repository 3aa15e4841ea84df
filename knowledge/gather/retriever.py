"""The hybrid searcher as a langchain retriever, for chains that want one.

Kept apart from ``knowledge.gather.retrieval``: langchain's ``BaseRetriever`` imports its tracing
stack, which a CLI answer never needs.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from knowledge.gather.retrieval import Filters


class HybridRetriever(BaseRetriever):
    """The searcher (``knowledge.gather.retrieval.Searcher``) as a langchain retriever."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    searcher: Any
    filters: Filters = Filters()
    k: int = 8

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[Document]:
        hits = self.searcher.search(query, self.filters, k=self.k)
        return [Document(page_content=h.chunk.text, metadata={**h.chunk.meta, "score": h.score})
                for h in hits]
