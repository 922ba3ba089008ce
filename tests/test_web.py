"""The web page, through Starlette's test client: each page, the JSON API, errors, safety.

The page is a shell over the library, so the tests compare it with what the
library (and the CLI's --json) says for the same question or report.
"""

from __future__ import annotations

import json
import queue
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from askofsted.cli import main
from askofsted.index import build_index, open_index
from askofsted.web import create_app
from askofsted.web.app import templates
from askofsted.domain.authorities import slug
from askofsted.domain.judgements import HEADLINE_SHORT_NAMES
from askofsted.history import counts, history
from askofsted.history import grades as grades_of
from askofsted.web.chart import grade_chart
from askofsted.web.grades import GradesRequest, grades_view, sort_rows
from askofsted.web.view import AskRequest, answer_view, chips, marked

from conftest import shared_root

QUESTION = "how were missing children handled in Kingston in 2012?"
SCRIPT = "<script>alert('report')</script>"


@pytest.fixture(scope="module")
def client(seed_index):
    with TestClient(create_app(seed_index)) as test_client:
        yield test_client


# ---------------------------------------------------------------- a small index with odd reports


@pytest.fixture(scope="module")
def odd_index(tmp_path_factory, corpus_dir):
    """An index of a text report holding markup, and (where the shared data is) a copy of one PDF."""
    sources = tmp_path_factory.mktemp("odd-sources")
    seed = (corpus_dir / "kingston-upon-thames_2019-03_focused-visit.txt").read_text(encoding="utf-8")
    marker = "\n\nOverview\n\n"
    assert marker in seed
    planted = (f"Inspectors found that {SCRIPT} children's plans were <b>not</b> reviewed & the "
               f"escalation of risk was \"slow\" in five cases.")
    (sources / "kingston-marked-up.txt").write_text(seed.replace(marker, f"{marker}{planted}\n\n", 1), encoding="utf-8")
    pdf = shared_root() / "ilacs" / "80511_newham" / "children's services inspection - 25 march 2019.pdf"
    if pdf.is_file():
        shutil.copy(pdf, sources / "newham-2019.pdf")
    index_dir = tmp_path_factory.mktemp("odd-index") / "index"
    index, _ = build_index([sources], index_dir)
    yield index, sources
    index.close()


@pytest.fixture(scope="module")
def odd_client(odd_index):
    with TestClient(create_app(odd_index[0])) as test_client:
        yield test_client


# ---------------------------------------------------------------- reading HTML


