"""The `askofsted` command: a thin click shell over the library.

Each command parses its options, calls the library, and prints. Heavy modules
(the index, ONNX Runtime, FAISS, PDFium) are imported inside the commands that
need them, so `askofsted --help` starts instantly. Errors the user can act on
print as one line and exit non-zero; Ctrl-C leaves any index as it was.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import click

from .errors import AskofstedError

INDEX_OPTION = click.option(
    "--index",
    "index_path",
    type=click.Path(path_type=Path, file_okay=False),
    help="Index folder (default: $ASKOFSTED_INDEX, else the project's index/).",
)
WORKERS = 2  # processes reading PDFs: one per core of the machine this was tuned on

QUIET_OPTION = click.option("--quiet", "-q", is_flag=True, help="No progress bar or progress messages.")


class DefaultGroup(click.Group):
    """A group whose unknown first word is a question: `askofsted "..."` = `askofsted ask "..."`."""

    default_command = "ask"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        """Errors a user can act on become one line on stderr and exit status 1."""
        try:
            return super().invoke(ctx)
        except AskofstedError as exc:
            raise click.ClickException(str(exc)) from None


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="askofsted")
def main() -> None:
    """Find what Ofsted inspectors found: the paragraphs of children's services
    inspection reports that answer a question, each cited.

    \b
      askofsted "how were missing children handled in 2012?"
      askofsted reports corpus/
      askofsted index build ../reports/
      askofsted show kingston-upon-thames-2012#28
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
    if not question and not questions:
        raise click.UsageError("ask what? e.g. askofsted \"how were missing children handled in 2012?\"")
    from .models import REPORT_TYPES

    for key in report_type:
        if key not in REPORT_TYPES:
            raise AskofstedError(f"unknown report type {key!r}; choose from {', '.join(REPORT_TYPES)}")
    index = _open_or_build(index_path, quiet)
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
    if as_json:
        click.echo(to_json(answer.as_dict()))
    else:
        style, width = _terminal()
        click.echo(answer_text(answer, style=style, width=width), nl=False)
    if not answer.results:
        sys.exit(1)


