-- +goose Up
-- Each request's SEI process (issue 16): its number stays in sei_process
-- (typed by the requester, or generated); sei_state says where the link
-- is: '' (the integration is off: the typed number as it was), pending,
-- linked, failed. sei_id and sei_link are SEI's IdProcedimento and link.
ALTER TABLE requests ADD COLUMN sei_state TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN sei_id TEXT NOT NULL DEFAULT '';
ALTER TABLE requests ADD COLUMN sei_link TEXT NOT NULL DEFAULT '';

-- What is to be sent to SEI, written in the transaction of the change
-- that causes it, and sent in order per request by one sender at a time
-- (a lease), exactly once per (request, item).
CREATE TABLE sei_outbox (
    id          INTEGER PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES requests (id),
    item        TEXT NOT NULL,
    kind        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    done_at     TEXT NOT NULL DEFAULT '',
    result      TEXT NOT NULL DEFAULT '',
    UNIQUE (request_id, item)
);
CREATE INDEX sei_outbox_due ON sei_outbox (state, next_at);

-- Every call to SEI and its outcome: the log of sends and returns.
CREATE TABLE sei_log (
    id         INTEGER PRIMARY KEY,
    request_id TEXT NOT NULL,
    item       TEXT NOT NULL,
    operation  TEXT NOT NULL,
    at         TEXT NOT NULL,
    outcome    TEXT NOT NULL,
    detail     TEXT NOT NULL,
    attempt    INTEGER NOT NULL
);
CREATE INDEX sei_log_request ON sei_log (request_id, id);

-- +goose Down
DROP TABLE sei_log;
DROP TABLE sei_outbox;
ALTER TABLE requests DROP COLUMN sei_link;
ALTER TABLE requests DROP COLUMN sei_id;
ALTER TABLE requests DROP COLUMN sei_state;
