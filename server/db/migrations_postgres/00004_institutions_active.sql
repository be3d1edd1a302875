-- +goose Up
-- migrations/00012_institutions_active.sql
ALTER TABLE institutions ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE institutions DROP COLUMN active;
