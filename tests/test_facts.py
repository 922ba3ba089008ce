"""Facts a user checks: who was inspected, what kind of inspection, when, by whom,
and the grades, read from the report's own words."""

from __future__ import annotations

from datetime import date
from functools import lru_cache

import pytest

from askofsted.reading.facts import parse_date_range, report_type
from askofsted.reading.reader import read_report


@lru_cache(maxsize=None)
def _facts(path):
    return read_report(path).facts


@pytest.mark.parametrize(
    "seed, authority, kind, start, end, published, inspector",
    [
        ("kingston-upon-thames_2024-12_ilacs.txt", "Kingston upon Thames", "ilacs",
         date(2024, 12, 2), date(2024, 12, 6), None, "Nicki Shaw"),
        ("kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt", "Kingston upon Thames",
         "safeguarding_and_looked_after", date(2012, 5, 21), date(2012, 6, 1), date(2012, 7, 10), "Chris Sands"),
        ("kingston-upon-thames_2019-03_focused-visit.txt", "Kingston upon Thames", "focused_visit",
         date(2019, 3, 19), date(2019, 3, 20), date(2019, 4, 11), "Kate Malleson"),
        ("kensington-and-chelsea_2022-06_focused-visit.txt", "Kensington and Chelsea", "focused_visit",
         date(2022, 6, 15), date(2022, 6, 16), date(2022, 7, 20), "Tom Anthony"),
        ("kingston-upon-thames_2010-01_unannounced-contact-referral-assessment.txt", "Kingston upon Thames",
         "contact_referral_assessment", date(2010, 1, 19), date(2010, 1, 20), date(2010, 2, 17), "Steve Briggs"),
    ],
)
def test_seed_facts(corpus_dir, seed, authority, kind, start, end, published, inspector):
    facts = _facts(corpus_dir / seed)
    assert (facts.authority, facts.report_type) == (authority, kind)
    assert (facts.inspection_start, facts.inspection_end, facts.published) == (start, end, published)
    assert facts.lead_inspector == inspector


def test_ilacs_seed_grades(corpus_dir):
    grades = _facts(corpus_dir / "kingston-upon-thames_2024-12_ilacs.txt").judgements.as_dict()
    assert set(grades.values()) == {"outstanding"}


def test_2012_seed_grades_safeguarding_and_looked_after_apart(corpus_dir):
    judgements = _facts(corpus_dir / "kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt").judgements
    assert (judgements.help_and_protection, judgements.children_in_care) == ("inadequate", "adequate")
    assert judgements.overall_effectiveness is None


def test_focused_visits_have_no_grades(corpus_dir):
    facts = _facts(corpus_dir / "kingston-upon-thames_2019-03_focused-visit.txt")
    assert not facts.judgements.any() and facts.stated_judgements == ()


def _stated(facts) -> dict[str, tuple[str, str, str]]:
    return {s.key: (s.label, s.grade, s.anchor) for s in facts.stated_judgements}


def test_2012_seed_states_every_judgement_of_both_parts_in_its_own_words(corpus_dir):
    """Kingston 2012 grades safeguarding services and services for looked after children
    apart, each with its own overall effectiveness and capacity for improvement; each
    judgement is cited to the paragraph stating it (the first one to, in reading order)."""
    stated = _stated(_facts(corpus_dir / "kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt"))
    assert stated["safeguarding_overall_effectiveness"] == ("Overall effectiveness", "inadequate", "13")
    assert stated["safeguarding_capacity_for_improvement"] == ("Capacity for improvement", "adequate", "20")
    assert stated["looked_after_overall_effectiveness"] == ("Overall effectiveness", "adequate", "89.2")
    assert stated["looked_after_capacity_for_improvement"] == ("Capacity for improvement", "adequate", "93")
    assert stated["health_contribution"][1:] == ("good", "44")
    assert stated["being_healthy"] == ("Being healthy", "adequate", "98")  # 'Health outcomes are adequate.'
    assert stated["enjoying_and_achieving"][1] == "good"
    # Equality and diversity is graded only in the record of main findings at the end.
    assert stated["safeguarding_equality_and_diversity"][1:] == ("adequate", "170.1")
    assert len(stated) == 22 and None not in stated


def test_ilacs_seed_states_its_grade_table(corpus_dir):
    stated = _stated(_facts(corpus_dir / "kingston-upon-thames_2024-12_ilacs.txt"))
    assert set(stated) == {"overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care",
                           "care_leavers"}
    assert {grade for _, grade, _ in stated.values()} == {"outstanding"}
    assert {anchor for _, _, anchor in stated.values()} == {"0.1"}  # the grade table on the cover


def test_stated_judgements_are_stored_and_read_back(seed_index):
    by_id = {r.report_id: r for r in seed_index.reports()}
    stored = by_id["kingston-upon-thames-2012"].facts.stated_judgements
    assert len(stored) == 22
    assert stored[0].key == "safeguarding_overall_effectiveness" and stored[0].grade == "inadequate"
    assert by_id["kingston-upon-thames-2019-03-19-focused-visit"].facts.stated_judgements == ()


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("7 to 18 November 2022", date(2022, 11, 7), date(2022, 11, 18)),
        ("21 May – 1 June 2012", date(2012, 5, 21), date(2012, 6, 1)),
        ("19 and 20 January 2010", date(2010, 1, 19), date(2010, 1, 20)),
        ("28 December - 8 January 2016", date(2015, 12, 28), date(2016, 1, 8)),
        ("6 December 2021 to 17 December 2021", date(2021, 12, 6), date(2021, 12, 17)),
    ],
)
def test_date_ranges(text, start, end):
    assert parse_date_range(text) == (start, end)


