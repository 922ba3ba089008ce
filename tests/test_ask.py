"""Asking: the question in, the cited paragraphs that answer it out (library and CLI)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from askofsted.cli import main

CITATION_KEYS = {"id", "authority", "report_type", "inspection_start", "inspection_end", "published", "section",
                 "paragraph", "pages", "source", "headings"}


def ask(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_known_answer_on_the_seeds(seed_index):
    results = seed_index.search("how were missing children handled in 2012?")
    assert len(results) == 5
    top = results[0]
    assert "go missing from their home or care placement" in top.text
    citation = top.citation
    assert citation.id == "kingston-upon-thames-2012#28"
    assert citation.authority == "Kingston upon Thames"
    assert citation.paragraph == 28
    assert citation.inspection_start.isoformat() == "2012-05-21"
    assert citation.inspection_end.isoformat() == "2012-06-01"
    assert citation.section == "Safeguarding services"
    # Every result comes from the 2012 inspection the question asked about.
    assert {r.citation.id.split("#")[0] for r in results} == {"kingston-upon-thames-2012"}


def test_results_are_whole_paragraphs_with_highlights(seed_index):
    result = seed_index.search("What is the Letterbook Adventure scheme?", k=1)[0]
    assert "Letterbook Adventure" in result.text
    assert result.highlights and all(h in result.text for h in result.highlights)
    assert any("Letterbook" in h for h in result.highlights)


def test_flags_restrict_and_override_the_question(seed_index):
    restricted = seed_index.search("audits", k=5, authority="Kensington and Chelsea")
    assert len(restricted) == 5
    assert {r.citation.authority for r in restricted} == {"Kensington and Chelsea"}
    overridden = seed_index.search("how were missing children handled in 2012?", year=2019)
    assert {r.citation.id.split("#")[0] for r in overridden} == {"kingston-upon-thames-2019-03-19-focused-visit"}


def test_a_filter_that_matches_nothing_says_what_exists(seed_index):
    answer = seed_index.ask("How were Kingston care leavers doing in 2016?")
    assert answer.results == ()
    assert "2016" in answer.note
    for year in ("2010", "2012", "2019", "2024"):
        assert year in answer.note
    code, out, _ = ask("--index", str(seed_index.root), "How were Kingston care leavers doing in 2016?")
    assert code == 1
    assert "2012" in out and "2024" in out


def test_an_authority_not_in_the_index(seed_index):
    answer = seed_index.ask("How does Norfolk support care leavers?")
    assert answer.results == ()
    assert "Norfolk" in answer.note and "Kingston upon Thames" in answer.note


def test_judgement_questions_find_the_judgement(seed_index):
    top = seed_index.search("What was the overall effectiveness of safeguarding services in Kingston in 2012?", k=3)
    assert any("overall effectiveness of safeguarding services is inadequate" in r.text for r in top)
    # Two things named: the overall grade of one service comes before that service's other grades.
    top = seed_index.search("How was the overall effectiveness of Kingston's services for looked after children "
                            "graded in 2012?", k=1)
    assert top[0].text.startswith("The overall effectiveness is adequate.")
    assert "Services for looked after children" in top[0].citation.section
    # Where only the grade table states it, the table answers.
    top = seed_index.search("What was Kingston's overall effectiveness in 2024?", k=1)
    assert "Overall effectiveness: Outstanding" in top[0].text


def test_the_children_named_find_their_part_of_the_report(seed_index):
    """Kids in care's mental health: the looked after children's CAMHS post, not adult mental
    health services' part in child protection."""
    top = seed_index.search("do kids in care in Kingston get help with their mental health?", k=5)
    assert any("dedicated CAMHS worker post for looked after children" in r.text for r in top)
    assert not any(r.citation.section.startswith("Safeguarding services") for r in top)


def test_each_year_or_authority_named_is_shown(seed_index):
    """Naming two inspections asks about both, even where one matches the words better."""
    top = seed_index.search("Compare Kingston's 2019 and 2024 findings on exploitation", k=5)
    assert {r.citation.inspection_start.year for r in top} == {2019, 2024}
    top = seed_index.search("How do Kingston and Kensington and Chelsea respond to exploitation?", k=5)
    assert {r.citation.authority for r in top} == {"Kingston upon Thames", "Kensington and Chelsea"}


