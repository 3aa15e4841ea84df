"""A second register (other headers, banners, three sheets, UK text dates) proves generality."""

from __future__ import annotations

from knowledge.register import RegisterStore, answer_register

from .conftest import PUBLIC


def test_mapping_is_general(borough_store: RegisterStore) -> None:
    sheets = {m["sheet"]: m for m in borough_store.mappings()}
    cctv = sheets["CCTV"]["columns"]
    assert cctv["property"] == "Site" and cctv["property_type"] == "Premises Type"
    assert cctv["area"] == "Ward" and cctv["manufacturer"] == "Make"
    assert cctv["model"] == "Model No." and cctv["camera_count"] == "No. of Cameras"
    assert cctv["network"] == "Connectivity" and cctv["remote_access"] == "Remote Access"
    assert cctv["install_date"] == "Date Installed" and cctv["status"] == "Lifecycle"
    assert cctv["replacement_date"] == "Planned Replacement"
    assert {m["system_type"] for m in sheets.values()} == {
        "cctv", "access_control", "intruder_alarm"}


def test_hikvision_any_spelling_and_sub_brands(borough_store: RegisterStore) -> None:
    answer = answer_register("Which sites still have Hikvision?", borough_store, PUBLIC)
    assert answer is not None
    # Live/Operational/Awaiting replacement count; Removed does not; EZVIZ/HiLook are sub-brands;
    # the blank make with a DS-2CD model counts; access control and alarm sheets count too.
    assert set(answer.properties) == {
        "Riverside Library", "Mill Lane Depot", "Oak Road Library", "Hilltop Community Centre",
        "Town Hall"}
    assert any("sub-brands" in n for n in answer.notes)
    assert any("blank manufacturer" in n for n in answer.notes)
    sheets = {c["locator"].split(",")[0] for c in answer.citations}
    assert sheets == {"sheet CCTV", "sheet Access Control", "sheet Intruder Alarms"}


def test_excluding_sub_brands(borough_store: RegisterStore) -> None:
    answer = answer_register("How many Hikvision systems are live, excluding sub-brands?",
                             borough_store, PUBLIC)
    assert answer is not None and "Hilltop Community Centre" not in answer.properties


def test_awaiting_replacement_uses_register_wording(borough_store: RegisterStore) -> None:
    answer = answer_register("Which sites are due for replacement?", borough_store, PUBLIC)
    assert answer is not None and answer.properties == ["Mill Lane Depot"]
    assert any('"Awaiting replacement"' in f for f in answer.filters)


def test_uk_text_dates(borough_store: RegisterStore) -> None:
    answer = answer_register("Which systems were installed before 2018?", borough_store, PUBLIC)
    assert answer is not None
    assert set(answer.properties) == {"Mill Lane Depot", "Oak Road Library"}


def test_camera_count_and_types(borough_store: RegisterStore) -> None:
    answer = answer_register("How many cameras are still in use at libraries?",
                             borough_store, PUBLIC)
    assert answer is not None and answer.count == 4 + 2 + 3


def test_remote_and_tips(borough_store: RegisterStore) -> None:
    answer = answer_register("Which tips have remote access?", borough_store, PUBLIC)
    assert answer is not None and answer.properties == ["Eastmoor Tip"]
    answer = answer_register("which sites have access control?", borough_store, PUBLIC)
    assert answer is not None and set(answer.properties) == {"Town Hall", "Riverside Library"}


def test_not_in_an_area(borough_store: RegisterStore) -> None:
    answer = answer_register("Which sites still have Hikvision, not in Northgate?", borough_store, PUBLIC)
    assert answer is not None
    assert set(answer.properties) == {"Oak Road Library", "Hilltop Community Centre", "Town Hall"}
    assert any(f.endswith("is not Northgate") for f in answer.filters), answer.filters


def test_excluding_a_property_type(borough_store: RegisterStore) -> None:
    answer = answer_register("Which sites still have Hikvision, excluding libraries?", borough_store, PUBLIC)
    assert answer is not None
    assert set(answer.properties) == {"Mill Lane Depot", "Hilltop Community Centre", "Town Hall"}


def test_other_than_a_vendor(borough_store: RegisterStore) -> None:
    answer = answer_register("Which sites have live systems other than Hikvision?", borough_store, PUBLIC)
    assert answer is not None
    # Sub-brands and the blank make with a Hikvision model number are Hikvision too.
    assert set(answer.properties) == {"Riverside Library", "Southbank Leisure Centre", "Eastmoor Tip"}
    assert any("is not Hikvision" in f for f in answer.filters), answer.filters


def test_whole_property_negation_is_not_guessed(borough_store: RegisterStore) -> None:
    # "No Hikvision" is about whole properties, not rows: the table filter would be wrong.
    guessed = answer_register("Which sites have no Hikvision?", borough_store, PUBLIC)
    # refused for the negation it can't apply to rows (the router then says so for whole properties)
    assert guessed is not None and guessed.refused and not guessed.rows and not guessed.citations, guessed
    assert '"no"' in guessed.text and "turned round" in guessed.text, guessed.text
