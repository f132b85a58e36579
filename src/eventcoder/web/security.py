"""The server's defences: a request body limit, security headers and the write token.

Article text is untrusted and the server may be reachable by any page open in
the user's browser, so:

- bodies are bounded before they are read (a declared `Content-Length` over
  the limit is refused at once) and while they are read (a chunked body is
  counted as it streams in), so a 100 MB upload is a 413, not a full memory;
- every response carries a Content-Security-Policy that allows scripts,
  styles and images from this server only and no inline script, so even a
  rendering bug cannot run a script smuggled into an article;
- a POST from another site's page (its `Origin` is not this server) is refused;
- the write endpoints compare the token in constant time.
"""

from __future__ import annotations

import hmac
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from fastapi import HTTPException, Request

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# Pages: our own scripts only. Swagger UI (/docs) sets inline styles, so its page may use them.
CSP_PAGES = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
             "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
             "form-action 'self'")
CSP_DOCS = CSP_PAGES.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"referrer-policy": b"same-origin",  # no referrer leaves the site; same-origin POSTs keep Origin
    b"x-frame-options": b"DENY",
    b"cross-origin-opener-policy": b"same-origin",
}


class PayloadTooLarge(HTTPException):
    """A request body over the limit.

    An `HTTPException`, so FastAPI's body parsing passes it through unchanged
    (it turns other exceptions raised while reading into a 400).
    """

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body is larger than the {limit:,} byte limit")


async def _send_json(send: Send, status: int, payload: dict[str, Any]) -> None:
    body = json.dumps(payload).encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode()),
                            (b"connection", b"close")]})
    await send({"type": "http.response.body", "body": body})


def error_payload(status: int, message: str, details: Any = None) -> dict[str, Any]:
    """The one JSON error shape of the API: `{"error": {"status", "message", "details"?}}`."""
    err: dict[str, Any] = {"status": status, "message": message}
    if details is not None:
        err["details"] = details
    return {"error": err}


class BodyLimitMiddleware:
    """Refuse request bodies larger than `max_bytes` with 413, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _send_json(send, 400, error_payload(400, "invalid Content-Length header"))
                return
            if int(declared) > self.max_bytes:
                await _send_json(send, 413, error_payload(413, PayloadTooLarge(self.max_bytes).detail))
                return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise PayloadTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except PayloadTooLarge as exc:
            if started:
                raise
            await _send_json(send, 413, error_payload(413, str(exc.detail)))


class SecurityHeadersMiddleware:
    """Add the CSP and the other hardening headers to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (CSP_DOCS if scope.get("path", "") == "/docs" else CSP_PAGES).encode()

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", [])
                           if k.lower() not in SECURITY_HEADERS and k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp))
                headers.extend(SECURITY_HEADERS.items())
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


class SameOriginMiddleware:
    """Refuse cross-site writes: a POST whose `Origin` is not this server gets 403.

    Browsers send `Origin` with every cross-site POST, so another site's page
    cannot make the user's browser submit the code form or call the API (a
    local server is reachable from any page the user opens). Clients that are
    not browsers send no `Origin` and are unaffected.
    """

    UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in self.UNSAFE:
            headers = dict(scope.get("headers") or [])
            origin = headers.get(b"origin", b"").decode("latin-1")
            host = headers.get(b"host", b"").decode("latin-1")
            if origin and urlsplit(origin).netloc.lower() != host.lower():
                await _send_json(send, 403, error_payload(
                    403, f"cross-site request refused (Origin {origin!r} is not this server)"))
                return
        await self.app(scope, receive, send)


def presented_token(request: Request, form_token: str | None = None) -> str | None:
    """The token a request carries: `Authorization: Bearer`, `X-Eventcoder-Token`, or a form field."""
    auth = request.headers.get("authorization", "")
    scheme, _, value = auth.partition(" ")
    if scheme.lower() == "bearer" and value.strip():
        return value.strip()
    return request.headers.get("x-eventcoder-token") or form_token or None


def token_ok(expected: str | None, presented: str | None) -> bool:
    """True when no token is configured, or the presented one matches (in constant time)."""
    if not expected:
        return True
    if not presented:
        return False
    return hmac.compare_digest(expected.encode("utf-8"), presented.encode("utf-8"))


def require_write_token(request: Request, expected: str | None, form_token: str | None = None) -> None:
    """Raise 401 unless the request may write to the store."""
    if not token_ok(expected, presented_token(request, form_token)):
        raise HTTPException(status_code=401,
                            detail="this endpoint writes to the store and needs the server's token "
                                   "(Authorization: Bearer <token>)",
                            headers={"WWW-Authenticate": "Bearer"})
