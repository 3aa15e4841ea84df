"""General behaviour on small hand-made registers: values decide when headers are vague."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from knowledge.register import (
    RegisterQuery,
    RegisterRow,
    RegisterStore,
    answer_register,
    load_vendors,
    map_sheet,
    parse_question,
    status_class,
)

from .conftest import PUBLIC

ODD = [
    {"Location": "Kings Road Hostel", "Kit": "Hik Vision Digital Technology", "Part No": "",
     "Qty": "6", "Link": "VPN to HQ", "App": "Hik-Connect", "Fitted": "01/02/2019",
     "State": "Working", "Area": "Central"},
    {"Location": "Park Lane Hostel", "Kit": "Verkada", "Part No": "CD42", "Qty": "2",
     "Link": "none", "App": "no", "Fitted": "3rd March 2021", "State": "Working",
     "Area": "Park"},
    {"Location": "Mill Hostel", "Kit": "", "Part No": "DS-2CD2143G2-IS", "Qty": "4",
     "Link": "Standalone", "App": "None", "Fitted": "June 2015", "State": "Taken out",
     "Area": "Central"},
]


def _store(tmp_path: Path, rows: list[dict[str, str]], sheet: str = "Cameras") -> RegisterStore:
    store = RegisterStore(tmp_path / "r.sqlite")
    store.replace_source("odd.xlsx", [RegisterRow("odd.xlsx", sheet, i + 2, r)
                                      for i, r in enumerate(rows)])
    return store


def test_values_decide_vague_headers() -> None:
    mapping = map_sheet("Cameras", list(ODD[0]), ODD)
    cols = mapping.columns
    assert cols["manufacturer"] == "Kit" and cols["camera_count"] == "Qty"
    assert cols["property"] == "Location" and cols["status"] == "State"
    assert cols["install_date"] == "Fitted" and cols["area"] == "Area"
    assert mapping.system_type == "cctv"


def test_odd_register_answers(tmp_path: Path) -> None:
    store = _store(tmp_path, ODD)
    answer = answer_register("Which hostels still run Hikvision?", store, PUBLIC)
    assert answer is not None and answer.properties == ["Kings Road Hostel"]
    gone = answer_register("Which sites have had Hikvision removed?", store, PUBLIC)
    assert gone is not None and gone.properties == ["Mill Hostel"]
    assert any("blank manufacturer" in n for n in gone.notes)


def test_everyday_area_words_need_clear_intent(tmp_path: Path) -> None:
    store = _store(tmp_path, ODD)
    q = parse_question("which sites in Central still have cameras?", store)
    assert q is not None and q.areas == ["Central"]
    q = parse_question("which sites record centrally and still run hikvision?", store)
    assert q is not None and q.areas == []


def test_status_lexicon() -> None:
    assert status_class("Live") == status_class("Operational") == "active"
    assert status_class("Awaiting replacement") == "scheduled"
    assert status_class("Removed") == "removed" and status_class("Replaced") == "replaced"
    assert status_class("Decommissioned 2023") == "decommissioned"
    assert status_class("not yet replaced") == "active"


def test_vendor_spellings() -> None:
    vendors = load_vendors()
    for text in ("Hik-Vision", "HIKVISION", "hik vision", "Hikvision Digital Technology",
                 "HikVision", "HIK-VISION"):
        hit = vendors.match_make(text)
        assert hit is not None and hit.family == "hikvision" and not hit.sub_brand
    assert vendors.match_make("Axis Communications") is None
    assert vendors.match_make("EZVIZ").sub_brand  # type: ignore[union-attr]
    model = vendors.identify("", "DS-2CD2143G2-I")
    assert model is not None and "DS-2CD2143G2-I is a Hikvision" in model.reason
    assert vendors.identify("Axis", "DS-2CD2143G2-I") is None  # a stated make wins


def test_a_vendor_mark_stands_before_any_of_its_model_prefixes() -> None:
    vendors = load_vendors()
    for model, kind in (("DHI-IPC-HFW2431S", "camera"), ("DHI-SD49225XA", "camera"),
                        ("DH-IPC-HDW3849H", "camera"), ("DHI-NVR4216-16P", "recorder")):
        hit = vendors.identify("", model)
        assert hit is not None and hit.family == "dahua" and f"({kind})" in hit.reason, model
    assert vendors.identify("", "DHI-2CD2143") is None  # the mark alone names no model


def test_claim_check(sample_store: RegisterStore) -> None:
    claim = ("The council said its Hikvision cameras aren't networked. "
             "Does the register back that up - which sites are exceptions?")
    q = parse_question(claim, sample_store)
    assert q is not None and q.network == "networked" and q.vendors == ["hikvision"]


def test_other_make_and_recorder(borough_store: RegisterStore) -> None:
    answer = answer_register("Which sites have Hikvision alongside a different make that is "
                             "also in use?", borough_store, PUBLIC)
    assert answer is not None and answer.properties == ["Riverside Library"]


WORDS = ["which", "how", "many", "sites", "still", "hikvision", "dahua", "in", "Fernley",
         "libraries", "cameras", "replaced", "before", "1 April 2026", "2025/26", "networked",
         "remote", "cloud", "and", "of", "those", "not", "said", "exceptions", "?", "after the ban",
         "no manufacturer", "alongside a different make", "HWRC", "Ashdown", "or", "Dunmere"]


@settings(max_examples=120, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=14), st.lists(st.sampled_from(WORDS), max_size=6))
def test_fuzz_question_like(sample_store: RegisterStore, words: list[str], prior: list[str]) -> None:
    result = parse_question(" ".join(words), sample_store, (" ".join(prior),))
    assert result is None or isinstance(result, RegisterQuery)


SWAPS = [
    {"Building": "Old Town Library", "CCTV Supplier": "Dahua", "Condition": "Live",
     "Swap-out Date": "17/04/2026", "Date Fitted": "03/09/2015"},
    {"Building": "Hilltop Depot", "CCTV Supplier": "", "Condition": "Live",
     "Swap-out Date": "05/09/2029", "Date Fitted": "02/09/2012"},
    {"Building": "Riverside Car Park", "CCTV Supplier": "Axis Communications", "Condition": "Awaiting swap-out",
     "Swap-out Date": "", "Date Fitted": "19/11/2013"},
]


def test_swap_out_dates_and_supplier_headers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from knowledge.register import phrases as P

    monkeypatch.setattr(P, "today", lambda: date(2026, 6, 1))
    mapping = map_sheet("Cameras", list(SWAPS[0]), SWAPS)
    assert mapping.columns["replacement_date"] == "Swap-out Date"
    store = _store(tmp_path, SWAPS)
    due = answer_register("Which sites are due for swap-out this year?", store, PUBLIC)
    assert due is not None and due.properties == ["Old Town Library"], due and due.text
    for asked in ("Which sites have a blank supplier?", "Which sites have nothing in the supplier column?",
                  "Which sites are there where the supplier field has been left empty?"):
        blank = answer_register(asked, store, PUBLIC)
        assert blank is not None and blank.properties == ["Hilltop Depot"], blank and blank.text
    # the column's name and "empty" in clauses apart are no blank make
    dahua = answer_register("Which sites have a Dahua supplier and an empty swap-out date?", store, PUBLIC)
    assert dahua is None or dahua.properties != ["Hilltop Depot"], dahua.text


CAMERAS = [
    {"Camera ID": f"CAM-{n:03d}", "Site": site, "Manufacturer": make, "Position": pos, "Status": "Operational"}
    for n, (site, make, pos) in enumerate([
        ("Castle Street Offices", "Hikvision", "Entrance"), ("Castle Street Offices", "Hikvision", "Yard"),
        ("Castle Street Offices", "Hikvision", "Reception"), ("Elm Road Care Home", "Hikvision", "Car park"),
        ("Kingsmead Library", "Axis", "Entrance")], start=1)
]


def test_a_camera_inventory_counts_rows_as_cameras(tmp_path: Path) -> None:
    # one row per camera and no count column: "8 systems" would be wrong, they are cameras
    store = _store(tmp_path, CAMERAS)
    count = answer_register("How many Hikvision cameras are there?", store, PUBLIC)
    assert count is not None and count.count == 4
    assert count.text.startswith("4 cameras (at 2 properties)"), count.text
    site = answer_register("How many cameras are at Castle Street Offices?", store, PUBLIC)
    assert site is not None and site.text.startswith("Castle Street Offices: 3 cameras match"), site.text
    systems = _store(tmp_path / "s", ODD)  # a system register keeps saying systems
    listed = answer_register("Which hostels still run Hikvision?", systems, PUBLIC)
    assert listed is not None and "(1 system)" in listed.text, listed.text


PLAIN = [
    {"Site": "Town Hall", "Make": "Hikvision", "Cameras": "12", "Networked": "TRUE"},
    {"Site": "Central Library", "Make": "Axis", "Cameras": "8", "Networked": "FALSE"},
    {"Site": "North Pool", "Make": "HIKVISION", "Cameras": "3", "Networked": "FALSE"},
    {"Site": "South Depot", "Make": "Dahua", "Cameras": "10", "Networked": "TRUE"},
]


def test_a_register_with_flags_and_no_status_or_area(tmp_path: Path) -> None:
    store = _store(tmp_path, PLAIN)
    networked = answer_register("Which sites are networked?", store, PUBLIC)
    assert networked is not None and sorted(networked.properties) == ["South Depot", "Town Hall"]
    isolated = answer_register("Which sites are not networked?", store, PUBLIC)
    assert isolated is not None and sorted(isolated.properties) == ["Central Library", "North Pool"]
    hik = answer_register("Which properties still run Hikvision?", store, PUBLIC)
    assert hik is not None and sorted(hik.properties) == ["North Pool", "Town Hall"]
    assert "no status column" in hik.text and "(not recorded)" not in hik.text, hik.text
    # nothing records a status, so "replaced" can't be answered from the register
    assert answer_register("Which sites have been replaced?", store, PUBLIC) is None


def test_someone_elses_cameras_are_not_counted_as_ours(tmp_path: Path) -> None:
    store = _store(tmp_path, PLAIN)
    answer = answer_register("How many cameras does the police force run in the town centre?", store, PUBLIC)
    assert answer is not None and answer.refused and not answer.rows, answer
    assert '"police force"' in answer.text, answer.text
    ours = answer_register("How many cameras does the council have?", store, PUBLIC)
    assert ours is not None and ours.count == 33, ours.text


SWAPS_FY = [
    {"Site Name": "Moor Lane Baths", "Camera Make": "Hikvision", "No. Cameras": "6", "Fitted": "03/2016",
     "State": "Operational", "Planned Swap": "2026-27"},
    {"Site Name": "Quarry Hill Library", "Camera Make": "HIKVISION", "No. Cameras": "4", "Fitted": "2015",
     "State": "Due for swap", "Planned Swap": "26/27"},
    {"Site Name": "Tanners Row Offices", "Camera Make": "Dahua", "No. Cameras": "9", "Fitted": "14/06/2019",
     "State": "Operational", "Planned Swap": "2026/27"},
    {"Site Name": "Wharf Street Depot", "Camera Make": "Hikvision", "No. Cameras": "3", "Fitted": "11/2019",
     "State": "Swapped", "Planned Swap": "2024/25"},
    {"Site Name": "Wharf Street Depot", "Camera Make": "Axis", "No. Cameras": "3", "Fitted": "02/2025",
     "State": "Operational", "Planned Swap": ""},
    {"Site Name": "Old Gasworks Store", "Camera Make": "Dahua", "No. Cameras": "2", "Fitted": "2014",
     "State": "Removed", "Planned Swap": "TBC"},
]


def test_financial_years_month_years_and_swap_wording(tmp_path: Path) -> None:
    mapping = map_sheet("Cameras", list(SWAPS_FY[0]), SWAPS_FY)
    assert mapping.columns["replacement_date"] == "Planned Swap"
    assert mapping.columns["install_date"] == "Fitted"
    store = _store(tmp_path, SWAPS_FY)
    # "2026-27", "26/27" and "2026/27" are one financial year
    due = answer_register("Which sites are down for a camera replacement in 2026/27?", store, PUBLIC)
    assert due is not None and sorted(due.properties) == [
        "Moor Lane Baths", "Quarry Hill Library", "Tanners Row Offices"], due and due.text
    # "03/2016" and "2015" are dates; "11/2019" is after 2018
    old = answer_register("Which Hikvision systems still in service were fitted before 2018?", store, PUBLIC)
    assert old is not None and sorted(old.properties) == ["Moor Lane Baths", "Quarry Hill Library"], old and old.text
    flagged = answer_register("Which sites are flagged as due for a camera swap at the moment?", store, PUBLIC)
    assert flagged is not None and flagged.properties == ["Quarry Hill Library"], flagged and flagged.text
    where = answer_register("Where are we still running Dahua cameras?", store, PUBLIC)
    assert where is not None and where.properties == ["Tanners Row Offices"], where and where.text
    swapped = answer_register("How many camera systems have been swapped out so far?", store, PUBLIC)
    assert swapped is not None and swapped.count == 1 and swapped.count_of == "systems", swapped and swapped.text
    gone = answer_register("Which sites had a camera system taken out without any replacement?", store, PUBLIC)
    assert gone is not None and gone.properties == ["Old Gasworks Store"], gone and gone.text


def test_removed_without_replacement_is_not_a_whole_site_negation() -> None:
    from knowledge.plan.router import NONE_OF

    assert NONE_OF.search("Which sites had cameras taken out without any replacement?") is None
    assert NONE_OF.search("Which sites without a replacement date?") is None  # a blank date cell
    assert NONE_OF.search("Which sites have no replacement date set?") is None
    assert NONE_OF.search("Which sites have no Hikvision?") is not None
    assert NONE_OF.search("Which sites are without Hikvision?") is not None


LINKS = [
    {"Site Name": "Civic Offices", "Camera Make": "Hikvision", "Linked to Network": "Corporate LAN"},
    {"Site Name": "Ring Road Depot", "Camera Make": "Dahua", "Linked to Network": "4G Router"},
    {"Site Name": "Canal Museum", "Camera Make": "Hikvision", "Linked to Network": "Standalone"},
    {"Site Name": "Park Pavilion", "Camera Make": "Axis", "Linked to Network": "Corporate LAN"},
]


def test_the_corporate_network_is_not_any_network(tmp_path: Path) -> None:
    store = _store(tmp_path, LINKS)
    lan = answer_register("Which Hikvision or Dahua sites are on the corporate network?", store, PUBLIC)
    assert lan is not None and lan.properties == ["Civic Offices"], lan and lan.text
    anything = answer_register("Which Hikvision or Dahua sites are networked?", store, PUBLIC)
    assert anything is not None and sorted(anything.properties) == ["Civic Offices", "Ring Road Depot"]


def test_blank_dates_working_kit_and_booked_in(tmp_path: Path) -> None:
    store = _store(tmp_path, SWAPS_FY)
    # "TBC" and an empty cell are no date; the removed Dahua is out of service
    blank = answer_register("Which systems have no replacement date set at all yet?", store, PUBLIC)
    assert blank is not None and blank.properties == ["Wharf Street Depot"], blank and blank.text
    assert "left blank" in blank.text, blank.text
    gone = answer_register("Which Dahua sites have no planned swap date, including removed ones?", store, PUBLIC)
    assert gone is not None and not gone.refused, gone and gone.text
    working = answer_register("How many working Hikvision systems are left?", store, PUBLIC)
    assert working is not None and working.count == 2, working and working.text
    booked = answer_register("Which Hikvision sites have been booked in for replacement?", store, PUBLIC)
    assert booked is not None and booked.properties == ["Quarry Hill Library"], booked and booked.text
    queue = answer_register("How many systems are sitting in the 'due for swap' queue right now?", store, PUBLIC)
    assert queue is not None and queue.count == 1, queue and queue.text
    across = answer_register("How many Dahua cameras are still in use across the estate?", store, PUBLIC)
    assert across is not None and across.count == 9, across and across.text


def test_a_notes_sheet_is_not_rows_and_a_recorder_model_names_the_make(tmp_path: Path) -> None:
    store = RegisterStore(tmp_path / "r.sqlite")
    notes = [{"Camera register": "Status", "": "Live = in use"}, {"Camera register": "Make", "": "as on the card"}]
    kit = [{"Site": "Moor Lane Baths", "Make": "Axis", "Recorder": "Axis S3008", "Status": "Live"},
           {"Site": "Kiln Street Hall", "Make": "", "Recorder": "8ch NVR (DS-7608NI)", "Status": "Live"}]
    store.replace_source("reg.xlsx", [RegisterRow("reg.xlsx", "Read me", i + 1, r) for i, r in enumerate(notes)]
                         + [RegisterRow("reg.xlsx", "Register", i + 2, r) for i, r in enumerate(kit)])
    assert store.row_count() == 2
    hik = answer_register("Which sites run Hikvision?", store, PUBLIC)
    assert hik is not None and hik.properties == ["Kiln Street Hall"], hik and hik.text


ESTATE = [
    {"Premises": "Ropewalk Tower", "Ward": "Marlpit", "Building Use": "Housing - high rise", "Make": "Hikvision",
     "Connectivity": "4G router", "Status": "Operational", "Target Replacement": "2029-01"},
    {"Premises": "Cinder Lane Tower", "Ward": "Marlpit", "Building Use": "Housing - high rise", "Make": "Dahua",
     "Connectivity": "Internet (P2P cloud)", "Status": "Operational", "Target Replacement": "FY26/27"},
    {"Premises": "Harbour Street Car Park", "Ward": "Quayside", "Building Use": "Car park", "Make": "Dahua",
     "Connectivity": "4G", "Status": "Replaced", "Target Replacement": ""},
    {"Premises": "Harbour Street Car Park", "Ward": "Quayside", "Building Use": "Car park", "Make": "Hanwha",
     "Connectivity": "4G", "Status": "Operational", "Target Replacement": "2033"},
    {"Premises": "Old Market Hall", "Ward": "Quayside", "Building Use": "Market", "Make": "Dahua",
     "Connectivity": "Standalone", "Status": "Decommissioned", "Target Replacement": ""},
]


def test_everyday_register_wording(tmp_path: Path) -> None:
    store = _store(tmp_path, ESTATE)
    cellular = answer_register("Which Hikvision or Dahua systems rely on a 4G router for their connection?",
                               store, PUBLIC)
    assert cellular is not None and cellular.properties == ["Ropewalk Tower"], cellular and cellular.text
    # internet-facing is not the same as a 4G link; "networked" is any connection
    internet = answer_register("Which Hikvision or Dahua sites are reachable from the internet?", store, PUBLIC)
    assert internet is not None and internet.properties == ["Cinder Lane Tower"], internet and internet.text
    networked = answer_register("Which Hikvision or Dahua sites are networked?", store, PUBLIC)
    assert networked is not None and sorted(networked.properties) == ["Cinder Lane Tower", "Ropewalk Tower"]
    swapped = answer_register("Where have we got rid of the Dahua cameras and put something else in?",
                              store, PUBLIC)
    assert swapped is not None and swapped.properties == ["Harbour Street Car Park"], swapped and swapped.text
    blocks = answer_register("Which of the council tower blocks still have Dahua cameras?", store, PUBLIC)
    assert blocks is not None and blocks.properties == ["Cinder Lane Tower"], blocks and blocks.text
    renewed = answer_register("Which car parks have had new cameras fitted under the renewal programme?", store,
                              PUBLIC)
    assert renewed is not None and renewed.properties == ["Harbour Street Car Park"], renewed and renewed.text
    assert "Replaced" in renewed.text, renewed.text
    ward = answer_register("Marlpit ward - any sites there still on Hikvision?", store, PUBLIC)
    assert ward is not None and ward.properties == ["Ropewalk Tower"], ward and ward.text
    due = answer_register("Which systems are due for replacement before 2030?", store, PUBLIC)
    assert due is not None and sorted(due.properties) == ["Cinder Lane Tower", "Ropewalk Tower"], due and due.text


def test_august_dates_are_read() -> None:
    from knowledge.register import dates as D

    # "August" holds "st ": stripping ordinals ("1st") must not turn it into "Augu"
    assert D.date_bounds("which sites had hikvision installed after 1 august 2022")[:2] == ("2022-08-02", None)
    assert D.date_bounds("installed since 21st august 2023")[:2] == ("2023-08-21", None)


_HARBOUR_COLUMNS = ("Condition", "Building", "Town", "Use Class", "Supplier/Brand", "Qty Cams", "Net Link",
                    "Commissioned", "Status", "Target Replacement", "Remarks")
HARBOUR = [dict(zip(_HARBOUR_COLUMNS, row, strict=True)) for row in [
    ("Good", "Quay Library", "Portle", "Library", "", "5", "Standalone", "03/2017", "Live", "",
     "Brand blank on import: DS-7608NI NVR + 5 x DS-2CD1043 cams"),
    ("Poor", "Quay Car Park", "Portle", "Car Park", "Dahua", "4", "4G router", "2018-06-01", "Awaiting swap",
     "2025/26", ""),
    ("Fair", "Mill Car Park", "Portle", "Car Park", "Hanwha", "3", "Council LAN", "Aug 2018", "Live", "2025/26", ""),
    ("Good", "Town Hall", "Portle", "Civic Office", "Hanwha Vision", "8", "Council LAN", "2024-02-19", "Live", "",
     "Replaces Dahua"),
    ("", "Town Hall", "Portle", "Civic Office", "Dahua", "8", "Council LAN", "Jul 2017", "Swapped", "",
     "Replaced Feb 2024"),
    ("Poor", "Old Baths", "Portle", "Leisure", "HIKVISION", "2", "Internet", "2016-01-01", "Removed", "",
     "Building closed"),
    ("Good", "Dock Office", "Portle", "Civic Office", "Samsung Wisenet", "2", "Standalone", "2015-05-01", "Live",
     "", ""),
]]
"""Another council's register: its own column names, statuses, makes spelt several ways."""


