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
from ..domain.grades import grade_pattern, normalise_grade
from ..domain.judgements import HEADLINE_KEYS, judgement, judgement_for, part_patterns
from ..domain.ofsted import ofsted_contact
from ..domain.report_types import report_type as report_type_of, title_rules
from ..models import Judgements, Paragraph, ReportFacts, StatedJudgement

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

_GRADE = grade_pattern()
# A heading that ends in its grade: 'Overall effectiveness Grade 4 (Inadequate)', 'The experiences
# and progress of children in care: outstanding', 'The Local Safeguarding Children Board requires improvement'.
_GRADED_HEADING = re.compile(
    rf"^(?P<label>.+?)[\s:]+(?:grade\s+\d\s*\(\s*(?P<g1>{_GRADE})\s*\)|(?P<g2>{_GRADE})(?:\s*\(grade\s+\d\))?)\s*\.?$",
    re.IGNORECASE,
)
# A paragraph opening with its grade: 'The overall effectiveness of safeguarding services is inadequate.'
_GRADE_SENTENCE = re.compile(
    rf"^(?P<label>[^.;:\n]{{3,160}}?)\s+(?:is|are)\s+(?:judged\s+to\s+be\s+|now\s+)?(?P<g>{_GRADE})(?=[\s.,;]|$)",
    re.IGNORECASE,
)
# ... or with 'requires improvement' as its verb: 'The Local Safeguarding Children Board (LSCB) in
# Bromley requires improvement to be good.' Not the framework's definition of a grade ('An LSCB
# requires improvement if it does not yet demonstrate the characteristics of good').
_REQUIRES_SENTENCE = re.compile(
    rf"^(?P<label>(?!an?\s)[^.;:\n]{{3,160}}?)\s+(?P<g>requires?\s+improvement(?:\s+to\s+be\s+good)?)(?=[\s.,;]|$)",
    re.IGNORECASE,
)
# A grade table flattened into text: 'Overall effectiveness<TAB>Inadequate Capacity for improvement<TAB>Adequate'.
_TABBED_ROW = re.compile(rf"(?P<label>[^\t]+?)\t+\s*(?P<g>{_GRADE})\b", re.IGNORECASE)
# The overall grade as the single inspection framework's headline, above its table.
_HEADLINE = re.compile(
    rf"(?P<label>the\s+overall\s+judgement)\s+is\s+(?:that\s+children.s\s+services\s+(?:are|is)\s+)?(?P<g>{_GRADE})|"
    rf"(?P<label2>children.s\s+services\s+in\s+[^\n.]{{2,80}}?)\s+(?:are|is)\s+(?P<g2>{_GRADE})",
    re.IGNORECASE,
)


