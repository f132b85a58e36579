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
import datetime as dt
import io
import os
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from eventcoder.errors import InputError
from eventcoder.model import Article
from eventcoder.read import article_from_object, parse_date, read_path
from eventcoder.read.fetch import Fetcher, FetchError

SourceItem = Article | InputError


class IngestErrors:
    """Messages for problems only ingest meets (codes follow `eventcoder.errors`)."""

    E040 = "E040 {source}: no article text found in the HTML ({detail})"
    E041 = "E041 {source}: malformed or empty feed ({detail})"
    E042 = "E042 {source}: truncated or corrupt WARC after {count} record(s) ({detail})"
    E043 = "E043 {source}: cannot fetch ({detail})"
    E044 = "E044 {source}: the article is too long ({size:,} characters; the limit is {limit:,})"
    E045 = "E045 {source}: the file is too large ({size:,} bytes; the limit is {limit:,})"
    E046 = "E046 {source}: malformed CSV ({detail})"
    E047 = "E047 {source}: skipped: language {lang!r} is not one of {allowed} (p={prob:.2f})"
    E048 = "E048 {source}: unsupported source type"


class Skipped(InputError):
    """A readable input deliberately not coded (say, not in English).

    A subclass of `InputError` so that it passes through the pipeline like any
    unreadable input, but ingest records it as skipped, not as a failure.
    """


HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc.gz")
PLAIN_SUFFIXES = (".txt", ".json", ".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv",)
KNOWN_SUFFIXES = HTML_SUFFIXES + FEED_SUFFIXES + WARC_SUFFIXES + PLAIN_SUFFIXES + CSV_SUFFIXES
CSV_TEXT_COLUMNS = ("text", "body", "content", "article")


@dataclass
class SourceOptions:
    """How sources are read.

    published: the date for articles whose source gives none.
    languages: ISO 639-1 codes we code; others are skipped. Empty: no check.
    min_language_prob: a text is only skipped when the detector is this sure.
    max_chars: longer articles are refused (spaCy's default `max_length`).
    max_file_bytes: single-article files above this are refused unread.
    fetcher: the polite HTTP client for URLs.
    """

    published: dt.date | None = None
    languages: tuple[str, ...] = ("en",)
    min_language_prob: float = 0.9
    max_chars: int = 1_000_000
    max_file_bytes: int = 20_000_000
    fetcher: Fetcher = field(default_factory=Fetcher)


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


# --- HTML ----------------------------------------------------------------------

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
        from eventcoder.errors import Errors

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
    article = article_from_object(obj, source, published or opts.published or fallback_date)
    if url:  # the address it was fetched from identifies it better than a page's own claim
        article.url = url
    if meta.get("author"):
        article.extras["author"] = meta["author"]
    return article


def _html_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    data = _read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    if not data.strip():
        from eventcoder.errors import Errors

        yield InputError(Errors.E004.format(source=path), path)
        return
    yield article_from_html(data, path, opts)


# --- feeds -----------------------------------------------------------------------

def _fragment_text(fragment: str) -> str:
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


def _entry_date(entry: Any) -> dt.date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    return None


def articles_from_feed(data: bytes, source: str, opts: SourceOptions,
                       follow: Callable[[str], SourceItem | None] | None = None) -> Iterator[SourceItem]:
    """One article per RSS/Atom entry (its content, else its summary).

    `follow`, when given, fetches an entry's link for the full page; a feed of
    headlines and one-line summaries is worth little without it.
    """
    import feedparser

    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        detail = str(parsed.get("bozo_exception") or "no entries")
        yield InputError(IngestErrors.E041.format(source=source, detail=detail), source)
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for i, entry in enumerate(entries):
        where = f"{source}#{i + 1}"
        link = entry.get("link") or None
        if follow is not None and link:
            page = follow(link)
            if page is not None:
                yield page
                continue
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or ""
        obj = {"id": entry.get("id") or link or "", "title": entry.get("title") or None,
               "text": _fragment_text(body), "url": link, "outlet": outlet}
        try:
            yield article_from_object(obj, where, _entry_date(entry) or opts.published)
        except InputError as err:
            yield err


def _feed_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    data = _read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    yield from articles_from_feed(data, path, opts)


