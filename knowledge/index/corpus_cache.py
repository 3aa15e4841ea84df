"""Each index generation's corpus, kept in the data dir so a process maps it, not builds it.

Building the corpus (every chunk read from Chroma, tokenised and BM25-indexed) grows with the
index; opening a kept copy does not. Under ``<data>/corpus/<generation>/``:

* ``bm25/``: bm25s' own files, memory-mapped (its vocabulary is not loaded: token ids come
  from ``chunks.sqlite``);
* ``chunks.sqlite``: the chunk rows in corpus order, each source's range and vocabulary, and
  each token's BM25 id, chunk frequency and document frequency, read on demand;
* ``codes.npy``: each chunk's access level, kind and source as small integer codes;
* ``<name>.json``: word sets worked out from the whole corpus (``Corpus.word_set``);
* ``meta.json``, written last: format, generation, counts, labels, the register files'
  records and the size of every file above.

The first process to load a generation with no copy (the ingest that made it, or a replica
with its own data dir) builds the corpus from the store and writes the copy through a temporary
folder renamed into place, then removes older generations' copies. A copy that is missing, for
another generation or unreadable is rebuilt: logged, never raised, never served.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from knowledge.index.corpus import Chunk, Codes, Corpus
from knowledge.index.store import ChunkStore

log = logging.getLogger(__name__)

FORMAT = 1
"""Bumped when the layout changes: a copy of another format is rebuilt."""
PAGE = 2000
"""Chunks read per query when the whole corpus is walked."""
ABANDONED = 3600.0
"""Seconds after which another writer's temporary folder is taken to be left by a crash."""
SCHEMA = """
CREATE TABLE chunk (pos INTEGER PRIMARY KEY, id TEXT NOT NULL, text TEXT NOT NULL, meta TEXT NOT NULL);
CREATE INDEX chunk_id ON chunk (id);
CREATE TABLE source (source TEXT PRIMARY KEY, start INTEGER NOT NULL, stop INTEGER NOT NULL, vocab TEXT NOT NULL);
CREATE TABLE token (token TEXT PRIMARY KEY, id INTEGER NOT NULL, df INTEGER NOT NULL, sf INTEGER NOT NULL)
    WITHOUT ROWID;
"""


def load(store: ChunkStore, root: Path) -> Corpus:
    """This generation's corpus: its kept copy under ``root``, else built and kept."""
    generation = str(store.meta().get("generation", ""))
    home = root / generation
    if generation and home.is_dir():
        try:
            return open_copy(home, generation)
        except Exception as exc:  # noqa: BLE001 - any unreadable copy is rebuilt, never served
            log.warning("corpus copy %s cannot be used (%s): rebuilding it from the index", home, exc)
            shutil.rmtree(home, ignore_errors=True)
    corpus = Corpus.build(store)
    if not generation or corpus.generation != generation or str(store.meta().get("generation", "")) != generation:
        return corpus  # nothing synced yet, or a sync landed while we read: kept under no generation
    try:
        write(corpus, root)
        prune(root, keep=generation)
        return open_copy(home, generation)
    except Exception as exc:  # noqa: BLE001 - a data dir we cannot write still answers, from memory
        log.warning("corpus copy for generation %s not kept (%s): serving it from memory", generation, exc)
        return corpus


