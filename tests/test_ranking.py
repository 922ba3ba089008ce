"""Choosing the reports a question is about (`select_reports`), on made-up reports, and
what counts as stating a grade."""

from __future__ import annotations

from datetime import date

import pytest

from askofsted.asking.ranking import states_grade
from askofsted.asking.selection import select_reports
from askofsted.asking.understanding import Filters
from askofsted.index.store import StoredReport
from askofsted.models import Judgements, ReportFacts


def made_up(row: int, authority: str, report_type: str, start: date, end: date, published: date,
            **grades: str) -> StoredReport:
    facts = ReportFacts(authority=authority, report_type=report_type, inspection_start=start, inspection_end=end,
                        published=published, judgements=Judgements(**grades))
    return StoredReport(row, f"report-{row}", f"hash-{row}", f"/reports/{row}.pdf", facts)


REPORTS = (
    made_up(1, "Kingston upon Thames", "sif", date(2016, 2, 29), date(2016, 3, 24), date(2016, 5, 10),
            overall_effectiveness="requires improvement", help_and_protection="inadequate"),
    made_up(2, "Kingston upon Thames", "ilacs", date(2022, 6, 6), date(2022, 6, 17), date(2022, 7, 20),
            overall_effectiveness="good", help_and_protection="good"),
    made_up(3, "Kingston upon Thames", "focused_visit", date(2024, 2, 6), date(2024, 2, 7), date(2024, 3, 12)),
    # A December inspection published in January.
    made_up(4, "Norfolk", "ilacs", date(2019, 12, 2), date(2019, 12, 13), date(2020, 1, 24),
            overall_effectiveness="inadequate", help_and_protection="inadequate"),
    made_up(5, "Norfolk", "monitoring_visit", date(2021, 5, 11), date(2021, 5, 12), date(2021, 6, 15)),
    # An authority with visits only.
    made_up(6, "Leeds", "monitoring_visit", date(2018, 9, 4), date(2018, 9, 5), date(2018, 10, 1)),
    made_up(7, "Leeds", "monitoring_visit", date(2020, 11, 3), date(2020, 11, 4), date(2020, 12, 2)),
)


def rows(filters: Filters) -> list[int]:
    return sorted(r.id for r in select_reports(REPORTS, filters).reports)


def test_no_filter_selects_everything():
    selection = select_reports(REPORTS, Filters())
    assert selection.everything and len(selection.reports) == len(REPORTS) and selection.note is None
    assert not select_reports(REPORTS, Filters(authorities=("Leeds",))).everything


def test_latest_prefers_a_full_inspection_over_a_later_visit():
    assert rows(Filters(latest=True, authorities=("Kingston upon Thames",))) == [2]  # not the 2024 focused visit
    assert rows(Filters(latest=True, authorities=("Norfolk",))) == [4]  # not the 2021 monitoring visit


def test_latest_of_an_authority_with_visits_only_is_its_newest_visit():
    assert rows(Filters(latest=True, authorities=("Leeds",))) == [7]


def test_latest_without_an_authority_is_one_report_for_each():
    assert rows(Filters(latest=True)) == [2, 4, 7]


def test_grade_filters_use_the_judgement_asked_about():
    assert rows(Filters(grade="inadequate")) == [4]  # overall effectiveness by default
    assert rows(Filters(grade="inadequate", grade_area="help_and_protection")) == [1, 4]
    assert rows(Filters(grade="good", authorities=("Kingston upon Thames",))) == [2]
    assert rows(Filters(grade="outstanding")) == []


def test_a_year_is_the_year_the_inspection_took_place():
    assert rows(Filters(years=(2016,))) == [1]
    assert rows(Filters(years=(2019,))) == [4]
    assert rows(Filters(years=(2016, 2022))) == [1, 2]


def test_a_december_inspection_is_found_by_the_year_it_was_published():
    """'Norfolk's 2020 report' is, to most readers, the one published in January 2020."""
    assert rows(Filters(years=(2020,), authorities=("Norfolk",))) == [4]
    assert rows(Filters(years=(2019,), authorities=("Norfolk",))) == [4]


