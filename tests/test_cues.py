"""Every cue of the question tables matches its own examples and none of its counter-examples."""

from __future__ import annotations

import pytest

from askofsted.asking import cues

TABLES = {
    "latest": cues.LATEST,
    "previous": (cues.PREVIOUS,),
    "first": (cues.FIRST,),
    "ranges": cues.RANGES,
    "published": (cues.PUBLISHED,),
    "since_then": (cues.SINCE_THEN,),
    "earlier": (cues.EARLIER,),
    "history": cues.HISTORY,
    "grade_ask": cues.GRADE_ASK,
    "change": (cues.CHANGE,),
    "roster": (cues.ROSTER,),
    "practice": (cues.PRACTICE,),
    "compare": (cues.COMPARE,),
    "direction": cues.DIRECTION,
    "extreme": cues.EXTREME,
    "from_to": (cues.FROM_TO,),
    "to_grade": (cues.TO_GRADE,),
    "regions": cues.REGION_WORDS,
    "quality": (cues.QUALITY,),
    "about": (cues.ABOUT,),
    "two": (cues.TWO,),
    "named": (cues.NAMED,),
    "repeated": cues.REPEATED,
    "grade_or": cues.GRADE_OR,
    "every_judgement": (cues.EVERY_JUDGEMENT,),
    "asker": (cues.ASKER,),
    "in_a_row": (cues.IN_A_ROW,),
    "ever": (cues.EVER,),
    "from_grade": (cues.FROM_GRADE,),
    "over_that_time": (cues.OVER_THAT_TIME,),
    "always": (cues.ALWAYS,),
    "this_or_last_year": (cues.THIS_OR_LAST_YEAR,),
    "inspected": (cues.INSPECTED,),
    "since_grade": (cues.SINCE_GRADE,),
    "next": (cues.NEXT,),
}
CASES = [(name, cue) for name, table in TABLES.items() for cue in table]


@pytest.mark.parametrize("name,cue", CASES, ids=[f"{n}:{c.means}:{i}" for i, (n, c) in enumerate(CASES)])
def test_cue_examples(name, cue):
    assert cue.examples, "every cue carries examples"
    for example in cue.examples:
        assert cue.regex.search(example), f"{name} should match {example!r}"
    for example in cue.not_examples:
        assert not cue.regex.search(example), f"{name} should not match {example!r}"


@pytest.mark.parametrize("remit", cues.OUT_OF_SCOPE, ids=[r.name for r in cues.OUT_OF_SCOPE])
def test_out_of_scope_examples(remit):
    for example in remit.examples:
        assert cues.out_of_scope(example) == remit.name, example
    for example in remit.not_examples:
        assert cues.out_of_scope(example) is None, example


@pytest.mark.parametrize("question", [
    "How do schools refer concerns about children to the front door?",
    "What did inspectors say about children living in children's homes far from home?",
    "How well are care leavers supported into college or university?",
    "What did Ofsted find about the virtual school in Kent?",
    "Was Slough rated inadequate in 2023?",
])
def test_questions_these_reports_answer_are_in_scope(question):
    assert cues.out_of_scope(question) is None


@pytest.mark.parametrize("question,regions", [
    ("Which councils in the North West are rated inadequate?", ("North West",)),
    ("failing councils in London", ("London",)),
    ("What did Ofsted say about the City of London's care leavers?", ()),
    ("How does North East Lincolnshire support care leavers?", ()),
    ("Which councils in the Midlands were judged good?", ("East Midlands", "West Midlands")),
])
def test_regions_are_read_outside_authority_names(question, regions):
    from askofsted.asking.understanding import understand

    assert understand(question).filters.regions == regions


@pytest.mark.parametrize("question,names", [
    ("Which councils run a Lifelong Links service for care leavers?", ("Lifelong Links",)),
    ("Which councils have adopted Family Safeguarding?", ("Family Safeguarding",)),
    ("Does Kingston upon Thames use Signs of Safety?", ("Signs of Safety",)),
    ("Which councils in the North West use 'Mockingbird' fostering hubs?", ("Mockingbird",)),
    ("How does Kensington and Chelsea protect children?", ()),
    ("Which councils use Mockingbird for foster carers?", ("Mockingbird",)),
    ("What did Ofsted's inspectors say about Leeds in May?", ()),
    ("What did Ofsted say about Richmond's Achieving for Children?", ("Achieving for Children",)),
    ("Is Kent's Mockingbird programme working?", ("Mockingbird",)),
])
def test_named_programmes_are_read_outside_places(question, names):
    from askofsted.asking.understanding import understand

    assert understand(question).names == names


