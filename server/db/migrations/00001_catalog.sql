-- +goose Up
-- The public catalog. openapi_doc is the stored copy of each API's OpenAPI
-- document; sort_key and search_text are folded (lower case, no accents) so
-- ordering and search ignore diacritics on any SQL engine.
CREATE TABLE apis (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    acronym       TEXT NOT NULL,
    description   TEXT NOT NULL,
    category      TEXT NOT NULL,
    system_type   TEXT NOT NULL,
    owner         TEXT NOT NULL,
    auth_type     TEXT NOT NULL,
    openapi_doc   BLOB NOT NULL,
    custom_fields TEXT NOT NULL DEFAULT '[]',
    rule_hmg      TEXT,
    rule_prd      TEXT,
    sort_key      TEXT NOT NULL,
    search_text   TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX apis_sort ON apis (sort_key);

CREATE TABLE api_environments (
    api_id   TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    base_url TEXT NOT NULL,
    PRIMARY KEY (api_id, name)
);

CREATE TABLE terms (
    id           TEXT PRIMARY KEY,
    api_id       TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
    version      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    pdf          BLOB NOT NULL,
    published_at TEXT NOT NULL,
    is_current   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX terms_one_current ON terms (api_id) WHERE is_current = 1;

-- +goose Down
DROP TABLE terms;
DROP TABLE api_environments;
DROP TABLE apis;
