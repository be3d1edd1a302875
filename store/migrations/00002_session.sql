-- +goose Up
-- The signed-in session of this cache's server: tokens and where to
-- refresh and revoke them. One row; the file is 0600.
CREATE TABLE session (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    access_token  TEXT NOT NULL,
    refresh_token TEXT NOT NULL,
    expiry        TEXT NOT NULL,
    issuer        TEXT NOT NULL,
    client_id     TEXT NOT NULL,
    token_url     TEXT NOT NULL,
    revoke_url    TEXT NOT NULL
);

-- +goose Down
DROP TABLE session;