class Page(HTMLParser):
    """The parts of a page the tests look at: the text of elements by id, labels, controls, links."""

    VOID = {"input", "br", "meta", "link", "img", "hr", "source", "wbr"}

    def __init__(self, html: str):
        super().__init__()
        self.ids: dict[str, str] = {}
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self.chips: list[tuple[str, str]] = []
        self._open: list[tuple[str, dict[str, str], list[str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = {key: value or "" for key, value in attrs}
        if tag == "label" and "for" in attrs:
            self.label_for.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") != "hidden":
            self.controls.append(attrs)
        if tag not in self.VOID:
            self._open.append((tag, attrs, []))

    def handle_endtag(self, tag):
        while self._open:
            name, attrs, parts = self._open.pop()
            text = " ".join("".join(parts).split())
            if "id" in attrs:
                self.ids[attrs["id"]] = text
            if name == "a":
                self.links.append((attrs.get("href", ""), text))
                if "chip" in attrs.get("class", "").split():
                    self.chips.append((attrs.get("href", ""), text))
            if self._open:
                self._open[-1][2].append(f" {text} " if name not in ("a", "mark", "span") else text)
            if name == tag:
                return

    def handle_data(self, data):
        if self._open:
            self._open[-1][2].append(data)


def external_references(html: str) -> list[str]:
    return re.findall(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//[^"'\s>]*""", html, re.IGNORECASE)


# ---------------------------------------------------------------- the ask page


def test_home_page_is_a_labelled_question_box(client):
    response = client.get("/")
    assert response.status_code == 200
    page = Page(response.text)
    assert '<html lang="en">' in response.text and 'name="viewport"' in response.text
    assert any(c.get("name") == "q" for c in page.controls)
    unlabelled = [c for c in page.controls if c.get("id") not in page.label_for]
    assert not unlabelled, f"controls without a label: {unlabelled}"
    assert "5 reports on 2 authorities" in response.text  # says what the index holds


def test_answer_shows_each_paragraph_under_its_citation(client, seed_index):
    answer = seed_index.ask(QUESTION)
    response = client.get("/", params={"q": QUESTION})
    assert response.status_code == 200
    html = response.text
    page = Page(html)
    assert "Searching: Kingston upon Thames, inspected in 2012" in html
    # Every result of the library, in its order, each linking to its paragraph in the report page.
    cited = [href for href, _ in page.links if href and href.startswith("/report/") and "#" in href]
    expected = [f"/report/{r.citation.id}" for r in answer.results]
    assert list(dict.fromkeys(cited)) == expected
    first = answer.results[0]
    assert first.citation.id == "kingston-upon-thames-2012#28"
    assert "inspected 21 May - 1 June 2012, published 10 July 2012" in html
    assert "Safeguarding services › Safeguarding outcomes for children and young people" in html and "paragraph 28" in html
    assert f"<mark>{first.highlights[0]}</mark>" in html
    # Text-file reports have no PDF to link to.
    assert "/pdf/" not in html


def test_understood_filters_are_chips_that_remove_them(client):
    page = Page(client.get("/", params={"q": QUESTION}).text)
    labels = {text.split("×")[0].strip(): href for href, text in page.chips}
    assert set(labels) == {"Kingston upon Thames", "inspected in 2012"}
    without_year = client.get(labels["inspected in 2012"].replace("/?", "/api/ask?", 1)).json()
    assert without_year["filters"]["year"] == [] and without_year["filters"]["authority"] == ["Kingston upon Thames"]
    without_place = client.get(labels["Kingston upon Thames"].replace("/?", "/api/ask?", 1)).json()
    assert without_place["filters"]["authority"] == [] and without_place["filters"]["year"] == [2012]
    # Following the chip keeps the answer's other chip and shows the filters the link set.
    after = client.get(labels["inspected in 2012"]).text
    assert "Searching: Kingston upon Thames; passages</p>" in after
    assert [text.split("×")[0].strip() for _, text in Page(after).chips] == ["Kingston upon Thames"]
    assert "Not read from the question: the years." in after


def test_removing_a_chip_keeps_the_rest_of_the_questions_reading(client, seed_index):
    question = "how has Kingston changed since 2012?"
    before = seed_index.ask(question)
    assert before.shape == "timeline" and before.filters["since"] == 2012
    page = Page(client.get("/", params={"q": question}).text)
    labels = {text.split("×")[0].strip(): href for href, text in page.chips}
    assert set(labels) == {"Kingston upon Thames", "inspected in or after 2012"}
    after = client.get(labels["inspected in or after 2012"].replace("/?", "/api/ask?", 1)).json()
    # Still a timeline of Kingston (not a word-for-word search), now of its latest full inspections.
    assert after["shape"] == "timeline" and after["filters"]["since"] is None
    assert after["filters"]["authority"] == ["Kingston upon Thames"]
    kingston = [r.report_id for r in seed_index.history("Kingston upon Thames").inspections if r.full_inspection]
    assert [g["report_id"] for g in after["groups"] if not g.get("lead")] == kingston[-3:]
    # The page says what it left out, and links back to the whole reading.
    html = client.get(labels["inspected in or after 2012"]).text
    restore = re.search(r'Not read from the question: the years\. <a href="([^"]+)">Read them again</a>', html)
    assert restore and "drop" not in restore.group(1)


def test_form_controls_override_the_question(client):
    data = client.get("/api/ask", params={"q": QUESTION, "year": "2019"}).json()
    assert data["filters"]["year"] == [2019]
    assert {r["citation"]["id"].split("#")[0] for r in data["results"]} == {"kingston-upon-thames-2019-03-19-focused-visit"}
    data = client.get("/api/ask", params={"q": "social worker caseloads", "authority": "RBKC", "type": "focused_visit"}).json()
    assert data["filters"]["authority"] == ["Kensington and Chelsea"] and data["filters"]["type"] == ["focused_visit"]
    assert all(r["citation"]["authority"] == "Kensington and Chelsea" for r in data["results"])
    latest = client.get("/api/ask", params={"q": "care leavers", "authority": "Kingston", "latest": "1"}).json()
    assert {r["citation"]["id"].split("#")[0] for r in latest["results"]} == {"kingston-upon-thames-2024"}
    # The page keeps what was set in its controls, open, for the next question.
    html = client.get("/", params={"q": "care leavers", "year": "2019 2024", "latest": "1"}).text
    assert 'id="year" name="year" value="2019 2024"' in html
    assert 'id="latest" name="latest" type="checkbox" value="1" checked' in html
    assert '<details class="filters" open>' in html


def test_bad_input_is_a_clear_message_not_a_traceback(client):
    response = client.get("/", params={"q": "care leavers", "authority": "Kingstn"})
    assert response.status_code == 400
    assert "unknown authority &#39;Kingstn&#39;; did you mean Kingston upon Thames" in response.text
    assert client.get("/api/ask", params={"q": "care leavers", "authority": "Kingstn"}).json()["error"].startswith(
        "unknown authority")
    for params, message in (({"year": "20x2"}, "is not a year"), ({"type": "ofsted"}, "unknown report type"),
                            ({"k": "500"}, "between 1 and 50"), ({"q": "a" * 600}, "at most 500")):
        response = client.get("/", params={"q": "care leavers", **params})
        assert response.status_code == 400 and message in response.text
        assert "Traceback" not in response.text
    assert client.get("/api/ask").status_code == 400


def test_api_ask_is_what_the_cli_prints(client, seed_index_dir):
    cli = CliRunner().invoke(main, ["ask", QUESTION, "--json", "--index", str(seed_index_dir)])
    assert cli.exit_code == 0, cli.output
    response = client.get("/api/ask", params={"q": QUESTION})
    assert response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(cli.output)


def test_a_question_holding_markup_shows_as_text(client):
    question = "<script>alert(1)</script> care leavers"
    response = client.get("/", params={"q": question})
    assert response.status_code == 200
    assert "<script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; care leavers" in response.text
    assert "<title>&lt;script&gt;" in response.text


# ---------------------------------------------------------------- reports


def test_report_page_anchors_every_paragraph(client, seed_index):
    response = client.get("/report/kingston-upon-thames-2012")
    assert response.status_code == 200
    page = Page(response.text)
    _, rows = seed_index.show("kingston-upon-thames-2012#28", around=1000)
    anchors = [c.id.split("#")[1] for c, _, _ in rows]
    assert [key for key in page.ids if key in set(anchors)] == anchors  # every paragraph, in order
    for citation, text, _ in rows[::25]:
        assert " ".join(text.split()) in page.ids[citation.id.split("#")[1]]
    assert ('<a href="/authority/kingston-upon-thames">Kingston upon Thames</a>: inspection of safeguarding and looked '
            'after children services') in response.text
    assert "21 May - 1 June 2012" in response.text and "10 July 2012" in response.text
    assert '<h2 class="report-heading">Safeguarding services</h2>' in response.text


def test_report_page_shows_every_grade_the_report_states_each_cited(client, seed_index):
    report = next(r for r in seed_index.reports() if r.report_id == "kingston-upon-thames-2012")
    html = client.get("/report/kingston-upon-thames-2012").text
    rows = re.findall(r'<th scope="row">([^<]+)</th>\s*<td><span class="grade [^"]+">([^<]+)</span></td>\s*'
                      r'<td><a class="stated" href="([^"]+)">', html)
    assert [(grade, href) for _, grade, href in rows] == [
        (s.grade, f"/report/kingston-upon-thames-2012#{s.anchor}") for s in report.facts.stated_judgements]
    assert len(rows) == 22 and rows[0][0] == "Overall effectiveness of safeguarding services"


def test_api_report_gives_the_record_and_every_paragraph(client, seed_index):
    data = client.get("/api/report/kingston-upon-thames-2019-03-19-focused-visit").json()
    _, rows = seed_index.show("kingston-upon-thames-2019-03-19-focused-visit#0.1", around=1000)
    assert data["report"]["id"] == "kingston-upon-thames-2019-03-19-focused-visit"
    assert data["report"]["report_type"] == "focused_visit"
    assert data["report"]["paragraphs"] == len(rows) == len(data["paragraphs"])
    assert [p["citation"]["id"] for p in data["paragraphs"]] == [c.id for c, _, _ in rows]


def test_missing_pages_are_404_pages(client):
    response = client.get("/report/no-such-report-2099")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "There is no report “no-such-report-2099” in this index." in response.text
    assert 'href="/reports"' in response.text and "Traceback" not in response.text
    assert client.get("/no/such/page").status_code == 404
    api = client.get("/api/report/no-such-report-2099")
    assert api.status_code == 404 and "no-such-report-2099" in api.json()["error"]


def test_reports_page_lists_and_links_every_report(client, seed_index):
    page = Page(client.get("/reports").text)
    linked = {href for href, _ in page.links if href.startswith("/report/")}
    assert linked == {f"/report/{r.report_id}" for r in seed_index.reports()}


# ---------------------------------------------------------------- authorities


KINGSTON = "Kingston upon Thames"


def test_authority_page_shows_every_report_in_order_with_each_grade_cited(client, seed_index):
    found = seed_index.history(KINGSTON)
    held = sorted((r for r in seed_index.reports() if r.facts.authority == KINGSTON),
                  key=lambda r: r.facts.inspection_start)
    assert [row.report_id for row in found.inspections] == [r.report_id for r in held] and len(held) == 4
    response = client.get("/authority/kingston-upon-thames")
    assert response.status_code == 200
    html = response.text
    entries = re.findall(r'<li class="inspection" id="([^"]+)">', html)
    assert entries == [r.report_id for r in held]
    for number, row in enumerate(found.inspections):
        start = html.index(f'<li class="inspection" id="{row.report_id}">')
        end = html.index('<li class="inspection"', start + 1) if number + 1 < len(entries) else html.index("</ol>", start)
        part = html[start:end]
        if not row.graded:
            assert f"Not graded: a {row.type_label} gives no grades." in part
            continue
        stated = re.findall(r'<td><span class="grade [^"]+">([^<]+)</span></td>\s*<td><a class="stated" href="([^"]+)">', part)
        assert stated == [(s.grade, f"/report/{row.report_id}#{s.anchor}") for s in row.judgements]
    # What moved between the two graded inspections, each grade linked to where it is stated, heading the later one.
    start = html.index('<section class="change"')
    change = html[start:html.index("</section>", start)]
    assert 'Since <a href="/report/kingston-upon-thames-2012">the 2012 inspection of safeguarding and looked after ' \
           'children services</a>' in change
    assert re.search(r'<a class="grade grade-inadequate" href="/report/kingston-upon-thames-2012#13">inadequate</a>\s*'
                     r'<span aria-hidden="true">→</span><span class="visually-hidden">then</span>\s*'
                     r'<a class="grade grade-outstanding" href="/report/kingston-upon-thames-2024#0.1">outstanding</a>,\s*'
                     r'<strong class="direction">up</strong>', change)
    assert "Not like for like: judged under different frameworks" in change
    later = html.index('id="kingston-upon-thames-2024"')
    assert later < start < html.index('<h3 class="inspection-title"><a href="/report/kingston-upon-thames-2024">', later)


def chart_of(html: str) -> ET.Element:
    svg = html[html.index("<svg"):html.index("</svg>") + len("</svg>")]
    return ET.fromstring(svg)


SVG = "{http://www.w3.org/2000/svg}"


def test_authority_page_charts_the_headline_grades_with_the_same_data_as_a_table(client, seed_index):
    found = seed_index.history(KINGSTON)
    html = client.get("/authority/kingston-upon-thames").text
    svg = chart_of(html)
    assert svg.get("role") == "img"
    labelled = svg.get("aria-labelledby").split()
    assert [svg.find(f"{SVG}title").get("id"), svg.find(f"{SVG}desc").get("id")] == labelled
    summary = svg.find(f"{SVG}desc").text
    assert "Help and protection: inadequate (May 2012), outstanding (December 2024)." in summary
    # One point per headline grade given, each strip titled; the grade's place on the scale sets its height.
    strips = {g.find(f"{SVG}text").text: g for g in svg.iter(f"{SVG}g") if "visits" not in g.get("class")}
    expected = {label: [row.headline[key] for row in found.inspections if row.headline.get(key)]
                for key, label in HEADLINE_SHORT_NAMES.items()}
    assert {title: [c.get("class").split()[1].removeprefix("grade-") for c in g.iter(f"{SVG}circle")]
            for title, g in strips.items()} == {label: grades for label, grades in expected.items() if grades}
    help_points = list(strips["Help and protection"].iter(f"{SVG}circle"))
    assert float(help_points[0].get("cy")) > float(help_points[1].get("cy"))  # inadequate below outstanding
    assert float(help_points[0].get("cx")) < float(help_points[1].get("cx"))  # 2012 before 2024
    steps = [line.get("class") for line in strips["Help and protection"].iter(f"{SVG}line") if "step" in line.get("class")]
    assert steps == ["step unlike"]  # 2012's framework, then ILACS: dashed
    visits = [r for r in found.inspections if not r.graded]
    assert len(list(svg.iter(f"{SVG}rect"))) == len(visits) == 2
    # The text equivalent: the same grades, each linked to the paragraph stating it.
    table = html[html.index('<table class="over-time">'):html.index("</table>", html.index('<table class="over-time">'))]
    heads = re.findall(r'<th scope="col">([^<]+)</th>', table)
    assert heads == ["Inspection", *strips]
    cells = re.findall(r'<a class="grade grade-[^"]+" href="([^"]+)"[^>]*>([^<]+)</a>', table)
    assert cells == [(f"/report/{row.citation(key)}", row.headline[key]) for row in found.inspections
                     for key in HEADLINE_SHORT_NAMES if row.headline.get(key)]
    assert table.count("not graded</td>") == len(visits)


def test_chart_geometry_from_made_up_reports():
    from test_history import ilacs, made

    reports = [
        made("Rochdale", "sif", "2014-06-02", "2014-06-26", "2014-08-10", overall_effectiveness="inadequate",
             help_and_protection="inadequate", adoption_performance="good"),
        made("Rochdale", "focused_visit", "2017-02-01", "2017-02-02", "2017-03-01"),
        ilacs("Rochdale", "2019-06-03", "2019-06-14", "good", "2019-07-20"),
        ilacs("Rochdale", "2023-06-05", "2023-06-16", "good", "2023-07-20", impact_of_leaders="outstanding"),
    ]
    chart = grade_chart(history(reports, "Rochdale").inspections, "Rochdale")
    assert [p.title for p in chart.panels] == ["Overall effectiveness", "Impact of leaders", "Help and protection"]
    overall = chart.panels[0]
    assert [p.grade for p in overall.points] == ["inadequate", "good", "good"]
    assert overall.points[0].y > overall.points[1].y == overall.points[2].y  # higher is better
    assert overall.points[0].x < overall.points[1].x < overall.points[2].x <= chart.plot_right
    assert [s.like_for_like for s in overall.segments] == [False, True]  # SIF then ILACS; ILACS then ILACS
    assert [level.label for level in chart.levels] == ["outstanding", "good", "requires improvement", "inadequate"]
    assert len(chart.visits) == 1 and "focused visit, not graded" in chart.visits[0].title
    assert [t.text for t in chart.ticks] == [str(y) for y in range(2014, 2024)]
    assert chart.unlike and chart.height > chart.axis_y > chart.visits_top
    # Every panel fits between the top and the visits strip, without overlapping the next.
    bottoms = [p.top + chart.levels[-1].y for p in chart.panels]
    assert all(bottom < next_top for bottom, next_top in zip(bottoms, [p.top for p in chart.panels[1:]]))
    assert bottoms[-1] < chart.visits_top
    nothing = grade_chart([], "Nowhere")
    assert nothing.panels == () and "No graded inspection" in nothing.summary


def test_authority_page_takes_any_spelling_and_says_what_it_read(client):
    for spelling in ("Kingston upon Thames", "kingston", "Royal Borough of Kingston upon Thames"):
        response = client.get(f"/authority/{quote(spelling)}")
        assert response.status_code == 200 and "<h1>Kingston upon Thames</h1>" in response.text
    corrected = client.get("/authority/Kingstone").text
    assert "&#39;Kingstone&#39; read as Kingston upon Thames." in corrected
    assert "<h1>Kensington and Chelsea</h1>" in client.get("/authority/RBKC").text


def test_an_unknown_or_absent_authority_is_a_404_page_with_a_way_on(client):
    unknown = client.get("/authority/Kingstin%20upon%20Thams%20Borough%20Cuncil")
    assert unknown.status_code == 404 and unknown.headers["content-type"].startswith("text/html")
    assert "There is no authority called" in unknown.text and "Traceback" not in unknown.text
    assert '<a href="/authority/kingston-upon-thames">Kingston upon Thames</a>' in unknown.text  # did you mean
    absent = client.get("/authority/norfolk")
    assert absent.status_code == 404 and "This index holds no reports of Norfolk." in absent.text
    assert client.get("/api/history/norfolk").status_code == 404
    assert "no authority" in client.get("/api/history/Nowhereshire").json()["error"].lower()


def test_api_history_is_what_the_cli_prints(client, seed_index_dir):
    cli = CliRunner().invoke(main, ["history", "kingston", "--json", "--index", str(seed_index_dir)])
    assert cli.exit_code == 0, cli.output
    response = client.get("/api/history/kingston")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/json")
    assert response.json() == json.loads(cli.output)


def test_authority_names_link_to_their_page_everywhere(client):
    target = '<a href="/authority/kingston-upon-thames">Kingston upon Thames</a>'
    assert target in client.get("/reports").text
    assert target in client.get("/report/kingston-upon-thames-2024").text
    assert '<a class="authority" href="/authority/kingston-upon-thames">' in answer_html(client, "care leavers in Kingston")
    assert target in client.get("/grades").text
    for path in ("/", "/grades", "/reports", "/authority/kingston-upon-thames", "/report/kingston-upon-thames-2012"):
        nav = re.search(r'<nav aria-label="Sections">(.*?)</nav>', client.get(path).text, re.S).group(1)
        assert re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', nav) == [("/", "Ask"), ("/grades", "Grades"),
                                                                         ("/reports", "Reports")]


# ---------------------------------------------------------------- grades


def grade_rows(html: str) -> list[str]:
    """The report each row of the grades table links to, in order."""
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    return re.findall(r'<td><a href="/report/([^"]+)"', body)


@pytest.mark.parametrize("params, filters", [
    ({}, {}),
    ({"latest": "1"}, {"latest": True}),
    ({"year": "2012"}, {"year": 2012}),
    ({"since": "2013", "until": "2025"}, {"since": 2013, "until": 2025}),
    ({"grade": "outstanding"}, {"grade": ("outstanding",)}),
    ({"judgement": "children_in_care", "grade": ["adequate", "inadequate"]},
     {"judgement": "children_in_care", "grade": ("adequate", "inadequate")}),
    ({"authority": "kingston", "region": "London"}, {"authorities": (KINGSTON,), "region": "London"}),
    ({"latest": "1", "as_at": "2020-01-01"}, {"latest": True, "as_at": date(2020, 1, 1)}),
    ({"type": "ilacs"}, {"types": ("ilacs",)}),
])
def test_grades_page_filters_the_librarys_rows(client, seed_index, params, filters):
    response = client.get("/grades", params=params)
    assert response.status_code == 200
    expected = seed_index.grades(**filters)
    assert grade_rows(response.text) == [row.report_id for row in expected]
    if not expected:
        assert "No graded inspections match." in response.text


def test_grades_page_counts_each_grade_at_the_foot(client, seed_index):
    rows = seed_index.grades()
    foot = client.get("/grades").text
    foot = foot[foot.index("<tfoot>"):foot.index("</tfoot>")]
    for grade in ("outstanding", "adequate", "inadequate"):
        line = re.search(rf'>{grade}</span></th>\s*((?:<td class="count">\d+</td>)+)', foot).group(1)
        assert [int(n) for n in re.findall(r"\d+", line)] == [counts(rows, key).get(grade, 0) for key in HEADLINE_SHORT_NAMES]
    assert f"{len(rows)} rows" in foot


def test_grades_sort_by_any_column_on_the_server(client, seed_index):
    rows = seed_index.grades()
    newest_first = client.get("/grades", params={"sort": "inspected", "order": "desc"}).text
    assert grade_rows(newest_first) == [r.report_id for r in sorted(rows, key=lambda r: r.inspection_start, reverse=True)]
    assert '<th scope="col" aria-sort="descending"><a href="/grades?sort=inspected&amp;order=asc">Inspected' in newest_first
    best_in_care = client.get("/grades", params={"sort": "children_in_care"}).text
    assert grade_rows(best_in_care) == ["kingston-upon-thames-2024", "kingston-upon-thames-2012"]  # outstanding, adequate
    # A column without a grade sorts last either way.
    for order in ("asc", "desc"):
        overall = grade_rows(client.get("/grades", params={"sort": "overall_effectiveness", "order": order}).text)
        assert overall[-1] == "kingston-upon-thames-2012"
    # Sorting keeps the filters; the header links carry them.
    filtered = client.get("/grades", params={"authority": "kingston", "year": "2024"}).text
    assert 'href="/grades?year=2024&amp;authority=Kingston+upon+Thames&amp;sort=authority&amp;order=asc"' in filtered


def test_grades_table_pages_through_the_sorted_rows_counting_them_all():
    from test_history import ilacs

    reports = [ilacs(name, f"{year}-01-08", f"{year}-01-19", grade, f"{year}-03-01")
               for name in ("Camden", "Rochdale", "Slough", "Hackney")
               for year, grade in ((2018, "inadequate"), (2022, "good"))]
    rows = grades_of(reports)
    request = GradesRequest(sort="inspected", order="desc", page=2)
    table = grades_view(rows, request, page_size=3)
    newest_first = sort_rows(rows, "inspected", "desc")
    assert [r.report_url for r in table.rows] == [f"/report/{r.report_id}" for r in newest_first[3:6]]
    assert (table.pages.first, table.pages.last, table.pages.total, table.pages.pages) == (4, 6, 8, 3)
    assert table.pages.previous_url == "/grades?sort=inspected&order=desc"
    assert table.pages.next_url == "/grades?sort=inspected&order=desc&page=3"
    assert {c.grade: c.numbers[0] for c in table.counts if c.numbers[0]} == {"good": 4, "inadequate": 4}  # all rows
    assert grades_view(rows, replace(request, page=9), page_size=3).pages.page == 3  # past the end: the last page
    assert "page=" not in table.csv_url and "sort=" not in table.csv_url
    assert all("page=" not in c.sort_url for c in table.columns)  # a new sort starts at the first page


@pytest.mark.parametrize("args", [
    [], ["--latest"], ["--year", "2012"], ["--grade", "outstanding"], ["--authority", "RBKC"],
    ["--judgement", "help and protection", "--grade", "inadequate"], ["--latest", "--as-at", "2013-01-01"],
    ["--region", "london", "--type", "safeguarding_and_looked_after"],
])
def test_grades_csv_and_json_are_what_the_cli_prints(client, seed_index_dir, args):
    params = []
    for option, value in zip(args, [*args[1:], None]):
        name = option.removeprefix("--").replace("-", "_")
        if option == "--latest":
            params.append(("latest", "1"))
        elif option.startswith("--"):
            params.append(({"as_at": "as_at"}.get(name, name), value))
    for form, parse in (("--csv", None), ("--json", json.loads)):
        cli = CliRunner().invoke(main, ["grades", *args, form, "--index", str(seed_index_dir)])
        path = "/grades.csv" if form == "--csv" else "/api/grades"
        response = client.get(path, params=params)
        assert response.status_code == 200
        if parse:
            assert response.json() == parse(cli.stdout)
        else:
            assert response.content == cli.stdout_bytes
            assert response.headers["content-type"].startswith("text/csv")
            assert "attachment" in response.headers["content-disposition"]


def test_grades_page_links_its_csv_and_json_with_the_same_filters(client):
    html = client.get("/grades", params={"latest": "1", "grade": "outstanding", "sort": "region"}).text
    assert '<a href="/grades.csv?latest=1&amp;grade=outstanding" download>Download as CSV</a>' in html
    assert '<a href="/api/grades?latest=1&amp;grade=outstanding">As JSON</a>' in html


@pytest.mark.parametrize("params, message", [
    ({"as_at": "2024-13-01"}, "the as-at date wants a date like 2024-03-31, not &#39;2024-13-01&#39;"),
    ({"as_at": "yesterday"}, "the as-at date wants a date like"),
    ({"year": "20x2"}, "is not a year"),
    ({"year": "2012", "since": "2010"}, "give a year, or a range from and to, not both"),
    ({"authority": "Nowhereshire"}, "no authority called &#39;Nowhereshire&#39;"),
    ({"region": "Narnia"}, "no region called &#39;Narnia&#39;"),
    ({"grade": "superb"}, "no grade called &#39;superb&#39;"),
    ({"judgement": "cake"}, "no judgement called &#39;cake&#39;"),
    ({"sort": "shoe size"}, "cannot sort by"),
    ({"order": "sideways"}, "order is asc or desc"),
    ({"type": "ofsted"}, "unknown report type"),
    ({"count_from": "tomorrow"}, "count from publication or inspection"),
    ({"page": "0"}, "page is a number from 1"),
])
def test_bad_grades_filters_are_a_clear_400_not_a_traceback(client, params, message):
    for path in ("/grades", "/grades.csv"):
        response = client.get(path, params=params)
        assert response.status_code == 400, (path, params)
        assert response.headers["content-type"].startswith("text/html")
        assert message in response.text and "Traceback" not in response.text
    api = client.get("/api/grades", params=params)
    assert api.status_code == 400 and api.json()["error"]
    # The form keeps what was typed, to be put right.
    page = client.get("/grades", params=params).text
    for name, value in params.items():
        if name in ("as_at", "year", "since", "until"):
            assert f'name="{name}"' in page and f'value="{value}"' in page


def test_grades_form_shows_the_filters_as_read(client):
    html = client.get("/grades", params={"grade": "RI", "region": "london", "authority": "Kingstone", "latest": "1",
                                         "judgement": "being healthy"}).text
    assert "&#39;Kingstone&#39; read as Kingston upon Thames." in html
    assert 'name="authority" value="Kingston upon Thames"' in html
    assert 'type="checkbox" value="requires improvement" checked' in html
    assert '<option value="London" selected>' in html
    assert '<option value="being_healthy" selected>being healthy</option>' in html  # a judgement the list lacks
    assert 'id="latest" name="latest" type="checkbox" value="1" checked' in html
    assert 'value="1" checked' not in client.get("/grades", params={"latest": "0"}).text


def test_grades_form_labels_every_control(client):
    page = Page(client.get("/grades").text)
    assert {c.get("name") for c in page.controls} >= {"latest", "as_at", "count_from", "year", "since", "until",
                                                       "judgement", "grade", "authority", "region", "type"}
    unlabelled = [c for c in page.controls if c.get("id") not in page.label_for]
    assert not unlabelled, f"controls without a label: {unlabelled}"


def test_authority_names_and_filter_values_holding_markup_show_as_text(client):
    opening = "<script>alert('report')"  # a path segment cannot hold the closing tag's slash
    for name in (opening, SCRIPT):
        page = client.get(f"/authority/{quote(name, safe='')}")
        assert page.status_code == 404 and "<script>" not in page.text
        api = client.get(f"/api/history/{quote(name, safe='')}")  # JSON holds the text as it is, never as markup
        assert api.status_code == 404 and api.headers["content-type"].startswith("application/json")
        assert api.headers["x-content-type-options"] == "nosniff"
    assert "There is no authority called “&lt;script&gt;alert(&#39;report&#39;)”." in client.get(
        f"/authority/{quote(opening, safe='')}").text
    for name in ("authority", "region", "judgement", "grade", "year", "as_at"):
        response = client.get("/grades", params={name: SCRIPT})
        assert response.status_code == 400 and "<script>" not in response.text, name
        assert "&lt;script&gt;" in response.text


# ---------------------------------------------------------------- files and safety


@pytest.mark.parametrize("path", [
    "/pdf/..%2F..%2Fetc%2Fpasswd",
    "/pdf/%2Fetc%2Fpasswd",
    "/pdf/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/pdf/..%5C..%5Cetc%5Cpasswd",
    "/pdf//etc/passwd",
    "/pdf/kingston-upon-thames-2012",  # in the index, but read from a text file
    "/pdf/" + quote(str(Path(__file__).resolve().parents[1] / "corpus" / "README.md"), safe=""),
    "/static/..%2F..%2Fapp.py",
    "/static/../app.py",
])
def test_no_path_from_the_url_reaches_the_file_system(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert not response.headers["content-type"].startswith("application/pdf")
    assert "root:" not in response.text and "import" not in response.text


def test_pdf_of_a_report_is_served_and_cited_at_its_page(odd_index, odd_client):
    index, sources = odd_index
    copy = sources / "newham-2019.pdf"
    report = next((r for r in index.reports() if r.source.endswith("newham-2019.pdf")), None)
    if report is None:
        pytest.skip(f"shared PDF not found under {shared_root()}")
    response = odd_client.get(f"/pdf/{report.report_id}")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.content == copy.read_bytes()
    answer = odd_client.get("/api/ask", params={"q": "Newham children in care", "authority": "Newham"}).json()
    first = answer["results"][0]["citation"]
    html = odd_client.get("/", params={"q": "Newham children in care", "authority": "Newham"}).text
    assert f'href="/pdf/{report.report_id}#page={first["pages"][0]}"' in html
    # A source that has gone since it was indexed is no longer served, nor linked.
    copy.unlink()
    assert odd_client.get(f"/pdf/{report.report_id}").status_code == 404
    assert "/pdf/" not in odd_client.get("/", params={"q": "Newham children in care", "authority": "Newham"}).text


def test_report_text_holding_markup_shows_as_text(odd_index, odd_client):
    index, _ = odd_index
    report = next(r for r in index.reports() if r.source.endswith("kingston-marked-up.txt"))
    html = odd_client.get(f"/report/{report.report_id}").text
    assert SCRIPT not in html and "<b>not</b>" not in html
    assert "Inspectors found that &lt;script&gt;alert(&#39;report&#39;)&lt;/script&gt; children&#39;s plans were " \
           "&lt;b&gt;not&lt;/b&gt; reviewed &amp; the escalation of risk was &#34;slow&#34;" in html
    answer = odd_client.get("/", params={"q": "children's plans were not reviewed escalation of risk slow",
                                         "literal": "1"}).text
    assert "&lt;script&gt;alert(&#39;report&#39;)&lt;/script&gt;" in answer and SCRIPT not in answer


def test_every_page_says_it_loads_only_from_itself(client):
    for path in ("/", f"/?q={QUESTION}", "/report/kingston-upon-thames-2012", "/reports", "/report/missing"):
        response = client.get(path)
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
        assert "unsafe-inline" not in policy
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
        assert not external_references(response.text), external_references(response.text)
        assert "<script" not in response.text and " style=" not in response.text  # nothing the policy would block
    css = client.get("/static/style.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "url(" not in css.text and "@import" not in css.text


def test_nothing_changes_the_index(client, seed_index):
    snapshot = seed_index.snapshot().folder
    for method in ("post", "put", "delete", "patch"):
        for path in ("/", "/report/kingston-upon-thames-2012", "/api/ask?q=x", "/pdf/kingston-upon-thames-2012"):
            response = client.request(method.upper(), path)
            assert response.status_code == 405, (method, path)
    assert "only reads" in client.post("/").text
    assert open_index(seed_index.root).snapshot().folder == snapshot


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    lines: queue.Queue

    def output(self) -> str:
        """What the server printed after the line saying where it serves, once it has stopped."""
        rest = []
        while (line := self.lines.get(timeout=30)) is not None:
            rest.append(line)
        return "".join(rest)


@contextmanager
def serving(index_dir: Path):
    """`python -m askofsted serve` on any free port; yields once the page answers, interrupts it after.

    The server prints where it serves once its port accepts connections, so this
    waits for that line on the pipe, not for a guessed time.
    """
    process = subprocess.Popen(
        [sys.executable, "-m", "askofsted", "serve", "--index", str(index_dir), "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    lines: queue.Queue = queue.Queue()

    def read() -> None:
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    try:
        said = []
        while (line := lines.get(timeout=120)) is not None:
            said.append(line)
            if found := re.search(r"at (http://\S+/) ", line):
                break
        else:
            raise AssertionError(f"askofsted serve stopped before serving:\n{''.join(said)}")
        url = found.group(1)
        assert httpx.get(url, timeout=30).status_code == 200
        yield Served(url, process, lines)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_serve_says_where_and_stops_cleanly_on_ctrl_c(seed_index_dir):
    with serving(seed_index_dir) as served:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", served.url)
        answer = httpx.get(served.url + "api/ask", params={"q": QUESTION}, timeout=30).json()
        assert answer["results"][0]["citation"]["id"] == "kingston-upon-thames-2012#28"
        served.process.send_signal(signal.SIGINT)
        assert served.process.wait(timeout=30) == 0
        assert served.output().strip() == "Stopped."


def test_serve_says_when_its_port_is_taken(seed_index_dir):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(main, ["serve", "--index", str(seed_index_dir), "--port", str(port)])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use" in result.output


# ---------------------------------------------------------------- each shape, from real answers


def answer_html(client, question: str, **params) -> str:
    response = client.get("/", params={"q": question, **params})
    assert response.status_code == 200, response.text
    return response.text


def test_grades_answer_leads_with_a_card_of_every_judgement_each_cited(client, seed_index):
    question = "is Kingston any good?"
    answer = seed_index.ask(question)
    assert answer.shape == "grades"
    inspection = answer.facts[0]
    html = answer_html(client, question)
    assert "shown as the grades of the inspection" in html
    card = html[html.index('<article class="card"'):html.index("Where the report says so")]
    assert f'<a href="/report/{inspection.report_id}">Kingston upon Thames, 2-6 December 2024</a>' in card
    stated = re.findall(r'<th scope="row">([^<]+)</th>\s*<td><span class="grade [^"]+">([^<]+)</span></td>\s*'
                        r'<td><a class="stated" href="([^"]+)">', card)
    assert stated == [(s.label, s.grade, f"/report/{inspection.report_id}#{s.anchor}") for s in inspection.judgements]
    assert len(stated) == 5 and {grade for _, grade, _ in stated} == {"outstanding"}
    assert 'href="/authority/kingston-upon-thames">Every inspection of Kingston upon Thames</a>' in card
    # The paragraphs beneath, in the library's order, the grade statement first.
    cited = re.findall(r'class="cite" href="/report/([^"]+)"', html)
    assert cited == [r.citation.id for r in answer.results] and cited[0] == inspection.grade_citation


def test_an_ungraded_visit_says_so_and_its_headline_finding_comes_first(client, seed_index):
    question = "what grade did Kingston get in 2019?"
    answer = seed_index.ask(question)
    assert answer.shape == "grades" and not answer.facts[0].graded
    html = answer_html(client, question)
    assert "Not graded: a focused visit gives no grades." in html
    assert "Its headline finding is the first paragraph below." in html
    assert html.index("Not graded") < html.index(f'href="/report/{answer.results[0].citation.id}"')
    assert "{&#39;overall_effectiveness" not in html and "None" not in html


def test_timeline_answer_groups_paragraphs_under_each_inspection_and_its_grades(client, seed_index):
    question = "how has Kingston changed since 2012?"
    answer = seed_index.ask(question)
    assert answer.shape == "timeline"
    html = answer_html(client, question)
    titles = re.findall(r'<h2 class="group-title"><a href="/report/([^"]+)">([^<]*)</a></h2>', html)
    assert titles == [(g.report_id, g.label.replace("'", "&#39;")) for g in answer.groups]
    # Each group: its inspection's headline grades (or that it gave none), then its own paragraphs;
    # the lead, where the latest inspection stands now, has no grades of its own.
    parts = html.split('<h2 class="group-title">')[1:]
    assert len(parts) == len(answer.groups) and answer.groups[0].lead
    for group, part in zip(answer.groups, parts):
        assert re.findall(r'class="cite" href="/report/([^"]+)"', part) == [
            answer.results[p].citation.id for p in group.positions]
        assert ('class="group-grades"' in part) == (not group.lead)
        if "focused-visit" in group.report_id:
            assert "Not graded: a focused visit gives no grades." in part
    first = html[html.index('<p class="group-grades">'):]
    assert first.startswith('<p class="group-grades">Overall effectiveness of safeguarding services: '
                            '<span class="grade grade-inadequate">inadequate</span>; Overall effectiveness of '
                            'services for looked after children: <span class="grade grade-adequate">adequate</span>')


def test_timeline_lead_comes_first_without_grades_of_its_own(client, seed_index):
    # The latest inspection's account of the change leads; its grades head its own group below.
    question = "Have things got better for children in care in Kingston since 2012?"
    answer = seed_index.ask(question)
    assert answer.groups[0].lead
    html = answer_html(client, question)
    titles = re.findall(r'<h2 class="group-title"><a href="/report/([^"]+)">([^<]*)</a></h2>', html)
    assert [t[0] for t in titles] == ["kingston-upon-thames-2024", "kingston-upon-thames-2012", "kingston-upon-thames-2024"]
    assert titles[0][1].startswith("What changed, as the latest inspection puts it")
    lead = html[html.index('<h2 class="group-title">'):html.index('<h2 class="group-title">', html.index('<h2 class="group-title">') + 1)]
    assert 'class="group-grades"' not in lead
    assert re.findall(r'class="cite" href="/report/([^"]+)"', lead) == [answer.results[0].citation.id]


def test_roster_answer_has_one_entry_per_authority_linked_to_its_page(client, seed_index):
    question = "which councils are rated outstanding?"
    answer = seed_index.ask(question)
    assert answer.shape == "roster"
    html = answer_html(client, question)
    assert "shown as one entry per authority" in html
    entries = re.findall(r'<h2 class="group-title"><a href="([^"]+)">([^<]*)</a></h2>', html)
    assert entries == [(f"/authority/{slug(g.authority)}", g.label) for g in answer.groups]
    assert entries == [("/authority/kingston-upon-thames", "Kingston upon Thames: outstanding")]


def test_a_weak_answer_says_so_first_in_the_librarys_words(client, seed_index):
    question = "what is the weather like in London tomorrow?"
    answer = seed_index.ask(question)
    assert answer.weak and answer.note
    html = answer_html(client, question)
    assert f'<p class="weak" role="note">{answer.note}</p>' in html
    assert html.index('class="weak"') < html.index('class="result"')


def test_passages_answer_links_each_authority_to_its_page(client, seed_index):
    answer = seed_index.ask("social worker caseloads in Kensington")
    assert answer.shape == "passages"
    html = answer_html(client, "social worker caseloads in Kensington")
    assert "shown as" not in html
    links = re.findall(r'<p class="citation"><a class="authority" href="([^"]+)">([^<]+)</a>', html)
    assert links == [("/authority/kensington-and-chelsea", "Kensington and Chelsea")] * len(answer.results)


# ---------------------------------------------------------------- answer partials, edge cases


def render_answer(record: dict, has_pdf=lambda report_id: False) -> str:
    return templates().get_template("_answer.html").render(answer=answer_view(record, has_pdf), chips=[])


def result(cited: str, text: str = "Text of the paragraph.", highlights=(), pages=(3,), **citation) -> dict:
    return {"citation": {"id": cited, "authority": "Anyshire", "report_type": "ilacs", "inspection_start": "2024-01-08",
                         "inspection_end": "2024-01-19", "published": "2024-03-01", "section": "Overview",
                         "paragraph": int(cited.split("#")[1]), "pages": list(pages), "source": "x.pdf", **citation},
            "text": text, "score": 0.1, "highlights": list(highlights)}


def test_a_grade_card_links_its_pdf_and_the_stating_paragraphs_page():
    record = {
        "question": "how good is Anyshire?", "understood": "Anyshire, latest inspection", "shape": "grades",
        "results": [result("anyshire-2024#5", "Overall effectiveness is requires improvement to be good.")],
        "facts": [{"report_id": "anyshire-2024", "authority": "Anyshire", "report_type": "ilacs",
                   "inspection_start": "2024-01-08", "inspection_end": "2024-01-19", "published": None,
                   "publication": "2024-03-01", "publication_estimated": True, "graded": True,
                   "judgements": [{"key": "overall_effectiveness", "label": "Overall effectiveness",
                                   "name": "overall effectiveness", "grade": "requires improvement",
                                   "citation": "anyshire-2024#5"}],
                   "headline": {"overall_effectiveness": "requires improvement"}}],
    }
    html = render_answer(record, has_pdf=lambda report_id: report_id == "anyshire-2024")
    assert '<span class="grade grade-requires-improvement">requires improvement</span>' in html
    assert "about 1 March 2024 (the report prints no date)" in html
    assert 'href="/pdf/anyshire-2024"' in html and 'href="/pdf/anyshire-2024#page=3"' in html
    assert "/authority/" not in html  # Anyshire is no English authority: no page to link to


def test_timeline_results_outside_every_group_are_kept_and_labels_escaped():
    record = {
        "question": "has Anyshire improved?", "shape": "timeline",
        "results": [result("anyshire-2024#12"), result("anyshire-2019#7"), result("anyshire-2024#30"),
                    result("anyshire-2016#2")],
        "groups": [{"label": "2019: focused visit", "report_id": "anyshire-2019", "results": [1]},
                   {"label": "2024: ILACS <requires improvement>", "report_id": "anyshire-2024", "results": [0, 2, 9]}],
    }
    html = render_answer(record)
    titles = re.findall(r'<h2 class="group-title"><a href="([^"]+)">([^<]*)</a></h2>', html)
    assert titles == [("/report/anyshire-2019", "2019: focused visit"),
                      ("/report/anyshire-2024", "2024: ILACS &lt;requires improvement&gt;")]
    order = re.findall(r'class="cite" href="/report/([^"]+)"', html)
    assert order == ["anyshire-2019#7", "anyshire-2024#12", "anyshire-2024#30", "anyshire-2016#2"]
    assert html.index("Other paragraphs") < html.index("anyshire-2016#2")  # a result outside every group is kept


def test_passages_is_the_default_and_absent_fields_do_not_show():
    bare = {"question": "q", "results": [{"citation": {"id": "r-2020#0.2"}, "text": "Some <text>."}]}
    for shape in (None, "passages", "pie chart"):
        html = render_answer({**bare, "shape": shape} if shape else bare)
        assert "shown as" not in html and "None" not in html
        assert "Some &lt;text&gt;." in html and 'href="/report/r-2020#0.2"' in html
        assert "Searching: all reports" in html
        assert 'class="weak"' not in html
    weak = render_answer({**bare, "weak": True})
    assert "Nothing in the selected reports answers this closely" in weak


def test_an_answer_without_results_shows_the_note():
    html = render_answer({"question": "q", "results": [], "note": "No reports match: Nowhere."})
    assert "No reports match: Nowhere." in html and 'class="result"' not in html


# ---------------------------------------------------------------- small pieces


def test_marked_finds_each_highlight_where_it_stands():
    text = "First sentence. Second one here. Third."
    assert marked(text, ["Second one here.", "First sentence.", "not in it"]) == (
        ("First sentence.", True), (" ", False), ("Second one here.", True), (" Third.", False))
    assert marked(text, []) == ((text, False),)


def test_a_chip_leaves_its_filter_out_of_the_questions_reading_and_keeps_the_rest():
    asked = AskRequest(question="care leavers in Kingston and Kensington since 2019", types=("ilacs",), k=10)
    filters = {"authority": ["Kingston upon Thames", "Kensington and Chelsea"], "region": [], "year": [],
               "since": 2019, "until": None, "type": ["ilacs"], "latest": False, "grade": None}
    links = {chip.label: chip.remove_url for chip in chips(asked, filters)}
    q = "q=care+leavers+in+Kingston+and+Kensington+since+2019"
    assert links == {
        "Kingston upon Thames": f"/?{q}&authority=Kensington+and+Chelsea&type=ilacs&drop=authority&k=10",
        "Kensington and Chelsea": f"/?{q}&authority=Kingston+upon+Thames&type=ilacs&drop=authority&k=10",
        "inspected in or after 2019": f"/?{q}&type=ilacs&drop=year&k=10",
        "inspection of local authority children's services (ILACS)": f"/?{q}&drop=type&k=10",
    }