def test_json_schema(seed_index):
    code, out, _ = ask("--index", str(seed_index.root), "--json", "How quickly are return home interviews offered?")
    assert code == 0
    record = json.loads(out)
    assert set(record) >= {"question", "understood", "shape", "weak", "filters", "results", "groups", "facts"}
    assert record["question"] == "How quickly are return home interviews offered?"
    assert (record["shape"], record["weak"], record["groups"], record["facts"]) == ("passages", False, [], [])
    assert len(record["results"]) == 5
    for result in record["results"]:
        assert set(result) == {"citation", "text", "score", "highlights"}
        assert set(result["citation"]) == CITATION_KEYS
        assert isinstance(result["citation"]["pages"], list)
        assert result["citation"]["id"].count("#") == 1
    assert any("72 hours" in r["text"] for r in record["results"])


def test_top_k(seed_index):
    code, out, _ = ask("--index", str(seed_index.root), "--json", "-k", "8", "foster carers")
    assert code == 0 and len(json.loads(out)["results"]) == 8


def test_batch_mode_answers_each_question_and_echoes_ids(seed_index, tmp_path):
    questions = tmp_path / "questions.jsonl"
    questions.write_text(
        '{"id": "q1", "question": "What is the MARVE panel?"}\n'
        "\n"
        '{"id": 7, "question": "What is the Letterbook Adventure scheme?"}\n'
    )
    code, out, _ = ask("--index", str(seed_index.root), "--questions", str(questions), "-k", "3")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["q1", 7]
    assert all(len(line["results"]) == 3 for line in lines)
    assert "MARVE" in lines[0]["results"][0]["text"]
    plain = tmp_path / "plain.txt"
    plain.write_text("What is the MARVE panel?\nWhat is the Letterbook Adventure scheme?\n")
    code, out, _ = ask("--index", str(seed_index.root), "--questions", str(plain))
    assert code == 0 and len(out.splitlines()) == 2 and "id" not in json.loads(out.splitlines()[0])


def test_plain_text_when_piped(seed_index):
    code, out, _ = ask("--index", str(seed_index.root), "What is the MARVE panel?")
    assert code == 0
    assert "\033[" not in out
    assert "[1] kingston-upon-thames-2019-03-19-focused-visit#" in out
    assert "Kingston upon Thames · focused visit · inspected 19-20 March 2019" in out


def test_show_prints_the_paragraph_and_its_neighbours(seed_index):
    code, out, _ = ask("show", "--index", str(seed_index.root), "kingston-upon-thames-2012#28")
    assert code == 0
    assert ">> kingston-upon-thames-2012#28" in out
    assert "kingston-upon-thames-2012#27" in out and "kingston-upon-thames-2012#29" in out
    assert "go missing from their home or care placement" in out
    code, _, err = ask("show", "--index", str(seed_index.root), "kingston-upon-thames-2012#999")
    assert code == 1 and "no paragraph" in err


def test_library_api(seed_index_dir):
    import askofsted

    index = askofsted.open_index(seed_index_dir)
    results = index.search("Do young people get a say in checking supported housing?", k=5)
    assert len(results) == 5
    assert all(isinstance(r, askofsted.Result) for r in results)
    assert all(isinstance(r.citation, askofsted.Citation) for r in results)
    report = askofsted.read_report(Path(__file__).parents[1] / "corpus" / "kingston-upon-thames_2024-12_ilacs.txt")
    assert report.facts.judgements.overall_effectiveness == "outstanding"


def test_first_question_builds_the_default_index(tmp_path, corpus_dir):
    """On a fresh clone the first question builds the index for the bundled corpus, saying so;
    two first questions at once build it once, and both are answered."""
    env = {**os.environ, "ASKOFSTED_INDEX": str(tmp_path / "index")}
    first = [
        subprocess.Popen([sys.executable, "-m", "askofsted", "What is the MARVE panel?"],
                         env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=300) for process in first]
    assert [process.returncode for process in first] == [0, 0], outputs
    assert all("MARVE" in out for out, _ in outputs)
    assert all("building one from the bundled corpus" in err for _, err in outputs)
    assert sum("Indexed 5 reports" in err for _, err in outputs) == 1
    assert sorted(p.name for p in (tmp_path / "index").iterdir() if p.name.startswith("v")) == ["v000001"]
    again = subprocess.run(
        [sys.executable, "-m", "askofsted", "What is the MARVE panel?"],
        env=env, capture_output=True, text=True, timeout=60,
    )
    assert again.returncode == 0 and "building" not in again.stderr


