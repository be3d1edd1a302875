-- +goose Up
-- Avaliação: the justifications typed and not yet sent, one per request
-- (and one for the bulk decision), so esc, a refused decision or a
-- restart never lose them; cleared when the decision is registered.
CREATE TABLE decision_drafts (
    id            TEXT PRIMARY KEY,
    justification TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

-- The institutions the cached requests name (CNPJ and legal name), kept
-- by ApplyRequests: the queue's filters by institution and by CNPJ
-- resolve here into a few CNPJs first (as the API search resolves names
-- against the catalog), never by reading request bodies.
CREATE TABLE request_institutions (
    cnpj TEXT PRIMARY KEY,
    name TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO request_institutions (cnpj, name)
    SELECT cnpj, COALESCE(json_extract(body, '$.institution.name'), '') FROM requests GROUP BY cnpj;

-- The queue: pending requests in their order, with every column the
-- queue filters on (environment, API, CNPJ; the id is the key), so a
-- window of a filtered queue reads this index alone and only the pending
-- entries, however many decided requests the cache holds. When a filter
-- by CNPJ or by number is sparse near the window, its matches are found
-- by the index that leads with what it filters on, and only they are
-- sorted; counts read those too.
CREATE INDEX requests_pending ON requests (created_at, id, environment, api_id, cnpj) WHERE status = 'pending';
CREATE INDEX requests_pending_cnpj ON requests (cnpj, created_at, id, environment, api_id) WHERE status = 'pending';
CREATE INDEX requests_pending_id ON requests (id, created_at, environment, api_id, cnpj) WHERE status = 'pending';

-- +goose Down
DROP INDEX requests_pending_id;
DROP INDEX requests_pending_cnpj;
DROP INDEX requests_pending;
DROP TABLE request_institutions;
DROP TABLE decision_drafts;
