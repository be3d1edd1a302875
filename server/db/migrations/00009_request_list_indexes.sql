-- +goose Up
-- A page of requests walks the index of its order and checks the filters
-- from the index itself (they are in it), so rows that do not match cost
-- no table read; the walk is bounded (listProbe entries). A filter that
-- is sparse there finds its matches through a group index instead (few,
-- so sorting them is cheap). The same pair exists per institution, for
-- requesters, and for the sync walk in change order.
DROP INDEX requests_recent;
DROP INDEX requests_institution;
CREATE INDEX requests_recent ON requests (created_at DESC, id DESC, status, environment, api_id, institution_cnpj);
CREATE INDEX requests_institution ON requests (institution_cnpj, created_at DESC, id DESC, status, environment, api_id);
CREATE INDEX requests_group ON requests (status, environment, api_id, created_at DESC, id DESC);
CREATE INDEX requests_inst_group ON requests (institution_cnpj, status, environment, api_id, created_at DESC, id DESC);
CREATE INDEX requests_inst_seq ON requests (institution_cnpj, seq);

-- +goose Down
DROP INDEX requests_inst_seq;
DROP INDEX requests_inst_group;
DROP INDEX requests_group;
DROP INDEX requests_institution;
DROP INDEX requests_recent;
CREATE INDEX requests_recent ON requests (created_at DESC, id DESC);
CREATE INDEX requests_institution ON requests (institution_cnpj, created_at DESC, id DESC);
