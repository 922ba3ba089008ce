"""A fetch from start to end: list, download what is new, add it to the index.

1. The providers are listed from Ofsted's search pages and chosen by authority;
   each chosen provider's page lists its publications, filtered by kind and
   year; publications whose file ID the folder's record holds are left alone.
2. Each new one is downloaded, checked and renamed into the folder, then
   recorded (see `download` and `record`); one that fails is reported by its URL
   and skipped, and the rest go on.
3. The folder is added to the index in one all-or-nothing change (the index is
   created if there is none). Files fetched by an earlier fetch that was stopped
   before this step are added too.

One fetch at a time per folder: the whole fetch holds a lock in the folder's
scratch folder (`.askofsted-fetch/`), taken with the index's own lock function.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit

from ..config import default_index_path
from ..domain.authorities import canonical_authority, suggest_authorities
from ..errors import AskofstedError, IndexMissing
from ..index.changes import Change, Progress
from ..present import day_text
from .download import PART, Rejected, download, file_name
from .polite import Client, FetchError
from .record import Entry, Record
from .site import KINDS, SITE, Provider, Publication, kind_name, list_providers, parse_provider_page

DEFAULT_DELAY = 1.0
DEFAULT_TIMEOUT = 30.0
SCRATCH = ".askofsted-fetch"  # inside the folder: the lock and unfinished downloads
GIVE_UP_AFTER = 3  # downloads in a row that fail on the network end the downloading


class FetchBusy(AskofstedError):
    """Another fetch is fetching into the same folder."""


@dataclass(frozen=True)
class Fetched:
    path: Path
    url: str
    authority: str
    kind: str
    published: date


@dataclass(frozen=True)
class Skipped:
    url: str
    reason: str


@dataclass
class FetchResult:
    """What a fetch did: what it fetched, skipped (with reasons) and added to the index."""

    into: Path
    index: Path | None
    dry_run: bool = False
    providers: int = 0  # provider pages read
    listed: int = 0  # publications that match the filters
    already: int = 0  # of those, fetched before
    planned: list[Publication] = field(default_factory=list)  # new ones: what a dry run would fetch
    fetched: list[Fetched] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    stopped: str | None = None  # why downloading stopped before the end
    change: Change | None = None  # the index's change, if the index was changed or asked to
    index_error: str | None = None

    @property
    def added(self) -> list[str]:
        """Report ids added to the index."""
        return list(self.change.added) if self.change else []


def fetch(
    authorities: Iterable[str] = (),
    since: int | None = None,
    kinds: Iterable[str] = (),
    into: str | Path | None = None,
    index: str | Path | bool = True,
    site: str = SITE,
    dry_run: bool = False,
    delay: float = DEFAULT_DELAY,
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
    say: Callable[[str], None] | None = None,
    on_wait: Callable[[str], None] | None = None,
    workers: int = 1,
) -> FetchResult:
    """Fetch new children's services reports from Ofsted into a folder and the index.

    authorities: names in any spelling questions accept (default: every council).
    since: only reports published in or after this year. kinds: some of
    "ilacs", "focused-visit", "monitoring-visit", "jtai"; none (or "all") is
    everything a provider page lists. into: the folder (default: `reports/`
    beside the index). index: a path, True for the default index, False for
    none. progress(stage, done, total) is told of 'listing', 'fetching' and the
    index's stages; say(message) of waits the site asks for and of the index step.
    """
    wanted = _wanted_authorities(authorities)
    wanted_kinds = _wanted_kinds(kinds)
    site = _checked_site(site)
    index_root = None if index is False else (default_index_path() if index is True else Path(index).expanduser())
    folder = Path(into).expanduser() if into else (index_root or default_index_path()).parent / "reports"
    result = FetchResult(into=folder, index=index_root, dry_run=dry_run)
    client = Client(delay=delay, timeout=timeout, say=say)
    tell = progress or (lambda stage, done, total: None)

    if dry_run:
        _plan(client, site, wanted, wanted_kinds, since, Record.load(folder), result, tell)
        return result
    folder.mkdir(parents=True, exist_ok=True)
    with fetch_lock(folder) as scratch:
        record = Record.load(folder)
        _plan(client, site, wanted, wanted_kinds, since, record, result, tell)
        _download_all(client, folder, scratch, record, result, tell)
        if index_root is not None:
            _add_to_index(index_root, folder, record, result, progress, say, on_wait, workers)
    return result


def provider_authority(provider: Provider) -> str | None:
    """The canonical authority a provider is. Today read from the name the site shows;
    once the domain data holds each authority's Ofsted URN, looked up by `provider.urn`."""
    return canonical_authority(provider.name)


@contextlib.contextmanager
def fetch_lock(folder: Path) -> Iterator[Path]:
    """Hold the folder's fetch lock; yields the scratch folder, emptied of what a killed
    fetch left. The lock is the index's own writer lock, so hardening it hardens this."""
    from ..index import snapshots

    scratch = folder / SCRATCH
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(snapshots.writer_lock(scratch))
        except snapshots.Busy:
            raise FetchBusy(f"another askofsted fetch is fetching into {folder}; let it finish first") from None
        for path in scratch.iterdir():
            if path.is_file() and not path.is_symlink() and (path.name.endswith(PART) or ".tmp-" in path.name):
                path.unlink()
        yield scratch


# ---------------------------------------------------------------- steps


