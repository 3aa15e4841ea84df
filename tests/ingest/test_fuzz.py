"""Random input to every loader: it loads or raises LoadError, never anything else."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest import LoadError
from ingest.loaders import LOADERS
from ingest.sniff import detect
from tests.ingest.conftest import FIXTURES

SEEDS = [p.read_bytes() for p in sorted(FIXTURES.rglob("*")) if p.is_file() and p.stat().st_size < 40_000]
_inputs = st.one_of(
    st.binary(max_size=2048),
    st.text(max_size=2048).map(str.encode),
    st.tuples(st.sampled_from(SEEDS), st.integers(0, 4000), st.binary(max_size=64)).map(
        lambda t: t[0][: t[1]] + t[2] + t[0][t[1] + len(t[2]):]),
)
FUZZ = settings(max_examples=50, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.mark.parametrize("fmt", sorted(LOADERS))
@FUZZ
@given(data=_inputs)
def test_loader_loads_or_raises_load_error(fmt: str, data: bytes) -> None:
    with contextlib.suppress(LoadError):
        LOADERS[fmt](data, f"fuzz.{fmt}").load()


@FUZZ
@given(data=_inputs, name=st.sampled_from(["a.txt", "a.pdf", "a.docx", "a.xlsx", "a.csv", "a.html", "a"]))
def test_sniff_detects_or_raises_load_error(data: bytes, name: str) -> None:
    with contextlib.suppress(LoadError):
        assert detect(data, name) in LOADERS
