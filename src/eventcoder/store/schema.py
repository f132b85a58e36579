"""The event store's tables, as DuckDB DDL (documented in docs/store.md).

One row per article, per event mention, per actor mention, per quote and per
time expression, each keyed by the article's id and its position within the
article, so that a re-ingest can never add a second copy. `clusters` is a
view: the deduplicated events, counted from their mentions on every read, so
that the counts can never disagree with the mentions.
"""

from __future__ import annotations

SCHEMA_VERSION = "1"

# Columns added to a table after version 1 was released: a store made before
# gets them (NULL) when it is next opened for writing; readers treat them as
# optional. Extending a table this way keeps SCHEMA_VERSION, and old stores, valid.
ADDED_COLUMNS: dict[str, list[tuple[str, str]]] = {
    "events": [("place_name", "VARCHAR"), ("place_country", "VARCHAR"),
               ("place_admin1", "VARCHAR"), ("place_lat", "DOUBLE"), ("place_lon", "DOUBLE"),
               ("place_geonameid", "BIGINT"), ("place_feature", "VARCHAR")],
}

TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
CREATE TABLE IF NOT EXISTS articles (
    article_id   VARCHAR PRIMARY KEY,   -- sha1 of the identity, 16 hex digits
    identity     VARCHAR NOT NULL,      -- 'url:<url>' or 'sha1:<hash of the text>'
    content_hash VARCHAR NOT NULL,      -- sha1 of the text
    doc_id       VARCHAR,               -- the id the input gave (file stem, JSON id)
    url          VARCHAR,
    outlet       VARCHAR,               -- the outlet's name, else the URL's host
    title        VARCHAR,
    author       VARCHAR,
    published    DATE,
    language     VARCHAR,
    source       VARCHAR NOT NULL,      -- where it was read: file, file:line, WARC record, URL
    n_chars      INTEGER NOT NULL,
    n_events     INTEGER NOT NULL,
    n_quotes     INTEGER NOT NULL,
    seq          BIGINT NOT NULL        -- ingest order (1, 2, ...), for stable exports
);
CREATE TABLE IF NOT EXISTS events (
    event_id       VARCHAR PRIMARY KEY, -- '<article_id>-<n>'
    article_id     VARCHAR NOT NULL,
    n              INTEGER NOT NULL,    -- position of the event within its article
    cluster_id     BIGINT NOT NULL,     -- the deduplicated event this mention belongs to
    dedup_key      VARCHAR NOT NULL,    -- dyad, type, factuality and date (see store/dedup.py)
    source_code    VARCHAR, source_text VARCHAR, source_name VARCHAR,
    source_country VARCHAR, source_sector VARCHAR,
    target_code    VARCHAR, target_text VARCHAR, target_name VARCHAR,
    target_country VARCHAR, target_sector VARCHAR,
    cameo          VARCHAR NOT NULL,
    label          VARCHAR,
    plover         VARCHAR,
    mode           VARCHAR,
    goldstein      DOUBLE,
    quad_class     INTEGER,
    factuality     VARCHAR,
    date           VARCHAR,             -- 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'
    date_start     DATE,                -- first day of that period
    date_end       DATE,                -- last day of that period
    sentence       INTEGER,
    start          INTEGER,
    "end"          INTEGER,
    evidence       VARCHAR,
    trigger        VARCHAR,
    why            VARCHAR,
    confidence     DOUBLE,
    -- where the event happened (the places stage; NULL when the text does not say)
    place_name     VARCHAR, place_country VARCHAR, place_admin1 VARCHAR,
    place_lat      DOUBLE, place_lon DOUBLE, place_geonameid BIGINT, place_feature VARCHAR
);
CREATE INDEX IF NOT EXISTS events_dedup_key ON events (dedup_key);
CREATE TABLE IF NOT EXISTS actors (
    article_id VARCHAR NOT NULL,
    n          INTEGER NOT NULL,
    text       VARCHAR, start INTEGER, "end" INTEGER,
    code       VARCHAR, country VARCHAR, sector VARCHAR,
    name       VARCHAR, kind VARCHAR, why VARCHAR,
    PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS quotes (
    article_id   VARCHAR NOT NULL,
    n            INTEGER NOT NULL,
    text         VARCHAR, start INTEGER, "end" INTEGER, kind VARCHAR,
    speaker_text VARCHAR, speaker_code VARCHAR, speaker_name VARCHAR,
    cue          VARCHAR,
    PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS times (
    article_id VARCHAR NOT NULL,
    n          INTEGER NOT NULL,
    text       VARCHAR, start INTEGER, "end" INTEGER,
    type       VARCHAR, value VARCHAR, mod VARCHAR,
    PRIMARY KEY (article_id, n)
);
CREATE TABLE IF NOT EXISTS errors (
    source  VARCHAR NOT NULL,
    code    VARCHAR,
    message VARCHAR NOT NULL,
    PRIMARY KEY (source, message)
);
CREATE TABLE IF NOT EXISTS skipped (
    source  VARCHAR NOT NULL,
    code    VARCHAR,
    reason  VARCHAR NOT NULL,
    PRIMARY KEY (source, reason)
);
"""

VIEWS = """
CREATE OR REPLACE VIEW clusters AS
WITH m AS (
    SELECT e.*, a.url, a.published, a.seq,
           coalesce(a.outlet, a.article_id) AS outlet_key
    FROM events e JOIN articles a USING (article_id)
)
SELECT
    cluster_id,
    arg_min(event_id, seq * 1000000 + n) AS first_event_id,
    count(*)                           AS num_mentions,
    count(DISTINCT article_id)         AS num_articles,
    count(DISTINCT outlet_key)         AS num_sources,
    min(sentence) = 0                  AS is_root_event,  -- reported in a lead sentence
    min(published)                     AS first_published
FROM m
GROUP BY cluster_id;

CREATE OR REPLACE VIEW event_clusters AS
SELECT e.*, c.num_mentions, c.num_articles, c.num_sources, c.is_root_event,
       c.first_published, a.url AS source_url, a.published
FROM events e
JOIN clusters c ON e.event_id = c.first_event_id
JOIN articles a ON a.article_id = e.article_id;
"""
