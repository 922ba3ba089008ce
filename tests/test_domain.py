"""Ofsted's world as data: every data file loads and agrees with itself, and the names
people write (misspelt, informal, of councils since abolished) find the right authorities
without turning ordinary words into places."""

from __future__ import annotations

import re

import pytest

from askofsted.asking.understanding import describe, understand
from askofsted.domain import (
    HEADLINE_KEYS,
    REGIONS,
    all_judgements,
    authorities,
    authority,
    canonical_authority,
    changes,
    current_grades,
    grade,
    grades,
    grades_in,
    judgement_areas,
    judgement_for,
    judgements,
    match_authorities,
    normalise_grade,
    ofsted_contact,
    predecessors,
    report_types,
    scales,
    successors,
)
from askofsted.domain.authorities import normalise
from askofsted.domain.judgements import judgement_areas_table
from askofsted.domain.ofsted import contact_patterns
from askofsted.domain.sections import POPULATIONS, about_others, population_of, populations_asked
from askofsted.reading.facts import report_type as title_type


# ---------------------------------------------------------------- authorities


def test_authority_table_loads_with_codes_regions_and_urns():
    current = [a for a in authorities() if a.current]
    assert len(current) == 153  # every English authority with children's services
    assert all(a.region in REGIONS for a in authorities())
    assert all(re.fullmatch(r"E(?:06|08|09|10)\d{6}", a.gss_code) for a in authorities() if a.gss_code)
    assert len({a.gss_code for a in authorities()}) == len(authorities())
    dfe = [a.dfe_number for a in authorities() if a.dfe_number]
    assert all(re.fullmatch(r"\d{3}", n) for n in dfe) and len(set(dfe)) == len(dfe)
    urns = [a.ofsted_urn for a in current if a.ofsted_urn]
    assert len(urns) == 153 and len(set(urns)) == 153
    kingston = authority("Kingston upon Thames")
    assert (kingston.gss_code, kingston.dfe_number, kingston.ofsted_urn, kingston.region) == (
        "E09000021", "314", "80545", "London")


def test_every_name_and_alias_belongs_to_one_authority():
    seen: dict[str, str] = {}
    for a in authorities():
        for name in (a.name, *a.aliases):
            key = normalise(name)
            assert seen.setdefault(key, a.name) == a.name, f"{name!r} names {seen[key]} and {a.name}"
        assert set(a.capitalised_only) <= {a.name, *a.aliases}


def test_every_change_names_known_authorities_and_every_abolished_one_has_successors():
    names = {a.name for a in authorities()}
    for change in changes():
        assert change.authority in names and change.became in names, change
        assert change.change in ("split", "merger", "transfer", "unitary")
    for a in authorities():
        if a.ended:
            assert successors(a.name), a.name
            assert all(c.day == a.ended for c in changes() if c.authority == a.name and c.change in ("split", "merger"))
    assert successors("Cumbria") == ("Cumberland", "Westmorland and Furness")
    assert successors("Northamptonshire") == ("North Northamptonshire", "West Northamptonshire")
    assert successors("Bedfordshire") == ("Bedford", "Central Bedfordshire")
    assert successors("Cheshire") == ("Cheshire East", "Cheshire West and Chester")
    assert successors("Poole") == successors("Bournemouth") == ("Bournemouth, Christchurch and Poole",)
    assert predecessors("Bournemouth, Christchurch and Poole") == ("Bournemouth", "Poole")
    assert successors("Dorset") == ()  # Dorset Council goes on (less Christchurch)


