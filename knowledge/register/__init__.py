"""The asset-register engine: a SQLite table of register rows and exact list/count answers."""

from knowledge.register.answer import RegisterAnswer, answer_register, compose
from knowledge.register.columns import MEANINGS, SheetMapping, map_sheet, system_type
from knowledge.register.llm import parse_with_llm
from knowledge.register.parse import is_register_question, parse_question
from knowledge.register.query import DateRange, RegisterQuery
from knowledge.register.rows import RegisterRow
from knowledge.register.run import RegisterResult, run_query
from knowledge.register.status import status_class
from knowledge.register.store import RegisterStore
from knowledge.register.vendors import VendorCatalogue, VendorMatch, load_vendors

__all__ = [
    "MEANINGS",
    "DateRange",
    "RegisterAnswer",
    "RegisterQuery",
    "RegisterResult",
    "RegisterRow",
    "RegisterStore",
    "SheetMapping",
    "VendorCatalogue",
    "VendorMatch",
    "answer_register",
    "compose",
    "is_register_question",
    "load_vendors",
    "map_sheet",
    "parse_question",
    "parse_with_llm",
    "run_query",
    "status_class",
    "system_type",
]
