-- +goose Up
-- Notices (issue 19): the announcements and the maintenance window as the
-- server last gave them (JSON), so offline the cached ones still show;
-- and the announcements the person dismissed, which stay dismissed.
CREATE TABLE notices (
    kind       TEXT PRIMARY KEY, -- 'announcements' or 'maintenance'
    body       TEXT NOT NULL,
    fetched_at TEXT NOT NULL
);
CREATE TABLE dismissed_notices (
    id TEXT PRIMARY KEY,
    at TEXT NOT NULL
);

-- +goose Down
DROP TABLE dismissed_notices;
DROP TABLE notices;
