"""A device-level export whose device types name kinds of camera ("Dome Camera", "PTZ Camera"):
a question's "cameras" is every value headed by that word, and cameras are counted as rows of
those kinds. A small export, written here."""

from __future__ import annotations

import pytest

from knowledge.register import RegisterRow, RegisterStore, answer_register, parse_question

from .conftest import PUBLIC

HEADER = ("Site", "Ward", "System ID", "Equipment Type", "Make", "Status", "Remote App")
DEVICES = [
    ("Alder Library", "Northam", "S1", "Dome Camera", "Hikvision", "Live", "Hik-Connect"),
    ("Alder Library", "Northam", "S1", "Bullet Camera", "Hikvision", "Live", "Hik-Connect"),
    ("Alder Library", "Northam", "S1", "NVR", "Hikvision", "Live", "Hik-Connect"),
    ("Birch Depot", "Northam", "S2", "PTZ Camera", "Hikvision", "Live", "None"),
    ("Birch Depot", "Northam", "S2", "Dome Camera", "Hikvision", "Removed", "None"),
    ("Birch Depot", "Northam", "S2", "Network Video Recorder", "Hikvision", "Live", "None"),
    ("Cedar Museum", "Southam", "S3", "Bullet Camera", "Axis", "Live", "None"),
    ("Cedar Museum", "Southam", "S3", "DVR", "Dahua", "Live", "None"),
]


@pytest.fixture(scope="module")
def devices(tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    store = RegisterStore(tmp_path_factory.mktemp("devices") / "r.sqlite")
    rows = [RegisterRow("devices.csv", "", i + 2, dict(zip(HEADER, d, strict=True))) for i, d in enumerate(DEVICES)]
    store.replace_source("devices.csv", rows)
    return store


def test_cameras_are_every_kind_of_camera(devices: RegisterStore) -> None:
    q = parse_question("how many hikvision cameras are in service?", devices)
    assert q is not None and q.count_of == "cameras"
    assert sorted(q.column_values["Equipment Type"]) == ["Bullet Camera", "Dome Camera", "PTZ Camera"]
    answer = answer_register("how many hikvision cameras are in service?", devices, PUBLIC)
    assert answer is not None and answer.count == 3


def test_cameras_in_an_area_count_every_kind(devices: RegisterStore) -> None:
    answer = answer_register("how many cameras are in service in Southam?", devices, PUBLIC)
    assert answer is not None and answer.count == 1


def test_a_kind_named_in_full_is_only_that_kind(devices: RegisterStore) -> None:
    q = parse_question("which sites have PTZ cameras?", devices)
    assert q is not None and q.column_values == {"Equipment Type": ["PTZ Camera"]}
    answer = answer_register("which sites have PTZ cameras?", devices, PUBLIC)
    assert answer is not None and answer.properties == ["Birch Depot"]


def test_a_recorder_by_its_head_word_is_the_recorder(devices: RegisterStore) -> None:
    answer = answer_register("which sites have cameras of a different make from their recorder?", devices, PUBLIC)
    assert answer is not None and answer.properties == ["Cedar Museum"]


def test_a_word_ending_one_value_only_is_not_a_kind(devices: RegisterStore) -> None:
    q = parse_question("which sites have cameras connected to the network?", devices)
    assert q is not None and "Remote App" not in q.column_values
