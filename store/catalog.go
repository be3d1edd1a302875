package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode"

	"github.com/gecli/gecli/api"
)

const (
	keyCatalogETag   = "catalog.etag"
	keyCatalogSynced = "catalog.synced_at"
)

// CatalogQuery filters the cached catalog. Text matches word prefixes in
// name, acronym, description, owner and category, accents ignored.
type CatalogQuery struct {
	Text     string
	Category api.Category
	Env      api.Environment
}

// CatalogState says what the cache holds and how fresh it is.
type CatalogState struct {
	ETag     string
	SyncedAt time.Time // zero: never synced
	Count    int
}

// ReplaceCatalog stores a full catalog from the server in one transaction,
// with the ETag that revalidates it.
func (s *Store) ReplaceCatalog(ctx context.Context, items []api.API, etag string, at time.Time) (err error) {
	defer s.fail(&err, OpWrite, EntityCatalog, "")
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, q := range []string{"DELETE FROM catalog", "DELETE FROM catalog_fts"} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return err
		}
	}
	ins, err := tx.PrepareContext(ctx, "INSERT INTO catalog (id, sort_key, category, has_hmg, has_prd, body) VALUES (?,?,?,?,?,?)")
	if err != nil {
		return err
	}
	defer ins.Close()
	fts, err := tx.PrepareContext(ctx, "INSERT INTO catalog_fts (id, name, acronym, description, owner, category_label) VALUES (?,?,?,?,?,?)")
	if err != nil {
		return err
	}
	defer fts.Close()
	for _, a := range items {
		body, err := json.Marshal(a)
		if err != nil {
			return err
		}
		if _, err := ins.ExecContext(ctx, a.ID, api.Fold(a.Name), string(a.Category),
			a.Offers(api.EnvHMG), a.Offers(api.EnvPRD), string(body)); err != nil {
			return &Error{Op: OpWrite, Entity: EntityCatalog, ID: a.ID, Path: s.path, Err: err}
		}
		labels := a.Category.Label(api.PtBR) + " " + a.Category.Label(api.En)
		if _, err := fts.ExecContext(ctx, a.ID, a.Name, a.Acronym, a.Description, a.Owner, labels); err != nil {
			return &Error{Op: OpWrite, Entity: EntityCatalog, ID: a.ID, Path: s.path, Err: err}
		}
	}
	seen, err := tx.PrepareContext(ctx, "INSERT INTO api_first_seen (id, at) VALUES (?, ?) ON CONFLICT (id) DO NOTHING")
	if err != nil {
		return err
	}
	defer seen.Close()
	for _, a := range items {
		if _, err := seen.ExecContext(ctx, a.ID, at.UTC().Format(time.RFC3339Nano)); err != nil {
			return err
		}
	}
	if err := setSetting(ctx, tx, keyCatalogETag, etag); err != nil {
		return err
	}
	if err := setSetting(ctx, tx, keyCatalogSynced, at.UTC().Format(time.RFC3339Nano)); err != nil {
		return err
	}
	return tx.Commit()
}

// TouchCatalog records that the server confirmed the cached catalog (304).
func (s *Store) TouchCatalog(ctx context.Context, at time.Time) error {
	return s.SetSetting(ctx, keyCatalogSynced, at.UTC().Format(time.RFC3339Nano))
}

// CatalogState returns the ETag, last sync time and size of the cache.
func (s *Store) CatalogState(ctx context.Context) (_ CatalogState, err error) {
	defer s.fail(&err, OpRead, EntityCatalog, "")
	var st CatalogState
	if st.ETag, err = s.Setting(ctx, keyCatalogETag); err != nil {
		return st, err
	}
	synced, err := s.Setting(ctx, keyCatalogSynced)
	if err != nil {
		return st, err
	}
	if synced != "" {
		st.SyncedAt, _ = time.Parse(time.RFC3339Nano, synced)
	}
	err = s.db.QueryRowContext(ctx, "SELECT count(*) FROM catalog").Scan(&st.Count)
	return st, err
}

// Catalog returns the cached APIs matching q, in name order.
func (s *Store) Catalog(ctx context.Context, q CatalogQuery) ([]api.API, error) {
	out := []api.API{}
	err := s.queryCatalog(ctx, q, "body", func(rows *sql.Rows) error {
		var body []byte
		if err := rows.Scan(&body); err != nil {
			return err
		}
		var a api.API
		if err := json.Unmarshal(body, &a); err != nil {
			return &Error{Op: OpCorrupt, Entity: EntityCatalog, Path: s.path, Err: err}
		}
		out = append(out, a)
		return nil
	})
	return out, err
}

