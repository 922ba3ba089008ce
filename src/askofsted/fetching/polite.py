"""Polite HTTP: one request at a time, a pause between requests, retries that back off.

Ofsted's site is a public service, not an API: askofsted asks for one thing at a
time, waits `delay` seconds (1 by default) between requests, names itself and
its version in the User-Agent, retries timeouts, dropped connections and server
errors (5xx) after twice the last wait, and waits as long as a 429 answer's
Retry-After asks (up to `MAX_RETRY_AFTER`) before trying again.

The standard library's urllib is enough: plain GETs, one at a time, with a
timeout, headers, redirects, and bodies streamed to a file. httpx or requests
would add a connection pool and an async API that a client that must never run
two requests at once has no use for.
"""

from __future__ import annotations

import email.utils
import http.client
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import BinaryIO
from urllib.parse import urlsplit

from .. import __version__
from ..errors import AskofstedError

USER_AGENT = f"askofsted/{__version__} (fetches children's services inspection reports, one request at a time)"
RETRIES = 4  # after the first try: five tries in all
MAX_RETRY_AFTER = 600.0  # longer than this, askofsted gives up rather than wait
BLOCK = 1 << 16


class FetchError(AskofstedError):
    """A request failed for good: the message names the URL and why."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url = url
        self.reason = reason
        self.status = status


@dataclass
class Client:
    """Makes GET requests politely; `sleep` and `clock` are the waits it makes and how
    it tells time (a test passes its own to see the waits without waiting)."""

    delay: float = 1.0
    timeout: float = 30.0
    retries: int = RETRIES
    user_agent: str = USER_AGENT
    say: Callable[[str], None] | None = None  # told when the client waits on the server's request
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _ready_at: float | None = field(default=None, init=False)  # the next request waits until then

    def text(self, url: str) -> str:
        """A page's text."""
        return self._get(url, _read_text)

    def save(self, url: str, handle: BinaryIO) -> int:
        """Stream a file's body into `handle` (emptied first on each try); the bytes written."""

        def stream(response) -> int:
            handle.seek(0)
            handle.truncate()
            written = 0
            while block := response.read(BLOCK):
                handle.write(block)
                written += len(block)
            expected = response.headers.get("Content-Length", "")
            if expected.isdigit() and written < int(expected):  # read(n) does not notice a cut itself
                raise http.client.IncompleteRead(b"", int(expected) - written)
            return written

        return self._get(url, stream)

    def _get(self, url: str, consume):
        if urlsplit(url).scheme not in ("http", "https"):  # urllib would also open file: and data: links
            raise FetchError(url, "not a web address (only http and https links are followed)")
        wait = self.delay
        for attempt in range(self.retries + 1):
            self._take_turn()
            try:
                request = urllib.request.Request(url, headers={"User-Agent": self.user_agent, "Accept": "*/*"})
                with urllib.request.urlopen(request, timeout=self.timeout) as response:
                    return consume(response)
            except urllib.error.HTTPError as exc:
                exc.close()
                if exc.code == 429:
                    asked = retry_after(exc.headers.get("Retry-After"), self._now())
                    if asked is not None and asked > MAX_RETRY_AFTER:
                        raise FetchError(url, f"Ofsted asked askofsted to wait {asked:.0f} s (429 Too Many Requests); "
                                              "try again later", 429) from None
                    wait = max(asked if asked is not None else 2 * wait, self.delay)
                    if self.say:
                        self.say(f"Ofsted asked askofsted to slow down (429); waiting {wait:.0f} s")
                    problem = "too many requests (429)"
                elif 500 <= exc.code < 600:
                    wait = 2 * wait
                    problem = f"server error {exc.code} {exc.reason}".strip()
                else:
                    raise FetchError(url, f"{exc.code} {exc.reason}".strip(), exc.code) from None
            except TimeoutError:
                wait, problem = 2 * wait, f"no answer within {self.timeout:g} s"
            except (urllib.error.URLError, http.client.HTTPException, ConnectionError) as exc:
                wait, problem = 2 * wait, _network_problem(exc)
            finally:
                self._ready_at = self.clock() + self.delay
            self._ready_at = self.clock() + wait
        tries = self.retries + 1
        raise FetchError(url, f"{problem} ({tries} {'try' if tries == 1 else 'tries'})")

    def _take_turn(self) -> None:
        """Wait out the pause after the last request (longer after a failed one)."""
        if self._ready_at is not None:
            remaining = self._ready_at - self.clock()
            if remaining > 0:
                self.sleep(remaining)

    @staticmethod
    def _now() -> datetime:
        return datetime.now(timezone.utc)


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds a Retry-After header asks for: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - now).total_seconds())


def _read_text(response) -> str:
    body = response.read()
    charset = response.headers.get_content_charset() or "utf-8"
    try:
        return body.decode(charset, errors="replace")
    except LookupError:
        return body.decode("utf-8", errors="replace")


def _network_problem(exc: Exception) -> str:
    if isinstance(exc, http.client.IncompleteRead):
        return f"the connection closed {exc.expected} bytes before the end" if exc.expected else \
            "the connection closed before the end"
    reason = getattr(exc, "reason", None) or exc
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    return f"cannot connect ({reason})"
