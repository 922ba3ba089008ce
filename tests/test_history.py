"""History and grades: each authority's inspections over time, as rows, as text, CSV and JSON."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest
from click.testing import CliRunner

from askofsted.cli import main
from askofsted.domain.judgements import judgement
from askofsted.history import (
    TYPICAL_PUBLICATION_LAG,
    UnknownAuthority,
    counts,
    grades,
    history,
    inspection,
    judgement_key,
    movements,
    resolve_authority,
    transitions,
)
from askofsted.models import Report, ReportFacts, StatedJudgement
from askofsted.reading import read_reports
from askofsted.reading.facts import headline_judgements

KINGSTON = "Kingston upon Thames"


def cli(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def seeds(corpus_dir):
    return [r for r in read_reports([corpus_dir]) if isinstance(r, Report)]


def made(authority: str, kind: str, start: str, end: str, published: str | None = None, report_id: str | None = None,
         **grades_by_key: str) -> Report:
    """A made-up report whose facts state these grades (judgement keys of its report type)."""
    stated = tuple(
        StatedJudgement(judgement(kind, key).name, key, grade, str(n)) for n, (key, grade) in enumerate(grades_by_key.items(), 1)
    )
    facts = ReportFacts(authority=authority, report_type=kind, inspection_start=date.fromisoformat(start),
                        inspection_end=date.fromisoformat(end), published=date.fromisoformat(published) if published else None,
                        judgements=headline_judgements(kind, stated), stated_judgements=stated)
    rid = report_id or f"{authority.lower().replace(' ', '-')}-{start[:4]}-{kind}"
    return Report(source=f"/made/{rid}.pdf", facts=facts, paragraphs=(), content_hash=rid, report_id=rid)


def ilacs(authority: str, start: str, end: str, overall: str | None, published: str | None = None, **others) -> Report:
    grades_by_key = {"impact_of_leaders": overall or "good", "help_and_protection": overall or "good", **others}
    if overall:
        grades_by_key["overall_effectiveness"] = overall
    return made(authority, "ilacs", start, end, published, **grades_by_key)


# ---------------------------------------------------------------- the seeds


def test_kingston_2012_judgements_as_the_report_names_them(seeds):
    row = next(inspection(r) for r in seeds if r.report_id == "kingston-upon-thames-2012")
    assert row.graded and row.full_inspection
    assert row.region == "London"
    assert row.lead_inspector == "Chris Sands"
    named = {j.name: s.grade for s in row.judgements if (j := judgement(row.report_type, s.key))}
    assert named["overall effectiveness of safeguarding services"] == "inadequate"
    assert named["overall effectiveness of services for looked after children"] == "adequate"
    assert named["capacity for improvement of safeguarding services"] == "adequate"
    assert named["the contribution of health agencies to keeping children and young people safe"] == "good"
    assert len(row.judgements) == 22
    # No single overall grade in that framework: the headline keeps none, and says so
    assert row.overall is None
    assert row.headline["help_and_protection"] == "inadequate"
    assert row.grade_citation == "kingston-upon-thames-2012#13"
    assert row.citation("safeguarding_overall_effectiveness") == "kingston-upon-thames-2012#13"


def test_kingston_2024_all_outstanding_and_its_publication_estimated(seeds):
    row = next(inspection(r) for r in seeds if r.report_id == "kingston-upon-thames-2024")
    assert row.graded
    assert set(row.headline.values()) == {"outstanding"}
    assert row.grade_citation == "kingston-upon-thames-2024#0.1"
    assert row.published is None  # ILACS reports print no publication date
    assert row.publication == date(2024, 12, 6) + TYPICAL_PUBLICATION_LAG and row.publication_estimated


def test_focused_visit_not_graded(seeds):
    row = next(inspection(r) for r in seeds if r.report_id == "kingston-upon-thames-2019-03-19-focused-visit")
    assert not row.graded and not row.full_inspection
    assert row.judgements == () and row.grade_citation is None
    assert set(row.headline.values()) == {None}


def test_kingston_history_oldest_first_with_movements(seeds):
    found = history(seeds, "Royal Borough of Kingston-upon-Thames")
    assert found.authority == KINGSTON and found.region == "London"
    assert [r.report_id for r in found.inspections] == [
        "kingston-upon-thames-2010-contact-referral-assessment", "kingston-upon-thames-2012",
        "kingston-upon-thames-2019-03-19-focused-visit", "kingston-upon-thames-2024"]
    assert [(a.report_id, b.report_id) for a, b in found.pairs] == [("kingston-upon-thames-2012", "kingston-upon-thames-2024")]
    (moved,) = found.movements
    by_key = {m.key: m for m in moved}
    assert set(by_key) == {"help_and_protection", "children_in_care"}  # 2012 gave no overall grade to compare
    help_ = by_key["help_and_protection"]
    assert (help_.before, help_.after, help_.direction) == ("inadequate", "outstanding", "up")
    assert help_.before_label == "overall effectiveness of safeguarding services"
    assert help_.before_citation == "kingston-upon-thames-2012#13"
    assert "different frameworks" in help_.note and not help_.like_for_like
    assert (by_key["children_in_care"].before, by_key["children_in_care"].direction) == ("adequate", "up")
    assert found.latest().report_id == "kingston-upon-thames-2024"
    assert found.latest(as_at=date(2020, 1, 1)).report_id == "kingston-upon-thames-2012"
    assert found.latest(as_at=date(2012, 1, 1)) is None
    assert len(set(found.inspections) | set(grades(seeds))) == 4  # rows can be kept in sets


def test_grades_on_the_seeds(seeds):
    assert [r.report_id for r in grades(seeds)] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    assert [r.report_id for r in grades(seeds, latest=True)] == ["kingston-upon-thames-2024"]
    # As at a day before the 2024 report could have been published, the 2012 one is the latest
    assert [r.report_id for r in grades(seeds, latest=True, as_at=date(2024, 12, 31))] == ["kingston-upon-thames-2012"]
    assert [r.report_id for r in grades(seeds, year=2012)] == ["kingston-upon-thames-2012"]
    assert [r.report_id for r in grades(seeds, judgement="help_and_protection", grade="inadequate")] == [
        "kingston-upon-thames-2012"]
    assert grades(seeds, grade="inadequate") == []  # overall effectiveness: 2012 gave none
    assert grades(seeds, region="North West") == []
    assert [r.report_id for r in grades(seeds, judgement="care_leavers")] == ["kingston-upon-thames-2024"]


# ---------------------------------------------------------------- made-up reports


@pytest.fixture(scope="module")
def made_up():
    return [
        ilacs("Blackpool", "2018-11-26", "2018-12-07", "inadequate", "2019-01-17"),
        made("Blackpool", "focused_visit", "2020-02-04", "2020-02-05", "2020-03-01"),
        ilacs("Blackpool", "2022-12-05", "2022-12-16", "requires improvement"),  # counts from about 27 January 2023
        ilacs("Blackpool", "2026-06-08", "2026-06-19", None, "2026-07-28"),  # after the 2026 reform: no overall grade
        ilacs("Camden", "2019-01-14", "2019-01-25", "good", "2019-03-01"),
        ilacs("Camden", "2023-03-06", "2023-03-10", "outstanding", "2023-04-20", children_in_care="outstanding",
              care_leavers="good"),
        made("Rochdale", "sif", "2014-06-02", "2014-06-26", "2014-08-10", overall_effectiveness="inadequate",
             help_and_protection="inadequate", adoption_performance="good"),
        made("Rochdale", "sif", "2016-06-02", "2016-06-26", "2016-08-10", overall_effectiveness="requires improvement",
             help_and_protection="requires improvement", adoption_performance="good"),
        ilacs("Rochdale", "2019-06-03", "2019-06-14", "good", "2019-07-20"),
    ]


def planned(reports, question: str, k: int = 5):
    """The plan `ask` makes for `question` over made-up reports, on 2026-11-26: as `ask` does,
    a roster's grade is read by the plan, not used to choose the reports."""
    from dataclasses import replace

    from askofsted.asking.plan import plan
    from askofsted.asking.selection import select_reports
    from askofsted.asking.understanding import understand
    from askofsted.index.store import StoredReport

    stored = [StoredReport(n, r.report_id, r.content_hash, r.source, r.facts) for n, r in enumerate(reports, 1)]
    understanding = understand(question, today=date(2026, 11, 26))
    choosing = (replace(understanding.filters, grade=None, grade_area=None) if understanding.shape == "roster"
                else understanding.filters)
    return plan(understanding, select_reports(stored, choosing, previous=understanding.previous,
                                              first=understanding.first and understanding.shape != "timeline",
                                              change=understanding.shape == "timeline"), stored, k)