def test_the_first_line_counts_every_report_taken_from_the_year_before():
    # Three councils inspected on the same December days and published in January: three
    # reports taken, however alike their descriptions.
    same = [made_up(10 + n, name, "ilacs", date(2024, 12, 2), date(2024, 12, 6), None, overall_effectiveness="good")
            for n, name in enumerate(("Gateshead", "Islington", "Kingston upon Thames"))]
    selection = select_reports(same, Filters(years=(2025,)))
    assert len(selection.reports) == 3
    assert selection.taken == ("also 3 inspections that ended late in the year before 2025 and were published in it",)


def test_since_and_until_are_inspection_years_inclusive():
    assert rows(Filters(since=2021)) == [2, 3, 5]
    assert rows(Filters(since=2022)) == [2, 3]
    assert rows(Filters(until=2018)) == [1, 6]
    assert rows(Filters(since=2019, until=2021, authorities=("Norfolk",))) == [4, 5]


def test_report_types():
    assert rows(Filters(report_types=("monitoring_visit",))) == [5, 6, 7]
    assert rows(Filters(report_types=("ilacs", "sif"), authorities=("Kingston upon Thames",))) == [1, 2]


def test_nothing_matching_says_what_the_authority_has():
    selection = select_reports(REPORTS, Filters(years=(2017,), authorities=("Norfolk",)))
    assert selection.reports == ()
    assert "2017" in selection.note
    assert "2019" in selection.note and "2021" in selection.note


def test_an_authority_not_held_says_which_are():
    selection = select_reports(REPORTS, Filters(authorities=("Barnet",)))
    assert selection.reports == ()
    assert "Barnet" in selection.note and "Leeds" in selection.note and "Norfolk" in selection.note


def test_two_authorities_named_are_each_kept_apart():
    selection = select_reports(REPORTS, Filters(authorities=("Leeds", "Norfolk"), latest=True))
    assert selection.named == {4: "Norfolk", 7: "Leeds"}


@pytest.mark.parametrize(
    "text, grades",
    [
        ("Overall effectiveness: Good", True),
        ("The experiences and progress of care leavers: Requires improvement to be good", True),
        ("Services for children in Harrow are inadequate.", True),
        ("The overall effectiveness of services is judged to be inadequate.", True),
        ("The quality of assessments is good.", False),
        ("In 2016, services were judged to be inadequate.", False),  # a past inspection's grade
        ("Children are seen regularly by social workers who know them well.", False),
    ],
)
def test_states_grade_is_conservative(text, grades):
    assert states_grade(text) is grades


def test_the_words_of_asking_are_not_matched():
    from askofsted.words import words

    # 'common', 'what happened', "whats" frame a question; they are nobody's topic
    # (the Common Assessment Framework is not what 'common weaknesses' asks about).
    assert words("What are common weaknesses in child protection planning?") == [
        "weaknesses", "child", "protection", "planning"]
    assert words("whats happened at the last inspection") == ["last"]
    # How a council 'handles' or 'deals with' something asks how it does it; the thing is the topic.
    assert words("What did Ofsted say about the MASH and how referrals get handled there?") == ["mash", "referrals"]
    assert words("How does Lewisham deal with teenagers involved in gangs?") == ["lewisham", "teenagers", "involved", "gangs"]
    # 'Did Ofsted say anything about ...' asks; 'anything' is in no report's findings.
    assert words("Did Ofsted say anything about people keeping things confidential?") == [
        "people", "keeping", "confidential"]
    # 'Is that normal there?' asks whether it is usual; 'normal' names nothing.
    assert words("nobody has done life story work with me. is that normal there?") == [
        "nobody", "life", "story", "work"]
    # 'yet', 'still' ask whether something has happened; they name nothing.
    assert words("Has Devon come out of special measures yet?") == ["devon", "come", "special", "measures"]


def test_words_side_by_side_are_pairs():
    from askofsted.words import neighbours

    # One stopword between keeps two words a pair ('placement with parents'); two part them.
    assert neighbours("placement with parents regs") == [("placement", "parents"), ("parents", "regs")]
    assert neighbours("support for the families") == []
    assert neighbours("harmful sexual behaviour") == [("harmful", "sexual"), ("sexual", "behaviour")]