def test_help_is_instant_and_loads_nothing_heavy():
    code = (
        "import sys; from askofsted.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('numpy', 'faiss', 'onnxruntime', 'torch', 'pypdfium2') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


REPORT_KEYS = {"source", "id", "authority", "report_type", "inspection_start", "inspection_end", "published",
               "lead_inspector", "judgements", "stated_judgements", "paragraphs", "error"}
JUDGEMENT_KEYS = {"overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care",
                  "care_leavers"}


def test_reports_lists_each_reports_facts_as_json(corpus_dir):
    code, out, _ = ask("reports", "--json", str(corpus_dir))
    assert code == 0
    records = {Path(r["source"]).name: r for r in json.loads(out)}
    assert len(records) == 5
    for record in records.values():
        assert set(record) == REPORT_KEYS and record["error"] is None
        assert set(record["judgements"]) == JUDGEMENT_KEYS
    ilacs = records["kingston-upon-thames_2024-12_ilacs.txt"]
    assert ilacs["authority"] == "Kingston upon Thames"
    assert ilacs["report_type"] == "ilacs"
    assert (ilacs["inspection_start"], ilacs["inspection_end"]) == ("2024-12-02", "2024-12-06")
    assert ilacs["lead_inspector"] == "Nicki Shaw"
    assert set(ilacs["judgements"].values()) == {"outstanding"}
    stated = records["kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt"]["stated_judgements"]
    assert {"label": "Overall effectiveness", "key": "safeguarding_overall_effectiveness",
            "name": "overall effectiveness of safeguarding services", "headline": "help_and_protection",
            "grade": "inadequate", "citation": "kingston-upon-thames-2012#13"} in stated
    letter = records["kingston-upon-thames_2019-03_focused-visit.txt"]
    assert letter["authority"] == "Kingston upon Thames"  # spelt 'Kingston-upon-Thames' in the letter
    assert letter["stated_judgements"] == []
    assert letter["report_type"] == "focused_visit" and letter["published"] == "2019-04-11"


def test_reports_exits_3_when_a_file_gives_no_report_and_1_when_none_does(corpus_dir, tmp_path):
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    code, out, _ = ask("reports", "--json", str(corpus_dir / "kingston-upon-thames_2024-12_ilacs.txt"), str(empty))
    assert code == 3
    records = json.loads(out)
    assert records[0]["error"] is None and records[1]["error"].startswith("empty file")
    code, out, _ = ask("reports", "--json", str(empty))
    assert code == 1 and json.loads(out)[0]["error"].startswith("empty file")


def test_the_query_path_never_imports_torch(seed_index_dir):
    code = (
        "import sys; from askofsted.index import open_index\n"
        f"open_index({str(seed_index_dir)!r}).search('how were missing children handled in 2012?')\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_progress_stays_quiet_when_piped(tmp_path, corpus_dir):
    """No progress bar unless stderr is a terminal; the summary line still says what happened."""
    done = subprocess.run(
        [sys.executable, "-m", "askofsted", "index", "build", "--index", str(tmp_path / "index"), str(corpus_dir)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "█" not in done.stderr and "#" not in done.stderr and "%" not in done.stderr
    assert "5 added" in done.stderr
    quiet = subprocess.run(
        [sys.executable, "-m", "askofsted", "index", "update", "-q", "--index", str(tmp_path / "index")],
        capture_output=True, text=True, timeout=300,
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_progress_bar_on_a_terminal(tmp_path, corpus_dir):
    import pty

    controller, terminal = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "askofsted", "index", "build", "--index", str(tmp_path / "index"), str(corpus_dir)],
        stdout=subprocess.DEVNULL, stderr=terminal, close_fds=True,
    )
    os.close(terminal)
    seen = b""
    while True:
        try:
            chunk = os.read(controller, 4096)
        except OSError:  # the terminal closed: the build finished
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=300) == 0
    os.close(controller)
    assert b"reading" in seen and b"embedding" in seen
