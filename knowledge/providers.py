"""``CLLR_LLM``: which package a provider needs, checked before anything starts."""

from __future__ import annotations

import importlib.util

PROVIDERS = {
    "openai": ("langchain_openai", "openai"),
    "azure_openai": ("langchain_openai", "openai"),
    "anthropic": ("langchain_anthropic", "anthropic"),
    "ollama": ("langchain_ollama", "ollama"),
    "google_genai": ("langchain_google_genai", "google"),
    "mistralai": ("langchain_mistralai", "mistralai"),
    "bedrock": ("langchain_aws", "aws"),
    "bedrock_converse": ("langchain_aws", "aws"),
}
"""Provider prefix -> (module it needs, the ``cllr[...]`` extra that installs it)."""

_INFERRED = (("gpt-", "openai"), ("o1", "openai"), ("o3", "openai"), ("claude", "anthropic"),
             ("mistral", "mistralai"), ("gemini", "google_genai"))


def provider_of(spec: str) -> str:
    """The provider ``init_chat_model`` would use for ``spec`` ("openai:gpt-4o-mini" -> openai)."""
    prefix, sep, _ = spec.partition(":")
    if sep:
        return prefix.strip().lower()
    return next((p for start, p in _INFERRED if spec.lower().startswith(start)), "")


def llm_problem(spec: str | None) -> str | None:
    """None if ``CLLR_LLM`` is unset or its provider package is installed; else one line saying
    what to install."""
    if not spec:
        return None
    provider = provider_of(spec)
    if provider not in PROVIDERS:
        known = ", ".join(sorted(PROVIDERS))
        return f"CLLR_LLM={spec!r}: write it as PROVIDER:MODEL with a provider cllr knows ({known})"
    module, extra = PROVIDERS[provider]
    if importlib.util.find_spec(module) is None:
        return (f"CLLR_LLM={spec!r} needs the {module.replace('_', '-')} package: "
                f"pip install 'cllr[{extra}]' (or unset CLLR_LLM for extractive answers)")
    return None


__all__ = ["PROVIDERS", "llm_problem", "provider_of"]
