"""Sources for `eventcoder ingest`: folders, feeds, web archives and URLs.

`iter_sources()` turns each source a user names into a stream of `Article`
objects, `InputError`s (a source or record that could not be read) and
`Skipped` notices (readable, but not for us: a non-English article), in a
stable order, so that two ingests of the same sources see the same stream.

- a folder: every file below it with a known suffix, in sorted order;
- `.txt`, `.json`, `.jsonl` through the plain readers (`eventcoder.read`);
- `.csv`: one article per row, from a `text` column (or `body`/`content`);
- `.html`/`.htm`: the article text, title, date, author and URL through
  trafilatura, which drops menus, adverts and comments;
- RSS and Atom feed files (`.xml`, `.rss`, `.atom`) through feedparser: one
  article per entry, from its full content or summary;
- WARC and WARC.GZ files (as in Common Crawl News) through warcio: one article
  per HTML response record;
- `http://` and `https://` URLs of pages or feeds, fetched politely.

No bad input raises: a truncated archive, invalid UTF-8, a binary, empty or
huge file, or malformed HTML or feed becomes one `InputError` naming the
source, and the stream goes on with everything else.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.read import article_from_object, read_path
from eventcoder.read.common import IngestErrors, Skipped, SourceItem, SourceOptions, read_bytes
from eventcoder.read.feeds import articles_from_feed, feed_file
from eventcoder.read.fetch import FetchError
from eventcoder.read.html import article_from_html, html_file
from eventcoder.read.warc import warc_file

__all__ = ["IngestErrors", "Skipped", "SourceItem", "SourceOptions", "discover", "estimate_count",
           "iter_sources", "read_source"]

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
PLAIN_SUFFIXES = (".txt", ".json", ".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
KNOWN_SUFFIXES = HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + PLAIN_SUFFIXES + CSV_SUFFIXES
CSV_TEXT_COLUMNS = ("text", "body", "content", "article")


# --- discovery ---------------------------------------------------------------

def _suffix(path: str) -> str:
    name = path.lower()
    for s in WARC_SUFFIXES:
        if name.endswith(s):
            return s
    return os.path.splitext(name)[1]


def is_url(source: str) -> bool:
    """True for an http(s) URL."""
    return source.startswith(("http://", "https://"))


def discover(sources: Iterable[str]) -> Iterator[str]:
    """Expand folders into their files with known suffixes (sorted, hidden files left out)."""
    for source in sources:
        p = Path(source)
        if not is_url(source) and p.is_dir():
            for sub in sorted(p.rglob("*")):
                rel = sub.relative_to(p)
                if any(part.startswith(".") for part in rel.parts):
                    continue
                if sub.is_file() and _suffix(sub.name) in KNOWN_SUFFIXES:
                    yield str(sub)
        else:
            yield source


def _estimate_file(path: str) -> int | None:
    suffix = _suffix(path)
    if suffix in WARC_SUFFIXES:
        return None  # counting records means reading the whole archive
    try:
        if suffix in (".jsonl", ".ndjson", ".csv"):
            with open(path, "rb") as fh:
                return max(1, sum(1 for line in fh if line.strip()) - (suffix == ".csv"))
        if suffix in FEED_SUFFIXES:
            data = Path(path).read_bytes()
            return max(1, data.count(b"<item") + data.count(b"<entry"))
    except OSError:
        return 1
    return 1


def estimate_count(paths: list[str]) -> int | None:
    """About how many articles `paths` hold, cheaply; None when it cannot be told.

    Used only for the progress bar's ETA: one article per single-article file
    or URL, one per non-blank line of JSONL (per row of CSV), one per feed
    item; unknown as soon as a WARC is among the inputs.
    """
    total = 0
    for path in paths:
        n = 1 if is_url(path) else _estimate_file(path)
        if n is None:
            return None
        total += n
    return total


# --- language ----------------------------------------------------------------

@lru_cache(maxsize=1)
def _language_identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str, float]:
    """The most likely language (ISO 639-1) of `text` and its probability."""
    lang, prob = _language_identifier().classify(text[:5000])
    return str(lang), float(prob)


def check_article(article: Article, opts: SourceOptions) -> SourceItem:
    """The article itself, or why it must not be coded (too long, not English)."""
    if len(article.text) > opts.max_chars:
        return InputError(IngestErrors.E044.format(source=article.source_name, size=len(article.text),
                                                   limit=opts.max_chars), article.source_name)
    if opts.languages:
        lang, prob = detect_language(article.text)
        article.extras["language"] = lang
        if lang not in opts.languages and prob >= opts.min_language_prob:
            return Skipped(IngestErrors.E047.format(
                source=article.source_name, lang=lang, allowed=", ".join(opts.languages), prob=prob),
                article.source_name)
    return article


# --- CSV and plain files ---------------------------------------------------------
def _csv_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    from eventcoder.read import decode_text

    data = read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    try:
        text = decode_text(data, path)
    except InputError as err:
        yield err
        return
    reader = csv.DictReader(io.StringIO(text))
    try:
        header = [h.strip().lower() for h in reader.fieldnames or []]
    except csv.Error as exc:
        yield InputError(IngestErrors.E046.format(source=path, detail=exc), path)
        return
    column = next((c for c in CSV_TEXT_COLUMNS if c in header), None)
    if column is None:
        detail = f"no text column; expected one of {', '.join(CSV_TEXT_COLUMNS)}"
        yield InputError(IngestErrors.E046.format(source=path, detail=detail), path)
        return
    n = 1
    while True:
        n += 1
        where = f"{path}:{n}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # one bad row (say, a field over the csv module's limit)
            yield InputError(IngestErrors.E046.format(source=where, detail=exc), where)
            continue
        yield _csv_row(row, column, where, opts)


def _csv_row(row: dict[str | None, Any], column: str, where: str, opts: SourceOptions) -> SourceItem:
    obj = {(k or "").strip().lower(): v for k, v in row.items()}
    obj["text"] = obj.pop(column) or ""
    obj = {k: v for k, v in obj.items() if k in ("id", "title", "text", "published", "url", "outlet")}
    try:
        return article_from_object(obj, where, opts.published)
    except InputError as err:
        return err


def _plain_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    if _suffix(path) in (".txt", ".json"):
        data = read_bytes(path, opts)  # refuse a huge single article before decoding it
        if isinstance(data, InputError):
            yield data
            return
    yield from read_path(path, opts.published)


def _sniff_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """A file with an unknown suffix: a feed, a page, or else plain text."""
    data = read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        yield from warc_file(path, opts)
    elif b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
        yield from articles_from_feed(data, path, opts)
    elif head.startswith((b"<!doctype html", b"<html")):
        yield article_from_html(data, path, opts)
    else:
        yield from read_path(path, opts.published)


# --- URLs ----------------------------------------------------------------------------

def _is_feed(fetched_type: str, body: bytes) -> bool:
    head = body[:2048].lstrip().lower()
    return ("rss" in fetched_type or "atom" in fetched_type
            or (("xml" in fetched_type or head.startswith(b"<?xml"))
                and (b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head)))


def _url(url: str, opts: SourceOptions) -> Iterator[SourceItem]:
    try:
        got = opts.fetcher.fetch(url)
    except FetchError as exc:
        yield InputError(IngestErrors.E043.format(source=url, detail=exc), url)
        return
    if _is_feed(got.content_type, got.body):
        def follow(link: str) -> SourceItem | None:
            try:
                page = opts.fetcher.fetch(link)
            except FetchError:
                return None  # fall back to the entry's own content
            item = article_from_html(page.body, link, opts, url=page.url)
            return item if isinstance(item, Article) else None

        yield from articles_from_feed(got.body, url, opts, follow=follow)
    elif got.content_type == "text/plain":
        from eventcoder.read import decode_text, read_text_blob

        try:
            text = decode_text(got.body, url)
        except InputError as err:
            yield err
            return
        for item in read_text_blob(text, url, opts.published, "txt"):
            if isinstance(item, Article):
                item.url = got.url
            yield item
    else:
        yield article_from_html(got.body, url, opts, url=got.url)


# --- the stream ------------------------------------------------------------------------

READERS: dict[str, Callable[[str, SourceOptions], Iterator[SourceItem]]] = {
    **{s: html_file for s in HTML_SUFFIXES},
    **{s: feed_file for s in FEED_SUFFIXES},
    **{s: warc_file for s in WARC_SUFFIXES},
    **{s: _plain_file for s in PLAIN_SUFFIXES},
    **{s: _csv_file for s in CSV_SUFFIXES},
}


def read_source(source: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """Every article (or error) from one file or URL, before the language check."""
    if is_url(source):
        yield from _url(source, opts)
        return
    if source == "-":
        yield from read_path(source, opts.published)
        return
    reader = READERS.get(_suffix(source), _sniff_file)
    yield from reader(source, opts)


def iter_sources(sources: Iterable[str], opts: SourceOptions | None = None) -> Iterator[SourceItem]:
    """Articles, errors and skips from every source in turn (folders expanded)."""
    opts = opts or SourceOptions()
    for source in discover(sources):
        for item in read_source(source, opts):
            yield check_article(item, opts) if isinstance(item, Article) else item