# --- WARC --------------------------------------------------------------------------

def _warc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _drain(stream: Any) -> int:
    """Read the rest of a record; returns how many bytes it declared but did not have."""
    while stream.read(1 << 16):
        pass
    return int(getattr(stream, "limit", 0) or 0)


def _gzip_intact(path: str) -> str | None:
    """None when every gzip member of the file is complete, else what is wrong.

    warcio stops quietly at a truncated gzip member, so without this check a
    cut-off download would look like a shorter, complete archive.
    """
    import gzip

    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(1 << 20):
                pass
    except (EOFError, OSError, zlib.error) as exc:
        return f"{type(exc).__name__}: {exc}"
    return None


def _html_record(record: Any, path: str, index: int, opts: SourceOptions) -> SourceItem | None:
    """The article of one WARC record, when it is a successful HTML response."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    if "html" not in (record.http_headers.get_header("Content-Type") or "").lower():
        return None
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"{path}:{uri or index}"
    if (record.length or 0) > opts.max_file_bytes:
        return InputError(IngestErrors.E045.format(source=where, size=record.length,
                                                   limit=opts.max_file_bytes), where)
    body = record.content_stream().read()
    if _drain(record.raw_stream):
        return None  # a cut-off record; reported with the file
    crawled = _warc_date(record.rec_headers.get_header("WARC-Date"))
    return article_from_html(body, where, opts, url=uri, fallback_date=crawled)


def _warc_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """One article per HTML response record; a broken tail is one error after the good records."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    count = 0
    problem = None
    try:
        with open(path, "rb") as fh:
            records = ArchiveIterator(fh)
            for record in records:
                if record.rec_type is None or record.rec_headers.get_header("Content-Length") is None:
                    problem = f"record {count + 1} has incomplete headers"
                    break
                item = _html_record(record, path, count, opts)
                if _drain(record.raw_stream):
                    problem = f"record {count + 1} is cut off"
                    break
                count += 1
                if item is not None:
                    yield item
            size = Path(path).stat().st_size
            if problem is None and records.offset < size:
                problem = f"{size - records.offset} byte(s) after the last complete record"
            if problem is None and count == 0:
                problem = "no WARC records found"
    except (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError) as exc:
        problem = f"{type(exc).__name__}: {exc}"[:200]
    if problem is None and path.lower().endswith(".gz"):
        problem = _gzip_intact(path)
    if problem is not None:
        yield InputError(IngestErrors.E042.format(source=path, count=count, detail=problem), path)


# --- CSV and plain files ---------------------------------------------------------

def _read_bytes(path: str, opts: SourceOptions) -> bytes | InputError:
    from eventcoder.errors import Errors

    p = Path(path)
    if not p.exists():
        return InputError(Errors.E001.format(source=path), path)
    try:
        size = p.stat().st_size
        if size > opts.max_file_bytes:
            return InputError(IngestErrors.E045.format(source=path, size=size, limit=opts.max_file_bytes),
                              path)
        return p.read_bytes()
    except OSError as exc:
        return InputError(Errors.E009.format(source=path, detail=exc.strerror or exc), path)


def _csv_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    from eventcoder.read import _decode

    data = _read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    try:
        text = _decode(data, path)
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
        data = _read_bytes(path, opts)  # refuse a huge single article before decoding it
        if isinstance(data, InputError):
            yield data
            return
    yield from read_path(path, opts.published)


def _sniff_file(path: str, opts: SourceOptions) -> Iterator[SourceItem]:
    """A file with an unknown suffix: a feed, a page, or else plain text."""
    data = _read_bytes(path, opts)
    if isinstance(data, InputError):
        yield data
        return
    head = data[:2048].lstrip().lower()
    if head.startswith(b"warc/"):
        yield from _warc_file(path, opts)
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
    else:
        yield article_from_html(got.body, url, opts, url=got.url)


# --- the stream ------------------------------------------------------------------------

READERS: dict[str, Callable[[str, SourceOptions], Iterator[SourceItem]]] = {
    **{s: _html_file for s in HTML_SUFFIXES},
    **{s: _feed_file for s in FEED_SUFFIXES},
    **{s: _warc_file for s in WARC_SUFFIXES},
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
