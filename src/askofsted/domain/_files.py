"""Reading the domain's data files, shipped inside the package (see data/)."""

from __future__ import annotations

import csv
import io
import tomllib
from importlib.resources import files


def _text(name: str) -> str:
    return (files(__package__) / "data" / name).read_text(encoding="utf-8")


def read_toml(name: str) -> dict:
    return tomllib.loads(_text(name))


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of a CSV file whose header comment lines start with '#'."""
    lines = [line for line in _text(name).splitlines() if not line.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def split_list(cell: str) -> tuple[str, ...]:
    """'a; b; c' -> ('a', 'b', 'c')."""
    return tuple(part.strip() for part in cell.split(";") if part.strip())
