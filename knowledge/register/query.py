"""``RegisterQuery``: the validated, SQL-free description of a register question."""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

StatusFilter = Literal[
    "in_service", "scheduled", "replaced", "decommissioned", "removed", "disposed",
    "gone", "planned", "faulty", "offline",
]
DateField = Literal["install_date", "replacement_date", "last_maintenance"]
DATE_FIELDS: tuple[str, ...] = get_args(DateField)
"""The date columns a register may map, in one place."""


class DateRange(BaseModel):
    """``start <= field < end`` on one date column (ISO dates; either bound optional)."""

    model_config = ConfigDict(extra="forbid")
    field: DateField
    start: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    end: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    phrase: str = ""
    or_blank: bool = False
    """Rows with no date count too ("not maintained since 2022" includes never recorded)."""


class RegisterQuery(BaseModel):
    """A register question as filters and a count target. Never holds SQL or code."""

    model_config = ConfigDict(extra="forbid")
    intent: Literal["list", "count", "check", "lookup"] = "list"
    """``check``: a yes/no question about named properties; ``lookup``: what/when about them."""
    count_of: Literal["properties", "systems", "cameras"] = "properties"
    vendors: list[str] = Field(default_factory=list, description="vendor families or makes")
    brands: list[str] = Field(default_factory=list, description="only these sub-brands")
    include_sub_brands: bool | None = None
    recorder_vendors: list[str] = Field(default_factory=list)
    status: StatusFilter | None = None
    areas: list[str] = Field(default_factory=list, description="the register's own area values")
    property_types: list[str] = Field(default_factory=list)
    properties: list[str] = Field(default_factory=list)
    name_heads: list[str] = Field(default_factory=list, description="property name ends in")
    system_types: list[str] = Field(default_factory=list)
    network: Literal["networked", "lan", "internet", "cellular", "isolated"] | None = None
    remote_access: bool | None = None
    recording: list[Literal["local", "cloud", "central"]] = Field(default_factory=list)
    dates: list[DateRange] = Field(default_factory=list)
    cameras_min: int | None = Field(default=None, ge=0, description="at least this many cameras")
    cameras_max: int | None = Field(default=None, ge=0, description="at most this many cameras")
    asked: list[str] = Field(default_factory=list, description="register columns a lookup asks for")
    order_by: Literal["install_date", "replacement_date", "last_maintenance", "camera_count"] | None = None
    descending: bool = False
    limit: int | None = Field(default=None, ge=1, le=500, description="the first N by order_by")
    with_other_make: bool = False
    recorder_make_differs: bool = False
    """Within one system, the cameras are of a make its recorder (NVR/DVR) is not."""
    blank_make: bool = False
    blank_dates: list[DateField] = Field(default_factory=list, description="date columns left blank")
    notes_terms: list[str] = Field(default_factory=list, description="words the notes contain")
    column_values: dict[str, list[str]] = Field(
        default_factory=dict, description="other columns' exact values, by header ('Condition': ['Poor'])")
    exclude_column_values: dict[str, list[str]] = Field(
        default_factory=dict, description="other columns' values a question rules out ('no NVRs')")
    exclude_status: list[StatusFilter] = Field(
        default_factory=list, description="status classes ruled out ('not marked for replacement')")
    every_vendor: bool = False
    """A property qualifies only with rows of every named make ("both Hikvision and Axis")."""
    exclude_vendors: list[str] = Field(default_factory=list, description="not these makes")
    exclude_areas: list[str] = Field(default_factory=list, description="not in these areas")
    exclude_property_types: list[str] = Field(default_factory=list)
    exclude_properties: list[str] = Field(default_factory=list)
    read_past: list[str] = Field(
        default_factory=list, description="question words read as saying nothing the rest doesn't ('directly')")

    def merged(self, newer: RegisterQuery) -> RegisterQuery:
        """This (earlier) query narrowed by a follow-up: the follow-up's set fields win."""
        data = self.model_dump()
        for name, value in newer.model_dump(exclude_unset=True).items():
            if value not in (None, [], False, {}) or name in ("intent", "count_of"):
                data[name] = value
        return RegisterQuery.model_validate(data)
