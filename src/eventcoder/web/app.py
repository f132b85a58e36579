"""`create_app`: the FastAPI application behind `eventcoder serve`.

Everything the app needs (templates, scripts, styles, Chart.js, Swagger UI)
is inside the package, so it works on a machine with no network. Errors on
`/api` paths are JSON (`{"error": {"status", "message"}}`); on pages they are
an HTML page with the same message.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from eventcoder import __version__
from eventcoder.web import api, pages
from eventcoder.web.netguard import UrlGuard
from eventcoder.web.security import (
    BodyLimitMiddleware,
    SameOriginMiddleware,
    SecurityHeadersMiddleware,
    error_payload,
)
from eventcoder.web.service import Service

log = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
DEFAULT_MAX_BODY = 16 * 1024 * 1024
TOKEN_ENV = "EVENTCODER_TOKEN"


def _validation_message(exc: RequestValidationError) -> tuple[str, list[dict[str, Any]]]:
    details = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("body", "query", "path"))
        details.append({"field": where or None, "problem": err.get("msg", "invalid")})
    first = details[0] if details else {"field": None, "problem": "invalid request"}
    head = f"{first['field']}: {first['problem']}" if first["field"] else first["problem"]
    return f"invalid request ({head})", details


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def _error(request: Request, status: int, message: str, details: Any = None,
           headers: dict[str, str] | None = None) -> Response:
    if _wants_json(request):
        return JSONResponse(error_payload(status, message, details), status_code=status, headers=headers)
    return pages.render(request, "error.html", status=status, status_code=status, message=message)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        detail = exc.detail
        if isinstance(detail, dict):
            return _error(request, exc.status_code, str(detail.get("message")), detail.get("details"),
                          getattr(exc, "headers", None))
        if exc.status_code == 404 and detail == "Not Found":
            detail = f"nothing at {request.url.path}"
        return _error(request, exc.status_code, str(detail), headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        message, details = _validation_message(exc)
        return _error(request, 422, message, details)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s", request.url.path)
        return _error(request, 500, f"internal error ({type(exc).__name__}); see the server log")


def create_app(db_path: str | os.PathLike[str], token: str | None = None, *, read_only: bool = False,
               pipeline: Any = None, max_body: int = DEFAULT_MAX_BODY,
               allowed_hosts: list[str] | None = None, allow_private_urls: bool = False,
               allowed_networks: tuple[str, ...] = ()) -> FastAPI:
    """The web app over the store at `db_path` (created when missing, unless `read_only`).

    token: required by write endpoints when set (default: $EVENTCODER_TOKEN).
    pipeline: a ready `Pipeline` (default: built on first use).
    max_body: the largest request body accepted, in bytes.
    allowed_hosts: Host headers accepted (None: any); `serve` sets the loopback names when it
        binds to loopback, which stops DNS-rebinding pages from talking to the server.
    allow_private_urls / allowed_networks: let the URL fetcher reach private addresses.
    """
    token = token if token is not None else (os.environ.get(TOKEN_ENV) or None)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        app.state.service.close()

    app = FastAPI(title="eventcoder", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Code political news into events, and explore the event store. "
                              "Write endpoints need `Authorization: Bearer <token>` when the server "
                              "was started with a token.")
    guard = UrlGuard(allow_private=allow_private_urls, allowed_networks=tuple(allowed_networks))
    app.state.service = Service(str(db_path), read_only=read_only, pipeline=pipeline, guard=guard)
    app.state.token = token
    app.state.templates = Jinja2Templates(directory=str(HERE / "templates"))
    app.state.templates.env.globals["version"] = __version__
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    app.include_router(api.router)
    app.include_router(pages.router)
    _install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body)
    app.add_middleware(SameOriginMiddleware)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)

    return app


__all__ = ["DEFAULT_MAX_BODY", "TOKEN_ENV", "create_app"]