def test_report_type_is_the_title_not_a_later_mention():
    front = ("Inspection of Bristol local authority children's services\nInspection dates: 1 to 5 May 2023\n"
             "Since the focused visit in 2021 and the joint targeted area inspection in 2022, ...")
    assert report_type(front) == "ilacs"
    assert report_type("Focused visit to Bury local authority children's services") == "focused_visit"
    assert report_type("Inspection of Bradford Children and Families Trust") == "ilacs"
    assert report_type("Tameside\nInspection of local authority children’s social care services") == "ilacs"


# ---------------------------------------------------------------- shared PDFs


def test_single_inspection_framework_grades(shared_pdf):
    facts = _facts(shared_pdf("80418_norfolk", "20 october 2015"))
    assert facts.report_type == "sif"
    assert (facts.inspection_start, facts.inspection_end, facts.published) == (
        date(2015, 7, 6), date(2015, 7, 30), date(2015, 10, 19))
    assert facts.judgements.as_dict() == {
        "overall_effectiveness": "inadequate",
        "impact_of_leaders": "requires improvement",
        "help_and_protection": "requires improvement",
        "children_in_care": "inadequate",
        "care_leavers": "inadequate",
    }


def test_single_inspection_framework_states_adoption_and_the_lscb(shared_pdf):
    """Judgements the five headline keys have no place for: adoption performance (in the
    grade table) and the safeguarding board (in its own part of the report)."""
    stated = _stated(_facts(shared_pdf("80418_norfolk", "20 october 2015")))
    assert stated["adoption_performance"] == ("Adoption performance", "requires improvement", "0.3")
    assert stated["lscb"][:2] == ("The Local Safeguarding Children Board", "requires improvement")
    assert stated["overall_effectiveness"][:2] == ("Children’s services in Norfolk", "inadequate")
    assert stated["care_leavers"][1] == "inadequate"


def test_a_grade_put_as_requires_improvement_is_stated(shared_pdf):
    """'The Local Safeguarding Children Board (LSCB) in Bromley requires improvement to be good.'
    states the board's grade with no 'is'; so does 'Children's services in Luton require
    improvement to be good.' The framework's definition of the grade ('An LSCB requires
    improvement if ...') states none."""
    stated = _stated(_facts(shared_pdf("80490_bromley", "27 june 2016")))
    assert stated["lscb"] == ("The Local Safeguarding Children Board (LSCB) in Bromley", "requires improvement", "113.1")
    stated = _stated(_facts(shared_pdf("80520_luton", "29 march 2016")))
    assert stated["overall_effectiveness"][:2] == ("Children’s services in Luton", "requires improvement")
    stated = _stated(_facts(shared_pdf("80467_east sussex", "21 march 2014")))
    assert "lscb" not in stated or not stated["lscb"][0].lower().startswith("an ")


def test_2013_looked_after_children_inspection_states_its_judgements(shared_pdf):
    stated = _stated(_facts(shared_pdf("80418_norfolk", "16 august 2013")))
    assert set(stated) == {"overall_effectiveness", "capacity_to_improve", "outcomes", "quality_of_provision",
                           "leadership_and_management"}
    assert stated["overall_effectiveness"][1:] == ("inadequate", "8")


def test_ilacs_grades_where_the_csv_is_wrong(shared_pdf):
    """St Helens 2023: the report's own table, not the CSV's shifted values."""
    facts = _facts(shared_pdf("80560_st helens", "04 september 2023"))
    assert facts.report_type == "ilacs" and facts.lead_inspector == "Russel Breyer"
    assert facts.judgements.as_dict() == {
        "overall_effectiveness": "good",
        "impact_of_leaders": "good",
        "help_and_protection": "requires improvement",
        "children_in_care": "good",
        "care_leavers": "outstanding",
    }


def test_2026_report_without_an_overall_grade(shared_pdf):
    facts = _facts(shared_pdf("80523_middlesbrough", "28 july 2026"))
    assert (facts.inspection_start, facts.inspection_end) == (date(2026, 6, 8), date(2026, 6, 19))
    assert facts.judgements.overall_effectiveness is None
    assert facts.judgements.care_leavers == "requires improvement"


def test_ilacs_2025_facts(shared_pdf):
    facts = _facts(shared_pdf("80430_blackburn with darwen", "23 april 2025"))
    assert facts.authority == "Blackburn with Darwen" and facts.lead_inspector == "Gareth Dakin"
    assert (facts.inspection_start, facts.inspection_end) == (date(2025, 3, 3), date(2025, 3, 14))
    assert (facts.judgements.overall_effectiveness, facts.judgements.care_leavers) == ("good", "requires improvement")


def test_care_leavers_printed_as_children_care_leavers_beside_children_in_care(shared_pdf):
    """Kent 2026: the table prints 'The experiences and progress of children care leavers' (sic)
    under a line for children in care: that is the care leavers' judgement, stated in the
    table, not the combined judgement of 2018-22 (which a 2022 report still states)."""
    stated = _stated(_facts(shared_pdf("80476_kent", "02 february 2026")))
    assert "children_in_care_and_care_leavers" not in stated
    assert stated["children_in_care"][1:] == ("outstanding", "0.1")
    assert stated["care_leavers"] == ("The experiences and progress of care leavers", "requires improvement", "0.1")
    combined = _stated(_facts(shared_pdf("80476_kent", "05 july 2022")))
    assert combined["children_in_care_and_care_leavers"][1] == "outstanding" and "care_leavers" not in combined
