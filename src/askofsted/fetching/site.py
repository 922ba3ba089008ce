"""Ofsted's report site: its address, and how its pages are read. Nothing else knows.

When Ofsted changes its pages, this module is the one to change. The layout it
expects is the one maintained public scrapers of the same site read (for example
data-to-insight's ofsted-ilacs-scrape-tool):

- a search page lists local authority children's services providers, each a link
  to `/provider/44/URN` whose text is the council's name; `start` and `rows`
  page through them (100 is the most a page returns since February 2025);
- a provider page has the council's name as its `h1` and lists its publications
  as `a.publication-link` elements linking to `https://files.ofsted.gov.uk/v1/file/ID`,
  each with a `span.nonvisual` that says what it is and when it was published:
  "children's services focused visit, pdf - 01 august 2024".

Pages are read with the standard library's `html.parser`: all that is needed is
the links, their classes and their text, which a 40-line parser finds; the
same parser is what BeautifulSoup would use here, so that library would add a
dependency and a selector syntax, not robustness. A page that is not laid out as
expected raises `SiteChanged` rather than quietly yielding nothing.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from ..domain.ofsted import site_kind_names, site_kinds
from ..errors import AskofstedError

SITE = "https://reports.ofsted.gov.uk"
ROWS = 100  # providers per search page: the most the site returns since February 2025

# The search for "Children's social care" (level 1, type 3) > "Local authority
# children's services" (level 2, type 12), as the site's own search form sends it.
_SEARCH = (("q", ""), ("location", ""), ("lat", ""), ("lon", ""), ("radius", ""),
           ("level_1_types", "3"), ("level_2_types[]", "12"))

_PROVIDER_HREF = re.compile(r"/provider/(\d+)/(\w+)/?$")
_FILE_ID = re.compile(r"/file/([A-Za-z0-9_-]+)")
_FILE_LIKE_HREF = re.compile(r"/file/|\.pdf(?:$|[?#])", re.IGNORECASE)

# What a publication is, from the words Ofsted's pages use for it (domain/data/ofsted.toml);
# the first phrase found in the description decides. Kinds are what `--kind` takes.
KIND_PHRASES: tuple[tuple[str, str], ...] = tuple((phrase, kind) for kind, phrases in site_kinds() for phrase in phrases)
KINDS = site_kind_names()
"""The kinds askofsted names, 'ilacs' (every full inspection) first."""

_KIND_NAMES = {"ilacs": "inspection", "jtai": "JTAI"}  # how a kind is written for people


def kind_name(kind: str) -> str:
    """'focused visit', 'JTAI', 'inspection': a kind as a message writes it."""
    return _KIND_NAMES.get(kind, kind.replace("-", " "))


_MONTHS = {name: number for number, name in enumerate(
    ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"), start=1)}
# "<what it is>, pdf - 01 august 2024"; older entries say "as pdf" or put two spaces before "pdf".
_DESCRIPTION = re.compile(
    r"^(?P<label>.*?)[\s,]*(?:\bas\s+)?\bpdf\s*-\s*(?P<day>\d{1,2})\s+(?P<month>[a-z]+)\s+(?P<year>\d{4})\s*$")


class SiteChanged(AskofstedError):
    """A page of Ofsted's site is not laid out as askofsted expects."""

    def __init__(self, url: str, what: str):
        super().__init__(
            f"Ofsted's page {url} is not laid out as askofsted expects ({what}); the site may have changed. "
            "Nothing more was fetched: please report it (see 'Fetching new reports' in the README)")


@dataclass(frozen=True)
class Provider:
    """A local authority's children's services, as the search lists it."""

    urn: str
    name: str  # as the site shows it: "Norfolk County Council"
    url: str


@dataclass(frozen=True)
class Publication:
    """One report file a provider page lists."""

    file_id: str  # Ofsted's file ID: what says a report was fetched already
    url: str
    kind: str  # one of KINDS, or the site's own words (slugged) for anything else
    published: date
    description: str  # the site's own words
    provider: Provider


@dataclass(frozen=True)
class SearchPage:
    providers: list[Provider]


@dataclass(frozen=True)
class ProviderPage:
    name: str
    publications: list[Publication]
    unreadable: list[tuple[str, str]]  # (url, description) of links whose description cannot be read


def search_url(site: str, start: int, rows: int = ROWS) -> str:
    return f"{site.rstrip('/')}/search?{urlencode((*_SEARCH, ('start', start), ('rows', rows)))}"


