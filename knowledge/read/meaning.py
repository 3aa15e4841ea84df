"""How much a word carries of a question's meaning, as the bundled embedding model reads it.

Take the word out and embed the question again: a word that says something moves the
question's embedding ("drones" about 0.4, cosine distance); a word another part of the question
already says, or that only sets the tone, barely moves it ("exactly" about 0.005; "come out"
beside "(whether removed or disposed of)" 0.007). No list of filler words is kept.
"""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

Embed = Callable[[list[str]], list[list[float]]]


def without(text: str, word: str) -> str:
    """``text`` with every whole-word use of ``word`` taken out."""
    return re.sub(rf"\b{re.escape(word)}\b", " ", text, flags=re.I)


def shifts(embed: Embed, text: str, variants: list[str]) -> list[float]:
    """How far each variant of ``text`` (a word taken out) moves its embedding (cosine distance)."""
    if not variants:
        return []
    vectors = np.array(embed([text, *variants]), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return [1 - float(v @ vectors[0]) for v in vectors[1:]]
