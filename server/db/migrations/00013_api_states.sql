-- +goose Up
-- An API is a draft until published (with its terms of use and an
-- environment), and retired when it takes no new request; nothing is
-- deleted. The APIs already there were published.
ALTER TABLE apis ADD COLUMN state TEXT NOT NULL DEFAULT 'published';

-- +goose Down
ALTER TABLE apis DROP COLUMN state;
