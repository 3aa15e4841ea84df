"""Index side, built by ingest: files and register rows in, the Chroma store, corpus, register view and state out."""
