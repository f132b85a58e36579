"""Fetch a URL a web user typed, without letting them reach the server's own network.

A server that fetches URLs for its users can be turned against the machine it
runs on (server-side request forgery): `file:///etc/passwd`, the cloud's
metadata address, an admin port on localhost, or a public page that redirects
to one of these. So:

- only `http` and `https` are fetched, on every hop;
- the host's addresses are checked before connecting, and the address the
  socket actually connected to is checked again (this closes the gap where a
  name resolves to a public address for the check and a private one for the
  connection);
- redirects are followed by hand, at most `max_redirects`, each one checked;
- bodies and time are bounded.

Private, loopback, link-local, multicast and reserved addresses are refused
unless the operator allows them (`allow_private`, or named networks in
`allowed_networks`, for an intranet news archive).
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from eventcoder import __version__

USER_AGENT = f"eventcoder/{__version__} (news event coder)"
REDIRECTS = {301, 302, 303, 307, 308}

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


class UnsafeURL(ValueError):
    """A URL that must not be fetched (scheme, address or redirect); the message says why."""


class FetchFailed(RuntimeError):
    """A URL that could not be fetched (network, HTTP status, size)."""


@dataclass
class Page:
    """A fetched page: the final URL, its body and media type."""

    url: str
    body: bytes
    content_type: str


def _public(ip: IPAddress) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass
class UrlGuard:
    """Decides which URLs and addresses may be fetched, and fetches them."""

    allow_private: bool = False
    allowed_networks: tuple[str, ...] = ()
    timeout: float = 15.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    _networks: list[Network] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._networks = [ipaddress.ip_network(n, strict=False) for n in self.allowed_networks]

    # --- checks -------------------------------------------------------------------
    def address_allowed(self, address: str) -> bool:
        """May we connect to this IP address?"""
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if self.allow_private or _public(ip):
            return True
        return any(ip in net for net in self._networks)

    def check_url(self, url: str) -> tuple[str, str, int]:
        """(scheme, host, port) of a URL we may fetch; raises `UnsafeURL` otherwise."""
        parts = urlsplit(url.strip())
        scheme = parts.scheme.lower()
        if scheme not in ("http", "https"):
            raise UnsafeURL(f"only http and https URLs can be fetched, not {scheme or 'a bare path'!r}")
        host = parts.hostname
        if not host:
            raise UnsafeURL("the URL has no host")
        if parts.username or parts.password:
            raise UnsafeURL("URLs with a user name or password are not fetched")
        try:
            port = parts.port or (443 if scheme == "https" else 80)
        except ValueError:
            raise UnsafeURL("the URL's port is not a number between 0 and 65535") from None
        try:
            infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
        except (socket.gaierror, UnicodeError) as exc:
            raise FetchFailed(f"cannot resolve host {host!r} ({exc})") from None
        for info in infos:
            if not self.address_allowed(str(info[4][0])):
                raise UnsafeURL(f"{host} resolves to a private or reserved address ({info[4][0]}); "
                                "the server is not allowed to fetch it")
        return scheme, host, port

    # --- fetching -----------------------------------------------------------------
    def _connection(self, scheme: str, host: str, port: int) -> http.client.HTTPConnection:
        guard = self

        class Checked(http.client.HTTPSConnection if scheme == "https" else http.client.HTTPConnection):
            def connect(self) -> None:
                super().connect()
                peer = self.sock.getpeername()[0]
                if not guard.address_allowed(peer):
                    self.sock.close()
                    raise UnsafeURL(f"{host} connected to a private or reserved address ({peer})")

        if scheme == "https":
            return Checked(host, port, timeout=self.timeout, context=ssl.create_default_context())
        return Checked(host, port, timeout=self.timeout)

    def _get_once(self, url: str) -> tuple[int, dict[str, str], bytes]:
        scheme, host, port = self.check_url(url)
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        conn = self._connection(scheme, host, port)
        try:
            conn.request("GET", path, headers={"User-Agent": USER_AGENT, "Host": parts.netloc,
                                               "Accept": "text/html,application/xhtml+xml,*/*"})
            resp = conn.getresponse()
            headers = {k.lower(): v for k, v in resp.getheaders()}
            if resp.status in REDIRECTS:
                return resp.status, headers, b""
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > self.max_bytes:
                raise FetchFailed(f"the page is {int(declared):,} bytes, over the {self.max_bytes:,} limit")
            body = resp.read(self.max_bytes + 1)
            if len(body) > self.max_bytes:
                raise FetchFailed(f"the page is over the {self.max_bytes:,} byte limit")
            return resp.status, headers, body
        except (OSError, http.client.HTTPException) as exc:
            raise FetchFailed(f"{type(exc).__name__}: {exc}") from None
        finally:
            conn.close()

    def fetch(self, url: str) -> Page:
        """GET `url`, following at most `max_redirects` checked redirects."""
        current = url.strip()
        for _ in range(self.max_redirects + 1):
            status, headers, body = self._get_once(current)
            if status in REDIRECTS:
                location = headers.get("location")
                if not location:
                    raise FetchFailed(f"HTTP {status} redirect without a Location")
                current = urljoin(current, location)
                continue
            if status >= 400:
                raise FetchFailed(f"HTTP {status}")
            ctype = headers.get("content-type", "").split(";", 1)[0].strip().lower()
            return Page(url=current, body=body, content_type=ctype)
        raise FetchFailed(f"more than {self.max_redirects} redirects")
