"""Readers: turn files and streams into `Article` objects.

`read_inputs()` yields, for each article found, either an `Article` or an
`InputError` describing why that input could not be read. It never raises for
bad input, so one broken file or one malformed JSONL line does not stop a
batch. Supported: `.txt` (first line is the title when a blank line follows
it), `.json` (one article object, or a list of them, or `{"articles": [...]}`),
`.jsonl` (one article object per line) and `-` for standard input (JSON,
JSONL or plain text, recognised by content).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from eventcoder.errors import Errors, InputError
from eventcoder.model import Article

ReadResult = Article | InputError


def parse_date(value: Any, source: str) -> dt.date | None:
    """A publication date from `YYYY-MM-DD` (or a longer ISO timestamp)."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise InputError(Errors.E008.format(source=source, detail=value), source)
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        raise InputError(Errors.E008.format(source=source, detail=value), source) from None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes in the first few KB mean a binary file, not text in any encoding we read."""
    return b"\x00" in data[:8192]


def decode_text(data: bytes, source: str) -> str:
    """UTF-8 text from bytes, or an InputError naming `source` (binary data, invalid UTF-8).

    Every reader of raw bytes (files, stdin, CSV, fetched pages) goes through
    here, so all report bad bytes the same way.
    """
    if _looks_binary(data):
        raise InputError(Errors.E003.format(source=source), source)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        detail = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        raise InputError(Errors.E002.format(source=source, detail=detail), source) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def article_from_object(obj: Any, source: str, published: dt.date | None = None) -> Article:
    """Validate one article object (`{"id", "title", "text", "published", "url", "outlet"}`)."""
    if not isinstance(obj, dict):
        raise InputError(Errors.E006.format(source=source, detail=type(obj).__name__), source)
    if "text" not in obj:
        raise InputError(Errors.E006.format(source=source, detail="an object without \"text\""), source)
    text = obj["text"]
    if not isinstance(text, str):
        raise InputError(
            Errors.E007.format(source=source, field="text", expected="a string",
                               detail=type(text).__name__), source)
    if not text.strip():
        raise InputError(Errors.E004.format(source=source), source)
    for name in ("id", "title", "url", "outlet"):
        v = obj.get(name)
        if v is not None and not isinstance(v, str | int):
            raise InputError(
                Errors.E007.format(source=source, field=name, expected="a string",
                                   detail=type(v).__name__), source)
    date = parse_date(obj.get("published"), source) or published
    return Article(
        text=text.replace("\r\n", "\n"),
        id=str(obj["id"]) if obj.get("id") not in (None, "") else "",
        title=obj.get("title") or None,
        published=date,
        url=obj.get("url") or None,
        outlet=obj.get("outlet") or None,
        source_name=source,
    )


def article_from_text(text: str, source: str, published: dt.date | None = None,
                      id: str = "") -> Article:
    """A plain-text article; its first line is the title when a blank line follows it."""
    if not text.strip():
        raise InputError(Errors.E004.format(source=source), source)
    title = None
    lines = text.split("\n")
    if len(lines) > 2 and lines[0].strip() and not lines[1].strip():
        title = lines[0].strip()
        # Keep offsets meaningful: the body starts after the blank line(s).
        body = "\n".join(lines[1:]).lstrip("\n")
    else:
        body = text
    if not body.strip():
        raise InputError(Errors.E004.format(source=source), source)
    return Article(text=body, title=title, published=published, source_name=source, id=id)


def _from_jsonl(text: str, source: str, published: dt.date | None) -> Iterator[ReadResult]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield InputError(Errors.E005.format(source=where, detail=exc.msg), where)
            continue
        try:
            yield article_from_object(obj, where, published)
        except InputError as err:
            yield err


def _from_json(text: str, source: str, published: dt.date | None) -> Iterator[ReadResult]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        detail = f"{exc.msg} at line {exc.lineno} column {exc.colno}"
        yield InputError(Errors.E005.format(source=source, detail=detail), source)
        return
    if isinstance(obj, dict) and isinstance(obj.get("articles"), list):
        obj = obj["articles"]
    if isinstance(obj, list):
        for i, item in enumerate(obj):
            where = f"{source}[{i}]"
            try:
                yield article_from_object(item, where, published)
            except InputError as err:
                yield err
        return
    try:
        yield article_from_object(obj, source, published)
    except InputError as err:
        yield err


def read_text_blob(text: str, source: str, published: dt.date | None = None,
                   fmt: str | None = None) -> Iterator[ReadResult]:
    """Articles from already-decoded text; `fmt` is "txt", "json" or "jsonl" (guessed when None)."""
    if fmt is None:
        stripped = text.lstrip()
        if stripped.startswith("{") or stripped.startswith("["):
            first = stripped.split("\n", 1)[0].strip()
            fmt = "json"
            if first.startswith("{") and first.endswith("}") and "\n" in stripped.strip():
                try:
                    json.loads(first)
                    fmt = "jsonl"
                except json.JSONDecodeError:
                    fmt = "json"
        else:
            fmt = "txt"
    if fmt == "jsonl":
        yield from _from_jsonl(text, source, published)
    elif fmt == "json":
        yield from _from_json(text, source, published)
    else:
        try:
            stem = Path(source).stem if source != "<stdin>" else ""
            yield article_from_text(text, source, published, id=stem)
        except InputError as err:
            yield err


def read_path(path: str, published: dt.date | None = None) -> Iterator[ReadResult]:
    """Articles from one path (or `-` for standard input)."""
    if path == "-":
        try:
            data = sys.stdin.buffer.read()
        except OSError as exc:
            yield InputError(Errors.E009.format(source="<stdin>", detail=exc), "<stdin>")
            return
        try:
            text = decode_text(data, "<stdin>")
        except InputError as err:
            yield err
            return
        yield from read_text_blob(text, "<stdin>", published)
        return
    p = Path(path)
    if not p.exists():
        yield InputError(Errors.E001.format(source=path), path)
        return
    if p.is_dir():
        yield InputError(Errors.E009.format(source=path, detail="is a directory"), path)
        return
    try:
        data = p.read_bytes()
    except OSError as exc:
        yield InputError(Errors.E009.format(source=path, detail=exc.strerror or exc), path)
        return
    try:
        text = decode_text(data, path)
    except InputError as err:
        yield err
        return
    suffix = p.suffix.lower()
    fmt = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".txt": "txt"}.get(suffix)
    yield from read_text_blob(text, path, published, fmt)


def read_inputs(paths: Iterable[str], published: dt.date | None = None) -> Iterator[ReadResult]:
    """Articles from every path in turn; errors are yielded, never raised."""
    for path in paths:
        yield from read_path(path, published)
