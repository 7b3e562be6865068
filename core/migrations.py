"""The store's schema, as the history of steps that built it: one SQLite file for the articles and
everything the crawler keeps about fetching them. :class:`core.store.Store` runs the steps a store
has not seen yet, in order, when it opens one.
"""
from __future__ import annotations

SCHEMA_VERSION = 9

# Each entry migrates the schema from version i to i + 1. Add, never edit, a step.
MIGRATIONS: list[str] = [
    # 1: articles, the change log, and the crawler's pages, conditional-GET state and runs.
    """
    CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS articles (
        url TEXT PRIMARY KEY,
        title TEXT NOT NULL DEFAULT '',
        body TEXT NOT NULL DEFAULT '',
        published TEXT,
        agency TEXT NOT NULL,
        publisher TEXT NOT NULL DEFAULT '',
        category TEXT NOT NULL DEFAULT '',
        lang TEXT NOT NULL DEFAULT 'th',
        fetched_at TEXT NOT NULL,
        content_hash TEXT NOT NULL,
        seq INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS articles_seq ON articles(seq);
    CREATE INDEX IF NOT EXISTS articles_published ON articles(published);
    CREATE INDEX IF NOT EXISTS articles_hash ON articles(content_hash);
    CREATE TABLE IF NOT EXISTS changes (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        url TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('upsert', 'delete')),
        at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS raw_pages (
        url TEXT PRIMARY KEY,
        fetched_at TEXT NOT NULL,
        status INTEGER,
        content_type TEXT,
        encoding TEXT,
        body BLOB
    );
    CREATE TABLE IF NOT EXISTS crawl_state (
        url TEXT PRIMARY KEY,
        source TEXT NOT NULL,
        etag TEXT,
        last_modified TEXT,
        content_hash TEXT,
        last_status INTEGER,
        last_error TEXT,
        last_checked TEXT,
        next_check TEXT,
        failures INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX IF NOT EXISTS crawl_state_source ON crawl_state(source);
    CREATE TABLE IF NOT EXISTS crawl_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        source TEXT NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL DEFAULT 'running',
        pages INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        updated INTEGER NOT NULL DEFAULT 0,
        unchanged INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        error_kinds TEXT NOT NULL DEFAULT '{}',
        message TEXT
    );
    CREATE INDEX IF NOT EXISTS crawl_runs_source ON crawl_runs(source, started);
    """,
    # 2: the crawler's per-run details (items skipped on purpose, 304s) and the scheduler's plan.
    """
    ALTER TABLE crawl_runs ADD COLUMN skipped TEXT NOT NULL DEFAULT '{}';
    ALTER TABLE crawl_runs ADD COLUMN not_modified INTEGER NOT NULL DEFAULT 0;
    CREATE TABLE IF NOT EXISTS crawl_schedule (
        source TEXT PRIMARY KEY,
        next_run TEXT,
        interval_s REAL,
        updated TEXT NOT NULL
    );
    """,
    # 3: what a URL's last fetch gave, in columns rather than marker strings in last_error
    # ('placeholder', 'duplicate of <url>'), and the walkers' resume state in its own table
    # rather than 'crawl:<source>:<name>' keys in meta. Existing markers and keys are converted.
    """
    ALTER TABLE crawl_state ADD COLUMN outcome TEXT
        CHECK (outcome IN ('article', 'placeholder', 'duplicate', 'error'));
    ALTER TABLE crawl_state ADD COLUMN duplicate_of TEXT;
    UPDATE crawl_state SET outcome = 'placeholder', last_error = NULL WHERE last_error = 'placeholder';
    UPDATE crawl_state SET outcome = 'duplicate', duplicate_of = substr(last_error, 14), last_error = NULL
        WHERE substr(last_error, 1, 13) = 'duplicate of ';
    UPDATE crawl_state SET outcome = 'error' WHERE outcome IS NULL AND last_error IS NOT NULL;
    UPDATE crawl_state SET outcome = 'article' WHERE outcome IS NULL AND content_hash IS NOT NULL;
    CREATE TABLE IF NOT EXISTS crawl_walks (
        source TEXT NOT NULL,
        key TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (source, key)
    );
    INSERT OR REPLACE INTO crawl_walks(source, key, value)
        SELECT substr(rest, 1, instr(rest, ':') - 1), substr(rest, instr(rest, ':') + 1), value
        FROM (SELECT substr(key, 7) AS rest, value FROM meta WHERE substr(key, 1, 6) = 'crawl:')
        WHERE instr(rest, ':') > 1;
    DELETE FROM meta WHERE substr(key, 1, 6) = 'crawl:';
    """,
    # 4: the provinces an article names (DOPA codes, space-separated; core/provinces.py). Existing
    # rows start empty: `govsearch reindex` computes them.
    """
    ALTER TABLE articles ADD COLUMN provinces TEXT NOT NULL DEFAULT '';
    """,
    # 5: story groups (core/grouping.py): copies of one release share a story id; each article's
    # MinHash, its LSH band keys and the pairs found to be the same release. Existing articles
    # start as groups of one until `govsearch reindex` groups them.
    """
    ALTER TABLE articles ADD COLUMN story TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN story_agency TEXT NOT NULL DEFAULT '';
    ALTER TABLE articles ADD COLUMN story_rank INTEGER NOT NULL DEFAULT 0;
    UPDATE articles SET story = url, story_agency = agency;
    CREATE INDEX IF NOT EXISTS articles_story ON articles(story);
    CREATE TABLE IF NOT EXISTS dedupe_sigs (url TEXT PRIMARY KEY, sig BLOB NOT NULL);
    CREATE TABLE IF NOT EXISTS dedupe_bands (band INTEGER NOT NULL, key INTEGER NOT NULL, url TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS dedupe_bands_key ON dedupe_bands(band, key);
    CREATE INDEX IF NOT EXISTS dedupe_bands_url ON dedupe_bands(url);
    CREATE TABLE IF NOT EXISTS dedupe_edges (a TEXT NOT NULL, b TEXT NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;
    CREATE INDEX IF NOT EXISTS dedupe_edges_b ON dedupe_edges(b);
    """,
    # 6: an article its source now answers 404/410 for is kept, marked withdrawn (when first seen
    # gone); the index leaves it out, its stored page says so; it comes back if it re-appears.
    """
    ALTER TABLE articles ADD COLUMN withdrawn_at TEXT;
    """,
    # 7: the agency an article's source claimed (an import file's "agency", a crawl source's
    # agency_hint), kept apart from the attributed one so that `govsearch reattribute` recomputes
    # the rest from the text when the rules change. Articles stored before have none recorded.
    """
    CREATE TABLE IF NOT EXISTS agency_hints (url TEXT PRIMARY KEY, agency TEXT NOT NULL) WITHOUT ROWID;
    """,
    # 8: the articles stored without a recorded claim before this step: their agency may be a
    # source's claim that step 7 could not recover, so `govsearch reattribute` leaves them alone
    # unless told otherwise (--all); storing an article again records its claim and drops it here.
    """
    CREATE TABLE IF NOT EXISTS claims_unknown (url TEXT PRIMARY KEY) WITHOUT ROWID;
    INSERT OR IGNORE INTO claims_unknown
        SELECT url FROM articles WHERE url NOT IN (SELECT url FROM agency_hints);
    """,
    # 9: band keys are no longer indexed by URL. Keeping that index up to date was about a tenth of
    # the store writer's CPU in a whole-corpus import (97.0 -> 86.8 s without it); forgetting an
    # article's bands now finds them by its stored signature's keys (core/grouping.py).
    """
    DROP INDEX IF EXISTS dedupe_bands_url;
    """,
]
