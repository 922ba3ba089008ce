"""How fast the web page answers, beside the library's own answer to the same question.

    python benchmarks/web_speed.py [--index DIR] [--questions N] [--rounds 3]

Opens the index once (as `askofsted serve` does), warms it with one question,
then for each of N development questions (dev_ilacs, then dev_users) times, in
this one process:
- the library: `Index.ask(question)`, the reference;
- the page: GET /?q=QUESTION through the app (Starlette's test client, in
  process): parsing, the same `ask` in the app's threadpool under its lock,
  the answer's view and its template;
- the JSON route: GET /api/ask?q=QUESTION.
Then, beside the library's `Index.history` and `Index.grades` for the same input:
- the authority page, GET /authority/NAME, for each of up to N authorities held
  (history, movements, the chart and its table);
- the grades page, GET /grades?..., for a set of filters (everything, each
  authority's latest, as at 31 March 2024, one year, one region sorted by a grade)
  and the CSV of everything.
Prints each one's median and 90th percentile over every question and round,
the page's own share (page minus library, per question), and what the pages weigh.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

from common import SHARED

HERE = Path(__file__).resolve().parent
TARGET_MS = 100.0
GRADES_FILTERS = (
    ("everything", {}, {}),
    ("latest", {"latest": "1"}, {"latest": True}),
    ("latest as at 2024-03-31", {"latest": "1", "as_at": "2024-03-31"},
     {"latest": True, "as_at": __import__("datetime").date(2024, 3, 31)}),
    ("inspected in 2019", {"year": "2019"}, {"year": 2019}),
    ("London, by overall grade", {"region": "London", "sort": "overall_effectiveness", "order": "desc"},
     {"region": "London"}),
)


def questions(shared: Path, count: int) -> list[str]:
    out: list[str] = []
    for name in ("dev_ilacs.jsonl", "dev_users.jsonl"):
        path = shared / "eval" / name
        if path.exists():
            out += [json.loads(line)["question"] for line in path.open(encoding="utf-8") if line.strip()]
    return out[:count]


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    value = call()
    return (time.perf_counter() - started) * 1000, value


def summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    return (f"{name:34s} median {statistics.median(ordered):6.1f} ms   "
            f"90th percentile {ordered[math.ceil(0.9 * len(ordered)) - 1]:6.1f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", type=Path, default=HERE / ".work" / "index-ilacs-int8",
                        help="an index of the 497 shared PDFs (e.g. /work/idx/base497)")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--questions", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not (args.index / "CURRENT").exists():
        print(f"no index at {args.index}: pass --index (an index of the 497 shared PDFs)")
        return 0
    asked = questions(args.shared, args.questions)
    if not asked:
        print(f"no development questions under {args.shared / 'eval'}: skipped")
        return 0

    from starlette.testclient import TestClient

    from askofsted.index import open_index
    from askofsted.web import create_app

    load = os.getloadavg()[0]
    index = open_index(args.index)
    info = index.info()
    library, page, api, own, weights = [], [], [], [], []
    with TestClient(create_app(index)) as client:
        index.ask("warm up: care leavers")
        client.get("/", params={"q": "warm up: care leavers"})
        for _ in range(args.rounds):
            for question in asked:
                lib_ms, _ = timed(lambda: index.ask(question))
                page_ms, response = timed(lambda: client.get("/", params={"q": question}))
                api_ms, _ = timed(lambda: client.get("/api/ask", params={"q": question}))
                assert response.status_code == 200, (question, response.status_code)
                library.append(lib_ms)
                page.append(page_ms)
                api.append(api_ms)
                own.append(page_ms - lib_ms)
                weights.append(len(response.content))
        css = len(client.get("/static/style.css").content)
        report = client.get("/report/" + index.reports()[0].report_id)
        names = sorted({r.facts.authority for r in index.reports() if r.facts.authority})[: args.questions]
        history_lib, history_page, history_weights = [], [], []
        grades_lib, grades_page, grades_weights = [], [], {}
        for _ in range(args.rounds):
            for name in names:
                lib_ms, _ = timed(lambda: index.history(name))
                page_ms, response = timed(lambda: client.get(f"/authority/{name}"))
                assert response.status_code == 200, (name, response.status_code)
                history_lib.append(lib_ms)
                history_page.append(page_ms)
                history_weights.append(len(response.content))
            for label, params, filters in GRADES_FILTERS:
                lib_ms, _ = timed(lambda: index.grades(**filters))
                page_ms, response = timed(lambda: client.get("/grades", params=params))
                assert response.status_code == 200, (label, response.status_code)
                grades_lib.append(lib_ms)
                grades_page.append(page_ms)
                grades_weights[label] = len(response.content)
            csv_ms, csv = timed(lambda: client.get("/grades.csv"))
    print(f"machine: {os.cpu_count()} cores, load {load:.2f} at start; index: {info.reports} reports / "
          f"{info.paragraphs} paragraphs; {len(asked)} questions x {args.rounds} rounds, warm")
    print(summary("library Index.ask() (reference)", library))
    print(summary("page GET /?q=", page))
    print(summary("JSON GET /api/ask?q=", api))
    print(summary("page's own share (page - library)", own))
    median = statistics.median(page)
    print(f"target: page median under {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'NOT met'} "
          f"({median:.1f} ms)")
    print(f"weight: answer page median {statistics.median(weights) / 1024:.1f} KiB of HTML, stylesheet "
          f"{css / 1024:.1f} KiB, no scripts, fonts or images; a report page {len(report.content) / 1024:.0f} KiB")
    print(f"authority pages: {len(names)} authorities x {args.rounds} rounds")
    print(summary("library Index.history() (reference)", history_lib))
    print(summary("page GET /authority/NAME", history_page))
    print(f"weight: authority page median {statistics.median(history_weights) / 1024:.1f} KiB of HTML "
          f"(the chart inline), largest {max(history_weights) / 1024:.1f} KiB")
    print(f"grades pages: {len(GRADES_FILTERS)} filter sets x {args.rounds} rounds")
    print(summary("library Index.grades() (reference)", grades_lib))
    print(summary("page GET /grades?...", grades_page))
    print(f"CSV of every graded inspection: {csv_ms:.1f} ms (last round), {len(csv.content) / 1024:.0f} KiB")
    print("weight: " + "; ".join(f"{label} {size / 1024:.0f} KiB" for label, size in grades_weights.items()))
    index.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
