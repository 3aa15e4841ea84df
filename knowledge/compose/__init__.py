"""Compose: scored sentences (or an LLM's draft) in; the answer text, its citations or an abstention out."""
