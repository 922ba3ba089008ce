"""What a question's words say about what it wants, as tables: one per slot.

Each cue is a pattern, what it means, and examples of our own that it must
match (and phrases it must not), so a newcomer can read what is understood
and add a rule with its examples beside it; `tests/test_cues.py` checks every
example. Places, report types, judgements and grade words come from
`askofsted.domain`; the tables here are the ways people phrase the rest:
time, the answer's shape, and what these reports do not cover.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..domain.authorities import outside_england


@dataclass(frozen=True)
class Cue:
    """A phrase pattern (case-insensitive), what it means, and examples of our own."""

    pattern: str
    means: str
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


_CACHE: dict[str, re.Pattern[str]] = {}


def _compiled(pattern: str) -> re.Pattern[str]:
    if pattern not in _CACHE:
        _CACHE[pattern] = re.compile(pattern, re.IGNORECASE)
    return _CACHE[pattern]


# ---------------------------------------------------------------- time

INSPECTION = r"(?:full\s+)?(?:ofsted\s+)?(?:inspections?|reports?|visits?|judgements?|grades?|ratings?|ofsted|look)"

LATEST = (
    Cue(rf"\b(?:the\s+|their\s+|its\s+)?(?:latest|most\s+recent|newest)\b(?:\s+[\w'’-]+){{0,3}}?\s+{INSPECTION}\b|"
        r"\b(?:the|their|its)\s+(?:latest|most\s+recent|newest)\s+one\b|"
        r"\b(?:the|their|its)\s+new\s+(?:ofsted\s+)?(?:report|inspection)\b(?!\s+framework)",
        "latest", ("the latest inspection", "their most recent Ofsted report", "its newest full inspection",
                   "has anything changed in the latest one?", "what does the new report say about them?"),
        ("under the new inspection framework",)),
    Cue(rf"\b(?:the\s+|their\s+|its\s+)?(?:last|current|recent)\s+{INSPECTION}\b",
        "latest", ("their last inspection", "the current rating", "at their last Ofsted"),
        ("the last five years",)),
    Cue(r"\bthe\s+latest\s+(?:on|about|news\s+(?:on|about|from))\b|\bwhat['’]?s\s+new\s+(?:with|in|at)\b",
        "latest", ("what's the latest on Croydon", "whats new with Leeds children's services"),
        ("the latest inspection of Leeds",)),
    Cue(r"\blast\s+inspected\b|\b(?:did|has|have)\s+ofsted\s+last\s+(?:inspect|visit)\w*|\blast\s+time\b|"
        r"\bthese\s+days\b|\bat\s+the\s+moment\b|\bright\s+now\b|\bcurrently\b|\bnowadays\b|"
        r"\b(?:is|are)\s+(?:it|they|\w+)\s+(?:still\s+)?(?:any\s+good|good|inadequate|outstanding)\s+now\b|\bnow\s*\?",
        "latest", ("when was Suffolk last inspected", "when did Ofsted last visit Leeds", "what were they rated last time",
                   "is Bedford any good these days", "how are they doing currently", "what is their grade now?"),
        ("now and then the police attend",)),
)
HISTORY = (
    Cue(r"\bover\s+the\s+years\b|\b(?:ofsted|inspection|grades?|ratings?)\s+(?:history|record)\b|\btrack\s+record\b|"
        r"\bhow\s+many\s+times\s+(?:has|have|had|was|were|is)\b[^?]{0,60}?\b(?:rated|judged|graded|inspected|found|"
        r"failed|been)\b|\b(?:every|each|all\s+(?:of\s+)?(?:its|their|the))\s+(?:ofsted\s+)?(?:inspections?|grades?|"
        r"ratings?|judgements?)\b|\bever\s+(?:actually\s+|really\s+|once\s+)?been\s+(?:rated|judged|graded|found|outstanding|good|inadequate|requires?\s+improvement)\b|"
        r"\b(?:was|were)\s+[\w'’ -]{1,40}?\s+ever\s+(?:rated|judged|graded|found)\b|"
        r"\b(?:each|every|all)\s+(?:one\s+)?of\s+(?:its|their|the)\s+(?:ofsted\s+)?(?:inspections|grades|ratings|judgements)\b|"
        r"\b(?:has|have)\s+(?:it|they|[\w'’-]+)\s+always\s+been\b|"
        r"\b(?:has|have)\s+(?:[\w'’-]+\s+){0,4}?always\s+been\s+(?:rated\s+|judged\s+|graded\s+)?"
        r"(?:outstanding|good|inadequate|requires?\s+improvement|RI\b|ok\b|okay\b|any\s+good\b|failing\b)",
        "grades", ("What grades has Birmingham had over the years?", "Birmingham's Ofsted history",
                   "how many times has Kent been rated inadequate", "all of their inspections",
                   "has Slough ever been judged good", "has Norfolk ever been outstanding?",
                   "was Kent ever rated inadequate", "has bristol childrens services ever actually been rated good by ofsted?",
                   "How has Knowsley been graded at each of its Ofsted inspections?",
                   "is Bath any good? has it always been ok?", "has north lincs always been outstanding?",
                   "westminster has always been outstanding hasnt it?"),
        ("how many times do social workers visit children", "the history of domestic abuse in the family",
         "every child in care has a plan", "in Leeds care leavers have always been supported well")),
    Cue(r"\bwhen\s+(?:was|were|has|have|did|is)\b[^?]{0,60}?\b(?:inspected|inspect|ofsted\s+(?:visit|come|go))\w*|"
        r"\b(?:has|have|was|were)\s+[\w'’ -]{1,40}?\s+been\s+inspected\b",
        "when", ("when was Suffolk inspected?", "when did Ofsted inspect Leeds", "Has Hackney been inspected since 2023?"),
        ("children who have been inspected by a doctor",)),
)
"""Every inspection of a council, not one: its grades over the years ('grades': every full
inspection), or when it was inspected ('when': every report, visits too). 'When was X last
inspected?' is its latest (`LATEST`)."""
PREVIOUS = Cue(r"\b(?:the\s+)?(?:previous|last[\s-]+but[\s-]+one|penultimate|one\s+before(?:\s+that)?|earlier)\s+"
               r"(?:inspection|report|visit|one)\b|\bthe\s+one\s+before\b|"
               r"\bthe\s+(?:inspection|report|one)\s+before\s+(?:the\s+)?(?:last|latest)(?:\s+one)?\b",
               "previous", ("the previous inspection", "the one before", "the last-but-one report",
                            "the inspection before last", "the one before the latest"))
FIRST = Cue(r"(?:\b(?:its|their|the)|['’]s)\s+(?:very\s+)?first\s+(?:full\s+)?(?:ofsted\s+)?(?:inspection|report|visit)\b|"
            r"\b(?<!at\s)first\s+(?:full\s+)?(?:ofsted\s+)?inspection\b",
            "first", ("its first inspection", "their very first Ofsted report", "what was Suffolk's first inspection like",
                      "Bournemouth Christchurch and Poole first inspection"),
            ("the inspection first looked at the front door",))

NEXT = Cue(r"(?<!when\s)\b(?:the|its|their)\s+(?:very\s+)?next\s+(?:full\s+)?(?:ofsted|inspection|report|one)\b",
           "next", ("Solihull was failing in 2022. what did they get at the next ofsted?",
                    "what did the next inspection after 2016 find?"),
           ("the next steps for the council", "what happens next"))
"""After a year named, the first inspection that followed it ('failing in 2022 ... the next
Ofsted'): where the question looks, not a topic."""

NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
           "couple of": 2, "few": 3}
YEAR = r"(20[0-4]\d|19[89]\d)"
MONTH = (r"(january|february|march|april|may|june|july|august|september|october|november|december|"
         r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)")

RANGES = (
    Cue(rf"\bbetween\s+{YEAR}\s+and\s+{YEAR}\b|\bfrom\s+{YEAR}\s+(?:to|until|till)\s+{YEAR}\b", "between",
        ("between 2014 and 2017", "from 2016 to 2019")),
    Cue(rf"\b(?:since|after|from)\s+{YEAR}\b|\bsince\s+(?:the|its|their)\s+{YEAR}\b|\bsince\s+(?:[\w'’()-]+\s+){{0,5}}?(?:came\s+in|started|began|was\s+"
        rf"(?:introduced|launched|set\s+up)|came\s+into\s+(?:force|effect)|took\s+over)\s+in\s+{YEAR}\b", "since",
        ("since 2016", "after 2019", "from 2020 on", "since the 2022 inadequate", "since the ILACS framework came in in 2018",
         "since the trust took over in 2019")),
    Cue(rf"\b(?:before|prior\s+to)\s+{YEAR}\b", "before", ("before 2018", "prior to 2015")),
    Cue(rf"\b(?:until|up\s+to|through|till)\s+(?:(?:the|its|their)\s+)?{YEAR}(?:\s+(?:one|inspection|report))?\b", "until",
        ("up to 2017", "until 2020", "how has it changed across its inspections up to the 2026 one?")),
    Cue(rf"\b(?:in\s+|over\s+|during\s+|within\s+)?(?:the\s+)?(?:last|past|previous)\s+"
        rf"(\d{{1,2}}|{'|'.join(NUMBERS)})\s+years\b", "last_years",
        ("in the last five years", "over the past 3 years", "the last couple of years")),
)
OVER_THAT_TIME = Cue(r"\b(?:over|across|during|in)\s+(?:that|this|the)\s+(?:time|period)\b|"
                     r"\b(?:over|across|during|in)\s+(?:those|these|the)\s+(?:years|inspections)\s+(?:in\s+)?between\b|"
                     r"\b(?:over|across|during)\s+(?:those|these)\s+(?:years|inspections)\b|\bin\s+between\b|"
                     r"\b(?:over|across|during|at)\s+(?:the|its|their|those|these|all)\s+(?:three|four|five|[3-9])\s+inspections\b",
                     "between", ("Manchester was inadequate in 2014 and outstanding in 2025 - how did it change over that time?",
                                 "what happened in the years between 2015 and 2022", "the inspections in between",
                                 "inadequate in 2017 and good in 2025: how did it improve across the three inspections?"),
                     ("what happened at that inspection",))