def ids(rows) -> list[str]:
    return [r.report_id for r in rows]


def test_latest_as_at_counts_from_publication(made_up):
    assert ids(grades(made_up, latest=True, as_at=date(2023, 1, 1))) == [
        "blackpool-2018-ilacs", "camden-2019-ilacs", "rochdale-2019-ilacs"]
    # the 2022 inspection counts once its report is (estimated to be) published
    assert ids(grades(made_up, latest=True, as_at=date(2023, 2, 1))) == [
        "blackpool-2022-ilacs", "camden-2019-ilacs", "rochdale-2019-ilacs"]
    # a report published after the day does not count, though the inspection ended before it
    assert "camden-2023-ilacs" not in ids(grades(made_up, latest=True, as_at=date(2023, 3, 31)))
    # before any inspection, nothing
    assert grades(made_up, latest=True, as_at=date(2010, 1, 1)) == []


def test_counting_from_the_inspection_as_ofsteds_statistics_do(made_up):
    day = date(2023, 3, 31)  # Camden's 2023 inspection ended on 10 March; its report came out on 20 April
    assert "camden-2019-ilacs" in ids(grades(made_up, latest=True, as_at=day))
    assert "camden-2023-ilacs" in ids(grades(made_up, latest=True, as_at=day, count_from="inspection"))
    cut_off = grades(made_up, latest=True, as_at=day, count_from="inspection", published_by=date(2023, 4, 15))
    assert "camden-2019-ilacs" in ids(cut_off)
    first = transitions(made_up, types=["ilacs"], against="first", as_at=day, count_from="inspection")
    assert [t.authority for t in first] == ["Blackpool", "Camden"]
    with pytest.raises(ValueError):
        grades(made_up, as_at=day, count_from="whenever")