@pytest.mark.parametrize(
    "question, authorities_meant, corrected",
    [
        ("kingstone care levers pathway plans", ("Kingston upon Thames",), "kingstone"),
        ("Kensignton and Chelsey social worker caseloads", ("Kensington and Chelsea",), "Kensignton and Chelsey"),
        ("How does Stoke on trent handle neglect?", ("Stoke-on-Trent",), None),
        ("Is Brighton any good for care leavers?", ("Brighton and Hove",), None),
        ("What did Ofsted say about Birmingam's front door?", ("Birmingham",), "Birmingam"),
        ("liverpol care leavers", ("Liverpool",), "liverpol"),
        ("Warwickshre early help", ("Warwickshire",), "Warwickshre"),
        ("what about west berkshre", ("West Berkshire",), "west berkshre"),
        ("what did ofsted say about brum's front door", ("Birmingham",), None),
        ("has bham got better since 2018", ("Birmingham",), None),
        ("Derbys care leavers", ("Derbyshire",), None),
        ("what did ofsted say about newcastle's MASH in 2022", ("Newcastle upon Tyne",), None),  # typed in lower case
        ("hull care leavers", ("Kingston upon Hull",), None),
        ("kent front door", ("Kent",), None),
        ("what did ofsted say about slough's front door", ("Slough",), None),  # a word's possessive is the place
        ("reading council care leavers", ("Reading",), None),
        ("manc front door", ("Manchester",), None),
        ("bury was rated inadequate in 2021, has it improved?", ("Bury",), None),  # a word, but what was rated
        ("what did stoke get for care leavers?", ("Stoke-on-Trent",), None),  # ... or what got a grade
        ("is bury any good?", ("Bury",), None),
        ("brent foster carer here. did ofsted notice the training backlog?", ("Brent",), None),  # no everyday word
        ("did sutton improve?", ("Sutton",), None),  # nor these: a place, or a word no question uses
        ("harrow care leavers service - has it got worse?", ("Harrow",), None),
        ("W Sussex private fostering", ("West Sussex",), None),  # compass points shortened
        ("NE Lincs care leavers", ("North East Lincolnshire",), None),
        ("windsor maidenhead front door", ("Windsor and Maidenhead",), None),  # 'and' left out
        ("moving to the scillies", ("Isles of Scilly",), None),
    ],
)
def test_misspelt_and_informal_names_find_their_authority(question, authorities_meant, corrected):
    found = match_authorities(question)
    assert len(found) == 1 and found[0].authorities == authorities_meant
    assert found[0].corrected == (corrected is not None)
    if corrected:
        assert found[0].text == corrected and corrected in found[0].note()


@pytest.mark.parametrize(
    "sentence",
    [
        "Reading the case files, were children seen alone?",
        "reading the files showed drift",
        "a good bury of the evidence",
        "bath time and bedtime routines",
        "Leaders are leading the service well",
        "leading practitioners and managers",
        "we had to bury the past and start again",
        "W and E wings of the building",
        "barking dogs and noisy neighbours",
        "I have been reading social workers' blogs about caseloads",
        "How does West Yorkshire police share information?",
        "Greater Manchester's combined authority funds the hub",
        "children in the north east and the south west",
        "care leavers said the pathway plans were helpful",
        "Managers have a good grip on caseloads",
        "social workers visit children regularly",
        "the virtual school headteacher tracks attendance",
        "independent reviewing officers escalate concerns",
        "What happens when a child goes missing from care?",
        "how are private fostering arrangements assessed?",
        "does the front door respond quickly to referrals?",
    ],
)
def test_ordinary_sentences_name_no_authority(sentence):
    assert match_authorities(sentence) == []


def test_sentences_of_the_seed_reports_are_not_misspelt_councils(corpus_dir):
    """Thousands of sentences of real prose, in lower case as people type: no correction
    turns any of their words into a council."""
    corrected = []
    for path in sorted(corpus_dir.glob("*.txt")):
        for sentence in re.split(r"(?<=[.!?])\s+|\n", path.read_text()):
            corrected += [(m.text, m.matched) for m in match_authorities(sentence.lower()) if m.corrected]
    assert corrected == []


def test_an_abolished_authority_leads_to_its_successors_and_says_so():
    (cumbria,) = match_authorities("How were care leavers supported in Cumbria?")
    assert cumbria.authorities == ("Cumberland", "Westmorland and Furness", "Cumbria")  # its own reports too
    assert cumbria.predecessor == "Cumbria" and not cumbria.corrected
    assert "Cumberland and Westmorland and Furness" in cumbria.note() and "April 2023" in cumbria.note()
    (northants,) = match_authorities("Northamptonshire's children's trust")
    assert northants.authorities[:2] == ("North Northamptonshire", "West Northamptonshire")
    (poole,) = match_authorities("What did Ofsted find in Poole?")
    assert poole.authorities == ("Bournemouth, Christchurch and Poole", "Poole") and "2019" in poole.note()


