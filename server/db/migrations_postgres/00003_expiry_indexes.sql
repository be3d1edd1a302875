-- +goose Up
-- migrations/00011_expiry_indexes.sql
CREATE INDEX device_codes_expiry ON device_codes (expires_at);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- +goose Down
DROP INDEX refresh_tokens_expiry;
DROP INDEX device_codes_expiry;