"""With two years named, the years between them: every inspection in that range, not the two alone."""
SINCE_GRADE = Cue(r"\b(?:since|after)\s+(?:(?:it|they|the\s+council)\s+(?:was|were|got)|being|its|their)\s+"
                  r"(?:(?:rated|judged|graded|found|made)\s+)?(?:an?\s+)?(?P<grade>outstanding|good|requires?\s+improvement|"
                  r"inadequate|failing|RI)\b(?:\s+(?:rating|grade|judgement|inspection))?|"
                  r"\b(?:come|came|got|get|gotten|climb(?:ed)?)\s+out\s+of\s+(?P<out>inadequate|special\s+measures|requires?\s+improvement)\b|"
                  r"\b(?:was|were)\s+(?:rated|judged|graded|found\s+to\s+be)\s+(?:an?\s+)?(?P<was>outstanding|good|"
                  r"requires?\s+improvement|inadequate|failing|RI)\b",
                  "since_grade", ("What's changed in Croydon since it was inadequate?",
                                  "How did Bury turn things around after being inadequate?",
                                  "has Tameside come out of inadequate?", "since its inadequate rating",
                                  "Bradford was rated inadequate in 2022 - what's actually improved by 2026?"),
                  ("since the inspection", "after being taken into care"))
"""Where a change starts, by the grade it started from: the latest inspection that gave it. In a
question that asks no change ('Why was Slough rated inadequate?') the grade is what it asks."""
THIS_OR_LAST_YEAR = Cue(r"(?<!the\s)\b(?P<which>last|this)\s+year\b(?!s)", "relative_year",
                        ("what did inspectors find in Somerset last year", "was Leeds inspected this year?"),
                        ("in the last year, 30 children were adopted", "the last years of the trust"))
"""A year named by where it stands from today: the year before, or this one."""
PUBLISHED = Cue(rf"\b(?:came\s+out|published|released|out)\s+(?:in\s+)?(?:{MONTH}\s+)?{YEAR}\b", "published",
                ("the report that came out in January 2015", "published in 2019", "released March 2022"))
TWO = Cue(r"\b(?:the|its|their)\s+(?:last\s+)?(?:two|couple\s+of)\s+(?:full\s+)?(?:ofsted\s+)?(?:inspections|reports|visits)\b|"
          r"\b(?:last|past)\s+(?:two|couple\s+of)\s+(?:full\s+)?(?:inspections|reports)\b|"
          r"\b(?:than|from|since|with)\s+(?:the\s+)?(?:one|inspection|report)\s+before\b|"
          r"\bsince\s+(?:its|their|the)\s+(?:last|previous)\s+(?:full\s+)?(?:ofsted\s+)?(?:inspection|report)\b|"
          r"\b(?:than|with|to|from)\s+(?:at\s+|in\s+)?(?:its|their|the)\s+previous\s+(?:full\s+)?(?:ofsted\s+)?"
          r"(?:inspection|report|one)\b|"
          r"\b(?:than|compared?\s+(?:with|to))\s+(?:at\s+|in\s+)?(?:(?:its|their|the)\s+last\s+(?:full\s+)?(?:ofsted\s+)?"
          r"(?:inspection|report|one)|last\s+time)\b|"
          r"\b(?:(?:its|their|the)\s+)?(?:latest|last|most\s+recent)\s+(?:(?:full\s+)?(?:ofsted\s+)?(?:inspection|report|one)\s+)?and\s+"
          r"(?:the\s+)?(?:one|inspection|report)\s+before(?:\s+(?:it|that))?\b",
          "two", ("what changed between the two inspections", "its last couple of inspections",
                  "what is different from the one before", "has it improved since its last inspection",
                  "is it better or worse than at its previous inspection", "compared with the previous one",
                  "in its latest inspection and the one before", "is the MASH better now than at the last inspection?",
                  "better than last time"), ("what happened with the last inspection?",))
EARLIER = Cue(r"\b(?:(?:a\s+)?(?:few|couple\s+of)\s+|some\s+|many\s+|(?:two|three|four|five|six|\d{1,2})\s+)?"
              r"years?\s+(?:ago|back)\b|\bback\s+then\b|\bin\s+the\s+past\b",
              "earlier", ("Torbay was failing a few years back", "five years ago it was inadequate",
                          "back then the front door was weak", "in the past they relied on agency staff"),
              ("children who have been in care for two years",))
"""A time before the latest inspection, unnamed: in a question about change, where it starts
(the timeline's earlier inspections), not a topic."""
ASKER = Cue(r"\b(?:foster(?:\s+carer|\s+parent|ing\s+family)?|kinship\s+carer|social\s+worker|team\s+manager|care\s+leaver|"
            r"parent|mum|dad|grandparent|councillor|journalist|researcher|student)\s+here\b|"
            r"\bi\s+(?:foster|work|worked|volunteer)\s+(?:for|in|at|with)\b",
            "asker", ("dorset foster carer here - are we officially outstanding now?",
                      "social worker here, what did they say about supervision?",
                      "i foster for barnsley and a mate said it has gone downhill"),
            ("the foster carers here are well supported",))
"""Who is asking ('foster carer here'): the asker's story, not what the question is about."""
SINCE_THEN = Cue(r"\bsince\s+(?:then|that\s+time|that\s+inspection|the\s+(?:last|previous)\s+(?:one|inspection))\b|"
                 r"\b(?:the\s+)?(?:inspections?|visits?|reports?)\s+since\b|\bsince\s*\?",
                 "since_then", ("has it improved since then?", "at the inspections since",
                                "how has it changed since the last inspection"))

# ---------------------------------------------------------------- shape

