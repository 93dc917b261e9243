"""A web server on 127.0.0.1 for import and drift tests: pages that change, redirect, vanish or hang.

Runs in a thread of the test process, answers what ``routes`` says at the time of the request,
and records every request (path, User-Agent, when it began and ended) so tests can check how
politely they were made. It stops when the ``with`` block ends.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None
    """For a redirect: the Location header."""
    delay: float = 0.0
    """Seconds to wait before answering (a server that hangs)."""


@dataclass
class Request:
    path: str
    user_agent: str
    started: float
    ended: float = 0.0


@dataclass
class LocalServer:
    routes: dict[str, Route] = field(default_factory=dict)
    requests: list[Request] = field(default_factory=list)
    port: int = 0

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> "LocalServer":
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                request = Request(self.path, self.headers.get("User-Agent", ""), time.monotonic())
                server.requests.append(request)
                route = server.routes.get(self.path, Route(b"not found", 404, "text/plain"))
                try:
                    time.sleep(route.delay)
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    self.send_header("Content-Length", str(len(route.body)))
                    if route.location:
                        self.send_header("Location", route.location)
                    self.end_headers()
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up waiting, as it should
                finally:
                    request.ended = time.monotonic()

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
