package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
)

// copyOrder is every table of the schema, each after those it refers to;
// TestEveryTableIsCopied keeps it complete.
var copyOrder = []string{
	"apis", "api_environments", "terms", "catalog_revision",
	"institutions", "users", "user_institutions", "signing_keys", "device_codes", "refresh_tokens",
	"counters", "requests", "request_events", "attachments", "verification_forms", "credentials", "ip_allowlist",
	"vault_systems", "vault_entries", "vault_meta", "vault_audit", "service_clients",
	"idempotency_keys", "server_keys", "rate_limits",
	"profiles", "opinions", "audit_events", "audit_checkpoints", "sei_outbox", "sei_log", "download_links",
	"announcements", "maintenance", "webhooks", "webhook_outbox",
}

// seededTables hold rows the migrations write; a copy replaces them.
var seededTables = map[string]bool{"catalog_revision": true, "counters": true, "vault_systems": true, "profiles": true}

// CopyReport is what a copy moved: rows per table, and requests whose
// history chain was verified on the destination.
type CopyReport struct {
	Rows     map[string]int64
	Verified int
}

// ErrNotEmpty says the destination of a copy already has data.
var ErrNotEmpty = errors.New("o banco de destino já tem dados")

// CopyAll copies every row of from into to (a fresh, migrated database,
// for instance PostgreSQL from SQLite) in one transaction of to, then
// checks that every table has as many rows on both sides and that every
// request's history chain still verifies. Nothing is written to from.
func CopyAll(ctx context.Context, from, to *DB, progress func(table string, rows int64)) (CopyReport, error) {
	rep := CopyReport{Rows: map[string]int64{}}
	for _, t := range copyOrder {
		if seededTables[t] {
			continue
		}
		var n int64
		if err := to.queryRow(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return rep, err
		}
		if n > 0 {
			return rep, fmt.Errorf("%w (%s: %d linhas)", ErrNotEmpty, t, n)
		}
	}
	err := to.w.do(ctx, func(tx *sql.Tx) error {
		for _, t := range copyOrder {
			if seededTables[t] {
				if _, err := tx.ExecContext(ctx, "DELETE FROM "+t); err != nil {
					return err
				}
			}
			n, err := copyTable(ctx, from.r, tx, t)
			if err != nil {
				return fmt.Errorf("%s: %w", t, err)
			}
			rep.Rows[t] = n
			if to.postgres {
				// Statistics now, before the next tables' foreign keys are
				// checked against this one: planned for the empty table it
				// was, each check would scan it whole (a million-request
				// copy stalled on its history for that).
				if _, err := tx.ExecContext(ctx, "ANALYZE "+t); err != nil {
					return err
				}
			}
			if progress != nil {
				progress(t, n)
			}
		}
		if to.postgres { // ids given explicitly: the identities go on after them
			for _, t := range []string{"vault_audit", "sei_outbox", "sei_log"} {
				if _, err := tx.ExecContext(ctx, `SELECT setval(pg_get_serial_sequence('`+t+`', 'id'),
					COALESCE((SELECT max(id) FROM `+t+`), 0) + 1, false)`); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return rep, err
	}
	for _, t := range copyOrder {
		var n int64
		if err := to.queryRow(ctx, "SELECT count(*) FROM "+t).Scan(&n); err != nil {
			return rep, err
		}
		if n != rep.Rows[t] {
			return rep, fmt.Errorf("%s: %d linhas copiadas, %d no destino", t, rep.Rows[t], n)
		}
	}
	ids, err := to.r.QueryContext(ctx, "SELECT id FROM requests")
	if err != nil {
		return rep, err
	}
	var all []string
	for ids.Next() {
		var id string
		if err := ids.Scan(&id); err != nil {
			ids.Close()
			return rep, err
		}
		all = append(all, id)
	}
	ids.Close()
	for _, id := range all {
		if err := to.VerifyHistory(ctx, id); err != nil {
			return rep, fmt.Errorf("histórico de %s: %w", id, err)
		}
		rep.Verified++
	}
	return rep, nil
}

// copyBatch bounds the rows of one INSERT, under both engines' limits on
// bound parameters (SQLite's 32,766; PostgreSQL's 65,535).
func copyBatch(columns int) int { return max(1, min(500, 30_000/columns)) }

// copyBatchBytes bounds the text and blobs of one INSERT: attachments are
// up to 10 MiB each, and PostgreSQL refuses a message over 1 GiB.
const copyBatchBytes = 32 << 20

// copyTable inserts every row of table from src into tx, column by column
// as the source has them, many rows per statement (one statement per row
// made a million-request copy into PostgreSQL take most of an hour: a
// round trip each).
func copyTable(ctx context.Context, src *sql.DB, tx *sql.Tx, table string) (int64, error) {
	rows, err := src.QueryContext(ctx, "SELECT * FROM "+table)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, err
	}
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	head := "INSERT INTO " + table + " (" + strings.Join(quoted, ", ") + ") VALUES "
	tuple := "(" + placeholders(len(cols)) + ")"
	batch := copyBatch(len(cols))
	full := head + strings.TrimSuffix(strings.Repeat(tuple+", ", batch), ", ")
	pending := make([]any, 0, batch*len(cols))
	flush := func() error {
		if len(pending) == 0 {
			return nil
		}
		query := full
		if k := len(pending) / len(cols); k < batch {
			query = head + strings.TrimSuffix(strings.Repeat(tuple+", ", k), ", ")
		}
		_, err := tx.ExecContext(ctx, query, pending...)
		pending = pending[:0]
		return err
	}
	values := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range values {
		ptrs[i] = &values[i]
	}
	var n int64
	size := 0
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		pending = append(pending, values...)
		n++
		for _, v := range values {
			switch v := v.(type) {
			case []byte:
				size += len(v)
			case string:
				size += len(v)
			}
		}
		if len(pending) == batch*len(cols) || size >= copyBatchBytes {
			if err := flush(); err != nil {
				return n, err
			}
			size = 0
		}
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, flush()
}