def test_questions_say_what_was_read_into_a_name():
    u = understand("kingstone care levers pathway plans")
    assert u.filters.authorities == ("Kingston upon Thames",)
    assert "kingstone" not in u.text and "care levers pathway plans" in u.text
    assert describe(u.filters, u.notes) == "Kingston upon Thames ('kingstone' read as Kingston upon Thames)"
    cumbria = understand("How has Cumbria done on neglect since 2016?")
    assert cumbria.filters.authorities == ("Cumberland", "Westmorland and Furness", "Cumbria")
    assert "passed to Cumberland and Westmorland and Furness in April 2023" in describe(cumbria.filters, cumbria.notes)
    assert understand("What did inspectors find in Reading in 2019?").notes == ()


def test_names_given_on_purpose_still_resolve():
    assert canonical_authority("Royal Borough of Kingston-upon-Thames Council") == "Kingston upon Thames"
    assert canonical_authority("london corporation") == "City of London"
    assert canonical_authority("windsor & maidenhead") == "Windsor and Maidenhead"
    assert canonical_authority("Cumbria") == "Cumbria"


# ---------------------------------------------------------------- report types


def test_report_types_load_and_each_phrase_matches_its_own_example():
    keys = [t.key for t in report_types()]
    assert len(keys) == len(set(keys))
    assert {"ilacs", "focused_visit", "monitoring_visit", "jtai", "sif", "lscb_review", "safeguarding_and_looked_after",
            "looked_after_children", "safeguarding", "child_protection", "contact_referral_assessment"} <= set(keys)
    for t in report_types():
        assert t.kind in ("inspection", "visit", "review")
        assert t.graded == (t.grade_scale is not None) and (not t.grade_scale or t.grade_scale in scales())
        assert t.title_phrases, t.key
        for phrase in t.title_phrases:
            assert title_type(phrase.example) == t.key, phrase.example
        for phrase in t.question_phrases:
            assert re.search(phrase.pattern, phrase.example, re.IGNORECASE), phrase.example
            assert t.key in understand(phrase.example).filters.report_types, phrase.example


# ---------------------------------------------------------------- judgements and grades


def test_every_judgement_belongs_to_a_graded_type_and_maps_to_a_headline_key_or_none():
    graded = {t.key for t in report_types() if t.graded}
    for j in all_judgements():
        assert set(j.types) <= graded, j.key
        assert j.headline is None or j.headline in HEADLINE_KEYS, j.key
    for t in report_types():
        keys = [j.key for j in judgements(t.key)]
        assert len(keys) == len(set(keys)), t.key
        assert bool(keys) == t.graded, t.key


def test_every_judgement_label_finds_its_own_judgement():
    for j in all_judgements():
        for example in j.examples:
            for kind in j.types:
                found = judgement_for(kind, example, j.part)
                assert found is not None and found.key == j.key, (kind, example)


def test_one_label_two_judgements_told_apart_by_the_part_they_sit_in():
    slac = "safeguarding_and_looked_after"
    assert judgement_for(slac, "Overall effectiveness", "Safeguarding services").key == "safeguarding_overall_effectiveness"
    assert judgement_for(slac, "Overall effectiveness", "Services for looked after children").key == (
        "looked_after_overall_effectiveness")
    assert judgement_for(slac, "The overall effectiveness of safeguarding services").headline == "help_and_protection"
    assert judgement_for("sif", "The graded judgement for adoption performance is that it is").key == "adoption_performance"
    assert judgement_for("focused_visit", "Overall effectiveness") is None


def test_grades_scales_and_words():
    assert current_grades() == ("outstanding", "good", "requires improvement", "inadequate")
    assert scales()["four_point_2009"].grades == ("outstanding", "good", "adequate", "inadequate")
    for scale in scales().values():
        assert all(grade(key) for key in scale.grades)
        assert [grade(key).rank for key in scale.grades] == [1, 2, 3, 4]
    for g in grades():
        for words in g.report_words:
            assert normalise_grade(re.sub(r"^Grade \d \((.*)\)$", r"\1", words)) == g.key, words
        assert re.search(g.pattern, g.example, re.IGNORECASE), g.example
    assert normalise_grade("Require improvement to be good") == "requires improvement"
    assert normalise_grade("Not judged") is None