def _plan(client: Client, site: str, wanted: dict[str, str], kinds: set[str] | None, since: int | None,
          record: Record, result: FetchResult, tell: Progress) -> None:
    """Read the search and provider pages; put what is new in `result.planned`."""
    providers = list_providers(client.text, site)
    chosen = [p for p in providers if not wanted or provider_authority(p) in wanted]
    absent = [given for authority, given in wanted.items() if not any(provider_authority(p) == authority
                                                                        for p in chosen)]
    if absent and not chosen:
        raise AskofstedError(f"Ofsted's search lists no children's services for {' or '.join(absent)}")
    for given in absent:
        result.skipped.append(Skipped(site, f"Ofsted's search lists no children's services for {given}"))
    seen: set[str] = set()
    for number, provider in enumerate(chosen, start=1):
        try:
            page = parse_provider_page(client.text(provider.url), provider)
        except FetchError as exc:
            if exc.status not in (404, 410):
                raise
            result.skipped.append(Skipped(provider.url, f"{provider.name}: the provider page is gone ({exc.reason})"))
            continue
        finally:
            tell("listing", number, len(chosen))
        result.providers += 1
        for url, description in page.unreadable:
            result.skipped.append(Skipped(url, f"{provider.name}: askofsted cannot tell what '{description}' is"))
        for publication in page.publications:
            if publication.file_id in seen:
                continue  # the same file listed twice: one download
            seen.add(publication.file_id)
            if kinds is not None and publication.kind not in kinds:
                continue
            if since is not None and publication.published.year < since:
                continue
            result.listed += 1
            if publication.file_id in record:
                result.already += 1
            else:
                result.planned.append(publication)


def _download_all(client: Client, folder: Path, scratch: Path, record: Record, result: FetchResult,
                  tell: Progress) -> None:
    failures_in_a_row = 0
    total = len(result.planned)
    for number, publication in enumerate(result.planned, start=1):
        authority = provider_authority(publication.provider) or publication.provider.name
        try:
            saved = download(client, publication, file_name(publication, authority), folder, scratch)
        except Rejected as exc:
            result.skipped.append(Skipped(publication.url, f"{_what(publication, authority)}: {exc}"))
            failures_in_a_row = 0
        except FetchError as exc:
            result.skipped.append(Skipped(publication.url, f"{_what(publication, authority)}: {exc.reason}"))
            failures_in_a_row = 0 if exc.status and exc.status < 500 else failures_in_a_row + 1
            if failures_in_a_row >= GIVE_UP_AFTER:
                result.stopped = (f"Ofsted's site failed {failures_in_a_row} downloads in a row; "
                                  f"{total - number} not tried, the next fetch tries them")
                tell("fetching", total, total)
                return
        else:
            failures_in_a_row = 0
            record.add(Entry(publication.file_id, saved.path.name, publication.url, publication.provider.urn,
                             authority, publication.kind, publication.published.isoformat(),
                             datetime.now(timezone.utc).isoformat(timespec="seconds"), saved.sha256), scratch)
            result.fetched.append(Fetched(saved.path, publication.url, authority, publication.kind,
                                          publication.published))
        tell("fetching", number, total)


def _add_to_index(root: Path, folder: Path, record: Record, result: FetchResult, progress, say, on_wait,
                  workers: int) -> None:
    """Add the folder to the index in one change, if it holds fetched files the index lacks."""
    from ..index import build_index, open_index

    folder = folder.resolve()  # the index records the folder as a source to update from
    recorded = [folder / name for name in sorted(record.files()) if (folder / name).is_file()]
    try:
        index = open_index(root)
    except IndexMissing:
        index = None
    except AskofstedError as exc:
        result.index_error = str(exc)
        return
    missing = _not_in_index(index, recorded)
    if not missing:
        if index is not None:
            index.close()
        return
    if say:
        say(f"adding {len(missing)} fetched report{'s' if len(missing) != 1 else ''} to the index at {root}")
    try:
        if index is None:
            index, change = build_index([folder], root, progress, workers, on_wait=on_wait, replace=False)
            if not change.changed and not change.duplicates:  # another process built it meanwhile
                change = index.add([folder], progress, workers, on_wait)
        else:
            change = index.add([folder], progress, workers, on_wait)
    except AskofstedError as exc:
        result.index_error = str(exc)
        return
    finally:
        if index is not None:
            index.close()
    result.change = change
    for error in change.errors:
        result.skipped.append(Skipped(error.source, f"not added to the index: {error.reason}"))


def _not_in_index(index, files: list[Path]) -> list[Path]:
    """The files the index neither holds nor was told to leave out."""
    if index is None:
        return files
    from ..index import store

    known = {source.path for source in store.sources(index.connection)} | set(store.excluded(index.connection))
    return [path for path in files if str(path.resolve()) not in known]


# ---------------------------------------------------------------- options


def _wanted_authorities(names: Iterable[str]) -> dict[str, str]:
    """{canonical name: the spelling given}; an unknown name is an error with suggestions."""
    wanted: dict[str, str] = {}
    for name in names:
        canonical = canonical_authority(name)
        if canonical is None:
            close = suggest_authorities(name)
            hint = f"; did you mean {' or '.join(close)}?" if close else ""
            raise AskofstedError(f"unknown authority {name!r}{hint}")
        wanted.setdefault(canonical, name)
    return wanted


def _wanted_kinds(kinds: Iterable[str]) -> set[str] | None:
    """The kinds asked for, or None for everything listed."""
    chosen = {kind.strip().lower().replace("_", "-") for kind in kinds}
    if not chosen or "all" in chosen:
        return None
    unknown = chosen - set(KINDS)
    if unknown:
        raise AskofstedError(f"unknown kind {sorted(unknown)[0]!r}; choose from {', '.join(KINDS)} or all")
    return chosen


def _checked_site(site: str) -> str:
    parts = urlsplit(site)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise AskofstedError(f"--site must be a web address such as {SITE}, not {site!r}")
    return site.rstrip("/")


def _what(publication: Publication, authority: str) -> str:
    """'Newham focused visit published 1 August 2024'."""
    return f"{authority} {kind_name(publication.kind)} published {day_text(publication.published)}"
