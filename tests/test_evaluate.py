"""Scoring answers against question sets: the matching rule, each kind of question, the figures,
the CLI, and a retrieval floor on the seed reports."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from askofsted.cli import main
from askofsted.errors import AskofstedError
from askofsted.evaluate import (
    Gold,
    Question,
    Response,
    contains,
    evaluate,
    from_report,
    half,
    load_questions,
    metrics,
    misses,
    report,
    score,
    table,
)

ROOT = "/data/ilacs/"
HARROW_2025 = "80499_harrow/children's services inspection - 04 march 2025.pdf"
HARROW_2020 = "80499_harrow/children's services inspection - 20 march 2020.pdf"
LUTON_2020 = "80520_luton/children's services inspection - 24 february 2020.pdf"
LUTON_2022 = "80520_luton/children's services inspection - 05 september 2022.pdf"
LUTON_2026 = "80520_luton/children's services inspection - 10 march 2026.pdf"
FILLER = "Inspectors met social workers, managers and partners during the inspection week."


def answer(*results, facts=None, weak=None) -> dict:
    """An answer as `Answer.as_dict()` gives it: results are (text, doc, authority)."""
    out: dict = {
        "question": "?",
        "filters": {},
        "results": [
            {"citation": {"id": f"x#{i}", "source": ROOT + doc, "authority": authority}, "text": text, "score": 1.0}
            for i, (text, doc, authority) in enumerate(results, 1)
        ],
    }
    if facts is not None:
        out["facts"] = [{"source": ROOT + doc, "report_id": f"r{i}"} for i, doc in enumerate(facts)]
    if weak is not None:
        out["weak"] = weak
    return out


def filler(n: int, doc: str = HARROW_2020, authority: str = "Harrow") -> list[tuple[str, str, str]]:
    return [(f"{FILLER} Paragraph {i}.", doc, authority) for i in range(n)]


# ---------------------------------------------------------------- matching


def test_quotes_match_across_line_breaks_hyphens_curly_quotes_and_ligatures():
    quote = "Leaders could not assure themselves that all 16- and 17-year-olds who presented as homeless"
    pdf = "In 2022, leaders could not\nassure themselves that all 16 and 17 year-\nolds who presented as homeless were helped."
    assert contains(pdf, quote)
    assert contains("The council’s “front door” is effective.", "the council's \"front door\" is effective")
    assert contains("Social workers ﬁnd children quickly.", "social workers find children quickly")


def test_quotes_match_whole_words_only():
    assert not contains("The care leavers' hub is open.", "the care leaver")
    assert not contains("Inspectors found drift.", "inspectors found drift and delay")


def test_a_result_is_from_a_gold_report_by_its_path_ending():
    assert from_report(ROOT + HARROW_2025, HARROW_2025)
    assert from_report(HARROW_2025, HARROW_2025)
    assert not from_report(ROOT + HARROW_2020, HARROW_2025)
    assert not from_report("/x/180499_harrow/children's services inspection - 04 march 2025.pdf", HARROW_2025)
    assert not from_report(ROOT + HARROW_2025, "")


# ---------------------------------------------------------------- reading question sets


def write(tmp_path, *rows, name="set.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_load_reads_both_formats_and_questions_without_gold(tmp_path):
    path = write(
        tmp_path,
        {"id": "s001", "question": "old format?", "gold": [{"doc": "a.txt", "quote": "a quote"}], "type": "keyword"},
        {"id": "d32", "question": "which?", "type": "which", "gold": [], "answer_authorities": ["brent", "Kingston"],
         "intent": "never read", "constraints": {"years": [2018]}},
        {"id": "d38", "question": "none?", "type": "none", "gold": []},
        "",
    )
    old, which, none = load_questions(path)
    assert old.gold == (Gold("a quote", "a.txt"),) and old.type == "keyword" and old.by_quotes
    assert which.answer_authorities == ("Brent", "Kingston upon Thames") and which.row == "which-list"
    assert which.by_authorities and not which.by_quotes
    assert not none.answerable and not none.by_quotes and none.row == "none"


@pytest.mark.parametrize(
    "line, says",
    [
        ('{"id": "q1", "question": "x", "gold": [', "line 1"),
        ('{"id": "q1", "gold": []}', "line 1"),
        ('{"id": "q1", "question": "x", "gold": [{"doc": "a"}]}', "line 1"),
        ('{"id": "q1", "question": "x", "gold": [], "answer_authorities": ["Atlantis"]}', "Atlantis"),
        ("[1, 2]", "line 1"),
        ('{"id": "q1", "question": "x", "gold": "a quote"}', "'gold' is not a list"),
        ('{"id": "q1", "question": "x", "gold": [], "answer_authorities": "Brent"}', "not a list"),
    ],
)
def test_a_bad_question_set_is_one_clear_error(tmp_path, line, says):
    with pytest.raises(AskofstedError, match=says):
        load_questions(write(tmp_path, line))


def test_an_empty_or_missing_set_is_an_error(tmp_path):
    with pytest.raises(AskofstedError, match="no questions"):
        load_questions(write(tmp_path, ""))
    with pytest.raises(AskofstedError, match="cannot read"):
        load_questions(tmp_path / "missing.jsonl")


def test_halves_split_by_the_number_in_the_id():
    qs = [Question(i, "?") for i in ("d01", "d02", "s013", "d004")]
    assert [q.id for q in half(qs, "odd")] == ["d01", "s013"]
    assert [q.id for q in half(qs, "even")] == ["d02", "d004"]
    with pytest.raises(AskofstedError, match="no number"):
        half([Question("intro", "?")], "odd")


# ---------------------------------------------------------------- what an answer shows


def test_an_answer_without_the_new_fields_is_not_weak_and_has_no_facts():
    response = Response.from_answer(answer(("text", HARROW_2025, "Harrow")))
    assert response.weak is False and response.fact_sources == ()
    assert response.results[0].source == ROOT + HARROW_2025 and response.results[0].authority == "Harrow"
    flagged = Response.from_answer(answer(facts=[HARROW_2025], weak=True))
    assert flagged.weak and flagged.fact_sources == (ROOT + HARROW_2025,) and flagged.results == ()


# ---------------------------------------------------------------- each kind of question

LOOKUP = Question("d01", "lookup?", (Gold("too many referrals do not meet the threshold", HARROW_2025),
                                     Gold("social workers spend too much time seeking clarification", HARROW_2025)),
                  "lookup")


def test_lookup_rank_of_the_first_answer_and_quotes_found():
    results = filler(2) + [("Too many referrals do not\nmeet the threshold.", HARROW_2025, "Harrow")] + filler(7)
    s = score(LOOKUP, Response.from_answer(answer(*results)))
    assert s.first_hit == 3 and s.found == 1
    assert misses(s) == []
    late = score(LOOKUP, Response.from_answer(answer(*filler(5), *results)))
    assert late.first_hit == 8 and misses(late) == ["first hit 8"]
    # Beyond the cut-off a paragraph is not counted.
    assert score(LOOKUP, Response.from_answer(answer(*filler(10), *results))).first_hit is None


GRADE = Question("d11", "how was Harrow rated?", (Gold("the support to care leavers has deteriorated", HARROW_2025),),
                 "grade")
GRADE_TABLE = "Overall effectiveness: Inadequate\nThe experiences and progress of care leavers: Inadequate"


@pytest.mark.parametrize(
    "shown, stated",
    [
        # a gold quote in the top five
        (answer(*filler(4), ("Since 2020 the support to care leavers has deteriorated.", HARROW_2025, "Harrow")), True),
        # the facts the answer leads with come from the gold report
        (answer(*filler(3), facts=[HARROW_2025, HARROW_2020]), True),
        # the first result is from the gold report and states a grade (a grade table)
        (answer((GRADE_TABLE, HARROW_2025, "Harrow"), *filler(4)), True),
        (answer(("Services for children in Harrow are inadequate.", HARROW_2025, "Harrow")), True),
        # ... but not from another report, nor a paragraph of the gold report that grades nothing
        (answer((GRADE_TABLE, HARROW_2020, "Harrow"), *filler(4)), False),
        (answer(("The quality of assessments is good.", HARROW_2025, "Harrow"), *filler(4)), False),
        (answer(*filler(1), (GRADE_TABLE, HARROW_2025, "Harrow")), False),
        # facts from another report, leading
        (answer(*filler(3), facts=[HARROW_2020, HARROW_2025]), False),
        (answer(), False),
    ],
)
def test_grade_stated(shown, stated):
    s = score(GRADE, Response.from_answer(shown))
    assert s.grade_stated is stated
    assert misses(s) == ([] if stated else ["grade not stated"])


CHANGE = Question("d19", "how has Luton's MASH changed?", (
    Gold("The risks and needs of children are not sufficiently identified in the MASH", LUTON_2020),
    Gold("safeguarding referrals are redirected to early help by the MASH", LUTON_2020),
    Gold("Regular and frequent management oversight of contacts to the MASH", LUTON_2022),
    Gold("Children referred to the MASH receive a timely and appropriate response", LUTON_2026),
), "change")


def test_change_counts_the_gold_inspections_covered_in_the_top_five():
    one = [("The risks and needs of children are not sufficiently identified in the MASH.", LUTON_2020, "Luton"),
           ("Safeguarding referrals are redirected to early help by the MASH.", LUTON_2020, "Luton")]
    s = score(CHANGE, Response.from_answer(answer(*one, *filler(3, LUTON_2022, "Luton"))))
    assert s.covered == 1 and not s.covers_two and s.first_hit == 1
    assert misses(s) == ["covers 1 of 3 inspections"]
    later = ("Children referred to the MASH receive a timely and appropriate response.", LUTON_2026, "Luton")
    two = score(CHANGE, Response.from_answer(answer(*one, *filler(2, LUTON_2022, "Luton"), later)))
    assert two.covered == 2 and two.covers_two and misses(two) == []
    # A match sixth does not cover its inspection.
    sixth = score(CHANGE, Response.from_answer(answer(*one, *filler(3, LUTON_2022, "Luton"), later)))
    assert sixth.covered == 1
    m = metrics([s, two, sixth])
    assert m["covered@5"] == pytest.approx((1 / 3 + 2 / 3 + 1 / 3) / 3)
    assert m["covers_two@5"] == pytest.approx(1 / 3)


WHICH = Question("d32", "which councils?", (), "which", ("Brent", "Calderdale", "East Sussex", "Hartlepool"))


def test_which_with_a_list_compares_the_authorities_shown_in_order_without_repeats():
    shown = answer(("a", "brent.pdf", "Brent"), ("b", "brent2.pdf", "London Borough of Brent"),
                   ("c", "hart.pdf", "Hartlepool"), ("d", "nor.pdf", "Norfolk"), ("e", "unknown.pdf", None))
    s = score(WHICH, Response.from_answer(shown))
    assert s.authorities == ("Brent", "Hartlepool", "Norfolk")
    assert s.authority_recall == pytest.approx(2 / 4)
    assert s.authority_precision == pytest.approx(2 / 3)
    assert misses(s) == ["authority recall 0.50, precision 0.67"]
    nothing = score(WHICH, Response.from_answer(answer()))
    assert nothing.authority_recall == 0 and nothing.authority_precision == 0


def test_none_must_be_flagged_weak_and_nothing_answerable_may_be():
    none = Question("d38", "what grade did my son's school get?", (), "none")
    assert misses(score(none, Response.from_answer(answer(*filler(5), weak=True)))) == []
    assert misses(score(none, Response.from_answer(answer(*filler(5))))) == ["not flagged weak"]
    results = [("Too many referrals do not meet the threshold.", HARROW_2025, "Harrow")]
    assert misses(score(LOOKUP, Response.from_answer(answer(*results, weak=True)))) == ["flagged weak"]


# ---------------------------------------------------------------- the figures


def test_metrics_over_questions_scored_by_quotes():
    gold = (Gold("alpha beta gamma"), Gold("delta epsilon zeta"))
    answers = {
        "first?": ["Alpha beta gamma.", "x", "Delta epsilon zeta."],  # hit at 1, both quotes found
        "third?": ["x", "y", "alpha-beta gamma"],  # hit at 3, one quote of two
        "sixth?": ["x"] * 5 + ["alpha beta gamma"],  # hit at 6: not within five
        "missed?": ["x"] * 10,
    }
    questions = [Question(str(i), text, gold, "paraphrase") for i, text in enumerate(answers)]
    m = metrics(evaluate(questions, lambda question: Response.of_texts(answers[question])))
    assert m["questions"] == 4
    assert m["hit@1"] == pytest.approx(1 / 4)
    assert m["hit@5"] == pytest.approx(2 / 4)
    assert m["mrr@10"] == pytest.approx((1 + 1 / 3 + 1 / 6) / 4)
    assert m["recall@10"] == pytest.approx((1 + 0.5 + 0.5 + 0) / 4)
    assert m["weak"] == 0


def test_a_set_of_every_kind_reports_each_rows_own_figures():
    questions = [LOOKUP, GRADE, CHANGE, WHICH, Question("d38", "none?", (), "none"),
                 Question("d35", "which run lifelong links?", (Gold("the lifelong links service", LUTON_2022),), "which")]
    responses = {
        LOOKUP.question: answer(("Too many referrals do not meet the threshold.", HARROW_2025, "Harrow")),
        GRADE.question: answer((GRADE_TABLE, HARROW_2025, "Harrow")),
        CHANGE.question: answer(*filler(5, LUTON_2020, "Luton")),
        WHICH.question: answer(("a", "b.pdf", "Brent"), weak=True),
        "none?": answer(*filler(2), weak=True),
        "which run lifelong links?": answer(*filler(1), ("The lifelong links service helps.", LUTON_2022, "Luton")),
    }
    results = report(evaluate(questions, lambda q: Response.from_answer(responses[q])))
    assert list(results) == ["overall", "change", "grade", "lookup", "none", "which", "which-list", "answerable"]
    assert results["overall"]["questions"] == 4  # lookup, grade, change, which without a list
    assert results["overall"]["hit@5"] == pytest.approx(2 / 4)
    assert results["grade"]["grade_stated"] == 1.0 and results["grade"]["hit@5"] == 0.0
    assert results["change"]["covered@5"] == 0.0 and results["change"]["covers_two@5"] == 0.0
    assert results["which"]["mrr@10"] == 0.5
    assert results["which-list"] == {"questions": 1, "weak": 1.0, "authority_recall": 0.25,
                                     "authority_precision": 1.0}
    assert results["none"] == {"questions": 1, "weak": 1.0}
    assert results["answerable"] == {"questions": 5, "weak": pytest.approx(1 / 5)}
    assert not {"grade_stated", "covered@5", "authority_recall"} & set(results["overall"])  # each row's own
    printed = table(results)
    assert "grade stated 1.000" in printed and "authority recall 0.250, precision 1.000" in printed
    none_row = next(line for line in printed.splitlines() if line.startswith("none"))
    assert none_row.split()[2:7] == ["-", "-", "-", "-", "1.000"]


# ---------------------------------------------------------------- the command


def test_eval_command_on_a_set_with_questions_without_gold(seed_index, tmp_path):
    path = write(
        tmp_path,
        {"id": "u1", "type": "lookup", "question": "What is the Letterbook Adventure scheme in Kingston?",
         "gold": [{"doc": "kingston-upon-thames_2024-12_ilacs.txt", "quote": "Letterbook Adventure"}]},
        {"id": "u2", "type": "which", "question": "Which councils were judged outstanding?", "gold": [],
         "answer_authorities": ["Kingston upon Thames"]},
        {"id": "u3", "type": "none", "question": "What grade did my son's school in Brighton get?", "gold": []},
        {"id": "u4", "type": "grade", "question": "How was Kingston rated in 2024?",
         "gold": [{"doc": "kingston-upon-thames_2024-12_ilacs.txt", "quote": "no words of any report here"}]},
    )
    result = CliRunner().invoke(main, ["eval", str(path), "--index", str(seed_index.root), "--json", "--misses"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["lookup"]["hit@5"] == 1.0
    assert figures["grade"]["grade_stated"] == 1.0  # the 2024 report's grade table or grade sentence leads
    assert figures["which-list"]["authority_recall"] == 1.0
    assert figures["none"]["questions"] == 1 and figures["answerable"]["questions"] == 3
    odd = CliRunner().invoke(main, ["eval", str(path), "--index", str(seed_index.root), "--half", "odd"])
    rows = [line.split()[0] for line in odd.stdout.splitlines()[1:]]
    assert odd.exit_code == 0 and rows == ["overall", "lookup", "none", "answerable"]  # u1 and u3


def test_eval_command_bad_file_is_one_line(seed_index, tmp_path):
    path = write(tmp_path, '{"id": "q1", "question": "x", "gold": [')
    result = CliRunner().invoke(main, ["eval", str(path), "--index", str(seed_index.root)])
    assert result.exit_code == 1
    assert "line 1" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- retrieval floor

# On the seed index: hit@5 0.93-0.95 and MRR@10 0.88-0.90 on 2026-11-26. The floors leave
# room for another processor's int8 kernels to reorder a question or two (one is 0.024).
HIT5_FLOOR = 0.85
MRR10_FLOOR = 0.80


def test_retrieval_floor_on_the_seed_questions(seed_index):
    from conftest import shared_root

    path = shared_root() / "eval" / "dev_seeds.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found (set ASKOFSTED_SHARED)")
    from askofsted.evaluate import asking

    figures = report(evaluate(load_questions(path), asking(seed_index)))["overall"]
    assert figures["questions"] == 41
    assert figures["hit@5"] >= HIT5_FLOOR, figures
    assert figures["mrr@10"] >= MRR10_FLOOR, figures
