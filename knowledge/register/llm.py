"""Optional: let a chat model fill ``RegisterQuery`` (schema-validated; never SQL or code)."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from knowledge.register.query import RegisterQuery

PROMPT = (
    "Turn the council asset-register question into the RegisterQuery schema. Use only "
    "filters the question states; leave everything else empty. Question: {question}"
)


def parse_with_llm(question: str, chat_model: Any) -> RegisterQuery | None:
    """Structured output from ``chat_model``, validated against ``RegisterQuery``."""
    try:
        structured = chat_model.with_structured_output(RegisterQuery)
        raw = structured.invoke(PROMPT.format(question=question))
    except (NotImplementedError, ValidationError, ValueError, TypeError):
        return None
    if raw is None:
        return None
    try:
        data = raw.model_dump() if isinstance(raw, RegisterQuery) else raw
        return RegisterQuery.model_validate(data)
    except ValidationError:
        return None