GRADE_ASK = (
    Cue(r"\b(?:rated|rating|ratings|graded|grades?|judged|judge?ments?|verdict|scored?|overall\s+effectiveness)\b|"
        r"\b(?:ofsted|inspection)\s+(?:(?:19|20)\d{2}\s+)?(?:results?|outcomes?)\b|\b(?:results?|outcomes?)\s+of\s+(?:the|its|their)\s+(?:(?:last|latest)\s+)?"
        r"(?:ofsted|inspection)\b|\bwhat\s+marks?\b|\b(?:pass|passed|fail|failed)\s+(?:its|their|the)\s+(?:(?:last|latest)\s+)?"
        r"(?:ofsted|inspection)\b|\b(?:in|into|under|still\s+in)\s+special\s+measures\b",
        "grade", ("what were they rated", "what grade did they get", "how was it judged", "the overall judgement",
                  "Herefordshire ofsted results", "trafford ofsted 2026 results", "the result of its last inspection",
                  "the outcome of the inspection in Hackney", "what mark did Enfield get from Ofsted?",
                  "Did Rotherham pass its inspection?", "Did Sefton fail its Ofsted?", "Is Hackney in special measures?"),
        ("results for care leavers", "the outcomes of children in care")),
    Cue(r"\b(?:did|do|does|would)\s+(?:ofsted|inspectors?|the\s+inspection|they|it)\s+(?:judge|rate|grade|give)\b|"
        r"\bwhat\s+(?:did|does|has)\s+[\w'’ -]{1,40}?\s+(?:get|got)\s+(?:for\b|in\s+(?:\d{4}|(?:its|their|the)\s+"
        r"(?:last|latest|most\s+recent|\d{4})?\s*(?:ofsted|inspection))|at\s+(?:its|their|the)\s+(?:\w+\s+)?(?:ofsted|inspection))",
        "grade", ("how did Ofsted rate them", "what did inspectors give it", "What did Bolton get for adoption in 2014?",
                  "what did Leeds get in 2018?", "what did Kent get at its last inspection"),
        ("what did care leavers get help with", "what did children get from the virtual school",
         "What did care leavers in Leeds get in their local offer?")),
    Cue(r"\bwho\s+(?:led|carried\s+out|conducted|did|was\s+in\s+charge\s+of)\s+(?:the\s+|its\s+|their\s+)?"
        r"(?:(?:\d{4}|last|latest)\s+)?(?:ofsted\s+)?inspection\b|\blead\s+inspector\b|\bwho\s+inspected\b(?!\s+(?:the|a|their|its)\s+(?:children['’]s\s+homes?|schools?|nurser(?:y|ies)))",
        "grade", ("who led the inspection of Wigan in 2025?", "who was the lead inspector for Kent", "who inspected Leeds?"),
        ("who led the improvement work", "who inspected the children's home")),
    Cue(r"\bany\s+good\b|\bhow\s+good\s+(?:is|are|was|were)\b|\b(?:good|outstanding)\s+or\s+(?:bad|not|poor|inadequate|failing)\b|"
        r"\b(?:is|are|was|were)\s+[\w'’ -]{1,40}?\s+(?:doing|performing)\s+(?:ok|okay|alright|all\s+right|fine|well|badly|poorly)\b",
        "grade_quality", ("is Bedford any good", "how good is their children's services", "Is Kirklees good or bad?",
                          "are they outstanding or not", "Is North Somerset doing ok?"),
        ("children are doing well at school",)),
    Cue(r"\bhow\s+(?:well\s+)?(?:did|do|does|is|are)\s+"
        r"[\w'’ -]{1,40}?\s+(?:do|doing|fare|faring|get\s+on)\b|\bhow\s+did\s+[\w'’ -]{1,40}?\s+do\s+(?:at|in)\b|"
        r"\bhow\s+did\s+[\w'’ -]{0,40}?\b(?:inspection|ofsted|inspectors?\s+visit)\s+go\b|"
        r"\bhow\s+was\s+[\w'’ -]{0,40}?\b(?:inspection|ofsted)\s*(?:\?|$)",
        "grade_how", ("how did Staffs do at their last Ofsted", "how is the council doing",
                      "how are care leavers in North Yorkshire doing", "how did Peterborough's inspection go?",
                      "how was Bury's last Ofsted?"),
        ("how was the inspection carried out", "how did the inspection of the front door go about it")),
    Cue(r"\b(?:is|are|was|were)\s+[\w'’ -]{1,60}?\s+(?:rated|judged|graded|found\s+to\s+be)\s+"
        r"(?:as\s+)?(?:outstanding|good|inadequate|requires?\s+improvement|failing|poor)\b|"
        r"\b(?:is|are|was|were)\s+[\w'’ -]{1,40}?\s+(?:outstanding|good|inadequate|requires?\s+improvement|failing)"
        r"\s*(?:\?|$|(?:in|when|overall|for|now)\b|at\s+(?:(?:the|its|their)\s+)?(?:(?:last|latest|most\s+recent|previous|"
        r"first)\s+)?(?:inspection|ofsted|visit)\b)|"
        r"\bstill\s+(?:rated\s+|judged\s+)?(?:outstanding|good|inadequate|requires?\s+improvement|RI|failing)"
        r"(?:\s+(?:with|by|according\s+to)\s+ofsted)?\s*(?:\?|$|or\b)|"
        r"\b(?:outstanding|good|inadequate|requires?\s+improvement|RI)\b[^?.]{0,60}\b(?:keep|kept|held\s+on\s+to|hold\s+on\s+to|"
        r"lose|lost|retain(?:ed)?|maintain(?:ed)?)\s+(?:it|that|this)\b",
        "grade_check", ("was Slough rated inadequate", "is Kent outstanding?", "were they judged good in 2019",
                        "was Kent good at its last inspection", "was Bristol good for children in care in 2018?",
                        "North Tyneside - still outstanding?", "Hull still failing?", "are they still outstanding with ofsted?",
                        "is south glos still RI or did they get good in the end?",
                        "Kent used to be outstanding - did they keep it at the latest inspection?",
                        "wigan social worker here, are we officially good now?"),
        ("is the work with care leavers good enough", "is Swindon good at finding adopters",
         "are plans still good enough for children?")),
    Cue(r"\b(?:did|has|have|had)\s+[\w'’ -]{1,40}?\s+(?:get|got|gotten|receive|received|achieve|achieved|"
        r"been(?:\s+(?:rated|judged|graded))?)\s+(?:an?\s+)?(?:outstanding|good|inadequate|requires?\s+improvement)"
        r"(?=\s*(?:\?|$|overall\b|in\s+\d{4}|at\b|for\b|last\b|again\b|or\s+(?:is|was|has|did|just|not)\b|,|"
        r"(?:has|have|is|was|did)n['’]?t\b|right\b))",
        "grade_check", ("did Tower Hamlets get outstanding?", "has Slough been judged inadequate again",
                        "did Kent get good for help and protection", "has Norfolk ever been outstanding?",
                        "has north lincs always been outstanding or is that just recently?",
                        "westminster has always been outstanding hasnt it?"),
        ("did children get good support", "have care leavers received good advice",
         "did children get good or better support")),
    Cue(r"\b(?:got|get|gets|were|was|are|is|been)\s+(?:rated\s+|judged\s+|graded\s+)?(?:an?\s+)?"
        r"(?:outstanding|good|inadequate|requires?\s+improvement|RI)\b(?=\s*(?:overall\b|for\b|in\b|at\b|,|[-–—]|is\b|was\b))"
        r"[^?.]{0,40}?\b(?:is|was)\s+(?:that|this|it)\s+(?:right|true|correct|accurate|so)\b",
        "grade_claim", ("my mate says they got outstanding overall, is that right?",
                        "I heard they were rated inadequate - is that true?"),
        ("children got good support, is that right?",)),
)
CHANGE = Cue(r"\b(?:improv(?:ed|ing)|did\s+(?P<subject>(?:(?!(?:say|said|tell|told|think|find|found|mention|write|report)\b)[\w'’-]+\s+){1,7}?)(?:improve|change)\b|any\s+improvement|(?<!keep\s)(?<!keeps\s)(?<!kept\s)chang(?:ed|ing)|any\s+changes?|"
             r"what\s+changes?|(?:getting|gotten|got|get)\s+(?:any\s+)?(?:better|worse)|better\s+or\s+worse|better|worse|deteriorat\w*|declin\w*|dropped|slipped|fell|(?:went|gone|go|goes|going)\s+(?:up|down|downhill|backwards?)|"
             r"(?:went|go|goes|gone|going|moved?)\s+(?:(?:straight\s+)?(?:up|down)\s+)?from\s+(?=(?:an?\s+|being\s+|the\s+|its\s+|their\s+)?"
             r"(?:outstanding|good|requires?|RI\b|inadequate|adequate|failing|bad|poor|special|strength|weak|\d{4}))|"
             r"(?:come|came|got|get|gotten)\s+out\s+of|turn(?:ed)?\s+(?:it|things|itself|services)\s+a?round|turned\s+a?round|progress\s+since|still|"
             r"any\s+different|(?:what['’]?s|what\s+is)\s+different\s+(?:now|since|these\s+days|from)|"
             r"sorted\s+(?:out|itself\s+out)|(?:been|got|get|gotten|getting)\s+sorted\b|sort\s+out\s+(?:its|their|the)\s+(?:problems?|issues?|mess)|used\s+to\s+be|"
             r"compared?\s+(?:with|to)|over\s+time|happened\s+to(?!\s+(?:the\s+)?(?:children(?!['’]s\s+(?:services|social\s+care|trust))|child|kids|young\s+people|teenagers|babies|families|care\s+leavers|them|those)\b)|since\s+(?:then|the\s+last|the\s+previous)|"
             r"compare\s+[\w'’ -]{0,40}?\b(?:inspections|reports|grades|ratings)|then\s+and\s+now|"
             r"(?:fix|put\s+right|address|tackle)\s+(?:the|its|their|those)\s+(?:problems|issues|weaknesses|failings|shortcomings)"
             r"\s+(?:found|identified|raised|highlighted|from\s+(?:the|its|their))|"
             r"(?:fixed|addressed|tackled|put\s+right)\s+(?:the|its|their|those)\s+(?:problems|issues|weaknesses|failings|shortcomings)|"
             r"(?:were|have|had)\s+(?:the|its|their|those)\s+(?:problems|issues|weaknesses|failings|shortcomings)\b[^?.!]{0,50}?"
             r"\b(?:been\s+)?(?:fixed|addressed|tackled|put\s+right|resolved|sorted)|"
             r"(?:was|were|has|have|had)\s+(?:that|this|it|those|these)\s+(?:been\s+)?(?:fixed|addressed|tackled|put\s+right|resolved)|"
             r"(?:have|has|had|did)\s+(?:they|it|the\s+council)\s+(?:sorted|fixed|addressed|resolved|tackled|sort|fix|address|resolve|tackle)"
             r"\s+(?:it|that|this|those|these|them)\b|"
             r"\b(?:more|less)\s+(?:stable|settled|consistent|timely|effective|secure)\s+now\b|"
             r"(?:did|has|have)\s+(?:they|it|[\w'’-]+)\s+(?:kept|keep|retain(?:ed)?|lose|lost|held\s+on\s+to|hold\s+on\s+to)\s+(?:it|that)\b|"
             r"(?:kept|keep|keeping)\s+(?:it\s+|that\s+|this\s+|things\s+)?up\b(?!\s+(?:with|to[\s-]+date))|"
             r"(?:fix|sort\s+out|put\s+right)\s+(?:its|their)\s+(?:problems|issues|weaknesses|failings|shortcomings)|"
             r"(?:kept|keep|retain(?:ed)?|maintain(?:ed)?|held\s+on\s+to|hold\s+on\s+to|lost|lose)\s+(?:its|their|the)\s+"
             r"(?:[\w-]+\s+)?(?:rating|grade|judgement|status)|"
             r"(?:developed|evolved|progressed|moved\s+on)(?=\s*(?:since\b|over\b|\?|$))|"
             r"between\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?(?:two\s+)?inspections|(?:improvement\s+)?journey|"
             r"what\s+happened\s+(?:in\s+between|between|since|over\s+(?:that|the|those)\s+(?:time|period|years))|"
             r"compar(?:e|ed|es)\s+between\b|"
             r"between\s+(?:the|its|their)\s+(?:\d{4}|first)\s+and\s+(?:\d{4}|latest|last)\s+(?:inspections|reports|visits)|"
             r"how\s+(?:does|do|did)\s+(?:the|its|their)\s+(?:\d{4}\s+|latest\s+|last\s+|new\s+)?(?:report|inspection|ofsted)\s+compare)\b",
             "change", ("has it improved since 2019", "how has it changed", "is it any better now",
                        "how did the front door change between those inspections?",
                        "what happened in between according to the reports?",
                        "how did the MASH compare between the 2017 inspection and the 2025 one?",
                        "how did inspectors describe that journey?",
                        "what happened to the trust", "compared with the inspection before",
                        "were the problems Ofsted flagged in 2019 actually fixed?",
                        "turnover was high when it went inadequate in 2019. has that been sorted?",
                        "they said plans were vague in 2017. was that fixed by the next one?",
                        "Has Leeds kept up its good work with families since 2018?",
                        "they were criticised in 2022 for missing children. Have they sorted it since?",
                        "it couldn't keep social workers in 2022. Is the workforce more stable now?",
                        "what happened to children's services in Cumbria after it was split",
                        "what's different now?", "have they sorted out the caseloads", "it used to be awful",
                        "did Croydon sort out its problems with the front door", "has Sandwell come out of special measures",
                        "has Bristol gone downhill", "Compare Hampshire's 2018 and 2024 inspections",
                        "Walsall then and now", "Did Norfolk fix the problems found in 2015?",
                        "How has Cornwall's work with disabled children developed?",
                        "has Swindon's rating gone up", "did Essex improve between 2019 and 2022",
                        "how did Coventry change between 2014 and 2017?", "has Sunderland turned things around?",
                        "did Tameside fix its problems with caseloads?", "has Leeds kept its outstanding rating?",
                        "did Essex lose its outstanding grade?", "Is Liverpool getting better or worse?",
                        "Why did Warwickshire go down from good to requires improvement?",
                        "How did Lancashire's response to child sexual exploitation change between the 2015 and 2018 inspections?",
                        "what happened between its 2015 and 2018 inspections",
                        "caseloads were an issue in 2018 - how does the 2026 report compare?"),
             ("the change of social worker", "what does the council need to improve", "areas for improvement",
              "I heard Bury's social workers keep changing", "can social workers keep up with their caseloads?",
              "were chronologies kept up to date?",
              "what happened to children on child protection plans for too long?",
              "what did they say about how often kids had to change social worker?",
              "what is different about Leeds' approach", "the tools they used to assess risk",
              "how do councils tackle the problems of county lines", "a well-developed early help offer"))
