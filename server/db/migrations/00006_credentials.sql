-- +goose Up
-- One OAuth2 client per approved request (one key per grant, never shared),
-- created with the approval. Only SHA-256 hashes of secrets are kept; the
-- previous hash survives a regeneration until previous_valid_until (unix
-- seconds, grace period).
CREATE TABLE credentials (
    request_id           TEXT PRIMARY KEY REFERENCES requests (id),
    client_id            TEXT NOT NULL UNIQUE,
    secret_hash          TEXT NOT NULL DEFAULT '',
    secret_hint          TEXT NOT NULL DEFAULT '',
    secret_created_at    TEXT NOT NULL DEFAULT '',
    previous_hash        TEXT NOT NULL DEFAULT '',
    previous_valid_until INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL
);
-- Requests approved before this migration get their client now.
INSERT INTO credentials (request_id, client_id, created_at)
SELECT id, environment || '-' || api_id || '-' || lower(hex(randomblob(6))), COALESCE(decided_at, updated_at)
FROM requests WHERE status IN ('approved', 'revoked');

-- Source ranges an institution's clients may call the gateway from.
CREATE TABLE ip_allowlist (
    institution_cnpj TEXT NOT NULL REFERENCES institutions (cnpj),
    position         INTEGER NOT NULL,
    cidr             TEXT NOT NULL,
    PRIMARY KEY (institution_cnpj, position)
);

-- +goose Down
DROP TABLE ip_allowlist;
DROP TABLE credentials;
