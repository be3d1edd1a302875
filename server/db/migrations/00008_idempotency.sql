-- +goose Up
-- Idempotency-Key: the first answer to a write, kept 24 h per caller and
-- key, so a retried write replays it instead of applying twice. status 0
-- marks a first request still running.
CREATE TABLE idempotency_keys (
    caller       TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    body         BLOB,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

-- Random keys the replicas share (the HMAC of idempotent requests: a plain
-- hash of a vault write would let its password be guessed offline).
CREATE TABLE server_keys (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);

-- +goose Down
DROP TABLE server_keys;
DROP TABLE idempotency_keys;
