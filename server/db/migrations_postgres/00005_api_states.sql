-- +goose Up
-- migrations/00013_api_states.sql
ALTER TABLE apis ADD COLUMN state TEXT NOT NULL DEFAULT 'published';

-- +goose Down
ALTER TABLE apis DROP COLUMN state;
