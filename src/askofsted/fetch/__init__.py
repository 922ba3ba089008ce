"""Fetching new reports straight from Ofsted into a folder and the index.

`site` knows Ofsted's pages (the one module to change when they change),
`polite` makes the requests, `download` turns one into a checked file, `record`
remembers what was fetched, and `run` puts them together as `fetch()`.

`askofsted.fetch` is both this package and the function: once the package is
imported, Python makes `askofsted.fetch` name the package, so the package is
made callable and `askofsted.fetch(...)` calls `fetch` whichever way it was
reached first.
"""

import sys
import types

from .run import FetchResult, Fetched, Skipped, fetch

__all__ = ["FetchResult", "Fetched", "Skipped", "fetch"]


class _CallablePackage(types.ModuleType):
    def __call__(self, *args, **kwargs) -> FetchResult:
        return fetch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