def list_providers(get: Callable[[str], str], site: str = SITE, rows: int = ROWS) -> list[Provider]:
    """Every provider the search lists, paging with `get(url) -> html`.

    The next page starts after the providers this one gave, and paging stops at a
    page that adds none: a site that returns fewer rows than asked for (as it
    began to in February 2025) is still read to the end, and one that ignores
    `start` is not read forever.
    """
    found: dict[str, Provider] = {}
    start = 0
    while True:
        url = search_url(site, start, rows)
        page = parse_search_page(get(url), url)
        new = [p for p in page.providers if p.urn not in found]
        if not new:
            if not found:
                raise SiteChanged(url, "it lists no local authority providers")
            return list(found.values())
        found.update((p.urn, p) for p in new)
        start += len(page.providers)


def parse_search_page(html: str, url: str) -> SearchPage:
    """The providers a search page lists, in order, each once."""
    page = _parse(html)
    seen: dict[str, Provider] = {}
    for link in page.links:
        match = _PROVIDER_HREF.search(urlsplit(link.href).path)
        if match and match.group(2) not in seen:
            name = " ".join(link.text.split())
            if not name:
                raise SiteChanged(url, f"a provider link to {link.href} has no name")
            seen[match.group(2)] = Provider(match.group(2), name, urljoin(url, link.href))
    return SearchPage(list(seen.values()))


def parse_provider_page(html: str, provider: Provider) -> ProviderPage:
    """A provider page's publications. A page with no heading, or with links to
    report files that are not publication links, is not the layout expected."""
    url = provider.url
    page = _parse(html)
    if not page.heading:
        raise SiteChanged(url, "no page heading naming the council")
    publications: list[Publication] = []
    unreadable: list[tuple[str, str]] = []
    links = [link for link in page.links if "publication-link" in link.classes]
    for link in links:
        href = urljoin(url, link.href)
        file_id = _file_id(href)
        if file_id is None:
            raise SiteChanged(url, f"a publication link to {href} names no file")
        described = describe(link.nonvisual)
        if described is None:
            unreadable.append((href, " ".join(link.nonvisual.split()) or "(no description)"))
            continue
        kind, published = described
        publications.append(Publication(file_id, href, kind, published, " ".join(link.nonvisual.split()), provider))
    if not links and any(_FILE_LIKE_HREF.search(link.href) for link in page.links):
        raise SiteChanged(url, "it links to report files, but none as a publication link")
    if links and not publications:
        raise SiteChanged(url, "no publication link says what it is and when it was published")
    return ProviderPage(" ".join(page.heading.split()), publications, unreadable)


def describe(text: str) -> tuple[str, date] | None:
    """(kind, publication date) from a publication link's hidden description, or None.

    >>> describe("children's services focused visit, pdf - 01 august 2024")
    ('focused-visit', datetime.date(2024, 8, 1))
    """
    words = " ".join(text.lower().replace("’", "'").split())
    match = _DESCRIPTION.match(words)
    if not match or match.group("month") not in _MONTHS:
        return None
    try:
        published = date(int(match.group("year")), _MONTHS[match.group("month")], int(match.group("day")))
    except ValueError:
        return None
    label = match.group("label").strip(" ,-")
    kind = next((key for phrase, key in KIND_PHRASES if phrase in label), None)
    if kind is None:
        kind = re.sub(r"[^a-z0-9]+", "-", label).strip("-") or "publication"
    return kind, published


def _file_id(url: str) -> str | None:
    match = _FILE_ID.search(urlsplit(url).path)
    return match.group(1) if match else None


# ---------------------------------------------------------------- the HTML parser


@dataclass
class _Link:
    href: str
    classes: tuple[str, ...]
    text: str = ""
    nonvisual: str = ""


class _Page(HTMLParser):
    """Collects a page's first h1 and its links, with each link's text and the text
    of any `span.nonvisual` inside it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.heading = ""
        self.links: list[_Link] = []
        self._in_h1 = False
        self._h1_done = False
        self._link: _Link | None = None
        self._nonvisual_depth = 0  # open spans since entering a span.nonvisual (0: not in one)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        classes = tuple((attributes.get("class") or "").split())
        if tag == "h1" and not self._h1_done:
            self._in_h1 = True
        elif tag == "a" and attributes.get("href"):
            self._link = _Link(attributes["href"].strip(), classes)
            self.links.append(self._link)
        elif tag == "span" and self._link is not None:
            if self._nonvisual_depth:
                self._nonvisual_depth += 1
            elif "nonvisual" in classes:
                self._nonvisual_depth = 1

    def handle_endtag(self, tag):
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self._h1_done = bool(self.heading.strip())
        elif tag == "a":
            self._link = None
            self._nonvisual_depth = 0
        elif tag == "span" and self._nonvisual_depth:
            self._nonvisual_depth -= 1

    def handle_data(self, data):
        if self._in_h1:
            self.heading += data
        if self._link is not None:
            self._link.text += data
            if self._nonvisual_depth:
                self._link.nonvisual += data


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page
