-- +goose Up
-- Counting by status and environment reads this index alone (the count
-- beside the table), instead of visiting every matching row.
CREATE INDEX requests_status_env ON requests (status, environment, api_id);

-- +goose Down
DROP INDEX requests_status_env;
