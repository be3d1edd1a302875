-- +goose Up
-- The row count beside the request table, kept per group (status,
-- environment, API) by triggers, so any filter's count is a sum over a
-- few hundred groups instead of a scan of the matches. (No OR IGNORE in
-- the triggers: the upsert that fires them would override it.)
CREATE TABLE request_counts (
    status      TEXT NOT NULL,
    environment TEXT NOT NULL,
    api_id      TEXT NOT NULL,
    n           INTEGER NOT NULL,
    PRIMARY KEY (status, environment, api_id)
) WITHOUT ROWID;
INSERT INTO request_counts (status, environment, api_id, n)
    SELECT status, environment, api_id, count(*) FROM requests GROUP BY status, environment, api_id;

-- +goose StatementBegin
CREATE TRIGGER request_counts_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_counts (status, environment, api_id, n) SELECT NEW.status, NEW.environment, NEW.api_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM request_counts WHERE status = NEW.status AND environment = NEW.environment AND api_id = NEW.api_id);
    UPDATE request_counts SET n = n + 1 WHERE status = NEW.status AND environment = NEW.environment AND api_id = NEW.api_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER request_counts_delete AFTER DELETE ON requests BEGIN
    UPDATE request_counts SET n = n - 1 WHERE status = OLD.status AND environment = OLD.environment AND api_id = OLD.api_id;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER request_counts_update AFTER UPDATE OF status, environment, api_id ON requests
    WHEN OLD.status IS NOT NEW.status OR OLD.environment IS NOT NEW.environment OR OLD.api_id IS NOT NEW.api_id BEGIN
    UPDATE request_counts SET n = n - 1 WHERE status = OLD.status AND environment = OLD.environment AND api_id = OLD.api_id;
    INSERT INTO request_counts (status, environment, api_id, n) SELECT NEW.status, NEW.environment, NEW.api_id, 0
        WHERE NOT EXISTS (SELECT 1 FROM request_counts WHERE status = NEW.status AND environment = NEW.environment AND api_id = NEW.api_id);
    UPDATE request_counts SET n = n + 1 WHERE status = NEW.status AND environment = NEW.environment AND api_id = NEW.api_id;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER request_counts_update;
DROP TRIGGER request_counts_delete;
DROP TRIGGER request_counts_insert;
DROP TABLE request_counts;