ROSTER = Cue(r"\b(?:which|what)\s+(?:other\s+)?(?:councils?|(?:local\s+)?authorit(?:y|ies)|las|areas|boroughs|counties)\b|"
             r"\b(?:outstanding|good|inadequate|failing|requires?[\s-]+improvement|ri)[\s-]+(?:rated\s+)?"
             r"(?:councils|(?:local\s+)?authorities|las)\b|"
             r"\bwhich\s+(?:[\w'’-]+\s+){1,3}(?:councils|boroughs|authorities|counties|unitaries)\b|"
             r"\b(?:list|name)\s+(?:of\s+)?(?:the\s+|all\s+)?(?:councils|(?:local\s+)?authorities)\b|"
             r"\bhow\s+many\s+(?:councils|(?:local\s+)?authorities)\b|\bcouncils\s+(?:that|which|where|with)\b|"
             r"\b(?:councils|(?:local\s+)?authorities)\s+(?:rated|judged|graded|inspected)\b|"
             r"\b(?:did|has|have|had|is|are|was|were|does|do)\s+(?:any|other)\s+(?:councils?|(?:local\s+)?authorit(?:y|ies)|las)\b|"
             r"\bwhere\s+(?:else\s+)?(?:in\s+england\s+)?(?:have|has|do|does|are|is)\b|"
             r"\bwho\s+(?:has|have|had|is|are|was|were|does|do)\s+(?:got\s+)?the\s+(?:best|worst|top|highest|lowest|"
             r"strongest|weakest)\b|\b(?:best|worst|top|highest|lowest)(?:[\s-]+(?:rated|performing|graded|judged))?[\s-]+"
             r"(?:councils?|(?:local\s+)?authorit(?:y|ies)|las|boroughs|counties)\b",
             "roster", ("which councils run Lifelong Links", "what local authorities were judged inadequate",
                        "list the councils rated outstanding", "councils that use Family Safeguarding",
                        "failing councils in the North West", "outstanding-rated local authorities",
                        "who has the best children's services in Yorkshire", "the worst councils in the country",
                        "what's the worst rated council in London?", "the best performing authorities",
                        "councils rated at least good in London", "list of councils inspected in 2026",
                        "which London boroughs were judged outstanding", "Which North West councils use Mockingbird",
                        "which london boroughs are outstanding for care leavers?",
                        "Did any council go from good to inadequate?", "have other councils used Mockingbird"),
             ("the council's good work with care leavers", "which Ofsted report covers Leeds"))
COMPARE = Cue(r"\b(?:better|worse|stronger|weaker)\s+than\b|\bcompared?\s+(?:with|to|against)\b|\bvs\.?(?!\w)|\bversus\b|"
              r"\bcompar(?:e|ed|es|ing|ison)\b|"
              r"\bwhich\s+(?:one\s+|council\s+|authority\s+|of\s+(?:them|the\s+two)\s+)?(?:is|was|does|did)\s+(?:the\s+)?"
              r"(?:better|worse|best|worst|stronger|weaker)\b",
              "compare", ("Is Leeds better than Bradford?", "how does Kent compare with Essex", "Kent vs Essex",
                          "Leicester vs Nottingham: which is better?", "which is better, Leeds or Bradford?",
                          "compare Kent and Essex on care leavers", "how do Leeds and Bradford compare?"),
              ("better support for care leavers",))
"""Two places set against each other: the comparison's words are not a topic ('Is Leeds
better than Bradford?' asks for both councils' inspections)."""
PRACTICE = Cue(r"^\s*(?:how|in\s+what\s+ways?)\s+(?!many\b|much\b)(?:do|does|did|can|could|should|are|is|have|has)\s|"
               r"^\s*what\s+(?:do|did|does|have|has|are)\s+(?:the\s+)?[\w -]{0,30}?(?:councils|(?:local\s+)?authorities|las)\s+"
               r"(?!(?:rated|judged|graded|were|are|have\s+been)\b)\w+|"
               r"^\s*what\s+(?:do|did|does|have|has)\s+(?:ofsted|(?:the\s+)?inspectors?)\s+(?:say|said|find|found|think|report|write)"
               r"\s+about\b(?![^?]*\bwhich\b)",
               "practice", ("How do good councils support foster carers?", "how are outstanding councils keeping caseloads down",
                            "In what ways do the best councils listen to children?",
                            "what do inadequate councils get wrong about the front door?",
                            "What have outstanding authorities done differently for care leavers?",
                            "what did inspectors say about leaders' understanding of their services in inadequate councils?"),
               ("how many councils are inadequate", "which councils are good", "How good is Leeds?",
                "what councils were rated outstanding", "what local authorities have been judged inadequate"))
"""A question about how councils work ('how do good councils support foster carers?'): its
councils, of a grade or the best, choose the reports; the answer is their practice, not a roster."""


def _extreme(words: str) -> str:
    """A superlative about the councils themselves or their grade, not about practice
    ('the best interests of the child', 'best practice')."""
    return (rf"\b(?:{words})[\s-]+(?:rated|graded|performing|councils?(?!\s+tax)|(?:local\s+)?authorit(?:y|ies)|las|boroughs|"
            rf"counties)\b|\bthe\s+(?:{words})\s+(?:children['’]s\s+)?(?:services|social\s+care|councils?(?!\s+tax)|"
            rf"authorit(?:y|ies)|ratings?|grades?|inspections?|(?:ofsted\s+)?results?|ofsted\s+reports?)\b|\b(?:is|are|was|were)\s+(?:the\s+)?(?:{words})\s*(?:\?|$|overall\b)|"
            rf"\b(?:has|have|had|runs?|ran)\s+the\s+(?:{words})\s+(?:[\w'’-]+\s+){{0,3}}?(?:services?|provision|record)\b")


EXTREME = (
    Cue(_extreme(r"best|top|highest|strongest"), "best",
        ("who has the best children's services in the north east", "the top councils in London",
         "highest rated authorities", "which councils are the best?", "Which authority has the best care leavers service?"),
        ("the best interests of the child", "on top of their caseloads", "which councils show best practice")),
    Cue(_extreme(r"worst|lowest|weakest|bottom"), "worst",
        ("which are the worst councils for children in care", "the lowest rated authorities",
         "who has the worst grades in the Midlands", "Which council had the worst inspection in 2022?"),
        ("the worst affected families",)),
)
"""In a roster, the authorities whose latest grade is the best (or worst) among those asked
about. Read only where the question is a roster: elsewhere 'best' is just a word."""