def test_a_pair_is_matched_only_where_its_words_are_more_often_apart(seed_index):
    from askofsted.asking.ranking import question_terms

    connection = seed_index.connection
    # 'pre' and 'proceedings' come apart in the reports; together they name the stage of the
    # Public Law Outline, so paragraphs holding the phrase are told from the rest.
    assert ("pre", "proceedings") in question_terms(connection, "pre-proceedings work").pairs
    # 'social' and 'workers' nearly always come together: the words already say it.
    assert ("social", "workers") not in question_terms(connection, "social workers caseloads").pairs
    # Words the reports never put together make no pair to match.
    assert question_terms(connection, "harmful sexual behaviour").pairs == ()


def test_paragraphs_holding_the_phrase_rank_first_lexically():
    """On made-up paragraphs: the one that says 'harmful sexual behaviour' comes before one that
    uses each word more often, apart."""
    import sqlite3
    from dataclasses import replace

    from askofsted.asking.ranking import question_terms
    from askofsted.index import store

    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE TABLE paragraphs (id INTEGER PRIMARY KEY)")
    connection.execute("CREATE VIRTUAL TABLE paragraph_fts USING fts5 (text, context, tokenize = 'porter unicode61')")
    texts = [
        "Sexual health advice is good. Harmful drinking is tackled. Behaviour in schools is good. Sexual health "
        "services and harmful behaviour support are good.",
        "Harmful practices are challenged. Sexual exploitation is understood. Behaviour plans are clear.",
        "Children who display harmful sexual behaviour are helped well by a specialist team.",
        *[f"Filler paragraph {n} about assessments and plans." for n in range(20)],
    ]
    for row, text in enumerate(texts, 1):
        connection.execute("INSERT INTO paragraphs (id) VALUES (?)", (row,))
        connection.execute("INSERT INTO paragraph_fts (rowid, text, context) VALUES (?, ?, '')", (row, text))
    terms = question_terms(connection, "harmful sexual behaviour")
    assert terms.pairs == (("harmful", "sexual"), ("sexual", "behaviour"))
    first = store.lexical_search(connection, terms.expression(), 1)[0][0]
    assert first == 3
    # Without the pairs, the words alone put the other paragraph first: the pairs make the difference.
    assert store.lexical_search(connection, replace(terms, pairs=()).expression(), 1)[0][0] == 1


def test_a_programme_named_by_an_everyday_word_is_only_that_word_with_its_capital():
    from askofsted.asking.ranking import everyday_names, name_pattern

    texts = ["Leaders pause and reflect on practice.", "Staff pause before acting.",
             "The Pause programme works with women who have had children removed.",
             "Foster carers value the Mockingbird hubs.", "the ‘mockingbird’ model supports carers"]
    assert everyday_names(["Pause", "Mockingbird", "Lifelong Links"], texts) == ("Pause",)
    said = name_pattern(["Pause", "Mockingbird"], capitalised=("Pause",))
    assert [bool(said.search(t)) for t in texts] == [False, False, True, True, True]


def test_an_inspection_without_an_overall_grade_says_so_when_one_is_asked_for():
    from askofsted.asking.plan import _no_overall
    from askofsted.asking.understanding import understand

    # ILACS reports from 2026 grade four judgements and no overall effectiveness.
    reformed = made_up(8, "Kingston upon Thames", "ilacs", date(2026, 3, 2), date(2026, 3, 13), date(2026, 4, 20),
                       impact_of_leaders="good", help_and_protection="good", children_in_care="good")
    said = "; the 2026 inspection gives no overall effectiveness grade"
    assert _no_overall(understand("What overall grade did Kingston get in 2026?"), [reformed]) == said
    assert _no_overall(understand("how was Kingston rated?"), [reformed]) == said
    assert _no_overall(understand("how were Kingston's care leavers judged?"), [reformed]) == ""
    assert _no_overall(understand("how was Kingston rated in 2022?"), [REPORTS[1]]) == ""
