-- +goose Up
-- Single-use links to one attachment (issue 17), for a person whose
-- terminal runs elsewhere (gecli ssh): only the token's SHA-256 is kept;
-- the row is deleted when the link is used, and swept once expired. The
-- sign-in that made it is kept so that a link dies with its session.
CREATE TABLE download_links (
    token_hash    TEXT PRIMARY KEY,
    request_id    TEXT NOT NULL REFERENCES requests (id),
    attachment_id TEXT NOT NULL,
    user_id       TEXT NOT NULL,
    username      TEXT NOT NULL,
    role          TEXT NOT NULL,
    session_id    TEXT NOT NULL,
    expires_at    INTEGER NOT NULL
);
CREATE INDEX download_links_expiry ON download_links (expires_at);

-- +goose Down
DROP TABLE download_links;
