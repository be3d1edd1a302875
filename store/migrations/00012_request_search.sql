-- +goose Up
-- Solicitações' search by request number, SEI process and CNPJ (issue
-- 18). The SEI number lives in the body; sei keeps its digits alone
-- ("00001.004213/2026-51" -> "00001004213202651"), as cnpj keeps the
-- CNPJ's, so a number typed with or without punctuation is a prefix
-- range. Each search has an index that leads with what it searches and
-- holds every column a window filters and sorts on: a search with few
-- matches reads them from that index alone and sorts only them; one with
-- many walks the index of the sort order instead (store/window.go).
ALTER TABLE requests ADD COLUMN sei TEXT NOT NULL DEFAULT '';
UPDATE requests SET sei = replace(replace(replace(replace(json_extract(body, '$.sei_process'), '.', ''), '/', ''), '-', ''), ' ', '')
    WHERE json_extract(body, '$.sei_process') <> '';
CREATE INDEX requests_id ON requests (id, created_at, status, environment, api_id, api_name);
CREATE INDEX requests_cnpj ON requests (cnpj, created_at, id, status, environment, api_id, api_name);
CREATE INDEX requests_sei ON requests (sei, created_at, id, status, environment, api_id, api_name) WHERE sei <> '';

-- +goose Down
DROP INDEX requests_sei;
DROP INDEX requests_cnpj;
DROP INDEX requests_id;
ALTER TABLE requests DROP COLUMN sei;
