"""What the benchmark scripts share: where the shared data is, as the tests and CI find it."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("ASKOFSTED_SHARED") or Path(__file__).resolve().parents[2] / "shared")
"""$ASKOFSTED_SHARED, else the `shared` folder beside the checkout; each script's --shared overrides it."""


def own_index(sources, path: Path, variant: str = "int8"):
    """A benchmark's own index of `sources` at `path` (under benchmarks/.work), open: built
    when missing, and built again when an older askofsted built it."""
    import time

    from askofsted.errors import IndexOutdated
    from askofsted.index import build_index, open_index

    if (path / "CURRENT").exists():
        try:
            return open_index(path)
        except IndexOutdated as outdated:
            print(f"  {outdated}: building it again", flush=True)
    print(f"  building the askofsted index {path} ...", flush=True)
    started = time.perf_counter()
    build_index(sources, path, variant=variant, workers=2)
    print(f"  built in {time.perf_counter() - started:.0f} s", flush=True)
    return open_index(path)
