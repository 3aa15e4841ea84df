"""The generated register test: the generator's golds are self-consistent and the scorer judges.

No test here asserts how well cllr does: the parser changes, the bench measures it.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from openpyxl import load_workbook

from bench.generated import make, questions, run, scoring, vocab, write
from bench.generated.make import Register

DEV_SEEDS = range(0, 40)  # development seeds; 1000 and up are held out


def _read_back(path: Path, reg: Register) -> list[list[str]]:
    """The written table as text cells, header first, from the file itself."""
    header = list(reg.headers.values())
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as fh:
            return [list(r) for r in csv.reader(fh, delimiter=reg.layout.delimiter)]
    out: list[list[str]] = [header]
    wb = load_workbook(path)
    for ws in wb.worksheets:
        lines = [["" if v is None else str(v) for v in r] for r in ws.iter_rows(values_only=True)]
        if header in lines:
            out.extend(lines[lines.index(header) + 1:])
    return out


@pytest.mark.parametrize("seed", [0, 3, 7, 11])
def test_same_seed_same_register_file_and_golds(seed: int, tmp_path: Path) -> None:
    a, b = make.generate(seed), make.generate(seed)
    pa, pb = write.write(a, tmp_path / "a"), write.write(b, tmp_path / "b")
    assert _read_back(pa, a) == _read_back(pb, b)
    assert [q.to_json() for q in questions.questions(a)] == [q.to_json() for q in questions.questions(b)]
    assert make.generate(seed + 1).rows != a.rows


@pytest.mark.parametrize("seed", [0, 1, 2, 5, 8, 13])
def test_written_file_holds_every_row_as_generated(seed: int, tmp_path: Path) -> None:
    reg = make.generate(seed)
    table = _read_back(write.write(reg, tmp_path), reg)
    roles = list(reg.headers)
    assert table[0] == list(reg.headers.values())
    assert len(table) - 1 == len(reg.rows)
    written = {tuple(line[roles.index(r)] for r in ("asset", "site", "make", "status")) for line in table[1:]}
    assert written == {(r.asset_id, r.site, r.make, r.status) for r in reg.rows}


def test_every_gold_names_sites_of_the_register_and_counts_are_positive() -> None:
    for seed in DEV_SEEDS:
        reg = make.generate(seed)
        qs = questions.questions(reg)
        assert len(qs) >= 12
        for q in qs:
            if q.kind == "list":
                assert q.gold_names and set(q.gold_names) <= set(reg.sites), q
            else:
                assert q.gold_count and q.gold_count > 0, q


def test_vendor_gold_counts_a_blank_make_by_its_model_prefix() -> None:
    reg, row = next((r, x) for r in map(make.generate, DEV_SEEDS) for x in r.rows
                    if x.make == "" and x.family == "Hikvision" and x.in_service)
    assert row.model.startswith("DS-")
    gold = questions.sites(reg, lambda r: r.family == "Hikvision" and r.in_service)
    assert row.site in gold


def test_statuses_cover_every_class_and_sub_brands_sit_in_their_family() -> None:
    for statuses in vocab.STATUS_VOCABS:
        assert set(statuses.values()) == {"live", "due", "out"}
    assert {"HiLook", "EZVIZ"} <= set(vocab.FAMILIES["Hikvision"])
    assert "Imou" in vocab.FAMILIES["Dahua"]


def test_financial_year_formats() -> None:
    assert [write.fy_text(2025, f) for f in ("slash", "short", "fy")] == ["2025/26", "25/26", "FY2025-26"]
    assert write.fy_text(None, "slash") == ""


def _list_question() -> questions.Question:
    return questions.Question(id="G-1", template="vendor_still", kind="list", unit="properties",
                              question="which sites still run Hikvision?",
                              gold_names=["County Hall Annexe", "Beech Court"])


NAMES = ["County Hall", "County Hall Annexe", "Beech Court", "Willow Court"]


def test_scorer_marks_a_right_list_right_and_a_wrong_one_wrong() -> None:
    q = _list_question()
    right = {"answer": "2 properties: Beech court; COUNTY HALL ANNEXE.", "answered": True}
    extra = {"answer": "Beech Court, County Hall Annexe, Willow Court", "answered": True}
    short = {"answer": "Only the County Hall.", "answered": True}
    refused = {"answer": "Beech Court, County Hall Annexe", "answered": False}
    assert scoring.judge(q, right, NAMES).outcome == "right"
    assert scoring.judge(q, extra, NAMES).outcome == "wrong"
    assert scoring.judge(q, short, NAMES).outcome == "wrong"
    assert scoring.judge(q, refused, NAMES).outcome == "abstained"
    assert scoring.judge(q, None, NAMES).outcome == "abstained"


def test_scorer_reads_the_first_count_past_dates_and_codes() -> None:
    q = questions.Question(id="G-2", template="cameras_vendor", kind="count", unit="cameras",
                           question="how many Hikvision cameras are in service?", gold_count=12)
    right = {"answer": "As at 01/09/2025 (FY 2025/26, DS-2CD2143G2-I) there are twelve cameras.", "answered": True}
    wrong = {"answer": "There are 13 cameras, 12 of them live.", "answered": True}
    assert scoring.judge(q, right, NAMES).outcome == "right"
    assert scoring.judge(q, wrong, NAMES).outcome == "wrong"


def test_parse_seeds() -> None:
    assert run.parse_seeds("1000-1002,7") == [1000, 1001, 1002, 7]


def test_runner_refuses_bad_seeds_and_a_folder_that_is_no_checkout(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert run.main(["--seeds", "ten-twenty"]) == 2
    assert run.main(["--seeds", "1000", "--code", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "bad --seeds" in err and "is not a cllr checkout" in err


@pytest.mark.slow
def test_runner_scores_development_seeds_end_to_end(tmp_path: Path) -> None:
    """Two development seeds through cllr's own façade (this checkout): every question gets a verdict."""
    seeds = [3, 4]
    score = run.evaluate(seeds, workdir=tmp_path)
    asked = sum(len(questions.questions(make.generate(s))) for s in seeds)
    assert sum(t.total for t in score.kinds.values()) == asked
    assert set(score.kinds) == {"list", "count"}
    assert all(v.detail != "no answer" for _, v, _ in score.verdicts), "the worker answered nothing"
    assert (tmp_path / "seed-3" / "data").is_dir()