@pytest.mark.parametrize(("question", "expected"), [
    # a blank make whose notes give a Hikvision model number is Hikvision
    ("Which buildings still have Hikvision kit?", ["Quay Library"]),
    # "waiting to be swapped" is the register's "Awaiting swap", "where's" lists
    ("Where's the Dahua gear that's still waiting to be swapped out?", ["Quay Car Park"]),
    # "down for new cameras in 2025/26": scheduled, by the target year
    ("Which car parks are down for new cameras in 2025/26?", ["Mill Car Park", "Quay Car Park"]),
    # "swapped or just taken out": every out-of-use status
    ("Which sites have got rid of their Hikvision or Dahua cameras - swapped or just taken out?",
     ["Old Baths", "Town Hall"]),
    # one make, several spellings ("Hanwha", "Hanwha Vision"; "Wisenet", "Samsung Wisenet")
    ("Which sites have Hanwha cameras in use?", ["Mill Car Park", "Town Hall"]),
    ("Which buildings use a 4G router for their cameras?", ["Quay Car Park"]),
    ("Which Hikvision or Dahua systems are online - not standalone?", ["Quay Car Park"]),
])
def test_another_councils_wording(tmp_path: Path, question: str, expected: list[str]) -> None:
    store = _store(tmp_path, HARBOUR)
    answer = answer_register(question, store, PUBLIC)
    assert answer is not None and not getattr(answer, "refused", False), question
    assert sorted(answer.properties) == expected, answer.text


