"""The web application: routes, rendering and the headers every response carries.

Every route is a GET that reads the index through `Library.run`; none changes
it. Pages are Jinja2 templates with autoescaping on, so every question and every
piece of report text is escaped where it is written. The JSON routes return what
the CLI prints with --json.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

import jinja2
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from ..domain.authorities import suggest_authorities
from ..domain.judgements import HEADLINE_KEYS
from ..errors import AskofstedError, UnknownReport
from ..history import UnknownAuthority, counts, resolve_authority
from ..history import inspection as history_row
from ..models import REPORT_TYPES, Report
from ..present import date_range, grades_csv, grades_record, report_record, to_json, type_label
from . import view
from .authority import authority_view
from .grades import GradesRequest, form_choices, grades_view
from .library import Library, pdf_file, report_paragraphs, reports_by_id

log = logging.getLogger(__name__)

NAVIGATION = (("/", "Ask"), ("/grades", "Grades"), ("/reports", "Reports"))
"""The site's sections, in the order the header shows them."""

EXAMPLES = (
    "how were missing children handled in 2012?",
    "what did the latest inspection of Kingston say about care leavers?",
    "is Kingston any good?",
    "which councils were judged inadequate?",
)

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def create_app(index) -> Starlette:
    """The page for an open `Index` (the caller keeps it open while the app serves)."""
    app = Starlette(
        routes=[
            Route("/", ask_page, methods=["GET"]),
            Route("/grades", grades_page, methods=["GET"]),
            Route("/grades.csv", grades_download, methods=["GET"]),
            Route("/authority/{name}", authority_page, methods=["GET"]),
            Route("/reports", reports_page, methods=["GET"]),
            Route("/report/{report_id}", report_page, methods=["GET"]),
            Route("/pdf/{report_id}", pdf, methods=["GET"]),
            Route("/api/ask", api_ask, methods=["GET"]),
            Route("/api/report/{report_id}", api_report, methods=["GET"]),
            Route("/api/history/{name}", api_history, methods=["GET"]),
            Route("/api/grades", api_grades, methods=["GET"]),
            Mount("/static", StaticFiles(packages=[("askofsted.web", "static")]), name="static"),
        ],
        exception_handlers={HTTPException: http_error, Exception: server_error},
    )
    app.state.library = Library(index)
    app.state.templates = Jinja2Templates(env=templates())
    app.add_middleware(SecurityHeaders)
    return app


def templates() -> jinja2.Environment:
    """The page templates, every value escaped unless a template says otherwise (none does)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("askofsted.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# ---------------------------------------------------------------- pages


async def ask_page(request: Request) -> Response:
    """The question box; with ?q=, the answer under it."""
    library: Library = request.app.state.library
    try:
        asked = view.AskRequest.from_params(request.query_params)
    except view.RequestError as exc:
        form = await library.run(_form_choices)
        return render(request, "ask.html", {"form": view.AskRequest(), "error": str(exc), **form}, status=400)
    if not asked.question:
        form = await library.run(_form_choices)
        return render(request, "ask.html", {"form": asked, "examples": EXAMPLES, "autofocus": True, **form})
    try:
        record, with_pdf, inspections, form = await library.run(lambda index: _answer(index, asked))
    except AskofstedError as exc:
        form = await library.run(_form_choices)
        return render(request, "ask.html", {"form": asked, "error": str(exc), **form}, status=400)
    answer = view.answer_view(record, has_pdf=with_pdf.__contains__, inspections=inspections)
    return render(request, "ask.html", {"form": asked, "answer": answer, "json_url": asked.url("/api/ask"),
                                        "chips": view.chips(asked, record.get("filters") or {}),
                                        "dropped": view.dropped(asked), **form})


def _answer(index, asked: view.AskRequest) -> tuple[dict, set[str], dict[str, dict], dict]:
    """The answer record, which of its reports have their PDF in the index, the inspections
    heading a timeline's groups (report id -> record), and the form's choices."""
    answer = index.ask(asked.question, **asked.options())
    record = {"understood": answer.understood, **answer.as_dict()}
    by_id = reports_by_id(index)
    cited = {r["citation"]["id"].partition("#")[0] for r in record["results"]}
    cited |= {f.get("report_id") for f in record.get("facts") or ()}
    heads = {g["report_id"] for g in record.get("groups") or () if g.get("report_id") in by_id}
    inspections = {rid: history_row(by_id[rid]).as_dict() for rid in heads}
    return record, {rid for rid in cited if pdf_file(by_id.get(rid))}, inspections, _form_choices(index)


def _form_choices(index) -> dict[str, object]:
    """What the form offers: the index's authorities and report types, and what it holds."""
    reports = index.reports()
    years = sorted(r.facts.year for r in reports if r.facts.year)
    authorities = sorted({r.facts.authority for r in reports if r.facts.authority})
    present = {r.facts.report_type for r in reports}
    return {
        "authorities": authorities,
        "report_types": [(key, label) for key, label in REPORT_TYPES.items() if key in present],
        "result_choices": view.RESULT_CHOICES,
        "holding": f"{len(reports)} reports on {len(authorities)} authorities"
                   + (f", inspected {years[0]}-{years[-1]}" if years else ""),
    }


