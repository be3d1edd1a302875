-- +goose Up
-- Rate-limit buckets kept in the database when replicas share it
-- (PostgreSQL): each replica alone would give an attacker N times the
-- attempts. tokens refill at the limit's rate since at (unix nanoseconds).
-- (On SQLite one process serves, and keeps its buckets in memory.)
CREATE TABLE rate_limits (
    name   TEXT NOT NULL,
    key    TEXT NOT NULL,
    tokens REAL NOT NULL,
    at     INTEGER NOT NULL,
    PRIMARY KEY (name, key)
);
CREATE INDEX rate_limits_at ON rate_limits (at);

-- +goose Down
DROP TABLE rate_limits;
