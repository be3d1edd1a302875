-- +goose Up
-- What is new (issue 19): when this cache first saw each API of the
-- catalog. An API first seen after the person's previous visit is new.
-- The APIs cached already are as old as the cache's last sync, so an
-- upgrade marks nothing new.
CREATE TABLE api_first_seen (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL
);
INSERT INTO api_first_seen (id, at)
    SELECT id, COALESCE((SELECT value FROM settings WHERE key = 'catalog.synced_at'), '0001-01-01T00:00:00Z') FROM catalog;

-- +goose Down
DROP TABLE api_first_seen;