def test_latest_skips_visits_and_follows_the_judgement_asked(made_up):
    latest = ids(grades(made_up, latest=True))
    assert "blackpool-2026-ilacs" in latest  # graded, though without an overall grade
    overall = grades(made_up, latest=True, judgement="overall_effectiveness")
    assert ids(overall) == ["blackpool-2022-ilacs", "camden-2023-ilacs", "rochdale-2019-ilacs"]
    assert all(r.report_type != "focused_visit" for r in grades(made_up))


def test_grade_filter_applies_to_each_authoritys_latest(made_up):
    # Blackpool was inadequate in 2018, but not at its latest overall grade
    assert grades(made_up, latest=True, grade="inadequate") == []
    assert ids(grades(made_up, grade="inadequate")) == ["blackpool-2018-ilacs", "rochdale-2014-sif"]
    assert ids(grades(made_up, latest=True, grade=("good", "outstanding"))) == ["camden-2023-ilacs", "rochdale-2019-ilacs"]


def test_year_range_region_authority_and_judgement_filters(made_up):
    assert ids(grades(made_up, year=2019)) == ["camden-2019-ilacs", "rochdale-2019-ilacs"]  # not Blackpool, Nov 2018
    assert ids(grades(made_up, since=2022, until=2023)) == ["blackpool-2022-ilacs", "camden-2023-ilacs"]
    assert ids(grades(made_up, region="London")) == ["camden-2019-ilacs", "camden-2023-ilacs"]
    assert {r.authority for r in grades(made_up, region="North West")} == {"Blackpool", "Rochdale"}
    assert ids(grades(made_up, authorities=["Rochdale"], types=["sif"])) == ["rochdale-2014-sif", "rochdale-2016-sif"]
    assert ids(grades(made_up, judgement="care_leavers")) == ["camden-2023-ilacs"]
    assert ids(grades(made_up, judgement="adoption_performance", latest=True)) == ["rochdale-2016-sif"]
    tally = counts(grades(made_up, latest=True, judgement="overall_effectiveness"))
    assert tally == {"outstanding": 1, "good": 1, "requires improvement": 1}


def test_transitions_next_and_against_the_first(made_up):
    up = transitions(made_up, before="inadequate", direction="up")
    assert [(t.authority, t.earlier.report_id, t.later.report_id) for t in up] == [
        ("Blackpool", "blackpool-2018-ilacs", "blackpool-2022-ilacs"), ("Rochdale", "rochdale-2014-sif", "rochdale-2016-sif")]
    assert transitions(made_up, before="inadequate", after="good") == []
    first = transitions(made_up, types=["ilacs"], against="first")
    assert [(t.authority, t.movement.before, t.movement.after, t.movement.direction) for t in first] == [
        ("Blackpool", "inadequate", "requires improvement", "up"), ("Camden", "good", "outstanding", "up")]
    # as at a day before Camden's second report, Camden has one ILACS grade only
    assert [t.authority for t in transitions(made_up, types=["ilacs"], against="first", as_at=date(2023, 4, 1))] == [
        "Blackpool"]


def test_movements_like_for_like_and_not():
    sif_2014, sif_2016 = (inspection(made("Rochdale", "sif", f"{y}-06-02", f"{y}-06-26", f"{y}-08-10",
                                          overall_effectiveness=g, adoption_performance="good"))
                          for y, g in ((2014, "inadequate"), (2016, "requires improvement")))
    moved = {m.key: m for m in movements(sif_2014, sif_2016)}
    assert moved["overall_effectiveness"].direction == "up" and moved["overall_effectiveness"].like_for_like
    assert moved["adoption_performance"].direction == "same"  # a judgement outside the five is compared too
    # adequate (2009-2013) and requires improvement (from 2013) stand third on different scales
    lac = inspection(made("Norfolk", "looked_after_children", "2013-07-08", "2013-07-12", "2013-08-16",
                          overall_effectiveness="adequate"))
    sif = inspection(made("Norfolk", "sif", "2015-07-06", "2015-07-30", "2015-10-19", children_looked_after="requires improvement"))
    (step,) = movements(lac, sif)
    assert (step.key, step.direction) == ("children_in_care", "same")
    assert "different frameworks" in step.note
    # ILACS graded children in care with care leavers until 2022, apart from 2023
    old = inspection(made("Camden", "ilacs", "2019-01-14", "2019-01-25", children_in_care_and_care_leavers="good"))
    new = inspection(made("Camden", "ilacs", "2023-03-06", "2023-03-10", children_in_care="outstanding"))
    (step,) = movements(old, new)
    assert step.direction == "up" and "not the same judgement" in step.note


