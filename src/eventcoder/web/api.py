"""The JSON API under `/api` (documented at `/docs`, schema at `/openapi.json`).

Errors are `{"error": {"status", "message", "details"?}}` with the matching
status: 400 (a URL that cannot be fetched), 401 (a write without the token),
403 (a URL to a private address), 404, 409 (a read-only store), 413 (a body
over the limit), 422 (invalid input).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.read import article_from_object
from eventcoder.web import queries
from eventcoder.web.params import CODE, DAY, day, event_query
from eventcoder.web.queries import EventQuery
from eventcoder.web.security import require_write_token
from eventcoder.web.service import BadArticle, FetchFailed, Service, StoreReadOnly, UnsafeURL

MAX_INGEST = 1000


class ErrorDetail(BaseModel):
    """What went wrong."""

    status: int
    message: str = Field(..., description="one line naming the problem (and the field, if any)")
    details: list[dict[str, Any]] | None = None


class ErrorBody(BaseModel):
    """Every error of the API has this shape."""

    error: ErrorDetail


ERRORS = {code: {"model": ErrorBody, "description": text} for code, text in {
    400: "a URL that could not be fetched, or a malformed request", 401: "a write without the token",
    403: "a URL the server refuses to fetch, or a cross-site request", 404: "no such article",
    409: "a write to a read-only store", 413: "a request body over the limit", 422: "invalid input",
}.items()}
router = APIRouter(prefix="/api", tags=["api"], responses=ERRORS)


class CodeRequest(BaseModel):
    """An article to code: its text, or a URL to fetch it from."""

    text: str | None = Field(None, description="the article text (or give `url` alone to fetch it)")
    title: str | None = Field(None, max_length=1000)
    published: str | None = Field(None, description="publication date, YYYY-MM-DD", max_length=40)
    url: str | None = Field(None, max_length=4000,
                            description="the article's address; fetched when `text` is empty")
    store: bool = Field(False, description="also store the coded article (needs the token if one is set)")


class IngestRequest(BaseModel):
    """Article objects (`{"id", "title", "text", "published", "url", "outlet"}`) to code and store."""

    articles: list[dict[str, Any]] = Field(..., max_length=MAX_INGEST)


async def service(request: Request) -> Service:
    """The app's `Service` (async: no worker thread needed to read an attribute)."""
    return request.app.state.service


BEARER = HTTPBearer(auto_error=False, description="the token given to `eventcoder serve --token`")


def write_guard(request: Request,
                _: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None) -> None:
    """401 unless the request carries the server's token (when one is configured)."""
    require_write_token(request, request.app.state.token)


def article_json(a: Article) -> dict[str, Any]:
    """The schema's article object, plus its `text` (so offsets can be used by the caller)."""
    return {**a.to_dict(), "text": a.text}


def coded_or_raise(svc: Service, article: Article) -> Article:
    """Code one article; a failure inside a stage becomes a 422 naming it."""
    result = svc.code([article])[0]
    if isinstance(result, InputError):
        raise HTTPException(status_code=422, detail=str(result))
    return result


def request_article(svc: Service, body: CodeRequest) -> Article:
    """The article a code request describes, or the HTTP error that explains why not."""
    try:
        return svc.article_from_request(body.text, body.title, body.published, body.url)
    except BadArticle as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    except UnsafeURL as exc:
        raise HTTPException(status_code=403, detail=f"refused to fetch the URL: {exc}") from None
    except FetchFailed as exc:
        raise HTTPException(status_code=400, detail=f"could not fetch the URL: {exc}") from None


def store_or_raise(svc: Service, articles: list[Article], problems: list[InputError] = ()):
    """Write articles to the store; a read-only store is a 409."""
    try:
        return svc.write(articles, problems)
    except StoreReadOnly as exc:
        raise HTTPException(status_code=409, detail=str(exc)) from None


@router.post("/code", summary="Code one article (and optionally store it)")
def code(body: CodeRequest, request: Request, svc: Annotated[Service, Depends(service)],
         _: Annotated[HTTPAuthorizationCredentials | None, Depends(BEARER)] = None) -> dict[str, Any]:
    """Code an article and return the documented `{"articles": [...]}` JSON.

    With `"store": true` the coded article is also written to the store (this
    needs the token when the server has one) and `stored` lists its store id.
    """
    if body.store:
        write_guard(request)
    article = coded_or_raise(svc, request_article(svc, body))
    out: dict[str, Any] = {"articles": [article_json(article)]}
    if body.store:
        result = store_or_raise(svc, [article])
        out["stored"] = result.stored + result.already
    return out