// FieldLabels are the labels of API id's own fields, by name, as the
// cached catalog defines them (none when the API is not cached).
func (s *Store) FieldLabels(ctx context.Context, id string) (_ map[string]string, err error) {
	a, ok, err := s.CachedAPI(ctx, id)
	if err != nil || !ok {
		return nil, err
	}
	labels := make(map[string]string, len(a.CustomFields))
	for _, f := range a.CustomFields {
		labels[f.Name] = f.Label
	}
	return labels, nil
}

// CachedAPI is one API of the cached catalog; ok is false when the cache
// does not have it (retired since, or never synced).
func (s *Store) CachedAPI(ctx context.Context, id string) (a api.API, ok bool, err error) {
	defer s.fail(&err, OpRead, EntityCatalog, id)
	var body []byte
	err = s.db.QueryRowContext(ctx, "SELECT body FROM catalog WHERE id = ?", id).Scan(&body)
	if errors.Is(err, sql.ErrNoRows) {
		return a, false, nil
	}
	if err != nil {
		return a, false, err
	}
	if err := json.Unmarshal(body, &a); err != nil {
		return a, false, &Error{Op: OpCorrupt, Entity: EntityCatalog, Path: s.path, Err: err}
	}
	return a, true, nil
}

// CatalogIDs returns only the ids of the APIs matching q, in name order:
// what a keystroke needs, without decoding any API (the TUI keeps the
// decoded catalog from its last load).
func (s *Store) CatalogIDs(ctx context.Context, q CatalogQuery) ([]string, error) {
	out := []string{}
	err := s.queryCatalog(ctx, q, "id", func(rows *sql.Rows) error {
		var id string
		err := rows.Scan(&id)
		out = append(out, id)
		return err
	})
	return out, err
}

func (s *Store) queryCatalog(ctx context.Context, q CatalogQuery, column string, each func(*sql.Rows) error) (err error) {
	defer s.fail(&err, OpRead, EntityCatalog, "")
	var where []string
	var args []any
	if match := ftsQuery(q.Text); match != "" {
		where = append(where, "id IN (SELECT id FROM catalog_fts WHERE catalog_fts MATCH ?)")
		args = append(args, match)
	} else if strings.TrimSpace(q.Text) != "" {
		return nil // only punctuation: nothing can match
	}
	if q.Category != "" {
		where = append(where, "category = ?")
		args = append(args, string(q.Category))
	}
	switch q.Env {
	case api.EnvHMG:
		where = append(where, "has_hmg = 1")
	case api.EnvPRD:
		where = append(where, "has_prd = 1")
	}
	query := "SELECT " + column + " FROM catalog"
	if len(where) > 0 {
		query += " WHERE " + strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, query+" ORDER BY sort_key, id", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := each(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// APIIDsByName resolves a search by API name or acronym (FAQ 3.13) into
// catalog ids, for the request table: a few hundred catalog rows are
// searched, never the requests themselves.
func (s *Store) APIIDsByName(ctx context.Context, text string) (_ []string, err error) {
	defer s.fail(&err, OpRead, EntityCatalog, "")
	match := ftsQuery(text)
	if match == "" {
		return []string{}, nil
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id FROM catalog_fts WHERE catalog_fts MATCH ?", "{name acronym} : ("+match+")")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// ftsQuery turns what a person typed into an FTS5 query where every word is
// a prefix that must match: "consul cp" -> "consul"* "cp"*. Quoting each
// token means FTS5 operators typed by the user are taken literally.
func ftsQuery(text string) string {
	words := strings.FieldsFunc(text, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	for i, w := range words {
		words[i] = `"` + w + `"*`
	}
	return strings.Join(words, " ")
}

// Doc is a cached OpenAPI document.
type Doc struct {
	Body      []byte
	ETag      string
	FetchedAt time.Time
}

// APIDoc returns the cached OpenAPI document of an API; ok is false when
// none is cached.
func (s *Store) APIDoc(ctx context.Context, id string) (d Doc, ok bool, err error) {
	defer s.fail(&err, OpRead, EntityDoc, id)
	var at string
	err = s.db.QueryRowContext(ctx, "SELECT body, etag, fetched_at FROM api_docs WHERE api_id = ?", id).
		Scan(&d.Body, &d.ETag, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return d, false, nil
	}
	if err != nil {
		return d, false, err
	}
	d.FetchedAt, _ = time.Parse(time.RFC3339Nano, at)
	return d, true, nil
}

// SaveAPIDoc caches an OpenAPI document.
func (s *Store) SaveAPIDoc(ctx context.Context, id string, d Doc) (err error) {
	defer s.fail(&err, OpWrite, EntityDoc, id)
	_, err = s.db.ExecContext(ctx, `INSERT INTO api_docs (api_id, etag, body, fetched_at) VALUES (?,?,?,?)
		ON CONFLICT (api_id) DO UPDATE SET etag = excluded.etag, body = excluded.body, fetched_at = excluded.fetched_at`,
		id, d.ETag, d.Body, d.FetchedAt.UTC().Format(time.RFC3339Nano))
	return err
}
