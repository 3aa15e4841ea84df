"""``cllr explain``'s reading: links to the register's own values, the typed query, unread words."""

from __future__ import annotations

from knowledge.register import RegisterStore
from knowledge.register.explain import read


def test_a_read_question_shows_its_links_and_query(sample_store: RegisterStore) -> None:
    reading = read("Which libraries in Fernley still have Hikvision?", sample_store)
    kinds = {(link.kind, link.target) for link in reading.links}
    assert ("make", "hikvision") in kinds
    assert any(kind == "area" and target == "Fernley" for kind, target in kinds), kinds
    assert reading.query is not None and reading.query.vendors == ["hikvision"]
    assert reading.unread == [] and reading.refused is None


def test_an_unread_condition_is_reported_not_dropped(sample_store: RegisterStore) -> None:
    reading = read("Which Hikvision sites have PTZ cameras?", sample_store)
    assert reading.query is None
    assert "ptz" in reading.unread and reading.refused == "ptz"


def test_a_make_no_vendor_entry_knows_is_linked_and_never_dropped(sample_store: RegisterStore) -> None:
    reading = read("Which sites have Hikvision cameras and Axis cameras in service at the same time?", sample_store)
    assert ("make", "axis") in {(link.kind, link.target) for link in reading.links}, reading.links
    assert reading.query is None or "axis" in reading.query.vendors, "a make the register holds is read, not cut off"
