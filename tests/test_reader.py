"""What a user checks in a read report: this paragraph has this number, these words,
these headings and pages; running headers, contents and Ofsted's boilerplate are gone;
a file that is not a report gives a clear reason and never stops the rest."""

from __future__ import annotations

from functools import lru_cache

import pytest

from askofsted.models import ReadError, Report
from askofsted.reading.reader import read_report, read_reports
from askofsted.reading.sources import UnreadableFile

SEED_2012 = "kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt"
SEED_2024 = "kingston-upon-thames_2024-12_ilacs.txt"
SEED_FV_2019 = "kingston-upon-thames_2019-03_focused-visit.txt"
SEED_FV_2022 = "kensington-and-chelsea_2022-06_focused-visit.txt"
SEED_CRA_2010 = "kingston-upon-thames_2010-01_unannounced-contact-referral-assessment.txt"


@lru_cache(maxsize=None)
def _read(path) -> Report:
    return read_report(path)


def _numbered(report: Report, number: int):
    return next(p for p in report.paragraphs if p.number == number)


def _all_headings(report: Report) -> set[str]:
    return {h for p in report.paragraphs for h in p.headings}


# ---------------------------------------------------------------- seeds


def test_ilacs_seed_paragraph_has_number_words_section_and_citation(corpus_dir):
    report = _read(corpus_dir / SEED_2024)
    first = _numbered(report, 1)
    assert first.text.startswith("Children and families benefit from highly effective early help services.")
    assert first.section == "The experiences and progress of children who need help and protection: outstanding"
    assert report.citation_id(first) == "kingston-upon-thames-2024#1"
    leaders = _numbered(report, 42)
    assert leaders.section == "The impact of leaders on social work practice with children and families: outstanding"


def test_ilacs_seed_paragraph_broken_by_a_page_break_is_whole(corpus_dir):
    sixth = _numbered(_read(corpus_dir / SEED_2024), 6)
    assert sixth.text.startswith("Children receive timely and responsive support while assessments")
    assert "Social workers complete a specialist risk assessment" in sixth.text
    assert sixth.pages == (2, 3)


def test_ilacs_seed_numbers_run_one_to_n(corpus_dir):
    numbers = [p.number for p in _read(corpus_dir / SEED_2024).paragraphs if p.number is not None]
    assert numbers == list(range(1, 56))


def test_ofsted_back_page_is_not_report_content(corpus_dir):
    for seed in (SEED_2024, SEED_FV_2019, SEED_FV_2022, SEED_CRA_2010):
        text = " ".join(p.text for p in _read(corpus_dir / seed).paragraphs)
        for boilerplate in ("You may reuse this information", "If you would like a copy of this document",
                            "Piccadilly Gate", "Textphone", "Crown copyright"):
            assert boilerplate not in text, (seed, boilerplate)


def test_2012_seed_dash_numbered_paragraphs_keep_their_numbers(corpus_dir):
    report = _read(corpus_dir / SEED_2012)
    twelve = _numbered(report, 12)
    assert twelve.text.startswith("At the time of the inspection, 133 children and young people were being looked after")
    assert report.citation_id(twelve) == "kingston-upon-thames-2012#12"
    numbers = [p.number for p in report.paragraphs if p.number is not None]
    assert numbers == sorted(set(numbers)) and numbers[-1] == 170
    # the text extraction itself lost these three numbers ('- The purpose of ...', '... health 99. team')
    assert sorted(set(range(1, 171)) - set(numbers)) == [1, 90, 99]


def test_2012_seed_grade_line_joins_its_heading(corpus_dir):
    report = _read(corpus_dir / SEED_2012)
    assert _numbered(report, 13).headings == ("Safeguarding services", "Overall effectiveness Grade 4 (Inadequate)")
    assert _numbered(report, 93).headings[0] == "Services for looked after children"
    assert not any(h.startswith("Grade ") for h in _all_headings(report))


def test_2012_seed_sub_list_belongs_to_its_paragraph(corpus_dir):
    second = _numbered(_read(corpus_dir / SEED_2012), 2)
    assert second.text.startswith("The evidence evaluated by inspectors included:")
    assert "a review of 101 case files" in second.text


def test_contents_page_is_dropped(corpus_dir):
    report = _read(corpus_dir / SEED_2012)
    assert "Contents" not in _all_headings(report)
    assert not any("About this inspection\t2" in p.text for p in report.paragraphs)


def test_metadata_lines_are_never_headings(corpus_dir):
    for seed in (SEED_2012, SEED_2024, SEED_FV_2019, SEED_FV_2022, SEED_CRA_2010):
        headings = _all_headings(_read(corpus_dir / seed))
        assert headings, seed  # every seed report has sections: an empty set would check nothing
        for heading in headings:
            assert not heading.lower().startswith(("lead inspector", "inspection date", "published", "dear", "yours")), heading


def test_focused_visit_bullets_are_citable_under_their_heading(corpus_dir):
    report = _read(corpus_dir / SEED_FV_2019)
    items = [p for p in report.paragraphs if p.section == "What needs to improve in this area of social work practice"]
    assert [p.kind for p in items] == ["bullet"] * 3
    assert items[0].text == "Coordination and review of risk minimisation planning and the actions required."
    assert report.citation_id(items[0]) == f"kingston-upon-thames-2019-03-19-focused-visit#{items[0].anchor}"


