package db

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/gecli/gecli/api"
)

// ListInstitutions returns the institutions whose name or CNPJ contains
// q (every one for ""), by name.
func (d *DB) ListInstitutions(ctx context.Context, q string) ([]api.InstitutionEntry, error) {
	query, args := "SELECT cnpj, name, active FROM institutions", []any{}
	if q = strings.TrimSpace(q); q != "" {
		query += ` WHERE lower(name) LIKE ? ESCAPE '\' OR cnpj LIKE ? ESCAPE '\'`
		like := "%" + likeEscape(strings.ToLower(q)) + "%"
		args = append(args, like, "%"+likeEscape(api.NormalizeCNPJ(q))+"%")
	}
	rows, err := d.query(ctx, query+" ORDER BY name, cnpj", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.InstitutionEntry{}
	for rows.Next() {
		var e api.InstitutionEntry
		if err := rows.Scan(&e.CNPJ, &e.Name, &e.Active); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Institution returns one institution, or ErrNotFound.
func (d *DB) Institution(ctx context.Context, cnpj string) (api.InstitutionEntry, error) {
	var e api.InstitutionEntry
	err := d.queryRow(ctx, "SELECT cnpj, name, active FROM institutions WHERE cnpj = ?", api.NormalizeCNPJ(cnpj)).
		Scan(&e.CNPJ, &e.Name, &e.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	return e, err
}

// CreateInstitution records a new institution (active); ErrConflict when
// its CNPJ is already there.
func (d *DB) CreateInstitution(ctx context.Context, in api.InstitutionCreate) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		cnpj := api.NormalizeCNPJ(in.CNPJ)
		res, err := tx.ExecContext(ctx, "INSERT INTO institutions (cnpj, name) VALUES (?, ?) ON CONFLICT (cnpj) DO NOTHING", cnpj, in.Name)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return ErrConflict
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "institution.created", Target: "institution:" + cnpj,
			After: api.InstitutionEntry{CNPJ: cnpj, Name: in.Name, Active: true}})
		return nil
	})
}

func snapshotInstitution(ctx context.Context, tx *sql.Tx, cnpj string) (api.InstitutionEntry, error) {
	e := api.InstitutionEntry{CNPJ: cnpj}
	err := tx.QueryRowContext(ctx, "SELECT name, active FROM institutions WHERE cnpj = ?", cnpj).Scan(&e.Name, &e.Active)
	if errors.Is(err, sql.ErrNoRows) {
		return e, ErrNotFound
	}
	return e, err
}

// UpdateInstitution changes what p gives; ErrNotFound for an unknown CNPJ.
func (d *DB) UpdateInstitution(ctx context.Context, cnpj string, p api.InstitutionPatch) error {
	cnpj = api.NormalizeCNPJ(cnpj)
	return d.w.do(ctx, func(tx *sql.Tx) error {
		if err := d.lockRow(ctx, tx, "institutions", "cnpj", cnpj); err != nil {
			return err
		}
		before, err := snapshotInstitution(ctx, tx, cnpj)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE institutions SET name = COALESCE(?, name), active = COALESCE(?, active) WHERE cnpj = ?",
			nullable(p.Name), nullableFlag(p.Active), cnpj); err != nil {
			return err
		}
		after, err := snapshotInstitution(ctx, tx, cnpj)
		if err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "institution.updated", Target: "institution:" + cnpj, Before: before, After: after})
		return nil
	})
}

func nullable(s *string) any {
	if s == nil {
		return nil
	}
	return *s
}

func nullableFlag(b *bool) any {
	if b == nil {
		return nil
	}
	return flag(*b)
}
