-- +goose Up
-- Windows read through the index of their sort order (INDEXED BY) and
-- counts through requests_status_env, so these only slowed every write.
DROP INDEX requests_status_created;
DROP INDEX requests_api_created;

-- +goose Down
CREATE INDEX requests_status_created ON requests (status, created_at, id);
CREATE INDEX requests_api_created ON requests (api_id, created_at, id);
