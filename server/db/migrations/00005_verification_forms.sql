-- +goose Up
-- The technical verification form of form_res316 / form_standard
-- requests (FAQ 3.19). complete gates the credential.
CREATE TABLE verification_forms (
    request_id TEXT PRIMARY KEY REFERENCES requests (id),
    body       TEXT NOT NULL,
    complete   INTEGER NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE verification_forms;
