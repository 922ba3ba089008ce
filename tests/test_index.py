"""Keeping the index current: additions, removals, updates, and nothing lost on the way."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from askofsted.index import snapshots, store
from askofsted.cli import main
from askofsted.errors import IndexMissing, IndexOutdated, NothingToIndex, UnknownReport
from askofsted.index import build_index, open_index

LETTER = "kensington-and-chelsea_2022-06_focused-visit.txt"


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def report_ids(path: Path) -> list[str]:
    with open_index(path) as index:
        return sorted(r.report_id for r in index.reports())


def snapshot_files(path: Path) -> dict[str, float]:
    """Every file of an index with its modification time: 'unchanged' means this is equal."""
    return {str(p.relative_to(path)): p.stat().st_mtime_ns for p in path.rglob("*") if p.is_file() and p.name != ".lock"}


# ---------------------------------------------------------------- changes


def test_add_one_report_is_answerable_at_once(index_copy, corpus_dir, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    text = (corpus_dir / LETTER).read_text()
    (folder / "renamed-letter.txt").write_text(text.replace("return home interviews", "return-home talks"))
    index = open_index(index_copy)
    change = index.add([folder])
    # The same facts as the seed letter, other words: the id takes the start of its content hash.
    [added] = change.added
    assert re.fullmatch(r"kensington-and-chelsea-2022-06-15-focused-visit-[0-9a-f]{6}", added)
    assert change.paragraphs > 10
    top = index.search("return-home talks", k=1, authority="Kensington and Chelsea")[0]
    assert top.citation.id.startswith(added + "#")
    # Adding the same folder again reads and embeds nothing.
    again = index.add([folder])
    assert not again.changed and again.unchanged == 1


def test_the_same_report_under_another_name_is_kept_once(index_copy, corpus_dir, tmp_path):
    copy = tmp_path / "same-report-other-name.txt"
    shutil.copyfile(corpus_dir / LETTER, copy)
    index = open_index(index_copy)
    before = report_ids(index_copy)
    change = index.add([copy])
    assert change.added == [] and change.duplicates == [(str(copy.resolve()), "kensington-and-chelsea-2022-06-15-focused-visit")]
    assert report_ids(index_copy) == before


def test_a_changed_report_replaces_its_old_paragraphs(tmp_path, corpus_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    letter = folder / "letter.txt"
    shutil.copyfile(corpus_dir / LETTER, letter)
    index, _ = build_index([folder], tmp_path / "index")
    old = "Carefully crafted safety plans"
    assert old in (corpus_dir / LETTER).read_text()
    letter.write_text(letter.read_text().replace(old, "Brightsparks safety plans"))
    change = index.update()
    assert change.replaced == ["kensington-and-chelsea-2022-06-15-focused-visit"]
    assert not change.added and not change.removed
    assert "Brightsparks" in index.search("Brightsparks safety plans", k=1)[0].text
    texts = [r.text for r in index.search("carefully crafted safety plans", k=50)]
    assert not any(old in t for t in texts)
    assert index.info().reports == 1


def test_remove_and_update_bring_the_index_in_line(index_copy, corpus_dir, tmp_path):
    index = open_index(index_copy)
    change = index.remove(["kingston-upon-thames-2010-contact-referral-assessment"])
    assert change.removed == ["kingston-upon-thames-2010-contact-referral-assessment"]
    assert all(r.citation.id.split("#")[0] != "kingston-upon-thames-2010-contact-referral-assessment"
               for r in index.search("out of hours emergency duty team telephone", k=10))
    # The file is still in the source folder, but a removal is remembered by update.
    assert not index.update().changed
    with pytest.raises(UnknownReport):
        index.remove(["no-such-report-2001"])


def test_update_drops_deleted_files(tmp_path, corpus_dir):
    folder = tmp_path / "reports"
    shutil.copytree(corpus_dir, folder)
    index, _ = build_index([folder], tmp_path / "index")
    (folder / LETTER).unlink()
    change = index.update()
    assert change.removed == ["kensington-and-chelsea-2022-06-15-focused-visit"]
    assert "Kensington and Chelsea" not in {r.facts.authority for r in index.reports()}


def test_info(seed_index):
    info = seed_index.info()
    assert info.reports == 5 and info.paragraphs > 300 and info.windows >= info.paragraphs
    assert info.model.startswith("all-MiniLM-L6-v2")
    code, out, _ = cli("index", "info", "--index", str(seed_index.root))
    assert code == 0 and "5 (" in out and "all-MiniLM-L6-v2" in out


# ---------------------------------------------------------------- safety


def _build_command(index: Path, source: Path) -> list[str]:
    return [sys.executable, "-m", "askofsted", "index", "build", "--index", str(index), str(source)]


def _wait_for(condition, what: str, process: subprocess.Popen, timeout: float = 120) -> None:
    """Poll until `condition()` holds: the event the test waits on is a file appearing."""
    deadline = time.monotonic() + timeout
    while not condition():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            _, err = process.communicate()
            raise AssertionError(f"{what} never happened: {process.returncode} {err[-2000:]}")
        time.sleep(0.01)


def _staging(index: Path, name: str = "") -> bool:
    return any(".tmp-" in p.name and (not name or (p / name).exists()) for p in index.iterdir())


@pytest.mark.slow
@pytest.mark.parametrize("moment", ["started", "embedding"])
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_a_build_killed_halfway_leaves_the_previous_index_answering(index_copy, corpus_dir, tmp_path, sig, moment):
    before = snapshot_files(index_copy)
    answer = open_index(index_copy).search("What is the MARVE panel?", k=1)[0].citation.id
    big = tmp_path / "many"
    big.mkdir()
    for n in range(12):  # enough work that the build is still running when the signal comes
        text = (corpus_dir / "kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt").read_text()
        (big / f"copy-{n}.txt").write_text(text.replace("Kingston", f"Kingston {n} ", 1) + f"\nCopy {n}.\n")
    process = subprocess.Popen(_build_command(index_copy, big), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True)
    # 'started': the staging folder exists; 'embedding': its store has an open write
    # transaction (SQLite's journal), which lasts from the first report stored to publication.
    _wait_for(lambda: _staging(index_copy, "askofsted.sqlite-journal" if moment == "embedding" else ""),
              f"the build's {moment} moment", process)
    process.send_signal(sig)
    _, err = process.communicate(timeout=60)
    assert process.returncode != 0
    if sig == signal.SIGINT:
        assert process.returncode == 130 and "interrupted; nothing was changed" in err and "Traceback" not in err
    with open_index(index_copy) as index:
        assert index.search("What is the MARVE panel?", k=1)[0].citation.id == answer
        assert index.info().reports == 5
    after = {k: v for k, v in snapshot_files(index_copy).items() if ".tmp-" not in k}
    assert after == before
    # The next writer clears what the killed one left behind.
    open_index(index_copy).remove(["kingston-upon-thames-2010-contact-referral-assessment"])
    assert not any(".tmp-" in p.name for p in index_copy.iterdir())


def test_questions_during_an_update_get_the_old_or_the_new_answer(index_copy, corpus_dir, tmp_path):
    folder = tmp_path / "new"
    folder.mkdir()
    text = (corpus_dir / "kingston-upon-thames_2019-03_focused-visit.txt").read_text()
    (folder / "variant.txt").write_text(text.replace("MARVE", "MARVEL"))
    errors: list[BaseException] = []
    answers: list[str] = []
    answered = threading.Condition()
    stop = threading.Event()

    def ask_repeatedly():
        while not stop.is_set():
            try:
                with open_index(index_copy) as index:
                    top = index.search("What is the MARVE panel?", k=1)[0].citation.id.split("#")[0]
            except BaseException as exc:  # noqa: BLE001 - any error is the failure we look for
                errors.append(exc)
                top = "error"
            with answered:
                answers.append(top)
                answered.notify_all()

    asker = threading.Thread(target=ask_repeatedly)
    asker.start()
    try:
        with answered:  # the writer starts once questions are being answered...
            assert answered.wait_for(lambda: answers, timeout=120)
        change = open_index(index_copy).add([folder])
        with answered:  # ...and stops once one has been answered from what it published
            seen = len(answers)
            assert answered.wait_for(lambda: len(answers) > seen, timeout=120)
    finally:
        stop.set()
        asker.join()
    assert not errors
    [variant] = change.added
    assert set(answers) <= {"kingston-upon-thames-2019-03-19-focused-visit", variant}


def test_a_second_writer_waits_for_the_first(index_copy, corpus_dir, tmp_path):
    copy = tmp_path / "letter.txt"
    shutil.copyfile(corpus_dir / LETTER, copy)
    with snapshots.writer_lock(index_copy):
        process = subprocess.Popen(
            [sys.executable, "-m", "askofsted", "index", "remove", "--index", str(index_copy),
             "kingston-upon-thames-2010-contact-referral-assessment"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        said = process.stderr.readline()  # the second writer says it waits, and then waits
        assert "waiting for another askofsted process (pid " in said, said
        assert process.poll() is None, "the second writer did not wait"
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "kingston-upon-thames-2010-contact-referral-assessment" not in report_ids(index_copy)


# ---------------------------------------------------------------- bad input


@pytest.fixture
def bad_files(tmp_path, corpus_dir):
    folder = tmp_path / "bad"
    folder.mkdir()
    files = {
        "empty.txt": b"",
        "junk.pdf": os.urandom(4096),
        "corrupt.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer <<>>\n%%EOF garbage" + os.urandom(512),
        "latin1.txt": "Inspection of services in Southwark \xe9t\xe9 caf\xe9 ".encode("latin-1") * 40,
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


@pytest.mark.parametrize(
    "name, reason",
    [
        ("empty.txt", "empty"),
        ("junk.pdf", "not a PDF"),
        ("corrupt.pdf", "PDF"),
        ("latin1.txt", "not UTF-8"),
    ],
)
def test_bad_files_get_one_line_and_leave_the_index_unchanged(index_copy, bad_files, name, reason):
    before = snapshot_files(index_copy)
    code, out, err = cli("index", "add", "--index", str(index_copy), str(bad_files / name))
    assert code == 1
    lines = [line for line in err.splitlines() if line.strip()]
    assert any(reason in line and name in line for line in lines), err
    assert "Traceback" not in err
    assert snapshot_files(index_copy) == before


def test_a_scanned_pdf_without_text_is_refused(index_copy, tmp_path):
    pdfium = pytest.importorskip("pypdfium2")
    pdf = pdfium.PdfDocument.new()
    pdf.new_page(595, 842)
    scanned = tmp_path / "scanned.pdf"
    pdf.save(str(scanned))
    before = snapshot_files(index_copy)
    code, _, err = cli("index", "add", "--index", str(index_copy), str(scanned))
    assert code == 1 and "no text layer" in err
    assert snapshot_files(index_copy) == before


def test_folder_with_no_reports_and_missing_paths(index_copy, tmp_path):
    empty = tmp_path / "empty-folder"
    empty.mkdir()
    before = snapshot_files(index_copy)
    code, _, err = cli("index", "add", "--index", str(index_copy), str(empty))
    assert code == 1 and "no .pdf or .txt reports" in err
    code, _, err = cli("index", "add", "--index", str(index_copy), str(tmp_path / "nowhere"))
    assert code == 1 and "no such file or folder" in err
    assert snapshot_files(index_copy) == before
    with pytest.raises(NothingToIndex):
        build_index([empty], tmp_path / "new-index")
    assert snapshots.current(tmp_path / "new-index") is None


def test_missing_index(tmp_path):
    with pytest.raises(IndexMissing):
        open_index(tmp_path / "nothing-here")
    code, _, err = cli("--index", str(tmp_path / "nothing-here"), "any question")
    assert code == 1
    assert "no index at" in err and "askofsted index build" in err and "Traceback" not in err


def test_an_index_of_another_format_or_model_is_refused_with_how_to_rebuild(index_copy):
    import sqlite3

    db = snapshots.current(index_copy) / "askofsted.sqlite"
    data = db.read_bytes()
    db.unlink()  # the copy's file is a hard link to the shared fixture's: replace it, never edit it
    db.write_bytes(data)
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    with pytest.raises(IndexOutdated, match="askofsted index rebuild"):
        open_index(index_copy)
    code, _, err = cli("--index", str(index_copy), "any question")
    assert code == 1 and "rebuild" in err and "Traceback" not in err
    with sqlite3.connect(db) as connection:
        connection.execute("UPDATE meta SET value = ? WHERE key = 'format_version'", (str(store.FORMAT_VERSION),))
        connection.execute("UPDATE meta SET value = 'another-model/onnx' WHERE key = 'encoder_name'")
    with pytest.raises(IndexOutdated, match="another-model"):
        open_index(index_copy)


def test_a_removed_report_stays_out_of_rebuilds_until_named_again(tmp_path, corpus_dir):
    from askofsted.index import rebuild_index

    folder = tmp_path / "reports"
    shutil.copytree(corpus_dir, folder)
    index, _ = build_index([folder], tmp_path / "index")
    index.remove(["kensington-and-chelsea-2022-06-15-focused-visit"])
    rebuilt, change = rebuild_index(tmp_path / "index")
    assert len(change.added) == 4
    assert "kensington-and-chelsea-2022-06-15-focused-visit" not in report_ids(tmp_path / "index")
    assert not rebuilt.add([folder]).changed  # the folder again: still left out
    assert rebuilt.add([folder / LETTER]).added == ["kensington-and-chelsea-2022-06-15-focused-visit"]
