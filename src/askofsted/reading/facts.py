"""What a report says about itself: authority, type, dates, lead inspector, grades.

Ofsted has used several frameworks since 2009 and each sets out its cover page
differently; the rules here read them all from the report's own words, never
from its file name, so a renamed file still gives the right facts.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..domain.authorities import find_authorities
from ..models import Judgements, Paragraph, ReportFacts

# ---------------------------------------------------------------- report types


_TYPE_RULES: list[tuple[str, str]] = [
    ("focused_visit", r"focused\s+visit"),
    ("monitoring_visit", r"monitoring\s+visit"),
    ("jtai", r"joint\s+targeted\s+area\s+inspection"),
    ("contact_referral_assessment", r"inspection\s+of\s+contact,?\s+referral\s+and\s+assessment"),
    ("safeguarding_and_looked_after", r"inspection\s+of\s+safeguarding\s+and\s+looked\s+after\s+children"),
    ("looked_after_children", r"inspection\s+of\s+(?:services\s+for\s+)?looked\s+after\s+children"),
    ("child_protection", r"arrangements\s+for\s+the\s+protection\s+of\s+children"),
    ("sif", r"(?:re-?\s?)?inspection\s+of\s+services\s+for\s+children\s+in\s+need\s+of\s+help"),
    ("ilacs", r"inspection\s+of\s+(?:the\s+)?[\w ,.&'’-]{0,80}?local\s+authority\s+children.s\s+services"),
    ("ilacs", r"inspection\s+of\s+(?:local\s+authority\s+)?children.s\s+social\s+care\s+services"),
    ("ilacs", r"inspection\s+of\s+[\w ,.&'’-]{0,60}?children(?:.s)?\s+(?:and\s+families\s+|services\s+)?trust\b"),
    ("ilacs", r"inspection\s+of\s+[\w ,.&'’-]{0,60}?children.s\s+services"),
    ("lscb_review", r"review\s+of\s+the\s+effectiveness\s+of\s+the\s+local\s+safeguarding\s+children\s+board"),
    ("safeguarding", r"inspection\s+of\s+safeguarding\s+services"),
]

# ---------------------------------------------------------------- dates

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_RANGE = re.compile(
    rf"{_DAY}\s*({_MONTH})?\.?,?\s*(\d{{4}})?\s*(?:–|-|—|to|and|until)\s*{_DAY}\s+({_MONTH})\.?,?\s+(\d{{4}})",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"{_DAY}\s+({_MONTH})\.?,?\s+(\d{{4}})", re.IGNORECASE)


def _day(day: str, month: str, year: str) -> date | None:
    try:
        return date(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
    except (ValueError, KeyError):
        return None


_NUMERIC = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")


def _numeric_dates(text: str) -> list[date]:
    """'12/09/2016' (day first, as Ofsted writes it)."""
    days = []
    for day, month, year in _NUMERIC.findall(text):
        try:
            days.append(date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return days


def parse_date_range(text: str) -> tuple[date | None, date | None]:
    """'7 to 18 November 2022', '21 May – 1 June 2012', '19 and 20 January 2010', '12/09/2016 to 06/10/2016'."""
    numeric = _numeric_dates(text)
    if numeric and not _SINGLE.search(text):
        start, end = numeric[0], numeric[1] if len(numeric) > 1 else numeric[0]
        if start <= end and (end - start).days < 120:
            return start, end
    match = _RANGE.search(text)
    if match:
        d1, m1, y1, d2, m2, y2 = match.groups()
        end = _day(d2, m2, y2)
        if end:
            start = _day(d1, m1 or m2, y1 or y2)
            if start and start > end and not y1:  # '28 December - 8 January 2016'
                start = _day(d1, m1 or m2, str(int(y2) - 1))
            if start and start <= end and (end - start).days < 120:
                return start, end
    match = _SINGLE.search(text)
    if match:
        single = _day(*match.groups())
        return single, single
    return None, None


# ---------------------------------------------------------------- grades

GRADE_PATTERN = r"(outstanding|good|requires\s+improvement(?:\s+to\s+be\s+good)?|inadequate|adequate)"

_JUDGEMENT_LABELS: list[tuple[str, str]] = [
    ("overall_effectiveness", r"overall\s+(?:effectiveness|judgement)"),
    ("impact_of_leaders", r"impact\s+of\s+leaders|leadership,?\s+management\s+and\s+governance"),
    ("help_and_protection", r"help\s+and\s+protection"),
    ("children_in_care", r"children\s+in\s+care|children\s+looked\s+after|looked\s+after\s+children"),
    ("care_leavers", r"care\s+leavers"),
]


def normalise_grade(word: str) -> str:
    word = " ".join(word.lower().split())
    return "requires improvement" if word.startswith("requires improvement") else word


def _label_key(label: str) -> str | None:
    label = label.lower()
    if re.search(r"adoption", label):
        return None
    for key, pattern in _JUDGEMENT_LABELS:
        if re.search(pattern, label):
            return key
    return None


def _judgements(paragraphs: list[Paragraph], front: str, full: str) -> Judgements:
    found: dict[str, str] = {}
    for paragraph in paragraphs:
        if paragraph.kind != "judgements":
            continue
        for row in paragraph.text.split("\n"):
            label, _, grade = row.rpartition(":")
            key = _label_key(label)
            if key and key not in found and re.fullmatch(GRADE_PATTERN, grade.strip(), re.IGNORECASE):
                found[key] = normalise_grade(grade)
    overall = re.search(
        rf"the\s+overall\s+judgement\s+is\s+{GRADE_PATTERN}|"
        rf"children.s\s+services\s+in\s+[^\n.]{{2,80}}?\s+(?:are|is)\s+{GRADE_PATTERN}",
        front,
        re.IGNORECASE,
    )
    if overall and "overall_effectiveness" not in found and found:
        # The single inspection framework states the overall grade above its table.
        found["overall_effectiveness"] = normalise_grade(overall.group(1) or overall.group(2))
    if not found:
        found.update(_older_framework_judgements(full))
    return Judgements(**found)


def _older_framework_judgements(full: str) -> dict[str, str]:
    """2009-2013 reports grade safeguarding and looked after children services apart."""
    found: dict[str, str] = {}
    for key, service in (
        ("help_and_protection", r"safeguarding\s+services"),
        ("children_in_care", r"services\s+for\s+looked\s+after\s+children"),
    ):
        match = re.search(
            rf"(?:overall\s+effectiveness\s+of\s+(?:the\s+council.s\s+)?{service}\s+is\s+{GRADE_PATTERN})|"
            rf"(?:{service}\s+overall\s+effectiveness\s+(?:grade\s+\d\s+\()?{GRADE_PATTERN})",
            full,
            re.IGNORECASE,
        )
        if match:
            found[key] = normalise_grade(match.group(1) or match.group(2))
    return found


# ---------------------------------------------------------------- people

_NAME = r"([A-Z][\w'’\-]+(?:[ \t]+(?:[A-Z][\w'’\-]+|de|van|von|le)){0,3})"


def _lead_inspector(front: str, full: str) -> str | None:
    for pattern in (
        rf"(?:lead|reporting)\s+inspector:?\s*{_NAME}",
        rf"(?:the\s+)?inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was)\s*:?\s*{_NAME}",
        rf"Her\s+Majesty.s\s+Inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was)\s*:?\s*{_NAME}",
        rf"His\s+Majesty.s\s+Inspectors?\s+(?:for\s+this\s+visit\s+)?(?:were|was)\s*:?\s*{_NAME}",
        rf"Yours\s+sincerely\s*\n+\s*{_NAME}",
    ):
        for text in (front, full):
            match = re.search(pattern, text, re.IGNORECASE if "sincerely" not in pattern else 0)
            if match:
                name = _tidy_name(match.group(1))
                if name:
                    return name
    return None


def _tidy_name(name: str) -> str | None:
    name = re.split(r"\s+(?:HMI|Her|His|Her Majesty|His Majesty|Ofsted|Social|Senior|Lead|Team)\b", name)[0]
    name = name.strip(" ,.")
    words = name.split()
    if not words or len(words) > 4 or name.lower() in {"the", "and"}:
        return None
    if len(words) == 1 and not re.match(r"^[A-Z][a-z]+$", words[0]):
        return None
    return name


# ---------------------------------------------------------------- authority

_OFSTED_ADDRESS = re.compile(
    r"(piccadilly gate|store street|freshford house|redcliffe way|aviation house|kingsway|agora|"
    r"cumberland place|royal exchange|clive house|petty france|ofsted\.gov\.uk|nottingham ng1|"
    r"manchester m1|bristol bs1|london wc2b|reports\.ofsted)",
    re.IGNORECASE,
)


def _authority(front_lines: list[str], full: str) -> str | None:
    """The authority named in the title area, confirmed by how often it recurs."""
    head: list[str] = []
    for line in front_lines:  # only the title area is scored: stop once it is long enough
        if not _OFSTED_ADDRESS.search(line):
            head.append(line)
            if sum(len(h) + 1 for h in head) > 1500:
                break
    front = "\n".join(head)
    counts = Counter(m.authority for m in find_authorities(full))
    early = find_authorities(front[:1500])
    scores: Counter[str] = Counter()
    for rank, mention in enumerate(early[:6]):
        scores[mention.authority] += 12 - 2 * rank
    for name, count in counts.items():
        scores[name] += min(count, 30) * 0.5
    if not scores:
        return None
    best, _ = scores.most_common(1)[0]
    return best


# ---------------------------------------------------------------- all together


def report_type(front: str) -> str | None:
    """The kind of report its title names: the earliest phrase that names one wins,
    so a full inspection that mentions an earlier focused visit is still a full one."""
    head = " ".join(front[:1500].split())
    best: tuple[int, str] | None = None
    for key, pattern in _TYPE_RULES:
        match = re.search(pattern, head, re.IGNORECASE)
        if match and (best is None or match.start() < best[0]):
            best = (match.start(), key)
    return best[1] if best else None


def _inspection_dates(front: str, full: str) -> tuple[date | None, date | None]:
    for pattern in (
        r"inspection\s+dates?:?\s*([^\n]{0,80}(?:\n[^\n]{0,40})?)",
        r"(?:conducted|carried\s+out|took\s+place|undertaken|visit[^.\n]{0,160}?)\s+(?:on|between|from)\s+([^.]{0,60})",
        r"\bon\s+(\d{1,2}(?:st|nd|rd|th)?\s+(?:and|to|–|-)\s+\d{1,2}[^.]{0,30})",
    ):
        for match in re.finditer(pattern, front, re.IGNORECASE):
            start, end = parse_date_range(match.group(1).replace("\n", " "))
            if start:
                return start, end
    return None, None


def _published(front: str, report_kind: str | None) -> date | None:
    match = re.search(r"published:?\s*([^\n]{0,40})", front, re.IGNORECASE)
    if match:
        start, _ = parse_date_range(match.group(1))
        if start:
            return start
    if report_kind in ("focused_visit", "monitoring_visit", "contact_referral_assessment", "jtai"):
        # A letter: its date, above the salutation, is the day it was published.
        head = front.split("Dear", 1)[0] if "Dear" in front else front[:600]
        for line in head.split("\n"):
            if _OFSTED_ADDRESS.search(line):
                continue
            match = re.fullmatch(rf"\s*{_DAY}\s+({_MONTH})\s+(\d{{4}})\s*", line, re.IGNORECASE)
            if match:
                return _day(*match.groups())
    return None


def parse_facts(paragraphs: list[Paragraph], pages_text: list[str]) -> ReportFacts:
    """Facts from a report's paragraphs and the raw text of its pages."""
    front = "\n".join(pages_text[:3])
    full = "\n".join(pages_text)
    kind = report_type(front)
    start, end = _inspection_dates(front, full)
    return ReportFacts(
        authority=_authority(front.split("\n"), full),
        report_type=kind,
        inspection_start=start,
        inspection_end=end,
        published=_published(front, kind),
        lead_inspector=_lead_inspector(front, full),
        judgements=_judgements(paragraphs, front, full),
    )
