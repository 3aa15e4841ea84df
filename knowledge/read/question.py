"""What a question asks for: its key terms, the specific names in it and the answer type."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from knowledge.text import STOPWORDS, stem, tokens, words

AnswerType = Literal["date", "duration", "money", "number", "action", "rule", "reason", "other"]

GENERIC = frozenset(
    tokens(
        "what which who whom when where why how many much long council councils say said tell "
        "told we our us do does did know there any is are was were get got give list show "
        "about regarding current currently now today need needs needed put putting want wanted "
        "make made get getting go going take give come have let able like see run running done doing "
        "being happen happening happened look looks looking"
    )
)
"""Words every question uses; they never make a passage relevant."""

ASKED_FOR: dict[str, frozenset[str]] = {
    "date": frozenset(tokens("date dates day")), "duration": frozenset(tokens("period length time")),
    "money": frozenset(tokens("amount sum figure money")),
    "reason": frozenset(tokens("reason reasons concern concerns objection objections worries")),
}
"""Words that name the kind of fact asked for; the answer gives the fact, not the word."""

_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_DATE = re.compile(
    r"\b(\d{1,2}(st|nd|rd|th)?\s+(%s)|(%s)\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4}|"
    r"(in|by|since|during|from|until|of|end of) (19|20)\d\d\b)"
    % ("|".join(m[:3] + r"[a-z]*" for m in _MONTHS), "|".join(m[:3] + r"[a-z]*" for m in _MONTHS)),
    re.I,
)
_DURATION = re.compile(
    r"\b(\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve|thirty[- ]one)"
    r"[- ](day|week|month|year|hour)s?\b",
    re.I,
)
_MONEY = re.compile(r"£\s?\d|\d\s?(k|m|million|bn)\b|\bpounds\b", re.I)
_NUMBER = re.compile(r"\b\d+\b|\b(one|two|three|four|five|six|seven|eight|nine|ten)\b", re.I)
_ACTION = re.compile(
    r"\b(has|have) (been |now )?(open|start|launch|commission|book|schedul|plan|ask|instruct|agree|"
    r"approv|restrict|replac|remov|refer|appoint|begun|taken|made|put)\w*|\bwill (be )?\w+|"
    r"\b(is|are) (being |now )?(investigat|review|seek|replac|remov|consider|prepar|work)\w*|"
    r"\b(is|are) (booked|scheduled|planned)\b|\binvestigation\b|"
    r"^(\d+\.\s*)?that (the )?\w+(\s\w+)? (complete|carry out|provide|report|review|update|prepare|bring|"
    r"publish|replace|remove|deliver|finish|contact|write|check)\b", re.I)
"""Sentences that report something being done: opened, booked, will, is seeking."""
_RULE = re.compile(
    r"\b(must|may|shall|should|required|requires?|permitted|permits?|prohibited|banned|allowed|forbidden|"
    r"approv(al|ed)|exception)\b", re.I)
"""Sentences that state a rule: must, may, permitted, banned, only with approval."""
_REASON = re.compile(
    r"\b(because|due to(?! be)|as a result|owing to|following|so that|in order to|reasons?|caused|led to|"
    r"given that|in light of|concerns?|problems?|objections?)\b", re.I)
"""Sentences that give a reason."""
SPECIFIC = re.compile(
    r"\b\d{4}/\d{2,4}\b|\b\d{4}\b|\b[A-Za-z]+(?:-[A-Za-z]+)+\b|\b[A-Z]{2,}s?\b"
    r"|(?<![.?!]\s)(?<!^)\b[A-Z][a-z]+(?:[A-Z][a-z]*)*(?:\s+[A-Z][a-z]+(?:[A-Z][a-z]*)*)*"
)
"""Years, codes, hyphenated compounds, acronyms and capitalised names ("HiLook", "Town Hall")."""

ALIASES = [
    (re.compile(r"\blib ?dems?\b", re.I), "Liberal Democrats"),
    (re.compile(r"\btor(y|ies)\b", re.I), "Conservatives"),
    (re.compile(r"\bsign(s|ed|ing)? off( on)?\b|\bok(ay)?(s|'s|ed)?(?= (it|this|that|the|a|an)\b)", re.I), "approves"),
    (re.compile(r"\b(hang|hold)(s|ing)? on to\b", re.I), "keep"),
    (re.compile(r"\b(watch|view|look at|check)(ing)? (the )?(cameras?|footage|cctv) from home\b", re.I),
     "view cameras remotely"),
]
"""Everyday short forms councillors use for what documents spell out ("who signs off ...", "who's
got to okay it": the papers say who approves; "hang on to" footage is keeping it)."""


_SHORT_YEAR = re.compile(r"\b(\d{2})/(\d{2})\b")
"""A financial year in short ("27/28"), which council papers write in full ("2027/28")."""


def expand(question: str) -> str:
    """The question with everyday short forms ("Lib Dems") spelt out as documents write them,
    and a short financial year ("budget for 27/28") written as the papers
    write it ("2027/28"), so it is a period the answer must give, not two stray numbers."""
    for pattern, full in ALIASES:
        question = pattern.sub(full, question)
    return _SHORT_YEAR.sub(lambda m: f"20{m[1]}/{m[2]}" if (int(m[1]) + 1) % 100 == int(m[2]) else m[0], question)


@dataclass
class QuestionInfo:
    text: str
    terms: list[str] = field(default_factory=list)
    specific: list[list[str]] = field(default_factory=list)
    answer_type: AnswerType = "other"
    counted: str | None = None
    """For "how many X": the stem of X, which the answer's number must quantify."""
    wants_statement: bool = False
    """"What did the council say/tell/announce": statements are the natural source."""
    wants_guidance: bool = False
    """"Is that allowed under our policy": guidance is the natural source."""
    focus: list[str] = field(default_factory=list)
    """Terms of the part of a mixed question the documents must answer (weighted double)."""
    entities: tuple[str, ...] = ()
    """Register properties a mixed question is about: passages naming them are on point."""
    avoid: tuple[str, ...] = ()
    """Other register properties: a sentence naming them would answer about the wrong sites."""
    council_voice: bool = False
    """"What did the council say": a political group's statement is not the answer."""
    outcome: bool = False
    """"What did the committee recommend/decide/agree": the resolution is the answer."""
    asks_request: bool = False
    """"What did the opposition ask for/want": their own questions state it."""
    attribute: str | None = None
    """The fact asked about a named thing ("Sunita Barraclough's salary" -> "salary")."""
    period: tuple[str, str] | None = None
    """ISO dates bounding "in November 2022" / "back in March 2024": primary sources come
    from then (or shortly after)."""
    names: list[str] = field(default_factory=list)
    """Terms the corpus writes as names ("darlington" in a lower-case question): the cited
    passage, or its document's title or opening, must hold each (see ``knowledge.read.evidence``)."""
    premise: list[str] = field(default_factory=list)
    """Terms only of a clause the question takes as given ("When the leader announced the
    review, when did she say ..."): context, weighed less than what is asked."""


IDIOMS = re.compile(r"\b(in the first place|at the end of the day|to be honest|as it happens|by the way|"
                    r"at all|so far|as (?:of|at) now|for that matter|in a nutshell|these days|straight away|"
                    r"right away|in the end|at the moment|just now|to date)\b", re.I)
"""Everyday phrases whose words are not part of what is asked."""


def analyse(question: str, focus: str | None = None) -> QuestionInfo:
    kind = answer_type(question)
    asked_for = ASKED_FOR.get(kind, frozenset())  # "what date": the answer is a date, not the word
    plain = IDIOMS.sub(" ", question)  # "in the first place" asks for nothing about places
    terms = [t for t in tokens(plain) if t not in GENERIC and t not in asked_for]
    return QuestionInfo(
        text=question,
        terms=list(dict.fromkeys(terms)),
        specific=_specific_terms(question),
        answer_type=kind,
        counted=counted_in(question),
        wants_statement=bool(re.search(
            r"\b(council|we|cabinet|leader|administration|authority|councillors?)\b.{0,25}"
            r"\b(say|said|tell|told|announce[ds]?|state[ds]?|promise[ds]?|claim(ed)?|respond(ed)?)\b",
            question, re.I)),
        wants_guidance=bool(re.search(
            r"\b(polic(y|ies)|guidance|rules?|allowed|permitted|code of practice|procedure)\b", question, re.I)),
        focus=[t for t in tokens(focus) if t not in GENERIC] if focus else [],
        period=_period(question),
        outcome=bool(OUTCOME_ASKED.search(question)),
        council_voice=bool(re.search(
            r"\b(the council|we|the authority|the administration|cabinet|the leader)\b.{0,25}"
            r"\b(say|said|tell|told|announce[ds]?|state[ds]?|promise[ds]?|claim(ed)?|respond(ed)?)\b"
            r"|\bwhy (is|isn't|are|aren't|does|doesn't|did|didn't|has|hasn't|will|won't) (the council|we|"
            r"the authority|the administration|cabinet)\b",  # "why isn't the council ...": its own reasons
            question, re.I)),
        asks_request=bool(REQUEST_ASKED.search(question)),
        attribute=_attribute(question),
        premise=_premise_terms(plain, terms),
    )


_ATTRIBUTE = re.compile(
    r"\b(?:what|how much|how many)\W?(?:s|is|was|are|were)? (?:the |our |their |his |her )?"
    r"((?:[\w-]+ ){0,3}?[\w-]+'s )([a-z]+)\b(?! (?:of|for|about|on)\b)", re.I)
_DISCOURSE = frozenset(tokens(
    "stance view views position approach response line thinking plan plans opinion answer reply reaction "
    "take policy latest situation status update news story problem issue point reason outcome result"))
"""Nouns that ask what was said or decided, not a recorded fact: any passage may answer them."""


_ASKED_THING = re.compile(r"^\s*(?:(?:what|which)(?:'?s|’s|\s+is|\s+are|\s+was|\s+were)|tell\s+me|give\s+me)"
                          r"\s+(?:the\s+|a\s+|an\s+)?"
                          r"(?:[a-z-]+\s+)?([a-z]{2,})\s+(?:for|of|on|to|that|in|under|when|if)\b", re.I)


def asked_thing(question: str) -> str | None:
    """The thing a question asks for by name ("what's the maximum fine for ...?" -> "fine"): an
    answer's passage must speak of it, not only of the rest of the question. Words naming the
    kind of fact ("period", "date") or what was said ("position") are no such thing."""
    match = _ASKED_THING.search(question)
    if not match or match.group(1).lower() in STOPWORDS:
        return None
    token = stem(match.group(1).lower())
    kinds = {t for words in ASKED_FOR.values() for t in words}
    return None if token in GENERIC or token in _DISCOURSE or token in kinds else token


def _attribute(question: str) -> str | None:
    """The asked-for fact of a named person or thing: "What is Jo Bloggs's salary?" -> "salary"."""
    match = _ATTRIBUTE.search(question.replace("’", "'"))
    if not match:
        return None
    word = match.group(2).lower()
    return None if stem(word) in _DISCOURSE or stem(word) in GENERIC or word in STOPWORDS else word


OUTCOME_ASKED = re.compile(
    r"\b(recommend(ed|ation|ations|s)?|decide[ds]?|decision|resolve[ds]?|agree[ds]?|conclude[ds]?|"
    r"conclusions?|approve[ds]?|vote[ds]?)\b", re.I)
REQUEST_ASKED = re.compile(
    r"\b(want(ed|ing|s)?|ask(s|ed|ing)? for|ask(s|ed|ing)? (the|our) (council|cabinet|administration) to|"
    r"request(ed|ing|s)?|demand(ed|ing|s)?|seek(ing)?|sought|"
    r"call(ed|ing)? (for|on)|push(ed|ing)? for|urg(e|ed|ing))\b", re.I)
REQUEST_TEXT = re.compile(
    r"\b(call(s|ed|ing)? (on|for|upon)|ask(s|ed|ing)? (for|the council|that)|urg(e|es|ed|ing)|"
    r"demand(s|ed|ing)?|want(s|ed)? (the council|to see|a|an)|request(s|ed|ing)? (that|a|an)|"
    r"is asking for|are asking for|seek(s|ing)?|should)\b", re.I)
"""Sentences that make a request: "we are calling on the administration to:", "we urge"."""


def _period(question: str) -> tuple[str, str] | None:
    match = re.search(r"\b(%s)[a-z]*\s+(\d{4})\b" % "|".join(m[:3] for m in _MONTHS), question, re.I)
    if not match:
        return None
    month = [m[:3] for m in _MONTHS].index(match.group(1).lower()[:3]) + 1
    year = int(match.group(2))
    end_month, end_year = (month + 2) % 12 + 1, year + (month + 2) // 12
    return f"{year:04d}-{month:02d}-01", f"{end_year:04d}-{end_month:02d}-01"


PREMISE = re.compile(r"^\s*(?:when|now that|given that|seeing as|since|after|following|as)\s+([^,?;]+),\s*(?=\w)"
                     r"|\b(?:now that|given that|seeing as)\s+([^,?;]+)", re.I)
"""A clause the question takes as given: "When the leader announced the review, ...", "now that X's gone"."""


def _premise_terms(question: str, terms: list[str]) -> list[str]:
    given = {t for m in PREMISE.finditer(question) for t in tokens(m.group(1) or m.group(2) or "")}
    rest = set(tokens(PREMISE.sub(" ", question)))
    return [t for t in dict.fromkeys(terms) if t in given and t not in rest]


_MONEY_NOUNS = frozenset(tokens("money cash funding fund capital budget spend spending cost revenue income saving"))


def _much_of_a_thing(question: str) -> bool:
    """"How much footage is kept" asks an amount of a thing, not of money."""
    noun = re.search(r"\bhow much ([a-z]{3,})\b", question)
    return noun is not None and noun.group(1) not in STOPWORDS and stem(noun.group(1)) not in _MONEY_NOUNS \
        and noun.group(1) not in GENERIC_VERBS


GENERIC_VERBS = frozenset("will would can could should is are was were does did do has have had".split())


NAMED_KINDS: dict[AnswerType, str] = {"duration": "period length", "date": "date", "money": "amount sum",
                                      "number": "count total"}
"""Nouns that name the kind of fact a question asks for ("the retention period", "the system count")."""
_NAMED_KIND = re.compile(r"\b(?:the|what|which|whats)\s+(?:[\w'-]+\s+){0,3}?(%s)\b"
                         % "|".join(w for words in NAMED_KINDS.values() for w in words.split()))


def answer_type(question: str) -> AnswerType:
    """The kind of fact a question (or one part of it) asks for."""
    q = question.lower()
    if re.search(r"\bhow long\b|\bhow often\b|\blength of time\b|"
                 r"\b(expected|design|service|useful|working) li(fe|ves)\b|\blifespans?\b", q):
        return "duration"
    if (re.search(r"\bhow much\b", q) and not _much_of_a_thing(q)) or re.search(r"\bbudget\b|"
                 r"\bcost(s|ing)?\b|\bprice\b|\bpaid\b|\bpay\b|\bcharge\b|\bquote[ds]?\b", q):
        return "money"
    if re.search(r"\bwhat date\b|\bwhich date\b|\bwhat year\b|\bsince when\b|"
                 r"\bwhen (exactly |precisely |roughly )?(did|was|were|had|has)\b|"
                 r"\bwhen (is|are|will) .{0,60}\b(expected|due|planned|scheduled|finished|completed|done|"
                 r"finish|complete|end|start|begin)\b", q):
        return "date"
    if re.search(r"\bhow many\b|\bnumber of\b", q):
        return "number"
    if re.search(r"\bwhat(\W?s| is| are| was| were| has| have)( being| been)? (done|happening)\b|"
                 r"\bwhat (action|actions|steps)\b|\bwhat (is|are|will) .{0,40}\bdoing\b", q):
        return "action"
    if re.search(r"^\s*why\b|\bwhat (was|were|is|are) the reasons?\b|\bfor what reason\b|"
                 r"\bwhat (was|were|is|are) .{0,40}\b(concerns?|objections?|worries|problems with)\b", q):
        return "reason"
    if re.search(r"^\s*(can|could|may|must|should)\b(?!\s+you\b)|"  # "could you set out ...": a request
                 r"\b(allowed|permitted|prohibited|banned|forbidden)\b", q):
        return "rule"
    named = _NAMED_KIND.search(q)  # "tell me the retention period": the noun asked for names the kind
    return next(k for k, words in NAMED_KINDS.items() if named[1] in words.split()) if named else "other"


def _specific_terms(question: str) -> list[list[str]]:
    """Names, identifiers, years and compounds: an answer must mention every one."""
    out: list[list[str]] = []
    for match in SPECIFIC.finditer(question.strip()):
        phrase = match.group(0)
        if _PHRASAL.search(phrase):
            continue  # "set-up", "swap-out": an everyday noun, not a name
        toks = [stem(w) for w in words(phrase) if w not in STOPWORDS]
        toks = [t for t in toks if t not in GENERIC]
        if toks and toks not in out:
            out.append(toks)
    return out


_PHRASAL = re.compile(r"^[a-z]+-(up|out|in|on|off|over|down|back|away|by)$")


_COUNTED = re.compile(r"\b(?:how many|number of)\s+(?:[A-Za-z-]+\s+){0,2}?([a-z]+s)\b", re.I)


def counted_in(question: str) -> str | None:
    """The stem of what "how many X" counts ("how many cameras did it start with": camera)."""
    found = _COUNTED.search(question)
    return stem(found.group(1)) if found else None


def quantifies(text: str, counted: str | None) -> bool:
    """Does a number in ``text`` count the thing asked about ("57 Hikvision systems")?"""
    if counted is None:
        return True
    for match in re.finditer(r"\b(\d[\d,]*|%s)\b((?:\s+[\w'-]+){0,4})" % "|".join(_NUMBER_WORDS), text, re.I):
        if re.fullmatch(r"(19|20)\d\d", match.group(1)):
            continue
        if any(w == counted or (len(counted) >= 3 and w.startswith(counted))
               for w in (stem(x) for x in words(match.group(2)))):  # "cams": "cameras"
            return True
    return False


_NUMBER_WORDS = "one two three four five six seven eight nine ten eleven twelve".split()


def gives(text: str, info: QuestionInfo) -> bool:
    """Does ``text`` give the kind of fact asked for ("why not ...?": what it would cost)?"""
    return has_type(text, info.answer_type)


def has_type(text: str, answer_type: AnswerType) -> bool:
    """Does ``text`` give the kind of fact asked for? Any text gives "other"."""
    kind = {"date": _DATE, "duration": _DURATION, "money": _MONEY, "number": _NUMBER, "action": _ACTION,
            "rule": _RULE, "reason": _REASON}.get(answer_type)
    return kind is None or bool(kind.search(text))


_CONNECTORS = frozenset({"of", "and", "for", "the", "on", "in", "to", "&"})


def spelt_out(text: str, acronyms: list[str]) -> set[str]:
    """The acronyms ("foi", "dpia") that ``text`` spells out in capitalised words ("Freedom of
    Information", "Data Protection Impact Assessment"), with or without the small words."""
    words = re.findall(r"[A-Za-z]+|&", text)
    found: set[str] = set()
    for acronym in acronyms:
        for start in range(len(words)):
            if not words[start][0].isupper():
                continue
            full = short = ""
            for word in words[start:start + 2 * len(acronym)]:
                small = word.lower() in _CONNECTORS
                if not small and not word[0].isupper():
                    break
                full += word[0].lower()
                short += "" if small else word[0].lower()
                if acronym in (full, short) and not small:
                    found.add(acronym)
                    break
            if acronym in found:
                break
    return found


def acronyms(question: str) -> list[str]:
    """The acronyms a question uses ("FOI", "DPIAs")."""
    return list(dict.fromkeys(m.group(1).lower() for m in re.finditer(r"\b([A-Z]{2,6})s?\b", question)))


LIST_ASKED = re.compile(r"^\s*(which|list|name|what (are|were|did|do|does|have|has))\b", re.I)


def wants_list(info: QuestionInfo) -> bool:
    """"Which brands are banned?", "what did they demand?": every item of a list answers."""
    return bool(LIST_ASKED.search(info.text)) or info.asks_request or info.outcome
