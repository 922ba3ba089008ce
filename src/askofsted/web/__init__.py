"""The local web page: the same answers as the CLI, for people who never open a terminal.

A thin shell over the library (`Index.ask`, `Index.show`, `Index.reports`,
`present`): `app` routes requests and renders Jinja2 templates, `view` turns the
library's answers and reports into what the templates show (pure functions),
`library` is the one way a request reaches the open index, and `server` runs it
with uvicorn for `askofsted serve`. Server-rendered HTML, no JavaScript, nothing
fetched from elsewhere.
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