REPEATED = (
    Cue(r"\b(?:twice(?!\s+as\b)|two\s+times|more\s+than\s+once|(?:two|2)\s+(?:or\s+more\s+)?(?:inspections|times)\s+(?:in\s+a\s+row|running)|"
        r"repeatedly|again\s+and\s+again|(?:two|2)\s+(?:or\s+more\s+)?times)\b", "2",
        ("which authorities have been inadequate twice", "councils judged inadequate more than once",
         "which councils were rated outstanding two times"),
        ("twice as many children came into care",)),
    Cue(r"\b(?:three|3)\s+(?:or\s+more\s+)?(?:times|inspections\s+(?:in\s+a\s+row|running))\b", "3",
        ("which councils have been judged good three times",)),
)
"""In a roster from the grades, how many inspections at least must have given the grade ('which
councils have been inadequate twice?'): every authority that was, citing the latest that did."""

_NEVER_BELOW = r"\bnever\s+(?:been\s+)?(?:rated\s+|judged\s+)?(?:anything\s+)?(?:less|worse|lower)\s+than\b"
"""'Never less than good': every grade the grade named or better (`ALWAYS` with `GRADE_OR`)."""

IN_A_ROW = Cue(r"\bin\s+a\s+row\b|\brunning\b|\bconsecutive(?:ly)?\b|\bsuccessive\b|\bback[\s-]to[\s-]back\b|"
               r"\bone\s+after\s+(?:the\s+)?(?:other|another)\b",
               "in_a_row", ("which councils were judged inadequate at two inspections in a row?",
                            "councils rated inadequate at two consecutive inspections", "outstanding twice running"),
               ("which authorities have been inadequate twice",))
"""With `REPEATED`: the inspections that gave the grade came one after another."""
ALWAYS = Cue(r"\b(?:at|in|for)\s+(?:every|each|all)\s+(?:one\s+|single\s+)?(?:of\s+)?(?:its\s+|their\s+|the\s+)?"
             r"(?:(?:ilacs|sif|full|graded|ofsted)\s+)*inspections?\b|\bevery\s+(?:single\s+)?time\b|"
             r"\balways\s+(?:been\s+)?(?:rated\s+|judged\s+|graded\s+)?(?=outstanding|good|inadequate|requires|ri\b)|"
             + _NEVER_BELOW,
             "always", ("which councils have been outstanding at every one of their ILACS inspections?",
                        "councils judged good every time they were inspected", "which councils have always been inadequate",
                        "which councils have never been rated less than good"),
             ("which councils got outstanding in every judgement in 2024?", "which councils were inadequate at their last inspection"))
"""In a roster from the grades: every graded inspection of the council gave the grade (or, 'never
less than good', the grade or better)."""

EVER = Cue(r"\bever\b|\bat\s+any\s+(?:point|time|stage|inspection)\b|\bat\s+some\s+(?:point|stage)\b|"
           r"\b(?:have|has)\s+had\s+(?:[\w'’-]+\s+){0,5}?(?:rated|judged|graded)\b",
           "ever", ("which councils have ever been rated inadequate?", "councils judged outstanding at any point",
                    "which councils have had the care leavers judgement rated inadequate?"),
           ("which councils are rated inadequate?", "which councils have had a focused visit?"))
"""In a roster from the grades: any inspection that gave the grade, not only each council's latest."""

INSPECTED = Cue(r"\b(?:were|was|been|got|get|being)\s+(?:re-?)?inspected\b|\b(?:had|have|has|got)\s+(?:an?\s+)?(?:ofsted\s+)?"
                r"(?:(?:full|standard|new|ilacs|sif|children['’]s|social|care|services?|judgement)\s+){0,4}"
                r"(?:inspections?|visits?|focused\s+visits?|monitoring\s+visits?)\b|\bwere\s+visited\b|"
                r"\b(?:(?:a\s+)?list\s+of\s+(?:the\s+|all\s+)?)?(?:councils|(?:local\s+)?authorities|las)\s+(?:re-?)?inspected\b(?:\s+in\s+\d{4})?"
                r"(?:\s+under\s+the\s+(?:new|old|current|latest|\d{4})\s+framework)?",
                "inspected", ("Which local authorities were inspected in 2025?", "which councils have been inspected since 2024",
                              "list of councils that had a full children's services inspection in 2020",
                              "which councils had a focused visit in 2022?", "list of councils inspected in 2026 under the new framework"),
                ("which councils were judged inadequate at their inspection",))
"""In a roster, the question asks which councils were inspected: every inspection in the
reports chosen is the list, from the facts."""

GRADE_OR = (
    Cue(r"(?<!worse\s)\bor\s+(?:better|above|higher)\b|\bat\s+least\b|\bgood\s+or\s+outstanding\b|" + _NEVER_BELOW,
        "better",
        ("which councils in the north east are good or better", "councils rated at least good",
         "which councils have never been rated less than good",
         "which councils in the south west are good or outstanding for kids in care?"),
        ("is it better or worse",)),
    Cue(r"(?<!better\s)\bor\s+(?:worse|below|lower)\b|\bat\s+(?:best|most)\b|"
        r"\b(?:requires?\s+improvement|RI)\s+or\s+inadequate\b", "worse",
        ("which councils are requires improvement or worse", "councils rated at best requires improvement",
         "which councils are RI or inadequate?"),
        ("better or worse than at its previous inspection",)),
)
"""In a roster from the grades, the grade named and those above (or below) it on its scale."""
EVERY_JUDGEMENT = Cue(r"\b(?:in|for|across)\s+(?:every|all|each)\s+(?:(?:of\s+)?(?:the\s+|its\s+|their\s+)?(?:five\s+|four\s+)?"
                      r"(?:judgements?|areas?|categories|headings))\b|\bacross\s+the\s+board\b|"
                      r"\ball[\s-]+(?:round|over)\s+(?:outstanding|good|inadequate)\b|\b(?:outstanding|good|inadequate)\s+all\s+round\b",
                      "every", ("which councils got outstanding in every judgement in 2024?",
                                "councils judged good across the board", "which councils are outstanding in all areas"),
                      ("which councils are outstanding for care leavers", "every council judged inadequate"))
"""In a roster from the grades, a council qualifies only where every judgement its inspection
grades has the grade named ('outstanding in every judgement')."""

DIRECTION = (
    Cue(r"\b(?:improved|(?:got|gotten|became|become|did|done)\s+better|went\s+up|rose|moved\s+up|"
        r"turned\s+(?:it\s+|themselves\s+)?around|upgraded)\b", "up",
        ("councils that improved", "got better", "went up a grade", "which councils turned themselves around"),
        ("which councils were told to improve their private fostering", "which councils have better adoption support",
         "councils that need to improve the front door")),
    Cue(r"\b(?:declined|dropped|fell|(?:got|gotten|became|become|did|done)\s+worse|slipped|went\s+down|"
        r"deteriorated|downgraded)\b", "down",
        ("dropped from outstanding", "got worse", "declined at their next inspection"),
        ("councils trying to stop the decline in foster carers", "worse outcomes for care leavers")),
)
FROM_TO = Cue(r"\bfrom\s+(?P<from>outstanding|good|requires?\s+improvement|inadequate|adequate)\b.{0,40}?"
              r"\bto\s+(?P<to>outstanding|good|requires?\s+improvement|inadequate|adequate)\b",
              "from_to", ("dropped from outstanding straight down to requires improvement",
                          "went from inadequate to good"))
FROM_GRADE = Cue(r"\b(?:(?P<down>dropped|fell|declined|slipped|went\s+down|moved\s+down|downgraded|deteriorated)|"
                 r"(?P<up>improved|rose|went\s+up|moved\s+up|upgraded|climbed))\s+(?:straight\s+|back\s+)?from\s+(?:being\s+)?"
                 r"(?P<from>outstanding|good|requires?\s+improvement|inadequate|adequate)\b",
                 "from", ("which councils dropped from outstanding to a lower grade at their next inspection?",
                          "councils that improved from inadequate"),
                 ("which councils went from inadequate to good",))
"""A change of grade from the grade named, to whatever came next ('dropped from outstanding')."""
TO_GRADE = Cue(r"\b(?:(?P<up>improved|rose|went\s+up|moved\s+up|upgraded)\s+(?:back\s+)?to|"
               r"(?P<down>went\s+down|moved\s+down|drop(?:ped)?|f[ae]ll|declined|slip(?:ped)?|downgraded|deteriorated)\s+(?:back\s+)?to|"
               r"became|become|has\s+become)\s+(?:an?\s+)?"
               r"(?P<to>outstanding|good|requires?\s+improvement|inadequate)\b",
               "to", ("which councils improved to outstanding in 2025", "councils that dropped to inadequate",
                      "which councils became outstanding"),
               ("councils that improved their front door to good effect",))
"""A change of grade named by where it ended ('improved to outstanding'), and its direction where
the verb says one: `FROM_TO` without a start."""

