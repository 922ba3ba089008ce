"""The `askofsted` command: a thin click shell over the library.

Each command parses its options, calls the library, and prints. Heavy modules
(the index, ONNX Runtime, FAISS, PDFium) are imported inside the commands that
need them, so `askofsted --help` starts instantly. Errors the user can act on
print as one line; Ctrl-C leaves any index as it was, or says the change was
already made. Every command keeps to one set of exit statuses (`EXIT_*`, and the
README's "Exit status").
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import click

from .domain.ofsted import site_kind_names
from .errors import AskofstedError, ChangeInterrupted

EXIT_DONE = 0  # done: answered, listed, changed (or nothing needed changing)
EXIT_NOT_DONE = 1  # not done, and the one-line message says why (bad input, no index, nothing found)
EXIT_USAGE = 2  # the command line itself is wrong (click's own status)
EXIT_SKIPPED = 3  # done, but some files or folders named were skipped: each is named on stderr
EXIT_BUG = 70  # an unexpected error inside askofsted (sysexits' EX_SOFTWARE); please report it
EXIT_INTERRUPTED = 130  # Ctrl-C: nothing changed, unless the message says the change was made

INDEX_OPTION = click.option(
    "--index",
    "index_path",
    type=click.Path(path_type=Path, file_okay=False),
    help="Index folder (default: the one given before the command, else $ASKOFSTED_INDEX, else the project's index/).",
)
WORKERS = 2  # processes reading PDFs: one per core of the machine this was tuned on

QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar or progress messages.")


class DefaultGroup(click.Group):
    """A group whose unknown first word is a question: `askofsted "..."` = `askofsted ask "..."`,
    after the group's own `--index DIR` if given (`askofsted --index DIR show ID` works too)."""

    default_command = "ask"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        position = 0
        while position < len(args) and (args[position] == "--index" or args[position].startswith("--index=")):
            position += 1 if "=" in args[position] else 2
        if position < len(args) and args[position] not in self.commands \
                and args[position] not in ("--help", "-h", "--version"):
            args = [*args[:position], self.default_command, *args[position:]]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """Errors a user can act on become one line on stderr and exit status 1; output cut
        short by its reader (`askofsted ... | head`) is not an error."""
        try:
            return super().invoke(ctx)
        except AskofstedError as exc:
            raise click.ClickException(_one_line(str(exc))) from None
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to flush at exit
            sys.exit(EXIT_DONE)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="askofsted")
@INDEX_OPTION
def main(index_path) -> None:
    """Find what Ofsted inspectors found: the paragraphs of children's services
    inspection reports that answer a question, each cited.

    \b
      askofsted "how were missing children handled in 2012?"
      askofsted reports corpus/
      askofsted index build ../reports/
      askofsted show kingston-upon-thames-2012#28
      askofsted serve
    """


# ---------------------------------------------------------------- ask


@main.command()
@click.argument("question", required=False)
@click.option("--top-k", "-k", "top_k", type=click.IntRange(1, 100), default=5, show_default=True,
              help="How many paragraphs to show.")
@click.option("--authority", "-a", multiple=True, help="Only this authority (any common spelling); repeatable.")
@click.option("--year", "-y", type=int, multiple=True, help="Only inspections that took place in this year.")
@click.option("--since", type=int, help="Only inspections in or after this year.")
@click.option("--until", type=int, help="Only inspections in or before this year.")
@click.option("--type", "report_type", multiple=True,
              help="Only this report type: ilacs, focused_visit, monitoring_visit, jtai, sif, ...")
@click.option("--latest", is_flag=True, help="Only each authority's latest inspection.")
@click.option("--literal", is_flag=True, help="Do not read filters from the question's words.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--questions", type=click.Path(path_type=Path, dir_okay=False),
              help="Answer every question in FILE (one a line, or JSON Lines with 'question' and 'id'); "
                   "prints one JSON object a line.")
