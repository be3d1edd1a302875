-- +goose Up
-- migrations/00010_rate_limits.sql
CREATE TABLE rate_limits (
    name   TEXT NOT NULL,
    key    TEXT NOT NULL,
    tokens DOUBLE PRECISION NOT NULL,
    at     BIGINT NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX rate_limits_at ON rate_limits (at);

-- +goose Down
DROP TABLE rate_limits;