@router.post("/ingest", summary="Code and store article objects", dependencies=[Depends(write_guard)])
def ingest(body: IngestRequest, svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """Code and store up to 1000 article objects; bad ones are reported, the rest stored.

    422 when no article could be coded.
    """
    if svc.read_only:
        raise HTTPException(status_code=409, detail="the store was opened read-only")
    valid: list[Article] = []
    problems: list[InputError] = []
    for i, obj in enumerate(body.articles):
        try:
            valid.append(article_from_object(obj, f"articles[{i}]"))
        except InputError as exc:
            problems.append(exc)
    try:
        coded = svc.code(valid) if valid else []
    except BadArticle as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None
    articles = [a for a in coded if isinstance(a, Article)]
    problems += [p for p in coded if isinstance(p, InputError)]
    if not articles:
        raise HTTPException(status_code=422, detail={
            "message": "no article could be coded",
            "details": [{"source": p.source, "message": str(p)} for p in problems]})
    result = store_or_raise(svc, articles, problems)
    return {"stored": result.stored, "already": result.already, "failed": result.failed}


@router.get("/events", summary="Deduplicated events in the store, filtered, sorted and paginated")
async def events(svc: Annotated[Service, Depends(service)],
                 q: Annotated[EventQuery, Depends(event_query)]) -> JSONResponse:
    """One page of events (one row per deduplicated event) and the total that match."""
    index = None if q.text else svc.index()
    if index is not None:  # about a millisecond in memory: answer on the event loop
        page = index.page(q)
    else:  # SQL: off the event loop
        page = await run_in_threadpool(svc.events_page, q)
    for e in page["events"]:
        e["published"] = e["published"].isoformat() if e.get("published") else None
    page["pages"] = -(-page["total"] // q.per_page)
    # Plain JSON values only, so skip FastAPI's generic (and slow) encoder.
    return JSONResponse(page)


@router.get("/articles/{article_id}", summary="A stored article with its events, quotes and times")
def article(article_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:\-]{1,200}$")],
            svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """The stored article (by store id, or by the id its input gave)."""
    found = queries.stored_article(svc.con(), article_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no stored article {article_id!r}")
    return found


@router.get("/dyads/{a}/{b}/series", summary="Monthly event counts and Goldstein sums for a dyad")
def dyad_series(a: Annotated[str, Path(pattern=CODE.replace("{0,", "{1,"))],
                b: Annotated[str, Path(pattern=CODE.replace("{0,", "{1,"))],
                svc: Annotated[Service, Depends(service)],
                directed: Annotated[bool, Query(description="only a → b (default: both directions)")] = False,
                since: Annotated[str | None, Query(pattern=DAY)] = None,
                until: Annotated[str | None, Query(pattern=DAY)] = None) -> dict[str, Any]:
    """Per month: events between the two actor code prefixes, Goldstein sum and mean, quad-class counts."""
    months = queries.dyad_series(svc.con(), a.upper(), b.upper(), directed, day(since, "since"),
                                 day(until, "until"))
    return {"source": a.upper(), "target": b.upper(), "directed": directed, "months": months}


@router.get("/network", summary="Event volume and mean Goldstein between countries or actors")
def network(svc: Annotated[Service, Depends(service)],
            level: Annotated[str, Query(pattern=r"^(country|actor)$")] = "country",
            since: Annotated[str | None, Query(pattern=DAY)] = None,
            until: Annotated[str | None, Query(pattern=DAY)] = None,
            nodes: Annotated[int, Query(ge=2, le=200)] = 30) -> dict[str, Any]:
    """Directed edges (source → target) among the busiest nodes of the period."""
    return queries.network(svc.con(), level, day(since, "since"), day(until, "until"), nodes)


@router.get("/status", summary="Store totals and whether the fast event index is ready")
def status(svc: Annotated[Service, Depends(service)]) -> dict[str, Any]:
    """Articles, mentions and events in the store, and the in-memory index's state."""
    return svc.status()
