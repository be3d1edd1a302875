-- +goose Up
-- A window walks the index of its sort order and checks the filters from
-- the index itself (status, environment and api_id are in it), so rows
-- that do not match cost no table read. When the filter is sparse near
-- the window, requests_group finds the matches directly (all of them are
-- few) and only they are sorted, from the index alone (api_name is in it
-- for the sort by API). requests_group also answers counts.
DROP INDEX requests_created;
DROP INDEX requests_name;
DROP INDEX requests_status_env;
CREATE INDEX requests_created ON requests (created_at, id, status, environment, api_id);
CREATE INDEX requests_name ON requests (api_name, id, status, environment, api_id);
CREATE INDEX requests_group ON requests (status, environment, api_id, created_at, id, api_name);

-- +goose Down
DROP INDEX requests_group;
DROP INDEX requests_name;
DROP INDEX requests_created;
CREATE INDEX requests_created ON requests (created_at, id);
CREATE INDEX requests_name ON requests (api_name, id);
CREATE INDEX requests_status_env ON requests (status, environment, api_id);
