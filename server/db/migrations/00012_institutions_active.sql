-- +goose Up
-- An institution an administrator deactivated keeps its requests,
-- credentials and history; its people may submit no new request.
ALTER TABLE institutions ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE institutions DROP COLUMN active;
