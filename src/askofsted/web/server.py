"""Running the page: `askofsted serve` binds a port, says where, and serves until Ctrl-C.

The socket is bound here, before uvicorn starts, so a port in use is a one-line
error and the line saying where the page is printed only once the port accepts
connections (a script or a test can wait for that line instead of guessing).
"""

from __future__ import annotations

import errno
import ipaddress
import socket
import threading
import webbrowser
from collections.abc import Callable

from ..errors import AskofstedError


def serve(index, host: str, port: int, open_browser: bool = False, say: Callable[[str], None] = print) -> None:
    """Serve `index` at http://host:port/ until interrupted; port 0 takes any free port."""
    import uvicorn

    from .app import create_app

    listener = listening_socket(host, port)
    url = page_url(host, listener.getsockname()[1])
    if not _is_loopback(host):
        say(f"warning: {host} is reachable from other machines: anyone who can reach it can read this index")
    say(f"Serving {len(index.reports())} reports from {index.root} at {url} (Ctrl-C to stop)")
    if open_browser:
        threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
    config = uvicorn.Config(create_app(index), log_level="warning", access_log=False, lifespan="off",
                            server_header=False)
    try:
        uvicorn.Server(config).run(sockets=[listener])
    except KeyboardInterrupt:
        pass  # uvicorn has already closed the connections; Ctrl-C is how a person stops it
    finally:
        listener.close()
    say("Stopped.")


def listening_socket(host: str, port: int) -> socket.socket:
    """A socket listening on host:port, or an AskofstedError that says why not."""
    try:
        family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    except socket.gaierror:
        raise AskofstedError(f"cannot serve on {host!r}: no such host name or address") from None
    try:
        return socket.create_server(address, family=family, backlog=128)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise AskofstedError(f"port {port} on {host} is in use; choose another with --port "
                                 f"(--port 0 takes any free one)") from None
        raise AskofstedError(f"cannot serve on {host}:{port}: {exc.strerror or exc}") from None


def page_url(host: str, port: int) -> str:
    shown = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}.get(host, host)  # any address: this machine's
    if ":" in shown:
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
