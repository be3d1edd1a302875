package db

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/gecli/gecli/api"
)

// A list page is read by row key (on SQLite the rowid every index entry
// holds: one b-tree search per row, where the text id takes two; on
// PostgreSQL the id), without joins: the
// API and institution names of a page are few, so they are looked up once
// each. The credential's gate is read only for approved rows, the only
// ones it changes. At 200 rows this is about half the cost of the joined
// query GetRequest uses.

const pageColumns = `r.id, r.seq, r.api_id, r.environment, r.institution_cnpj,
	r.requester_id, r.requester_name, r.requester_cpf, r.contact_name, r.contact_cpf, r.contact_email, r.contact_phone,
	r.purpose, r.custom_fields, r.terms_id, r.terms_version, r.status, r.rule, r.sei_process, r.sei_state,
	r.created_at, COALESCE(r.decided_at, ''), r.updated_at,
	CASE WHEN r.status = 'approved' THEN ` + formCompleteSQL + ` ELSE 0 END,
	CASE WHEN r.status = 'approved' THEN ` + hasSecretSQL + ` ELSE 0 END`

// ids runs a query of request row keys, in its order.
func (d *DB) ids(ctx context.Context, query string, args ...any) ([]any, error) {
	rows, err := d.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list requests: %w", err)
	}
	defer rows.Close()
	var ids []any
	for rows.Next() {
		var id any // an int64 rowid, or a text id
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// changesFrom runs a sync query of (row key, seq) pairs, in its order,
// and reads those rows, each labelled with the sequence the query saw. A
// row may change between the two reads (its seq then higher); were the
// page labelled with that, the client would move its since= past rows
// committed in between with lower numbers and never see them. Labelled
// with the first read's, it asks again from there, and gets the row's
// newer version too.
func (d *DB) changesFrom(ctx context.Context, query string, args ...any) ([]api.Request, error) {
	rows, err := d.query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list requests: %w", err)
	}
	defer rows.Close()
	var keys []any
	var seqs []int64
	for rows.Next() {
		var key any
		var seq int64
		if err := rows.Scan(&key, &seq); err != nil {
			return nil, err
		}
		keys, seqs = append(keys, key), append(seqs, seq)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	return d.readRows(ctx, keys, seqs)
}

// rowsByID reads the requests of the row ids, in that order.
func (d *DB) rowsByID(ctx context.Context, ids []any, err error) ([]api.Request, error) {
	if err != nil {
		return nil, err
	}
	return d.readRows(ctx, ids, nil)
}

// readRows reads the requests of the row ids, in that order; with seqs
// (one per id), each is labelled with at most its seq.
func (d *DB) readRows(ctx context.Context, ids []any, seqs []int64) ([]api.Request, error) {
	items := make([]api.Request, 0, len(ids))
	if len(ids) == 0 {
		return items, nil
	}
	// On PostgreSQL each query is a round trip: the names come joined (its
	// planner does it well). SQLite, in process, does better by rowid
	// alone and the few names looked up once.
	query := "SELECT " + d.rowKey() + ", " + pageColumns + " FROM requests r WHERE " + d.rowKey() + " IN (" + placeholders(len(ids)) + ")"
	if d.postgres {
		query = "SELECT " + d.rowKey() + ", " + pageColumns + ", COALESCE(a.name, ''), COALESCE(i.name, '') FROM requests r LEFT JOIN apis a ON a.id = r.api_id" +
			" LEFT JOIN institutions i ON i.cnpj = r.institution_cnpj WHERE " + d.rowKey() + " IN (" + placeholders(len(ids)) + ")"
	}
	rows, err := d.query(ctx, query, ids...)
	if err != nil {
		return nil, fmt.Errorf("list requests: %w", err)
	}
	defer rows.Close()
	byRowID := make(map[any]api.Request, len(ids))
	apiNames, instNames := map[string]string{}, map[string]string{}
	for rows.Next() {
		var names []any
		var apiName, instName string
		if d.postgres {
			names = []any{&apiName, &instName}
		}
		rowid, r, err := scanPageRow(rows, names...)
		if err != nil {
			return nil, err
		}
		byRowID[rowid] = r
		apiNames[r.APIID], instNames[r.Institution.CNPJ] = apiName, instName
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	if !d.postgres {
		if err := d.names(ctx, "SELECT id, name FROM apis WHERE id IN ", apiNames); err != nil {
			return nil, err
		}
		if err := d.names(ctx, "SELECT cnpj, name FROM institutions WHERE cnpj IN ", instNames); err != nil {
			return nil, err
		}
	}
	for i, id := range ids {
		if r, ok := byRowID[id]; ok {
			r.APIName, r.Institution.Name = apiNames[r.APIID], instNames[r.Institution.CNPJ]
			if seqs != nil {
				r.Seq = min(r.Seq, seqs[i])
			}
			items = append(items, r)
		}
	}
	return items, nil
}

// names fills the values of keys from query (key, name) rows; a key not
// found keeps "".
func (d *DB) names(ctx context.Context, query string, keys map[string]string) error {
	args := make([]any, 0, len(keys))
	for k := range keys {
		args = append(args, k)
	}
	rows, err := d.query(ctx, query+"("+placeholders(len(args))+")", args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var k, name string
		if err := rows.Scan(&k, &name); err != nil {
			return err
		}
		keys[k] = name
	}
	return rows.Err()
}

// scanPageRow reads a page row, then into more what follows it.
func scanPageRow(s scanner, more ...any) (any, api.Request, error) {
	var rowid any
	var r api.Request
	var fields string
	var formComplete, hasSecret bool
	err := s.Scan(append([]any{&rowid, &r.ID, &r.Seq, &r.APIID, &r.Environment, &r.Institution.CNPJ,
		&r.Requester.ID, &r.Requester.Name, &r.Requester.CPF, &r.TechnicalContact.Name, &r.TechnicalContact.CPF, &r.TechnicalContact.Email,
		&r.TechnicalContact.Phone, &r.Purpose, &fields, &r.Terms.ID, &r.Terms.Version, &r.Status, &r.Rule, &r.SEIProcess, &r.SEIState,
		&r.CreatedAt, &r.DecidedAt, &r.UpdatedAt, &formComplete, &hasSecret}, more...)...)
	if err != nil {
		return nil, r, err
	}
	r.Terms.Accepted = true
	if err := json.Unmarshal([]byte(fields), &r.CustomFields); err != nil {
		return nil, r, err
	}
	r.CredentialState = credentialState(r, formComplete, hasSecret)
	return rowid, r, nil
}