def test_markdown_marks_in_a_text_extraction_become_headings(corpus_dir):
    report = _read(corpus_dir / SEED_FV_2022)
    headline = next(p for p in report.paragraphs if p.section == "Headline findings")
    assert headline.text.startswith("Children who are vulnerable to extra-familial risk receive excellent support")
    assert not any("**" in p.text or p.text.startswith("#") for p in report.paragraphs)


# ---------------------------------------------------------------- shared PDFs


def test_sif_cover_table_does_not_take_paragraph_numbers(shared_pdf):
    report = _read(shared_pdf("80418_norfolk", "20 october 2015"))
    numbers = [p.number for p in report.paragraphs if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) > 150
    first = _numbered(report, 1)
    assert first.text.startswith("Strengthen management oversight in the MASH")
    assert first.headings == ("The local authority", "Recommendations") and first.pages == (8,)
    table = next(p for p in report.paragraphs if p.kind == "judgements")
    assert "Children looked after and achieving permanence: Inadequate" in table.text.split("\n")


def test_sub_bullets_fold_into_their_item(shared_pdf):
    report = _read(shared_pdf("80418_norfolk", "20 october 2015"))
    meals = next(p for p in report.paragraphs if p.text.startswith("The proportion of children entitled to free school meals"))
    assert meals.kind == "bullet"
    assert "in primary schools is 16%" in meals.text and "in secondary schools is 12%" in meals.text


def test_ilacs_pdf_paragraph_is_rejoined_and_placed(shared_pdf):
    report = _read(shared_pdf("80430_blackburn with darwen", "23 april 2025"))
    first = _numbered(report, 1)
    assert first.text.startswith(
        "Children and families in Blackburn with Darwen benefit from a wide range of early help services. "
        "Families are enabled to access the right support at the right time."
    )
    assert first.pages == (2,)
    assert first.section == "The experiences and progress of children who need help and protection: good"
    improve = [p for p in report.paragraphs if p.section == "What needs to improve?" and p.kind == "bullet"]
    assert len(improve) == 4 and improve[2].text.startswith("The response to children aged 16 and 17 years")


def test_no_running_footer_or_page_number_in_pdf_paragraphs(shared_pdf):
    report = _read(shared_pdf("80430_blackburn with darwen", "23 april 2025"))
    footer = "Inspection of Blackburn with Darwen local authority children’s services"
    for paragraph in report.paragraphs:
        if paragraph.pages != (1,):
            assert footer not in paragraph.text
            assert "3 to 14 March 2025" not in paragraph.text
    assert not any(p.text.startswith("The Office for Standards in Education") for p in report.paragraphs)
    assert not any(p.text.strip().isdigit() for p in report.paragraphs)


def test_text_matrix_sized_pdf_reads_its_table(shared_pdf):
    """Cheshire East 2015 sets every font at 1pt and scales it: the table still reads."""
    report = _read(shared_pdf("80447_cheshire east", "15 september 2015"))
    numbers = [p.number for p in report.paragraphs if p.number is not None]
    assert numbers == list(range(1, len(numbers) + 1))
    assert report.facts.judgements.children_in_care == "requires improvement"


# ---------------------------------------------------------------- bad files


def _reason(path) -> str:
    with pytest.raises(UnreadableFile) as caught:
        read_report(path)
    reason = str(caught.value)
    assert "\n" not in reason
    return reason


def _image_only_pdf(path):
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument.new()
    doc.new_page(595, 842)
    doc.new_page(595, 842)
    doc.save(str(path))
    doc.close()


def test_empty_file(tmp_path):
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert _reason(path).startswith("empty file")


def test_binary_junk_named_pdf(tmp_path):
    path = tmp_path / "junk.pdf"
    path.write_bytes(bytes(range(256)) * 20)
    assert _reason(path).startswith("not a PDF")


def test_non_utf8_text(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(("Inspection of Kingston upon Thames children’s services. " * 10).encode("cp1252"))
    assert _reason(path).startswith("not UTF-8 text")


def test_pdf_without_a_text_layer(tmp_path):
    path = tmp_path / "scanned.pdf"
    _image_only_pdf(path)
    assert _reason(path).startswith("no text layer")


def test_truncated_pdf(tmp_path, shared_pdf):
    real = shared_pdf("80430_blackburn with darwen", "23 april 2025").read_bytes()
    path = tmp_path / "truncated.pdf"
    path.write_bytes(real[: len(real) // 3])
    assert _reason(path).startswith("corrupt PDF")


def test_saved_report_not_found_page(shared_pdf):
    assert _reason(shared_pdf("80490_bromley", "17 august 2012")) == (
        "not a PDF: a saved web page saying the report was not found; download the report again"
    )


def test_read_reports_carries_on_past_bad_files(tmp_path, corpus_dir):
    empty = tmp_path / "a_empty.pdf"
    empty.write_bytes(b"")
    junk = tmp_path / "b_junk.pdf"
    junk.write_bytes(b"\x00\x01garbage" * 100)
    scanned = tmp_path / "c_scanned.pdf"
    _image_only_pdf(scanned)
    results = list(read_reports([empty, junk, tmp_path / "missing.pdf", scanned, corpus_dir / SEED_FV_2019]))
    errors = [r for r in results if isinstance(r, ReadError)]
    reports = [r for r in results if isinstance(r, Report)]
    assert [e.reason.split(" ")[0] for e in errors] == ["no", "empty", "not", "no"]
    assert [r.report_id for r in reports] == ["kingston-upon-thames-2019-03-19-focused-visit"]
