"""Question understanding: what a question says about which reports it means."""
from datetime import date

from askofsted.asking.understanding import Filters, describe, judgement_areas, override, understand
from askofsted.asking.ranking import stated_judgements


def test_a_year_is_the_inspection_year_and_leaves_the_question():
    u = understand("how were missing children handled in 2012?")
    assert u.filters.years == (2012,)
    assert u.filters.authorities == ()
    assert "2012" not in u.text and "missing children" in u.text


def test_authority_in_any_common_spelling():
    for question in (
        "How does Kingston's single point of access deal with referrals?",
        "What did Ofsted say about the Royal Borough of Kingston-upon-Thames?",
        "what about kingston upon thames care leavers",
    ):
        assert understand(question).filters.authorities == ("Kingston upon Thames",), question
    for question in ("How is RBKC doing on exploitation?", "How good was K&C's care leaver service?",
                     "What did Kensington & Chelsea's focused visit find?"):
        assert understand(question).filters.authorities == ("Kensington and Chelsea",), question
    assert understand("What did the City of London commission?").filters.authorities == ("City of London",)
    # County abbreviations, the longer name winning: NE Lincs is not Lincolnshire.
    for short, authority in (("Notts", "Nottinghamshire"), ("NE Lincs", "North East Lincolnshire"),
                             ("Lincs", "Lincolnshire"), ("South Glos", "South Gloucestershire"),
                             ("Central Beds", "Central Bedfordshire"), ("West Northants", "West Northamptonshire"),
                             ("West Berks", "West Berkshire"), ("Wolves", "Wolverhampton"),
                             ("blackburn w/ darwen", "Blackburn with Darwen")):
        assert understand(f"How does {short} support care leavers?").filters.authorities == (authority,), short
    # The longer name wins: Hull is not Kingston upon Thames.
    assert understand("What did Kingston upon Hull do?").filters.authorities == ("Kingston upon Hull",)
    # A name that is no English word counts in lower case too, even where a town elsewhere shares it.
    assert understand("is richmond outstanding?").filters.authorities == ("Richmond upon Thames",)


def test_authority_and_year_are_taken_out_of_the_words_matched():
    u = understand("What did Ofsted find about the caseloads of independent reviewing officers in Bolton in 2014?")
    assert u.filters.authorities == ("Bolton",) and u.filters.years == (2014,)
    assert "Bolton" not in u.text and "2014" not in u.text
    assert "caseloads of independent reviewing officers" in u.text


def test_everyday_words_are_not_councils():
    assert understand("Reading the case files, were children seen alone?").filters.authorities == ()
    assert understand("Do children feel safe in the bath?").filters.authorities == ()
    assert understand("Are there enough beds in secure units?").filters.authorities == ()
    assert understand("Do wolves live in the forest near children's homes?").filters.authorities == ()
    assert understand("What did inspectors find in Reading in 2019?").filters.authorities == ("Reading",)


def test_latest_inspection():
    u = understand("According to the most recent Ofsted inspection of Southwark, how are privately fostered children?")
    assert u.filters.latest and u.filters.authorities == ("Southwark",)
    assert understand("What did the latest inspection say about neglect?").filters.latest
    named = understand("What did the latest Norfolk inspection say about homeless 16 and 17 year olds?")
    assert named.filters.latest and named.filters.authorities == ("Norfolk",)
    assert not understand("How many children were adopted in the last 12 months?").filters.latest


def test_a_question_of_filter_words_only_is_matched_whole():
    u = understand("What were the most recent grades for Kent?")
    assert u.filters.latest and u.filters.authorities == ("Kent",)
    assert "grades" in u.text


def test_report_type_and_judgement_intent():
    u = understand("What was the overall verdict of Kingston's 2019 focused visit on vulnerable adolescents?")
    assert u.filters.report_types == ("focused_visit",)
    assert u.filters.years == (2019,)
    assert u.about_judgements
    assert not understand("How are risks to unborn babies picked up?").about_judgements


def test_asking_how_ofsted_judged_or_rated_is_about_judgements():
    assert understand("How did Ofsted rate Sefton's safeguarding children board in 2016?").about_judgements
    assert understand("What did inspectors judge for the impact of leaders in Camden?").about_judgements
    # A judge in court, or a rate of referrals, is not a judgement.
    assert not understand("What did the family court judge think of how the council handles care cases?").about_judgements
    assert not understand("What is the rate of re-referrals in Leeds?").about_judgements


