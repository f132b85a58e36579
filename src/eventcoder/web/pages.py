"""The HTML pages: code an article, the events table, a relationship, the network, a stored article.

Pages are rendered on the server with Jinja2 (autoescaping on), so article
text reaches the browser only as escaped text; the small scripts in
static/js add hover, filtering and the chart, and read their data from JSON
`<script type="application/json">` blocks, never from inline code.
"""

from __future__ import annotations

import calendar
import math
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Form, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from eventcoder.errors import InputError
from eventcoder.web import queries
from eventcoder.web.api import service
from eventcoder.web.params import CODE, DAY, day, event_query
from eventcoder.web.queries import EventQuery
from eventcoder.web.security import token_ok
from eventcoder.web.service import BadArticle, FetchFailed, Service, StoreReadOnly, UnsafeURL
from eventcoder.web.views import QUAD_NAMES, article_view

router = APIRouter(include_in_schema=False)
CODE_PATH = CODE.replace("{0,", "{1,")


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render a template with the context every page shares."""
    templates = request.app.state.templates
    base = {"request": request, "token_required": bool(request.app.state.token),
            "read_only": request.app.state.service.read_only, "quad_names": QUAD_NAMES}
    return templates.TemplateResponse(request, name, {**base, **context}, status_code=status)


@router.get("/", response_class=HTMLResponse)
def code_form(request: Request, svc: Annotated[Service, Depends(service)]) -> HTMLResponse:
    """The empty form (paste an article or give its URL), with the store's latest articles."""
    con = svc.con()
    return render(request, "code.html", form={}, view=None, recent=queries.recent_articles(con),
                  totals=queries.totals(con))


@router.post("/", response_class=HTMLResponse)
def code_submit(request: Request, svc: Annotated[Service, Depends(service)],
                text: Annotated[str, Form(max_length=500_000)] = "",
                url: Annotated[str, Form(max_length=4000)] = "",
                title: Annotated[str, Form(max_length=1000)] = "",
                published: Annotated[str, Form(max_length=40)] = "",
                store: Annotated[bool, Form()] = False,
                token: Annotated[str, Form(max_length=1000)] = "") -> HTMLResponse:
    """Code the pasted article (or the page at the URL) and show it highlighted."""
    form = {"text": text, "url": url, "title": title, "published": published, "store": store}
    try:
        if store and not token_ok(request.app.state.token, token or None):
            raise _PageError(401, "Storing needs the server's token.")
        article = svc.article_from_request(text, title, published, url, source="pasted article",
                                           split_title=True)
        result = svc.code([article])[0]
        if isinstance(result, InputError):
            raise _PageError(422, str(result))
        stored_id = None
        if store:
            res = svc.write([result])
            stored_id = (res.stored + res.already)[0]
    except _PageError as exc:
        return render(request, "code.html", status=exc.status, form=form, view=None, error=exc.message)
    except (BadArticle, StoreReadOnly) as exc:
        return render(request, "code.html", status=422, form=form, view=None, error=str(exc))
    except UnsafeURL as exc:
        return render(request, "code.html", status=403, form=form, view=None,
                      error=f"Refused to fetch the URL: {exc}")
    except FetchFailed as exc:
        return render(request, "code.html", status=400, form=form, view=None,
                      error=f"Could not fetch the URL: {exc}")
    view = article_view(result.to_dict(), result.text)
    return render(request, "code.html", form=form, view=view, stored_id=stored_id)


class _PageError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, svc: Annotated[Service, Depends(service)],
                q: Annotated[EventQuery, Depends(event_query)]) -> HTMLResponse:
    """The filterable, sortable, paginated events table; the URL holds the filters."""
    con = svc.con()
    page = svc.events_page(q)
    pages = max(1, math.ceil(page["total"] / q.per_page))
    return render(request, "events.html", q=q, page=page, pages=pages, types=queries.event_types(con),
                  totals=queries.totals(con))


@router.get("/relationship", response_class=HTMLResponse)
def relationship_pick(request: Request, svc: Annotated[Service, Depends(service)],
                      a: Annotated[str, Query(pattern=CODE)] = "",
                      b: Annotated[str, Query(pattern=CODE)] = "") -> Any:
    """The dyad picker (with the busiest country pairs); with both codes it redirects to the dyad."""
    if a and b:
        return RedirectResponse(f"/relationship/{a.upper()}/{b.upper()}", status_code=303)
    return render(request, "relationship.html", a=a.upper(), b=b.upper(), series=None, timeline=None,
                  dyads=queries.top_dyads(svc.con()))


