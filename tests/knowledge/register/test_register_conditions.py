"""Conditions read from the register's own values: negation, "both", the register named as a
whole, and a value's words not read twice. A small device-level export, written here."""

from __future__ import annotations

import pytest

from knowledge.register import RegisterRow, RegisterStore, answer_register, parse_question

from .conftest import PUBLIC

HEADER = ("Building Name", "Building Type", "Asset Tag", "Device Type", "Brand", "Operating Status", "Remote App",
          "Recording", "Network Segment")
DEVICES = [
    ("Alder House", "Office", "A1", "Camera", "Hikvision", "In service", "Vendor cloud", "Local NVR", "Corporate LAN"),
    ("Alder House", "Office", "A2", "NVR", "Hikvision", "In service", "Vendor cloud", "Local NVR", "Corporate LAN"),
    ("Alder House", "Office", "A3", "Camera", "Axis", "In service", "None", "Local NVR", "Corporate LAN"),
    ("Birch Depot", "Depot", "B1", "Camera", "Hikvision", "Marked for replacement", "None", "Local NVR",
     "Internet (port forward)"),
    ("Birch Depot", "Depot", "B2", "Camera", "Hikvision", "Offline", "None", "Local NVR", "Internet (port forward)"),
    ("Cedar Library", "Library", "C1", "Camera", "Axis", "In service", "None", "Cloud", "4G Router"),
    ("Cedar Library", "Library", "C2", "Camera", "Dahua", "In service", "None", "Cloud", "4G Router"),
    ("Dene Pavilion", "Sports Pavilion", "D1", "Camera", "Dahua", "In service", "Vendor cloud", "Local NVR",
     "Standalone"),
    ("Elm Yard", "Depot", "E1", "Camera", "Hikvision", "Removed", "None", "Local NVR", "Isolated VLAN"),
]


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> RegisterStore:
    store = RegisterStore(tmp_path_factory.mktemp("export") / "r.sqlite")
    rows = [RegisterRow("CAFM_export_security_assets.xlsx", "Export", i + 2, dict(zip(HEADER, d, strict=True)))
            for i, d in enumerate(DEVICES)]
    store.replace_source("CAFM_export_security_assets.xlsx", rows)
    return store


def _names(question: str, store: RegisterStore) -> set[str]:
    answer = answer_register(question, store, PUBLIC)
    assert answer is not None, question
    return set(answer.properties)


def test_a_negated_status_is_ruled_out_not_dropped(export: RegisterStore) -> None:
    q = parse_question("Which buildings have Hikvision still in service that are NOT marked for replacement?", export)
    assert q is not None and q.status == "in_service" and q.exclude_status == ["scheduled"]
    assert _names("Which buildings have Hikvision still in service that are NOT marked for replacement?",
                  export) == {"Alder House"}


def test_a_negated_value_is_ruled_out(export: RegisterStore) -> None:
    q = parse_question("how many hikvision devices still in service? no NVRs", export)
    assert q is not None and q.exclude_column_values == {"Device Type": ["NVR"]}
    assert q.column_values.get("Device Type") is None


def test_no_of_is_a_number_not_a_negation(export: RegisterStore) -> None:
    q = parse_question("total no. of cameras still on hikvision?", export)
    assert q is not None and q.status == "in_service" and q.exclude_status == []


def test_both_makes_at_one_building(export: RegisterStore) -> None:
    assert _names("which buildings have both hikvision and axis kit in service?", export) == {"Alder House"}
    assert _names("which buildings have hikvision or axis kit in service?", export) == {
        "Alder House", "Birch Depot", "Cedar Library"}


def test_a_named_status_cell_beats_a_time_word(export: RegisterStore) -> None:
    q = parse_question("how many cameras are offline right now?", export)
    assert q is not None and q.column_values.get("Operating Status") == ["Offline"] and q.status is None
    assert q.network is None  # "offline" was read as the status cell, not again as "not networked"


def test_a_value_is_not_read_again_for_another_column(export: RegisterStore) -> None:
    q = parse_question("which buildings have cctv running via a vendor cloud?", export)
    assert q is not None and q.column_values.get("Remote App") == ["Vendor cloud"] and q.recording == []
    assert _names("which buildings have cctv running via a vendor cloud?", export) == {
        "Alder House", "Dene Pavilion"}


def test_naming_the_register_counts_every_row(export: RegisterStore) -> None:
    q = parse_question("how many buildings are in the latest CAFM security assets export?", export)
    assert q is not None and q.intent == "count" and q.status is None and q.order_by is None
    answer = answer_register("how many buildings are in the latest CAFM security assets export?", export, PUBLIC)
    assert answer is not None and len(answer.properties) == 5


def test_the_conditions_are_stated_back(export: RegisterStore) -> None:
    answer = answer_register("Which buildings have Hikvision still in service that are NOT marked for replacement?",
                             export, PUBLIC)
    assert answer is not None and "status is not scheduled" in answer.text


