-- +goose Up
-- Outbound webhooks (issue 19): an institution's endpoints, each with a
-- signing secret sealed under the vault's master key (the server signs
-- with it, so it is kept, never shown again), and the outbox of their
-- deliveries, which is also their log: written in the transaction of the
-- change it tells, claimed with a lease by one sender at a time.
CREATE TABLE webhooks (
    id          TEXT PRIMARY KEY,
    cnpj        TEXT NOT NULL REFERENCES institutions (cnpj),
    url         TEXT NOT NULL,
    key_id      TEXT NOT NULL,
    wrapped_key BLOB NOT NULL,
    ciphertext  BLOB NOT NULL,
    created_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX webhooks_cnpj ON webhooks (cnpj);

CREATE TABLE webhook_outbox (
    id          INTEGER PRIMARY KEY,
    webhook_id  TEXT NOT NULL,
    event_id    TEXT NOT NULL,
    event       TEXT NOT NULL,
    request_id  TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'pending',
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     INTEGER NOT NULL,
    lease_until INTEGER NOT NULL DEFAULT 0,
    last_status INTEGER NOT NULL DEFAULT 0,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    done_at     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (state, next_at);
CREATE INDEX webhook_outbox_hook ON webhook_outbox (webhook_id, id);

-- +goose Down
DROP TABLE webhook_outbox;
DROP TABLE webhooks;
