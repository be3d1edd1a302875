-- +goose Up
-- The server's schema on PostgreSQL: the same tables, columns, indexes
-- and rules as the SQLite migrations (migrations/), which it follows one
-- for one; TestTheSchemaIsTheSameOnBothEngines keeps them equal. Flags and
-- counts stay integers (0/1) so the queries are the same on both.

-- The public catalog (see migrations/00001_catalog.sql).
CREATE TABLE apis (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    acronym       TEXT NOT NULL,
    description   TEXT NOT NULL,
    category      TEXT NOT NULL,
    system_type   TEXT NOT NULL,
    owner         TEXT NOT NULL,
    auth_type     TEXT NOT NULL,
    openapi_doc   BYTEA NOT NULL,
    custom_fields TEXT NOT NULL DEFAULT '[]',
    rule_hmg      TEXT,
    rule_prd      TEXT,
    sort_key      TEXT NOT NULL,
    search_text   TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX apis_sort ON apis (sort_key);

CREATE TABLE api_environments (
    api_id   TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    base_url TEXT NOT NULL,
    PRIMARY KEY (api_id, name)
);

CREATE TABLE terms (
    id           TEXT PRIMARY KEY,
    api_id       TEXT NOT NULL REFERENCES apis (id) ON DELETE CASCADE,
    version      TEXT NOT NULL,
    sha256       TEXT NOT NULL,
    pdf          BYTEA NOT NULL,
    published_at TEXT NOT NULL,
    is_current   INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX terms_one_current ON terms (api_id) WHERE is_current = 1;

CREATE TABLE catalog_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision BIGINT NOT NULL
);
INSERT INTO catalog_revision (id, revision) VALUES (1, 0);

-- Identity (migrations/00003_identity.sql).
CREATE TABLE institutions (
    cnpj TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    cpf           TEXT NOT NULL,
    role          TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    disabled      INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL
);

CREATE TABLE user_institutions (
    username TEXT NOT NULL,
    cnpj     TEXT NOT NULL REFERENCES institutions (cnpj),
    PRIMARY KEY (username, cnpj)
);

CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    alg         TEXT NOT NULL,
    private_der BYTEA NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
);

CREATE TABLE device_codes (
    device_hash  TEXT PRIMARY KEY,
    user_code    TEXT NOT NULL UNIQUE,
    client_id    TEXT NOT NULL,
    expires_at   BIGINT NOT NULL,
    interval_s   BIGINT NOT NULL,
    last_poll_at BIGINT NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'pending',
    user_id      TEXT
);

CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    client_id  TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT,
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- Requests (migrations/00004_requests.sql, 00009_request_list_indexes.sql).
CREATE TABLE requests (
    id                TEXT PRIMARY KEY,
    seq               BIGINT NOT NULL,
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
CREATE INDEX requests_recent ON requests (created_at DESC, id DESC, status, environment, api_id, institution_cnpj);
CREATE INDEX requests_institution ON requests (institution_cnpj, created_at DESC, id DESC, status, environment, api_id);
CREATE INDEX requests_group ON requests (status, environment, api_id, created_at DESC, id DESC);
CREATE INDEX requests_inst_group ON requests (institution_cnpj, status, environment, api_id, created_at DESC, id DESC);
CREATE INDEX requests_inst_seq ON requests (institution_cnpj, seq);

CREATE TABLE counters (
    name  TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('change_seq', 0), ('request_number', 0);

-- The history: append-only and hash-chained per request.
CREATE TABLE request_events (
    request_id    TEXT NOT NULL REFERENCES requests (id),
    n             BIGINT NOT NULL,
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
-- +goose StatementBegin
CREATE FUNCTION append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_ARGV[0];
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
    FOR EACH ROW EXECUTE FUNCTION append_only('request history');
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
    FOR EACH ROW EXECUTE FUNCTION append_only('request history');

CREATE TABLE attachments (
    id          TEXT PRIMARY KEY,
    request_id  TEXT NOT NULL REFERENCES requests (id),
    filename    TEXT NOT NULL,
    size        BIGINT NOT NULL,
    sha256      TEXT NOT NULL,
    content     BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX attachments_request ON attachments (request_id);

-- migrations/00005_verification_forms.sql
CREATE TABLE verification_forms (
    request_id TEXT PRIMARY KEY REFERENCES requests (id),
    body       TEXT NOT NULL,
    complete   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- migrations/00006_credentials.sql
CREATE TABLE credentials (
    request_id           TEXT PRIMARY KEY REFERENCES requests (id),
    client_id            TEXT NOT NULL UNIQUE,
    secret_hash          TEXT NOT NULL DEFAULT '',
    secret_hint          TEXT NOT NULL DEFAULT '',
    secret_created_at    TEXT NOT NULL DEFAULT '',
    previous_hash        TEXT NOT NULL DEFAULT '',
    previous_valid_until BIGINT NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL
);

CREATE TABLE ip_allowlist (
    institution_cnpj TEXT NOT NULL REFERENCES institutions (cnpj),
    position         INTEGER NOT NULL,
    cidr             TEXT NOT NULL,
    PRIMARY KEY (institution_cnpj, position)
);

-- migrations/00007_vault.sql
CREATE TABLE vault_systems (
    name       TEXT PRIMARY KEY,
    tribunal   TEXT NOT NULL,
    degree     TEXT NOT NULL,
    two_factor INTEGER NOT NULL,
    position   INTEGER NOT NULL
);
INSERT INTO vault_systems (name, tribunal, degree, two_factor, position) VALUES
    ('*', 'Todos os sistemas sem credencial própria', '', 0, 0),
    ('PJE TJBA - 1º grau', 'TJBA', '1º grau', 0, 1),
    ('PJE TJBA - 2º grau', 'TJBA', '2º grau', 0, 2),
    ('PJE TJAP - 1º grau', 'TJAP', '1º grau', 0, 3),
    ('PJE TJAP - 2º grau', 'TJAP', '2º grau', 0, 4),
    ('PJE TJPE - 1º grau', 'TJPE', '1º grau', 0, 5),
    ('PJE TJPE - 2º grau', 'TJPE', '2º grau', 0, 6),
    ('PJE TJMG - 1º grau', 'TJMG', '1º grau', 0, 7),
    ('PJE TJMG - 2º grau', 'TJMG', '2º grau', 0, 8),
    ('PJE TJDFT - 1º grau', 'TJDFT', '1º grau', 0, 9),
    ('PJE TJDFT - 2º grau', 'TJDFT', '2º grau', 0, 10),
    ('PJE TJMA - 1º grau', 'TJMA', '1º grau', 0, 11),
    ('PJE TJMA - 2º grau', 'TJMA', '2º grau', 0, 12),
    ('PJE TJPB - 1º grau', 'TJPB', '1º grau', 0, 13),
    ('PJE TJPB - 2º grau', 'TJPB', '2º grau', 0, 14),
    ('PJE TJRN - 1º grau', 'TJRN', '1º grau', 0, 15),
    ('PJE TJRN - 2º grau', 'TJRN', '2º grau', 0, 16),
    ('PJE INTER TJBA - 1º grau', 'TJBA', '1º grau', 0, 17),
    ('PJE TRF1 - 1º grau', 'TRF1', '1º grau', 0, 18),
    ('PJE TRF1 - 2º grau', 'TRF1', '2º grau', 0, 19),
    ('PJE TRF3 - 1º grau', 'TRF3', '1º grau', 0, 20),
    ('PJE TRF3 - 2º grau', 'TRF3', '2º grau', 0, 21),
    ('PJE TRF5 - 1º grau', 'TRF5', '1º grau', 0, 22),
    ('PJE TRF5 - 2º grau', 'TRF5', '2º grau', 0, 23),
    ('PJE TRF6 - 1º grau', 'TRF6', '1º grau', 0, 24),
    ('PJE TRF6 - 2º grau', 'TRF6', '2º grau', 0, 25),
    ('PJE TRT1 - 1º grau', 'TRT1', '1º grau', 0, 26),
    ('PJE TRT1 - 2º grau', 'TRT1', '2º grau', 0, 27),
    ('PJE TRT2 - 1º grau', 'TRT2', '1º grau', 0, 28),
    ('PJE TRT2 - 2º grau', 'TRT2', '2º grau', 0, 29),
    ('PJE TRT3 - 1º grau', 'TRT3', '1º grau', 0, 30),
    ('PJE TRT3 - 2º grau', 'TRT3', '2º grau', 0, 31),
    ('PJE TRT15 - 1º grau', 'TRT15', '1º grau', 0, 32),
    ('PJE TRT15 - 2º grau', 'TRT15', '2º grau', 0, 33),
    ('ESAJ - TJSP - 1º grau', 'TJSP', '1º grau', 1, 34),
    ('ESAJ - TJSP - 2º grau', 'TJSP', '2º grau', 1, 35),
    ('ESAJ - TJAC - 1º grau', 'TJAC', '1º grau', 0, 36),
    ('ESAJ - TJAC - 2º grau', 'TJAC', '2º grau', 0, 37),
    ('ESAJ - TJAL - 1º grau', 'TJAL', '1º grau', 0, 38),
    ('ESAJ - TJAL - 2º grau', 'TJAL', '2º grau', 0, 39),
    ('ESAJ - TJAM - 1º grau', 'TJAM', '1º grau', 0, 40),
    ('ESAJ - TJAM - 2º grau', 'TJAM', '2º grau', 0, 41),
    ('ESAJ - TJCE - 1º grau', 'TJCE', '1º grau', 0, 42),
    ('ESAJ - TJCE - 2º grau', 'TJCE', '2º grau', 0, 43),
    ('ESAJ - TJMS - 1º grau', 'TJMS', '1º grau', 0, 44),
    ('ESAJ - TJMS - 2º grau', 'TJMS', '2º grau', 0, 45),
    ('EPROC - TRF4 - 1º grau', 'TRF4', '1º grau', 1, 46),
    ('EPROC - TRF4 - 2º grau', 'TRF4', '2º grau', 1, 47),
    ('EPROC - TRF2 - 1º grau', 'TRF2', '1º grau', 0, 48),
    ('EPROC - TRF2 - 2º grau', 'TRF2', '2º grau', 0, 49),
    ('EPROC - TJRS - 1º grau', 'TJRS', '1º grau', 1, 50),
    ('EPROC - TJRS - 2º grau', 'TJRS', '2º grau', 1, 51),
    ('EPROC - TJSC - 1º grau', 'TJSC', '1º grau', 0, 52),
    ('EPROC - TJSC - 2º grau', 'TJSC', '2º grau', 0, 53),
    ('EPROC - TJTO - 1º grau', 'TJTO', '1º grau', 0, 54),
    ('EPROC - TJTO - 2º grau', 'TJTO', '2º grau', 0, 55),
    ('PROJUDI - TJPR - 1º grau', 'TJPR', '1º grau', 0, 56),
    ('PROJUDI - TJPR - 2º grau', 'TJPR', '2º grau', 0, 57),
    ('PROJUDI - TJGO - 1º grau', 'TJGO', '1º grau', 0, 58),
    ('PROJUDI - TJGO - 2º grau', 'TJGO', '2º grau', 0, 59),
    ('PROJUDI - TJRR - 1º grau', 'TJRR', '1º grau', 0, 60),
    ('PROJUDI - TJRR - 2º grau', 'TJRR', '2º grau', 0, 61);

CREATE TABLE vault_entries (
    institution_cnpj TEXT NOT NULL REFERENCES institutions (cnpj),
    customer_key     TEXT NOT NULL,
    system_name      TEXT NOT NULL REFERENCES vault_systems (name),
    key_id           TEXT NOT NULL,
    wrapped_key      BYTEA NOT NULL,
    ciphertext       BYTEA NOT NULL,
    updated_at       TEXT NOT NULL,
    updated_by       TEXT NOT NULL,
    PRIMARY KEY (institution_cnpj, customer_key, system_name)
);

CREATE TABLE vault_meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE vault_audit (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    at               TEXT NOT NULL,
    actor_id         TEXT NOT NULL,
    actor_name       TEXT NOT NULL,
    institution_cnpj TEXT NOT NULL,
    action           TEXT NOT NULL,
    customer_key     TEXT NOT NULL,
    system_name      TEXT NOT NULL,
    outcome          TEXT NOT NULL
);
CREATE TRIGGER vault_audit_no_update BEFORE UPDATE ON vault_audit
    FOR EACH ROW EXECUTE FUNCTION append_only('vault audit');
CREATE TRIGGER vault_audit_no_delete BEFORE DELETE ON vault_audit
    FOR EACH ROW EXECUTE FUNCTION append_only('vault audit');

CREATE TABLE service_clients (
    client_id        TEXT PRIMARY KEY,
    name             TEXT NOT NULL,
    institution_cnpj TEXT NOT NULL REFERENCES institutions (cnpj),
    scope            TEXT NOT NULL,
    secret_hash      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    disabled         INTEGER NOT NULL DEFAULT 0
);

-- migrations/00008_idempotency.sql
CREATE TABLE idempotency_keys (
    caller       TEXT NOT NULL,
    key          TEXT NOT NULL,
    request_hash TEXT NOT NULL,
    status       INTEGER NOT NULL DEFAULT 0,
    content_type TEXT NOT NULL DEFAULT '',
    body         BYTEA,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (caller, key)
);
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);

CREATE TABLE server_keys (
    name  TEXT PRIMARY KEY,
    value BYTEA NOT NULL
);

-- +goose Down
DROP TABLE server_keys;
DROP TABLE idempotency_keys;
DROP TABLE service_clients;
DROP TABLE vault_audit;
DROP TABLE vault_meta;
DROP TABLE vault_entries;
DROP TABLE vault_systems;
DROP TABLE ip_allowlist;
DROP TABLE credentials;
DROP TABLE verification_forms;
DROP TABLE attachments;
DROP TABLE request_events;
DROP FUNCTION append_only();
DROP TABLE counters;
DROP TABLE requests;
DROP TABLE refresh_tokens;
DROP TABLE device_codes;
DROP TABLE signing_keys;
DROP TABLE user_institutions;
DROP TABLE users;
DROP TABLE institutions;
DROP TABLE catalog_revision;
DROP TABLE terms;
DROP TABLE api_environments;
DROP TABLE apis;
