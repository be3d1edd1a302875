package db

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
)

// CatalogFilter narrows the catalog. Zero values mean "any".
type CatalogFilter struct {
	Query    string // words, each must appear in name, acronym, description or owner
	Category api.Category
	Env      api.Environment
	// States are the states listed; none: published only (the public
	// catalog).
	States []api.APIState
}

// NewAPI is what is needed to publish an API with its first terms of use.
type NewAPI struct {
	API        api.API // Terms.SHA256 and Rule are computed here
	OpenAPIDoc []byte
	TermsPDF   []byte
	RuleOver   *api.RuleSet // nil: the approval matrix decides
}

const apiColumns = `a.id, a.name, a.acronym, a.description, a.category, a.system_type, a.owner,
	a.auth_type, a.custom_fields, a.rule_hmg, a.rule_prd,
	COALESCE(t.id, ''), COALESCE(t.version, ''), COALESCE(t.sha256, ''), a.state`

const apiFrom = ` FROM apis a LEFT JOIN terms t ON t.api_id = a.id AND t.is_current = 1`

// ListAPIs returns the catalog in name order, filtered.
func (d *DB) ListAPIs(ctx context.Context, f CatalogFilter) ([]api.API, error) {
	where := []string{"a.state = 'published'"} // the public catalog
	var args []any
	if len(f.States) > 0 {
		where[0] = "a.state IN (" + placeholders(len(f.States)) + ")"
		for _, st := range f.States {
			args = append(args, string(st))
		}
	}
	for _, word := range strings.Fields(api.Fold(f.Query)) {
		where = append(where, `a.search_text LIKE ? ESCAPE '\'`)
		args = append(args, "%"+likeEscape(word)+"%")
	}
	if f.Category != "" {
		where = append(where, "a.category = ?")
		args = append(args, string(f.Category))
	}
	if f.Env != "" {
		where = append(where, "EXISTS (SELECT 1 FROM api_environments e WHERE e.api_id = a.id AND e.name = ?)")
		args = append(args, string(f.Env))
	}
	q := "SELECT " + apiColumns + apiFrom + " WHERE " + strings.Join(where, " AND ")
	q += " ORDER BY a.sort_key, a.id"
	rows, err := d.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list apis: %w", err)
	}
	defer rows.Close()
	items := []api.API{}
	for rows.Next() {
		a, err := scanAPI(rows)
		if err != nil {
			return nil, err
		}
		items = append(items, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list apis: %w", err)
	}
	return items, d.attachEnvironments(ctx, items)
}

// GetAPI returns one API, or ErrNotFound.
func (d *DB) GetAPI(ctx context.Context, id string) (api.API, error) {
	row := d.queryRow(ctx, "SELECT "+apiColumns+apiFrom+" WHERE a.id = ?", id)
	a, err := scanAPI(row)
	if errors.Is(err, sql.ErrNoRows) {
		return api.API{}, ErrNotFound
	}
	if err != nil {
		return api.API{}, err
	}
	items := []api.API{a}
	if err := d.attachEnvironments(ctx, items); err != nil {
		return api.API{}, err
	}
	return items[0], nil
}

// TermsPDF returns the current terms of use of an API and their PDF.
func (d *DB) TermsPDF(ctx context.Context, apiID string) (api.Terms, []byte, error) {
	var t api.Terms
	var pdf []byte
	err := d.queryRow(ctx,
		"SELECT id, version, sha256, pdf FROM terms WHERE api_id = ? AND is_current = 1", apiID).
		Scan(&t.ID, &t.Version, &t.SHA256, &pdf)
	if errors.Is(err, sql.ErrNoRows) {
		return t, nil, ErrNotFound
	}
	return t, pdf, err
}

// OpenAPIDoc returns the stored OpenAPI document of an API.
func (d *DB) OpenAPIDoc(ctx context.Context, apiID string) ([]byte, error) {
	var doc []byte
	err := d.queryRow(ctx, "SELECT openapi_doc FROM apis WHERE id = ?", apiID).Scan(&doc)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNotFound
	}
	return doc, err
}

// CatalogRevision changes whenever anything in the catalog does.
func (d *DB) CatalogRevision(ctx context.Context) (int64, error) {
	var rev int64
	err := d.queryRow(ctx, "SELECT revision FROM catalog_revision WHERE id = 1").Scan(&rev)
	return rev, err
}

// CountAPIs tells whether the catalog is empty (seeding only fills an empty one).
func (d *DB) CountAPIs(ctx context.Context) (int, error) {
	var n int
	err := d.queryRow(ctx, "SELECT count(*) FROM apis").Scan(&n)
	return n, err
}

