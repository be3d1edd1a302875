-- +goose Up
-- The signed-in person's credentials as last listed, for offline viewing.
-- Public data only (client_id, hints): secrets never reach the cache.
CREATE TABLE credentials (
    position   INTEGER PRIMARY KEY,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE credentials;