@pytest.mark.parametrize(
    "text, meant",
    [
        ("which councils are failing?", "inadequate"),
        ("is it still RI?", "requires improvement"),
        ("councils rated excellent", "outstanding"),
        ("poor services for care leavers", "inadequate"),
        ("it was judged requires improvement to be good", "requires improvement"),
    ],
)
def test_everyday_grade_words(text, meant):
    assert [g for g, _, _ in grades_in(text)] == [meant]


def test_judgement_areas_match_their_examples():
    for key, _, examples in judgement_areas_table():
        for example in examples:
            assert key in judgement_areas(example), example


def test_each_part_of_a_graded_report_is_found_by_its_heading_and_asked_for_by_its_example():
    for part in POPULATIONS:
        assert population_of(["The local authority", part.heading_example]) == {part.key}, part.key
        if part.key != "leaders":  # the leaders' part widens a question naming children; alone it names none
            assert part.key in populations_asked(part.question_example), part.question_example


@pytest.mark.parametrize("question, parts", [
    ("are disabled kids in care in Hull seen by the same social worker?", {"children_in_care"}),
    ("how do they support foster carers' children", {"children_in_care"}),
    ("do care leavers get help with rent?", {"care_leavers", "children_in_care"}),
    ("what happens after 18 for kids in care", {"care_leavers", "children_in_care"}),
    ("how quick are child protection visits", {"help_and_protection"}),
    ("are the child protection teams short of staff?", {"help_and_protection", "leaders"}),
    ("what did they say about private fostering?", {"help_and_protection"}),
    ("were caseloads high in Leeds?", set()),  # no children named: every part may answer
    ("how are religious leaders involved?", set()),
])
def test_the_children_a_question_names(question, parts):
    assert populations_asked(question) == parts


def test_a_paragraph_sits_in_the_part_its_nearest_graded_heading_names():
    sif = ["The local authority", "The experiences and progress of children looked after and achieving permanence Good",
           "The graded judgement about the experience and progress of care leavers is that it is good"]
    assert population_of(sif) == {"care_leavers"}
    assert population_of(["The experiences and progress of children in care and care leavers: good"]) == {
        "children_in_care", "care_leavers"}
    assert population_of(["The local authority", "Information about this local authority area",
                          "Children looked after in this area"]) == set()  # local figures, no part
    asked = populations_asked("do kids in care get help with their mental health?")
    assert about_others(["The experiences and progress of children who need help and protection: good"], asked)
    assert not about_others(["The experiences and progress of children in care: good"], asked)
    assert not about_others(["What needs to improve?"], asked)


def test_ofsted_contact_details_match_their_examples_and_not_report_text():
    for _, example in contact_patterns():
        assert ofsted_contact().search(example), example
    assert not ofsted_contact().search("Cumberland Council's early help offer is well used.")


# ---------------------------------------------------------------- everyday words

from askofsted.domain.vocabulary import concepts, find_concepts, in_report_words, report_terms  # noqa: E402


@pytest.mark.parametrize("concept", concepts(), ids=lambda c: c.report_terms[0])
def test_every_concept_is_found_by_its_own_example(concept):
    assert concept in [f.concept for f in find_concepts(concept.example)], concept.example


@pytest.mark.parametrize("question, terms", [
    ("are foster parents in Leeds given enough training?", "foster carers"),
    ("what happens to kids taken into care in Hull?", "children entering care"),
    ("do gangs groom teenagers in Croydon?", "criminal exploitation"),
    ("what happens to kids in care in Hull when their placement breaks down?", "children in care"),
    ("do they help mums and dads with drug problems in Bury?", "parental substance misuse"),
    ("teenagers sleeping on sofas in Leeds", "homeless 16- and 17-year-olds"),
    ("what happens when a baby has bruises in Kent?", "child protection medicals"),
    ("are children in care in Luton placed far away from home?", "out of area"),
])
def test_everyday_words_bring_the_reports_terms(question, terms):
    assert any(terms in t for t in report_terms(question)), report_terms(question)


