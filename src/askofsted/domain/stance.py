"""How inspectors praise and criticise, and how questions ask for one or the other.

"What were the main criticisms of Surrey's board?" wants the paragraphs where
inspectors find fault, not the ones where they praise the chair; "what did they
like about Hampshire's care leavers' service?" the reverse. Reports say both in a
small, steady vocabulary: the evaluation schedule's grade words, and the way a
finding is put ("not always", "too many", "delays", "lack" against "strong",
"effective", "well supported"). Each stance: how questions ask for it, how
report sentences say it, and examples of our own for both (`tests/test_domain.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Stance:
    key: str
    asked: str  # how questions ask for it (regular expression)
    said: str  # how a report's sentence says it (regular expression)
    question_examples: tuple[str, ...]
    sentence_examples: tuple[str, ...]
    not_sentence_examples: tuple[str, ...] = ()
    not_question_examples: tuple[str, ...] = ()


STANCES = (
    Stance(
        "critical",
        r"\bcritici[sz]\w*|(?<!own\s)\bweak(?:ness|nesses|\s+(?:points?|spots?|areas?))\b|\bfailings\b|\bshortcomings?\b|"
        r"\bshortfalls?\b|\bflaws?\b|\bfaults?\b|\b(?:went|gone|got|get|gets|getting)\s+wrong\b|\bgo(?:es|ing)?\s+wrong\b|\bwrong\s+with\b|"
        r"\bproblems?\s+(?:did|do|were|are|have|has|had)\b|\b(?:find|found|identif(?:y|ied)|spot(?:ted)?)\s+(?:any\s+)?problems?\b|"
        r"\b(?:main|key|biggest|big|major|any|the|common|typical|usual|recurring)\s+problems?\b|"
        r"\bconcerns?\s+(?:did|do|were|are|have|has|had)\s+(?:ofsted|inspectors?|they|the\s+inspect\w+)\b|"
        r"\b(?:raised?|raising|flagged|main|key|biggest|major|serious)\s+concerns?\b|"
        r"\bpick(?:ed|s)?\s+holes\b|\bnegatives?\b|\bbad\s+(?:points|things|bits)\b|\bfall(?:s|ing)?\s+short\b|"
        r"\bnot\s+(?:working|good\s+enough)\b|\bwhat\s+(?:is|was|are|were)\s+(?:bad|poor|wrong)\b",
        # A finding that something falls short: the schedule's words for it, and how
        # reports put a shortfall ("not always", "too few", "delays", "lack of").
        r"\bnot\s+(?:always|consistently|yet|sufficiently|routinely|effectively|fully|well|robust\w*|timely|"
        r"good\s+enough|clear\w*|adequate\w*|reliabl\w*|strong\s+enough)\b|"
        r"\b(?:does|do|did|have|has|had|is|are|was|were|can|could)\s*(?:n['’]t|\s+not)\b|\bcannot\b|"
        r"\btoo\s+(?:many|few|much|little|long|slow\w*|late|often|variable|high|low|soon|narrow|reliant)\b|"
        r"\binsufficient\w*|\binconsisten\w*|\bineffective\w*|\bweak(?:ness\w*|er|ly)?\b|\bpoor(?:ly)?\b|"
        r"\blacks?\b|\black(?:ing|ed)\b|\bdelay\w*|\bdrift\w*|\bshortfalls?\b|\bdeficienc\w*|\bdeficits?\b|"
        r"\bfail(?:s|ed|ing|ure|ures)?\b|\binadequate\w*|\bvariab(?:le|ility)\b|\bgaps?\b|\bdeteriorat\w*|"
        r"\bunclear\b|\bunsafe\b|\bunderdeveloped\b|\blimited\b|\bslow\s+to\b|\bless\s+(?:effective|well|good)\b|"
        r"\bshortages?\b|\bcould\s+be\s+(?:improved|strengthened|better|clearer)\b|"
        r"\btoo\s+(?:descriptive|generic|general|broad|vague|complex|complicated|narrow)\b|\(recommendation\)|"
        r"\brequires?\s+improvement\b|\bneeds?\s+to\s+improve\b|\bareas?\s+(?:for|of)\s+(?:improvement|development)\b|\bno\s+(?:clear|evidence|plan|effective)\b|"
        r"\bserious\s+concerns?\b|\bconcerns?\s+(?:about|remain)\s+(?:the\s+)?(?:quality|capacity|practice|leadership)\b",
        ("What were the main criticisms of the board?", "what went wrong in Doncaster", "what do councils get wrong about the front door",
         "what concerns did Ofsted raise about the front door", "what problems did inspectors find with care leavers",
         "where do councils fall short on pre-birth work", "any weaknesses in their fostering service?",
         "What are common problems with child protection plans?"),
        ("Too many children experience delays in permanence.", "Management oversight is not always evident.",
         "The quality of plans is inconsistent.", "There is a lack of suitable placements.",
         "Return home interviews are not offered to all children.",
         "The annual report is too descriptive. It could be improved by greater analysis (Recommendation).",
         "Some children live out of area due to a shortage of local foster carers."),
        ("Children are seen promptly and their views are recorded well.",
         "Care leavers benefit from strong relationships with their personal advisers."),
        ("children with drug problems", "how do councils respond to concerns about a child",
         "did Kingston's leaders know their own weaknesses?",
         "the weakest councils in the North West", "Is Croydon still failing?",
         "Thurrock has had problems with county lines. What did the inspection say?"),
    ),
    Stance(
        "praise",
        r"\bprais\w*|\bcommend\w*|\bstrengths?\b|\bstrong\s+points\b|\bgood\s+(?:points|things|bits|news|practice)\b|"
        r"\bpositives?\b|\bwent\s+well\b|\bwhat(?:['’]s|\s+(?:is|was|are|were))\s+(?:working|going)\s+well\b|"
        r"\bwhat\s+(?:did|does|do)\s+[\w'’ -]{1,40}?\s+do\s+well\b|"
        r"\bimpress(?:ed|ive)?\b|\b(?:like|liked|likes)\s+about\b|\bbest\s+(?:bits|things)\b|\bproud\s+of\b|"
        r"\bwhat\s+(?:is|was|are|were)\s+(?:good|great|strong)\b|\bwhat\s+(?:is|are|was|were)\s+[\w'’ -]{1,40}?\s+good\s+at\b|"
        r"\bwhat\s+makes\b[^?]{0,60}?\b(?:good|outstanding|strong|effective|excellent)\b"
        r"(?!\s+(?:or|and)\s+(?:poor|bad|weak|inadequate|not|what))",
        r"\bstrong(?:ly)?\b|\bstrengths?\b|(?<!in)effective(?:ly)?\b|\b(?:very\s+|highly\s+)?well[\s-]+(?!as\b|being\b)\w+|"
        r"\bgood\b|\bexcellent\b|\boutstanding\b|\bexceptional\w*|\bimpressive\w*|\bhigh[\s-]+quality\b|"
        r"\bhighly\b|\bthorough\w*|\btimely\b|\bpromptly\b|\bskil\w*|\bcreative\w*|\binnovative\b|"
        r"\bbenefits?\s+from\b|\brobust\b|\bcomprehensive\b|\btenacious\w*|\bpositive\w*|\bsensitive\w*|"
        r"\bcommitted\b|\bimproved\b|\bstable\b|\bresponsive\b",
        ("What did inspectors praise in Stockport?", "what are Wigan's strengths", "what did they like about "
         "Hampshire's care leavers service", "what is good about Leeds' front door", "what impressed inspectors",
         "what did Leeds do well?", "what's working well in Kent",
         "what makes inspectors say a council is good at keeping brothers and sisters together?"),
        ("Care leavers benefit from strong relationships with their personal advisers.",
         "Assessments are thorough and timely.", "Children are well supported by skilled social workers."),
        ("Plans are not always reviewed.",),
        ("is Leeds any good", "how good is the adoption service", "was the LADO role working well?",
         "Is Swindon good at finding adopters?",
         "is Kent doing well?", "what makes supervision of social workers good or poor according to Ofsted?"),
    ),
)


@lru_cache(maxsize=None)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


def stance(key: str) -> Stance:
    return next(s for s in STANCES if s.key == key)


def asked_stance(question: str) -> tuple[str | None, list[tuple[int, int]]]:
    """(The stance a question asks for, or None where it asks for neither or both ('what do
    inspectors praise, and what do they pick holes in?'), and the spans of its words for it.)"""
    found = {s.key: [m.span() for m in _compiled(s.asked).finditer(question)] for s in STANCES}
    asked = [key for key, spans in found.items() if spans]
    spans = [span for key in asked for span in found[key]]
    return (asked[0] if len(asked) == 1 else None), spans


_SENTENCE = re.compile(r"(?<=[.;!?])\s+")


def _says(key: str, sentence: str) -> bool:
    critical = _compiled(stance("critical").said).search(sentence) is not None
    if key == "critical":
        return critical
    return not critical and _compiled(stance("praise").said).search(sentence) is not None


def speaks(key: str, text: str) -> bool:
    """Whether a paragraph says what a question of this stance asks for. Reports praise at
    length and criticise in a clause ('Most letters are clear. However, some lack clarity
    and are too long'), so one critical sentence makes a paragraph a criticism; praise must
    lead the paragraph (where inspectors put the finding) or fill half its sentences, and a
    critical sentence is never praise ('While assessments are timely, plans are not reviewed')."""
    sentences = [s for s in _SENTENCE.split(text.strip()) if s]
    saying = [_says(key, s) for s in sentences]
    if key == "critical":
        return any(saying)
    return bool(saying) and (saying[0] or sum(saying) * 2 >= len(saying))