async def authority_page(request: Request) -> Response:
    """An authority's inspections, oldest first, with every grade cited, what moved, and the chart."""
    found, read_as, with_pdf = await _history(request)
    return render(request, "authority.html",
                  {"authority": authority_view(found, has_pdf=with_pdf.__contains__, read_as=read_as)})


async def _history(request: Request):
    """The `History` of the authority a URL names (any spelling), how a misspelling was read, and
    which of its reports have their PDF; a 404 for a name no authority has or none of whose
    reports the index holds."""
    text = request.path_params["name"]
    try:
        name, read_as = resolve_authority(text)
    except UnknownAuthority:
        close = suggest_authorities(text)
        hint = f" Did you mean {' or '.join(close)}?" if close else " The grades page lists the authorities in this index."
        raise NotFound(f"There is no authority called “{text}”.{hint}",
                       links=[(view.authority_url(c), c) for c in close if view.authority_url(c)]) from None

    def work(index):
        found = index.history(name)
        by_id = reports_by_id(index)
        return found, {row.report_id for row in found.inspections if pdf_file(by_id.get(row.report_id))}

    found, with_pdf = await request.app.state.library.run(work)
    if not found.inspections:
        others = [(url, other) for other in (*found.successors, *found.predecessors) if (url := view.authority_url(other))]
        raise NotFound(" ".join([f"This index holds no reports of {name}.", *(f"{note}." for note in found.notes)]),
                       links=others or [("/grades", "The authorities it holds")])
    return found, read_as, with_pdf


async def grades_page(request: Request) -> Response:
    """Graded inspections as a table: filters, sorting by any column, counts by grade, CSV."""
    library: Library = request.app.state.library
    try:
        asked = GradesRequest.from_params(request.query_params)
    except (view.RequestError, AskofstedError) as exc:
        choices = await library.run(_grades_choices)
        return render(request, "grades.html", {"values": request.query_params, "error": str(exc), **choices},
                      status=400)
    rows, choices = await library.run(lambda index: (index.grades(**asked.filters()), _grades_choices(index)))
    return render(request, "grades.html", {"values": request.query_params, "asked": asked,
                                           "table": grades_view(rows, asked), **choices})


def _grades_choices(index) -> dict[str, object]:
    """What the grades form offers: the index's authorities and report types, judgements, grades, regions."""
    held = _form_choices(index)
    return form_choices(held["authorities"], [key for key, _ in held["report_types"]])