def stated_judgements(paragraphs: list[Paragraph], report_kind: str | None, front: str) -> tuple[StatedJudgement, ...]:
    """Every judgement the report grades, as it states them, in reading order; the first
    statement of each judgement is the one kept (and cited).

    Statements come from grade tables (every row, known label or not), headings that end in
    a grade, paragraphs that open by stating one ('Partnership working is adequate.', or
    'Health outcomes are adequate.' under the heading 'Being healthy'), grade tables
    flattened into text, and the single inspection framework's headline above its table.
    """
    found: list[StatedJudgement] = []
    seen: set[str] = set()

    def add(label: str, words: str, anchor: str, part: str | None, unknown_ok: bool = False) -> None:
        grade = normalise_grade(words)
        judgement = judgement_for(report_kind, label, part)
        if grade is None or (judgement is None and not unknown_ok):
            return
        label = _own_label(label, report_kind, part, judgement)
        key = judgement.key if judgement else None
        if (key or label.lower()) in seen:
            return
        seen.add(key or label.lower())
        found.append(StatedJudgement(label=label, key=key, grade=grade, anchor=anchor))

    headings_seen: set[tuple[str, ...]] = set()
    part: str | None = None
    for paragraph in paragraphs:
        top = paragraph.headings[0] if paragraph.headings else None
        if paragraph.kind == "judgements":
            for heading in paragraph.headings:
                headline = _HEADLINE.search(heading)
                if headline:
                    add(headline.group("label") or headline.group("label2"), headline.group("g") or headline.group("g2"),
                        paragraph.anchor, top)
            for row in paragraph.text.split("\n"):
                label, _, words = row.rpartition(":")
                add(label, words, paragraph.anchor, top, unknown_ok=True)
        for depth in range(len(paragraph.headings)):
            path = paragraph.headings[: depth + 1]
            if path in headings_seen:
                continue
            headings_seen.add(path)
            graded = _GRADED_HEADING.match(path[-1])
            if graded:
                add(graded.group("label"), graded.group("g1") or graded.group("g2"), paragraph.anchor, top)
            if depth == len(paragraph.headings) - 1:
                sentence = _GRADE_SENTENCE.match(paragraph.text)
                if sentence:  # the grade sentence under a heading names the heading's judgement
                    add(path[-1], sentence.group("g"), paragraph.anchor, top)
        sentence = _GRADE_SENTENCE.match(paragraph.text) or _REQUIRES_SENTENCE.match(paragraph.text)
        if sentence and paragraph.kind != "judgements":
            add(sentence.group("label"), sentence.group("g"), paragraph.anchor, top)
        if "\t" in paragraph.text:
            for row in _TABBED_ROW.finditer(paragraph.text):
                label = row.group("label").strip()
                for pattern in part_patterns():  # a part's title runs into its first row's label
                    words = label.split()
                    for cut in range(len(words) - 1, 0, -1):
                        if pattern.match(" ".join(words[:cut])):
                            part, label = " ".join(words[:cut]), " ".join(words[cut:])
                            break
                add(label, row.group("g"), paragraph.anchor, part or top)
    headline = _HEADLINE.search(front) if found else None
    if headline:  # the single inspection framework states the overall grade above its table
        anchor = next((p.anchor for p in paragraphs if p.kind == "judgements"), found[0].anchor)
        add(headline.group("label") or headline.group("label2"), headline.group("g") or headline.group("g2"), anchor, None)
    return _apart(found)


def _apart(found: list[StatedJudgement]) -> tuple[StatedJudgement, ...]:
    """From 2023 a report grades children in care and care leavers apart, and some tables print
    the care leavers' line as 'The experiences and progress of children care leavers' (sic),
    which reads as the combined judgement of 2018-22. Beside a line for children in care it is
    the care leavers' judgement: stated there, in the table, it is kept and any later statement
    of the care leavers' grade dropped."""
    if not any(s.key == "children_in_care" for s in found):
        return tuple(found)
    out: list[StatedJudgement] = []
    for stated in found:
        if stated.key == "children_in_care_and_care_leavers":
            stated = StatedJudgement(label="The experiences and progress of care leavers", key="care_leavers",
                                     grade=stated.grade, anchor=stated.anchor)
        if not any(s.key == stated.key and stated.key for s in out):
            out.append(stated)
    return tuple(out)


def _own_label(label: str, report_kind: str | None, part: str | None, known) -> str:
    """The label as printed, without a title it ran on from ('Norfolk County Council Inspection
    of ... Children's services in Norfolk are' -> 'Children's services in Norfolk') or a
    trailing 'is'."""
    words = label.split()
    if known is not None and len(words) > 12:
        for start in range(len(words) - 1, -1, -1):
            if judgement_for(report_kind, " ".join(words[start:]), part) == known:
                while start and words[start - 1].lower() in ("the", "local"):
                    start -= 1
                words = words[start:]
                break
    text = " ".join(words).strip(" :")
    return re.sub(r"\s+(?:is|are)(?:\s+that\s+it(?:\s+is)?)?$", "", text)


def headline_judgements(report_kind: str | None, stated: tuple[StatedJudgement, ...]) -> Judgements:
    """The five headline judgements Ofsted's published grades keep, from the stated ones."""
    found: dict[str, str] = {}
    for item in stated:
        target = judgement(report_kind, item.key)
        if target and target.headline in HEADLINE_KEYS and target.headline not in found:
            found[target.headline] = item.grade
    return Judgements(**found)


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

_OFSTED_ADDRESS = ofsted_contact()


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
    for key, pattern in title_rules():
        match = pattern.search(head)
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
    kind = report_type_of(report_kind)
    if kind and kind.letter:
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
    stated = stated_judgements(paragraphs, kind, front)
    return ReportFacts(
        authority=_authority(front.split("\n"), full),
        report_type=kind,
        inspection_start=start,
        inspection_end=end,
        published=_published(front, kind),
        lead_inspector=_lead_inspector(front, full),
        judgements=headline_judgements(kind, stated),
        stated_judgements=stated,
    )