def test_a_council_in_brackets_is_an_aside_in_a_roster_but_a_place_elsewhere():
    from askofsted.asking.understanding import understand

    roster = understand("which councils use Mockingbird (the Kingston one with hubs of foster carers)?")
    assert roster.shape == "roster" and roster.filters.authorities == () and roster.names == ("Mockingbird",)
    assert understand("has bucks council (buckinghamshire) ever been rated good?").filters.authorities == (
        "Buckinghamshire",)


@pytest.mark.parametrize("question, authorities", [
    # An abolished council named beside one of its successors is how that one came to be.
    ("cumberland council is new since cumbria got split up. what did ofsted rate them at their first inspection?",
     ("Cumberland",)),
    ("how did Cumbria's care leavers do after it was split?", ("Cumberland", "Westmorland and Furness", "Cumbria")),
])
def test_an_abolished_council_beside_its_successor_is_history(question, authorities):
    from askofsted.asking.understanding import understand

    assert understand(question).filters.authorities == authorities


@pytest.mark.parametrize("question, authorities", [
    # Councils named only in the scene are the scene where the asking sentence names its own.
    ("I live in Leeds. What did Ofsted say about Bradford care leavers?", ("Bradford",)),
    ("I moved from Kent to Medway last year. What did the 2023 Medway report say about foster carers?", ("Medway",)),
    # Not where the question compares, or the asking sentence points back to the scene.
    ("Leeds was outstanding. How does Bradford compare?", ("Leeds", "Bradford")),
    ("Westminster was inspected while it was still in the tri-borough with Hammersmith & Fulham. What did "
     "inspectors say about how that arrangement worked for Westminster's children?", ("Westminster",)),
    ("The City of London has few children. Which services does it share with Hackney?", ("City of London", "Hackney")),
])
def test_a_council_named_only_in_the_scene_is_not_asked_about(question, authorities):
    from askofsted.asking.understanding import understand

    understood = understand(question)
    assert understood.filters.authorities == authorities
    assert understood.shape != "timeline"  # 'still' in the scene asks about no change


@pytest.mark.parametrize("question, years", [
    # A year in the scene is when something happened; the asking clause's year is the inspection.
    ("We became a new unitary in 2019 - what did ofsted say in 2021 about how services coped?", (2021,)),
    ("My son went into care in 2016. What did the 2019 Ofsted report say about Leeds children in care?", (2019,)),
    ("what did Kent's 2019 and 2022 inspections say about care leavers?", (2019, 2022)),
])
def test_a_year_in_the_scene_is_not_the_inspection_asked_about(question, years):
    from askofsted.asking.understanding import understand

    assert understand(question).filters.years == years


def test_list_of_councils_inspected_is_a_roster_of_the_inspections():
    from askofsted.asking.understanding import understand

    understood = understand("list of councils that had a full children's services inspection in 2020")
    assert understood.shape == "roster" and understood.inspected and not understood.topical


@pytest.mark.parametrize("question, grade", [
    ("which councils were rated inadequate at their 2015 single inspection?", "inadequate"),
    ("which councils were judged good at their first standard inspection?", "good"),
    ("which councils are good at working with exploited children?", None),  # what they do well
])
def test_a_grade_at_an_inspection_is_a_grade_but_good_at_a_practice_is_not(question, grade):
    from askofsted.asking.understanding import understand

    assert understand(question).filters.grade == grade


def test_every_table_of_cues_is_checked():
    """A cue table added to cues.py without its examples being run here would drift."""
    tables = {name for name, value in vars(cues).items() if name.isupper() and (
        isinstance(value, cues.Cue) or (isinstance(value, tuple) and value and isinstance(value[0], cues.Cue)))}
    checked = {name for name, value in vars(cues).items()
               if any(value is table or (isinstance(value, cues.Cue) and value in table) for table in TABLES.values())}
    assert tables <= checked, sorted(tables - checked)