def test_distance_and_the_number_of_placements_are_different_things():
    # 'sent miles from home' is about where children live, not whether there are enough homes.
    assert "placement sufficiency" not in report_terms("are kids in care sent miles from home in Kent?")
    assert "out of area" not in report_terms("are there enough foster carers in Devon?")


def test_a_question_in_the_reports_own_words_needs_no_other():
    assert report_terms("how are care leavers supported with their pathway plans?") == ()


def test_an_abbreviation_still_brings_the_term_reports_spell_out():
    # 'SGO' is the reports' abbreviation too, but they mostly write 'special guardianship'.
    assert "special guardianship" in report_terms("my mum may get an SGO for my nephew: what support is there?")
    # Spelt out, the report's term needs no other.
    assert report_terms("what support do families with special guardianship orders get?") == ()


def test_in_report_words_rewrites_the_phrase_in_place():
    assert in_report_words("what happens to kids taken into care?").startswith("what happens to ")
    assert "children entering care" in in_report_words("what happens to kids taken into care?")


@pytest.mark.parametrize("key,heading,meant", [
    ("summary", "Executive summary", True),  # the single inspection framework's summary
    ("summary", "Headline findings", True),
    ("summary", "Summary for children and young people", True),
    ("summary", "Information about this local authority", False),
    ("improvement", "What needs to improve in this local authority?", True),
    ("improvement", "The experiences and progress of children in care", False),
    ("improvement", "Within three months:", True),  # the 2012 framework lists its areas for improvement by when
    ("improvement", "Immediately:", True),
    ("improvement", "Children were seen immediately", False),
])
def test_report_parts_are_known_by_their_headings(key, heading, meant):
    from askofsted.domain.sections import headed

    assert headed(key, heading) is meant


def test_each_stance_reads_its_own_examples_and_not_the_others():
    from askofsted.domain.stance import STANCES, asked_stance, speaks

    for stance in STANCES:
        for question in stance.question_examples:
            assert asked_stance(question)[0] == stance.key, question
        for question in stance.not_question_examples:
            assert asked_stance(question)[0] != stance.key, question
        for sentence in stance.sentence_examples:
            assert speaks(stance.key, sentence), sentence
        for sentence in stance.not_sentence_examples:
            assert not speaks(stance.key, sentence), sentence


def test_each_way_a_report_compares_with_an_earlier_inspection_reads_its_examples():
    from askofsted.domain.comparison import COMPARISONS, compares_with_earlier

    for way in COMPARISONS:
        for sentence in way.examples:
            assert compares_with_earlier(sentence), sentence
        for sentence in way.not_examples:
            assert not compares_with_earlier(sentence), sentence
    # The 2013-2017 framework's context section counts incidents 'since the last inspection':
    # a count, not a comparison of services.
    counted = "Since the last inspection, two serious incident notifications have been submitted to Ofsted."
    assert compares_with_earlier(counted)
    assert not compares_with_earlier(counted, "Information about this local authority area > Child protection in this area")


def test_a_question_asking_for_both_praise_and_criticism_asks_for_neither():
    from askofsted.domain.stance import asked_stance

    stance, spans = asked_stance("What do inspectors praise in pre-birth work, and what do they pick holes in?")
    assert stance is None and len(spans) == 2  # both sets of words are still not the topic


def test_a_criticism_may_sit_in_one_clause_but_praise_must_lead():
    from askofsted.domain.stance import speaks

    mixed = ("Most letters to parents are clear about what needs to change. However, some lack clarity and are "
             "too long. This could confuse parents.")
    assert speaks("critical", mixed)
    assert not speaks("praise", "Plans are reviewed regularly. However, too many are not updated. "
                                "Managers do not check them. Children wait too long.")
    assert speaks("praise", "Care leavers are well supported by tenacious personal advisers. Some live far away.")


def test_a_concept_is_named_by_a_phrase_of_its_own_not_by_one_of_its_words():
    from askofsted.domain.vocabulary import named_concepts

    assert "young carers" in [c.report_terms[0] for c in named_concepts("support for kids caring for parents")]
    assert "young carers" in [c.report_terms[0] for c in named_concepts("what help do young carers get?")]
    assert not any("children's homes" in c.report_terms[0] for c in named_concepts("fee-paying residential schools"))
