-- +goose Up
-- Wizard drafts: saved on every step and shortly after every edit, so a
-- quit, a crash or a refused submission never loses what was typed.
CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    body       TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE drafts;
