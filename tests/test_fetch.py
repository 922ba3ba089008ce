"""`askofsted fetch` against a local stand-in for Ofsted's site (see ofsted_standin.py).

One fetch over a site with every awkward case in it (a second page of search
results, a provider with no reports, a 500, a 429, a timeout, a 'Report not
found' page, a truncated PDF, an empty body, a file listed twice) is run once;
each case then has its own test of what the user saw and what ended up in the
folder and the index. Other fetches test what stops a fetch (a changed layout,
an unknown authority, a second fetch at once), the filters, the dry run, the
polite client's waits, and kill -9 at several moments.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from click.testing import CliRunner

from askofsted.cli import EXIT_DONE, EXIT_NOT_DONE, EXIT_SKIPPED, main
from askofsted.fetching import site as ofsted
from askofsted.fetching.polite import Client, FetchError, retry_after
from ofsted_standin import PAGES, Listed, Provider, StandIn, page

REPO = Path(__file__).resolve().parents[1]
FAST = ["--delay", "0.01", "--timeout", "0.5"]  # polite, but not slow

NEWHAM = ("80511_newham", "25 march 2019")
STAFFORDSHIRE = ("80561_staffordshire", "11 march 2019")
KNOWSLEY = ("80479_knowsley", "03 december 2021")


def pdf_bytes(shared_pdf, which) -> bytes:
    return shared_pdf(*which).read_bytes()


def fetch_cli(*args: str):
    return CliRunner().invoke(main, ["fetch", *args], catch_exceptions=False)


def pdfs(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.pdf"))} if folder.is_dir() else {}


def indexed(index_dir: Path) -> list[str] | None:
    """Report ids in the index, or None if there is none."""
    from askofsted.errors import IndexMissing
    from askofsted.index import open_index

    try:
        index = open_index(index_dir)
    except IndexMissing:
        return None
    with index:
        return sorted(r.report_id for r in index.reports())


def index_roots(index_dir: Path) -> list[str]:
    from askofsted.index import open_index

    with open_index(index_dir) as index:
        return list(index.info().roots)


# ---------------------------------------------------------------- one fetch, every awkward case


def awkward_site(shared_pdf) -> StandIn:
    newham, staffordshire = pdf_bytes(shared_pdf, NEWHAM), pdf_bytes(shared_pdf, STAFFORDSHIRE)
    providers = [
        Provider("80511", "London Borough of Newham", [
            Listed("7001", "children's services inspection, pdf - 25 march 2019"),
            Listed("7002", "children's services focused visit, pdf - 01 august 2024"),
        ]),
        Provider("80561", "Staffordshire County Council", [
            Listed("7003", "children's services inspection, pdf - 11 march 2019"),
            Listed("7004", "joint area child protection inspection, pdf - 30 january 2024"),
            Listed("7003", "children's services inspection, pdf - 11 march 2019"),  # listed twice
        ]),
        Provider("80455", "Council of the Isles of Scilly", [], layout="provider-no-reports.html"),  # page 2
        Provider("80479", "Knowsley Metropolitan Borough Council", [
            Listed("7005", "children's services monitoring visit, pdf - 12 march 2024"),
        ]),
    ]
    files = {
        "7001": newham,
        "7002": (PAGES / "report-not-found.html").read_bytes(),
        "7003": staffordshire,
        "7004": staffordshire[: len(staffordshire) * 2 // 3],
        "7005": b"",
    }
    site = StandIn(providers, files, page_size=2)  # two providers a page: the search has three pages
    site.faults["/v1/file/7001"] = ["500"]
    site.faults["/v1/file/7003"] = ["timeout"]
    site.faults["/provider/44/80479"] = ["429:0"]
    return site


@pytest.fixture(scope="module")
def awkward(shared_pdf, tmp_path_factory):
    """The stand-in, after one fetch and a second one; what each printed."""
    root = tmp_path_factory.mktemp("awkward")
    into, index_dir = root / "reports", root / "index"
    with awkward_site(shared_pdf) as site:
        first = fetch_cli("--site", site.url, "--into", str(into), "--index", str(index_dir), *FAST)
        first_log = list(site.log)
        current = (index_dir / "CURRENT").read_text()
        site.log.clear()
        site.served.clear()
        second = fetch_cli("--site", site.url, "--into", str(into), "--index", str(index_dir), *FAST)
        yield {"site": site, "first": first, "first_log": first_log, "second": second, "into": into,
               "index": index_dir, "current_after_first": current,
               "sources": {name: pdf_bytes(shared_pdf, which) for name, which in
                           (("newham", NEWHAM), ("staffordshire", STAFFORDSHIRE))}}


def test_fetch_saves_checked_reports_under_readable_names_and_indexes_them(awkward):
    first, into = awkward["first"], awkward["into"]
    assert first.stdout.splitlines() == [f"+ {into / 'newham-2019-03-25-ilacs.pdf'}",
                                         f"+ {into / 'staffordshire-2019-03-11-ilacs.pdf'}"]
    assert pdfs(into) == {"newham-2019-03-25-ilacs.pdf": awkward["sources"]["newham"],
                          "staffordshire-2019-03-11-ilacs.pdf": awkward["sources"]["staffordshire"]}
    assert indexed(awkward["index"]) == ["newham-2019", "staffordshire-2019"]
    assert index_roots(awkward["index"]) == [str(into.resolve())]  # so `index update` follows the folder too
    assert "fetched 2 reports" in first.stderr and "2 added" in first.stderr
    assert first.exit_code == EXIT_SKIPPED  # three reports could not be fetched (below)


def test_fetch_names_itself_and_its_version(awkward):
    import askofsted

    agents = {agent for _, agent in awkward["first_log"]}
    assert agents and all(agent.startswith(f"askofsted/{askofsted.__version__} ") for agent in agents)


def test_second_page_of_search_results_is_read(awkward):
    searches = [path for path, _ in awkward["first_log"] if path.startswith("/search")]
    assert [s.split("start=")[1].split("&")[0] for s in searches] == ["0", "2", "4"]
    assert any(path == "/provider/44/80479" for path, _ in awkward["first_log"])  # a provider on page two


def test_provider_with_no_publications_is_not_an_error(awkward):
    assert "/provider/44/80455" in [path for path, _ in awkward["first_log"]]
    assert "Scilly" not in awkward["first"].stderr
    assert "listed on 4 provider pages" in awkward["first"].stderr


def test_server_error_is_retried(awkward):
    site = awkward["site"]
    assert [path for path, _ in awkward["first_log"]].count("/v1/file/7001") == 2  # a 500, then the report
    assert (awkward["into"] / "newham-2019-03-25-ilacs.pdf").is_file()
    assert "7001" not in awkward["first"].stderr and site.faults["/v1/file/7001"] == []


def test_too_many_requests_is_retried(awkward):
    assert [path for path, _ in awkward["first_log"]].count("/provider/44/80479") == 2  # a 429, then the page
    assert "/v1/file/7005" in [path for path, _ in awkward["first_log"]]  # so its report was tried


def test_timeout_is_retried(awkward):
    assert [path for path, _ in awkward["first_log"]].count("/v1/file/7003") == 2  # no answer, then the report
    assert (awkward["into"] / "staffordshire-2019-03-11-ilacs.pdf").is_file()


def test_report_not_found_page_is_reported_and_skipped(awkward):
    stderr = awkward["first"].stderr
    assert (f"skipped {awkward['site'].url}/v1/file/7002: Newham focused visit published 1 August 2024: Ofsted answered "
            "with a web page saying 'Report not found - Find an Inspection Report - Ofsted', not a PDF") in stderr
    assert not list(awkward["into"].glob("*focused-visit*"))


def test_truncated_pdf_is_reported_and_skipped(awkward):
    assert f"skipped {awkward['site'].url}/v1/file/7004: Staffordshire JTAI published 30 January 2024: truncated PDF" \
        in awkward["first"].stderr
    assert not list(awkward["into"].glob("*jtai*"))


def test_empty_body_is_reported_and_skipped(awkward):
    assert f"skipped {awkward['site'].url}/v1/file/7005: Knowsley monitoring visit published 12 March 2024: empty " \
        "response" in awkward["first"].stderr
    assert not list(awkward["into"].glob("knowsley*"))


def test_file_listed_twice_is_fetched_once(awkward):
    log = [path for path, _ in awkward["first_log"]]
    assert log.count("/v1/file/7003") == 2  # the timeout and the one download: none for the second listing
    assert awkward["first"].stdout.count("staffordshire") == 1


def test_nothing_is_left_half_written(awkward):
    into = awkward["into"]
    scratch = into / ".askofsted-fetch"
    assert sorted(p.name for p in into.iterdir()) == [".askofsted-fetch", "fetched.json",
                                                      "newham-2019-03-25-ilacs.pdf",
                                                      "staffordshire-2019-03-11-ilacs.pdf"]
    assert [p.name for p in scratch.iterdir() if p.name != ".lock"] == []


def test_the_record_knows_each_file_by_its_id(awkward):
    record = json.loads((awkward["into"] / "fetched.json").read_text())
    assert {key: value["file"] for key, value in record["files"].items()} == {
        "7001": "newham-2019-03-25-ilacs.pdf", "7003": "staffordshire-2019-03-11-ilacs.pdf"}
    assert record["files"]["7001"]["urn"] == "80511" and record["files"]["7001"]["published"] == "2019-03-25"


def test_second_fetch_downloads_only_what_is_new(awkward):
    second, site = awkward["second"], awkward["site"]
    downloads = [path for path in site.served if path.startswith("/v1/file/")]
    assert "/v1/file/7001" not in downloads and "/v1/file/7003" not in downloads
    assert second.stdout == ""
    assert "fetched 0 reports" in second.stderr and "(2 fetched before)" in second.stderr
    assert (awkward["index"] / "CURRENT").read_text() == awkward["current_after_first"]  # the index untouched
    assert "unchanged" in second.stderr
    assert second.exit_code == EXIT_SKIPPED  # the three broken files are tried and reported again


# ---------------------------------------------------------------- what stops a fetch


def test_changed_provider_page_layout_stops_with_a_clear_message(shared_pdf, tmp_path):
    providers = [Provider("80511", "London Borough of Newham",
                          [Listed("7001", "children's services inspection, pdf - 15 july 2024")],
                          layout="provider-changed.html")]
    with StandIn(providers, {"7001": pdf_bytes(shared_pdf, NEWHAM)}) as site:
        result = fetch_cli("--site", site.url, "--into", str(tmp_path / "r"), "--index", str(tmp_path / "i"), *FAST)
        assert not any(path.startswith("/v1/file/") for path, _ in site.log)
    assert result.exit_code == EXIT_NOT_DONE
    message = result.stderr.strip().splitlines()
    assert len(message) == 1 and "the site may have changed" in message[0]
    assert f"{site.url}/provider/44/80511" in message[0] and "none as a publication link" in message[0]
    assert pdfs(tmp_path / "r") == {} and indexed(tmp_path / "i") is None


def test_search_page_listing_no_providers_stops_with_a_clear_message(tmp_path):
    with StandIn([], {}) as site:
        result = fetch_cli("--site", site.url, "--into", str(tmp_path / "r"), "--no-index", *FAST)
    assert result.exit_code == EXIT_NOT_DONE
    assert "lists no local authority providers" in result.stderr and "may have changed" in result.stderr


def test_unknown_authority_is_a_one_line_error(tmp_path):
    result = fetch_cli("--authority", "Notingham", "--site", "http://127.0.0.1:9", "--into", str(tmp_path), *FAST)
    assert result.exit_code == EXIT_NOT_DONE
    assert result.stderr.startswith("Error: unknown authority 'Notingham'; did you mean Nottingham")
    assert len(result.stderr.strip().splitlines()) == 1


def test_site_that_does_not_answer_is_a_one_line_error(tmp_path):
    with StandIn([], {}) as site:
        url = site.url
    result = fetch_cli("--site", url, "--into", str(tmp_path / "r"), "--no-index", "--delay", "0")
    assert result.exit_code == EXIT_NOT_DONE
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot connect" in lines[0] and "5 tries" in lines[0]


def test_one_fetch_per_folder_at_once(tmp_path):
    from askofsted.fetching.run import fetch_lock

    with fetch_lock(tmp_path / "reports"):
        result = fetch_cli("--site", "http://127.0.0.1:9", "--into", str(tmp_path / "reports"), "--no-index")
    assert result.exit_code == EXIT_NOT_DONE
    assert "another askofsted fetch is fetching into" in result.stderr


def test_downloads_stop_when_the_site_keeps_failing(shared_pdf, tmp_path):
    listed = [Listed("9001", "children's services inspection, pdf - 25 march 2019")] + [
        Listed(f"900{n}", f"children's services monitoring visit, pdf - 0{n} may 2024") for n in range(2, 6)]
    with StandIn([Provider("80511", "London Borough of Newham", listed)], {"9001": pdf_bytes(shared_pdf, NEWHAM)}) \
            as site:
        for n in range(2, 6):
            site.faults[f"/v1/file/900{n}"] = ["500"] * 5
        result = fetch_cli("--site", site.url, "--into", str(tmp_path / "r"), "--no-index", "--delay", "0.001")
        assert site.requests_for("/v1/file/9002") == 5 and site.requests_for("/v1/file/9005") == 0
    assert result.exit_code == EXIT_SKIPPED
    assert "stopped: Ofsted's site failed 3 downloads in a row; 1 not tried, the next fetch tries them" in result.stderr
    assert f"skipped {site.url}/v1/file/9002: Newham monitoring visit published 2 May 2024: server error 500" \
        in result.stderr
    assert pdfs(tmp_path / "r").keys() == {"newham-2019-03-25-ilacs.pdf"}


# ---------------------------------------------------------------- choosing what to fetch


def test_authority_in_any_spelling_and_kind_choose_what_is_fetched(shared_pdf, tmp_path):
    with awkward_site(shared_pdf) as site:
        site.faults.clear()
        result = fetch_cli("--authority", "Staffs", "--kind", "ilacs", "--site", site.url,
                           "--into", str(tmp_path / "r"), "--no-index", *FAST)
        pages = {path for path, _ in site.log if path.startswith("/provider/")}
        files = [path for path, _ in site.log if path.startswith("/v1/file/")]
    assert pages == {"/provider/44/80561"}  # Newham's and Knowsley's pages are not even read
    assert files == ["/v1/file/7003"]  # the JTAI is not the kind asked for
    assert result.exit_code == EXIT_DONE
    assert pdfs(tmp_path / "r").keys() == {"staffordshire-2019-03-11-ilacs.pdf"}
    assert not (tmp_path / "index").exists() and "no index changed" in result.stderr


def test_authority_not_on_the_site_is_a_one_line_error(shared_pdf, tmp_path):
    with awkward_site(shared_pdf) as site:
        result = fetch_cli("--authority", "Cumbria", "--dry-run", "--site", site.url, "--into", str(tmp_path), *FAST)
        assert not any(path.startswith("/provider/") for path, _ in site.log)
    assert result.exit_code == EXIT_NOT_DONE
    assert result.stderr.strip() == "Error: Ofsted's search lists no children's services for Cumbria"


def test_dry_run_lists_what_would_be_fetched_and_downloads_nothing(shared_pdf, tmp_path):
    with awkward_site(shared_pdf) as site:
        site.faults.clear()
        result = fetch_cli("--dry-run", "--since", "2024", "--site", site.url, "--into", str(tmp_path / "r"),
                           "--index", str(tmp_path / "i"), *FAST)
        files = [path for path, _ in site.log if path.startswith("/v1/file/")]
    assert result.exit_code == EXIT_DONE
    assert result.stdout.splitlines() == [
        f"would fetch  Newham, focused visit, published 1 August 2024  {site.url}/v1/file/7002",
        f"would fetch  Staffordshire, JTAI, published 30 January 2024  {site.url}/v1/file/7004",
        f"would fetch  Knowsley, monitoring visit, published 12 March 2024  {site.url}/v1/file/7005",
    ]
    assert "nothing downloaded" in result.stderr
    assert files == [] and not (tmp_path / "r").exists() and not (tmp_path / "i").exists()


def test_library_returns_what_was_fetched_skipped_and_added(shared_pdf, tmp_path):
    import askofsted

    staffordshire = pdf_bytes(shared_pdf, STAFFORDSHIRE)
    providers = [Provider("80561", "Staffordshire County Council", [
        Listed("7003", "children's services inspection, pdf - 11 march 2019"),
        Listed("7004", "joint area child protection inspection, pdf - 30 january 2024")])]
    with StandIn(providers, {"7003": staffordshire, "7004": b"%PDF-1.7\n"}) as site:
        result = askofsted.fetch(site=site.url, into=tmp_path / "r", index=False, delay=0)
    assert isinstance(result, askofsted.FetchResult)
    assert [f.path.name for f in result.fetched] == ["staffordshire-2019-03-11-ilacs.pdf"]
    assert [(s.url.rsplit("/", 1)[1], "truncated PDF" in s.reason) for s in result.skipped] == [("7004", True)]
    assert result.added == [] and result.change is None and result.index is None


def test_same_name_keeps_both_files_and_same_bytes_are_not_saved_twice(shared_pdf, tmp_path):
    import askofsted

    newham, staffordshire = pdf_bytes(shared_pdf, NEWHAM), pdf_bytes(shared_pdf, STAFFORDSHIRE)
    providers = [Provider("80511", "London Borough of Newham", [
        Listed("7001", "children's services inspection, pdf - 25 march 2019"),
        Listed("7009", "children's services inspection, pdf - 25 march 2019")])]  # another file, same name
    into = tmp_path / "r"
    into.mkdir()
    (into / "newham-2019-03-25-ilacs.pdf").write_bytes(newham)  # saved by a fetch killed before its record
    with StandIn(providers, {"7001": newham, "7009": staffordshire}) as site:
        result = askofsted.fetch(site=site.url, into=into, index=False, delay=0)
    assert pdfs(into) == {"newham-2019-03-25-ilacs.pdf": newham, "newham-2019-03-25-ilacs-7009.pdf": staffordshire}
    record = json.loads((into / "fetched.json").read_text())["files"]
    assert {key: value["file"] for key, value in record.items()} == {
        "7001": "newham-2019-03-25-ilacs.pdf", "7009": "newham-2019-03-25-ilacs-7009.pdf"}
    assert [f.path.name for f in result.fetched] == ["newham-2019-03-25-ilacs.pdf", "newham-2019-03-25-ilacs-7009.pdf"]


# ---------------------------------------------------------------- reading the pages


@pytest.mark.parametrize("description, kind, published", [
    ("children's services inspection, pdf - 15 july 2024", "ilacs", "2024-07-15"),
    ("children's services focused visit, pdf - 01 august 2024", "focused-visit", "2024-08-01"),
    ("children's services monitoring visit, pdf - 12 march 2024", "monitoring-visit", "2024-03-12"),
    ("joint area child protection inspection, pdf - 30 january 2024", "jtai", "2024-01-30"),
    ("children's services inspection,  pdf - 16 august 2013", "ilacs", "2013-08-16"),
    ("single inspection of la children's services as pdf - 10 february 2015", "ilacs", "2015-02-10"),
    ("Children’s Services Inspection, PDF - 9 May 2025", "ilacs", "2025-05-09"),
    ("local safeguarding children board review, pdf - 03 may 2016", "local-safeguarding-children-board-review",
     "2016-05-03"),
])
def test_publication_descriptions_are_read(description, kind, published):
    got = ofsted.describe(description)
    assert got is not None and (got[0], got[1].isoformat()) == (kind, published)


@pytest.mark.parametrize("description", ["", "children's services inspection", "report, pdf - 31 february 2024",
                                         "children's services inspection, pdf - soon"])
def test_unreadable_descriptions_are_none(description):
    assert ofsted.describe(description) is None


def test_search_page_gives_providers_with_urn_and_name():
    html = page("search.html", count=2, next="", results="".join(
        page("search-result.html", urn=urn, name=name) for urn, name in
        (("80418", "Norfolk County Council"), ("2532287", "Bournemouth, Christchurch &amp; Poole Council"))))
    parsed = ofsted.parse_search_page(html, "https://example.org/search")
    assert [(p.urn, p.name, p.url) for p in parsed.providers] == [
        ("80418", "Norfolk County Council", "https://example.org/provider/44/80418"),
        ("2532287", "Bournemouth, Christchurch & Poole Council", "https://example.org/provider/44/2532287")]


def test_provider_names_are_matched_to_authorities():
    from askofsted.fetching.run import provider_authority

    names = {"Norfolk County Council": "Norfolk", "London Borough of Newham": "Newham",
             "Royal Borough of Kingston upon Thames": "Kingston upon Thames",
             "Bournemouth, Christchurch & Poole Council": "Bournemouth, Christchurch and Poole",
             "Council of the Isles of Scilly": "Isles of Scilly"}
    assert {name: provider_authority(ofsted.Provider("1", name, "")) for name in names} == names


def test_every_council_in_ofsteds_metadata_is_matched_to_an_authority(shared_dir):
    """The councils a public scraper of the site found (as it wrote their names) all match."""
    import csv

    from askofsted.fetching.run import provider_authority

    with open(shared_dir / "ilacs" / "ofsted_csc_ilacs_history.csv", newline="") as handle:
        names = {row["local_authority"] for row in csv.DictReader(handle)}
    assert len(names) > 150
    assert [n for n in sorted(names) if provider_authority(ofsted.Provider("1", n, "")) is None] == []


def test_provider_page_gives_publications_and_notes_unreadable_ones():
    provider = ofsted.Provider("80418", "Norfolk County Council", "https://example.org/provider/44/80418")
    items = "".join(page("publication.html", iso="2024-08-01", day="1 August 2024", title=t, description=d,
                         files="https://files.example.org", file_id=i) for i, t, d in (
        ("50001", "Focused visit", "children's services focused visit, pdf - 01 august 2024"),
        ("50002", "Something new", "a kind of paper, published one day")))
    parsed = ofsted.parse_provider_page(page("provider.html", name="Norfolk County Council", urn="80418",
                                             publications=items), provider)
    assert parsed.name == "Norfolk County Council"
    assert [(p.file_id, p.url, p.kind, p.published.isoformat()) for p in parsed.publications] == [
        ("50001", "https://files.example.org/v1/file/50001", "focused-visit", "2024-08-01")]
    assert parsed.unreadable == [("https://files.example.org/v1/file/50002", "a kind of paper, published one day")]


def test_page_without_heading_is_a_changed_layout():
    provider = ofsted.Provider("1", "Norfolk", "https://example.org/provider/44/1")
    with pytest.raises(ofsted.SiteChanged, match="no page heading"):
        ofsted.parse_provider_page("<html><body><p>Maintenance</p></body></html>", provider)


# ---------------------------------------------------------------- the polite client


class Waits:
    """A clock and a sleep that only pretend: what the client would have waited."""

    def __init__(self):
        self.now = 0.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 3))
        self.now += seconds


def test_client_pauses_between_requests():
    with StandIn([Provider("1", "Norfolk County Council")], {}) as site:
        waits = Waits()
        client = Client(delay=2.5, sleep=waits.sleep, clock=waits.clock)
        client.text(site.url + "/provider/44/1")
        client.text(site.url + "/provider/44/1")
    assert waits.slept == [2.5]


def test_client_waits_as_long_as_retry_after_asks():
    with StandIn([Provider("1", "Norfolk County Council")], {}) as site:
        site.faults["/provider/44/1"] = ["429:7"]
        waits = Waits()
        said: list[str] = []
        html = Client(delay=1.0, sleep=waits.sleep, clock=waits.clock, say=said.append).text(site.url + "/provider/44/1")
    assert "Norfolk County Council" in html
    assert waits.slept == [7.0]
    assert said == ["Ofsted asked askofsted to slow down (429); waiting 7 s"]


def test_client_backs_off_on_server_errors_and_gives_up_with_the_reason():
    with StandIn([Provider("1", "Norfolk County Council")], {}) as site:
        site.faults["/provider/44/1"] = ["500"] * 5
        waits = Waits()
        with pytest.raises(FetchError, match=r"server error 500 .*\(5 tries\)"):
            Client(delay=1.0, sleep=waits.sleep, clock=waits.clock).text(site.url + "/provider/44/1")
    assert waits.slept == [2.0, 4.0, 8.0, 16.0]  # twice the last wait, between tries


def test_client_fetches_again_a_file_whose_connection_dropped(shared_pdf, tmp_path):
    newham = pdf_bytes(shared_pdf, NEWHAM)
    with StandIn([], {"7001": newham}) as site:
        site.faults["/v1/file/7001"] = ["cut"]
        with open(tmp_path / "out", "wb") as handle:
            written = Client(delay=0).save(site.url + "/v1/file/7001", handle)
        assert site.requests_for("/v1/file/7001") == 2
    assert written == len(newham) and (tmp_path / "out").read_bytes() == newham


def test_client_gives_up_at_once_when_asked_to_wait_too_long():
    with StandIn([Provider("1", "Norfolk County Council")], {}) as site:
        site.faults["/provider/44/1"] = ["429:86400"]
        with pytest.raises(FetchError, match="asked askofsted to wait 86400 s"):
            Client(delay=0).text(site.url + "/provider/44/1")
        assert site.requests_for("/provider/44/1") == 1


def test_client_follows_only_web_links(tmp_path):
    """A page (of a mirror, say) linking to file: or data: URLs cannot make fetch copy local files."""
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.7 not for sharing %%EOF")
    for url in (secret.as_uri(), "data:application/pdf;base64,JVBERi0="):
        with open(tmp_path / "out", "wb") as handle, pytest.raises(FetchError, match="not a web address"):
            Client(delay=0).save(url, handle)
        assert (tmp_path / "out").read_bytes() == b""


def test_retry_after_as_a_date():
    now = datetime(2026, 11, 26, 12, 0, tzinfo=timezone.utc)
    later = (now + timedelta(seconds=90)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert retry_after(later, now) == 90.0
    assert retry_after("120", now) == 120.0
    assert retry_after("soon", now) is None


# ---------------------------------------------------------------- kill -9


def _start(site_url: str, into: Path, index_dir: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.Popen([sys.executable, "-m", "askofsted", "fetch", "--site", site_url, "--into", str(into),
                             "--index", str(index_dir), "--delay", "0.01"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def _kill(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGKILL)
    process.wait(30)
    process.stdout.close()
    process.stderr.close()


def _wait_for(condition, seconds: float = 60.0) -> None:
    """Poll a file-system condition (the other process's files are the event)."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the fetch never got there"
        time.sleep(0.005)


def test_kill_9_at_any_moment_leaves_only_checked_reports_and_the_index_before_or_after(shared_pdf, tmp_path):
    newham, staffordshire, knowsley = (pdf_bytes(shared_pdf, w) for w in (NEWHAM, STAFFORDSHIRE, KNOWSLEY))
    providers = [Provider("80511", "London Borough of Newham",
                          [Listed("8001", "children's services inspection, pdf - 25 march 2019")]),
                 Provider("80561", "Staffordshire County Council",
                          [Listed("8002", "children's services inspection, pdf - 11 march 2019")])]
    into, index_dir = tmp_path / "reports", tmp_path / "index"
    complete = {"newham-2019-03-25-ilacs.pdf": newham, "staffordshire-2019-03-11-ilacs.pdf": staffordshire}

    def only_whole_reports() -> dict[str, bytes]:
        found = pdfs(into)
        assert all(found[name] == complete[name] for name in found)  # each file whole, never half
        return found

    with StandIn(providers, {"8001": newham, "8002": staffordshire, "8003": knowsley}) as site:
        # 1. while reading a provider page
        reached = site.hold("/provider/44/80561")
        process = _start(site.url, into, index_dir)
        assert reached.wait(60)
        _kill(process)
        assert only_whole_reports() == {} and indexed(index_dir) is None

        # 2. halfway through the second download
        reached = site.hold("/v1/file/8002", after_bytes=len(staffordshire) // 2)
        process = _start(site.url, into, index_dir)
        assert reached.wait(60)
        _kill(process)
        assert only_whole_reports().keys() == {"newham-2019-03-25-ilacs.pdf"} and indexed(index_dir) is None
        assert [p.suffix for p in (into / ".askofsted-fetch").glob("8002-*")] == [".part"]  # where it was writing

        # 3. as it starts adding to the index (told through its stderr pipe)
        process = _start(site.url, into, index_dir)
        for line in process.stderr:
            if line.startswith("adding 2 fetched reports to the index"):
                break
        _kill(process)
        assert only_whole_reports() == complete and indexed(index_dir) in (None, ["newham-2019", "staffordshire-2019"])

        # 4. while the index's next snapshot is being written
        process = _start(site.url, into, index_dir)
        _wait_for(lambda: any(index_dir.glob("v*.tmp-*")) or (index_dir / "CURRENT").exists())
        _kill(process)
        assert only_whole_reports() == complete and indexed(index_dir) in (None, ["newham-2019", "staffordshire-2019"])

        # ... and a fetch after all that finishes the job, downloading each report once in all
        process = _start(site.url, into, index_dir)
        out, err = process.communicate(timeout=300)
        assert process.returncode == EXIT_DONE, err
        assert only_whole_reports() == complete and indexed(index_dir) == ["newham-2019", "staffordshire-2019"]
        assert site.served.count("/v1/file/8001") == 1 and site.served.count("/v1/file/8002") == 1
        assert not list((into / ".askofsted-fetch").glob("*.part"))  # the killed download's leftovers are gone

        # 5. adding to an index that exists: killed mid-change, it is as before
        providers.append(Provider("80479", "Knowsley Metropolitan Borough Council",
                                  [Listed("8003", "children's services inspection, pdf - 03 december 2021")]))
        before = (index_dir / "CURRENT").read_text()
        process = _start(site.url, into, index_dir)
        _wait_for(lambda: any(index_dir.glob("v*.tmp-*")) or (index_dir / "CURRENT").read_text() != before)
        _kill(process)
        assert indexed(index_dir) in (["newham-2019", "staffordshire-2019"],
                                      ["knowsley-2021", "newham-2019", "staffordshire-2019"])
        process = _start(site.url, into, index_dir)
        out, err = process.communicate(timeout=300)
        assert process.returncode == EXIT_DONE, err
        assert indexed(index_dir) == ["knowsley-2021", "newham-2019", "staffordshire-2019"]


def test_ctrl_c_mid_download_keeps_what_was_fetched_and_says_so(shared_pdf, tmp_path):
    newham, staffordshire = pdf_bytes(shared_pdf, NEWHAM), pdf_bytes(shared_pdf, STAFFORDSHIRE)
    providers = [Provider("80511", "London Borough of Newham",
                          [Listed("8001", "children's services inspection, pdf - 25 march 2019"),
                           Listed("8002", "children's services focused visit, pdf - 01 august 2024")])]
    into = tmp_path / "reports"
    with StandIn(providers, {"8001": newham, "8002": staffordshire}) as site:
        reached = site.hold("/v1/file/8002", after_bytes=1000)
        process = _start(site.url, into, tmp_path / "index")
        assert reached.wait(60)
        process.send_signal(signal.SIGINT)
        out, err = process.communicate(timeout=60)
    assert process.returncode == 130
    assert err.strip().splitlines()[-1].startswith("interrupted: the reports fetched so far are kept")
    assert out == ""  # the list of new files is printed at the end; the folder says what was kept
    assert pdfs(into) == {"newham-2019-03-25-ilacs.pdf": newham}
    assert not list((into / ".askofsted-fetch").glob("*.part"))
    assert indexed(tmp_path / "index") is None
