"""`python -m askofsted` is the `askofsted` command."""

from .cli import run

run()
