"""askofsted: find what Ofsted inspectors found, as cited paragraphs.

    import askofsted
    index = askofsted.open_index()
    for result in index.search("how were missing children handled in 2012?"):
        print(result.citation.id, result.text)

The public names below are imported on first use, so `import askofsted` (and the
command line's --help) stays instant.
"""

from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"

_PUBLIC = {
    "open_index": "index",
    "build_index": "index",
    "rebuild_index": "index",
    "Index": "index",
    "IndexInfo": "index",
    "Change": "index",
    "read_report": "reading",
    "read_reports": "reading",
    "Report": "models",
    "ReportFacts": "models",
    "Judgements": "models",
    "Paragraph": "models",
    "Citation": "models",
    "Result": "models",
    "Answer": "models",
    "ReadError": "models",
    "REPORT_TYPES": "domain",
    "StatedJudgement": "models",
    "AskofstedError": "errors",
    "History": "history",
    "Inspection": "history",
    "Movement": "history",
    "Transition": "history",
    "fetch": "fetching",
    "FetchResult": "fetching",
}

__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name in _PUBLIC:
        return getattr(import_module(f".{_PUBLIC[name]}", __name__), name)
    raise AttributeError(f"module 'askofsted' has no attribute {name!r}")