def test_a_successors_history_holds_its_predecessors_reports():
    reports = [ilacs("Cumbria", "2022-01-10", "2022-01-21", "good", "2022-03-10"),
               ilacs("Cumberland", "2024-09-30", "2024-10-11", "requires improvement", "2024-11-26")]
    found = history(reports, "Cumberland")
    assert ids(found.inspections) == ["cumbria-2022-ilacs", "cumberland-2024-ilacs"]
    assert found.inherited(found.inspections[0]) and not found.inherited(found.inspections[1])
    assert found.predecessors == ("Cumbria",) and "Cumbria" in found.notes[0]
    (moved,) = found.movements
    assert {m.key: m.direction for m in moved}["overall_effectiveness"] == "down"
    old = history(reports, "Cumbria")
    assert ids(old.inspections) == ["cumbria-2022-ilacs"]
    assert old.successors == ("Cumberland", "Westmorland and Furness")
    # grades keep each report under its own authority
    assert [r.authority for r in grades(reports, latest=True)] == ["Cumberland", "Cumbria"]


def test_names_given_on_purpose():
    assert resolve_authority("Royal Borough of Kingston upon Thames") == (KINGSTON, None)
    assert resolve_authority("kingstone") == (KINGSTON, "'kingstone' read as Kingston upon Thames")
    with pytest.raises(UnknownAuthority, match="did you mean"):
        resolve_authority("Hampstead")
    assert judgement_key("care leavers") == "care_leavers"
    assert judgement_key("Overall") == "overall_effectiveness"
    assert judgement_key("adoption") == "adoption_performance"
    assert judgement_key("LSCB") == "lscb"


# ---------------------------------------------------------------- the index and the command line


def test_index_methods_match_the_library(seed_index, seeds):
    assert ids(seed_index.history("Kingston").inspections) == ids(history(seeds, KINGSTON).inspections)
    assert ids(seed_index.grades(latest=True)) == ["kingston-upon-thames-2024"]
    assert ids(seed_index.grades(year=2012, judgement="help_and_protection")) == ["kingston-upon-thames-2012"]


def test_cli_history(seed_index):
    code, out, _ = cli("history", "kingston", "--index", str(seed_index.root))
    assert code == 0
    assert out.index("2010  unannounced") < out.index("2012  inspection") < out.index("2019  focused visit") < out.index(
        "2024  inspection")
    assert "Overall effectiveness of safeguarding services: inadequate  [kingston-upon-thames-2012#13]" in out
    assert out.count("not graded") == 2
    assert "Lead inspector Chris Sands".lower() in out.lower()
    assert "inadequate -> outstanding, up" in out
    assert "different frameworks" in out
    code, out, _ = cli("history", "kingston", "--json", "--index", str(seed_index.root))
    record = json.loads(out)
    assert [i["report_id"] for i in record["inspections"]][1] == "kingston-upon-thames-2012"
    assert record["inspections"][2]["graded"] is False
    assert record["movements"][0]["before"] == "kingston-upon-thames-2012"
    assert {m["direction"] for m in record["movements"][0]["movements"]} == {"up"}