def test_a_value_written_another_way_is_linked(export: RegisterStore) -> None:
    q = parse_question("how many live systems r on the corp LAN?", export)
    assert q is not None and q.network == "lan"  # "corp LAN" is the cell "Corporate LAN", read as its class
    q = parse_question("Which sites still have Hikvision reachable via port forwarding?", export)
    assert q is not None and q.network == "internet"
    assert _names("Which sites still have Hikvision reachable via port forwarding?", export) == {"Birch Depot"}
    q = parse_question("which cameras are on a 4G router?", export)
    assert q is not None and q.network == "cellular"


def test_no_longer_in_service_is_not_in_service(export: RegisterStore) -> None:
    q = parse_question("which buildings have hikvision cameras no longer in service?", export)
    assert q is not None and q.status != "in_service" and "in_service" in q.exclude_status
    assert _names("which buildings have hikvision cameras no longer in service?", export) == {
        "Birch Depot", "Elm Yard"}


def test_a_negated_status_after_a_verb_is_read_and_wins(export: RegisterStore) -> None:
    q = parse_question("how many hikvision cameras are no longer in service?", export)
    assert q is not None and q.status != "in_service" and "in_service" in q.exclude_status
    q = parse_question("how many of our hikvision cameras are now not in use any more?", export)
    assert q is not None and q.status != "in_service" and "in_service" in q.exclude_status


def test_a_clause_that_asks_nothing_of_the_register_is_left_to_the_documents(sample_store: RegisterStore) -> None:
    # "and advise whether ..." holds no word the register reads: the register reads the list
    query = parse_question("Could you list the Hikvision systems on which remote viewing is enabled, and advise "
                           "whether this is permitted by the council's IT security policy?", sample_store)
    assert query is not None and query.vendors == ["hikvision"] and query.remote_access is True, query
    joined = parse_question("List the sites using Hikvision and advise whether that is permitted by the policy",
                            sample_store)
    assert joined is not None and joined.vendors == ["hikvision"], joined


def test_sites_asked_by_what_the_register_holds_are_read_from_its_columns(sample_store: RegisterStore) -> None:
    # "while" joins two conditions and "column" is the register's own furniture: the blank
    # manufacturer is read, with the Hikvision model number, not left to the documents
    question = ("Find me the sites whose register rows carry a Hikvision model number while the manufacturer "
                "column is empty.")
    query = parse_question(question, sample_store)
    assert query is not None and query.blank_make and query.vendors == ["hikvision"], query
    answer = answer_register(question, sample_store, PUBLIC)
    assert answer is not None and not answer.refused and answer.rows, answer
    assert all(not str(r.get("manufacturer") or "").strip() for r in answer.rows), answer.rows


def test_a_column_word_outside_a_site_lookup_is_not_taken_as_read(sample_store: RegisterStore) -> None:
    # "network" is read as what a lookup asks of a named site; in a count it is a condition
    count = answer_register("Give me a count of the Dahua systems that have a network printer.",
                            sample_store, PUBLIC)
    assert count is not None and count.refused and "printer" in count.text, count
    # "a network connection" is the cue "network connected" in its noun form: networked
    query = parse_question("Give me a count of the Dahua systems that have a network connection.", sample_store)
    assert query is not None and query.network == "networked", query
    # a negated network class is its opposite, or not read: never the class itself
    for question, network in (("how many dahua systems have no network connection?", "isolated"),
                              ("how many dahua systems arent networked?", "isolated"),
                              ("how many dahua systems are not isolated?", "networked")):
        query = parse_question(question, sample_store)
        assert query is not None and query.network == network, (question, query)
    turned = parse_question("how many dahua systems are not on the corporate lan?", sample_store)
    assert turned is None or turned.network != "lan", turned
    # a negation before a column's name, not a value of it, is no reader's to exclude: said, not dropped
    dropped = answer_register("how many dahua systems have no network?", sample_store, PUBLIC)
    assert dropped is not None and dropped.refused and "no network" in dropped.text, dropped
    lookup = answer_register("what network is Ashdown Library on?", sample_store, PUBLIC)
    assert lookup is not None and not lookup.refused and "Ashdown Library" in lookup.text, lookup


@pytest.mark.parametrize(("question", "turned", "without"), [
    # the negation sits where no phrase reads it: answering would give the flagged rows ("have not
    # been flagged", "aren't flagged" are read: test_register_unread)
    ("Which buildings have Hikvision where replacement isn't something anyone has flagged?", "isnt",
     "Which buildings have Hikvision flagged for replacement?"),
])
def test_a_negation_nothing_reads_is_refused_never_turned_round(
        export: RegisterStore, question: str, turned: str, without: str) -> None:
    answer = answer_register(question, export, PUBLIC)
    assert answer is not None and answer.refused and turned in answer.text and "turned round" in answer.text, \
        answer and answer.text
    assert not answer.rows
    flagged = answer_register(without, export, PUBLIC)  # the same words without the negation are read
    assert flagged is not None and not flagged.refused and flagged.rows, flagged and flagged.text