@INDEX_OPTION
@QUIET_OPTION
def ask(question, top_k, authority, year, since, until, report_type, latest, literal, as_json, questions,
        index_path, quiet) -> None:
    """Answer QUESTION with the paragraphs that answer it, each cited."""
    if (not question or not question.strip()) and not questions:
        raise click.UsageError("ask what? e.g. askofsted \"how were missing children handled in 2012?\"")
    from .models import REPORT_TYPES

    for key in report_type:
        if key not in REPORT_TYPES:
            raise AskofstedError(f"unknown report type {key!r}; choose from {', '.join(REPORT_TYPES)}")
    index = _open_or_build(_chosen(index_path), quiet)
    options = dict(k=top_k, authority=list(authority), year=list(year), since=since, until=until,
                   type=list(report_type), latest=latest, understand_question=not literal)
    from .present import answer_text, to_json

    if questions:
        for ident, text in _read_questions(questions):
            answer = index.ask(text, **options)
            record = answer.as_dict()
            if ident is not None:
                record = {"id": ident, **record}
            click.echo(to_json(record, lines=True))
        return
    answer = index.ask(question, **options)
    _print(answer, as_json, answer_text, found=bool(answer.results))


def _read_questions(path: Path):
    """(id or None, question) from a file of plain lines or JSON Lines; blank lines and
    lines starting with '#' are skipped."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise AskofstedError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise AskofstedError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("{"):
            try:
                row = json.loads(line)
                question = row["question"]
            except (json.JSONDecodeError, KeyError, TypeError):
                raise AskofstedError(f"{path}, line {number}: expected a JSON object with a 'question'") from None
            if not isinstance(question, str) or not question.strip():
                raise AskofstedError(f"{path}, line {number}: 'question' must be a question in words")
            yield row.get("id"), question
        else:
            yield None, line


def _open_or_build(index_path: Path | None, quiet: bool):
    """Open the index; with no --index and no index yet, build it from the bundled corpus first."""
    from .config import default_corpus_path, default_index_path
    from .errors import IndexMissing
    from .index import build_index, open_index

    path = index_path or default_index_path()
    try:
        return open_index(path)
    except IndexMissing:
        corpus = default_corpus_path()
        if index_path is not None or not corpus.is_dir():
            raise
    _say(f"No index yet: building one from the bundled corpus ({corpus}) into {path}; this happens once.", quiet)
    index, change = build_index([corpus], path, progress=_progress(quiet), workers=WORKERS,
                                on_wait=_waiting(quiet), replace=False)
    if change.changed:
        _say(f"Indexed {len(change.added)} reports ({change.paragraphs} paragraphs) in {change.seconds:.0f} s.\n", quiet)
    else:
        _say("Another askofsted built it meanwhile.\n", quiet)
    return index


# ---------------------------------------------------------------- reports and show


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print a JSON array.")
def reports(paths, as_json) -> None:
    """Read report files or folders (default: the bundled corpus) and list each report's facts.

    Exits 3 when some input gave no report (each is listed with why), 1 when none did.
    """
    from .config import default_corpus_path
    from .models import ReadError
    from .present import report_record, reports_table, to_json
    from .reading import read_reports

    items = list(read_reports(paths or [default_corpus_path()], workers=WORKERS))
    if as_json:
        click.echo(to_json([report_record(item) for item in items]))
    else:
        click.echo(reports_table(items), nl=False)
    failed = sum(isinstance(item, ReadError) for item in items)
    if not items:
        click.echo("no .pdf or .txt reports found", err=True)
    if failed == len(items):
        sys.exit(EXIT_NOT_DONE)
    if failed:
        sys.exit(EXIT_SKIPPED)


@main.command()
@click.argument("citation")
@click.option("--around", "-n", type=click.IntRange(0, 20), default=1, show_default=True,
              help="Paragraphs to show either side.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@INDEX_OPTION
def show(citation, around, as_json, index_path) -> None:
    """Print the paragraph CITATION (e.g. kingston-upon-thames-2012#28) with its neighbours;
    a report id alone (kingston-upon-thames-2012) prints the report's start and how its
    paragraphs are numbered."""
    from .index import open_index
    from .present import printable, show_text, to_json

    snapshot = open_index(_chosen(index_path)).snapshot()
    report, rows = snapshot.show(citation, around)
    if as_json:
        click.echo(to_json([{"citation": c.as_dict(), "text": t, "asked": chosen} for c, t, chosen in rows]))
        return
    style, width = _terminal()
    if "#" not in citation:
        rows = [(c, t, i == 0) for i, (c, t, _) in enumerate(rows)]
    click.echo(show_text(rows, style=style, width=width), nl=False)
    if "#" not in citation:
        count, first, last = snapshot.paragraph_count(report)
        name = printable(report.report_id)
        click.echo(f"\n{name}: {count} paragraphs, #{first} to #{last}; show one with: askofsted show {name}#{first}")


# ---------------------------------------------------------------- serve


@main.command()
@INDEX_OPTION
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to serve on; the default is reachable from this machine only.")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port to serve on (0: any free port).")
@click.option("--open", "open_browser", is_flag=True, help="Open the page in the web browser.")
@QUIET_OPTION
def serve(index_path, host, port, open_browser, quiet) -> None:
    """Serve the index as a web page (ask, read reports, cite) until Ctrl-C."""
    from .web.server import serve as serve_page

    index = _open_or_build(_chosen(index_path), quiet)
    try:
        serve_page(index, host, port, open_browser, say=click.echo)
    finally:
        index.close()


# ---------------------------------------------------------------- history and grades


@main.command("history")
@click.argument("authority")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@INDEX_OPTION
@QUIET_OPTION
def history_command(authority, as_json, index_path, quiet) -> None:
    """Every report of AUTHORITY in the index, oldest first, with each judgement it states
    and what went up or down between graded inspections."""
    from .present import history_text

    name = _authority(authority, quiet)  # an unknown name stops here, before any index is built
    index = _open_or_build(_chosen(index_path), quiet)
    found = index.history(name)
    _print(found, as_json, history_text, found=bool(found.inspections))


@main.command("grades")
@click.option("--latest", is_flag=True, help="Only each authority's latest graded inspection.")
@click.option("--as-at", "as_at", metavar="DATE",
              help="Count only reports published by DATE (YYYY-MM-DD); with --latest, the latest as at DATE.")
@click.option("--count-from", "count_from", type=click.Choice(["publication", "inspection"]), default="publication",
              show_default=True,
              help="Which day an inspection counts from for --as-at: its report's publication (estimated where the "
                   "report prints none), or its last day (as Ofsted's official statistics count).")
@click.option("--year", "-y", type=int, help="Only inspections that took place in this year.")
@click.option("--since", type=int, help="Only inspections in or after this year.")
@click.option("--until", type=int, help="Only inspections in or before this year.")
@click.option("--judgement", "-j", metavar="NAME",
              help="Only inspections grading this judgement (overall, leaders, help and protection, children in care, "
                   "care leavers, adoption, LSCB, ...); --grade applies to it.")
@click.option("--grade", "-g", multiple=True, metavar="G",
              help="Only this grade (outstanding, good, RI, inadequate, adequate) of the judgement "
                   "(default: overall effectiveness); repeatable.")
@click.option("--authority", "-a", multiple=True, help="Only this authority (any common spelling); repeatable.")
@click.option("--region", "-r", help="Only authorities in this Ofsted region (e.g. 'North West', London).")
@click.option("--type", "report_type", multiple=True, help="Only this report type (ilacs, sif, ...); repeatable.")
@click.option("--csv", "as_csv", is_flag=True, help="Print CSV with a header row, for a spreadsheet.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@INDEX_OPTION
@QUIET_OPTION
def grades_command(latest, as_at, count_from, year, since, until, judgement, grade, authority, region, report_type,
                   as_csv, as_json, index_path, quiet) -> None:
    """Graded inspections, one row each (one per authority with --latest), with every
    headline judgement and counts by grade."""
    from .domain.judgements import HEADLINE_KEYS
    from .history import counts, grade_key, judgement_key, region_name, resolve_authority
    from .models import REPORT_TYPES
    from .present import grades_csv, grades_record, grades_table, to_json

    if as_csv and as_json:
        raise AskofstedError("choose one of --csv and --json")
    if year is not None and (since is not None or until is not None):
        raise AskofstedError("give --year, or --since and --until, not both")
    for key in report_type:
        if key not in REPORT_TYPES:
            raise AskofstedError(f"unknown report type {key!r}; choose from {', '.join(REPORT_TYPES)}")
    filters = dict(
        latest=latest,
        as_at=_day(as_at, "--as-at") if as_at else None,
        count_from=count_from,
        year=year,
        since=since,
        until=until,
        judgement=judgement_key(judgement) if judgement else None,
        grade=tuple(dict.fromkeys(grade_key(g) for g in grade)),
        authorities=tuple(_authority(a, quiet) for a in authority),
        region=region_name(region) if region else None,
        types=tuple(report_type) or None,
    )
    index = _open_or_build(_chosen(index_path), quiet)
    rows = index.grades(**filters)
    tally = {key: counts(rows, key) for key in HEADLINE_KEYS}
    if as_csv:
        click.echo(grades_csv(rows), nl=False)
    elif as_json:
        click.echo(to_json(grades_record(rows, tally, filters)))
    else:
        click.echo(grades_table(rows, tally, width=_terminal()[1]), nl=False)
    if not rows:
        sys.exit(EXIT_NOT_DONE)


def _authority(text: str, quiet: bool) -> str:
    """The canonical name for an authority given on purpose; a corrected spelling is said on stderr."""
    from .history import resolve_authority

    name, note = resolve_authority(text)
    if note:
        _say(note, quiet)
    return name


def _day(text: str, option: str):
    from datetime import date

    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise AskofstedError(f"{option} wants a date like 2024-03-31, not {text!r}") from None


# ---------------------------------------------------------------- index


@main.group()
def index() -> None:
    """Build, change and describe an index."""


@index.command("build")
@click.argument("sources", nargs=-1, type=click.Path(path_type=Path))
@INDEX_OPTION
@QUIET_OPTION
def index_build(sources, index_path, quiet) -> None:
    """Build an index from report files and folders (default: the bundled corpus).

    An existing index is replaced only once the new one is complete.
    """
    from .config import default_corpus_path
    from .index import build_index

    sources = list(sources) or [default_corpus_path()]
    index, change = build_index(sources, _chosen(index_path), progress=_progress(quiet), workers=WORKERS,
                                on_wait=_waiting(quiet))
    _finish(change, index.root, quiet)


@index.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@INDEX_OPTION
@QUIET_OPTION
def index_add(paths, index_path, quiet) -> None:
    """Add reports from files or folders; unchanged files are skipped, changed ones replaced."""
    from .index import open_index

    index = open_index(_chosen(index_path), load=False)  # the change checks the index itself
    change = index.add(paths, progress=_progress(quiet), workers=WORKERS, on_wait=_waiting(quiet))
    _finish(change, index.root, quiet)


@index.command("remove")
@click.argument("reports", nargs=-1, required=True)
@INDEX_OPTION
@QUIET_OPTION
def index_remove(reports, index_path, quiet) -> None:
    """Remove reports by id (e.g. kingston-upon-thames-2012) or source path."""
    from .index import open_index

    index = open_index(_chosen(index_path), load=False)
    change = index.remove(reports, on_wait=_waiting(quiet))
    _finish(change, index.root, quiet)


@index.command("update")
@INDEX_OPTION
@QUIET_OPTION
def index_update(index_path, quiet) -> None:
    """Bring the index in line with its source folders: new, changed and deleted reports."""
    from .index import open_index

    index = open_index(_chosen(index_path), load=False)
    change = index.update(progress=_progress(quiet), workers=WORKERS, on_wait=_waiting(quiet))
    _finish(change, index.root, quiet)


@index.command("rebuild")
@INDEX_OPTION
@QUIET_OPTION
def index_rebuild(index_path, quiet) -> None:
    """Re-read and re-embed every report from the index's source folders; a report whose
    file is missing or unreadable is kept (and named)."""
    from .index import rebuild_index

    index, change = rebuild_index(_chosen(index_path), progress=_progress(quiet), workers=WORKERS,
                                  on_wait=_waiting(quiet))
    _finish(change, index.root, quiet)


@index.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--reports", "list_reports", is_flag=True, help="Also list the reports.")
@click.option("--check", is_flag=True, help="Also check every part against its recorded SHA-256 (reads it all).")
@INDEX_OPTION
def index_info(as_json, list_reports, check, index_path) -> None:
    """Describe an index: reports, paragraphs, model, size, when built."""
    from .index import open_index
    from .present import index_reports_table, printable, to_json

    index = open_index(_chosen(index_path)).snapshot()
    if check:
        index.check()
    info = index.info()
    if as_json:
        record = info.as_dict()
        if list_reports:
            record["report_ids"] = [r.report_id for r in index.reports()]
        click.echo(to_json(record))
        return
    click.echo(
        f"index:      {info.path}\n"
        f"reports:    {info.reports} ({info.paragraphs} paragraphs, {info.windows} embedded windows)\n"
        f"model:      {info.model}\n"
        f"size:       {info.size_bytes / 1e6:.1f} MB\n"
        f"created:    {info.created}\n"
        f"updated:    {info.updated}\n"
        f"sources:    {printable(', '.join(info.roots)) or '-'}"
        + ("\ncheck:      every part matches its recorded SHA-256; the store passes SQLite's integrity check"
           if check else "")
    )
    if list_reports:
        click.echo("\n" + index_reports_table(index.reports()), nl=False)


# ---------------------------------------------------------------- fetch

# What `fetch` exits with. The project-wide meaning of exit statuses is being
# settled (issue 11); each has one name here so aligning them is a one-line change.
# fetch keeps to the same statuses: 0 everything new fetched (or nothing was new); 1 nothing could be
# done (bad options, the site unreachable or changed, the index failed); 3 done, some reports skipped.


@main.command("fetch")
@click.option("--authority", "-a", multiple=True,
              help="Only this authority (any common spelling); repeatable. Default: every council.")
@click.option("--since", type=int, help="Only reports published in or after this year.")
@click.option("--kind", "kinds", multiple=True, type=click.Choice([*site_kind_names(), "all"]),
              help="Only this kind of report; repeatable. Default: all that Ofsted lists.")
@click.option("--into", type=click.Path(path_type=Path, file_okay=False),
              help="Folder for the reports (default: reports/ beside the index).")
@INDEX_OPTION
@click.option("--no-index", is_flag=True, help="Only download; leave every index alone.")
@click.option("--site", default=None, metavar="URL",
              help="Ofsted's report site, or a mirror of it (default: https://reports.ofsted.gov.uk).")
@click.option("--dry-run", is_flag=True, help="List what would be fetched; download nothing.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True, metavar="SECONDS",
              help="Pause between requests to the site.")
@click.option("--timeout", type=click.FloatRange(min=0.01), default=30.0, show_default=True, metavar="SECONDS",
              help="How long to wait for the site to answer a request.")
@QUIET_OPTION
def fetch_command(authority, since, kinds, into, index_path, no_index, site, dry_run, delay, timeout, quiet) -> None:
    """Fetch new children's services reports from Ofsted into a folder and the index.

    Reads Ofsted's search and provider pages one request at a time, downloads
    each report not fetched before, keeps it only once it reads as a whole
    report, and adds the new ones to the index in one change. Exit status: 0
    done, 1 nothing could be done, 3 done but some reports skipped.
    """
    from .fetching import fetch
    from .fetching.site import SITE

    if no_index and _chosen(index_path):
        raise click.UsageError("--index and --no-index contradict each other; give one")
    try:
        result = fetch(authorities=authority, since=since, kinds=kinds, into=into,
                       index=False if no_index else (_chosen(index_path) or True), site=site or SITE, dry_run=dry_run,
                       delay=delay, timeout=timeout, progress=_progress(quiet), say=_waiting(quiet),
                       on_wait=_waiting(quiet), workers=WORKERS)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: the reports fetched so far are kept, each complete; the index is as it was "
                   "or fully updated; fetch again to finish", err=True)
        sys.exit(EXIT_INTERRUPTED)
    sys.exit(_print_fetch(result, quiet))


def _print_fetch(result, quiet: bool) -> int:
    """Print what a fetch did (new files on stdout, the rest on stderr); its exit status."""
    from .fetching.site import kind_name
    from .present import day_text

    for item in result.planned if result.dry_run else ():
        authority = _provider_name(item.provider)
        click.echo(f"would fetch  {authority}, {kind_name(item.kind)}, published {day_text(item.published)}  {item.url}")
    for item in result.fetched:
        click.echo(f"+ {item.path}")
    for skipped in result.skipped:
        click.echo(f"skipped {skipped.url}: {skipped.reason}", err=True)
    if result.stopped:
        click.echo(f"stopped: {result.stopped}", err=True)
    if result.change is not None:
        for path, report in result.change.duplicates:
            click.echo(f"{path} is the same report as {report}; indexed once", err=True)
    if result.index_error:
        click.echo(f"askofsted: the index was not changed: {result.index_error}", err=True)
    if not quiet:
        click.echo(_fetch_summary(result), err=True)
    if result.index_error or (result.stopped and not result.fetched):
        return EXIT_NOT_DONE
    if result.skipped or result.stopped:
        return EXIT_SKIPPED
    return EXIT_DONE


def _fetch_summary(result) -> str:
    def reports(n: int) -> str:
        return f"{n} report{'' if n == 1 else 's'}"

    before = f" ({result.already} fetched before)" if result.already else ""
    skipped = f"; {len(result.skipped)} skipped" if result.skipped else ""
    listed = f"{reports(result.listed)} listed on {result.providers} provider page{'' if result.providers == 1 else 's'}"
    if result.dry_run:
        return f"{listed}; would fetch {reports(len(result.planned))} into {result.into}{before}{skipped}; nothing downloaded"
    line = f"{listed}; fetched {reports(len(result.fetched))} into {result.into}{before}{skipped}"
    if result.index is None:
        return line + "; no index changed"
    if result.index_error:
        return line
    if result.change is None:
        return line + f"; index {result.index} unchanged"
    return line + f"; index {result.index}: {len(result.change.added)} added"


def _provider_name(provider) -> str:
    from .fetching.run import provider_authority

    return provider_authority(provider) or provider.name


# ---------------------------------------------------------------- eval


@main.command("eval")
@click.argument("questions", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--cutoff", type=click.IntRange(1, 100), default=10, show_default=True,
              help="Results asked for per question.")
@click.option("--half", type=click.Choice(["odd", "even"]),
              help="Only the questions whose id's number is odd or even (tune on one, check on the other).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--misses", is_flag=True, help="List the questions whose answer falls short, and why.")
@INDEX_OPTION
def eval_command(questions, cutoff, half, as_json, misses, index_path) -> None:
    """Score answers on a development question set, each kind by what it asks of an
    answer: gold quotes (hit@1, hit@5, MRR@10, recall@10), grade stated, inspections
    covered, authority recall and precision, the weak flag."""
    from . import evaluate
    from .index import open_index

    qs = evaluate.load_questions(questions)
    if half:
        qs = evaluate.half(qs, half)
    index = open_index(_chosen(index_path))
    scored = evaluate.evaluate(qs, evaluate.asking(index, k=cutoff), cutoff)
    results = evaluate.report(scored)
    if as_json:
        click.echo(json.dumps(results, indent=2))
    else:
        click.echo(evaluate.table(results), nl=False)
    if misses:
        for s in scored:
            why = evaluate.misses(s)
            if why:
                click.echo(f"miss {s.question.id} ({s.question.row}: {'; '.join(why)}): {s.question.question}", err=True)


# ---------------------------------------------------------------- helpers


def _chosen(index_path: Path | None) -> Path | None:
    """A command's --index, else the one given before the command (`askofsted --index DIR ...`)."""
    return index_path or click.get_current_context().find_root().params.get("index_path")


def _one_line(message: str) -> str:
    from .present import printable

    return printable(" ".join(message.split()))


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        click.echo(message, err=True)


def _waiting(quiet: bool):
    """What a writer says while another holds the index's lock."""
    return lambda message: _say(message, quiet)


def _print(result, as_json: bool, as_text, found: bool) -> None:
    """A result as JSON or as text for the terminal; exit EXIT_NOT_DONE when it found nothing."""
    from .present import to_json

    if as_json:
        click.echo(to_json(result.as_dict()))
    else:
        style, width = _terminal()
        click.echo(as_text(result, style=style, width=width), nl=False)
    if not found:
        sys.exit(EXIT_NOT_DONE)


def _terminal() -> tuple[bool, int | None]:
    """(colour, width) for output to a terminal; plain and unwrapped when piped or NO_COLOR is set."""
    if not sys.stdout.isatty():
        return False, None
    return "NO_COLOR" not in os.environ, shutil.get_terminal_size((100, 24)).columns


def _progress(quiet: bool):
    """A progress callback drawing a bar on a terminal; nothing when piped or quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    bars: dict[str, object] = {}

    def update(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            if total <= 0:
                return
            bar = click.progressbar(length=total, label=f"{stage:9s}", file=sys.stderr, show_pos=True,
                                    show_eta=True, width=30)
            bar.__enter__()
            bars[stage] = bar
        bar.update(done - bar.pos)
        if done >= total:
            bar.__exit__(None, None, None)

    return update


def _finish(change, root, quiet: bool) -> None:
    """Say what a write did, then exit: 3 if files were skipped, 1 if that left nothing
    done, else 0. The change is published already: Ctrl-C here must not deny it."""
    try:
        _print_change(change, root, quiet)
    except KeyboardInterrupt:
        raise ChangeInterrupted(change) from None
    if change.skipped:
        done = change.changed or change.unchanged or change.duplicates or change.kept
        sys.exit(EXIT_SKIPPED if done else EXIT_NOT_DONE)


def _print_change(change, root, quiet: bool) -> None:
    from .present import printable

    for error in change.errors:
        click.echo(_one_line(f"skipped {error.source}: {error.reason}"), err=True)
    for path, report in change.duplicates:
        click.echo(printable(f"{path} is the same report as {report}; kept once"), err=True)
    for report, why in change.kept:
        click.echo(_one_line(f"kept {report} as it was: {why} (remove it with: askofsted index remove --index "
                             f"{root} {report})"), err=True)
    if not quiet:
        parts = [f"{len(change.added)} added", f"{len(change.replaced)} replaced", f"{len(change.removed)} removed",
                 f"{change.unchanged} unchanged"] + ([f"{len(change.kept)} kept"] if change.kept else [])
        rate = f", {change.paragraphs / change.seconds:.0f} paragraphs/s" if change.paragraphs and change.seconds else ""
        click.echo(printable(f"{root}: {', '.join(parts)} ({change.paragraphs} paragraphs embedded in "
                             f"{change.seconds:.1f} s{rate})"), err=True)
        for name in change.added:
            click.echo(f"  + {printable(name)}")
        for name in change.replaced:
            click.echo(f"  ~ {printable(name)}")
        for name in change.removed:
            click.echo(f"  - {printable(name)}")


def run() -> None:
    """Entry point: one-line errors, never a traceback (ASKOFSTED_DEBUG=1 shows one)."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort as exc:  # click's form of Ctrl-C
        _interrupted(exc.__cause__)
    except KeyboardInterrupt as exc:
        _interrupted(exc)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(EXIT_DONE)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("ASKOFSTED_DEBUG"):
            raise
        click.echo(_one_line(f"askofsted: unexpected error: {type(exc).__name__}: {exc} "
                             f"(ASKOFSTED_DEBUG=1 shows details)"), err=True)
        sys.exit(EXIT_BUG)


def _interrupted(exc: BaseException | None) -> None:
    if isinstance(exc, ChangeInterrupted):
        change = exc.change
        done = ", ".join(f"{len(names)} {word}" for names, word in
                         ((change.added, "added"), (change.replaced, "replaced"), (change.removed, "removed")) if names)
        click.echo(f"interrupted after the change was published: the index has it ({done or 'no reports changed'})",
                   err=True)
    else:
        click.echo("interrupted; nothing was changed", err=True)
    sys.exit(EXIT_INTERRUPTED)
