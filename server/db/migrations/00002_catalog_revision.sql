-- +goose Up
-- A counter bumped in the same transaction as every catalog change, so
-- ETags can be derived from it without building the response.
CREATE TABLE catalog_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO catalog_revision (id, revision) VALUES (1, 0);

-- +goose Down
DROP TABLE catalog_revision;
