-- +goose Up
-- Access requests. seq is a global change sequence: every insert or
-- update takes the next value, so clients sync "what changed since N".
CREATE TABLE requests (
    id                TEXT PRIMARY KEY,
    seq               INTEGER NOT NULL,
    api_id            TEXT NOT NULL REFERENCES apis (id),
    environment       TEXT NOT NULL,
    institution_cnpj  TEXT NOT NULL REFERENCES institutions (cnpj),
    requester_id      TEXT NOT NULL,
    requester_name    TEXT NOT NULL,
    requester_cpf     TEXT NOT NULL,
    contact_name      TEXT NOT NULL,
    contact_cpf       TEXT NOT NULL,
    contact_email     TEXT NOT NULL,
    contact_phone     TEXT NOT NULL,
    purpose           TEXT NOT NULL,
    custom_fields     TEXT NOT NULL DEFAULT '{}',
    terms_id          TEXT NOT NULL,
    terms_version     TEXT NOT NULL,
    terms_accepted_at TEXT NOT NULL,
    status            TEXT NOT NULL,
    rule              TEXT NOT NULL,
    sei_process       TEXT NOT NULL DEFAULT '',
    created_at        TEXT NOT NULL,
    decided_at        TEXT,
    updated_at        TEXT NOT NULL
);
CREATE UNIQUE INDEX requests_seq ON requests (seq);
CREATE INDEX requests_recent ON requests (created_at DESC, id DESC);
CREATE INDEX requests_institution ON requests (institution_cnpj, created_at DESC, id DESC);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value INTEGER NOT NULL
);
INSERT INTO counters (name, value) VALUES ('change_seq', 0), ('request_number', 0);

-- The history: append-only (triggers refuse UPDATE and DELETE) and
-- hash-chained per request: hash = sha256(prev_hash || event), so an
-- edited or removed event breaks every hash after it.
CREATE TABLE request_events (
    request_id    TEXT NOT NULL REFERENCES requests (id),
    n             INTEGER NOT NULL,
    at            TEXT NOT NULL,
    actor_id      TEXT NOT NULL,
    actor_name    TEXT NOT NULL,
    action        TEXT NOT NULL,
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    justification TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    PRIMARY KEY (request_id, n)
);
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN SELECT RAISE(ABORT, 'request history is append-only'); END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN SELECT RAISE(ABORT, 'request history is append-only'); END;

CREATE TABLE attachments (
    id          TEXT PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES requests (id),
    filename    TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_request ON attachments (request_id);

-- +goose Down
DROP TABLE attachments;
DROP TRIGGER request_events_no_delete;
DROP TRIGGER request_events_no_update;
DROP TABLE request_events;
DROP TABLE counters;
DROP TABLE requests;