@pytest.mark.parametrize(("question", "expected"), [
    ("Which sites run Axis Communications cameras?", ["Ferry Office"]),
    ("Which buildings have Bosch Security Systems kit that is live?", ["Pier Kiosk"]),
])
def test_a_maker_asked_for_by_its_full_name_reads_the_registers_short_one(
        tmp_path: Path, question: str, expected: list[str]) -> None:
    # the register writes "Axis" and "Bosch"; the question the maker's own full name
    extra = [dict(zip(_HARBOUR_COLUMNS, row, strict=True)) for row in [
        ("Good", "Ferry Office", "Portle", "Civic Office", "Axis", "4", "Council LAN", "2021-03-01", "Live", "", ""),
        ("Good", "Pier Kiosk", "Portle", "Kiosk", "Bosch", "1", "Standalone", "2020-05-01", "Live", "", ""),
    ]]
    answer = answer_register(question, _store(tmp_path, [*HARBOUR, *extra]), PUBLIC)
    assert answer is not None and not getattr(answer, "refused", False), answer and answer.text
    assert sorted(answer.properties) == expected, answer.text


def test_swapped_counts_replaced_and_counting_the_ones_due_counts_them(tmp_path: Path) -> None:
    store = _store(tmp_path, HARBOUR)
    swapped = answer_register("How many Hikvision or Dahua systems have been swapped for new kit so far?",
                              store, PUBLIC)
    assert swapped is not None and swapped.count == 1, swapped and swapped.text
    running = answer_register("How many Dahua cameras are still up and running, counting the ones due a swap?",
                              store, PUBLIC)
    assert running is not None and running.count == 4, running and running.text