def test_what_a_grade_sentence_is_about():
    # Children's services in a place are all of them; in need of help, only help and protection.
    assert "overall_effectiveness" in judgement_areas("Children's services in the City of London are outstanding")
    assert "overall_effectiveness" not in judgement_areas("Inspection of services for children in need of help")
    # A sentence naming a judgement gives that one's grade, even in the overall words.
    assert stated_judgements("Services for children in Manchester are no longer inadequate.") == {"overall_effectiveness"}
    assert stated_judgements(
        "The leadership, management and governance of children's services in Tower Hamlets are inadequate."
    ) == {"impact_of_leaders"}
    assert stated_judgements("Adoption performance and support is good overall, including timeliness.") == {"adoption"}
    assert stated_judgements("Overall effectiveness: Good\nThe experiences and progress of care leavers: Good") == {
        "overall_effectiveness", "care_leavers"}
    # A past grade is not this inspection's.
    assert stated_judgements("At the previous inspection, services were judged to be inadequate.") == set()
    # A grade word before a noun is an adjective, not a grade.
    assert stated_judgements("Ensure that young people are aware of their right to become looked after and there "
                             "is adequate accommodation to meet their needs.") == set()
    assert stated_judgements("There is good management oversight of work with care leavers.") == set()
    assert stated_judgements("Services for care leavers are good and improving.") == {"care_leavers"}
    # 'Overall' grades the services only when the sentence speaks of them, not one measure of them.
    assert stated_judgements("Performance on numbers of children adopted in Hull overall is good.") == set()
    assert stated_judgements("Overall placement stability is good.") == set()
    assert stated_judgements("Overall, services for children and families in Derby are good.") == {"overall_effectiveness"}


def test_year_ranges():
    assert understand("audits since 2018").filters.since == 2018
    assert understand("audits before 2015").filters.until == 2014
    assert understand("audits until 2015").filters.until == 2015
    between = understand("audits between 2014 and 2017").filters
    assert (between.since, between.until, between.years) == (2014, 2017, ())
    recent = understand("How have care leavers fared in the last five years?", today=date(2026, 11, 26))
    assert (recent.filters.since, recent.filters.until) == (2021, None)
    assert "five" not in recent.text
    assert understand("audits over the past 3 years", today=date(2026, 11, 26)).filters.since == 2023
    # 'last year', 'this year' stand from today; 'in the last year' is a span of time, not a year.
    last = understand("what did inspectors find in Kingston last year?", today=date(2026, 11, 26))
    assert last.filters.years == (2025,) and not last.topical
    assert understand("was Kingston inspected this year?", today=date(2026, 11, 26)).filters.years == (2026,)
    assert understand("in the last year, were more children adopted?", today=date(2026, 11, 26)).filters.years == ()


def test_older_report_types_by_their_everyday_names():
    assert understand("Kingston 2010 unannounced inspection: were referrals on time?").filters.report_types == (
        "contact_referral_assessment", "child_protection")
    assert understand("the unannounced inspection of contact, referral and assessment").filters.report_types == (
        "contact_referral_assessment",)
    assert understand("What did the safeguarding and looked after children inspection say?").filters.report_types == (
        "safeguarding_and_looked_after",)


def test_grade_word_in_a_question_about_judgements_filters_by_grade():
    u = understand("What did inspectors say about care leavers in councils judged inadequate?")
    assert u.filters.grade == "inadequate"
    assert u.filters.grade_area == "care_leavers"
    # Naming the authority asks what its grade was: the grade word is not a filter then.
    assert understand("Was Suffolk judged good overall in 2015?").filters.grade is None
    # 'good' as an everyday word is not a grade filter.
    assert understand("What does good practice with care leavers look like?").filters.grade is None


def test_flags_override_what_was_understood():
    understood = understand("missing children in Kingston in 2012").filters
    flagged = override(understood, years=(2019,))
    assert flagged.years == (2019,) and flagged.authorities == ("Kingston upon Thames",)
    assert override(understood).years == (2012,)


def test_describe_says_what_was_understood():
    assert describe(Filters(authorities=("Kingston upon Thames",), years=(2012,))) == (
        "Kingston upon Thames, inspected in 2012"
    )
    assert describe(Filters()) == "all reports"  # the first line says so when no filter applies


def test_a_part_of_a_report_named_in_the_scene_is_not_asked_for():
    from askofsted.asking.sentences import sections_asked

    # The scene says what the asker heard; the asking sentence what they want: the findings.
    assert sections_asked("kingston 2019 - I heard early help was one of the things they need to improve. "
                          "what did the inspectors actually find about early help?") == ()
    assert [s.key for s in sections_asked("I start at Kingston next week. What needs to improve there?")] == ["improvement"]
    # An asking sentence that only points back takes the sentence before: 'they' are the recommendations.
    assert [s.key for s in sections_asked("Kingston had recommendations in 2019. What were they?")] == ["improvement"]


def test_words_for_a_kind_of_report_choose_it_and_are_not_matched():
    from askofsted.words import words

    understood = understand("Kingston 2019 ILACS - what did they say about pathway plans?")
    assert understood.filters.report_types == ("ilacs",)
    assert words(understood.text) == ["pathway", "plans"]
    assert words(understand("what did the Kingston focused visit say about the front door?").text) == ["front", "door"]
    # Words for a kind of report that also name what it is about stay to be matched.
    understood = understand("what did Kingston's inspection of contact, referral and assessment find?")
    assert understood.filters.report_types == ("contact_referral_assessment",)
    assert {"contact", "referral", "assessment"} <= set(words(understood.text))


def test_currently_and_versus_are_no_topic():
    # 'currently' says when the grade holds: the roster still comes from the grades.
    understood = understand("which councils in London are currently requires improvement or inadequate?")
    assert understood.shape == "roster" and understood.filters.grade == "requires improvement"
    assert understood.filters.latest and understood.grade_or == "worse"
    # 'vs' between two years compares them; it is no topic to look for.
    understood = understand("kingston 2019 vs 2024 - is it better now?")
    assert understood.shape == "timeline" and not understood.topical
