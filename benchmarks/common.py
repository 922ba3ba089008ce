"""What the benchmark scripts share: where the shared data is, as the tests and CI find it."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("ASKOFSTED_SHARED") or Path(__file__).resolve().parents[2] / "shared")
"""$ASKOFSTED_SHARED, else the `shared` folder beside the checkout; each script's --shared overrides it."""