ABOUT = Cue(r"\b(?:ofsted|inspectors|the\s+inspectors|their)['’]?s?\s+(?:view|views|opinion|verdict|take|assessment)\s+(?:of|on)\b|"
            r"\bwhat\s+(?:does|did|do)\s+(?:ofsted|(?:the\s+)?inspectors?)\s+(?:think|make)\s+of\b",
            "about", ("what's Ofsted's view of Croydon now", "what did inspectors make of Leeds",
                      "Ofsted's verdict on Slough", "what does Ofsted think of Kent"),
            ("children's views of their social workers",))
"""Words that only say a question is about what inspectors concluded: not a topic."""

QUALITY = Cue(r"\b(?:(?:was|were|is|are|got|been)\s+)?(?:an?\s+)?(?:mess|shambles|disaster|slated|panned|criticised|"
              r"praised|rubbish|awful|terrible|dreadful|struggling|failing|poor|bad|great|brilliant|decent|"
              r"any\s+good|doing\s+well)\b",
              "quality", ("West Sussex was a mess in 2019", "the MASH got slated", "is it any good", "they were failing"),
              ("the quality of assessments",))
"""Words that judge how good something was without naming what: in a question about change
("X was a mess in 2019; has it improved?") they describe the grade, not a topic to match."""


NAMED = Cue(r"(?-i:(?<![.?!:]\s)(?<!^)\b(?:[A-Z][a-z]+(?:['’]s)?)(?:\s+(?:of|for|and|the|to)?\s*[A-Z][a-z]+(?:['’]s)?)*\b)|"
            r"(?<!\w)[‘'\"“]([^‘'\"“”’]{3,40})[’'\"”](?!\w)",
            "named", ("which councils run a Lifelong Links service", "councils that have adopted Family Safeguarding",
                      "where is 'No Wrong Door' used", "does Kent use Signs of Safety"),
            ("Which councils are good?", "which councils have a children's trust running their children's social care?"))
"""A named thing: a programme or model written with capitals ('Lifelong Links', 'Signs of
Safety', 'Mockingbird') or in quotes. A council's, region's or report type's name is read as
such first; a single capitalised word is a name unless it is one of `NOT_NAMES`."""

NOT_NAMES = frozenset({
    "Ofsted", "England", "English", "Britain", "British", "UK", "Government", "Council", "Councils", "Children",
    "Christmas", "Covid", "Easter", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December", "Inspectors", "Inspector", "Mum", "Dad", "Nan", "Gran", "God", "Muslim", "Christian", "Jewish",
    "Sikh", "Hindu", "Black", "Asian", "White", "Roma", "Traveller", "Travellers", "Irish", "Scottish", "Welsh",
})
"""Capitalised words people write that name no programme: Ofsted itself, places and peoples
the reports write about in ordinary words, days and months, family."""


# ---------------------------------------------------------------- region

REGION_WORDS = (
    Cue(r"\b(?:the\s+)?north[\s-]+east(?:\s+of\s+england)?\b(?!\s+lincolnshire)", "North East",
        ("councils in the North East", "north-east councils"), ("North East Lincolnshire",)),
    Cue(r"\b(?:the\s+)?north[\s-]+west\b", "North West", ("the north west", "North West councils")),
    Cue(r"\byorkshire\s+and\s+(?:the\s+)?humber\b|\byorkshire\b(?<!north yorkshire)(?<!east riding of yorkshire)",
        "Yorkshire and the Humber", ("Yorkshire and the Humber", "councils in Yorkshire"),
        ("North Yorkshire", "East Riding of Yorkshire")),
    Cue(r"\beast\s+midlands\b|\bthe\s+midlands\b", "East Midlands", ("the East Midlands", "the Midlands")),
    Cue(r"\bwest\s+midlands\b|\bthe\s+midlands\b", "West Midlands", ("the West Midlands", "the Midlands")),
    Cue(r"\beast\s+of\s+england\b|\beast\s+anglia\b", "East of England", ("the East of England", "East Anglia")),
    Cue(r"\b(?:greater\s+)?london(?:\s+boroughs?)?\b(?<!city of london)", "London",
        ("London boroughs", "councils in London"), ("City of London",)),
    Cue(r"\b(?:the\s+)?south[\s-]+east\b", "South East", ("the south east",)),
    Cue(r"\b(?:the\s+)?south[\s-]+west\b", "South West", ("the South West",)),
)
"""Ofsted's nine English regions as people name them; a region's name inside an authority's
('North East Lincolnshire', 'City of London') is the authority, which is read first."""


# ---------------------------------------------------------------- scope

@dataclass(frozen=True)
class Remit:
    """Something Ofsted (or another body) inspects that these reports do not cover."""

    name: str
    pattern: str
    examples: tuple[str, ...]
    not_examples: tuple[str, ...] = ()

    @property
    def regex(self) -> re.Pattern[str]:
        return _compiled(self.pattern)


_OWNED = r"(?:my|our|his|her|their|that|this|a|the|your)\s+(?:(?:son|daughter|child|kid|grandson|granddaughter)['’]s\s+)?"
_RATED = r"(?:grade|graded|rate|rated|rating|judged|inspection|inspected|report)"


_SAID = r"(?:say|said|says|find|found|think|thought|make\s+of)"


def _asked_about(noun: str, said: bool = False) -> str:
    """A setting of one's own ("my son's school") named with its grade or inspection, either
    way round (or, with `said`, with what Ofsted said of it), in one sentence: 'his school in
    Halifax feels like a tick box. What did Ofsted say about PEPs?' asks about the PEPs."""
    owned = rf"\b{_OWNED}(?:[\w-]+\s+){{0,3}}(?:{noun})\b"
    verbs = f"(?:{_RATED}|{_SAID})" if said else _RATED
    # After the setting, what Ofsted said of it ('our nursery - what did Ofsted say?'), not what
    # the setting said ('the school said we should tell the council').
    after = rf"(?:{_RATED}|(?:ofsted|inspectors?|they)\s+{_SAID})" if said else _RATED
    return rf"{owned}[^.?!]{{0,60}}\b{after}\b|\b{verbs}\b[^.?!]{{0,60}}{owned}"


