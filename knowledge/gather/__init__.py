"""Gather: a read question in; retrieved passages (hybrid search) and their scored, quotable sentences out."""
