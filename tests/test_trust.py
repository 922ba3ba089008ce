"""The index keeps its promises: under readers and writers, kills and Ctrl-C, damage,
crafted indexes, strangers' folders and bad input (issue 11), and its answers do not
depend on file names or the order files were added in (issue 14).

Each test names the promise it checks; README.md's "Testing" table lists them with
their results. Tests marked slow (kills, interrupts, reader-against-writer loops) run
in the default run too.
"""

from __future__ import annotations

import builtins
import errno
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from askofsted import cli as cli_module
from askofsted.cli import main
from askofsted.errors import BadQuestion, IndexDamaged
from askofsted.index import build_index, open_index, rebuild_index, snapshots
from conftest import shared_root

LETTER = "kensington-and-chelsea_2022-06_focused-visit.txt"
FV_2019 = "kingston-upon-thames_2019-03_focused-visit.txt"
CRA_2010 = "kingston-upon-thames_2010-01_unannounced-contact-referral-assessment.txt"
CRA_ID = "kingston-upon-thames-2010-contact-referral-assessment"
FV_ID = "kingston-upon-thames-2019-03-19-focused-visit"
REPAIR = "askofsted index rebuild --index"


def cli(*args: str):
    result = CliRunner().invoke(main, list(args))
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def askofsted(*args: str, timeout: float = 300, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "askofsted", *args], capture_output=True, text=True,
                          timeout=timeout, **kwargs)


def report_ids(path: Path) -> list[str]:
    with open_index(path) as index:
        return sorted(r.report_id for r in index.reports())


def files_of(folder: Path) -> dict[str, bytes | str]:
    """Everything under a folder, links as their targets: 'unchanged' means this is equal."""
    out: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        out[key] = f"-> {os.readlink(path)}" if path.is_symlink() else (path.read_bytes() if path.is_file() else "dir")
    return out


def private(path: Path) -> bytes:
    """Break a file's hard link to the shared seed index before changing it; returns its bytes."""
    data = path.read_bytes()
    path.unlink()
    path.write_bytes(data)
    return data


def rerecord(snapshot: Path, name: str) -> None:
    """Record a changed part's size and hash, as a crafted index would: the checks that
    follow must not rely on parts.json alone."""
    import hashlib

    parts_file = snapshot / snapshots.PARTS
    record = json.loads(parts_file.read_text())
    data = (snapshot / name).read_bytes()
    record["parts"][name] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    parts_file.unlink()
    parts_file.write_text(json.dumps(record))


def wait_for(condition, what: str, process: subprocess.Popen | None = None, timeout: float = 120) -> None:
    """Poll until `condition()` holds: the event a test waits on (a file or process appearing)."""
    deadline = time.monotonic() + timeout
    while not condition():
        if (process is not None and process.poll() is not None) or time.monotonic() > deadline:
            if process is not None and process.poll() is None:
                process.kill()
            raise AssertionError(f"{what} never happened")
        time.sleep(0.005)


# ================================================================ 1. the write lock


def test_the_lock_file_is_never_followed_truncated_or_written(index_copy, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n")
    lock = index_copy / snapshots.LOCK
    lock.unlink(missing_ok=True)
    lock.symlink_to(notes)
    code, _, err = cli("index", "remove", "--index", str(index_copy), CRA_ID)
    assert code == 1 and "symbolic link" in err and "Traceback" not in err
    assert notes.read_text() == "my notes\n" and CRA_ID in report_ids(index_copy)
    # A hard link is opened and locked, but never truncated or written.
    lock.unlink()
    os.link(notes, lock)
    code, _, err = cli("index", "remove", "--index", str(index_copy), CRA_ID)
    assert code == 0, err
    assert notes.read_text() == "my notes\n" and CRA_ID not in report_ids(index_copy)


def test_a_new_index_has_an_owner_only_lock_and_a_marker(tmp_path, corpus_dir):
    build_index([corpus_dir / LETTER], tmp_path / "index")
    assert (tmp_path / "index" / snapshots.LOCK).stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "index" / snapshots.MARKER).is_file()


# ================================================================ 2. readers never see a snapshot pruned


def test_a_long_lived_reader_follows_writes_and_a_pinned_snapshot_outlives_its_folder(index_copy, corpus_dir):
    reader = open_index(index_copy)
    pinned = reader.snapshot()
    before = [r.citation.id for r in pinned.search("What is the MARVE panel?", k=3)]
    writer = open_index(index_copy)
    writer.remove([FV_ID])
    writer.add([corpus_dir / FV_2019])
    writer.remove([CRA_ID])
    assert not pinned.folder.exists()  # pruned: two publishes later
    # An answer that began on the old snapshot reads it to the end, from files already open...
    assert [r.citation.id for r in pinned.search("What is the MARVE panel?", k=3)] == before
    # ...and the next question is answered from the newest.
    assert CRA_ID not in {r.report_id for r in reader.reports()}
    assert reader.search("What is the MARVE panel?", k=1)[0].citation.id.startswith(FV_ID + "#")


