"""Ingest rate against the raw encode rate of the same model on the same chunks, and an
unchanged re-ingest against the cold ingest, measured in one run.

Run: ``python -m bench.ingest [--copies 12]``. The sample corpus is copied ``--copies``
times with varied text (places, numbers, sentence order in the text formats; binary
formats are copied as they are) to at least 2,000 chunks.
Goals: ingest rate >= 0.8x raw encode; unchanged re-ingest <= 1/50 of the cold ingest.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import DEMO, PLACES
from cllr.wiring import IngestLoader
from knowledge.facade import Knowledge
from knowledge.index.embeddings import LocalEmbeddings
from knowledge.settings import Settings


def scaled_corpus(target: Path, copies: int) -> None:
    rng = random.Random(3)
    for n in range(copies):
        for path in DEMO.rglob("*"):
            if not path.is_file():
                continue
            out = target / f"copy-{n:02d}" / path.relative_to(DEMO)
            out.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix in {".md", ".txt", ".html", ".csv"}:
                text = path.read_text(encoding="utf-8")
                text = re.sub(r"\b(Ashdown|Dunmere|Eastbrook)\b", lambda _m: rng.choice(PLACES), text)
                text = re.sub(r"\b(\d{1,3})\b(?![-/])", lambda m, n=n: str(int(m.group(1)) + n), text)
                out.write_text(text, encoding="utf-8")
            else:
                shutil.copy2(path, out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=12)
    args = parser.parse_args()
    model = LocalEmbeddings()
    model.embed_documents(["warm the model up"])
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        scaled_corpus(corpus, args.copies)
        kb = Knowledge(Settings().with_data_dir(Path(tmp) / "data"), loader=IngestLoader(), embedder=model)
        start = time.perf_counter()
        report = kb.sync([corpus])
        cold = time.perf_counter() - start
        start = time.perf_counter()
        again = kb.sync([corpus])
        warm = time.perf_counter() - start
        texts = [c.text for c in kb.corpus.chunks]
        start = time.perf_counter()
        model.embed_documents(texts)
        raw = time.perf_counter() - start
    chunks = report.chunks_embedded
    print(f"files: {len(report.added)}  chunks: {chunks}  failed: {len(report.failed)}")
    print(f"cold ingest: {cold:.1f} s ({chunks / cold:.0f} chunks/s)")
    print(f"raw encode of the same chunks: {raw:.1f} s ({len(texts) / raw:.0f} chunks/s)")
    print(f"ingest rate / raw encode rate: {(chunks / cold) / (len(texts) / raw):.2f}x (goal >= 0.8x)")
    print(f"unchanged re-ingest: {warm:.2f} s ({len(again.unchanged)} files unchanged, "
          f"{again.chunks_embedded} chunks embedded)")
    print(f"unchanged / cold: 1/{cold / warm:.0f} (goal <= 1/50)")


if __name__ == "__main__":
    main()