// InsertAPIs publishes APIs with their environments and current terms in
// one transaction: all or nothing.
func (d *DB) InsertAPIs(ctx context.Context, apis []NewAPI) error {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	now := time.Now().UTC().Format(time.RFC3339)
	for _, n := range apis {
		if err := insertAPI(ctx, tx, n, now); err != nil {
			return fmt.Errorf("insert api %s: %w", n.API.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "UPDATE catalog_revision SET revision = revision + 1 WHERE id = 1"); err != nil {
		return err
	}
	return d.w.commit(tx)
}

func insertAPI(ctx context.Context, tx *sql.Tx, n NewAPI, now string) error {
	a := n.API
	if err := api.ValidateAPIID(a.ID); err != nil {
		return err
	}
	if !a.Category.Valid() || !a.SystemType.Valid() {
		return fmt.Errorf("invalid category %q or system type %q", a.Category, a.SystemType)
	}
	if err := api.ValidatePDF(n.TermsPDF); err != nil {
		return fmt.Errorf("terms: %w", err)
	}
	fields, err := json.Marshal(nonNil(a.CustomFields))
	if err != nil {
		return err
	}
	var ruleHMG, rulePRD any
	if n.RuleOver != nil {
		ruleHMG, rulePRD = string(n.RuleOver.HMG), string(n.RuleOver.PRD)
	}
	search := searchText(a.Name, a.Acronym, a.Description, a.Owner, a.ID, a.Category)
	if _, err := tx.ExecContext(ctx, `INSERT INTO apis (id, name, acronym, description, category,
		system_type, owner, auth_type, openapi_doc, custom_fields, rule_hmg, rule_prd, sort_key,
		search_text, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
		a.ID, a.Name, a.Acronym, a.Description, string(a.Category), string(a.SystemType), a.Owner,
		a.AuthType, n.OpenAPIDoc, string(fields), ruleHMG, rulePRD, api.Fold(a.Name), search, now); err != nil {
		return err
	}
	for _, e := range a.Environments {
		if !e.Name.Valid() {
			return fmt.Errorf("invalid environment %q", e.Name)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO api_environments (api_id, name, base_url) VALUES (?,?,?)",
			a.ID, string(e.Name), e.BaseURL); err != nil {
			return err
		}
	}
	sum := sha256.Sum256(n.TermsPDF)
	_, err = tx.ExecContext(ctx, `INSERT INTO terms (id, api_id, version, sha256, pdf, published_at, is_current)
		VALUES (?,?,?,?,?,?,1)`, a.Terms.ID, a.ID, a.Terms.Version, hex.EncodeToString(sum[:]), n.TermsPDF, now)
	return err
}

type scanner interface{ Scan(...any) error }

func scanAPI(s scanner) (api.API, error) {
	var a api.API
	var fields string
	var ruleHMG, rulePRD sql.NullString
	if err := s.Scan(&a.ID, &a.Name, &a.Acronym, &a.Description, &a.Category, &a.SystemType,
		&a.Owner, &a.AuthType, &fields, &ruleHMG, &rulePRD, &a.Terms.ID, &a.Terms.Version,
		&a.Terms.SHA256, &a.State); err != nil {
		return a, err
	}
	if err := json.Unmarshal([]byte(fields), &a.CustomFields); err != nil {
		return a, fmt.Errorf("api %s custom fields: %w", a.ID, err)
	}
	a.CustomFields = nonNil(a.CustomFields)
	a.Rule = api.ApprovalMatrix[a.SystemType]
	if ruleHMG.Valid {
		a.Rule.HMG = api.Rule(ruleHMG.String)
	}
	if rulePRD.Valid {
		a.Rule.PRD = api.Rule(rulePRD.String)
	}
	return a, nil
}

// attachEnvironments fills Environments for items with one query.
func (d *DB) attachEnvironments(ctx context.Context, items []api.API) error {
	if len(items) == 0 {
		return nil
	}
	idx := make(map[string]int, len(items))
	for i := range items {
		idx[items[i].ID] = i
		items[i].Environments = []api.APIEnvironment{}
	}
	// Environments sort hmg before prd alphabetically, which is display order.
	rows, err := d.query(ctx, "SELECT api_id, name, base_url FROM api_environments ORDER BY api_id, name")
	if err != nil {
		return fmt.Errorf("list environments: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var e api.APIEnvironment
		if err := rows.Scan(&id, &e.Name, &e.BaseURL); err != nil {
			return err
		}
		if i, ok := idx[id]; ok {
			items[i].Environments = append(items[i].Environments, e)
		}
	}
	return rows.Err()
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// searchText is what the catalog's search looks in. Category labels are
// searchable too: "notificação" finds the notification services even when
// their names do not say so.
func searchText(name, acronym, description, owner, id string, c api.Category) string {
	return api.Fold(strings.Join([]string{name, acronym, description, owner, id, c.Label(api.PtBR), c.Label(api.En)}, " "))
}
