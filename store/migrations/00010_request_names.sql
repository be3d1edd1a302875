-- +goose Up
-- The API names the cached requests carry, per API (a row keeps the name
-- it was synced with, so a renamed API may have two), kept by triggers:
-- the table sorted by API name, searched by API, reads those names'
-- stretches of requests_name instead of walking past every other API.
CREATE TABLE request_names (
    api_id   TEXT NOT NULL,
    api_name TEXT NOT NULL,
    n        INTEGER NOT NULL,
    PRIMARY KEY (api_id, api_name)
) WITHOUT ROWID;
INSERT INTO request_names (api_id, api_name, n)
    SELECT api_id, api_name, count(*) FROM requests GROUP BY api_id, api_name;

-- +goose StatementBegin
CREATE TRIGGER request_names_insert AFTER INSERT ON requests BEGIN
    INSERT INTO request_names (api_id, api_name, n) SELECT NEW.api_id, NEW.api_name, 0
        WHERE NOT EXISTS (SELECT 1 FROM request_names WHERE api_id = NEW.api_id AND api_name = NEW.api_name);
    UPDATE request_names SET n = n + 1 WHERE api_id = NEW.api_id AND api_name = NEW.api_name;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER request_names_delete AFTER DELETE ON requests BEGIN
    UPDATE request_names SET n = n - 1 WHERE api_id = OLD.api_id AND api_name = OLD.api_name;
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER request_names_update AFTER UPDATE OF api_id, api_name ON requests
    WHEN OLD.api_id IS NOT NEW.api_id OR OLD.api_name IS NOT NEW.api_name BEGIN
    UPDATE request_names SET n = n - 1 WHERE api_id = OLD.api_id AND api_name = OLD.api_name;
    INSERT INTO request_names (api_id, api_name, n) SELECT NEW.api_id, NEW.api_name, 0
        WHERE NOT EXISTS (SELECT 1 FROM request_names WHERE api_id = NEW.api_id AND api_name = NEW.api_name);
    UPDATE request_names SET n = n + 1 WHERE api_id = NEW.api_id AND api_name = NEW.api_name;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER request_names_update;
DROP TRIGGER request_names_delete;
DROP TRIGGER request_names_insert;
DROP TABLE request_names;
