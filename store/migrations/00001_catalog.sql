-- +goose Up
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The cached catalog: body is the API as the server sent it (JSON); the
-- other columns exist to filter and order without decoding.
CREATE TABLE catalog (
    id       TEXT PRIMARY KEY,
    sort_key TEXT NOT NULL,
    category TEXT NOT NULL,
    has_hmg  INTEGER NOT NULL,
    has_prd  INTEGER NOT NULL,
    body     TEXT NOT NULL
);
CREATE INDEX catalog_sort ON catalog (sort_key);

-- Full-text search over the catalog, accents folded.
CREATE VIRTUAL TABLE catalog_fts USING fts5 (
    id UNINDEXED, name, acronym, description, owner, category_label,
    tokenize = 'unicode61 remove_diacritics 2'
);

-- Stored OpenAPI documents, for the Documentação view offline.
CREATE TABLE api_docs (
    api_id     TEXT PRIMARY KEY,
    etag       TEXT NOT NULL,
    body       BLOB NOT NULL,
    fetched_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE api_docs;
DROP TABLE catalog_fts;
DROP TABLE catalog;
DROP TABLE settings;