async def grades_download(request: Request) -> Response:
    """`askofsted grades --csv` for the same filters, as a file for a spreadsheet."""
    asked = _grades_request(request)
    rows = await request.app.state.library.run(lambda index: index.grades(**asked.filters()))
    return Response(grades_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="askofsted-grades.csv"'})


def _grades_request(request: Request) -> GradesRequest:
    """The grades filters of a download or an API call; a bad one is a 400."""
    try:
        return GradesRequest.from_params(request.query_params)
    except (view.RequestError, AskofstedError) as exc:
        raise HTTPException(400, str(exc)) from None


async def reports_page(request: Request) -> Response:
    """Every report in the index, each a link to its page."""
    reports = await request.app.state.library.run(lambda index: index.reports())
    rows = [
        {"url": view.report_url(r.report_id), "id": r.report_id, "authority": r.facts.authority or "unknown authority",
         "authority_url": view.authority_url(r.facts.authority),
         "type": type_label(r.facts.report_type), "inspected": date_range(r.facts.inspection_start, r.facts.inspection_end),
         "overall": r.facts.judgements.overall_effectiveness}
        for r in reports
    ]
    return render(request, "reports.html", {"reports": rows})


async def report_page(request: Request) -> Response:
    """A report's facts and grades, then every paragraph, each anchored by its citation."""
    report_id = request.path_params["report_id"]
    stored, rows, has_pdf = await request.app.state.library.run(lambda index: _report(index, report_id))
    return render(request, "report.html", {"report": view.report_view(stored, rows, has_pdf)})


def _report(index, report_id: str):
    try:
        stored, rows = report_paragraphs(index, report_id)
    except UnknownReport:
        raise HTTPException(404, f"There is no report “{report_id}” in this index.") from None
    return stored, rows, pdf_file(stored) is not None


async def pdf(request: Request) -> Response:
    """The PDF a report was read from: only a file the index recorded as a report's source."""
    report_id = request.path_params["report_id"]
    path = await request.app.state.library.run(lambda index: pdf_file(reports_by_id(index).get(report_id)))
    if path is None:
        raise HTTPException(404, f"There is no PDF of a report “{report_id}” in this index.")
    return FileResponse(path, media_type="application/pdf", filename=f"{report_id}.pdf",
                        content_disposition_type="inline")


# ---------------------------------------------------------------- JSON


async def api_ask(request: Request) -> Response:
    """`askofsted ask --json`: the answer record."""
    try:
        asked = view.AskRequest.from_params(request.query_params)
    except view.RequestError as exc:
        return json_error(str(exc), 400)
    if not asked.question:
        return json_error("ask what? add ?q=QUESTION", 400)
    try:
        answer = await request.app.state.library.run(lambda index: index.ask(asked.question, **asked.options()))
    except AskofstedError as exc:
        return json_error(str(exc), 400)
    return json_response(to_json(answer.as_dict()))


async def api_report(request: Request) -> Response:
    """A report's record as `askofsted reports --json` gives it, and its paragraphs as `show --json` does."""
    report_id = request.path_params["report_id"]
    stored, rows, _ = await request.app.state.library.run(lambda index: _report(index, report_id))
    report = Report(stored.source, stored.facts, tuple(p for _, p in rows), stored.content_hash, stored.report_id)
    body = {"report": report_record(report),
            "paragraphs": [{"citation": citation.as_dict(), "text": paragraph.text} for citation, paragraph in rows]}
    return json_response(to_json(body))


async def api_history(request: Request) -> Response:
    """`askofsted history NAME --json`."""
    found, _, _ = await _history(request)
    return json_response(to_json(found.as_dict()))


async def api_grades(request: Request) -> Response:
    """`askofsted grades --json` for the same filters: the filters, the rows and the counts by grade."""
    asked = _grades_request(request)
    rows = await request.app.state.library.run(lambda index: index.grades(**asked.filters()))
    tally = {key: counts(rows, key) for key in HEADLINE_KEYS}
    return json_response(to_json(grades_record(rows, tally, asked.filters())))


def json_response(text: str, status: int = 200) -> Response:
    return Response(text + "\n", status_code=status, media_type="application/json")


def json_error(message: str, status: int) -> Response:
    return json_response(to_json({"error": message}), status)


# ---------------------------------------------------------------- rendering and errors


def render(request: Request, name: str, context: dict, status: int = 200) -> Response:
    nav = [{"url": url, "label": label, "current": request.url.path == url} for url, label in NAVIGATION]
    return request.app.state.templates.TemplateResponse(request, name, {"nav": nav, **context}, status_code=status)


async def http_error(request: Request, exc: HTTPException) -> Response:
    """A missing page, report or PDF, or a method the site does not take, as a page (JSON under /api/)."""
    message = exc.detail if exc.status_code in (400, 404) and exc.detail not in ("Not Found", "Bad Request") else None
    if exc.status_code == 405:
        message = "This site only reads: it takes no changes."
    if request.url.path.startswith("/api/"):
        return json_error(message or exc.detail, exc.status_code)
    title = {400: "Cannot show that", 404: "Not found", 405: "Not allowed"}.get(exc.status_code, exc.detail)
    response = render(request, "error.html", {"title": title, "message": message, "links": getattr(exc, "links", ())},
                      status=exc.status_code)
    if exc.headers:
        response.headers.update(exc.headers)
    return response


async def server_error(request: Request, exc: Exception) -> Response:
    """An error of ours: a short page, and the details in the server's log, never in the page."""
    log.error("error answering %s", request.url.path, exc_info=exc)
    return render(request, "error.html", {"title": "Something went wrong",
                                          "message": "askofsted could not make this page; the server's log says why."},
                  status=500)


class NotFound(HTTPException):
    """A 404 whose page offers links to what was probably meant."""

    def __init__(self, detail: str, links: Iterable[tuple[str, str]] = ()):
        super().__init__(404, detail)
        self.links = list(links)


class SecurityHeaders:
    """ASGI middleware: every response says what it may load (only this site) and how it may be framed.

    PDFs are left without a Content-Security-Policy, which would stop the browser's
    own PDF viewer; they hold no markup of this site.
    """

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in _headers_for(headers.get("content-type", "")):
                    headers.setdefault(key, value)
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _headers_for(content_type: str) -> Iterable[tuple[str, str]]:
    yield from SECURITY_HEADERS.items()
    if not content_type.startswith("application/pdf"):
        yield "Content-Security-Policy", CONTENT_SECURITY_POLICY