def test_cli_grades_csv_and_json(seed_index):
    code, out, _ = cli("grades", "--csv", "--index", str(seed_index.root))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["report_id"] for r in rows] == ["kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    assert rows[1]["overall_effectiveness"] == "outstanding" and rows[0]["overall_effectiveness"] == ""
    assert rows[1]["publication_estimated"] == "True"
    assert "overall effectiveness of safeguarding services: inadequate" in rows[0]["judgements"]
    code, out, _ = cli("grades", "--latest", "--as-at", "2020-01-01", "--json", "--index", str(seed_index.root))
    record = json.loads(out)
    assert [r["report_id"] for r in record["rows"]] == ["kingston-upon-thames-2012"]
    assert record["counts"]["help_and_protection"] == {"inadequate": 1}
    code, out, _ = cli("grades", "--latest", "--as-at", "2024-12-31", "--count-from", "inspection", "--csv",
                       "--index", str(seed_index.root))
    assert [r["report_id"] for r in csv.DictReader(io.StringIO(out))] == ["kingston-upon-thames-2024"]
    code, out, _ = cli("grades", "--judgement", "help and protection", "--index", str(seed_index.root))
    assert code == 0 and "inadequate" in out.splitlines()[1]
    foot = out[out.index("---"):]
    assert "outstanding" in foot and "2 inspections" in foot


def test_grades_csv_never_hands_a_spreadsheet_a_formula_read_from_a_report(seed_index):
    from dataclasses import replace

    from askofsted.present import grades_csv

    row = seed_index.grades()[-1]
    planted = replace(row, lead_inspector='=HYPERLINK("http://example.com","x")', authority="@SUM(A1:A2)")
    cells = next(csv.DictReader(io.StringIO(grades_csv([planted]))))
    assert cells["lead_inspector"] == """'=HYPERLINK("http://example.com","x")"""
    assert cells["authority"] == "'@SUM(A1:A2)"
    assert cells["report_id"] == row.report_id  # ordinary cells untouched


@pytest.mark.parametrize("args, message", [
    (("history", "Narnia"), "no authority called 'Narnia'"),
    (("grades", "--authority", "Hampstead"), "did you mean Hampshire"),
    (("grades", "--as-at", "31/03/2024"), "--as-at wants a date like 2024-03-31"),
    (("grades", "--year", "2019", "--since", "2018"), "not both"),
    (("grades", "--grade", "splendid"), "no grade called 'splendid'"),
    (("grades", "--judgement", "parking"), "no judgement called 'parking'"),
    (("grades", "--region", "Mercia"), "no region called 'Mercia'"),
    (("grades", "--csv", "--json"), "choose one"),
])
def test_cli_bad_input_gets_one_line(seed_index, args, message):
    code, out, err = cli(*args, "--index", str(seed_index.root))
    assert code == 1
    assert message in err and len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_cli_nothing_matches_exits_one(seed_index):
    code, out, _ = cli("grades", "--region", "north west", "--index", str(seed_index.root))
    assert code == 1 and "No graded inspections match" in out
    code, out, _ = cli("history", "Blackpool", "--index", str(seed_index.root))
    assert code == 1 and "No reports of Blackpool" in out


# ---------------------------------------------------------------- five real reports of one authority


NORFOLK = "80418_norfolk"


@pytest.fixture(scope="module")
def norfolk_index(shared_dir, tmp_path_factory):
    """An index of Norfolk's five reports in the shared set (2013 to 2026)."""
    from askofsted.index import build_index

    folder = shared_dir / "ilacs" / NORFOLK
    if len(list(folder.glob("*.pdf"))) != 5:
        pytest.skip(f"{folder} does not hold Norfolk's five reports")
    index, _ = build_index([folder], tmp_path_factory.mktemp("norfolk") / "index")
    yield index
    index.close()


def test_norfolk_five_reports_in_order_with_the_grades_each_states(norfolk_index):
    found = norfolk_index.history("Norfolk")
    rows = found.inspections
    # Read from the PDFs: each report's dates and grades as it prints them
    assert [(r.report_type, r.inspection_start) for r in rows] == [
        ("looked_after_children", date(2013, 7, 8)), ("sif", date(2015, 7, 6)), ("sif", date(2017, 11, 13)),
        ("ilacs", date(2022, 11, 7)), ("ilacs", date(2026, 2, 23))]
    assert all(r.graded for r in rows)
    lac, sif_2015, sif_2017, ilacs_2022, ilacs_2026 = rows
    assert {s.key: s.grade for s in lac.judgements} == {
        "overall_effectiveness": "inadequate", "capacity_to_improve": "inadequate", "outcomes": "inadequate",
        "quality_of_provision": "inadequate", "leadership_and_management": "inadequate"}
    assert lac.published == date(2013, 8, 16) and lac.lead_inspector == "Gary Lamb"
    assert {s.key: s.grade for s in sif_2015.judgements} == {
        "overall_effectiveness": "inadequate", "help_and_protection": "requires improvement",
        "children_looked_after": "inadequate", "adoption_performance": "requires improvement",
        "care_leavers": "inadequate", "leadership_management_and_governance": "requires improvement",
        "lscb": "requires improvement"}
    assert {s.key: s.grade for s in sif_2017.judgements} == {
        "overall_effectiveness": "requires improvement", "help_and_protection": "requires improvement",
        "children_looked_after": "requires improvement", "adoption_performance": "outstanding",
        "care_leavers": "requires improvement", "leadership_management_and_governance": "requires improvement"}
    assert sif_2017.published == date(2018, 1, 19)
    assert ilacs_2022.headline == {"overall_effectiveness": "good", "impact_of_leaders": "good",
                                   "help_and_protection": "good", "children_in_care": "good", "care_leavers": None}
    assert ilacs_2022.lead_inspector == "Margaret Burke"
    assert set(ilacs_2026.headline.values()) == {"outstanding"}
    # Movements: like for like between the two SIFs; across frameworks said so
    steps = {(m.before_report, m.after_report, m.key): m for moved in found.movements for m in moved}
    overall = steps[(sif_2015.report_id, sif_2017.report_id, "overall_effectiveness")]
    assert (overall.before, overall.after, overall.direction, overall.note) == (
        "inadequate", "requires improvement", "up", None)
    assert steps[(sif_2015.report_id, sif_2017.report_id, "adoption_performance")].direction == "up"
    crossing = steps[(sif_2017.report_id, ilacs_2022.report_id, "overall_effectiveness")]
    assert crossing.direction == "up" and "different frameworks" in crossing.note
    assert steps[(lac.report_id, sif_2015.report_id, "children_in_care")].direction == "same"


def test_a_roster_of_councils_that_improved_keeps_to_the_time_asked(made_up):
    # 'Which councils improved in 2019?' asks about inspections of 2019, not every step up
    # in the index; 'at their last inspection' about each authority's latest.
    def from_grades(question):
        answer = planned(made_up, question)
        assert answer.shape == "roster" and "from the grades" in answer.says, answer.says
        return [part.report_id for part in answer.parts]

    assert from_grades("Which councils improved?") == [
        "blackpool-2022-ilacs", "camden-2023-ilacs", "rochdale-2016-sif", "rochdale-2019-ilacs"]
    assert from_grades("Which councils improved in 2019?") == ["rochdale-2019-ilacs"]
    # Blackpool's latest inspection (2026) gives no overall grade to compare.
    assert from_grades("Which councils improved at their last inspection?") == ["camden-2023-ilacs", "rochdale-2019-ilacs"]
    # 'improved to outstanding', 'became good': the grade where the change ended, and the verb's direction.
    assert from_grades("Which councils improved to outstanding?") == ["camden-2023-ilacs"]
    # 'Dropped from good to a lower grade': from the grade named, to whatever came next.
    assert from_grades("Which councils dropped from good to a lower grade at their next inspection?") == []
    assert from_grades("Which councils improved from inadequate?") == ["blackpool-2022-ilacs", "rochdale-2016-sif"]
    assert from_grades("Which councils improved to good?") == ["rochdale-2019-ilacs"]
    assert from_grades("Which councils dropped to good?") == []
    assert from_grades("Which councils became requires improvement?") == ["blackpool-2022-ilacs", "rochdale-2016-sif"]
    # 'told to improve' is what inspectors asked for: a topic, not a change of grade.
    assert "from the grades" not in planned(made_up, "Which councils were told to improve their care leaver services?").says


def test_a_roster_of_councils_given_a_grade_more_than_once_cites_the_latest(made_up):
    # 'Which councils have been good twice?': every inspection counts, not the latest only;
    # each council that qualifies once, at the latest inspection that gave the grade.
    reports = [*made_up, ilacs("Camden", "2025-02-03", "2025-02-14", "good", "2025-03-20")]

    def listed(question):
        answer = planned(reports, question)
        assert answer.shape == "roster" and "from the grades" in answer.says, answer.says
        return [part.report_id for part in answer.parts]

    assert listed("Which councils have been judged good twice?") == ["camden-2025-ilacs"]
    # Blackpool's leaders: inadequate, requires improvement, then good: once.
    assert listed("which councils were rated good more than once for leadership?") == ["camden-2025-ilacs"]
    assert listed("Which councils have been judged good?") == ["camden-2025-ilacs", "rochdale-2019-ilacs"]
    assert listed("which councils were rated inadequate twice?") == []


def test_a_roster_of_councils_given_a_grade_in_a_row_or_at_every_inspection(made_up):
    # Rochdale: inadequate in 2014 and again in 2022, with better grades between: twice, but
    # never twice in a row. Camden: good in 2019, outstanding in 2023 and 2025: outstanding
    # twice in a row, and good or better at every inspection.
    reports = [*made_up, ilacs("Rochdale", "2022-06-06", "2022-06-17", "inadequate"),
               ilacs("Camden", "2025-02-03", "2025-02-14", "outstanding", "2025-03-20")]

    def listed(question):
        answer = planned(reports, question)
        assert answer.shape == "roster" and "from the grades" in answer.says, answer.says
        return [part.report_id for part in answer.parts]

    assert listed("Which councils were judged inadequate twice?") == ["rochdale-2022-ilacs"]
    assert listed("Which councils were judged inadequate at two inspections in a row?") == []
    assert listed("which councils were rated outstanding twice running?") == ["camden-2025-ilacs"]
    assert "in a row" in planned(reports, "which councils were rated outstanding twice running?").says
    assert listed("Which councils have been outstanding at every one of their inspections?") == []
    assert listed("Which councils have never been rated less than good?") == ["camden-2025-ilacs"]
    # Blackpool: inadequate, then requires improvement (2026 gives no overall grade).
    assert listed("which councils have always been rated inadequate?") == []
    # 'Ever' counts any inspection, not each council's latest (Blackpool's and Rochdale's are not).
    assert listed("Which councils have ever been rated inadequate?") == ["blackpool-2018-ilacs", "rochdale-2022-ilacs"]
    assert [p.report_id for p in planned(reports, "Which councils are rated inadequate?").parts] == ["rochdale-2022-ilacs"]
    assert listed("which councils were judged requires improvement or worse every time they were inspected?") == [
        "blackpool-2022-ilacs"]


def test_a_roster_under_a_framework_that_has_ended_counts_each_of_its_inspections(made_up):
    # The single inspection framework ended before the newest report here: 'which councils had
    # adoption judged good under it?' means any of its inspections, each named with its year.
    answer = planned(made_up, "Under the single inspection framework, which councils had adoption performance judged good?")
    assert answer.shape == "roster" and "adoption" in answer.says
    assert [part.report_id for part in answer.parts] == ["rochdale-2014-sif", "rochdale-2016-sif"]
    assert [part.label for part in answer.parts] == ["Rochdale: good (2014)", "Rochdale: good (2016)"]


def test_a_roster_of_current_grades_leaves_out_councils_whose_latest_inspection_gives_none(made_up):
    # Blackpool's 2026 inspection (after the reform) gives no overall grade: its 2022 'requires
    # improvement' is no longer its grade. The list leaves it out and says so.
    answer = planned(made_up, "Which councils are rated requires improvement?")
    assert [part.report_id for part in answer.parts] == []
    assert "left out, as their latest inspection gives no grade for overall effectiveness: Blackpool" in answer.says
    # Asked about the years when it had one, it is listed.
    answer = planned(made_up, "Which councils were rated requires improvement in 2022?")
    assert [part.report_id for part in answer.parts] == ["blackpool-2022-ilacs"]


def test_a_change_since_a_grade_starts_at_the_latest_inspection_that_gave_it(made_up):
    # 'Has Rochdale improved since it was inadequate?': from its 2014 inspection, however many
    # came after (a change question without one shows the latest three).
    reports = [*made_up, ilacs("Rochdale", "2022-06-06", "2022-06-17", "good"),
               ilacs("Rochdale", "2025-06-02", "2025-06-13", "good")]

    says, parts = timeline(reports, "Has Rochdale improved since it was inadequate?")
    assert "since the inspection that judged it inadequate (2014)" in says
    assert parts == ["rochdale-2014-sif", "rochdale-2016-sif", "rochdale-2019-ilacs", "rochdale-2022-ilacs",
                     "rochdale-2025-ilacs"]
    assert timeline(reports, "Has Rochdale improved?")[1] == [
        "rochdale-2019-ilacs", "rochdale-2022-ilacs", "rochdale-2025-ilacs"]
    assert timeline(reports, "Has Rochdale got better since it was requires improvement?")[1][0] == "rochdale-2016-sif"


def timeline(reports, question: str) -> tuple[str, list[str]]:
    """(what a timeline's first line says, the reports of its parts)."""
    answer = planned(reports, question)
    assert answer.shape == "timeline", answer.says
    return answer.says, [part.report_id for part in answer.parts]


def test_a_change_between_two_grades_named_compares_the_two_inspections_of_that_step(made_up):
    # 'Why did Rochdale go from requires improvement to good?': the inspection that gave the
    # first grade and the next, which gave the other, whatever came before or after.
    says, parts = timeline(made_up, "Why did Rochdale go from requires improvement to good?")
    assert "overall effectiveness went from requires improvement to good" in says
    assert parts == ["rochdale-2016-sif", "rochdale-2019-ilacs"]
    assert timeline(made_up, "How did Rochdale go from inadequate to requires improvement?")[1] == [
        "rochdale-2014-sif", "rochdale-2016-sif"]
    # No such step: the latest inspections, as for any change.
    assert timeline(made_up, "Why did Rochdale go from outstanding to good?")[1] == [
        "rochdale-2014-sif", "rochdale-2016-sif", "rochdale-2019-ilacs"]


def test_a_change_question_about_an_abolished_council_follows_its_successors():
    # 'Has Northamptonshire improved?': the council was split in 2021; the timeline shows
    # the last two inspections of each authority that held its area, oldest first.
    from askofsted.asking.plan import plan
    from askofsted.asking.selection import select_reports
    from askofsted.asking.understanding import understand
    from askofsted.index.store import StoredReport

    made_reports = [
        ilacs("Northamptonshire", "2016-11-07", "2016-11-18", "inadequate"),
        ilacs("Northamptonshire", "2019-11-04", "2019-11-15", "inadequate"),
        ilacs("North Northamptonshire", "2022-10-03", "2022-10-14", "requires improvement"),
        ilacs("West Northamptonshire", "2022-10-03", "2022-10-14", "requires improvement"),
        ilacs("West Northamptonshire", "2026-05-11", "2026-05-22", None),
    ]
    stored = [StoredReport(n, r.report_id, r.content_hash, r.source, r.facts) for n, r in enumerate(made_reports, 1)]
    understanding = understand("Has Northamptonshire improved?")
    assert understanding.shape == "timeline"
    answer = plan(understanding, select_reports(stored, understanding.filters), stored, 5)
    assert [p.report_id for p in answer.parts] == [
        "northamptonshire-2016-ilacs", "northamptonshire-2019-ilacs", "north-northamptonshire-2022-ilacs",
        "west-northamptonshire-2022-ilacs", "west-northamptonshire-2026-ilacs"]
    assert "the last two of each authority" in answer.says


def test_a_judgement_today_s_inspections_no_longer_grade_is_answered_from_the_last_that_did(made_up):
    # Rochdale's ILACS inspection (2019) grades no adoption; its 2016 single inspection did.
    from askofsted.asking.plan import plan
    from askofsted.asking.selection import select_reports
    from askofsted.asking.understanding import understand
    from askofsted.index.store import StoredReport

    stored = [StoredReport(n, r.report_id, r.content_hash, r.source, r.facts) for n, r in enumerate(made_up, 1)]
    understanding = understand("How was Rochdale rated for adoption?", today=date(2026, 11, 26))
    answer = plan(understanding, select_reports(stored, understanding.filters), stored, 3)
    assert answer.shape == "grades" and "latest inspection that judged adoption performance" in answer.says
    assert [part.report_id for part in answer.parts] == ["rochdale-2016-sif"]
    # A judgement it still grades: the latest.
    understanding = understand("How was Rochdale rated for help and protection?", today=date(2026, 11, 26))
    answer = plan(understanding, select_reports(stored, understanding.filters), stored, 3)
    assert [part.report_id for part in answer.parts] == ["rochdale-2019-ilacs"]


def test_a_roster_of_councils_with_the_grade_in_every_judgement(made_up):
    # Camden 2023 is outstanding overall but good for care leavers; only a council outstanding in
    # every judgement its inspection grades is listed.
    reports = [*made_up, ilacs("Rochdale", "2023-02-06", "2023-02-17", "outstanding", "2023-03-30",
                               children_in_care="outstanding", care_leavers="outstanding")]
    answer = planned(reports, "Which councils got outstanding in every judgement in 2023?")
    assert [part.report_id for part in answer.parts] == ["rochdale-2023-ilacs"]
    assert "every judgement" in answer.says
    assert [part.report_id for part in planned(reports, "Which councils were outstanding in 2023?").parts] == [
        "camden-2023-ilacs", "rochdale-2023-ilacs"]


def test_a_grade_now_beside_a_grade_then_leads_with_the_latest(made_up):
    # 'Is Rochdale any good now? It was failing in 2014': the 2014 inspection beside the latest,
    # the latest first; 'is it still good?' with a year: that inspection beside the one before.
    answer = planned(made_up, "Is Rochdale any good now? It was awful back in 2014")
    assert answer.shape == "grades"
    assert [part.report_id for part in answer.parts] == ["rochdale-2019-ilacs", "rochdale-2014-sif"]
    answer = planned(made_up, "Is Camden still outstanding? What did it get in 2023?")
    assert [part.report_id for part in answer.parts] == ["camden-2023-ilacs", "camden-2019-ilacs"]
    # 'did they keep it?' after a grade named is whether the grade held: the latest two.
    answer = planned(made_up, "Camden used to be good - did they keep it at the latest inspection?")
    assert answer.shape == "grades" and [part.report_id for part in answer.parts] == [
        "camden-2023-ilacs", "camden-2019-ilacs"]


def test_a_past_grade_in_a_change_question_says_where_the_change_starts(made_up):
    # 'rated inadequate in 2014 - what has improved by 2019?' asks for no grades: a timeline.
    says, parts = timeline(made_up, "Rochdale was rated inadequate in 2014 - what has improved by the 2019 inspection?")
    assert parts == ["rochdale-2014-sif", "rochdale-2019-ilacs"]
    # Without a change asked, the grade is what is asked.
    assert planned(made_up, "Why was Rochdale rated inadequate?").shape == "grades"


def test_a_timeline_gives_the_latest_inspection_the_places_left(made_up):
    # Two inspections and five places: two for the earlier, three for the latest (what it is
    # like now), where each had two and the fifth place was left empty.
    answer = planned(made_up, "How has Camden changed?", k=5)
    assert [(part.report_id, part.limit) for part in answer.parts] == [("camden-2019-ilacs", 2), ("camden-2023-ilacs", 3)]
    answer = planned(made_up, "How has Rochdale changed?", k=5)
    assert [part.limit for part in answer.parts] == [2, 2, 2]


def test_the_next_inspection_after_a_year_named_is_the_first_that_followed(made_up):
    answer = planned(made_up, "Rochdale was failing in 2014. What did they get at the next Ofsted?")
    assert answer.shape == "grades" and [part.report_id for part in answer.parts] == ["rochdale-2016-sif"]


def test_a_change_from_a_year_up_to_another_is_a_range(made_up):
    # 'inadequate in 2014 ... across its inspections up to the 2019 one': every inspection between.
    says, parts = timeline(made_up, "Rochdale was inadequate in 2014. How has it changed across its inspections "
                                    "up to the 2019 one?")
    assert parts == ["rochdale-2014-sif", "rochdale-2016-sif", "rochdale-2019-ilacs"]
