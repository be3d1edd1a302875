-- +goose Up
-- The expiry sweep (sweep.go) finds what has expired by these, instead of
-- reading every sign-in ever made.
CREATE INDEX device_codes_expiry ON device_codes (expires_at);
CREATE INDEX refresh_tokens_expiry ON refresh_tokens (expires_at);

-- +goose Down
DROP INDEX refresh_tokens_expiry;
DROP INDEX device_codes_expiry;
