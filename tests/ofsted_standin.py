"""A local stand-in for Ofsted's report site, for the fetch tests.

It serves the recorded page layouts in `fetch_site/` from the standard library's
HTTP server on 127.0.0.1 (a free port), lists the providers it is given, serves
their files, and plays scripted faults: a 500, a 429 with Retry-After, no answer
(a timeout), or holding a request open halfway so a test can kill the fetch at
that moment. It logs every request it gets.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from string import Template
from urllib.parse import parse_qs, urlsplit

PAGES = Path(__file__).parent / "fetch_site"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def page(template: str, /, **fields) -> str:
    return Template((PAGES / template).read_text(encoding="utf-8")).substitute(fields)


@dataclass
class Listed:
    """One publication on a provider page."""

    file_id: str
    description: str  # the hidden text: "children's services inspection, pdf - 25 march 2019"


@dataclass
class Provider:
    urn: str
    name: str
    listed: list[Listed] = field(default_factory=list)
    layout: str = "provider.html"  # or provider-no-reports.html, provider-changed.html


@dataclass
class Hold:
    """Stop answering a request halfway: `reached` is set then, `release` ends it."""

    reached: threading.Event = field(default_factory=threading.Event)
    after_bytes: int | None = None  # send the headers and this many bytes first (None: send nothing)


class StandIn:
    def __init__(self, providers: list[Provider], files: dict[str, bytes], page_size: int = 100):
        self.providers = providers
        self.files = files
        self.page_size = page_size
        self.faults: dict[str, list[str]] = defaultdict(list)  # path -> faults, one used per request
        self.holds: dict[str, Hold] = {}
        self.log: list[tuple[str, str]] = []  # (path with query, User-Agent)
        self.served: list[str] = []  # paths answered in full with 200
        self.release = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.release.set()
        self._server.shutdown()
        self._server.server_close()

    def hold(self, path: str, after_bytes: int | None = None) -> threading.Event:
        self.holds[path] = Hold(after_bytes=after_bytes)
        return self.holds[path].reached

    def requests_for(self, path: str) -> int:
        return sum(1 for logged, _ in self.log if urlsplit(logged).path == path)

    # ------------------------------------------------ pages

    def search_page(self, query: dict[str, list[str]]) -> str:
        start = int(query.get("start", ["0"])[0])
        rows = min(int(query.get("rows", ["100"])[0]), self.page_size)
        shown = self.providers[start : start + rows]
        results = "".join(page("search-result.html", urn=p.urn, name=p.name) for p in shown)
        more = start + rows < len(self.providers)
        next_link = (f'<a class="pagination__next" href="/search?start={start + rows}&amp;rows={rows}">Next</a>'
                     if more else "")
        return page("search.html", count=len(self.providers), results=results, next=next_link)

    def provider_page(self, urn: str) -> str | None:
        provider = next((p for p in self.providers if p.urn == urn), None)
        if provider is None:
            return None
        publications = "".join(self._publication(item) for item in provider.listed)
        first = provider.listed[0].file_id if provider.listed else "0"
        return page(provider.layout, name=provider.name, urn=provider.urn, publications=publications,
                    files=self.url, file_id=first)

    def _publication(self, item: Listed) -> str:
        day, month, year = item.description.rsplit("- ", 1)[1].split()
        title = item.description.split(",")[0].strip().capitalize()
        iso = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
        return page("publication.html", iso=iso, day=f"{int(day)} {month.capitalize()} {year}", title=title,
                    description=item.description, files=self.url, file_id=item.file_id)


def _handler(site: StandIn):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, *args) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            site.log.append((self.path, self.headers.get("User-Agent", "")))
            faults = site.faults.get(parts.path)
            fault = faults.pop(0) if faults else None
            if fault == "timeout":
                site.release.wait(60)  # never answer; the client gives up first
                return
            if fault == "cut":  # the connection drops halfway through the body
                body = site.files.get(parts.path.rsplit("/", 1)[1], b"")
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[: len(body) // 2])
                return
            if fault == "500":
                return self._send(500, b"<html><body>Internal Server Error</body></html>", "text/html")
            if fault and fault.startswith("429"):
                return self._send(429, b"Too Many Requests", "text/plain", {"Retry-After": fault.split(":")[1]})
            if parts.path == "/search":
                return self._send(200, site.search_page(parse_qs(parts.query)).encode(), "text/html; charset=utf-8")
            if parts.path.startswith("/provider/44/"):
                html = site.provider_page(parts.path.rsplit("/", 1)[1])
                if html is None:
                    return self._send(404, b"not found", "text/plain")
                return self._send(200, html.encode(), "text/html; charset=utf-8")
            if parts.path.startswith("/v1/file/"):
                body = site.files.get(parts.path.rsplit("/", 1)[1])
                if body is None:
                    return self._send(404, b"not found", "text/plain")
                kind = "text/html" if body.lstrip().startswith(b"<") else "application/pdf"
                return self._send(200, body, kind)
            self._send(404, b"not found", "text/plain")

        def _send(self, status: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
            hold = site.holds.pop(urlsplit(self.path).path, None)
            if hold is not None and hold.after_bytes is None:
                hold.reached.set()
                site.release.wait(60)
                return
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if hold is not None:
                self.wfile.write(body[: hold.after_bytes])
                self.wfile.flush()
                hold.reached.set()
                site.release.wait(60)
                return
            self.wfile.write(body)
            if status == 200:
                site.served.append(urlsplit(self.path).path)

    return Handler
