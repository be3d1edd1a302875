-- +goose Up
-- What each role may do (FAQ 3.7), editable by whoever has profiles:admin;
-- the rows below are the defaults (api.DefaultPermissions).
CREATE TABLE profiles (
    role       TEXT NOT NULL,
    permission TEXT NOT NULL,
    PRIMARY KEY (role, permission)
);
INSERT INTO profiles (role, permission) VALUES
    ('requester', 'requests:submit'), ('requester', 'credentials:manage'), ('requester', 'vault:write'),
    ('evaluator', 'requests:read'), ('evaluator', 'requests:analyze'), ('evaluator', 'requests:approve'),
    ('admin', 'requests:read'), ('admin', 'requests:revoke'),
    ('admin', 'catalog:admin'), ('admin', 'profiles:admin'), ('admin', 'users:admin'), ('admin', 'audit:read');

-- A person an administrator adds sets their own password with a one-time
-- code: only its SHA-256 is kept, until it is used or expires. external
-- marks people of an external issuer, recorded at their first call.
ALTER TABLE users ADD COLUMN activation_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE users ADD COLUMN activation_expires INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN external INTEGER NOT NULL DEFAULT 0;
CREATE INDEX users_activation ON users (activation_hash) WHERE activation_hash <> '';

-- Technical opinions (pareceres técnicos, FAQ 3.17): text and an optional
-- PDF kept with the request's attachments.
CREATE TABLE opinions (
    id            TEXT PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES requests (id),
    author_id     TEXT NOT NULL,
    author_name   TEXT NOT NULL,
    at            TEXT NOT NULL,
    text          TEXT NOT NULL,
    attachment_id TEXT NOT NULL DEFAULT ''
);
CREATE INDEX opinions_request ON opinions (request_id, at);

-- The audit trail: one chain over every event (request lifecycle, admin
-- changes with before and after, vault writes without values, sign-ins),
-- appended last in each transaction, seq from the 'audit' counter, so
-- events are numbered in commit order with no gap. Append-only.
CREATE TABLE audit_events (
    seq        INTEGER PRIMARY KEY,
    at         TEXT NOT NULL,
    actor_id   TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    action     TEXT NOT NULL,
    target     TEXT NOT NULL,
    before     TEXT NOT NULL,
    after      TEXT NOT NULL,
    detail     TEXT NOT NULL,
    prev_hash  TEXT NOT NULL,
    hash       TEXT NOT NULL
);
CREATE INDEX audit_actor ON audit_events (actor_id, seq);
CREATE INDEX audit_action ON audit_events (action, seq);
CREATE INDEX audit_target ON audit_events (target, seq);
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit trail is append-only'); END;
INSERT INTO counters (name, value) VALUES ('audit', 0);

-- Signed checkpoints of the audit chain's head (count and hash), signed
-- with the issuer's key; kept outside, they pin the past.
CREATE TABLE audit_checkpoints (
    count     INTEGER PRIMARY KEY,
    head      TEXT NOT NULL,
    at        TEXT NOT NULL,
    kid       TEXT NOT NULL,
    signature TEXT NOT NULL
);

-- +goose Down
DROP TABLE audit_checkpoints;
DELETE FROM counters WHERE name = 'audit';
DROP TRIGGER audit_events_no_delete;
DROP TRIGGER audit_events_no_update;
DROP TABLE audit_events;
DROP TABLE opinions;
DROP INDEX users_activation;
ALTER TABLE users DROP COLUMN external;
ALTER TABLE users DROP COLUMN activation_expires;
ALTER TABLE users DROP COLUMN activation_hash;
DROP TABLE profiles;