@router.get("/relationship/{a}/{b}", response_class=HTMLResponse)
def relationship(request: Request, svc: Annotated[Service, Depends(service)],
                 a: Annotated[str, Path(pattern=CODE_PATH)], b: Annotated[str, Path(pattern=CODE_PATH)],
                 directed: bool = False,
                 since: Annotated[str | None, Query(pattern=DAY)] = None,
                 until: Annotated[str | None, Query(pattern=DAY)] = None) -> HTMLResponse:
    """A dyad over time: monthly Goldstein sum and quad-class counts, and the timeline of events."""
    a, b = a.upper(), b.upper()
    con = svc.con()
    start, end = day(since, "since"), day(until, "until")
    series = queries.dyad_series(con, a, b, directed, start, end)
    timeline = svc.events_page(EventQuery(source=a, target=b, symmetric=not directed, since=start,
                                                   until=end, sort="date", order="desc", per_page=200))
    summary = {
        "events": sum(m["events"] for m in series),
        "goldstein": round(sum(m["goldstein_sum"] for m in series), 1),
        "months": len(series),
        "quad": {k: sum(m["quad_class"][k] for m in series) for k in ("1", "2", "3", "4")},
    }
    return render(request, "relationship.html", a=a, b=b, directed=directed, since=since or "",
                  until=until or "", series=series, timeline=timeline, summary=summary)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, svc: Annotated[Service, Depends(service)],
                 level: Annotated[str, Query(pattern=r"^(country|actor)$")] = "country",
                 since: Annotated[str | None, Query(pattern=DAY)] = None,
                 until: Annotated[str | None, Query(pattern=DAY)] = None,
                 nodes: Annotated[int, Query(ge=2, le=80)] = 24) -> HTMLResponse:
    """Countries or actors as nodes, edges by event volume and mean Goldstein, for a period."""
    net = queries.network(svc.con(), level, day(since, "since"), day(until, "until"), nodes)
    return render(request, "network.html", net=net, layout=circle_layout(net), level=level,
                  since=since or "", until=until or "", nodes=nodes)


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article_page(request: Request, svc: Annotated[Service, Depends(service)],
                 article_id: Annotated[str, Path(pattern=r"^[A-Za-z0-9_.:\-]{1,200}$")]) -> HTMLResponse:
    """A stored article with its highlights (or its events alone when its text was not stored)."""
    art = queries.stored_article(svc.con(), article_id)
    if art is None:
        raise HTTPException(status_code=404, detail=f"no stored article {article_id!r}")
    return render(request, "article.html", view=article_view(art, art.get("text")), stored=art)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """Swagger UI for the API, served from our own static files."""
    return render(request, "docs.html")


def month_bounds(month: str) -> tuple[str, str]:
    """First and last day of a `YYYY-MM` month, as ISO dates."""
    y, m = (int(x) for x in month.split("-"))
    return f"{y:04d}-{m:02d}-01", f"{y:04d}-{m:02d}-{calendar.monthrange(y, m)[1]:02d}"


def goldstein_colour(mean: float | None) -> str:
    """Red for conflict, grey for neutral, blue for cooperation (mean Goldstein in [-10, 10])."""
    if mean is None:
        return "#9aa3ad"
    t = max(-1.0, min(1.0, mean / 6.0))
    if t < 0:
        return f"rgb({200},{int(90 + 110 * (1 + t))},{int(90 + 110 * (1 + t))})"
    return f"rgb({int(200 - 150 * t)},{int(200 - 80 * t)},{int(200 + 30 * t)})"


def circle_layout(net: dict[str, Any], size: int = 640) -> dict[str, Any]:
    """Nodes on a circle (busiest first), edges as curves with width by volume and colour by Goldstein."""
    nodes = net["nodes"]
    if not nodes:
        return {"size": size, "nodes": [], "edges": []}
    c, r = size / 2, size / 2 - 70
    biggest = max(n["events"] for n in nodes)
    pos: dict[str, tuple[float, float]] = {}
    out_nodes = []
    for i, n in enumerate(nodes):
        angle = 2 * math.pi * i / len(nodes) - math.pi / 2
        x, y = c + r * math.cos(angle), c + r * math.sin(angle)
        pos[n["id"]] = (x, y)
        lx, ly = c + (r + 22) * math.cos(angle), c + (r + 22) * math.sin(angle)
        anchor = "start" if math.cos(angle) > 0.2 else "end" if math.cos(angle) < -0.2 else "middle"
        out_nodes.append({**n, "x": round(x, 1), "y": round(y, 1), "lx": round(lx, 1), "ly": round(ly + 4, 1),
                          "anchor": anchor, "r": round(4 + 12 * math.sqrt(n["events"] / biggest), 1)})
    most = max((e["events"] for e in net["edges"]), default=1)
    out_edges = []
    for e in net["edges"]:
        (x1, y1), (x2, y2) = pos[e["source"]], pos[e["target"]]
        mx, my = (x1 + x2) / 2, (y1 + y2) / 2
        # bend each direction to its own side, so A→B and B→A stay apart
        qx, qy = mx + (y2 - y1) * 0.12, my - (x2 - x1) * 0.12
        out_edges.append({**e, "d": f"M{x1:.1f},{y1:.1f} Q{qx:.1f},{qy:.1f} {x2:.1f},{y2:.1f}",
                          "w": round(0.8 + 7 * math.sqrt(e["events"] / most), 2),
                          "colour": goldstein_colour(e["goldstein_mean"])})
    return {"size": size, "nodes": out_nodes, "edges": out_edges}
