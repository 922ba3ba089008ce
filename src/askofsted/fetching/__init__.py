"""Fetching new reports straight from Ofsted into a folder and the index.

`site` knows Ofsted's pages (the one module to change when they change),
`polite` makes the requests, `download` turns one into a checked file, `record`
remembers what was fetched, and `run` puts them together as `fetch()`, which
the package exports as `askofsted.fetch`.
"""

from .run import FetchResult, Fetched, Skipped, fetch

__all__ = ["FetchResult", "Fetched", "Skipped", "fetch"]
