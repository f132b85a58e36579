"""HTML pages to articles: the main text and metadata, through trafilatura.

trafilatura drops menus, adverts, footers and comments and finds the title,
date, author, site name and canonical URL; we keep one paragraph per line so
the parser starts a sentence at each. Feed entries carry HTML fragments, not
pages, and get the lighter `fragment_text()`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from eventcoder.errors import Errors, InputError
from eventcoder.read import article_from_object, parse_date
from eventcoder.read.common import IngestErrors, SourceItem, SourceOptions, read_bytes


def _strip_title(text: str, title: str | None) -> str:
    """trafilatura repeats the headline as the first line; the title field already holds it."""
    if title:
        first, _, rest = text.partition("\n")
        if first.strip() == title.strip() and rest.strip():
            return rest.lstrip("\n")
    return text


def article_from_html(html: bytes | str, source: str, opts: SourceOptions, url: str | None = None,
                      fallback_date: dt.date | None = None) -> SourceItem:
    """One article from an HTML page: main text, title, date, author and URL via trafilatura."""
    import trafilatura

    if isinstance(html, bytes) and b"\x00" in html[:8192]:
        return InputError(Errors.E003.format(source=source), source)
    try:
        doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False)
    except (ValueError, TypeError, AttributeError, LookupError) as exc:  # lxml/trafilatura failures
        return InputError(IngestErrors.E040.format(source=source, detail=type(exc).__name__), source)
    meta: dict[str, Any] = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else (doc or {})
    text = (meta.get("text") or "").strip()
    if not text:
        return InputError(IngestErrors.E040.format(source=source, detail="empty after extraction"), source)
    title = meta.get("title") or None
    try:
        published = parse_date(meta.get("date"), source)
    except InputError:
        published = None
    obj = {
        "text": _strip_title(text, title),
        "title": title,
        "url": meta.get("url") or url,
        "outlet": meta.get("sitename") or meta.get("hostname") or None,
    }
    try:
        article = article_from_object(obj, source, published or opts.published or fallback_date)
    except InputError as err:
        return err
    if url:  # the address it was fetched from identifies it better than a page's own claim
        article.url = url
    if meta.get("author"):
        article.extras["author"] = meta["author"]
    return article


def html_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """The article of one `.html` file."""
    data = read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    if not data.strip():
        yield InputError(Errors.E004.format(source=path), path)
        return
    yield article_from_html(data, path, opts)


def fragment_text(fragment: str) -> str:
    """Plain text from a feed entry's HTML fragment, one paragraph per line."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in fragment:
        return fragment.strip()
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ParserError, ValueError):
        return fragment.strip()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter("p", "div", "li", "h1", "h2", "h3", "h4", "blockquote"):
        el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)