OUT_OF_SCOPE = (
    Remit("a school's own inspection",
          _asked_about(r"(?<!virtual\s)school|academy|sixth\s+form|pupil\s+referral\s+unit", said=True) + r"|"
          r"\b(?:rated|rating|grade|graded|judged)\b.{0,60}\b(?:primary|secondary|infant|junior|grammar|free)\s+school\b|"
          r"\b(?:primary|secondary|infant|junior|grammar|free)\s+school\b.{0,60}\b(?:rated|rating|grade|graded|judged)\b",
          ("What Ofsted grade did my son's secondary school get", "how was our local primary school rated",
           "what Ofsted rating did St Mary's primary school get", "what did Ofsted say about my daughter's academy"),
          ("how do schools refer concerns to the MASH", "the virtual school's work with children in care",
           "My foster son's PEP meetings at his school feel like a tick box. What did Ofsted say about PEPs?",
           "my niece lives with us for school and the school said we should tell the council. "
           "What did Ofsted say about private fostering?")),
    Remit("a children's home's own inspection",
          _asked_about(r"children['’]s\s+home|home") + r"|"
          r"\b(?:privately\s+run|private)\s+children['’]s\s+home\b.{0,80}\b(?:rated|rating|grade|judged|inspection)\b",
          ("What rating did Ofsted give that home?", "my daughter's children's home, how was it rated"),
          ("how many children live in children's homes out of the area",
           "the inspection found children at home with their parents")),
    Remit("a school's own inspection",
          r"\b(?:the\s+)?(?:best|worst|top|good|outstanding|failing)\s+(?:primary\s+|secondary\s+|grammar\s+)?schools?\b"
          r"(?!\s+(?:for|to|and|work|support|place))",
          ("what is the best school in Kent?", "good primary schools in Leeds"),
          ("good schools for children in care", "the virtual school's work in Kent")),
    Remit("schools' own provision (the reports speak of councils' services for children, not of which schools offer what)",
          r"\bwhich\s+(?:primary\s+|secondary\s+|special\s+|local\s+)?schools?\b[^?]{0,60}\b(?:have|has|offer|run|with)\b",
          ("Which secondary schools there have a good SEN unit?", "which primary schools in Leeds offer breakfast clubs?"),
          ("which schools refer most children to the MASH", "how do schools and social workers share information")),
    Remit("a children's home's own inspection",
          r"\bchildren['’]s\s+home\s+(?:on|in|at)\s+[A-Z][\w'’-]*\s+(?:Street|Road|Lane|Avenue|Close|Drive|Way|Grove|Hill)\b|"
          r"\bchildren['’]s\s+home\s+called\b",
          ("What did Ofsted say about the children's home on Elm Street?", "the children's home called Oak House"),
          ("children's homes in Leeds", "the council's own children's homes")),
    Remit("a council's other services (council tax, bins, roads, parking, housing benefit)",
          r"^(?!.*\bcare[\s-]+(?:leavers?|experienced)\b).*?(?<!from\s)\bcouncil\s+tax\b"
          r"(?!\s+(?:exemptions?|exempt|relief|support|discounts?|reductions?))|"
          r"\bbin\s+collections?\b|\bparking\s+(?:permits?|fines?|tickets?)\b|\bpot\s*holes?\b|\bhousing\s+benefit\b",
          ("What is the council tax in Essex?", "when is the bin collection in Leeds", "parking permits in Camden",
           "Which councils have the highest council tax?"),
          ("care leavers are exempt from council tax", "council tax exemption for care leavers",
           "which councils let care leavers off paying council tax?")),
    Remit("a nursery's or childminder's own inspection",
          _asked_about(r"nursery|childminder|pre-?school|playgroup|creche", said=True) + r"|"
          r"\b(?:rate|rated|rating|grade|graded|judged)\b.{0,60}\b(?:nurser(?:y|ies)|childminders?|pre-?schools?)\b|"
          r"\b(?:nurser(?:y|ies)|childminders?|pre-?schools?)\b.{0,60}\b(?:rated|rating|grade|graded|judged)\b",
          ("is our nursery rated good", "what did the inspection say about my childminder",
           "What's the Ofsted rating of Little Stars nursery in Bolton?",
           "what did ofsted rate Little Acorns day nursery in Reading at its last inspection?"),
          ("nurseries and early years settings refer to the MASH",)),
    Remit("the SEND local area inspection",
          r"\b(?:SEND|special\s+educational\s+needs)\s+(?:local\s+)?(?:area\s+)?(?:inspection|review|report|visit)\b|"
          r"\b(?:local\s+)?area\s+SEND\b",
          ("what did the SEND area inspection find", "the local area SEND inspection"),
          ("disabled children's social work", "children in care with EHCPs")),
    Remit("other inspectorates' work (police, health, adult social care, probation, prisons)",
          r"\b(?:police|constabulary|hmicfrs|probation|prisons?|fire\s+(?:and\s+rescue\s+)?service)\s+"
          r"(?:inspection|inspectorate|report|response\s+times|rating)\b|\b(?:inspection|rating)\s+of\s+(?:the\s+)?"
          r"(?:[\w'’-]+\s+)?(?:police|constabulary|hospital|prison)\b|\bcqc\b|\bcare\s+quality\s+commission\b|\bhmicfrs\b|"
          # Adult social care, but not a young person's move to it, which the reports judge.
          r"^(?!.*\b(?:transitions?|transitioning|preparing\s+for\s+adulthood|turns?\s+18|turning\s+18|"
          r"(?:move|moving|moves|transfer\w*)\s+(?:from|to|into)\b)).*?\badult\s+social\s+care\b|"
          r"\b(?:a\s*&\s*e|hospitals?)\b.{0,40}\b(?:waiting|waits?|rating|inspection)\b|"
          r"\b(?:waiting|waits?|rating|inspection)\b.{0,40}\b(?:a\s*&\s*e|hospitals?)(?![\w&])|"
          r"\bgp\s+(?:surgery|practice)\b|\byouth\s+(?:justice|offending)\s+(?:service\s+)?inspection\b|\bhmi\s*probation\b|"
          r"\bhow\s+(?:quickly|fast|long)\s+(?:do|does|did|will)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,2}?police\s+"
          r"(?:respond|come|arrive|attend|take)\w*",
          ("what did the police inspection say about response times", "what did the CQC say",
           "What did HMICFRS's 2024 inspection of Kent Police say about child protection?",
           "adult social care in Devon", "hospital waiting times at A&E",
           "what are the waiting times at the hospital A&E?",
           "What did the youth justice inspection say about Bristol's youth offending team?",
           "how quickly do cleveland police respond when a kid is reported missing?"),
          ("how do police and social workers share information at the MASH",
           "children's health assessments by the looked after children's nurse",
           "how well do councils plan the move from children's to adult social care for disabled young people?")),
    Remit("Cafcass's own inspection (Ofsted inspects it separately; these reports are of councils)",
          r"\binspect(?:ed|ion|s)?\s+(?:of\s+)?cafcass\b|\bcafcass['’]?s?\s+(?:own\s+)?(?:ofsted\s+)?"
          r"(?:inspection|rating|grade|report)\b",
          ("What did Ofsted find when it inspected Cafcass?", "what was Cafcass's inspection rating?"),
          ("how do social workers work with Cafcass in pre-proceedings?", "the judge and Cafcass commended the work")),
    Remit("schools' results and exclusions for all their pupils (the reports cover the education of children in "
          "care and care leavers only)",
          r"^(?!.*\b(?:in\s+care|looked[\s-]+after|care\s+leavers?|virtual\s+school|children\s+in\s+need)\b).*?(?:"
          r"\b(?:gcse|a[\s-]?levels?|sats|key\s+stage\s+\d)\s+(?:results|grades|scores)\b|"
          r"\b(?:pupils|students)\b.{0,40}\b(?:excluded|exclusions?|expelled|suspended|suspensions)\b|"
          r"\b(?:exclusion|suspension|truancy)\s+(?:rates?|figures|numbers|statistics)\b)",
          ("what were the GCSE results like at secondary schools in Central Bedfordshire last year?",
           "how many pupils were permanently excluded from schools in Kent in 2023?",
           "what are the exclusion rates in Leeds schools?"),
          ("how many children in care were excluded from school in Kent?",
           "GCSE results of looked after children in Leeds", "the virtual school's work on exclusions")),
    Remit("services outside England (Ofsted inspects English councils; Wales, Scotland and Northern Ireland have "
          "inspectorates of their own)",
          r"\b(?:wales|welsh|scotland|scottish|northern\s+ireland)\b|" + outside_england().pattern,
          ("Did Ofsted inspect Wales' children's services?", "What did Ofsted find about Scottish councils?",
           "we live in swansea, what did ofsted say about the council?", "how good is Glasgow's fostering service?"),
          ("how do councils in the North West support care leavers", "care leavers in Newport, Isle of Wight",
           "the highland games")),
    Remit("when the next inspection will be (Ofsted does not announce it; the reports say when each was held)",
          r"\bwhen\s+(?:is|will|does|are)\b[^?]{0,60}?\bnext\s+(?:full\s+)?(?:ofsted\s+)?(?:inspection|visit|ofsted)\b|"
          r"\bnext\s+(?:ofsted\s+)?inspection\s+(?:is\s+)?(?:due|be|happen)|"
          r"\bwhen\s+will\s+[\w'’ -]{1,40}?\s+be\s+(?:inspected|visited)\b|\bwhen\s+(?:is|are)\s+[\w'’ -]{1,40}?\s+due\b|"
          r"\bwhen\s+(?:will|might|would)\s+(?:ofsted|inspectors|they)\s+next\s+(?:inspect|visit|come|go\s+in)\b",
          ("When will the next inspection of Essex happen?", "When is Derbyshire's next inspection?",
           "when will ofsted next inspect enfield childrens services?",
           "when will Leeds be inspected again?", "when is Devon's next Ofsted?"),
          ("what did the inspection say about the next steps", "what happened at the inspection after that",
           "Which councils dropped to requires improvement at their next inspection?")),
    Remit("a fostering or adoption agency's own inspection",
          _asked_about(r"(?:independent\s+|private\s+|voluntary\s+)?(?:fostering|adoption)\s+agency", said=True) + r"|"
          r"\b(?:independent|private|voluntary)\s+(?:(?:fostering|adoption)\s+)?agenc(?:y|ies)\b.{0,80}\b(?:rated|rating|grade|graded|judged)\b|"
          r"\b(?:rated|rating|grade|graded|judged)\b.{0,60}\b(?:independent|private|voluntary)\s+(?:fostering|adoption)\s+agenc(?:y|ies)\b|"
          r"\b(?:fostering|adoption)\s+service['’]?s?\b.{0,40}\bown\s+(?:ofsted\s+)?inspection\b",
          ("What did Ofsted say about the independent fostering agency my sister uses in Kent?",
           "What rating did the voluntary adoption agency in Manchester get?",
           "How did Nottinghamshire's fostering service do in its own Ofsted inspection?",
           "I'm joining an independent agency called Capstone. what's Capstone's ofsted rating?"),
          ("how well does the regional adoption agency work with the council",
           "councils that use independent fostering agencies for too many children")),
    Remit("a children's centre's own inspection",
          _asked_about(r"children['’]s\s+centre"),
          ("What grade did the children's centre in Barnet get?", "how was our children's centre rated"),
          ("children's centres offer early help to families",)),
    Remit("a college's or training provider's own inspection",
          _asked_about(r"college|university|training\s+provider|apprenticeship\s+provider") + r"|"
          rf"\b(?:{_RATED}|{_SAID})\b[^.?!]{{0,60}}\b(?:at|of)\s+(?!the\s+local\b)(?:[\w'’-]+\s+){{1,3}}college\b",
          ("what grade did my daughter's college get", "what did ofsted say about safeguarding at calderdale college?"),
          ("care leavers going to college", "what did ofsted say about care leavers at college?")),
    Remit("Ofsted's own offices, contact details, jobs and complaints about Ofsted",
          r"\b(?:what\s+time|when)\s+(?:does|do|is|are)\s+(?:the\s+)?ofsted\b.{0,30}\b(?:open|close|closed)\b|"
          r"\bofsted(?:['’]s)?\s+(?:(?:head\s+)?offices?|headquarters|opening\s+(?:hours|times)|phone\s+number|"
          r"helpline|email\s+address|address|jobs?|vacanc(?:y|ies)|careers?|salar(?:y|ies))\b|"
          r"\b(?:work|job)\s+(?:for|at)\s+ofsted\b|\bcomplain(?:t)?\s+(?:about|against)\s+(?:an\s+)?ofsted\b",
          ("what time does the Ofsted office open?", "what is Ofsted's phone number", "how do I get a job at Ofsted",
           "how do I make a complaint about Ofsted's inspection"),
          ("what did Ofsted say about the council's out of hours service",
           "when did Ofsted last inspect Leeds", "how do councils respond to complaints from children")),
    Remit("pay and contact details (salaries, phone numbers, addresses, opening hours)",
          r"\bsalar(?:y|ies)\b|\bpay\s+(?:scales?|bands?|rates?)\b|\b(?:phone|telephone)\s+numbers?\b|"
          r"\bemail\s+address\b|\bcontact\s+details\b|\bopening\s+(?:hours|times)\b|"
          r"\bhow\s+much\s+(?:is|are|does|do|did|was|were)\s+[\w'’ -]{1,60}?\s+(?:paid|earn|earns|get\s+paid)\b|"
          r"\b(?:weekly|monthly|annual)\s+(?:fostering\s+)?(?:allowances?|fees?|payments?|rates?)\b|"
          r"\bfostering\s+(?:allowances?|fees?|payments?|rates?)\b.{0,40}\b(?:how\s+much|per\s+week|a\s+week|amount)\b|"
          r"\bhow\s+much\b.{0,40}\bfostering\s+(?:allowances?|fees?|payments?)\b",
          ("What is the salary for a social worker in Essex?", "What's the phone number for Surrey children's services?",
           "How much is Bradford's director of children's services paid?",
           "whats the weekly fostering allowance for a teenager in Essex?"),
          ("social workers' pay and conditions were improved", "foster carers said the fostering allowances were fair",
           "how much support do foster carers get?")),
    Remit("a council's spending figures (the reports speak of investment, never give budgets or costs)",
          r"\bhow\s+much\s+(?:money\s+)?(?:does|do|did|is|are|was|were)\s+[\w'’ -]{1,40}?\s+(?:spend|spent|spending|cost|budget)\w*\b|"
          r"\b(?:spend|spending|cost|costs)\s+per\s+(?:child|pupil|head|place|placement)\b|"
          r"\b(?:annual|total|overall)\s+(?:budget|spend|spending)\b|\bbudget\s+(?:is|was|for\s+children)",
          ("How much does Wiltshire council spend per child in care?", "how much does Lancashire spend on agency staff",
           "what is the annual budget for children's services in Kent?"),
          ("leaders have invested in early help", "spending time with children", "the cost of living crisis")),
    Remit("national statistics (the DfE's censuses and returns count what the reports do not)",
          r"\b(?:workforce|school)\s+census\b|\b(?:dfe|department\s+for\s+education)(?:['’]s)?\s+(?:[\w-]+\s+){0,2}"
          r"(?:census|statistics|stats|figures|data|returns?)\b|\bnational\s+(?:statistics|stats)\b|\bons\s+(?:figures|data|statistics)\b|"
          r"\bhow\s+many\s+(?:children|kids|young\s+people|care\s+leavers|social\s+workers|adoptions|foster\s+carers)\b"
          r"[^?]{0,80}\b(?:in|across)\s+(?:england|the\s+country|the\s+uk)\b",
          ("How many children's social workers left in 2024 according to the DfE workforce census?",
           "what do the DfE statistics say about children in care nationally?",
           "national statistics on care leavers in education",
           "How many children were looked after in England at 31 March 2024?"),
          ("how many councils were judged inadequate in 2024?", "how many councils in England are outstanding?", "the council's own data on missing children",
           "leaders use performance data well")),
    Remit("the law and statutory guidance themselves (the reports judge practice against them, they do not set them out)",
          r"\bwhat(?:['’]?s|\s+is|\s+are|\s+were)\s+the\s+(?:rules?|law|laws|legal\s+requirements?|regulations?|"
          r"statutory\s+(?:guidance|requirements?))\s+(?:on|about|for|around)\b",
          ("Are foster kids allowed to share a bedroom? whats the rule on bedroom sharing",
           "what is the law on smacking?", "what are the regulations for children's homes staffing?"),
          ("did the council follow the rules on private fostering notifications?",
           "what did inspectors say about statutory visits?", "how does Leeds apply the law on deprivation of liberty?")),
    Remit("whether Ofsted's grades mean anything or are fair (a matter of opinion; the reports give the grades and "
          "the findings behind them)",
          r"\b(?:do|does|did)\s+(?:ofsted(?:['’]s)?\s+)?(?:grades?|ratings?|judge?ments?|inspections?)\s+"
          r"(?:even\s+|really\s+|actually\s+)?(?:mean|matter|tell\s+(?:you|us))\s+(?:anything|much)\b|"
          r"\bis\s+ofsted\s+(?:even\s+)?(?:fair|reliable|accurate|biased|trustworthy)\b",
          ("honestly do ofsted grades even mean anything?", "is Ofsted fair to councils in deprived areas?"),
          ("what did the grades mean for Leeds?", "what does requires improvement mean?")),
    Remit("house prices and rents in an area",
          r"\b(?:average|typical|usual)\s+(?:monthly\s+)?rents?\b|\brents?\s+(?:for|on)\s+(?:a\s+)?(?:one|two|three|four|[1-4])[\s-]*bed|"
          r"\bhouse\s+prices\b|\bhow\s+much\s+(?:is|are|does|do)\s+(?:the\s+|a\s+)?(?:rents?|renting|flats?\s+cost)\b",
          ("whats the average rent for a one bed flat in leeds?", "house prices in Surrey",
           "how much is rent in Bristol?"),
          ("care leavers get help to pay their rent", "rent arrears support for care leavers")),
    Remit("what a future inspection will find (the reports say what was found, not what will be)",
          r"\bwhat\s+will\s+(?:ofsted|inspectors?|they)\s+(?:rate|grade|judge|give|find|say)\b|"
          r"\bwill\s+[\w'’ -]{1,40}?\s+(?:be\s+(?:rated|judged|graded)|get|keep|lose)\s+[\w'’ -]{0,30}?\bnext\s+"
          r"(?:time|inspection|ofsted)\b|\b(?:predict|forecast)\w*\b|"
          r"\bwhat\s+(?:grade|rating|judgement)\s+will\b|\bdo\s+you\s+think\b[^?]{0,60}?\bwill\b|"
          r"\bwill\s+[\w'’ -]{1,40}?\s+(?:come\s+out\s+of|get\s+out\s+of|go\s+(?:up|down)|improve)\b[^?]{0,40}?\bnext\b",
          ("What will Ofsted rate Nottinghamshire at its next inspection?",
           "will Leeds keep its outstanding rating next time?", "predict Kent's next grade",
           "do you think devon will come out of inadequate at its next inspection?", "what grade will they get?",
           "will Slough come out of inadequate at the next Ofsted?"),
          ("what did the inspection find", "will children get the help they need?",
           "what grade did they get?", "do you think the front door is safe?")),
)
"""Inspections these reports are not: a question about one of them gets a weak answer that says so."""

