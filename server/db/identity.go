package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/gecli/gecli/api"
)

// ErrConflict is returned when a unique value already exists.
var ErrConflict = errors.New("already exists")

// User is a local user of the embedded issuer.
type User struct {
	ID, Username, Name, CPF string
	Role                    api.Role
	PasswordHash            string
	Disabled                bool
	Institutions            []api.Institution
}

// UpsertInstitution records an institution (name updated if it exists).
func (d *DB) UpsertInstitution(ctx context.Context, in api.Institution) error {
	_, err := d.w.exec(ctx, `INSERT INTO institutions (cnpj, name) VALUES (?, ?)
		ON CONFLICT (cnpj) DO UPDATE SET name = excluded.name`, api.NormalizeCNPJ(in.CNPJ), in.Name)
	return err
}

// CreateUser stores a user and links it to institutions (which must exist).
func (d *DB) CreateUser(ctx context.Context, u User) error {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	_, err = tx.ExecContext(ctx, `INSERT INTO users (id, username, name, cpf, role, password_hash, created_at)
		VALUES (?,?,?,?,?,?,?)`, u.ID, u.Username, u.Name, api.NormalizeCPF(u.CPF), string(u.Role), u.PasswordHash,
		time.Now().UTC().Format(time.RFC3339))
	if err != nil {
		if isUnique(err) {
			return fmt.Errorf("usuário %q: %w", u.Username, ErrConflict)
		}
		return err
	}
	for _, in := range u.Institutions {
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM institutions WHERE cnpj = ?", api.NormalizeCNPJ(in.CNPJ)).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			if in.Name == "" {
				return fmt.Errorf("instituição %s não cadastrada", api.FormatCNPJ(in.CNPJ))
			}
			// Another replica may be adding it at this moment.
			if _, err := tx.ExecContext(ctx, "INSERT INTO institutions (cnpj, name) VALUES (?, ?) ON CONFLICT (cnpj) DO NOTHING",
				api.NormalizeCNPJ(in.CNPJ), in.Name); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO user_institutions (username, cnpj) VALUES (?, ?) ON CONFLICT DO NOTHING",
			u.Username, api.NormalizeCNPJ(in.CNPJ)); err != nil {
			return err
		}
	}
	after, err := snapshotUser(ctx, tx, u.ID)
	if err != nil {
		return err
	}
	record(tx, Audit{Actor: actorOf(ctx), Action: "user.created", Target: "user:" + u.Username, After: after})
	return d.w.commit(tx)
}

const userColumns = "id, username, name, cpf, role, password_hash, disabled"

func scanUser(s scanner) (User, error) {
	var u User
	err := s.Scan(&u.ID, &u.Username, &u.Name, &u.CPF, &u.Role, &u.PasswordHash, &u.Disabled)
	return u, err
}

// UserByUsername returns a user with institutions, or ErrNotFound.
func (d *DB) UserByUsername(ctx context.Context, username string) (User, error) {
	return d.userWhere(ctx, "username = ?", username)
}

// UserByID returns a user with institutions, or ErrNotFound.
func (d *DB) UserByID(ctx context.Context, id string) (User, error) {
	return d.userWhere(ctx, "id = ?", id)
}

func (d *DB) userWhere(ctx context.Context, where string, arg any) (User, error) {
	u, err := scanUser(d.queryRow(ctx, "SELECT "+userColumns+" FROM users WHERE "+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, err
	}
	u.Institutions, err = d.InstitutionsOf(ctx, u.Username)
	return u, err
}

// InstitutionsOf lists the institutions linked to a username.
func (d *DB) InstitutionsOf(ctx context.Context, username string) ([]api.Institution, error) {
	rows, err := d.query(ctx, `SELECT i.cnpj, i.name FROM user_institutions ui
		JOIN institutions i ON i.cnpj = ui.cnpj WHERE ui.username = ? ORDER BY i.name`, username)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []api.Institution{}
	for rows.Next() {
		var in api.Institution
		if err := rows.Scan(&in.CNPJ, &in.Name); err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, rows.Err()
}

// Institutions resolves CNPJs to institutions, keeping unknown ones with
// an empty name (an external issuer may name institutions we lack).
func (d *DB) Institutions(ctx context.Context, cnpjs []string) ([]api.Institution, error) {
	out := make([]api.Institution, 0, len(cnpjs))
	for _, c := range cnpjs {
		in := api.Institution{CNPJ: api.NormalizeCNPJ(c)}
		err := d.queryRow(ctx, "SELECT name FROM institutions WHERE cnpj = ?", in.CNPJ).Scan(&in.Name)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

// ListUsers returns every local user in username order.
func (d *DB) ListUsers(ctx context.Context) ([]User, error) {
	rows, err := d.query(ctx, "SELECT "+userColumns+" FROM users ORDER BY username")
	if err != nil {
		return nil, err
	}
	var users []User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		users = append(users, u)
	}
	rows.Close()
	for i := range users {
		if users[i].Institutions, err = d.InstitutionsOf(ctx, users[i].Username); err != nil {
			return nil, err
		}
	}
	return users, rows.Err()
}

// DisableUser blocks sign-in and revokes the user's refresh tokens.
func (d *DB) DisableUser(ctx context.Context, username string) error {
	tx, err := d.w.begin(ctx)
	if err != nil {
		return err
	}
	defer d.w.end(tx)
	res, err := tx.ExecContext(ctx, "UPDATE users SET disabled = 1 WHERE username = ?", username)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return ErrNotFound
	}
	if _, err := tx.ExecContext(ctx, `UPDATE refresh_tokens SET revoked = 1
		WHERE user_id = (SELECT id FROM users WHERE username = ?)`, username); err != nil {
		return err
	}
	record(tx, Audit{Actor: actorOf(ctx), Action: "user.updated", Target: "user:" + username,
		Before: map[string]bool{"disabled": false}, After: map[string]bool{"disabled": true}})
	return d.w.commit(tx)
}

// CountUsers tells whether any user exists (seeding checks it).
func (d *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := d.queryRow(ctx, "SELECT count(*) FROM users").Scan(&n)
	return n, err
}

// InstitutionExists reports whether gecli has the institution registered.
func (d *DB) InstitutionExists(ctx context.Context, cnpj string) (bool, error) {
	var n int
	err := d.queryRow(ctx, "SELECT count(*) FROM institutions WHERE cnpj = ?", api.NormalizeCNPJ(cnpj)).Scan(&n)
	return n > 0, err
}