# --- writing --------------------------------------------------------------------------------
def write(corpus: Corpus, root: Path) -> Path:
    """Keep ``corpus`` under ``root/<generation>`` (through a temporary folder renamed into
    place); another process that kept it first wins."""
    if np.any(np.diff(corpus._sources.codes) < 0):
        raise ValueError("a kept corpus holds each source's chunks together, in corpus order")
    home = root / corpus.generation
    root.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{corpus.generation}.", suffix=".tmp", dir=root))
    try:
        if corpus._bm25 is not None:
            corpus._bm25.save(work / "bm25", show_progress=False)
        _write_db(corpus, work / "chunks.sqlite")
        np.save(work / "codes.npy", np.stack([corpus._access.codes, corpus._kinds.codes, corpus._sources.codes]))
        meta = {
            "format": FORMAT, "generation": corpus.generation, "count": len(corpus.chunks),
            "labels": [list(corpus._access.labels), list(corpus._kinds.labels)], "registers": corpus.registers,
            "sizes": {p.relative_to(work).as_posix(): p.stat().st_size for p in sorted(work.rglob("*")) if p.is_file()},
        }
        (work / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        try:
            os.rename(work, home)
        except OSError:
            if not (home / "meta.json").is_file():
                raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return home


def _write_db(corpus: Corpus, path: Path) -> None:
    db = sqlite3.connect(path)
    try:
        db.executescript(SCHEMA)
        db.executemany("INSERT INTO chunk VALUES (?, ?, ?, ?)",
                       ((i, c.id, c.text, json.dumps(c.meta)) for i, c in enumerate(corpus.chunks)))
        start = 0
        for source, chunks in corpus._by_source.items():
            words = json.dumps(sorted(corpus._vocab.get(source, ())))
            db.execute("INSERT INTO source VALUES (?, ?, ?, ?)", (source, start, start + len(chunks), words))
            start += len(chunks)
        db.executemany("INSERT INTO token VALUES (?, ?, ?, ?)",
                       ((t, i, corpus.doc_freq.get(t, 0), corpus._source_freq.get(t, 0))
                        for t, i in corpus._token_ids.items()))
        db.commit()
    finally:
        db.close()


def prune(root: Path, keep: str) -> None:
    """Remove other generations' copies (and temporary folders a crashed writer left)."""
    for path in root.iterdir():
        if path.name == keep:
            continue
        try:
            if path.name.startswith(".") and time.time() - path.stat().st_mtime < ABANDONED:
                continue  # another process is writing its copy
        except OSError:
            continue
        shutil.rmtree(path, ignore_errors=True)


def word_set(home: Path | None, name: str, make: Callable[[], Iterable[str]]) -> frozenset[str]:
    """A word set read from ``home/<name>.json``, else made and written there."""
    path = None if home is None else home / f"{name}.json"
    if path is not None and path.is_file():
        try:
            words = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(words, list) and all(isinstance(w, str) for w in words):
                return frozenset(words)
        except (OSError, ValueError):
            pass
        log.warning("corpus word set %s is unreadable: working it out again", path)
    made = frozenset(make())
    if path is not None:
        try:
            part = path.with_name(f".{name}.{os.getpid()}.{threading.get_ident()}.tmp")
            part.write_text(json.dumps(sorted(made)), encoding="utf-8")
            os.replace(part, path)
        except OSError:
            pass  # the copy was removed (a newer generation was kept): this process keeps it in memory
    return made


# --- reading --------------------------------------------------------------------------------
def open_copy(home: Path, generation: str) -> Corpus:
    """The corpus kept at ``home``, checked against its generation, format and file sizes."""
    meta = json.loads((home / "meta.json").read_text(encoding="utf-8"))
    if meta.get("format") != FORMAT or meta.get("generation") != generation:
        raise ValueError(f"it is generation {meta.get('generation')}'s, in format {meta.get('format')}")
    for name, size in meta["sizes"].items():
        if (home / name).stat().st_size != size:
            raise ValueError(f"{name} is {(home / name).stat().st_size} bytes, not {size}")
    count = int(meta["count"])
    codes = np.load(home / "codes.npy", allow_pickle=False)
    if codes.shape != (3, count):
        raise ValueError(f"codes.npy holds {codes.shape}, not (3, {count})")
    db = _Db(home / "chunks.sqlite")
    if db.one("SELECT max(pos) FROM chunk") != (count - 1 if count else None):
        raise ValueError("chunks.sqlite does not hold every chunk")
    rows = _Rows(db, count)
    access, kinds = (Codes(tuple(labels), codes[i]) for i, labels in enumerate(meta["labels"]))
    sources = Codes(_Names(db), codes[2])
    return Corpus(
        generation=generation, chunks=rows, registers=meta["registers"], doc_freq=_Tokens(db, "df"),
        _source_freq=_Tokens(db, "sf"), _token_ids=_Tokens(db, "id"), _bm25=_bm25(home, count),
        _position=_Positions(db), _by_source=_Sources(db, rows), _vocab=_Vocab(db),
        _access=access, _kinds=kinds, _sources=sources, home=home,
    )


def _bm25(home: Path, count: int) -> Any:
    """The BM25 index, checked now and mapped on first use (a register question needs none)."""
    if not count:
        return None
    params = json.loads((home / "bm25" / "params.index.json").read_text(encoding="utf-8"))
    if params.get("num_docs") != count:
        raise ValueError(f"the BM25 index holds {params.get('num_docs')} chunks, not {count}")
    return _MappedBM25(home / "bm25")


class _MappedBM25:
    """bm25s' index of a kept copy, memory-mapped when first searched."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._index: Any = None
        self._lock = threading.Lock()

    def retrieve(self, *args: Any, **kwargs: Any) -> Any:
        with self._lock:
            if self._index is None:
                import bm25s

                index = bm25s.BM25.load(self._path, mmap=True, load_vocab=False, show_progress=False)
                index.unique_token_ids_set = range(len(index.scores["indptr"]) - 1)  # ids, without the vocabulary
                self._index = index
        return self._index.retrieve(*args, **kwargs)


class _Db:
    """One read-only connection to a kept ``chunks.sqlite``, shared by threads."""

    def __init__(self, path: Path) -> None:
        self._conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                     check_same_thread=False)
        self._lock = threading.Lock()

    def all(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def one(self, sql: str, *args: Any) -> Any:
        found = self.all(sql, *args)
        return found[0][0] if found else None


class _Rows(Sequence[Chunk]):
    """The chunks in corpus order, read when first asked for."""

    def __init__(self, db: _Db, count: int) -> None:
        self._db, self._count = db, count
        self._seen: dict[int, Chunk] = {}

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(self._count)
            return self.span(start, max(start, stop)) if step == 1 else [self[i] for i in range(start, stop, step)]
        index = int(index) + (self._count if int(index) < 0 else 0)
        if not 0 <= index < self._count:
            raise IndexError(index)
        if index not in self._seen:
            self.span(index, index + 1)
        return self._seen[index]

    def span(self, start: int, stop: int, *, keep: bool = True) -> list[Chunk]:
        """Chunks ``start`` to ``stop`` (one query), remembered unless ``keep`` is False."""
        if stop > start and all(i in self._seen for i in range(start, stop)):
            return [self._seen[i] for i in range(start, stop)]
        found = [(pos, self._seen.get(pos) or Chunk(cid, text, json.loads(meta))) for pos, cid, text, meta in
                 self._db.all("SELECT pos, id, text, meta FROM chunk WHERE pos >= ? AND pos < ? ORDER BY pos",
                              start, stop)]
        if keep:
            self._seen.update(found)
        return [chunk for _pos, chunk in found]

    def __iter__(self) -> Iterator[Chunk]:
        for start in range(0, self._count, PAGE):  # a walk over every chunk is not kept in memory
            yield from self.span(start, min(start + PAGE, self._count), keep=False)


class _Lookup(Mapping[str, Any]):
    """A read-only mapping answered by the kept copy, remembering what it was asked."""

    def __init__(self, db: _Db) -> None:
        self._db = db
        self._seen: dict[str, Any] = {}

    def _find(self, key: str) -> Any:
        raise NotImplementedError

    def _keys(self) -> list[str]:
        raise NotImplementedError

    def __getitem__(self, key: str) -> Any:
        if key not in self._seen:
            self._seen[key] = self._find(key)  # a miss too: a question's unknown words are asked again
        found = self._seen[key]
        if found is None:
            raise KeyError(key)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys())

    def __len__(self) -> int:
        return len(self._keys())


class _Tokens(_Lookup):
    """One column of the token table: BM25 id, chunk frequency or document frequency."""

    def __init__(self, db: _Db, column: str) -> None:
        super().__init__(db)
        self._column = column

    def _find(self, key: str) -> Any:
        return self._db.one(f"SELECT {self._column} FROM token WHERE token = ?", key)  # noqa: S608 - our column

    def _keys(self) -> list[str]:
        return [t for (t,) in self._db.all("SELECT token FROM token")]


class _Positions(_Lookup):
    def _find(self, key: str) -> Any:
        return self._db.one("SELECT pos FROM chunk WHERE id = ? ORDER BY pos DESC LIMIT 1", key)

    def _keys(self) -> list[str]:
        return [cid for (cid,) in self._db.all("SELECT id FROM chunk ORDER BY pos")]


class _Vocab(_Lookup):
    def _find(self, key: str) -> Any:
        words = self._db.one("SELECT vocab FROM source WHERE source = ?", key)
        return None if words is None else set(json.loads(words))

    def _keys(self) -> list[str]:
        return list(_Names(self._db))


class _Span(Sequence[Chunk]):
    """One source's chunks, read as far as they are looked at (a title needs only the first)."""

    def __init__(self, rows: _Rows, start: int, stop: int) -> None:
        self._rows, self._start, self._stop = rows, start, stop

    def __len__(self) -> int:
        return self._stop - self._start

    def __getitem__(self, index: Any) -> Any:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            if step != 1:
                return [self[i] for i in range(start, stop, step)]
            return self._rows.span(self._start + start, self._start + max(start, stop))
        index = int(index) + (len(self) if int(index) < 0 else 0)
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._rows[self._start + index]

    def __iter__(self) -> Iterator[Chunk]:
        return iter(self._rows.span(self._start, self._stop))


class _Sources(_Lookup):
    """Each source's chunks, in corpus order."""

    def __init__(self, db: _Db, rows: _Rows) -> None:
        super().__init__(db)
        self._rows = rows
        self._names = _Names(db)

    def _find(self, key: str) -> Any:
        span = self._db.all("SELECT start, stop FROM source WHERE source = ?", key)
        return _Span(self._rows, *span[0]) if span else None

    def _keys(self) -> list[str]:
        return list(self._names)


class _Names(Sequence[str]):
    """The sources in corpus order (a chunk's source code is its place here), read when first used."""

    def __init__(self, db: _Db) -> None:
        self._db = db
        self._names: list[str] | None = None

    def _all(self) -> list[str]:
        if self._names is None:
            self._names = [s for (s,) in self._db.all("SELECT source FROM source ORDER BY rowid")]
        return self._names

    def __len__(self) -> int:
        return len(self._all())

    def __getitem__(self, index: Any) -> Any:
        return self._all()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())