def test_a_negation_a_phrase_reads_is_answered(export: RegisterStore) -> None:
    answer = answer_register("Which buildings have Hikvision that is no longer in service?", export, PUBLIC)
    assert answer is not None and not answer.refused and answer.rows, answer and answer.text
    assert {r["property"] for r in answer.rows} <= {"Birch Depot", "Elm Yard"}, answer.text


def test_a_claim_is_read_by_its_structure_not_a_cue_word(export: RegisterStore) -> None:
    from knowledge.register.claims import claim_question

    # a "that" clause denying something, then a part asking for sites: the sites that contradict it
    text = ("compare the register with the statement that no hikvision cameras sit on the lan"
            " | which buildings contradict it")
    assert claim_question(text) == "which sites hikvision cameras sit on the lan still"
    assert claim_question("which buildings have no hikvision | which are in depots") is None  # no claim is made
    # the check asked in the past, of "that statement": still a check of the claim before it
    text = ("in october 2024 the council told an foi requester that no hikvision equipment had been installed"
            " | was that statement accurate | if it was not could you identify the buildings concerned")
    assert claim_question(text) == "which sites hikvision equipment had been installed still"
    answer = answer_register("Compare the register with the statement that no Hikvision cameras are on the "
                             "corporate LAN: which buildings contradict it?", export, PUBLIC)
    assert answer is not None and answer.properties == ["Alder House"], answer and answer.text


def test_a_value_word_before_its_columns_name_is_that_value(export: RegisterStore) -> None:
    # "corp network": "corp" begins one value's word only ("Corporate LAN"), and "network" names
    # its column (Network Segment); the cell's class, not any network, is the filter
    q = parse_question("which hikvision buildings are on the corp network?", export)
    assert q is not None and q.network == "lan"
    assert _names("which hikvision buildings are on the corp network?", export) == {"Alder House"}
    q = parse_question("which buildings record to the cloud?", export)  # "buildings" is no value's word
    assert q is not None and not q.column_values.get("Recording") and q.recording == ["cloud"], q
    # a word two values share ("cloud": "Vendor cloud", "Cloud") names neither by its column's name
    q = parse_question("which buildings are on a cloud network?", export)
    assert q is None or q.column_values.get("Network Segment") is None


def test_not_the_same_make_is_a_different_make(export: RegisterStore) -> None:
    q = parse_question("list the buildings whose recorder isn't the same make as its cameras", export)
    assert q is not None and q.recorder_make_differs
    other = parse_question("list the buildings whose recorder is a different make from its cameras", export)
    assert other is not None and q.model_dump() == other.model_dump()
    same = parse_question("list the buildings whose recorder is the same make as its cameras", export)
    assert same is None or not same.recorder_make_differs


def test_an_imperative_find_or_identify_asks_for_a_list(export: RegisterStore) -> None:
    for question in ("Find the buildings with Hikvision on the corporate LAN.",
                     "Please could you identify the buildings with Hikvision on the corporate LAN?"):
        q = parse_question(question, export)
        assert q is not None and q.intent == "list", question
    # "did the audit find ..." asks no list of the register
    assert parse_question("did the audit find hikvision on the corporate LAN?", export) is None


def test_a_frame_before_the_list_asks_nothing_and_a_range_is_one_period(sample_store: RegisterStore) -> None:
    # "for the budget discussion" only says what the list is for; "between April 2025 and March
    # 2026" is one period, never cut at its "and" (the cut dropped the date and listed every system)
    question = ("For the 2025/26 budget discussion, could you list the Hikvision systems whose replacement date "
                "falls between April 2025 and March 2026, and confirm the programme budget available for that year?")
    query = parse_question(question, sample_store)
    assert query is not None and query.vendors == ["hikvision"], query
    assert [(d.field, d.start, d.end) for d in query.dates] == [("replacement_date", "2025-04-01", "2026-04-01")]
    # a cost asked after the cue is still the documents' to answer, not a register filter
    assert parse_question("list the hikvision systems that cost more than the budget allows", sample_store) is None
    # words before the cue that ask a question of their own ("how much ... is there") are no frame
    query = parse_question("How much programme money is there for 2025/26 (April 2025 to March 2026), and which "
                           "Hikvision systems are down to be replaced in that year?", sample_store)
    assert query is not None and [(d.start, d.end) for d in query.dates] == [("2025-04-01", "2026-04-01")], query


def test_down_to_have_them_replaced_is_a_plan_in_a_financial_year(sample_store: RegisterStore) -> None:
    # "to have their cameras replaced" is what is planned, not what was done; "2025-26" is one
    # financial year, not the calendar year 2025 (the hyphen between digits is kept)
    query = parse_question("which sites are down to have their cameras replaced in 2025-26?", sample_store)
    assert query is not None and query.status != "replaced", query
    assert [(d.field, d.start, d.end) for d in query.dates] == [("replacement_date", "2025-04-01", "2026-04-01")]
    done = parse_question("which sites have had their cameras replaced?", sample_store)
    assert done is not None and done.status == "replaced", done