SERVICE_WORDS = frozenset("children children's childrens kids families services service social care work department "
                          "provision whole overall rated judged graded receive received achieve achieved "
                          "judgement judgements grade grades rating ratings".split())
"""Words that name a council's children's services as a whole ('is Leeds' children's social
care any good?', 'was it rated outstanding?'), not a part of them."""

FAULT_WORDS = frozenset("problem problems issue issues fix fixed fixing wrong".split()) | frozenset(
    "anything something everything nothing".split())

ROSTER_FRAME_WORDS = frozenset("list lists name names show".split())
"""Words that frame a question asking which councils ('list of councils that had an inspection in
2020'): in a roster they name no topic."""

CHANGE_FRAME_WORDS = frozenset("""two three four five couple years year time times back describe described see saw
    seen across improvement improvements improve improved better worse change changes changed practice things""".split())
"""Words that frame a question about change at one council ('what actually changed in those two
years?', 'how did practice change between the two?', 'what did inspectors see that was better?'):
in a timeline they name no topic, and the summaries of the inspections answer."""
"""Words that ask whether something is wrong or was put right ('what's still a problem?',
'what is not fixed from last time?', 'has anything got better?'): no report need use them for
it to answer."""


def own_words(match: re.Match[str]) -> list[tuple[int, int]]:
    """The spans of a cue's match without what it names in passing, its `subject` ('did
    Wokingham's leadership change': the change, not the leadership), which is a topic."""
    groups = match.re.groupindex
    if "subject" not in groups or match.start("subject") < 0:
        return [match.span()]
    return [(match.start(), match.start("subject")), (match.end("subject"), match.end())]


def first(cues: tuple[Cue, ...] | Cue, text: str) -> tuple[Cue, re.Match[str]] | None:
    """The first cue of a table that matches the text, with its match."""
    for cue in cues if isinstance(cues, tuple) else (cues,):
        match = cue.regex.search(text)
        if match:
            return cue, match
    return None


def out_of_scope(text: str) -> str | None:
    """The remit a question asks about that these reports do not cover, if any."""
    for remit in OUT_OF_SCOPE:
        if remit.regex.search(text):
            return remit.name
    return None
