"""Fetching a web page for `new source URL` and `drift`: polite, bounded, and only from the web.

Only http and https, on every hop of a redirect; only public addresses (a page, or a redirect,
pointing at 127.0.0.1, a private network or a cloud's metadata address is refused, unless the
editor asks with --allow-private), with the address checked the one time it is resolved and
then connected to, so that a name cannot resolve to a public address for the check and a
private one for the connection. Each fetch has a size limit, a time limit on every socket
operation and on the whole fetch, and a User-Agent naming Dossier. `build` never fetches.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import time
import zlib
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from ..content.schema import is_web_address

USER_AGENT = "Dossier/1 (source import and drift check of an evidence site; one request at a time)"
HEADERS = {
    "User-Agent": USER_AGENT,
    "Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5",
    "Accept-Encoding": "gzip, deflate, identity",  # what _read_body can undo
}
REDIRECTS = (301, 302, 303, 307, 308)
_URL_SAFE = "/%:@!$&'()*+,;=-._~?"


@dataclass(frozen=True)
class Limits:
    """How far one fetch may go."""

    max_bytes: int = 5_000_000
    """A news page is a few hundred kilobytes; more is not an article."""
    timeout: float = 15.0
    """Seconds any one connection, send or read may wait."""
    deadline: float = 30.0
    """Seconds the whole fetch may take, redirects included."""
    max_redirects: int = 5
    allow_private: bool = False
    """Whether loopback and private addresses may be fetched (tests, a local mirror)."""


@dataclass(frozen=True)
class Fetched:
    """A page as the server answered it."""

    url: str
    """The address finally fetched, after redirects."""
    status: int
    reason: str
    content_type: str
    """The media type without parameters, lowercase: 'text/html'."""
    body: bytes
    """The body exactly as received (after undoing a gzip or deflate transfer coding)."""


class FetchError(Exception):
    """A fetch that got no answer to judge: refused by our rules, or failed on the network."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind
        """'refused' (our rules: scheme, address, size, redirects), 'unreachable' (no such host,
        connection refused) or 'timeout'."""


def fetch(url: str, limits: Limits = Limits()) -> Fetched:
    """GET ``url``, following up to ``limits.max_redirects`` redirects; any HTTP status is returned
    (the caller judges a 404). Raises FetchError when there is no answer to judge."""
    deadline = time.monotonic() + limits.deadline
    redirected_from = None
    for _ in range(limits.max_redirects + 1):
        try:
            scheme, host, port, target = _split(url)
            address = _public_address(host, port, limits.allow_private)
        except FetchError as error:
            if redirected_from:
                raise FetchError(f"{error} (where {redirected_from} redirects)", error.kind) from None
            raise
        connection = _connection(scheme, host, port, address, _remaining(deadline, limits, url))
        try:
            connection.request("GET", target, headers=HEADERS)
            response = connection.getresponse()
            location = response.getheader("Location")
            if response.status in REDIRECTS and location:
                redirected_from, url = url, urljoin(url, location.strip())
                continue
            body = _read_body(response, connection, limits, deadline, url)
            content_type = (response.getheader("Content-Type") or "").split(";", 1)[0].strip().lower()
            return Fetched(url, response.status, response.reason, content_type, body)
        except socket.timeout:
            if time.monotonic() < deadline - 0.1:
                raise FetchError(f"{url}: no answer within {limits.timeout:g} s", "timeout") from None
            raise FetchError(f"{url}: the page took longer than the {limits.deadline:.1f} s allowed", "timeout") from None
        except (OSError, http.client.HTTPException) as error:
            raise FetchError(f"{url}: the connection failed ({_reason(error)})", "unreachable") from None
        finally:
            connection.close()
    raise FetchError(f"{url}: more than {limits.max_redirects} redirects", "refused")


def _split(url: str) -> tuple[str, str, int, str]:
    if not is_web_address(url):
        raise FetchError(f"refused {url!r}: only http:// and https:// addresses are fetched", "refused")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        host = (parts.hostname or "").encode("idna").decode("ascii")
        port = parts.port or (443 if scheme == "https" else 80)
    except (UnicodeError, ValueError):
        raise FetchError(f"refused {url!r}: its host name or port is not valid", "refused") from None
    if not host:
        raise FetchError(f"refused {url!r}: it names no host", "refused")
    target = quote(parts.path or "/", safe=_URL_SAFE) + (f"?{quote(parts.query, safe=_URL_SAFE)}" if parts.query else "")
    return scheme, host, port, target


def _public_address(host: str, port: int, allow_private: bool) -> str:
    """The address to connect to: every address the name has must be public, unless allowed."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{host}: no such host ({_reason(error)})", "unreachable") from None
    addresses = [info[4][0] for info in found]
    if not allow_private:
        for address in addresses:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
            ip = getattr(ip, "ipv4_mapped", None) or ip
            if not ip.is_global or ip.is_multicast:
                where = "is" if address == host else f"resolves to {address},"
                raise FetchError(
                    f"refused {host}: it {where} a loopback, private or reserved address; "
                    "only public addresses are fetched (--allow-private fetches from this machine or a local network)",
                    "refused",
                )
    return addresses[0]


class _HTTPConnection(http.client.HTTPConnection):
    """Connects to the address already checked, whatever the name would resolve to now."""

    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout)
        self.checked_address = address

    def connect(self) -> None:
        self.sock = socket.create_connection((self.checked_address, self.port), self.timeout)


class _HTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: str, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.checked_address = address

    def connect(self) -> None:
        sock = socket.create_connection((self.checked_address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _connection(scheme: str, host: str, port: int, address: str, timeout: float) -> http.client.HTTPConnection:
    kind = _HTTPSConnection if scheme == "https" else _HTTPConnection
    return kind(host, port, address, timeout)


def _remaining(deadline: float, limits: Limits, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: the page took longer than the {limits.deadline:.1f} s allowed", "timeout")
    return min(limits.timeout, left)


def _read_body(response, connection, limits: Limits, deadline: float, url: str) -> bytes:
    too_big = FetchError(f"refused {url}: the page is larger than {limits.max_bytes // 1_000_000} MB", "refused")
    length = response.getheader("Content-Length")
    if length and length.strip().isdigit() and int(length) > limits.max_bytes:
        raise too_big
    coding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if coding not in ("identity", "gzip", "x-gzip", "deflate"):
        raise FetchError(f"refused {url}: content encoding {coding!r} is not supported", "refused")
    inflate = zlib.decompressobj(zlib.MAX_WBITS | 32) if coding != "identity" else None
    chunks, size = [], 0
    while True:
        if connection.sock is not None:
            connection.sock.settimeout(_remaining(deadline, limits, url))
        chunk = response.read(65_536)
        if not chunk:
            break
        if inflate is not None:
            chunk = inflate.decompress(chunk, limits.max_bytes + 1 - size)
        size += len(chunk)
        if size > limits.max_bytes:
            raise too_big
        chunks.append(chunk)
    return b"".join(chunks)


def _reason(error: BaseException) -> str:
    return getattr(error, "strerror", None) or str(error) or type(error).__name__
