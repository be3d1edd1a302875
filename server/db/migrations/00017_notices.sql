-- +goose Up
-- Notices (issue 19, FAQ 5.1-5.3). Announcements: a title and a text in
-- both languages, a severity, an optional window (unix seconds, 0 open)
-- and an audience (all, or a role); created and updated in unix
-- microseconds, so that the newest-first order holds within a second.
CREATE TABLE announcements (
    id         TEXT PRIMARY KEY,
    title_pt   TEXT NOT NULL,
    title_en   TEXT NOT NULL,
    text_pt    TEXT NOT NULL,
    text_en    TEXT NOT NULL,
    severity   TEXT NOT NULL,
    starts_at  INTEGER NOT NULL DEFAULT 0,
    ends_at    INTEGER NOT NULL DEFAULT 0,
    audience   TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

-- The one maintenance window, planned or under way: every replica reads
-- it before a write, so one that starts it stops writes on all of them.
CREATE TABLE maintenance (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    starts_at  INTEGER NOT NULL,
    ends_at    INTEGER NOT NULL,
    message_pt TEXT NOT NULL,
    message_en TEXT NOT NULL
);

-- The admin profile publishes them by default (api.DefaultPermissions).
INSERT INTO profiles (role, permission) VALUES ('admin', 'notices:admin') ON CONFLICT DO NOTHING;

-- +goose Down
DELETE FROM profiles WHERE permission = 'notices:admin';
DROP TABLE maintenance;
DROP TABLE announcements;
