package store

import (
	"context"
	"encoding/json"
	"time"

	"github.com/gecli/gecli/api"
)

// SaveCredentials replaces the cached credential list.
func (s *Store) SaveCredentials(ctx context.Context, items []api.Credential, at time.Time) (err error) {
	defer s.fail(&err, OpWrite, EntityCredentials, "")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := tx.ExecContext(ctx, "DELETE FROM credentials"); err != nil {
		return err
	}
	stamp := at.UTC().Format(time.RFC3339Nano)
	for i, c := range items {
		body, err := json.Marshal(c)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO credentials (position, body, fetched_at) VALUES (?,?,?)", i, string(body), stamp); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// Credentials returns the cached list and when it was fetched (zero: never).
func (s *Store) Credentials(ctx context.Context) (_ []api.Credential, _ time.Time, err error) {
	defer s.fail(&err, OpRead, EntityCredentials, "")
	rows, err := s.db.QueryContext(ctx, "SELECT body, fetched_at FROM credentials ORDER BY position")
	if err != nil {
		return nil, time.Time{}, err
	}
	defer rows.Close()
	var out []api.Credential
	var at time.Time
	for rows.Next() {
		var body, stamp string
		if err := rows.Scan(&body, &stamp); err != nil {
			return nil, at, err
		}
		var c api.Credential
		if err := json.Unmarshal([]byte(body), &c); err != nil {
			return nil, at, &Error{Op: OpCorrupt, Entity: EntityCredentials, Path: s.path, Err: err}
		}
		at, _ = time.Parse(time.RFC3339Nano, stamp)
		out = append(out, c)
	}
	return out, at, rows.Err()
}
