package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/gecli/gecli/api"
)

// ErrAPINotReady says an API cannot be published yet: it lacks current
// terms of use or an environment (FAQ 3.6).
var ErrAPINotReady = errors.New("API sem termo de uso vigente ou sem ambiente")

// CreateAPI stores a new API as a draft (no terms yet); ErrConflict when
// the id is taken.
func (d *DB) CreateAPI(ctx context.Context, w api.APIWrite) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		// The row first (its id claimed, the rest empty), then the same
		// write an update does.
		res, err := tx.ExecContext(ctx, `INSERT INTO apis (id, name, acronym, description, category, system_type, owner,
			auth_type, openapi_doc, custom_fields, sort_key, search_text, updated_at, state) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT (id) DO NOTHING`, w.ID, "", "", "", "", "", "", "", []byte{}, "[]", "", "", "", string(api.APIDraft))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrConflict
		}
		if err := writeAPI(ctx, tx, w); err != nil {
			return err
		}
		return auditAPI(ctx, tx, "api.created", w.ID, nil)
	})
}

// UpdateAPI replaces what an administrator describes of an API, in any
// state; ErrNotFound for an unknown id.
func (d *DB) UpdateAPI(ctx context.Context, w api.APIWrite) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		var state string
		if err := tx.QueryRowContext(ctx, "SELECT state FROM apis WHERE id = ?"+d.forUpdate(), w.ID).Scan(&state); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		before, err := snapshotAPI(ctx, tx, w.ID)
		if err != nil {
			return err
		}
		if err := writeAPI(ctx, tx, w); err != nil {
			return err
		}
		return auditAPI(ctx, tx, "api.updated", w.ID, before)
	})
}

// writeAPI sets an API's fields and environments, and bumps the
// catalog's revision (clients' ETags).
func writeAPI(ctx context.Context, tx *sql.Tx, w api.APIWrite) error {
	fields, err := json.Marshal(nonNil(w.CustomFields))
	if err != nil {
		return err
	}
	var ruleHMG, rulePRD any
	if w.Rule != nil {
		ruleHMG, rulePRD = string(w.Rule.HMG), string(w.Rule.PRD)
	}
	search := searchText(w.Name, w.Acronym, w.Description, w.Owner, w.ID, w.Category)
	if _, err := tx.ExecContext(ctx, `UPDATE apis SET name = ?, acronym = ?, description = ?, category = ?, system_type = ?,
		owner = ?, auth_type = ?, custom_fields = ?, rule_hmg = ?, rule_prd = ?, sort_key = ?, search_text = ?, updated_at = ?
		WHERE id = ?`, w.Name, w.Acronym, w.Description, string(w.Category), string(w.SystemType), w.Owner, w.AuthType,
		string(fields), ruleHMG, rulePRD, api.Fold(w.Name), search, time.Now().UTC().Format(time.RFC3339), w.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM api_environments WHERE api_id = ?", w.ID); err != nil {
		return err
	}
	for _, e := range w.Environments {
		if _, err := tx.ExecContext(ctx, "INSERT INTO api_environments (api_id, name, base_url) VALUES (?,?,?)",
			w.ID, string(e.Name), e.BaseURL); err != nil {
			return err
		}
	}
	return bumpCatalog(ctx, tx)
}

func bumpCatalog(ctx context.Context, tx *sql.Tx) error {
	_, err := tx.ExecContext(ctx, "UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1")
	return err
}

