-- +goose Up
CREATE TABLE institutions (
    cnpj TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

-- Local users of the embedded issuer. password_hash is argon2id (PHC form).
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

-- Links users to institutions; keyed by username so that users of an
-- external issuer (no local password) can be linked too.
CREATE TABLE user_institutions (
    username TEXT NOT NULL,
    cnpj     TEXT NOT NULL REFERENCES institutions (cnpj),
    PRIMARY KEY (username, cnpj)
);

-- Signing keys of the embedded issuer; the newest active one signs, all
-- listed ones verify (rotation).
CREATE TABLE signing_keys (
    kid         TEXT PRIMARY KEY,
    alg         TEXT NOT NULL,
    private_der BLOB NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
);

-- RFC 8628 device authorizations. Only a hash of the device code is kept.
CREATE TABLE device_codes (
    device_hash  TEXT PRIMARY KEY,
    user_code    TEXT NOT NULL UNIQUE,
    client_id    TEXT NOT NULL,
    expires_at   INTEGER NOT NULL,
    interval_s   INTEGER NOT NULL,
    last_poll_at INTEGER NOT NULL DEFAULT 0,
    status       TEXT NOT NULL DEFAULT 'pending',
    user_id      TEXT
);

-- Rotating refresh tokens, hashed. A token used twice revokes its family.
CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    family_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL REFERENCES users (id),
    client_id  TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER,
    revoked    INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);

-- +goose Down
DROP TABLE refresh_tokens;
DROP TABLE device_codes;
DROP TABLE signing_keys;
DROP TABLE user_institutions;
DROP TABLE users;
DROP TABLE institutions;
