"""Claim checks: "X said <claim>. Does the register back that up?" -> the exceptions' query."""

from __future__ import annotations

import re

from knowledge.register.vocab import NEGATION_WORDS

_DENIAL = "|".join(sorted(NEGATION_WORDS))

CHECK = re.compile(r"\b(back (that|this|it) up|exceptions?|(is|was) (that|this|it)( \w+)? (true|right|correct|"
                   r"accurate)|true that|confirm|consistent with)\b")
SAID = re.compile(r"\b(said|says|say|claimed|claims|stated|states|told \w+|assured \w+|"
                  r"statement|promised)( that)?\b|"
                  rf"\bthat\b(?=(?: \w+){{0,2}} (?:{_DENIAL})\b)")
"""A saying word, or a "that" whose clause denies something ("the claim that none of ...")."""
_CONTRACTIONS = {"arent": "are not", "isnt": "is not", "dont": "do not", "doesnt": "does not",
                 "havent": "have not", "hasnt": "has not", "wont": "will not", "cant": "can not",
                 "werent": "were not", "wasnt": "was not"}
_NEGATED = re.compile(rf"\b(?:{_DENIAL})\s+(?:longer\s+|of\s+)?(?:(?:the|our|its|their)\s+)?")
"""The claim's denial, taken out to leave what would contradict it ("none of our X are Y": X are Y)."""
_ASKED = re.compile(r"\| (?:if not |and )?(?:which|where)\b")
"""A later part asking for sites ("which buildings are exceptions?"): the claim's exceptions."""
_ALL_GONE = re.compile(r"\b(all|every)\b(.*?)\b(been |now |already )*(replaced|removed|"
                       r"decommissioned|swapped out)\b")

_WHEN_SAID = re.compile(r"^(?:(?:last|this) (?:year|month|week)|(?:in|on|back in) (?:\w+ )?\d{4}|yesterday|"
                        r"recently|earlier)\s+(?:that\s+)?")
"""When the claim was made ("said last year that ..."): the saying's date, not the claim's."""

_OFF = re.compile(r"\s+(has been |had been |have been |was |were |is |are |been )?(turned off|switched off|"
                  r"disabled)\b")


def _expand(text: str) -> str:
    return " ".join(_CONTRACTIONS.get(word, word) for word in text.split())


def claim_question(text: str) -> str | None:
    """The register question whose matches contradict a quoted claim, or None.

    ``text`` is the cleaned question, its clauses joined by " | " (a claim ends with its clause).
    The claim follows the last saying word before the check ("the statement said ..."). "its
    Hikvision cameras are not networked" becomes
    "which sites its Hikvision cameras are networked still"; "all Hikvision has been
    replaced" becomes "which sites Hikvision still in service".
    """
    first = SAID.search(text)
    # a check word, or a later part asking which sites ("... which buildings contradict it?")
    check = first and (CHECK.search(text, first.end()) or _ASKED.search(text, first.end()))
    if not check:
        return None
    said = next(reversed(list(SAID.finditer(text, 0, check.start()))), None)  # the last one before the check
    if said is None:
        return None
    claim = _expand(_WHEN_SAID.sub("", text[said.end() : check.start()].split(" | ")[0].strip()))
    flipped = _ALL_GONE.sub(lambda m: f"{m[2]} still in service", claim)
    if flipped == claim and _OFF.search(claim):  # "remote access was turned off": where it is still on
        return f"which sites {_OFF.sub(' enabled', claim)} still"
    if flipped == claim:
        flipped = _NEGATED.sub("", claim, count=1)
        if flipped == claim:
            return None
        flipped += " still"
    return f"which sites {flipped}"