def _read_questions(path: Path):
    """(id or None, question) from a file of plain lines or JSON Lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise AskofstedError(f"{path} is not UTF-8 text") from None
    except OSError as exc:
        raise AskofstedError(f"cannot read {path}: {exc.strerror}") from None
    for number, line in enumerate(lines, start=1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("{"):
            try:
                row = json.loads(line)
                yield row.get("id"), str(row["question"])
            except (json.JSONDecodeError, KeyError, TypeError):
                raise AskofstedError(f"{path}, line {number}: expected a JSON object with a 'question'") from None
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

    Exits 1 when any input gave no report.
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
    if not items or any(isinstance(item, ReadError) for item in items):
        if not items:
            click.echo("no .pdf or .txt reports found", err=True)
        sys.exit(1)


@main.command()
@click.argument("citation")
@click.option("--around", "-n", type=click.IntRange(0, 20), default=1, show_default=True,
              help="Paragraphs to show either side.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@INDEX_OPTION
def show(citation, around, as_json, index_path) -> None:
    """Print the paragraph CITATION (e.g. kingston-upon-thames-2012#28) with its neighbours."""
    from .index import open_index
    from .present import show_text, to_json

    index = open_index(index_path)
    report, rows = index.show(citation, around)
    if as_json:
        click.echo(to_json([{"citation": c.as_dict(), "text": t, "asked": chosen} for c, t, chosen in rows]))
    else:
        style, width = _terminal()
        click.echo(show_text(rows, style=style, width=width), nl=False)


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
    index, change = build_index(sources, index_path, progress=_progress(quiet), workers=WORKERS,
                                on_wait=_waiting(quiet))
    _print_change(change, index.root, quiet)


@index.command("add")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@INDEX_OPTION
@QUIET_OPTION
def index_add(paths, index_path, quiet) -> None:
    """Add reports from files or folders; unchanged files are skipped, changed ones replaced."""
    from .index import open_index

    index = open_index(index_path)
    change = index.add(paths, progress=_progress(quiet), workers=WORKERS, on_wait=_waiting(quiet))
    _print_change(change, index.root, quiet)


@index.command("remove")
@click.argument("reports", nargs=-1, required=True)
@INDEX_OPTION
@QUIET_OPTION
def index_remove(reports, index_path, quiet) -> None:
    """Remove reports by id (e.g. kingston-upon-thames-2012) or source path."""
    from .index import open_index

    index = open_index(index_path)
    change = index.remove(reports, on_wait=_waiting(quiet))
    _print_change(change, index.root, quiet)


@index.command("update")
@INDEX_OPTION
@QUIET_OPTION
def index_update(index_path, quiet) -> None:
    """Bring the index in line with its source folders: new, changed and deleted reports."""
    from .index import open_index

    index = open_index(index_path)
    change = index.update(progress=_progress(quiet), workers=WORKERS, on_wait=_waiting(quiet))
    _print_change(change, index.root, quiet)


@index.command("rebuild")
@INDEX_OPTION
@QUIET_OPTION
def index_rebuild(index_path, quiet) -> None:
    """Re-read and re-embed every report from the index's source folders."""
    from .index import rebuild_index

    index, change = rebuild_index(index_path, progress=_progress(quiet), workers=WORKERS, on_wait=_waiting(quiet))
    _print_change(change, index.root, quiet)


@index.command("info")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--reports", "list_reports", is_flag=True, help="Also list the reports.")
@INDEX_OPTION
def index_info(as_json, list_reports, index_path) -> None:
    """Describe an index: reports, paragraphs, model, size, when built."""
    from .index import open_index
    from .present import index_reports_table, to_json

    index = open_index(index_path)
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
        f"sources:    {', '.join(info.roots) or '-'}"
    )
    if list_reports:
        click.echo("\n" + index_reports_table(index.reports()), nl=False)


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
    index = open_index(index_path)
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


def _say(message: str, quiet: bool) -> None:
    if not quiet:
        click.echo(message, err=True)


def _waiting(quiet: bool):
    """What a writer says while another holds the index's lock."""
    return lambda message: _say(message, quiet)


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


def _print_change(change, root, quiet: bool) -> None:
    for error in change.errors:
        click.echo(f"skipped {error.source}: {error.reason}", err=True)
    for path, report in change.duplicates:
        click.echo(f"{path} is the same report as {report}; kept once", err=True)
    if not quiet:
        parts = [f"{len(change.added)} added", f"{len(change.replaced)} replaced", f"{len(change.removed)} removed",
                 f"{change.unchanged} unchanged"]
        rate = f", {change.paragraphs / change.seconds:.0f} paragraphs/s" if change.paragraphs and change.seconds else ""
        click.echo(f"{root}: {', '.join(parts)} ({change.paragraphs} paragraphs embedded in {change.seconds:.1f} s{rate})",
                   err=True)
        for name in change.added:
            click.echo(f"  + {name}")
        for name in change.replaced:
            click.echo(f"  ~ {name}")
        for name in change.removed:
            click.echo(f"  - {name}")
    if change.errors:
        sys.exit(1)


def run() -> None:
    """Entry point: one-line errors, never a traceback (ASKOFSTED_DEBUG=1 shows one)."""
    try:
        main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("interrupted; nothing was changed", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("\ninterrupted; the index is as it was before", err=True)
        sys.exit(130)
    except BrokenPipeError:
        sys.stderr.close()
        sys.exit(0)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("ASKOFSTED_DEBUG"):
            raise
        click.echo(f"askofsted: unexpected error: {type(exc).__name__}: {exc} (ASKOFSTED_DEBUG=1 shows details)",
                   err=True)
        sys.exit(2)
