-- +goose Up
-- Requests visible to the signed-in user, synced by change sequence. The
-- table pages read only a window of rows through these indexes, so cost
-- does not grow with the number of cached rows.
CREATE TABLE requests (
    id          TEXT PRIMARY KEY,
    seq         INTEGER NOT NULL,
    api_id      TEXT NOT NULL,
    api_name    TEXT NOT NULL,
    environment TEXT NOT NULL,
    cnpj        TEXT NOT NULL,
    status      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    body        TEXT NOT NULL
);
CREATE INDEX requests_created ON requests (created_at, id);
CREATE INDEX requests_status_created ON requests (status, created_at, id);
CREATE INDEX requests_api_created ON requests (api_id, created_at, id);
CREATE INDEX requests_name ON requests (api_name, id);

-- Details (history, attachments) of requests opened, for offline reading.
CREATE TABLE request_details (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE request_details;
DROP TABLE requests;