def test_a_column_cllr_has_no_meaning_for_is_filtered_by_its_values(tmp_path: Path) -> None:
    store = _store(tmp_path, HARBOUR)
    poor = answer_register("Which car parks have cameras in poor nick?", store, PUBLIC)
    assert poor is not None and poor.properties == ["Quay Car Park"], poor and poor.text
    assert 'Condition = "Poor"' in poor.text, poor.text
    good = answer_register("How many systems are in good condition?", store, PUBLIC)
    assert good is not None and good.count == 3, good and good.text
    odd = answer_register("Which car parks have cameras in purple nick?", store, PUBLIC)
    assert odd is None or getattr(odd, "refused", False), "an unknown condition is never dropped"


def test_the_registers_own_marking_is_matched_exactly(tmp_path: Path) -> None:
    # "showing as live" is the Status cell "Live"; "still in service" also keeps "Awaiting swap"
    store = _store(tmp_path, HARBOUR)
    live = answer_register("Which car parks are showing as live?", store, PUBLIC)
    assert live is not None and live.properties == ["Mill Car Park"], live and live.text
    running = answer_register("Which car parks are still in service?", store, PUBLIC)
    assert running is not None and sorted(running.properties) == ["Mill Car Park", "Quay Car Park"]


def test_replaced_in_a_period_not_yet_begun_is_a_plan(sample_store: RegisterStore,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from datetime import date

    from knowledge.register import phrases as P

    monkeypatch.setattr(P, "today", lambda: date(2026, 6, 1))
    q = parse_question("which sites are down to have their cameras replaced in 2028/29?", sample_store)
    assert q is not None and q.status == "in_service" and q.dates[0].field == "replacement_date"
    q = parse_question("which sites had their cameras replaced in 2024?", sample_store)
    assert q is not None and q.status == "replaced"


LOCATIONS = [
    {"Camera_Num": "1000", "Location": "Lawnmarket", "Ward": "City Centre", "Postcode": "EH1 2PH"},
    {"Camera_Num": "1010", "Location": "St Giles Street", "Ward": "City Centre", "Postcode": "EH1 1RQ"},
    {"Camera_Num": "2040", "Location": "Leith Walk North", "Ward": "Leith", "Postcode": "EH6 5AA"},
]


def test_a_register_that_records_no_make_says_so(tmp_path: Path) -> None:
    # a location list: "no rows match" would tell a councillor none are Hikvision
    store = _store(tmp_path, LOCATIONS)
    hik = answer_register("Which of our cameras are Hikvision?", store, PUBLIC)
    assert hik is not None and hik.refused and not hik.rows, hik
    assert "does not record who made" in hik.text and "No rows" not in hik.text, hik.text
    every = answer_register("How many cameras are in Leith?", store, PUBLIC)
    assert every is not None and not every.refused and every.count == 1, every.text


def test_every_row_keeps_the_words_it_did_not_read(tmp_path: Path) -> None:
    # a question the register takes as "every row" reports what it left unread, for routing
    store = _store(tmp_path, LOCATIONS)
    answer = answer_register("does ANPR count as a surveillance camera under the code?", store, PUBLIC)
    assert answer is not None and "anpr" in answer.unread, answer


def test_rows_matched_on_a_date_show_it(tmp_path: Path) -> None:
    answer = answer_register("Which sites had CCTV fitted before 2014?", _store(tmp_path, SWAPS), PUBLIC)
    assert answer is not None and set(answer.properties) == {"Hilltop Depot", "Riverside Car Park"}, \
        answer and answer.text
    # each row with the date it was matched on, in the register's form and as a reader writes it
    assert "Date Fitted: 02/09/2012 (2 September 2012)" in answer.text, answer.text
    assert "Date Fitted: 19/11/2013 (19 November 2013)" in answer.text, answer.text


DEVICES = [
    {"Ref": f"AD-{n:04d}", "Property Name": site, "Make": make, "Item": item, "Scheme ID": scheme, "Status": "Active"}
    for n, (site, make, item, scheme) in enumerate([
        ("Crowdown Museum", "Axis", "Camera", "SYS-102"), ("Crowdown Museum", "Axis", "Camera", "SYS-102"),
        ("Crowdown Museum", "Axis", "NVR", "SYS-102"), ("Crowdown Museum", "Axis", "Camera", "SYS-103"),
        ("Crowdown Museum", "Axis", "NVR", "SYS-103"), ("Foundry Car Park", "Axis", "Camera", "SYS-106"),
        ("Foundry Car Park", "Axis", "DVR", "SYS-106"), ("Larkley Museum", "Hikvision", "Camera", "SYS-100"),
        ("Larkley Museum", "Hikvision", "NVR", "SYS-100"),
    ], start=1)]


def test_an_id_whose_codes_group_one_sites_rows_is_the_system(tmp_path: Path) -> None:
    # a device-level export: "Scheme ID" names no meaning, but each code recurs on rows of one site
    assert map_sheet("Assets", list(DEVICES[0]), DEVICES).columns.get("system_id") == "Scheme ID"
    store = _store(tmp_path, DEVICES, sheet="Assets")
    answer = answer_register("What is the number of Axis systems currently in service?", store, PUBLIC)
    assert answer is not None and answer.count == 3, answer and answer.text
    # codes shared across sites (a contract reference) group nothing
    shared = [{**row, "Scheme ID": "CON-7"} for row in DEVICES]
    assert map_sheet("Assets", list(shared[0]), shared).columns.get("system_id") is None
