"""Conditions across the rows of one system in a device-level export (a row per camera or NVR)."""

from __future__ import annotations

from pathlib import Path

from knowledge.register import RegisterRow, RegisterStore, answer_register, parse_question

PUBLIC = frozenset({"public"})


def _device(system: str, site: str, kind: str, brand: str, status: str = "Operational") -> dict[str, str]:
    return {"System ID": system, "Building Name": site, "Device Type": kind, "Brand": brand,
            "Model": "X-1", "Operating Status": status, "Parish": "Kestwick",
            "Building Type": "Office"}


DEVICES = [
    _device("S1", "Bus Station", "NVR", "Hikvision"), _device("S1", "Bus Station", "Camera", "Axis"),
    _device("S2", "Town Hall", "NVR", "Bosch"), _device("S2", "Town Hall", "Camera", "Bosch Security"),
    _device("S3", "Theatre", "NVR", "Hanwha Vision"), _device("S3", "Theatre", "Camera", "Wisenet"),
    _device("S4", "Depot", "NVR", "Axis"), _device("S4", "Depot", "Camera", "Axis Communications"),
    _device("S5", "Museum", "NVR", "HiLook", "Disposed"), _device("S5", "Museum", "NVR", "Hanwha Techwin"),
    _device("S5", "Museum", "Camera", "HiLook"), _device("S5", "Museum", "Camera", "Hanwha Vision"),
    _device("S6", "Library", "Reader", "Paxton"), _device("S6", "Library", "Door Controller", "Hikvision"),
]


def _store(tmp_path: Path) -> RegisterStore:
    store = RegisterStore(tmp_path / "r.sqlite")
    store.replace_source("export.xlsx", [RegisterRow("export.xlsx", "Export", i + 2, r)
                                         for i, r in enumerate(DEVICES)])
    return store


def test_cameras_of_another_make_than_their_recorder(tmp_path: Path) -> None:
    store = _store(tmp_path)
    for question in ("are there any systems where the cameras are a different make to the NVR/DVR they "
                     "record to? which buildings",
                     "Could you identify any systems in which the cameras are made by a different manufacturer "
                     "from the NVR or DVR that records them?"):
        query = parse_question(question, store)
        assert query is not None and query.recorder_make_differs and not query.with_other_make, question
        assert query.column_values == {} and query.status == "in_service"
        answer = answer_register(question, store, PUBLIC)
        assert answer is not None and sorted(answer.properties) == ["Bus Station", "Museum"], answer.text
        assert "its recorder" in answer.text


def test_other_make_without_device_rows_stays_a_property_condition(sample_store: RegisterStore) -> None:
    query = parse_question("which sites have cameras of a different make from their recorder?", sample_store)
    assert query is not None and query.with_other_make and not query.recorder_make_differs