// SetAPIState moves an API to state: publishing needs current terms and
// an environment (ErrAPINotReady); ErrNotFound for an unknown id.
func (d *DB) SetAPIState(ctx context.Context, id string, state api.APIState) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		var cur string
		if err := tx.QueryRowContext(ctx, "SELECT state FROM apis WHERE id = ?"+d.forUpdate(), id).Scan(&cur); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		if cur == string(state) {
			return nil // already so: nothing changes, nothing to record
		}
		if state == api.APIPublished {
			var terms, envs int
			if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM terms WHERE api_id = ? AND is_current = 1),
				(SELECT count(*) FROM api_environments WHERE api_id = ?)`, id, id).Scan(&terms, &envs); err != nil {
				return err
			}
			if terms == 0 || envs == 0 {
				return ErrAPINotReady
			}
		}
		if _, err := tx.ExecContext(ctx, "UPDATE apis SET state = ?, updated_at = ? WHERE id = ?",
			string(state), time.Now().UTC().Format(time.RFC3339), id); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "api." + map[api.APIState]string{api.APIPublished: "published", api.APIRetired: "retired"}[state],
			Target: "api:" + id, Before: map[string]string{"state": cur}, After: map[string]string{"state": string(state)}})
		return bumpCatalog(ctx, tx)
	})
}

// AddTerms makes a PDF the current terms of use of an API, as version;
// the earlier ones stay (a request keeps the version it accepted).
// ErrConflict when that version exists; ErrNotFound for an unknown API.
func (d *DB) AddTerms(ctx context.Context, apiID, version string, pdf []byte, at time.Time) (api.Terms, error) {
	sum := sha256.Sum256(pdf)
	t := api.Terms{ID: "termo-" + apiID + "-v" + version, Version: version, SHA256: hex.EncodeToString(sum[:])}
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		var state string
		if err := tx.QueryRowContext(ctx, "SELECT state FROM apis WHERE id = ?"+d.forUpdate(), apiID).Scan(&state); errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		} else if err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM terms WHERE id = ? OR (api_id = ? AND version = ?)", t.ID, apiID, version).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return ErrConflict
		}
		if _, err := tx.ExecContext(ctx, "UPDATE terms SET is_current = 0 WHERE api_id = ? AND is_current = 1", apiID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO terms (id, api_id, version, sha256, pdf, published_at, is_current)
			VALUES (?,?,?,?,?,?,1)`, t.ID, apiID, version, t.SHA256, pdf, at.UTC().Format(time.RFC3339)); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "api.terms_published", Target: "api:" + apiID,
			After: map[string]any{"version": version, "sha256": t.SHA256, "size": len(pdf)}})
		return bumpCatalog(ctx, tx)
	})
	return t, err
}

// SetOpenAPIDoc stores an API's OpenAPI document (validated by the
// caller); ErrNotFound for an unknown API.
func (d *DB) SetOpenAPIDoc(ctx context.Context, id string, doc []byte) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE apis SET openapi_doc = ?, updated_at = ? WHERE id = ?", doc, time.Now().UTC().Format(time.RFC3339), id)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrNotFound
		}
		sum := sha256.Sum256(doc)
		record(tx, Audit{Actor: actorOf(ctx), Action: "api.openapi_stored", Target: "api:" + id,
			After: map[string]any{"sha256": hex.EncodeToString(sum[:]), "size": len(doc)}})
		return bumpCatalog(ctx, tx)
	})
}

// apiSnapshot is an API as the audit keeps it: what an administrator
// describes, read inside the write's transaction.
type apiSnapshot struct {
	Name, Acronym, Description, Category, SystemType, Owner, AuthType, State string
	CustomFields                                                             json.RawMessage
	Environments                                                             map[string]string
}

func snapshotAPI(ctx context.Context, tx *sql.Tx, id string) (apiSnapshot, error) {
	var s apiSnapshot
	var fields string
	if err := tx.QueryRowContext(ctx, `SELECT name, acronym, description, category, system_type, owner, auth_type, state,
		custom_fields FROM apis WHERE id = ?`, id).Scan(&s.Name, &s.Acronym, &s.Description, &s.Category, &s.SystemType,
		&s.Owner, &s.AuthType, &s.State, &fields); err != nil {
		return s, err
	}
	s.CustomFields = json.RawMessage(fields)
	rows, err := tx.QueryContext(ctx, "SELECT name, base_url FROM api_environments WHERE api_id = ?", id)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	s.Environments = map[string]string{}
	for rows.Next() {
		var name, url string
		if err := rows.Scan(&name, &url); err != nil {
			return s, err
		}
		s.Environments[name] = url
	}
	return s, rows.Err()
}

// auditAPI records action on API id with its state now as after.
func auditAPI(ctx context.Context, tx *sql.Tx, action, id string, before any) error {
	after, err := snapshotAPI(ctx, tx, id)
	if err != nil {
		return err
	}
	a := Audit{Actor: actorOf(ctx), Action: action, Target: "api:" + id, After: after}
	if before != nil {
		if auditJSON(before) == auditJSON(after) {
			return nil // saved as it was: no change to record
		}
		a.Before = before
	}
	record(tx, a)
	return nil
}

// TermsVersions lists an API's terms of use, newest first.
func (d *DB) TermsVersions(ctx context.Context, apiID string) ([]api.TermsVersion, error) {
	rows, err := d.query(ctx, `SELECT id, version, sha256, published_at, is_current FROM terms WHERE api_id = ?
		ORDER BY published_at DESC, id DESC`, apiID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.TermsVersion{}
	for rows.Next() {
		var t api.TermsVersion
		if err := rows.Scan(&t.ID, &t.Version, &t.SHA256, &t.PublishedAt, &t.Current); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}
