"""Query parameters shared by the events page and `GET /api/events`.

Every filter is checked against a narrow pattern before it reaches SQL (as a
parameter, never as SQL text), so a malformed value is a clear 422 naming the
parameter. Empty values mean "no filter", so the page's filter form can send
every field.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import HTTPException, Query

from eventcoder.web.queries import EventQuery
from eventcoder.web.service import parse_day

CODE = r"^[A-Za-z0-9]{0,32}$"
DAY = r"^(\d{4}-\d{2}-\d{2})?$"

Code = Annotated[str | None, Query(pattern=CODE, description="an actor code prefix, e.g. PRK or USAGOV")]


def day(value: str | None, name: str):
    """A date parameter, or a 422 naming it."""
    try:
        return parse_day(value, name)
    except ValueError as exc:
        raise HTTPException(status_code=422, detail=str(exc)) from None


async def event_query(
    actor: Annotated[str | None, Query(pattern=CODE, description="source or target code prefix")] = None,
    country: Annotated[str | None, Query(pattern=CODE, description="source or target country (PRK)")] = None,
    source: Annotated[str | None, Query(pattern=CODE, description="source actor code prefix")] = None,
    target: Annotated[str | None, Query(pattern=CODE, description="target actor code prefix")] = None,
    symmetric: Annotated[bool, Query(description="match source/target in either direction")] = False,
    type: Annotated[str | None, Query(pattern=r"^[A-Za-z_]{0,32}$", description="PLOVER type")] = None,
    cameo: Annotated[str | None, Query(pattern=r"^\d{0,4}$", description="CAMEO code prefix")] = None,
    factuality: Annotated[str | None, Query(pattern=r"^(asserted|future|possible|negated)?$")] = None,
    since: Annotated[str | None, Query(pattern=DAY, description="YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DAY, description="YYYY-MM-DD")] = None,
    text: Annotated[str | None, Query(max_length=200, description="a phrase in the evidence")] = None,
    sort: Annotated[Literal["date", "goldstein", "source", "target", "cameo", "type", "factuality",
                            "mentions"], Query()] = "date",
    order: Annotated[Literal["asc", "desc"], Query()] = "desc",
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
    per_page: Annotated[int, Query(ge=1, le=500)] = 50,
) -> EventQuery:
    """The validated filters, sort and page (async: pure work, no need for a worker thread)."""
    return EventQuery(
        actor=actor or None, country=country or None, source=source or None, target=target or None,
        symmetric=symmetric, type=type or None, cameo=cameo or None, factuality=factuality or None,
        since=day(since, "since"), until=day(until, "until"), text=(text or "").strip() or None,
        sort=sort, order=order, page=page, per_page=per_page)
