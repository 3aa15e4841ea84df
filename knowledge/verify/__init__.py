"""Verify: an answer's citations in; only those whose quote is verbatim at its locator, in scope, out."""
