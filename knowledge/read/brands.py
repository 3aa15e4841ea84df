"""Vendor names as the documents write them: each restricted vendor's own spellings ("hik") and
its brands ("ezviz", "hilook"), from the vendor knowledge in ``knowledge/vendors.yaml``."""

from __future__ import annotations

import re
from functools import lru_cache

from knowledge.text import stem


@lru_cache(maxsize=1)
def brand_names() -> dict[str, frozenset[str]]:
    """Each restricted vendor's token ("hikvision") and the one-word names of its brands
    ("ezviz", "hilook"): a passage on Ezviz apps is a passage about Hikvision. A country's
    adjective ("chinese") stands for every vendor from there."""
    from knowledge.register.vendors import load_vendors

    out: dict[str, frozenset[str]] = {}
    national: dict[str, set[str]] = {}
    for vendor in load_vendors().vendors:
        names = [*vendor.aliases, *vendor.sub_brands, *(a for al in vendor.sub_brands.values() for a in al)]
        single = {stem(re.sub(r"[^a-z0-9]", "", n.lower())) for n in names if " " not in n.strip()}
        out[stem(vendor.family)] = frozenset(single - {stem(vendor.family)})
        if adjective := _NATIONALITY.get(vendor.country.lower()):
            national.setdefault(stem(adjective), set()).update(single | {stem(vendor.family)})
    return out | {k: frozenset(v) for k, v in national.items()}


@lru_cache(maxsize=1)
def vendor_spellings() -> dict[str, str]:
    """Each one-word spelling of a vendor's own name ("hik") and the vendor's token ("hikvision"):
    a passage on Hikvision answers a question on "hik". Its brands are other names, not spellings."""
    from knowledge.register.vendors import load_vendors

    return {stem(re.sub(r"[^a-z0-9]", "", a.lower())): stem(vendor.family)
            for vendor in load_vendors().vendors for a in vendor.aliases if " " not in a.strip()}


_NATIONALITY = {"china": "chinese", "russia": "russian", "iran": "iranian"}