def test_one_index_is_shared_by_threads_each_with_its_own_connection(seed_index_dir):
    index = open_index(seed_index_dir)
    questions = ["What is the MARVE panel?", "How are care leavers supported into work?",
                 "What was the problem with pre-proceedings letters?", "How were missing children handled in 2012?"]
    expected = {q: [r.citation.id for r in index.search(q, k=3)] for q in questions}
    answers: list[tuple[str, list[str]]] = []
    connections: set[int] = set()
    errors: list[BaseException] = []
    start = threading.Barrier(4)

    def ask(offset: int) -> None:
        try:
            start.wait()
            for n in range(6):
                question = questions[(offset + n) % len(questions)]
                answers.append((question, [r.citation.id for r in index.search(question, k=3)]))
            connections.add(id(index.connection))
        except BaseException as exc:  # noqa: BLE001 - any error is the failure looked for
            errors.append(exc)

    threads = [threading.Thread(target=ask, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(answers) == 24 and all(ids == expected[q] for q, ids in answers)
    assert len(connections) == 4


@pytest.mark.slow
def test_readers_against_forty_publishes_get_the_old_or_the_new_answer_and_no_error(index_copy, corpus_dir, tmp_path):
    """Fault injection: a writer process publishes 40 times (adding and removing a report)
    while a long-lived library reader (two threads sharing one Index) and CLI readers ask."""
    question = "What is the Zorblax review panel?"
    variant = tmp_path / "variant" / "zorblax.txt"
    variant.parent.mkdir()
    variant.write_text((corpus_dir / FV_2019).read_text().replace("MARVE", "Zorblax"))
    index = open_index(index_copy)
    old = index.search(question, k=1)[0].citation.id
    [new_report] = index.add([variant]).added
    new = index.search(question, k=1)[0].citation.id
    assert new.startswith(new_report + "#") and old != new
    index.remove([new_report])

    writer = subprocess.Popen([sys.executable, "-c", (
        "import sys\nfrom askofsted.index import open_index\n"
        "index = open_index(sys.argv[1])\n"
        "for n in range(20):\n"
        "    index.add([sys.argv[2]]); print('published', flush=True)\n"
        "    index.remove([sys.argv[3]]); print('published', flush=True)\n"
    ), str(index_copy), str(variant), new_report], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    answers: list[str] = []
    errors: list[str] = []
    done = threading.Event()

    def library_reader() -> None:
        while not done.is_set():
            try:
                answers.append(index.search(question, k=1)[0].citation.id)
            except BaseException as exc:  # noqa: BLE001 - any error is the failure looked for
                errors.append(f"library: {type(exc).__name__}: {exc}")

    cli_answers: list[str] = []

    def cli_reader() -> None:
        while not done.is_set():
            ran = askofsted("--index", str(index_copy), question, "--json", "-k", "1", timeout=120)
            if ran.returncode != 0:
                errors.append(f"cli {ran.returncode}: {ran.stderr.strip()[-300:]}")
            else:
                cli_answers.append(json.loads(ran.stdout)["results"][0]["citation"]["id"])

    readers = [threading.Thread(target=library_reader), threading.Thread(target=library_reader),
               threading.Thread(target=cli_reader)]
    for reader in readers:
        reader.start()
    try:
        out, err = writer.communicate(timeout=1800)
    finally:
        done.set()
        for reader in readers:
            reader.join()
    assert writer.returncode == 0, err[-2000:]
    assert out.count("published") == 40
    assert not errors, errors[:5]
    assert len(answers) >= 40 and len(cli_answers) >= 3
    assert set(answers) | set(cli_answers) <= {old, new}
    assert {old, new} <= set(answers)  # the library reader saw both states


# ================================================================ 3. rebuild loses nothing


def test_rebuild_keeps_reports_whose_files_are_missing_or_unreadable_and_says_so(tmp_path, corpus_dir):
    folder = tmp_path / "reports"
    shutil.copytree(corpus_dir, folder)
    build_index([folder], tmp_path / "index")
    before = report_ids(tmp_path / "index")
    letter_answer = open_index(tmp_path / "index").search("What happens at Kensington's MASH?", k=1)[0].citation.id
    (folder / LETTER).unlink()
    (folder / CRA_2010).write_bytes(b"%PDF-1.7 not really")  # unreadable now
    code, out, err = cli("index", "rebuild", "--index", str(tmp_path / "index"))
    assert code == 3, err
    assert report_ids(tmp_path / "index") == before
    assert re.search(r"kept kensington-and-chelsea-2022-06-15-focused-visit as it was: .*is missing", err)
    assert re.search(rf"kept {CRA_ID} as it was: .*PDF", err)
    assert "0 removed" in err and "2 kept" in err
    # Kept reports are answered from as before (their paragraphs embedded again).
    assert open_index(tmp_path / "index").search("What happens at Kensington's MASH?", k=1)[0].citation.id \
        == letter_answer


# ================================================================ 4. strangers' folders


def test_a_folder_that_is_not_an_index_is_never_written_into_or_cleaned(tmp_path, corpus_dir):
    folder = tmp_path / "mine"
    (folder / "v000001").mkdir(parents=True)
    (folder / "v000001" / "photo.jpg").write_bytes(b"jpeg")
    (folder / "draft.tmp-1").write_text("draft")
    (folder / "notes.txt").write_text("notes")
    before = files_of(folder)
    code, _, err = cli("index", "build", "--index", str(folder), str(corpus_dir / LETTER))
    assert code == 1 and "not an askofsted index" in err
    assert files_of(folder) == before  # not even a lock file
    code, _, err = cli("--index", str(folder), "any question")
    assert code == 1 and "is not an askofsted index" in err
    assert f"--index {folder} " not in err  # it does not suggest building there


def test_writers_clean_only_their_own_leftovers_never_through_a_link(index_copy, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "precious.txt").write_text("keep me")
    (index_copy / "v000099.tmp-1").symlink_to(elsewhere)  # named like a staging folder
    (index_copy / "v000098.tmp-1").mkdir()  # a real abandoned staging folder
    (index_copy / "v000098.tmp-1" / "askofsted.sqlite").write_bytes(b"half")
    (index_copy / "my.tmp-notes").write_text("mine")
    open_index(index_copy).remove([CRA_ID])
    assert (elsewhere / "precious.txt").read_text() == "keep me"
    assert (index_copy / "v000099.tmp-1").is_symlink() and (index_copy / "my.tmp-notes").exists()
    assert not (index_copy / "v000098.tmp-1").exists()


# ================================================================ 5. one unreadable file


def _refuse_to_open(monkeypatch, path: Path, error: int) -> None:
    """Make the OS refuse to open one file, as it does when permission is denied (root
    reads anything, so the refusal is injected) or the disk fails."""
    path.chmod(0)
    real_open, real_os_open = builtins.open, os.open

    def refused(file, *args, **kwargs):
        if str(file) == str(path):
            raise OSError(error, os.strerror(error), str(file))
        return real_open(file, *args, **kwargs)

    def os_refused(file, *args, **kwargs):
        if str(file) == str(path):
            raise OSError(error, os.strerror(error), str(file))
        return real_os_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refused)
    monkeypatch.setattr(os, "open", os_refused)


@pytest.mark.parametrize("error", [errno.EACCES, errno.EIO])
def test_one_unreadable_file_is_skipped_by_name_not_fatal(tmp_path, corpus_dir, monkeypatch, error):
    folder = tmp_path / "reports"
    shutil.copytree(corpus_dir, folder)
    _refuse_to_open(monkeypatch, folder / LETTER, error)
    code, _, err = cli("index", "build", "--index", str(tmp_path / "index"), str(folder))
    assert code == 3, err
    assert f"skipped {folder / LETTER}: cannot be read: {os.strerror(error)}" in err
    assert "unexpected error" not in err
    assert len(report_ids(tmp_path / "index")) == 4


def test_an_unreadable_subfolder_is_named(tmp_path, corpus_dir, monkeypatch):
    folder = tmp_path / "reports"
    (folder / "locked").mkdir(parents=True)
    shutil.copyfile(corpus_dir / LETTER, folder / "locked" / LETTER)
    shutil.copyfile(corpus_dir / FV_2019, folder / FV_2019)
    real_scandir = os.scandir

    def scandir(path=".", *args):
        if str(path) == str(folder / "locked"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path, *args)

    monkeypatch.setattr(os, "scandir", scandir)
    code, _, err = cli("index", "build", "--index", str(tmp_path / "index"), str(folder))
    assert code == 3 and f"skipped {folder / 'locked'}: folder cannot be read (Permission denied)" in err
    assert report_ids(tmp_path / "index") == [FV_ID]


# ================================================================ 6-8. Ctrl-C and dying workers


def test_ctrl_c_just_after_publishing_says_the_change_is_live(index_copy, monkeypatch, capsys):
    real_prune = snapshots._prune

    def prune_then_ctrl_c(root):  # Ctrl-C arrives as the old snapshots are being pruned
        real_prune(root)
        os.kill(os.getpid(), signal.SIGINT)

    monkeypatch.setattr(snapshots, "_prune", prune_then_ctrl_c)
    monkeypatch.setattr(sys, "argv", ["askofsted", "index", "remove", "--index", str(index_copy), CRA_ID])
    with pytest.raises(SystemExit) as exit_:
        cli_module.run()
    err = capsys.readouterr().err
    assert exit_.value.code == 130
    assert "interrupted after the change was published: the index has it (1 removed)" in err
    assert "nothing was changed" not in err
    assert CRA_ID not in report_ids(index_copy)


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _a_worker_is_starting(pid: int) -> bool:
    """A reading worker is importing askofsted's reading modules (it has loaded ctypes, which
    `reading.sources` imports): started, and not yet reading."""
    for child in _children(pid):
        try:
            if b"spawn_main" in Path(f"/proc/{child}/cmdline").read_bytes() \
                    and b"_ctypes" in Path(f"/proc/{child}/maps").read_bytes():
                return True
        except OSError:
            pass
    return False


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc to see the workers start")
@pytest.mark.parametrize("attempt", range(2))
def test_ctrl_c_while_reading_workers_start_prints_no_traceback(tmp_path, corpus_dir, attempt):
    folder = tmp_path / "reports"
    folder.mkdir()
    for n in range(20):  # work enough that the command is still reading when Ctrl-C comes
        shutil.copyfile(corpus_dir / "kingston-upon-thames_2012-05_safeguarding-and-looked-after-children.txt",
                        folder / f"copy-{n}.txt")
    process = subprocess.Popen([sys.executable, "-m", "askofsted", "reports", str(folder)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    wait_for(lambda: _a_worker_is_starting(process.pid), "a reading worker starting", process)
    os.killpg(process.pid, signal.SIGINT)  # Ctrl-C reaches the whole foreground group: workers too
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert err.strip().splitlines()[-1] == "interrupted; nothing was changed" and "Traceback" not in err


CRASHING_READER = '''
import os, signal, sys
from askofsted.reading import reader

_read = reader.read_report


def read_report(path):  # this file's reading process dies, as PDFium crashing or the OOM killer would do
    if "crash-me" in str(path):
        os.kill(os.getpid(), int(sys.argv[1]) if __name__ == "__main__" else int(os.environ["CRASH_SIGNAL"]))
    return _read(path)


reader.read_report = read_report  # also in the reading workers, which import this file as __mp_main__
if __name__ == "__main__":
    from askofsted.cli import run

    sys.argv = ["askofsted", *sys.argv[2:]]
    run()
'''


@pytest.mark.slow
@pytest.mark.parametrize("sig, said", [(signal.SIGSEGV, "crashed"), (signal.SIGKILL, "was killed")])
def test_a_reading_worker_that_dies_is_named_with_its_file(tmp_path, corpus_dir, sig, said):
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in (FV_2019, LETTER, CRA_2010):
        shutil.copyfile(corpus_dir / name, folder / name)
    shutil.copyfile(corpus_dir / "kingston-upon-thames_2024-12_ilacs.txt", folder / "crash-me.txt")
    script = tmp_path / "crashing_reader.py"
    script.write_text(CRASHING_READER)
    ran = subprocess.run([sys.executable, str(script), str(int(sig)), "index", "build", "--index",
                          str(tmp_path / "index"), str(folder)], capture_output=True, text=True, timeout=600,
                         env={**os.environ, "CRASH_SIGNAL": str(int(sig))})
    assert ran.returncode == 3, ran.stderr
    assert re.search(rf"skipped {re.escape(str(folder / 'crash-me.txt'))}: reading it {said}", ran.stderr)
    assert "interrupted" not in ran.stderr and "Traceback" not in ran.stderr
    assert report_ids(tmp_path / "index") == sorted(
        ["kensington-and-chelsea-2022-06-15-focused-visit", CRA_ID, FV_ID])


# ================================================================ 9-10. crafted and damaged indexes


def _crafted(index: Path, how: str, cache_model: Path, outside: Path) -> None:
    snapshot = snapshots.current(index)
    encoder = snapshot / "encoder"
    if how in ("absolute model path", "dotdot model path"):
        manifest = json.loads(private(encoder / "encoder.json"))
        manifest["variants"]["int8"]["file"] = (str(cache_model) if how == "absolute model path"
                                               else "../../../" + cache_model.name)
        (encoder / "encoder.json").write_text(json.dumps(manifest))
        rerecord(snapshot, "encoder/encoder.json")
    elif how == "encoder folder is a link":
        shutil.rmtree(encoder)
        encoder.symlink_to(cache_model.parent)
    elif how == "store is a link":
        shutil.copyfile(snapshot / "askofsted.sqlite", outside / "elsewhere.sqlite")
        (snapshot / "askofsted.sqlite").unlink()
        (snapshot / "askofsted.sqlite").symlink_to(outside / "elsewhere.sqlite")
    elif how == "snapshot is a link":
        shutil.move(snapshot, outside / "snapshot")
        snapshot.symlink_to(outside / "snapshot")


@pytest.mark.parametrize("how", ["absolute model path", "dotdot model path", "encoder folder is a link",
                                 "store is a link", "snapshot is a link"])
def test_a_crafted_index_cannot_make_askofsted_read_outside_it(index_copy, tmp_path, how):
    from askofsted.index.encoder import cached_export, read_manifest

    export = cached_export()
    cache_model = export / read_manifest(export)["variants"]["int8"]["file"]
    outside = tmp_path / "outside"
    outside.mkdir()
    _crafted(index_copy, how, cache_model, outside)
    before = files_of(index_copy)
    with pytest.raises(IndexDamaged, match=REPAIR):
        open_index(index_copy)
    for args in (["any question"], ["index", "info"], ["index", "remove", CRA_ID]):
        code, _, err = cli("--index", str(index_copy), *args)
        assert code == 1 and REPAIR in err and "Traceback" not in err, (args, err)
    after = {k: v for k, v in files_of(index_copy).items() if k != snapshots.LOCK}
    assert after == before  # the writer made no snapshot, linked nothing from outside


def _damage(index: Path, kind: str) -> str:
    """Damage one part of the live snapshot; returns the part the message must name."""
    snapshot = snapshots.current(index)
    if kind == "vectors cut short":
        data = private(snapshot / "vectors.faiss")
        (snapshot / "vectors.faiss").write_bytes(data[: len(data) // 2])
        return "vectors.faiss"
    if kind == "vectors of the wrong dimension":
        import faiss

        count = len(open_index(index).vectors)
        wrong = faiss.IndexIDMap2(faiss.IndexFlatIP(8))
        wrong.add_with_ids(np.ones((count, 8), dtype=np.float32), np.arange(1, count + 1))
        (snapshot / "vectors.faiss").unlink()
        faiss.write_index(wrong, str(snapshot / "vectors.faiss"))
        rerecord(snapshot, "vectors.faiss")
        return "vectors.faiss"
    if kind == "vectors garbage":
        size = len(private(snapshot / "vectors.faiss"))
        (snapshot / "vectors.faiss").write_bytes(os.urandom(size))
        rerecord(snapshot, "vectors.faiss")
        return "vectors.faiss"
    if kind == "model missing":
        (snapshot / "encoder" / "model.int8.onnx").unlink()
        return "model.int8.onnx"
    if kind == "model garbage":
        size = len(private(snapshot / "encoder" / "model.int8.onnx"))
        (snapshot / "encoder" / "model.int8.onnx").write_bytes(os.urandom(size))
        return "model.int8.onnx"
    if kind == "tokenizer missing":
        (snapshot / "encoder" / "tokenizer.json").unlink()
        return "tokenizer.json"
    if kind == "tokenizer garbage":
        private(snapshot / "encoder" / "tokenizer.json")
        (snapshot / "encoder" / "tokenizer.json").write_text('{"not": "a tokenizer"}')
        rerecord(snapshot, "encoder/tokenizer.json")
        return "tokenizer.json"
    if kind == "manifest garbage":
        private(snapshot / "encoder" / "encoder.json")
        (snapshot / "encoder" / "encoder.json").write_bytes(b"\x00garbage{")
        rerecord(snapshot, "encoder/encoder.json")
        return "encoder.json"
    if kind in ("encoder_variant missing", "format_version not a number"):
        private(snapshot / "askofsted.sqlite")
        with sqlite3.connect(snapshot / "askofsted.sqlite") as connection:
            if kind == "encoder_variant missing":
                connection.execute("DELETE FROM meta WHERE key = 'encoder_variant'")
            else:
                connection.execute("UPDATE meta SET value = 'one' WHERE key = 'format_version'")
        connection.close()
        rerecord(snapshot, "askofsted.sqlite")
        return "askofsted.sqlite"
    if kind == "PARTS garbage":
        private(snapshot / snapshots.PARTS)
        (snapshot / snapshots.PARTS).write_text("{")
        return snapshots.PARTS
    raise ValueError(kind)


DAMAGE = ["vectors cut short", "vectors of the wrong dimension", "vectors garbage", "model missing", "model garbage",
          "tokenizer missing", "tokenizer garbage", "manifest garbage", "encoder_variant missing",
          "format_version not a number", "PARTS garbage"]


@pytest.mark.parametrize("kind", DAMAGE)
def test_a_damaged_part_gives_one_line_naming_it_and_the_repair(index_copy, kind):
    part = _damage(index_copy, kind)
    for args in (["What is the MARVE panel?"], ["index", "info"], ["show", f"{FV_ID}#0.1"],
                 ["index", "remove", CRA_ID]):
        code, out, err = cli("--index", str(index_copy), *args)
        lines = [line for line in err.splitlines() if line.strip()]
        assert code == 1 and len(lines) == 1, (args, err)
        assert part in lines[0] and f"{REPAIR} {index_copy}" in lines[0] and "unexpected" not in lines[0], (args, err)


def test_random_bytes_inside_the_store_are_found_by_a_writer_and_by_info_check(index_copy):
    snapshot = snapshots.current(index_copy)
    data = bytearray(private(snapshot / "askofsted.sqlite"))
    middle = len(data) // 2 // 4096 * 4096
    data[middle : middle + 4096] = os.urandom(4096)
    (snapshot / "askofsted.sqlite").write_bytes(bytes(data))
    code, _, err = cli("--index", str(index_copy), "What is the MARVE panel?")
    assert "Traceback" not in err and "unexpected" not in err  # answered, or refused in one line
    assert code == 0 or (code == 1 and "askofsted.sqlite" in err and REPAIR in err)
    for args in (["index", "info", "--check"], ["index", "remove", CRA_ID]):
        code, _, err = cli("--index", str(index_copy), *args)
        assert code == 1 and "askofsted.sqlite" in err and REPAIR in err, (args, err)
    code, _, err = cli("index", "rebuild", "--index", str(index_copy))  # the repair it names works
    assert code == 0, err
    code, _, err = cli("index", "info", "--check", "--index", str(index_copy))
    assert code == 0, err


def test_index_info_check_passes_on_a_sound_index_and_rebuild_repairs_damage(index_copy):
    code, out, err = cli("index", "info", "--check", "--index", str(index_copy))
    assert code == 0 and "matches its recorded SHA-256" in out
    _damage(index_copy, "vectors cut short")
    code, _, err = cli("index", "rebuild", "--index", str(index_copy))
    assert code == 0, err
    assert open_index(index_copy).search("What is the MARVE panel?", k=1)[0].citation.id.startswith(FV_ID)


# ================================================================ 11. the model cache


def test_the_model_is_copied_from_the_cache_so_damage_to_an_index_never_reaches_it(tmp_path, corpus_dir):
    from askofsted.index.encoder import cached_export, read_manifest, verify_export

    export = cached_export()
    name = read_manifest(export)["variants"]["int8"]["file"]
    build_index([corpus_dir / LETTER], tmp_path / "index")
    model = snapshots.current(tmp_path / "index") / "encoder" / name
    assert not os.path.samefile(model, export / name)
    with open(model, "r+b") as handle:  # damaged in place
        handle.write(b"\x00" * 64)
    assert verify_export(export)
    code, _, err = cli("--index", str(tmp_path / "index"), "What happens at Kensington's MASH?")
    assert code == 1 and name in err and REPAIR in err


# ================================================================ 12. terminal escapes


def test_report_text_reaches_the_terminal_without_escape_sequences(tmp_path, corpus_dir):
    text = (corpus_dir / LETTER).read_text()
    hostile = text.replace("Carefully crafted safety plans",
                           "Carefully \x1b]52;c;cm0gLXJmIH4=\x07crafted\x1b]0;pwned\x07 \x9b2J\x1b[31msafety plans")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "letter\x1b[2J.txt").write_text(hostile)
    build_index([folder], tmp_path / "index")
    report_id, anchor = open_index(tmp_path / "index").connection.execute(
        "SELECT r.report_id, p.anchor FROM paragraphs p JOIN reports r ON r.id = p.report WHERE p.text LIKE ?",
        ("%\x1b]52;%",)).fetchone()  # the index keeps the words as they came; printing cleans them
    cited = f"{report_id}#{anchor}"
    for args in (["safety plans", "-k", "20"], ["show", cited], ["index", "info", "--reports"]):
        _, out, err = cli("--index", str(tmp_path / "index"), *args)
        assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err), args
    _, out, err = cli("reports", str(folder))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out + err) and "letter[2J.txt" not in out
    _, out, _ = cli("--index", str(tmp_path / "index"), "show", cited)
    assert "Carefully crafted safety plans" in out


# ================================================================ 13. links in source folders


def test_links_out_of_a_source_folder_are_not_followed_and_are_named(tmp_path, corpus_dir):
    outside = tmp_path / "outside"
    (outside / "sub").mkdir(parents=True)
    shutil.copyfile(corpus_dir / LETTER, outside / LETTER)
    shutil.copyfile(corpus_dir / FV_2019, outside / "sub" / FV_2019)
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(corpus_dir / CRA_2010, folder / CRA_2010)
    (folder / "linked.txt").symlink_to(outside / LETTER)
    (folder / "linked-folder").symlink_to(outside / "sub")
    (folder / "inner-link.txt").symlink_to(folder / CRA_2010)  # within the folder: read once, as itself
    code, _, err = cli("index", "build", "--index", str(tmp_path / "index"), str(folder))
    assert code == 3, err
    assert f"skipped {folder / 'linked.txt'}: a symbolic link out of the folder: not followed" in err
    assert f"skipped {folder / 'linked-folder'}: a symbolic link out of the folder" in err
    assert "inner-link" not in err
    assert report_ids(tmp_path / "index") == [CRA_ID]


# ================================================================ 14. smaller points


def test_a_blank_question_is_refused(seed_index):
    code, _, err = cli("--index", str(seed_index.root), "   ")
    assert code == 2 and "ask what?" in err
    with pytest.raises(BadQuestion):
        seed_index.ask(" \t ")


def test_a_questions_file_skips_comments_and_refuses_a_null_question(seed_index, tmp_path):
    questions = tmp_path / "q.jsonl"
    questions.write_text('# my questions\n{"id": "a", "question": "What is the MARVE panel?"}\n')
    code, out, _ = cli("--index", str(seed_index.root), "--questions", str(questions))
    assert code == 0 and [json.loads(line)["id"] for line in out.splitlines()] == ["a"]
    questions.write_text('{"id": "a", "question": null}\n')
    code, out, err = cli("--index", str(seed_index.root), "--questions", str(questions))
    assert code == 1 and "line 1: 'question' must be a question in words" in err and out == ""


def test_a_huge_text_file_is_refused_not_read_into_memory(tmp_path, corpus_dir):
    huge = tmp_path / "huge.txt"
    text = (corpus_dir / LETTER).read_text()
    huge.write_text(text * (2_100_000 // len(text) + 1))
    code, out, _ = cli("reports", str(huge))
    assert code == 1 and "too long for an Ofsted report" in out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_named_like_a_report_is_refused_and_never_waited_on(index_copy, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    ran = askofsted("index", "add", "--index", str(index_copy), str(fifo), timeout=120)
    assert ran.returncode == 1 and "not a regular file" in ran.stderr
    folder = tmp_path / "folder"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    ran = askofsted("index", "add", "--index", str(index_copy), str(folder), timeout=120)
    assert ran.returncode == 1 and f"skipped {folder / 'pipe.txt'}: not a regular file" in ran.stderr


@pytest.mark.parametrize("error, words", [(errno.ENOSPC, "No space left on device"),
                                          (errno.EROFS, "Read-only file system")])
def test_a_full_or_read_only_disk_gives_one_line_and_changes_nothing(index_copy, monkeypatch, error, words):
    from askofsted.index import vectors

    def fail(index, path):  # the disk fills (or turns read-only) as the new vectors are written
        raise OSError(error, os.strerror(error), str(path))

    monkeypatch.setattr(vectors.VectorIndex, "save", fail)
    before = files_of(snapshots.current(index_copy))
    code, _, err = cli("index", "remove", "--index", str(index_copy), CRA_ID)
    assert code == 1 and f"cannot write the index at {index_copy}: {words}" in err and "nothing was changed" in err
    assert files_of(snapshots.current(index_copy)) == before and CRA_ID in report_ids(index_copy)


@pytest.mark.slow
def test_output_cut_short_by_its_reader_is_not_an_error(seed_index_dir, tmp_path):
    questions = tmp_path / "questions.txt"
    questions.write_text("\n".join(QUESTIONS * 3) + "\n")
    process = subprocess.Popen([sys.executable, "-m", "askofsted", "--index", str(seed_index_dir), "--questions",
                                str(questions), "-k", "10"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(100)  # like `| head -c 100`
    process.stdout.close()
    err = process.stderr.read().decode()
    process.wait(timeout=300)
    assert process.returncode == 0 and err == ""


# ================================================================ seen as a new user


def test_a_report_removed_by_id_stays_out_when_its_file_was_named_at_build_time(tmp_path, corpus_dir):
    files = [corpus_dir / LETTER, corpus_dir / CRA_2010]
    index, _ = build_index(files, tmp_path / "index")
    index.remove([CRA_ID])
    assert not index.update().changed
    assert report_ids(tmp_path / "index") == ["kensington-and-chelsea-2022-06-15-focused-visit"]
    _, change = rebuild_index(tmp_path / "index")
    assert report_ids(tmp_path / "index") == ["kensington-and-chelsea-2022-06-15-focused-visit"]


def test_exit_status_three_means_done_with_some_files_skipped(tmp_path, corpus_dir):
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copyfile(corpus_dir / LETTER, folder / LETTER)
    (folder / "broken.pdf").write_bytes(b"<html>not a pdf</html>")
    code, out, err = cli("index", "build", "--index", str(tmp_path / "index"), str(folder))
    assert code == 3 and "skipped" in err and "broken.pdf" in err
    assert report_ids(tmp_path / "index") == ["kensington-and-chelsea-2022-06-15-focused-visit"]
    code, _, err = cli("index", "update", "--index", str(tmp_path / "index"))  # the same file, still skipped
    assert code == 3 and "broken.pdf" in err
    (folder / "broken.pdf").unlink()
    assert cli("index", "update", "--index", str(tmp_path / "index"))[0] == 0
    assert cli("index", "add", "--index", str(tmp_path / "index"), str(tmp_path / "nowhere"))[0] == 1


def test_the_index_option_may_come_before_the_command(seed_index_dir):
    code, out, _ = cli("--index", str(seed_index_dir), "show", "kingston-upon-thames-2012#28")
    assert code == 0 and ">> kingston-upon-thames-2012#28" in out
    code, out, _ = cli("--index", str(seed_index_dir), "index", "info")
    assert code == 0 and str(seed_index_dir) in out


def test_show_with_a_report_id_alone_shows_its_start_and_its_paragraphs(seed_index_dir):
    code, out, err = cli("show", "--index", str(seed_index_dir), "kingston-upon-thames-2012")
    assert code == 0, err
    assert out.startswith(">> kingston-upon-thames-2012#")
    assert re.search(r"kingston-upon-thames-2012: \d+ paragraphs, #\S+ to #\S+; show one with: askofsted show "
                     r"kingston-upon-thames-2012#", out)


# ================================================================ issue 14: the same texts, the same answers


QUESTIONS = [
    "What is the MARVE panel?", "How are care leavers supported into work?", "How were missing children handled in 2012?",
    "What did inspectors say about the quality of supervision?", "Are unregistered children's homes being used?",
    "What was Kingston's overall effectiveness in 2024?", "What needs to improve in Kensington and Chelsea?",
    "How quickly are return home interviews offered?", "What is the Letterbook Adventure scheme?",
    "How well are disabled children protected?", "out of hours emergency duty team",
]


def _questions() -> list[str]:
    seeds = shared_root() / "eval" / "dev_seeds.jsonl"
    extra = [json.loads(line)["question"] for line in seeds.read_text().splitlines()] if seeds.is_file() else []
    return QUESTIONS + extra


def _ranking(index, question: str) -> list[tuple[str, float]]:
    return [(r.citation.id, round(r.score, 9)) for r in index.search(question, k=10)]


@pytest.mark.slow
def test_the_same_reports_under_other_names_added_in_another_order_give_the_same_answers(
        seed_index_dir, corpus_dir, tmp_path):
    renamed = tmp_path / "renamed"
    renamed.mkdir()
    names = sorted(p.name for p in corpus_dir.glob("*.txt"))
    for n, name in enumerate(names):  # other names, which sort the other way round
        shutil.copyfile(corpus_dir / name, renamed / f"{len(names) - n:03d}-{os.urandom(4).hex()}.txt")
    files = sorted(renamed.iterdir())
    index, _ = build_index([files[0]], tmp_path / "index")  # and added one at a time
    for path in files[1:]:
        index.add([path])
    assert report_ids(tmp_path / "index") == report_ids(seed_index_dir)
    reference = open_index(seed_index_dir)
    different = [q for q in _questions() if _ranking(index, q) != _ranking(reference, q)]
    assert different == []


def test_report_ids_come_from_facts_and_same_fact_reports_are_told_apart_by_content(tmp_path, corpus_dir):
    text = (corpus_dir / FV_2019).read_text()
    variants = [text.replace("MARVE", "MARVEL"), text.replace("MARVE", "MARVIN")]

    def ids(order: list[int], names: list[str]) -> list[str]:
        """The ids the MARVEL and the MARVIN text get, written under these names in this order."""
        folder = tmp_path / f"reports-{'-'.join(names)}"
        folder.mkdir()
        for number in order:
            (folder / names[number]).write_text(variants[number])
        index, _ = build_index([folder], tmp_path / f"index-{'-'.join(names)}")
        return [index.connection.execute("SELECT DISTINCT r.report_id FROM paragraphs p JOIN reports r ON "
                                         "r.id = p.report WHERE p.text LIKE ?", (f"%{word}%",)).fetchone()[0]
                for word in ("MARVEL", "MARVIN")]

    first = ids([0, 1], ["a.txt", "b.txt"])
    second = ids([1, 0], ["z.txt", "y.txt"])
    assert first == second
    assert FV_ID in first and any(re.fullmatch(FV_ID + r"-[0-9a-f]{6}", i) for i in first)


def test_a_text_is_embedded_the_same_whatever_texts_come_with_it(seed_index):
    """The root of answers depending on file order: in one int8 batch a text's vector moved
    with its companions. A builder embeds each text on its own (encode_each)."""
    texts = [text for _, text, _ in seed_index.show("kingston-upon-thames-2012#28", around=3)[1]]
    encoder = seed_index.encoder
    tokens = encoder.tokenize(texts)
    alone = np.stack([encoder.encode_each([t])[0] for t in tokens])
    assert np.array_equal(encoder.encode_each(tokens, workers=2), alone)
    assert np.array_equal(encoder.encode_each(tokens[::-1], workers=2)[::-1], alone)
    assert not np.array_equal(encoder.encode_tokens(tokens), alone)  # a batch: the companions count
