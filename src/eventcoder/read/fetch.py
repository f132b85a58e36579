"""Polite HTTP fetching for `eventcoder ingest`.

News sites are other people's servers: we identify ourselves, obey
robots.txt, wait between two requests to the same host, give up after a
timeout and refuse bodies larger than a limit, so one slow or huge page
cannot stall or exhaust an ingest. All state (robots rules, last request per
host) lives in one `Fetcher` object, never in the module.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from eventcoder import __version__

USER_AGENT = f"eventcoder/{__version__} (news event coder; polite fetcher)"


class FetchError(Exception):
    """A URL could not be fetched; the message says why in a few words."""


@dataclass
class Fetched:
    """A fetched body with the URL it finally came from and its media type."""

    url: str
    body: bytes
    content_type: str


@dataclass
class Fetcher:
    """Fetches URLs one at a time, politely.

    timeout: seconds to wait for a server before giving up.
    min_interval: seconds between two requests to the same host.
    max_bytes: bodies larger than this are refused (a page, not a dump).
    obey_robots: check the host's robots.txt before fetching a page.
    """

    timeout: float = 20.0
    min_interval: float = 1.0
    max_bytes: int = 20_000_000
    obey_robots: bool = True
    user_agent: str = USER_AGENT
    _last: dict[str, float] = field(default_factory=dict, repr=False)
    _robots: dict[str, urllib.robotparser.RobotFileParser | None] = field(
        default_factory=dict, repr=False)

    def _wait(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            delay = self.min_interval - (time.monotonic() - last)
            if delay > 0:
                time.sleep(delay)
        self._last[host] = time.monotonic()

    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base not in self._robots:
            rules: urllib.robotparser.RobotFileParser | None = None
            try:
                body = self._get(base + "/robots.txt").body
                rules = urllib.robotparser.RobotFileParser()
                rules.parse(body.decode("utf-8", "replace").splitlines())
            except FetchError:
                rules = None  # no robots.txt (or unreachable): nothing is forbidden
            self._robots[base] = rules
        rules = self._robots[base]
        return rules is None or rules.can_fetch(self.user_agent, url)

    def _get(self, url: str) -> Fetched:
        self._wait(urlsplit(url).netloc)
        req = urllib.request.Request(url, headers={"User-Agent": self.user_agent,
                                                   "Accept": "text/html,application/xml,*/*"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                length = resp.headers.get("Content-Length")
                if length and length.isdigit() and int(length) > self.max_bytes:
                    raise FetchError(f"body of {int(length)} bytes is over the {self.max_bytes} byte limit")
                body = resp.read(self.max_bytes + 1)
                if len(body) > self.max_bytes:
                    raise FetchError(f"body is over the {self.max_bytes} byte limit")
                ctype = resp.headers.get_content_type() or ""
                return Fetched(url=resp.geturl(), body=body, content_type=ctype)
        except urllib.error.HTTPError as exc:
            raise FetchError(f"HTTP {exc.code} {exc.reason}") from None
        except urllib.error.URLError as exc:
            raise FetchError(str(exc.reason)) from None
        except (TimeoutError, OSError) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from None

    def fetch(self, url: str) -> Fetched:
        """GET `url`, honouring robots.txt, the per-host delay and the limits."""
        if self.obey_robots and not self._allowed(url):
            raise FetchError("disallowed by the site's robots.txt")
        return self._get(url)
