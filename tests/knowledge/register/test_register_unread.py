"""Words the register doesn't read: a word the rest of the question already says is read past,
and said so (weighed by the bundled embedding model); a negation behind an auxiliary ("have not
been flagged") is read, never turned round; a word of a property's name that links to no
whole name is refused, never dropped."""

from __future__ import annotations

from pathlib import Path

import pytest

from knowledge.index.embeddings import LocalEmbeddings
from knowledge.register import RegisterRow, RegisterStore, answer_register

from .conftest import PUBLIC

HEADER = ("Building Name", "Device Type", "Brand", "Operating Status", "Network Segment")
DEVICES = [
    ("Alder House", "Camera", "Hikvision", "In service", "Corporate LAN"),
    ("Birch Depot", "Camera", "Hikvision", "Marked for replacement", "Internet (port forward)"),
    ("Cedar Library", "Camera", "Dahua", "In service", "4G Router"),
    ("Quenby Park and Ride North", "Camera", "Axis", "In service", "4G Router"),
    ("Quenby Park and Ride South", "Camera", "Axis", "In service", "Corporate LAN"),
    ("Elm Yard", "Camera", "Hikvision", "Removed", "Isolated VLAN"),
]


def _store(home: Path, embed: bool) -> RegisterStore:
    store = RegisterStore(home / "r.sqlite", embed=LocalEmbeddings().embed_documents if embed else None)
    rows = [RegisterRow("assets.xlsx", "Export", i + 2, dict(zip(HEADER, d, strict=True)))
            for i, d in enumerate(DEVICES)]
    store.replace_source("assets.xlsx", rows)
    return store


@pytest.fixture(scope="module")
def weighing(tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    return _store(tmp_path_factory.mktemp("weighing"), embed=True)


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    return _store(tmp_path_factory.mktemp("plain"), embed=False)


QUESTION = "List the buildings whose Hikvision cameras are exposed directly to the internet."


def test_a_word_the_rest_already_says_is_read_past_and_said(weighing: RegisterStore) -> None:
    answer = answer_register(QUESTION, weighing, PUBLIC)
    assert answer is not None and not getattr(answer, "refused", False), answer
    assert set(answer.properties) == {"Birch Depot"}, answer.text
    assert "read past" in answer.text and '"directly"' in answer.text, answer.text


def test_without_the_model_every_unread_word_is_a_condition(plain: RegisterStore) -> None:
    answer = answer_register(QUESTION, plain, PUBLIC)
    assert answer is not None and getattr(answer, "refused", False), answer


@pytest.mark.parametrize(("question", "unread"), [
    ("List the buildings whose Hikvision cameras have a trusted connection.", "trusted"),
    ("List the buildings with external Hikvision cameras.", "external"),
    # a make this register never holds, after a word that is read ("running"): never dropped
    ("In Birch, how many buildings are still running hanwha?", "hanwha"),
    ("How many buildings are still running Wisenet kit?", "wisenet"),
])
def test_a_condition_of_its_own_is_not_read_past(weighing: RegisterStore, question: str, unread: str) -> None:
    # each says something no filter reads (a name no English word is, wherever it stands), so it is refused
    answer = answer_register(question, weighing, PUBLIC)
    assert answer is not None and getattr(answer, "refused", False), answer.text
    assert unread in answer.text.lower(), answer.text


@pytest.mark.parametrize("question", [
    "Which buildings have Hikvision cameras that have not been marked for replacement?",
    "Which buildings have Hikvision cameras that haven't yet been marked for replacement?",
    "Which buildings have Hikvision cameras that aren't marked for replacement?",
    "Which buildings have Hikvision cameras that nobody has marked for replacement?",
])
def test_a_negation_behind_an_auxiliary_is_read(plain: RegisterStore, question: str) -> None:
    answer = answer_register(question, plain, PUBLIC)
    assert answer is not None and set(answer.properties) == {"Alder House"}, answer.text


def test_a_word_of_a_name_alone_is_refused_not_dropped(plain: RegisterStore) -> None:
    answer = answer_register("How many cameras are there at Quenby?", plain, PUBLIC)
    assert answer is not None and getattr(answer, "refused", False), answer.text
    assert "quenby" in answer.text.lower()
    whole = answer_register("How many cameras are there at Quenby Park and Ride North?", plain, PUBLIC)
    assert whole is not None and not getattr(whole, "refused", False), whole.text


def test_a_make_the_register_holds_by_a_short_name_is_read(weighing: RegisterStore) -> None:
    known = answer_register("How many buildings are still running hik kit?", weighing, PUBLIC)
    assert known is not None and not getattr(known, "refused", False), known.text


@pytest.mark.parametrize("said", ["went in", "had gone in", "was installed"])
def test_gone_in_is_installed_in_any_tense(said: str) -> None:
    from knowledge.register.dates import date_field

    text = f"which hikvision kit {said} since june 2023"
    assert date_field(text, text.index("june"), {"install_date", "replacement_date"}) == "install_date"


def test_a_maker_named_for_its_brand_reads_the_brand_rows(tmp_path: Path) -> None:
    # every Hanwha row says "Wisenet" (its brand, makers.yaml): "hanwha" is those rows, not refused
    store = RegisterStore(tmp_path / "r.sqlite")
    devices = [("Alder House", "Camera", "Wisenet", "In service", "Corporate LAN"),
               ("Birch Depot", "Camera", "Hikvision", "In service", "Corporate LAN"),
               ("Cedar Library", "Camera", "Wisenet", "Removed", "4G Router")]
    store.replace_source("assets.xlsx", [RegisterRow("assets.xlsx", "Export", i + 2, dict(zip(HEADER, d, strict=True)))
                                         for i, d in enumerate(devices)])
    answer = answer_register("Which buildings are still running Hanwha?", store, PUBLIC)
    assert answer is not None and set(answer.properties) == {"Alder House"}, answer
    assert "Wisenet" in answer.text, answer.text
