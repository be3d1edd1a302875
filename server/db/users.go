package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/gecli/gecli/api"
)

// ErrUnknownInstitution: a user may be linked only to a registered
// institution.
var ErrUnknownInstitution = errors.New("institution not registered")

const userEntryColumns = "id, username, name, role, disabled, password_hash <> '' OR external = 1, created_at"

func scanUserEntry(s scanner) (api.UserEntry, error) {
	var u api.UserEntry
	err := s.Scan(&u.ID, &u.Username, &u.Name, &u.Role, &u.Disabled, &u.Activated, &u.CreatedAt)
	return u, err
}

// ListUserEntries lists, by username, up to limit people after the
// username after ("" from the start) whose username, name or CPF
// contains q.
func (d *DB) ListUserEntries(ctx context.Context, q, after string, limit int) ([]api.UserEntry, error) {
	query := "SELECT " + userEntryColumns + " FROM users WHERE username > ?"
	args := []any{after}
	if q = strings.ToLower(strings.TrimSpace(q)); q != "" {
		like := "%" + escapeLike(q) + "%"
		cpf := "%" + escapeLike(api.NormalizeCPF(q)) + "%"
		if api.NormalizeCPF(q) == "" {
			cpf = "\x00" // no digits typed: CPF matches nothing
		}
		query += ` AND (lower(username) LIKE ? ESCAPE '\' OR lower(name) LIKE ? ESCAPE '\' OR cpf LIKE ? ESCAPE '\')`
		args = append(args, like, like, cpf)
	}
	rows, err := d.query(ctx, query+" ORDER BY username LIMIT "+strconv.Itoa(limit), args...)
	if err != nil {
		return nil, err
	}
	var out []api.UserEntry
	for rows.Next() {
		u, err := scanUserEntry(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i := range out {
		if out[i].Institutions, err = d.InstitutionsOf(ctx, out[i].Username); err != nil {
			return nil, err
		}
	}
	if out == nil {
		out = []api.UserEntry{}
	}
	return out, nil
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// UserEntry returns one person as administrators see them.
func (d *DB) UserEntry(ctx context.Context, id string) (api.UserEntry, error) {
	u, err := scanUserEntry(d.queryRow(ctx, "SELECT "+userEntryColumns+" FROM users WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return u, ErrNotFound
	}
	if err != nil {
		return u, err
	}
	u.Institutions, err = d.InstitutionsOf(ctx, u.Username)
	return u, err
}

// userSnapshot is a user as the audit keeps it, read inside tx.
type userSnapshot struct {
	Username     string   `json:"username"`
	Name         string   `json:"name"`
	Role         api.Role `json:"role"`
	Disabled     bool     `json:"disabled"`
	Institutions []string `json:"institutions"`
}

func snapshotUser(ctx context.Context, tx *sql.Tx, id string) (userSnapshot, error) {
	var s userSnapshot
	err := tx.QueryRowContext(ctx, "SELECT username, name, role, disabled FROM users WHERE id = ?", id).
		Scan(&s.Username, &s.Name, &s.Role, &s.Disabled)
	if errors.Is(err, sql.ErrNoRows) {
		return s, ErrNotFound
	}
	if err != nil {
		return s, err
	}
	rows, err := tx.QueryContext(ctx, "SELECT cnpj FROM user_institutions WHERE username = ? ORDER BY cnpj", s.Username)
	if err != nil {
		return s, err
	}
	defer rows.Close()
	s.Institutions = []string{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return s, err
		}
		s.Institutions = append(s.Institutions, c)
	}
	return s, rows.Err()
}

// Activation is a one-time code's hash and when it stops working.
type Activation struct {
	Hash    string
	Expires time.Time
}

// AddUser creates a person with no password: they set it with the
// activation code (ErrConflict: the username is taken;
// ErrUnknownInstitution).
func (d *DB) AddUser(ctx context.Context, id string, u api.UserCreate, a Activation) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO users (id, username, name, cpf, role, password_hash, created_at,
			activation_hash, activation_expires) VALUES (?,?,?,?,?,'',?,?,?)`, id, u.Username, api.TrimText(u.Name),
			api.NormalizeCPF(u.CPF), string(u.Role), time.Now().UTC().Format(time.RFC3339), a.Hash, a.Expires.Unix())
		if isUnique(err) {
			return fmt.Errorf("usuário %q: %w", u.Username, ErrConflict)
		}
		if err != nil {
			return err
		}
		if err := linkInstitutions(ctx, tx, u.Username, u.Institutions); err != nil {
			return err
		}
		after, err := snapshotUser(ctx, tx, id)
		if err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "user.created", Target: "user:" + u.Username, After: after})
		return nil
	})
}

// linkInstitutions replaces a username's institution links.
func linkInstitutions(ctx context.Context, tx *sql.Tx, username string, cnpjs []string) error {
	if _, err := tx.ExecContext(ctx, "DELETE FROM user_institutions WHERE username = ?", username); err != nil {
		return err
	}
	for _, c := range cnpjs {
		c = api.NormalizeCNPJ(c)
		var n int
		if err := tx.QueryRowContext(ctx, "SELECT count(*) FROM institutions WHERE cnpj = ?", c).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("%s: %w", api.FormatCNPJ(c), ErrUnknownInstitution)
		}
		if _, err := tx.ExecContext(ctx, "INSERT INTO user_institutions (username, cnpj) VALUES (?, ?) ON CONFLICT DO NOTHING", username, c); err != nil {
			return err
		}
	}
	return nil
}

// PatchUser changes what p gives. Disabling, or changing the role or the
// institutions, ends the person's sign-ins (their access tokens stop at
// their next call); a change that would leave no enabled user with
// profiles:admin is refused.
func (d *DB) PatchUser(ctx context.Context, id string, p api.UserPatch) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		guarded := p.Role != nil || p.Disabled != nil
		if guarded {
			if err := d.lockGuard(ctx, tx); err != nil {
				return err
			}
		}
		if err := d.lockRow(ctx, tx, "users", "id", id); err != nil {
			return err
		}
		before, err := snapshotUser(ctx, tx, id)
		if err != nil {
			return err
		}
		if p.Name != nil {
			if _, err := tx.ExecContext(ctx, "UPDATE users SET name = ? WHERE id = ?", api.TrimText(*p.Name), id); err != nil {
				return err
			}
		}
		if p.Role != nil {
			if _, err := tx.ExecContext(ctx, "UPDATE users SET role = ? WHERE id = ?", string(*p.Role), id); err != nil {
				return err
			}
		}
		if p.Disabled != nil {
			if _, err := tx.ExecContext(ctx, "UPDATE users SET disabled = ? WHERE id = ?", flag(*p.Disabled), id); err != nil {
				return err
			}
			if *p.Disabled {
				if _, err := tx.ExecContext(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE user_id = ?", id); err != nil {
					return err
				}
			}
		}
		if p.Institutions != nil {
			if err := linkInstitutions(ctx, tx, before.Username, *p.Institutions); err != nil {
				return err
			}
		}
		// Tokens carry the role and the institutions: a change to either
		// ends the person's sessions, so it applies at their next call
		// (they sign in again), not when their token expires.
		if p.Role != nil || p.Institutions != nil {
			if _, err := tx.ExecContext(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE user_id = ?", id); err != nil {
				return err
			}
		}
		if guarded {
			if err := checkGuard(ctx, tx); err != nil {
				return err
			}
		}
		after, err := snapshotUser(ctx, tx, id)
		if err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "user.updated", Target: "user:" + before.Username, Before: before, After: after})
		return nil
	})
}

// SetActivation gives a person a new one-time code (the previous one
// stops working); their password, if any, stays until the code is used.
func (d *DB) SetActivation(ctx context.Context, id string, a Activation) error {
	return d.w.do(ctx, func(tx *sql.Tx) error {
		var username string
		var external bool
		err := tx.QueryRowContext(ctx, "SELECT username, external FROM users WHERE id = ?"+d.forUpdate(), id).Scan(&username, &external)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if external {
			return ErrExternalUser
		}
		if _, err := tx.ExecContext(ctx, "UPDATE users SET activation_hash = ?, activation_expires = ? WHERE id = ?",
			a.Hash, a.Expires.Unix(), id); err != nil {
			return err
		}
		record(tx, Audit{Actor: actorOf(ctx), Action: "user.activation_issued", Target: "user:" + username})
		return nil
	})
}

// ErrExternalUser: an external issuer's person has no password here.
var ErrExternalUser = errors.New("user of an external issuer")

// ActivationPending says whether codeHash is an unused, unexpired code of
// an enabled person.
func (d *DB) ActivationPending(ctx context.Context, codeHash string, now time.Time) (bool, error) {
	var n int
	err := d.queryRow(ctx, `SELECT count(*) FROM users WHERE activation_hash = ? AND activation_hash <> ''
		AND activation_expires > ? AND disabled = 0`, codeHash, now.Unix()).Scan(&n)
	return n > 0, err
}

// Activate sets the password of the person whose unexpired code hashes to
// codeHash, ends the code and every earlier sign-in, and answers the
// username (ErrNotFound: no such code, used, expired or user disabled).
func (d *DB) Activate(ctx context.Context, codeHash, passwordHash string, now time.Time) (string, error) {
	var username string
	err := d.w.do(ctx, func(tx *sql.Tx) error {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id, username FROM users WHERE activation_hash = ? AND activation_hash <> ''
			AND activation_expires > ? AND disabled = 0`+d.forUpdate(), codeHash, now.Unix()).Scan(&id, &username)
		if errors.Is(err, sql.ErrNoRows) {
			return ErrNotFound
		}
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = ?, activation_hash = '', activation_expires = 0
			WHERE id = ?`, passwordHash, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, "UPDATE refresh_tokens SET revoked = 1 WHERE user_id = ?", id); err != nil {
			return err
		}
		record(tx, Audit{Actor: Actor{ID: id, Name: username}, Action: "user.activated", Target: "user:" + username})
		return nil
	})
	return username, err
}

// SeeExternalUser records a person of an external issuer at their first
// call (so they can be linked, disabled and counted) and says whether
// they are enabled.
func (d *DB) SeeExternalUser(ctx context.Context, id, username, name string, role api.Role) (enabled bool, err error) {
	var disabled bool
	err = d.queryRow(ctx, "SELECT disabled FROM users WHERE id = ?", id).Scan(&disabled)
	if err == nil {
		return !disabled, nil
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return false, err
	}
	err = d.w.do(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `INSERT INTO users (id, username, name, cpf, role, password_hash, created_at, external)
			VALUES (?,?,?,'',?,'',?,1) ON CONFLICT DO NOTHING`, id, username, name, string(role), time.Now().UTC().Format(time.RFC3339))
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n > 0 {
			record(tx, Audit{Actor: Actor{ID: id, Name: name}, Action: "user.first_sign_in", Target: "user:" + username})
		}
		return nil
	})
	return err == nil, err
}
